/// Turns raw input bytes into valid UTF-8, with an ``Alignment`` back to the raw bytes.
///
/// What it does, in order:
/// - A UTF-8 byte order mark at the start is removed. A UTF-16 BOM (`FF FE` or `FE FF`)
///   at the start is honoured even without ``encoding``: the input is decoded as UTF-16LE
///   or UTF-16BE.
/// - Without ``encoding`` (or with `"UTF-8"`), ill-formed UTF-8 becomes U+FFFD, one per
///   *maximal subpart* (the Unicode/WHATWG practice; the same as ICU and Python's
///   `errors="replace"`), counted in ``DecodedText/replacements``. With ``strict`` it is
///   an error naming the byte offset instead.
/// - With ``encoding`` (an ICU charset name such as `"GB18030"`, `"Big5"`, `"Shift_JIS"`,
///   `"UTF-16"`), the bytes are converted by ``CharsetConverter``.
///
/// Valid UTF-8 without a BOM comes back as the same array (no copy), with the identity
/// alignment. ASCII is validated 16 bytes at a time.
///
/// ```swift
/// let d = TextDecoder()
/// let r = try d.decode([0x61, 0xFF, 0x62])
/// r.text            // "a\u{FFFD}b"
/// r.replacements    // 1
/// try TextDecoder(strict: true, path: "page.txt").decode([0x61, 0xFF, 0x62])
/// // throws WinnowError(.invalidData):
/// // "page.txt: invalid UTF-8 at byte 1 (0xFF); use --encoding for legacy text or drop --strict"
/// ```
public struct TextDecoder: Sendable, Hashable {
  /// The input's charset (ICU name), or nil for UTF-8 (default: nil).
  public var encoding: String?
  /// Whether ill-formed input is an error instead of U+FFFD (default: false).
  public var strict: Bool
  /// The input's file path, used in error messages (default: nil).
  public var path: String?

  /// A decoder.
  /// - Parameters:
  ///   - encoding: the input's charset (ICU name), or nil for UTF-8.
  ///   - strict: fail on ill-formed input instead of substituting U+FFFD.
  ///   - path: the file the bytes come from, for error messages.
  public init(encoding: String? = nil, strict: Bool = false, path: String? = nil) {
    self.encoding = encoding
    self.strict = strict
    self.path = path
  }

  /// Decodes a whole input.
  ///
  /// - Parameter bytes: the raw input.
  /// - Returns: valid UTF-8, its alignment to `bytes` (output offsets → raw byte
  ///   offsets) and the replacement count.
  /// - Throws: `WinnowError`: `.invalidData` in strict mode (naming the path and byte
  ///   offset), `.usage` for an unknown encoding name.
  ///
  /// ```swift
  /// let r = try TextDecoder().decode([0xEF, 0xBB, 0xBF, 0x61])
  /// r.bytes                                              // [0x61]
  /// r.alignment.inputOffset(forOutput: 0, roundingUp: false)  // 3
  /// ```
  public func decode(_ bytes: [UInt8]) throws(WinnowError) -> DecodedText {
    if isUTF8 {
      // Fast path: valid UTF-8 without a BOM is returned as is.
      let clean = bytes.withUnsafeBufferPointer { p in
        !StreamingDecoder.startsWithBOM(p) && UTF8Validation.firstInvalid(p) == p.count
      }
      if clean {
        return DecodedText(
          bytes: bytes, alignment: Alignment(identity: bytes.count), replacements: 0,
          firstReplacementOffset: nil, encoding: "UTF-8")
      }
    }
    var stream = try StreamingDecoder(self)
    stream.tracking = true
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count + 16)
    try stream.feed(bytes, into: &out)
    try stream.finish(into: &out)
    return DecodedText(
      bytes: out, alignment: stream.alignment, replacements: stream.replacements,
      firstReplacementOffset: stream.firstReplacementOffset, encoding: stream.encodingName)
  }

  /// Decodes a string's UTF-8 bytes (useful in tests and examples).
  public func decode(_ text: String) throws(WinnowError) -> DecodedText {
    try decode(Array(text.utf8))
  }

  /// Whether the configured encoding is UTF-8 (nil or a UTF-8 name).
  var isUTF8: Bool {
    guard let e = encoding else { return true }
    let lowered = e.lowercased()
    return lowered == "utf-8" || lowered == "utf8"
  }
}

