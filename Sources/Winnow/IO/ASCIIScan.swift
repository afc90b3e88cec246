/// Word-at-a-time ASCII scanning over UTF-8 bytes.
enum ASCIIScan {
  /// The high bit of every byte of a word.
  static let highBits: UInt64 = 0x8080_8080_8080_8080

  /// The index of the first byte ≥ 0x80 in `p[from...]`, or `p.count` when there is none.
  /// Checks 16 bytes per step.
  @inline(__always)
  static func firstNonASCII(_ p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
    let n = p.count
    var i = from
    guard let base = p.baseAddress, i < n else { return n }
    let raw = UnsafeRawPointer(base)
    while i + 16 <= n {
      let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
      if (a | b) & highBits != 0 { break }
      i += 16
    }
    if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highBits == 0 { i += 8 }
    while i < n && p[i] < 0x80 { i += 1 }
    return i
  }

  /// Whether every byte of `p` is ASCII.
  @inline(__always)
  static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    firstNonASCII(p) == p.count
  }
}

extension ASCIIScan {
  /// The low bit of every byte of a word.
  static let lowBits: UInt64 = 0x0101_0101_0101_0101

  /// The high bit of each byte of `w` that is `"`, `\` or a control byte (< 0x20): the
  /// bytes that end a JSON string's plain run. The lowest bit set marks the first such
  /// byte exactly (bits above it may be false hits from a borrow, never bits below it).
  @inline(__always)
  static func jsonSpecialBits(_ w: UInt64) -> UInt64 {
    let quote = w ^ (lowBits &* 0x22)
    let backslash = w ^ (lowBits &* 0x5C)
    let q = (quote &- lowBits) & ~quote
    let b = (backslash &- lowBits) & ~backslash
    let c = (w &- lowBits &* 0x20) & ~w
    return (q | b | c) & highBits
  }

  /// The index of the first `"`, `\` or control byte (< 0x20) in `p[from...]`, or
  /// `p.count` when there is none. Checks 8 bytes per step.
  @inline(__always)
  static func firstJSONSpecial(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
    let n = p.count
    var i = from
    guard let base = p.baseAddress, i < n else { return n }
    let raw = UnsafeRawPointer(base)
    while i + 8 <= n {
      let bits = jsonSpecialBits(
        UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
      if bits != 0 { return i + bits.trailingZeroBitCount >> 3 }
      i += 8
    }
    while i < n {
      let b = p[i]
      if b == 0x22 || b == 0x5C || b < 0x20 { return i }
      i += 1
    }
    return n
  }
}
