@_spi(WorkCounting) import Winnow

extension BoilerplateClassifier {
  /// Marks a grid of teasers whose headline and standfirst were glued into one line when the
  /// page was turned into text (`related-links`, see ``BoilerplateOptions/gluedTeaserLines``):
  /// `Police: 2 In Custody After Death Of U-M Student-AthleteA 24-year-old woman and a
  /// 28-year-old man have been arrested …` — a headline in title case, then with no space a
  /// sentence (``isGluedTeaser(_:)``). At least that many such lines among
  /// ``gluedTeaserWindow`` long lines in a row (not mostly CJK, at least
  /// ``gluedTeaserMinWords`` words, no pattern fixed; shorter lines, such as the menu items
  /// between a grid's teasers, are not counted) are a grid: each of them is fixed as
  /// `related-links` before the context rules run, so the grid's long lines no longer make
  /// a main block of it. One glued line alone is no grid: a brand written in camel case
  /// (`LinkedIn`, `SpaceX`) can look the same.
  func gluedTeasers(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: inout [BoilerplateReason?]
  ) {
    let minimum = options.gluedTeaserLines
    guard minimum > 0 else { return }
    var glued: [Int] = []
    // The long lines no pattern fixed, in order (the window counts these: the menu items
    // between a grid's teasers do not part them).
    var place = 0
    var places: [Int] = []
    for i in lines.indices where fixed[i] == nil {
      let f = features[i]
      guard !f.isCJK && f.words >= Self.gluedTeaserMinWords else { continue }
      if Self.isGluedTeaser(UnsafeBufferPointer(rebasing: u[lines[i]])) {
        glued.append(i)
        places.append(place)
      }
      place += 1
    }
    guard glued.count >= minimum else { return }
    var mark = [Bool](repeating: false, count: glued.count)
    for k in 0...(glued.count - minimum)
    where places[k + minimum - 1] - places[k] < Self.gluedTeaserWindow {
      for j in k..<(k + minimum) { mark[j] = true }
    }
    for (k, i) in glued.enumerated() where mark[k] { fixed[i] = .relatedLinks }
  }

  /// The fewest words of a glued teaser's line (``gluedTeasers(_:_:_:_:)``).
  static let gluedTeaserMinWords = 10

  /// The window (long lines no pattern fixed, see ``gluedTeasers(_:_:_:_:)``) within which
  /// ``BoilerplateOptions/gluedTeaserLines`` glued teasers make a grid.
  static let gluedTeaserWindow = 6

  /// Whether a line is a headline glued to its standfirst: at a join where a word's lowercase
  /// letter, digit or closing mark is followed with no space by a capital, the words before
  /// it (3–20 that hold a letter or digit, the join's word at least 3 bytes long before the
  /// join) mostly (80 %) start with a capital or a digit — a headline in title case — and
  /// the text after it reads as a standfirst sentence (``readsAsStandfirst(_:from:)``).
  ///
  /// Linear in the line: the text after every join in one word reads the same from the
  /// word's end on, so it is read once per word (a line of one long run of `dEdEdE…` joins
  /// would otherwise be read again from each of them), and at most 20 words are looked at.
  static func isGluedTeaser(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = b.count
    var words = 0
    var capitalWords = 0
    var wordStart = 0
    var wordCounted = false
    // Whether the text after a join in the current word reads as a sentence, once asked.
    var sentenceInWord: Bool? = nil
    var i = 0
    defer { WorkCounter.add(i) }
    while i < n {
      let c = b[i]
      if c == 0x20 || c == 0x09 {
        wordStart = i + 1
        wordCounted = false
        sentenceInWord = nil
        i += 1
        continue
      }
      if !wordCounted && BytePatterns.isAlphanumeric(c) {
        wordCounted = true
        words += 1
        if BytePatterns.isUpper(c) || BytePatterns.isDigit(c) { capitalWords += 1 }
        // No join further on can follow a title-case headline of at most 20 words: past
        // them, or past 4 words that do not start with a capital (a fifth of 20). Prose
        // stops here within its first few words.
        if words > 20 || words - capitalWords > 4 { return false }
      }
      if i > wordStart && BytePatterns.isUpper(c) && i - wordStart >= 3 && words >= 3
        && capitalWords * 5 >= words * 4 && joinsBefore(b, i)
      {
        let sentence = sentenceInWord ?? readsAsStandfirst(b, from: i)
        if sentence { return true }
        sentenceInWord = sentence
      }
      i += 1
    }
    return false
  }

  /// Whether the character before `i` ends a word's text: a lowercase letter, a digit, `?`,
  /// `!`, `)`, `"`, `.`, or a closing curly quote (`’`, `”`).
  private static func joinsBefore(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let p = b[i - 1]
    if BytePatterns.isLower(p) || BytePatterns.isDigit(p) { return true }
    switch p {
    case UInt8(ascii: "?"), UInt8(ascii: "!"), UInt8(ascii: ")"), UInt8(ascii: "\""),
      UInt8(ascii: "."):
      return true
    case 0x80...0xBF:
      let c = BytePatterns.scalar(endingAt: i, in: b)?.value
      return c == "\u{2019}" || c == "\u{201D}"
    default:
      return false
    }
  }

  /// Whether the text from `i` reads as a standfirst sentence: at least 5 words, its first
  /// sentence (up to a word ending in `.`, `!` or `?`) at least 3 of them, and of the 8 words
  /// after the first at least 4 start with a lowercase letter. A menu path in a manual
  /// (`Choose Tools - AutoCorrect - AutoCorrect Options. Go to the Replace tab.`) breaks off
  /// after two words.
  private static func readsAsStandfirst(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Bool {
    var words = 0
    var lower = 0
    var inWord = false
    var k = i
    defer { WorkCounter.add(k - i) }
    while k < b.count && words <= 9 {
      let c = b[k]
      if c == 0x20 || c == 0x09 {
        // A sentence that ends before its third word is no standfirst.
        if inWord && words < 3 && isSentenceEnd(b[k - 1]) { return false }
        inWord = false
      } else if !inWord {
        inWord = true
        words += 1
        if words >= 2 && words <= 9 && BytePatterns.isLower(c) { lower += 1 }
      }
      k += 1
    }
    return words >= 5 && lower >= 4
  }

  @inline(__always) private static func isSentenceEnd(_ c: UInt8) -> Bool {
    c == UInt8(ascii: ".") || c == UInt8(ascii: "!") || c == UInt8(ascii: "?")
  }

}
