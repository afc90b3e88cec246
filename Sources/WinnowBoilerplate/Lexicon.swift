/// Character classes and word lists shared by the features and patterns.
enum Lexicon {
  /// Whitespace, including U+3000 and no-break spaces.
  @inline(__always)
  static func isSpace(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xA0, 0x3000, 0x2000...0x200B, 0x202F, 0x205F, 0xFEFF: true
    default: false
    }
  }

  /// Han (incl. extension A, compatibility ideographs, planes 2–3), kana and hangul syllables:
  /// the scalars the scorer counts one token each.
  @inline(__always)
  static func isCJK(_ v: UInt32) -> Bool {
    (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v)
      || (0x20000...0x3FFFF).contains(v) || (0x3040...0x30FF).contains(v) || (0x31F0...0x31FF).contains(v)
      || (0xAC00...0xD7AF).contains(v)
  }

  /// Sentence-final punctuation and closing quotes/parentheses (Latin, CJK, and the full
  /// stops and question marks of Devanagari, Arabic, Ethiopic, Myanmar, Armenian, Greek,
  /// Tibetan).
  @inline(__always)
  static func isTerminal(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x2E, 0x21, 0x3F, 0x22, 0x27, 0x29, 0x3A, 0x3B,  // . ! ? " ' ) : ;
      0x3002, 0xFF01, 0xFF1F, 0x2026, 0x201D, 0x2019, 0xFF09, 0x300D, 0x300F, 0xFF1A, 0xFF1B, 0xFF0E,
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

  /// A lowercase ASCII word packed 5 bits a letter (`a` = 1), as ``LineFeatures`` builds it.
  static func packedWord(_ word: Substring) -> UInt64 {
    var key: UInt64 = 0
    for b in word.utf8 { key = (key << 5) | UInt64((b | 0x20) - 0x60) }
    return key
  }

  /// English stop words (lowercase ASCII), packed with ``packedWord(_:)``.
  static let englishStopWords: Set<UInt64> = Set(
    """
    a about above after again against all am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours ourselves out over own same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours yourself yourselves also may might must shall one
    """.split(separator: " ").map { packedWord($0.filter { $0.isLetter }[...]) })

  /// Whether the packed lowercase ASCII word (at most 10 letters) is an English stop word.
  @inline(__always)
  static func isEnglishStopWord(_ packed: UInt64) -> Bool { englishStopWords.contains(packed) }
}
