/// Character classes and word lists shared by the features and patterns.
enum Lexicon {
  /// Whitespace, including U+3000 and no-break spaces.
  @inline(__always)
  static func isSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xA0, 0x3000, 0x2000...0x200B, 0x202F, 0x205F, 0xFEFF:
      true
    default: false
    }
  }

  /// ``isSpace(_:)`` for a scalar value.
  @inline(__always)
  static func isSpace(_ v: UInt32) -> Bool {
    switch v {
    case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xA0, 0x3000, 0x2000...0x200B, 0x202F, 0x205F, 0xFEFF:
      true
    default: false
    }
  }

  /// The length of the space scalar (``isSpace(_:)``) starting at `i` in valid UTF-8, or 0.
  @inline(__always)
  static func spaceLength(_ u: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
    let b = u[i]
    if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
    if b == 0xC2 { return i + 1 < u.count && u[i + 1] == 0xA0 ? 2 : 0 }
    guard b == 0xE2 || b == 0xE3 || b == 0xEF, i + 2 < u.count else { return 0 }
    let v = (UInt32(b & 0x0F) << 12) | (UInt32(u[i + 1] & 0x3F) << 6) | UInt32(u[i + 2] & 0x3F)
    return isSpace(v) ? 3 : 0
  }

  /// The length of the space scalar ending at `end` (exclusive) in valid UTF-8, or 0.
  @inline(__always)
  static func spaceLength(_ u: UnsafeBufferPointer<UInt8>, endingAt end: Int) -> Int {
    let b = u[end - 1]
    if b < 0x80 { return b == 0x20 || (b >= 0x09 && b <= 0x0D) ? 1 : 0 }
    if end >= 2 && b == 0xA0 && u[end - 2] == 0xC2 { return 2 }
    guard end >= 3 else { return 0 }
    let a = u[end - 3]
    guard a == 0xE2 || a == 0xE3 || a == 0xEF else { return 0 }
    let v = (UInt32(a & 0x0F) << 12) | (UInt32(u[end - 2] & 0x3F) << 6) | UInt32(b & 0x3F)
    return isSpace(v) ? 3 : 0
  }

  /// `range` of `u` without leading and trailing spaces (``isSpace(_:)``).
  @inline(__always)
  static func trimmed(_ u: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    var a = range.lowerBound
    var b = range.upperBound
    while a < b {
      let k = spaceLength(u, at: a)
      if k == 0 || a + k > b { break }
      a += k
    }
    while b > a {
      let k = spaceLength(u, endingAt: b)
      if k == 0 || b - k < a { break }
      b -= k
    }
    return a..<b
  }

  static let alphabeticFlag: UInt8 = 1
  static let uppercaseFlag: UInt8 = 2
  static let decimalFlag: UInt8 = 4

  /// Per scalar below U+10000: ``alphabeticFlag``, ``uppercaseFlag``, ``decimalFlag`` from
  /// the Unicode properties (`isAlphabetic`, `isUppercase`, `numericType == .decimal`), so
  /// the line loop makes no property calls. Filled from ``scalarFlagRuns`` (about 2,000
  /// runs, generated from the same properties by `scripts/gen-scalar-flag-runs.swift`): a
  /// few thousand stores at first use instead of 65,536 property look-ups (≈ 15 ms).
  static let scalarFlags: [UInt8] = {
    var t = [UInt8](repeating: 0, count: 0x10000)
    let runs = scalarFlagRuns
    t.withUnsafeMutableBufferPointer { t in
      for k in 0..<(runs.count - 1) {
        let f = UInt8(truncatingIfNeeded: runs[k])
        guard f != 0 else { continue }
        let a = min(Int(runs[k] >> 8), t.count)
        let b = min(max(Int(runs[k + 1] >> 8), a), t.count)
        UnsafeMutableBufferPointer(rebasing: t[a..<b]).update(repeating: f)
      }
    }
    return t
  }()

  /// The flags of `s` from its Unicode properties (what ``scalarFlags`` holds below U+10000).
  static func computeFlags(_ s: Unicode.Scalar) -> UInt8 {
    let p = s.properties
    return (p.isAlphabetic ? alphabeticFlag : 0) | (p.isUppercase ? uppercaseFlag : 0)
      | (p.numericType == .decimal ? decimalFlag : 0)
  }

  /// The flags of a scalar value (0 for a non-scalar).
  @inline(__always)
  static func flags(_ v: UInt32) -> UInt8 {
    if v < 0x10000 { return scalarFlags[Int(v)] }
    guard let s = Unicode.Scalar(v) else { return 0 }
    return computeFlags(s)
  }

  /// Han (incl. extension A, compatibility ideographs, planes 2–3), kana and hangul syllables:
  /// the scalars the scorer counts one token each.
  @inline(__always)
  static func isCJK(_ v: UInt32) -> Bool {
    (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
      || (0x20000...0x3FFFF).contains(v) || (0x3040...0x30FF).contains(v)
      || (0x31F0...0x31FF).contains(v)
      || (0xAC00...0xD7AF).contains(v)
  }

  /// Sentence-final punctuation and closing quotes/parentheses (Latin, CJK, and the full
  /// stops and question marks of Devanagari, Arabic, Ethiopic, Myanmar, Armenian, Greek,
  /// Tibetan).
  @inline(__always)
  static func isTerminal(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x2E, 0x21, 0x3F, 0x22, 0x27, 0x29, 0x3A, 0x3B,  // . ! ? " ' ) : ;
      0x3002, 0xFF01, 0xFF1F, 0x2026, 0x201D, 0x2019, 0xFF09, 0x300D, 0x300F, 0xFF1A, 0xFF1B,
      0xFF0E,
      0x0964, 0x0965, 0x061F, 0x06D4, 0x1362, 0x104B, 0x0589, 0x037E, 0x0F0D:
      true
    default: false
    }
  }

  /// Chinese function characters: particles, pronouns, prepositions, conjunctions and
  /// common verbs that make up much of running Chinese prose and little of menus.
  static let functionCharacters = "的了是在和有也就不都而及与这那之其或被把对从向以为于但并且所着过很还又要会能可得地它他她们我你个一上中下说没人来到时"

  /// ``functionCharacters`` as a bitmap over U+4E00…U+9FFF (one bit per character).
  static let functionBitmap: [UInt64] = {
    var bits = [UInt64](repeating: 0, count: (0x9FFF - 0x4E00) / 64 + 1)
    for s in functionCharacters.unicodeScalars where s.value >= 0x4E00 && s.value <= 0x9FFF {
      let k = Int(s.value - 0x4E00)
      bits[k >> 6] |= 1 << UInt64(k & 63)
    }
    return bits
  }()

  @inline(__always)
  static func isFunctionCharacter(_ v: UInt32) -> Bool {
    guard v >= 0x4E00 && v <= 0x9FFF else { return false }
    let k = Int(v - 0x4E00)
    return functionBitmap[k >> 6] & (1 << UInt64(k & 63)) != 0
  }

  /// English stop words (lowercase ASCII letters, at most 10 each); ``LineFeatures`` keys
  /// them into its word table.
  static let englishStopWords: [String] =
    """
    a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves also may might must shall one
    """.split(separator: " ").map { String($0.filter { $0.isLetter }) }
}
