/// Removes zero-width characters: U+200B ZERO WIDTH SPACE, U+2060 WORD JOINER,
/// U+FEFF ZERO WIDTH NO-BREAK SPACE inside text (a leading BOM is removed by decoding),
/// U+00AD SOFT HYPHEN; and U+200C ZWNJ / U+200D ZWJ except where they are meaningful:
///
/// - ZWJ inside an emoji sequence: after an Extended_Pictographic character, an emoji
///   modifier (U+1F3FB–U+1F3FF) or VS16 (U+FE0F), and before an Extended_Pictographic
///   character (`👩‍💻`, `👨🏽‍🚀`);
/// - ZWJ and ZWNJ between letters of a joining or Indic script (Arabic, Syriac, Thaana,
///   N'Ko, Mongolian, the Brahmic scripts, Tibetan, Myanmar, Khmer, …), where they select
///   joining forms or conjuncts (Persian `می‌خواهم`, Hindi `क्‍ष`).
struct ZeroWidthStep: LineStep {
  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    let n = line.count
    // All candidates are U+00AD (C2 AD), U+200B–U+200D, U+2060 (E2 80/81 ..), U+FEFF (EF BB BF).
    var i = 0
    var found = false
    while i < n {
      let b = line[i]
      if b == 0xC2 || b == 0xE2 || b == 0xEF, candidateLength(line, i) > 0 {
        found = true
        break
      }
      i += 1
    }
    guard found else { return nil }
    var out = EditBuffer(capacity: n, tracking: tracking)
    var copied = 0
    var changed = false
    while i < n {
      let len = candidateLength(line, i)
      if len > 0 {
        let keep = isJoiner(line, i) && joinerIsMeaningful(line, at: i)
        if !keep {
          out.copy(line, copied..<i)
          out.replace(len, with: EmptyCollection())
          copied = i + len
          changed = true
        }
        i += len
      } else {
        i += 1
      }
    }
    guard changed else { return nil }
    out.copy(line, copied..<n)
    return out
  }

  /// The byte length of a removable/joiner character at `i`, or 0.
  @inline(__always)
  private func candidateLength(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let n = p.count
    switch p[i] {
    case 0xC2:
      return i + 1 < n && p[i + 1] == 0xAD ? 2 : 0
    case 0xE2:
      guard i + 2 < n else { return 0 }
      if p[i + 1] == 0x80, (0x8B...0x8D).contains(p[i + 2]) { return 3 }
      if p[i + 1] == 0x81, p[i + 2] == 0xA0 { return 3 }
      return 0
    case 0xEF:
      return i + 2 < n && p[i + 1] == 0xBB && p[i + 2] == 0xBF ? 3 : 0
    default:
      return 0
    }
  }

  /// Whether the character at `i` is ZWNJ (U+200C) or ZWJ (U+200D).
  private func isJoiner(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    p[i] == 0xE2 && p[i + 1] == 0x80 && (p[i + 2] == 0x8C || p[i + 2] == 0x8D)
  }

  private func joinerIsMeaningful(_ p: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
    guard i > 0, i + 3 < p.count else { return false }
    let isZWJ = p[i + 2] == 0x8D
    let (before, _) = UTF8Encoding.decodeBefore(p, i)
    let (after, _) = UTF8Encoding.decode(p, at: i + 3)
    if isZWJ, Self.isEmojiContext(before), Self.isPictographic(after) { return true }
    return Self.isJoiningScript(before) && Self.isJoiningScript(after)
  }

  static func isPictographic(_ c: UInt32) -> Bool {
    (0x1F000...0x1FAFF).contains(c) || (0x2600...0x27BF).contains(c)
      || (0x2300...0x23FF).contains(c)
      || (0x2B00...0x2BFF).contains(c) || c == 0x00A9 || c == 0x00AE || c == 0x203C || c == 0x2049
      || c == 0x2122 || c == 0x2139 || (0x2194...0x21AA).contains(c) || c == 0x3030 || c == 0x303D
      || c == 0x3297 || c == 0x3299
  }

  static func isEmojiContext(_ c: UInt32) -> Bool {
    isPictographic(c) || (0x1F3FB...0x1F3FF).contains(c) || c == 0xFE0F
      || (0xE0020...0xE007F).contains(c)
  }

  /// Scripts whose letters join or form conjuncts, and their combining marks.
  static func isJoiningScript(_ c: UInt32) -> Bool {
    (0x0600...0x08FF).contains(c)  // Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic, Arabic Ext
      || (0x0900...0x0DFF).contains(c)  // Devanagari … Sinhala
      || (0x0F00...0x0FFF).contains(c)  // Tibetan
      || (0x1000...0x109F).contains(c)  // Myanmar
      || (0x1780...0x18AF).contains(c)  // Khmer, Mongolian
      || (0x1900...0x1AAF).contains(c)  // Limbu … Tai Tham
      || (0x1B00...0x1BFF).contains(c)  // Balinese, Sundanese, Batak
      || (0xA800...0xA8FF).contains(c) || (0xA980...0xA9FF).contains(c)
      || (0xAA00...0xAAFF).contains(c)
      // Arabic presentation forms
      || (0xFB50...0xFDFF).contains(c) || (0xFE70...0xFEFE).contains(c)
      || (0x10A00...0x10AFF).contains(c) || (0x10D00...0x10D3F).contains(c)
      || (0x11000...0x111FF).contains(c) || (0x1E900...0x1E95F).contains(c)
  }

  static func isSpaceLike(_ c: UInt32) -> Bool {
    c == 0xA0 || c == 0x3000 || (0x2000...0x200A).contains(c) || c == 0x202F || c == 0x205F
  }
}