/// The result of ``TextDecoder/decode(_:)-([UInt8])``.
public struct DecodedText: Sendable, Hashable {
  /// Valid UTF-8.
  public var bytes: [UInt8]
  /// Output byte offsets → raw input byte offsets (a removed BOM is a deletion; each
  /// U+FFFD is a changed run over the bytes it replaced; a legacy charset maps line by
  /// line).
  public var alignment: Alignment
  /// How many U+FFFD were substituted. For a legacy charset, the U+FFFD in the output
  /// (ICU does not report substitutions one by one).
  public var replacements: Int
  /// The raw byte offset of the first substitution, if any (UTF-8 input only).
  public var firstReplacementOffset: Int?
  /// The charset the input was decoded from: `"UTF-8"`, or the ICU name used
  /// (e.g. `"UTF-16LE"` after a BOM, or the `encoding` given).
  public var encoding: String
  /// The text as a `String`.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Decodes raw input that arrives in chunks; see ``TextDecoder`` for the rules.
///
/// Chunk boundaries may fall anywhere, even inside a UTF-8 sequence or a BOM: the partial
/// bytes (at most 3) are held until the next chunk. Byte offsets in errors and
/// ``firstReplacementOffset`` are absolute (from the start of the stream). Not `Sendable`:
/// for a legacy charset it holds a stateful ``CharsetConverter``, which copies of the
/// decoder would share, so keep one decoder per stream and do not copy it mid-stream.
///
/// ```swift
/// var s = try StreamingDecoder(TextDecoder())
/// var out: [UInt8] = []
/// try s.feed([0x61, 0xE4, 0xB8], into: &out)   // out == [0x61]: "中" is incomplete
/// try s.feed([0xAD], into: &out)               // out == Array("a中".utf8)
/// try s.finish(into: &out)
/// ```
public struct StreamingDecoder {
  /// The decoder's settings.
  public let decoder: TextDecoder
  /// How many U+FFFD were substituted so far.
  public private(set) var replacements = 0
  /// The absolute raw byte offset of the first substitution, if any.
  public private(set) var firstReplacementOffset: Int?
  /// Raw bytes consumed so far (excluding those held back).
  public private(set) var bytesConsumed = 0
  /// The charset being decoded (`"UTF-8"` until a UTF-16 BOM or `encoding` says otherwise).
  public private(set) var encodingName = "UTF-8"

  /// Whether to build ``alignment`` (the whole-input decoder turns it on).
  var tracking = false
  /// Output → raw input alignment, when `tracking`.
  var alignment = Alignment()
  /// Raw bytes held back: a partial UTF-8 sequence, or a possible BOM at the start.
  private var pending: [UInt8] = []
  /// Still at the start of the input (a BOM may come).
  private var atStart = true
  /// Converter output has not started yet (a leading U+FEFF is dropped).
  private var atOutputStart = true
  /// Set for legacy charsets.
  private var converter: CharsetConverter?
  /// Raw bytes consumed before the converter took over (a BOM).
  private var converterBase = 0
  /// For UTF-16 pieces: the code unit layout, to split at line feeds.
  private var newlineUnit: [UInt8] = [0x0A]

  /// A streaming decoder with `decoder`'s settings.
  /// - Throws: `WinnowError(.usage)` when `decoder.encoding` is not a charset ICU knows.
  public init(_ decoder: TextDecoder) throws(WinnowError) {
    self.decoder = decoder
    if !decoder.isUTF8, let name = decoder.encoding {
      let upper = name.uppercased()
      // "UTF-16"/"UTF-32" without an endianness: the BOM decides at the first bytes.
      if upper != "UTF-16" && upper != "UTF16" {
        try openConverter(name)
        atStart = false
      }
    }
  }

  /// A streaming decoder (shorthand for `StreamingDecoder(TextDecoder(...))`).
  public init(encoding: String? = nil, strict: Bool = false, path: String? = nil)
    throws(WinnowError)
  {
    try self.init(TextDecoder(encoding: encoding, strict: strict, path: path))
  }

