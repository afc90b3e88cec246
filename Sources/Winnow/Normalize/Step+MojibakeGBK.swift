internal import CICU

/// The opt-in `mojibake-gbk` step: repair of UTF-8 that was decoded as GBK (`涓枃` for
/// `中文`, `sch枚n` for `schön`).
///
/// Each span of non-ASCII characters is encoded back to GBK by ICU, strictly (an
/// unmappable character leaves the span alone). The span is repaired only when those
/// bytes are strictly valid UTF-8 and the decoded text is "better":
/// - every character is plausible (the ``MojibakeStep`` repertoire: letters of common
///   scripts, punctuation, CJK, kana, Hangul, emoji; ASCII bytes a GBK pair absorbed);
/// - and it contains a three- or four-byte character (CJK, `’`, `…`: real Chinese text
///   never re-encodes to these, since its common characters' GBK lead bytes are not UTF-8
///   lead bytes); or it is all Latin letters and touches an ASCII letter (`sch枚n`: a
///   lone `枚` between Latin letters), or all letters of one of Cyrillic, Greek, Hebrew,
///   Arabic (three or more); a weaker span (a lone Latin letter, Latin-1 symbol, or a
///   one- or two-letter Cyrillic word) only when the line has one of those.
///
/// So real Chinese text is left alone: `茅台` would re-encode to `é` + U+0328, `眉毛` to
/// `üë` (not next to Latin letters), `毛泽东` to invalid UTF-8. Each repaired span is one
/// changed run of the alignment.
struct GBKMojibakeStep: LineStep {
  /// ICU's name for the charset (`windows-936-2000`, with the PUA mappings of GBK's
  /// user-defined areas that ICU's GBK decoder produces).
  static let charset = "GBK"

  /// Checks that ICU has a GBK converter.
  /// - Throws: `WinnowError` (`.internal`) when ICU cannot open it.
  init() throws(WinnowError) {
    do {
      let c = try GBKEncoder()
      _ = c
    } catch {
      throw WinnowError(error, "the mojibake-gbk step needs ICU's \(Self.charset) converter")
    }
  }

  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    // Spans of non-ASCII characters.
    var spans: [Range<Int>] = []
    var i = 0
    let n = line.count
    while i < n {
      guard line[i] >= 0x80 else { i += 1; continue }
      let s = i
      while i < n && line[i] >= 0x80 { i += 1 }
      spans.append(s..<i)
    }
    guard !spans.isEmpty, let encoder = try? GBKEncoder() else { return nil }
    var repairs: [(Range<Int>, [UInt8], strong: Bool)] = []
    var weak: [(Range<Int>, [UInt8])] = []
    for span in spans {
      guard let gbk = encoder.encode(UnsafeBufferPointer(rebasing: line[span])),
        gbk.elementsEqual(line[span]) == false,
        let verdict = Self.judge(gbk, line, span)
      else { continue }
      switch verdict {
      case .strong: repairs.append((span, gbk, true))
      case .weak: weak.append((span, gbk))
      case .repair: repairs.append((span, gbk, false))
      }
    }
    if !repairs.isEmpty {
      repairs += weak.map { ($0.0, $0.1, false) }
    }
    guard !repairs.isEmpty else { return nil }
    repairs.sort { $0.0.lowerBound < $1.0.lowerBound }
    var out = EditBuffer(capacity: n, tracking: tracking)
    var copied = 0
    for (span, bytes, _) in repairs {
      out.copy(line, copied..<span.lowerBound)
      out.replace(span.count, with: bytes)
      copied = span.upperBound
    }
    out.copy(line, copied..<n)
    return out
  }

  enum Verdict {
    /// Repair (a three- or four-byte character).
    case strong
    /// Repair (Latin letters touching Latin letters, three or more letters of one script).
    case repair
    /// Repair only if the line has another span to repair (a lone `猫` → `è`, `驴` → `¿`).
    case weak
  }

  /// Judges the GBK bytes of `line[span]` read as UTF-8 (nil: leave the span alone).
  static func judge(_ bytes: [UInt8], _ line: UnsafeBufferPointer<UInt8>, _ span: Range<Int>)
    -> Verdict?
  {
    bytes.withUnsafeBufferPointer { b -> Verdict? in
      guard StrictUTF8.isValid(b) else { return nil }
      var hasWide = false
      var allLatinLetters = true
      var allLatin1 = true
      var script: Int? = nil
      var sameScript = true
      var letters = 0
      var i = 0
      while i < b.count {
        let (c, len) = UTF8Encoding.decode(b, at: i)
        i += len
        if c < 0x80 {
          guard c >= 0x20 && c != 0x7F else { return nil }
          continue
        }
        guard MojibakeStep.isPlausible(c, afterLetter: false) else { return nil }
        if c >= 0x800 { hasWide = true }
        let isLatin = (0xC0...0x24F).contains(c) && c != 0xD7 && c != 0xF7
        if !isLatin { allLatinLetters = false }
        if !(isLatin || (0xA0...0xBF).contains(c)) { allLatin1 = false }
        let s: Int? =
          switch c {
          case 0x386...0x3CE: 1
          case 0x400...0x491: 2
          case 0x5D0...0x5EA: 3
          case 0x621...0x64A, 0x671...0x6D3: 4
          default: nil
          }
        if Letters.isLetter(c) { letters += 1 }
        if let s, script == nil || script == s { script = s } else { sameScript = false }
      }
      if hasWide { return .strong }
      if allLatinLetters {
        let before = span.lowerBound > 0 ? line[span.lowerBound - 1] : 0
        let after = span.upperBound < line.count ? line[span.upperBound] : 0
        if isASCIILetter(before) || isASCIILetter(after) { return .repair }
        return .weak
      }
      if allLatin1 { return .weak }
      if sameScript && script != nil {
        return letters >= 3 ? .repair : .weak
      }
      return nil
    }
  }

  @inline(__always)
  static func isASCIILetter(_ b: UInt8) -> Bool {
    (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
  }
}

