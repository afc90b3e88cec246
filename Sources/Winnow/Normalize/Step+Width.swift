/// CJK-aware width folding.
///
/// ICU's `Fullwidth-Halfwidth` transliterator is context-free: it also narrows `。「」、`
/// and katakana, which is wrong for Chinese and Japanese text. This step instead:
///
/// - maps full-width ASCII letters and digits (U+FF10–FF19, FF21–FF3A, FF41–FF5A) to
///   ASCII, always: `ＡＢＣ１２３` → `ABC123`;
/// - maps full-width punctuation and symbols (the rest of U+FF01–FF5E, FF5F–FF60,
///   FFE0–FFE6) to their narrow forms only when neither neighbour is CJK (Han, kana,
///   Hangul, CJK punctuation). Neighbours are found by skipping spaces and other
///   full-width punctuation, so `中文，英文` and `你好！！` keep theirs while
///   `ＡＢＣ，ｄｅｆ` becomes `ABC,def`;
/// - never narrows `。「」、` (they are not in the full-width block) or full-width katakana;
/// - widens half-width katakana and half-width CJK punctuation (U+FF61–FF9F) to full width,
///   composing voiced sound marks: `ｶﾞｷﾞ` → `ガギ`, `ﾊﾟ` → `パ`.
///
/// Idempotent: whether a neighbour is CJK does not change under this step.
struct WidthStep: LineStep {
  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    let n = line.count
    // Every candidate starts with EF BC/BD/BE/BF (U+FF00–U+FFFF).
    var i = 0
    while i < n {
      if line[i] == 0xEF, i + 1 < n, line[i + 1] >= 0xBC { break }
      i += 1
    }
    guard i < n else { return nil }
    var out = EditBuffer(capacity: n, tracking: tracking)
    var copied = 0
    var changed = false
    while i < n {
      guard line[i] == 0xEF, i + 2 < n, line[i + 1] >= 0xBC else {
        i += 1
        continue
      }
      let (c, len) = UTF8Encoding.decode(line, at: i)
      if let ascii = Self.alnum(c) {
        out.copy(line, copied..<i)
        out.replace(len, withScalar: ascii)
        i += len
        copied = i
        changed = true
      } else if let narrow = Self.narrowPunct(c) {
        if !cjkContext(line, start: i, end: i + len) {
          out.copy(line, copied..<i)
          out.replace(len, withScalar: narrow)
          copied = i + len
          changed = true
        }
        i += len
      } else if (0xFF61...0xFF9F).contains(c) {
        var wide = Self.halfwidthKana[Int(c - 0xFF61)]
        var consumed = len
        // Compose a following voiced (FF9E) or semi-voiced (FF9F) mark.
        if c <= 0xFF9D, i + len + 2 < n, line[i + len] == 0xEF {
          let (m, mlen) = UTF8Encoding.decode(line, at: i + len)
          if m == 0xFF9E, let v = Self.voiced(wide) {
            wide = v
            consumed += mlen
          } else if m == 0xFF9F, let v = Self.semiVoiced(wide) {
            wide = v
            consumed += mlen
          }
        }
        out.copy(line, copied..<i)
        out.replace(consumed, withScalar: wide)
        i += consumed
        copied = i
        changed = true
      } else {
        i += len
      }
    }
    guard changed else { return nil }
    out.copy(line, copied..<n)
    return out
  }

  /// Full-width digit or letter → ASCII.
  @inline(__always)
  static func alnum(_ c: UInt32) -> UInt32? {
    if (0xFF10...0xFF19).contains(c) || (0xFF21...0xFF3A).contains(c)
      || (0xFF41...0xFF5A).contains(c)
    {
      return c - 0xFEE0
    }
    return nil
  }

  /// Full-width punctuation or symbol → narrow form.
  @inline(__always)
  static func narrowPunct(_ c: UInt32) -> UInt32? {
    switch c {
    case 0xFF01...0xFF5E: return c - 0xFEE0
    case 0xFF5F: return 0x2985
    case 0xFF60: return 0x2986
    case 0xFFE0: return 0xA2
    case 0xFFE1: return 0xA3
    case 0xFFE2: return 0xAC
    case 0xFFE3: return 0xAF
    case 0xFFE4: return 0xA6
    case 0xFFE5: return 0xA5
    case 0xFFE6: return 0x20A9
    default: return nil
    }
  }

  /// Whether the nearest neighbour on either side, skipping spaces and full-width
  /// punctuation, is CJK.
  private func cjkContext(_ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> Bool {
    var j = start
    while j > 0 {
      let (c, s) = UTF8Encoding.decodeBefore(p, j)
      j = s
      if Self.isSkippable(c) { continue }
      if Self.isCJK(c) { return true }
      break
    }
    var k = end
    while k < p.count {
      let (c, len) = UTF8Encoding.decode(p, at: k)
      k += len
      if Self.isSkippable(c) { continue }
      return Self.isCJK(c)
    }
    return false
  }

  @inline(__always)
  static func isSkippable(_ c: UInt32) -> Bool {
    c == 0x20 || c == 0x09 || c == 0xA0 || c == 0x3000 || (alnum(c) == nil && narrowPunct(c) != nil)
  }

  /// Han, kana, Hangul, bopomofo and CJK punctuation.
  @inline(__always)
  static func isCJK(_ c: UInt32) -> Bool {
    switch c {
    case 0x1100...0x11FF, 0x2E80...0x2FDF, 0x3001...0x303F, 0x3040...0x30FF, 0x3100...0x312F,
      0x3130...0x318F, 0x31A0...0x31FF, 0x3200...0x32FF, 0x3300...0x33FF, 0x3400...0x4DBF,
      0x4E00...0x9FFF, 0xA960...0xA97F, 0xAC00...0xD7FF, 0xF900...0xFAFF, 0xFE30...0xFE4F,
      0xFF61...0xFFDC, 0x1B000...0x1B16F, 0x20000...0x3134F:
      return true
    default:
      return false
    }
  }

  /// U+FF61…U+FF9F → full width.
  static let halfwidthKana: [UInt32] = [
    0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7,  // FF61–FF6A
    0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8,  // FF6B–FF74
    0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB,  // FF75–FF7E
    0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD,  // FF7F–FF88
    0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1,  // FF89–FF92
    0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF,  // FF93–FF9C
    0x30F3, 0x309B, 0x309C,  // FF9D–FF9F
  ]

  /// Katakana + voiced sound mark, composed.
  static func voiced(_ k: UInt32) -> UInt32? {
    switch k {
    case 0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD,
      0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8, 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB:
      return k + 1
    case 0x30A6: return 0x30F4
    case 0x30EF: return 0x30F7
    case 0x30F2: return 0x30FA
    default: return nil
    }
  }

  /// Katakana + semi-voiced sound mark, composed (only the h-row).
  static func semiVoiced(_ k: UInt32) -> UInt32? {
    switch k {
    case 0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB: return k + 2
    default: return nil
    }
  }
}