  /// Decodes the next chunk and appends the valid UTF-8 it completes to `out`.
  /// - Throws: `WinnowError(.invalidData)` in strict mode at the first ill-formed
  ///   sequence, naming its absolute byte offset.
  public mutating func feed(_ chunk: [UInt8], into out: inout [UInt8]) throws(WinnowError) {
    try chunk.withUnsafeBufferPointer { (p) throws(WinnowError) in try feed(p, into: &out) }
  }

  /// Decodes the next chunk; see ``feed(_:into:)-([UInt8],_)``.
  public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, into out: inout [UInt8])
    throws(WinnowError)
  {
    try process(chunk, final: false, into: &out)
  }

  /// Ends the input: a sequence still incomplete becomes U+FFFD (or an error when strict).
  public mutating func finish(into out: inout [UInt8]) throws(WinnowError) {
    try process(UnsafeBufferPointer(start: nil, count: 0), final: true, into: &out)
  }

  // MARK: - Implementation

  static let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF]

  /// Whether `p` starts with a BOM this decoder acts on (UTF-8, or UTF-16 either way).
  static func startsWithBOM(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    if p.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { return true }
    if p.count >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)) {
      return true
    }
    return false
  }

  private mutating func openConverter(_ name: String) throws(WinnowError) {
    do {
      let c = try CharsetConverter(charset: name, strict: decoder.strict)
      converter = c
      converterBase = bytesConsumed
      encodingName = name
      let canonical = c.canonicalName.uppercased()
      if canonical.hasPrefix("UTF-16LE") || canonical.hasPrefix("UTF16_PLATFORMENDIAN") {
        newlineUnit = [0x0A, 0x00]
      } else if canonical.hasPrefix("UTF-16") || canonical.hasPrefix("UTF-32")
        || canonical.hasPrefix("UTF32")
      {
        newlineUnit = canonical.hasPrefix("UTF-16BE") ? [0x00, 0x0A] : []
      }
    } catch {
      throw WinnowError(
        .usage,
        "\(decoder.path.map { "\($0): " } ?? "")unknown encoding '\(name)' (ICU: \(error.name)); "
          + "use an ICU charset name such as GB18030, Big5, Shift_JIS or UTF-16",
        path: decoder.path, cause: error.description)
    }
  }

  private mutating func process(
    _ chunk: UnsafeBufferPointer<UInt8>, final: Bool, into out: inout [UInt8]
  ) throws(WinnowError) {
    if atStart {
      // Decide on a BOM once 3 bytes (or the end) are there.
      if pending.count + chunk.count < 3 && !final {
        pending.append(contentsOf: chunk)
        return
      }
      var head = pending
      head.append(contentsOf: chunk.prefix(3))
      let headCount = pending.count
      atStart = false
      var bomLength = 0
      var utf16: String?
      if head.count >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF {
        bomLength = 3
      } else if head.count >= 2 && head[0] == 0xFF && head[1] == 0xFE {
        bomLength = 2; utf16 = "UTF-16LE"
      } else if head.count >= 2 && head[0] == 0xFE && head[1] == 0xFF {
        bomLength = 2; utf16 = "UTF-16BE"
      } else if !decoder.isUTF8 {
        utf16 = "UTF-16BE"  // "UTF-16" without a BOM: big-endian, as ICU and RFC 2781.
      }
      // A UTF-8 BOM under a UTF-16 label would be nonsense; only UTF-16 BOMs count there.
      if utf16 != nil && bomLength == 3 { bomLength = 0 }
      if bomLength > 0 && tracking { alignment.appendChange(input: bomLength, output: 0) }
      bytesConsumed += bomLength
      if let utf16 { try openConverter(utf16) }
      // Re-feed what is left of the held bytes, then the rest of the chunk.
      pending = []
      let restOfHead = bomLength < headCount ? Array(head[bomLength..<headCount]) : []
      let chunkStart = max(0, bomLength - headCount)
      if !restOfHead.isEmpty {
        try restOfHead.withUnsafeBufferPointer { (p) throws(WinnowError) in
          try dispatch(p, final: false, into: &out)
        }
      }
      try dispatch(
        UnsafeBufferPointer(rebasing: chunk[min(chunkStart, chunk.count)...]), final: final,
        into: &out)
      return
    }
    try dispatch(chunk, final: final, into: &out)
  }

  private mutating func dispatch(
    _ chunk: UnsafeBufferPointer<UInt8>, final: Bool, into out: inout [UInt8]
  ) throws(WinnowError) {
    if let converter {
      try convert(converter, chunk, final: final, into: &out)
    } else {
      try decodeUTF8(chunk, final: final, into: &out)
    }
  }

  // MARK: UTF-8

  private mutating func decodeUTF8(
    _ chunk: UnsafeBufferPointer<UInt8>, final: Bool, into out: inout [UInt8]
  ) throws(WinnowError) {
    var start = 0
    if !pending.isEmpty {
      // Complete the held sequence with up to 3 bytes of this chunk.
      var head = pending
      head.append(contentsOf: chunk.prefix(4 - pending.count))
      let held = pending.count
      let r = head.withUnsafeBufferPointer { UTF8Validation.sequence($0, at: 0) }
      if r == 0 && !final && head.count < 4 {
        pending = head
        return
      }
      let used: Int
      if r > 0 {
        out.append(contentsOf: head[0..<r])
        if tracking { alignment.appendUnchanged(r) }
        used = r
      } else {
        used = r == 0 ? head.count : -r
        try replace(Array(head[0..<used]), at: bytesConsumed, truncated: r == 0, into: &out)
      }
      bytesConsumed += used
      start = max(0, used - held)
      pending = []
    }
    let base = bytesConsumed - start
    let stop = try scanUTF8(chunk, from: start, base: base, final: final, into: &out)
    bytesConsumed = base + stop
    if stop < chunk.count { pending = Array(chunk[stop...]) }
  }

  /// Copies valid UTF-8 from `p[start...]` to `out`, replacing ill-formed sequences;
  /// returns where an incomplete final sequence starts (`p.count` if none).
  private mutating func scanUTF8(
    _ p: UnsafeBufferPointer<UInt8>, from start: Int, base: Int, final: Bool,
    into out: inout [UInt8]
  ) throws(WinnowError) -> Int {
    var i = start
    var copyFrom = start
    let n = p.count
    while i < n {
      let b = p[i]
      if b < 0x80 {
        i = ASCIIScan.firstNonASCII(p, from: i)
        continue
      }
      // The common well-formed sequences inline (CJK text is mostly three-byte characters
      // with lead bytes E1–EC and EE–EF, whose second byte may be any continuation byte).
      if b >= 0xE1 && b != 0xED && b <= 0xEF, i + 2 < n, p[i + 1] & 0xC0 == 0x80,
        p[i + 2] & 0xC0 == 0x80
      {
        i += 3
        continue
      }
      if b >= 0xC2 && b <= 0xDF, i + 1 < n, p[i + 1] & 0xC0 == 0x80 {
        i += 2
        continue
      }
      let r = UTF8Validation.sequence(p, at: i)
      if r > 0 {
        i += r
        continue
      }
      if r == 0 && !final {
        flushCopy(p, copyFrom..<i, into: &out)
        return i
      }
      let k = r == 0 ? n - i : -r
      flushCopy(p, copyFrom..<i, into: &out)
      try replace(Array(p[i..<i + k]), at: base + i, truncated: r == 0, into: &out)
      i += k
      copyFrom = i
    }
    flushCopy(p, copyFrom..<n, into: &out)
    return n
  }

  @inline(__always)
  private mutating func flushCopy(
    _ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8]
  ) {
    guard !range.isEmpty else { return }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[range]))
    if tracking { alignment.appendUnchanged(range.count) }
  }

  /// Substitutes U+FFFD for `bad` (a maximal subpart at absolute `offset`), or throws.
  private mutating func replace(
    _ bad: [UInt8], at offset: Int, truncated: Bool = false, into out: inout [UInt8]
  ) throws(WinnowError) {
    if decoder.strict {
      let hex = bad.map { "0x" + String($0, radix: 16, uppercase: true).leftPadded(2) }.joined(
        separator: " ")
      let what = truncated ? "truncated UTF-8 sequence at end of input" : "invalid UTF-8"
      throw WinnowError(
        .invalidData,
        "\(decoder.path.map { "\($0): " } ?? "")\(what) at byte \(offset) (\(hex)); "
          + "use --encoding for legacy text or drop --strict",
        path: decoder.path, byteOffset: offset)
    }
    out.append(contentsOf: [0xEF, 0xBF, 0xBD])
    if tracking { alignment.appendChange(input: bad.count, output: 3) }
    replacements += 1
    if firstReplacementOffset == nil { firstReplacementOffset = offset }
  }

  // MARK: Legacy charsets

  private mutating func convert(
    _ converter: CharsetConverter, _ chunk: UnsafeBufferPointer<UInt8>, final: Bool,
    into out: inout [UInt8]
  ) throws(WinnowError) {
    // Convert line by line (the converter streams, so any split is safe) so that the
    // alignment maps each line to its own output.
    var start = 0
    let unit = newlineUnit
    repeat {
      var end = chunk.count
      if tracking && !unit.isEmpty {
        var i = start
        while i + unit.count <= chunk.count {
          if chunk[i] == unit[0] && (unit.count == 1 || chunk[i + 1] == unit[1]) {
            end = i + unit.count
            break
          }
          i += unit.count
        }
      }
      let piece = UnsafeBufferPointer(rebasing: chunk[start..<end])
      let isLast = end == chunk.count
      let before = out.count
      do {
        try converter.toUTF8(piece, flush: final && isLast, into: &out)
      } catch {
        let offset = converterBase + (converter.errorOffset ?? converter.bytesConsumed)
        throw WinnowError(
          .invalidData,
          "\(decoder.path.map { "\($0): " } ?? "")invalid \(encodingName) at byte \(offset) (ICU: \(error.name)); "
            + "check --encoding or drop --strict",
          path: decoder.path, byteOffset: offset, cause: error.description)
      }
      var produced = out.count - before
      if atOutputStart && produced > 0 {
        atOutputStart = false
        if produced >= 3 && out[before] == 0xEF && out[before + 1] == 0xBB
          && out[before + 2] == 0xBF
        {
          out.removeSubrange(before..<before + 3)
          produced -= 3
        }
      }
      // Count substitutions.
      var j = before
      while j + 2 < out.count {
        if out[j] == 0xEF && out[j + 1] == 0xBF && out[j + 2] == 0xBD {
          replacements += 1
          j += 3
        } else {
          j += 1
        }
      }
      if tracking {
        if produced == piece.count && out[before...].elementsEqual(piece) {
          alignment.appendUnchanged(piece.count)
        } else {
          alignment.appendChange(input: piece.count, output: produced)
        }
      }
      bytesConsumed += piece.count
      start = end
    } while start < chunk.count
  }

}

