/// Builds a step's output bytes and, when asked, the alignment to its input.
///
/// A step walks its input and either copies spans (`copy`) or replaces spans
/// (`replace`); the buffer records both. Copies of adjacent spans merge into one run.
struct EditBuffer {
  /// The output so far.
  var bytes: [UInt8] = []
  /// The alignment so far (only when `tracking`).
  var alignment = Alignment()
  /// Whether to record the alignment.
  let tracking: Bool

  init(capacity: Int, tracking: Bool) {
    bytes.reserveCapacity(capacity)
    self.tracking = tracking
  }

  /// Copies input bytes unchanged.
  @inline(__always)
  mutating func copy(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    guard !range.isEmpty else { return }
    bytes.append(contentsOf: UnsafeBufferPointer(rebasing: input[range]))
    if tracking { alignment.appendUnchanged(range.count) }
  }

  /// Replaces `inputCount` input bytes with `output`.
  @inline(__always)
  mutating func replace(_ inputCount: Int, with output: some Collection<UInt8>) {
    bytes.append(contentsOf: output)
    if tracking { alignment.appendChange(input: inputCount, output: output.count) }
  }

  /// Replaces `inputCount` input bytes with the UTF-8 of one scalar.
  @inline(__always)
  mutating func replace(_ inputCount: Int, withScalar scalar: UInt32) {
    let before = bytes.count
    UTF8Encoding.append(scalar, to: &bytes)
    if tracking { alignment.appendChange(input: inputCount, output: bytes.count - before) }
  }
}

/// Small UTF-8 helpers over bytes (no `Character`, no Foundation).
enum UTF8Encoding {
  /// Appends the UTF-8 encoding of `scalar` (assumed valid) to `bytes`.
  @inline(__always)
  static func append(_ scalar: UInt32, to bytes: inout [UInt8]) {
    switch scalar {
    case 0..<0x80:
      bytes.append(UInt8(scalar))
    case 0x80..<0x800:
      bytes.append(UInt8(0xC0 | (scalar >> 6)))
      bytes.append(UInt8(0x80 | (scalar & 0x3F)))
    case 0x800..<0x10000:
      bytes.append(UInt8(0xE0 | (scalar >> 12)))
      bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      bytes.append(UInt8(0x80 | (scalar & 0x3F)))
    default:
      bytes.append(UInt8(0xF0 | (scalar >> 18)))
      bytes.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
      bytes.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
      bytes.append(UInt8(0x80 | (scalar & 0x3F)))
    }
  }

  /// Decodes the scalar starting at `i` in valid UTF-8 `p`; returns it and its length.
  /// Invalid or truncated sequences decode as U+FFFD of length 1 (callers work on
  /// already-decoded, valid text; this keeps them memory-safe regardless).
  @inline(__always)
  static func decode(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: UInt32, length: Int) {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    let n = p.count
    if b0 >= 0xC2 && b0 < 0xE0, i + 1 < n {
      return (((b0 & 0x1F) << 6) | (UInt32(p[i + 1]) & 0x3F), 2)
    }
    if b0 >= 0xE0 && b0 < 0xF0, i + 2 < n {
      return (((b0 & 0x0F) << 12) | ((UInt32(p[i + 1]) & 0x3F) << 6) | (UInt32(p[i + 2]) & 0x3F), 3)
    }
    if b0 >= 0xF0 && b0 < 0xF5, i + 3 < n {
      return (
        ((b0 & 0x07) << 18) | ((UInt32(p[i + 1]) & 0x3F) << 12) | ((UInt32(p[i + 2]) & 0x3F) << 6)
          | (UInt32(p[i + 3]) & 0x3F), 4
      )
    }
    return (0xFFFD, 1)
  }

  /// Decodes the scalar that ends just before `end`; returns it and its start.
  @inline(__always)
  static func decodeBefore(_ p: UnsafeBufferPointer<UInt8>, _ end: Int) -> (
    scalar: UInt32, start: Int
  ) {
    var s = end - 1
    while s > 0 && end - s < 4 && (p[s] & 0xC0) == 0x80 { s -= 1 }
    let (c, len) = decode(p, at: s)
    if s + len != end { return (0xFFFD, end - 1) }
    return (c, s)
  }
}