/// A strict UTF-8 → GBK encoder over ICU (`ucnv_fromUChars` with the stop callback).
///
/// One owner of one converter handle, used by one thread (an `apply` call opens its own).
/// TODO: switch to `CharsetConverter.encode(_:to:)` once that wrapper lands on main.
private final class GBKEncoder {
  let handle: OpaquePointer

  init() throws(ICUError) {
    var status: Int32 = 0
    guard let h = cicu_converter_open(GBKMojibakeStep.charset, true, &status) else {
      throw ICUError(code: status == 0 ? CICU_ILLEGAL_ARGUMENT : status, function: "ucnv_open")
    }
    handle = h
    if status > 0 {
      cicu_converter_close(handle)
      throw ICUError(code: status, function: "ucnv_open")
    }
  }

  deinit { cicu_converter_close(handle) }

  /// The GBK bytes of `utf8`, or nil if a character has no GBK mapping.
  func encode(_ utf8: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard let src = utf8.baseAddress, utf8.count < Int(Int32.max) / 2 else { return nil }
    var capacity = utf8.count + 16
    for _ in 0..<2 {
      var status: Int32 = 0
      var out = [UInt8](repeating: 0, count: capacity)
      let written = out.withUnsafeMutableBufferPointer { dst in
        cicu_converter_from_utf8(
          handle, src, Int32(utf8.count), dst.baseAddress, Int32(capacity), &status)
      }
      if status == CICU_BUFFER_OVERFLOW {
        capacity = Int(written) + 1
        continue
      }
      guard status <= 0, written >= 0, Int(written) <= capacity else { return nil }
      out.removeLast(capacity - Int(written))
      return out
    }
    return nil
  }
}

/// Strict UTF-8 validation (no overlong forms, surrogates or code points past U+10FFFF).
enum StrictUTF8 {
  static func isValid(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = p.count
    while i < n {
      let b = p[i]
      if b < 0x80 { i += 1; continue }
      let need: Int
      var lo: UInt8 = 0x80
      var hi: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: need = 1
      case 0xE0: need = 2; lo = 0xA0
      case 0xE1...0xEC, 0xEE, 0xEF: need = 2
      case 0xED: need = 2; hi = 0x9F
      case 0xF0: need = 3; lo = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4: need = 3; hi = 0x8F
      default: return false
      }
      guard i + need < n else { return false }
      let second = p[i + 1]
      guard second >= lo && second <= hi else { return false }
      var k = 2
      while k <= need {
        guard p[i + k] & 0xC0 == 0x80 else { return false }
        k += 1
      }
      i += need + 1
    }
    return true
  }
}