extension String {
  fileprivate func leftPadded(_ width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}

/// UTF-8 well-formedness per the Unicode Standard, Table 3-7.
enum UTF8Validation {
  /// Classifies the sequence starting at `p[i]` (a byte ≥ 0x80):
  /// - `n > 0`: a well-formed sequence of `n` bytes;
  /// - `-k`: ill-formed; its maximal subpart (the bytes to replace by one U+FFFD) is `k`;
  /// - `0`: a well-formed prefix cut off by the end of `p`.
  @inline(__always)
  static func sequence(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let n = p.count
    let b0 = p[i]
    if b0 < 0x80 { return 1 }
    var lo: UInt8 = 0x80
    var hi: UInt8 = 0xBF
    let trail: Int
    switch b0 {
    case 0xC2...0xDF: trail = 1
    case 0xE0: trail = 2; lo = 0xA0
    case 0xE1...0xEC, 0xEE, 0xEF: trail = 2
    case 0xED: trail = 2; hi = 0x9F
    case 0xF0: trail = 3; lo = 0x90
    case 0xF1...0xF3: trail = 3
    case 0xF4: trail = 3; hi = 0x8F
    default: return -1
    }
    if i + 1 >= n { return 0 }
    let b1 = p[i + 1]
    if b1 < lo || b1 > hi { return -1 }
    var k = 2
    while k <= trail {
      if i + k >= n { return 0 }
      if p[i + k] & 0xC0 != 0x80 { return -k }
      k += 1
    }
    return trail + 1
  }

  /// The offset of the first ill-formed (or truncated) sequence in `p`, or `p.count`.
  static func firstInvalid(_ p: UnsafeBufferPointer<UInt8>) -> Int {
    var i = 0
    let n = p.count
    while i < n {
      i = ASCIIScan.firstNonASCII(p, from: i)
      guard i < n else { break }
      let r = sequence(p, at: i)
      if r <= 0 { return i }
      i += r
    }
    return n
  }
}
