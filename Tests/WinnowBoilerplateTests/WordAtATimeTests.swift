import Testing
import Winnow
import WinnowTestSupport

@testable import WinnowBoilerplate

/// The word-at-a-time paths (8 bytes per step) answer as a byte-at-a-time reading would, at
/// every alignment of the line's bytes.
@Suite("Boilerplate: word-at-a-time paths")
struct WordAtATimeTests {
  static func features(_ s: String) -> LineFeatures { LineFeatures(of: s[...], hanWeight: 2.5) }

  /// Pieces the random lines are made of: words of every length around 8 (the step), stop
  /// words in both cases, apostrophes, digits, URLs, CJK text and punctuation.
  static let pieces = [
    "the", "THE", "The", "ourselves", "Themselves", "yourselvesx", "internationalization", "a", "I",
    "it's", "don't",
    "can’t", "www.example.com", "http://x.org", "a@b.cn", "2024", "555-123-4567", "café", "naïve",
    "Ελληνικά",
    "中文", "的了是", "，", "。", "、", "；", "（注）", "【详细】", "!", "?", ",", "...", "|", " ", "  ",
    "\u{3000}", "\t",
  ]

  static func randomLine(_ seed: UInt64) -> String {
    var g = SplitMix64(seed: seed)
    let n = Int.random(in: 1...24, using: &g)
    return (0..<n).map { _ in pieces.randomElement(using: &g) ?? "" }.joined(
      separator: Bool.random(using: &g) ? " " : "")
  }

  /// Leading spaces move every word across the 8-byte steps without changing a count.
  @Test("features do not depend on alignment", arguments: 0..<200)
  func alignment(_ seed: Int) {
    let line = Self.randomLine(UInt64(seed))
    let f = Self.features(line)
    for pad in 1...9 {
      let g = Self.features(String(repeating: " ", count: pad) + line)
      #expect(g == f, "seed \(seed), pad \(pad): \(line.debugDescription)")
    }
  }

  /// Each of Lexicon's stop words counts once, in any case, alone or between other words,
  /// at every alignment; one letter more and it does not.
  @Test func everyStopWordCounts() {
    let words = Lexicon.englishStopWords
    #expect(words.count == Set(words).count)
    for w in words {
      for pad in 0...8 {
        let prefix = String(repeating: "x", count: pad)
        #expect(Self.features(w).stopWords == 1, "\(w)")
        #expect(Self.features(w.uppercased()).stopWords == 1, "\(w)")
        #expect(Self.features("\(prefix) \(w) zebra").stopWords == 1, "\(w) after \(pad)")
        #expect(Self.features("\(prefix) \(w)q zebra").stopWords == 0, "\(w)q after \(pad)")
      }
    }
  }

  @Test(
    "feature counts",
    arguments: [
      ("The Cat sat on THE mat.", 6, 3, 5, 17),  // words, stop words, capitals, letters
      ("internationalization and ourselves", 3, 2, 0, 32),
      ("It's a well-known fact", 5, 2, 1, 17),
      ("ABCDEFGHIJKLMNOP qrstuvwx", 2, 0, 16, 24),
      ("中文，标点。的", 0, 0, 0, 5),
    ])
  func counts(_ line: String, _ words: Int, _ stops: Int, _ capitals: Int, _ letters: Int) {
    let f = Self.features(line)
    #expect(f.words == words)
    #expect(f.stopWords == stops)
    #expect(f.capitals == capitals)
    #expect(f.letters == letters)
  }

  @Test(
    "URLs and e-mail addresses at any alignment",
    arguments: ["see www.site.com", "https://a.b/c", "mail me@x.org", "WWW.SITE.COM"])
  func urls(_ line: String) {
    for pad in 0...8 {
      #expect(
        Self.features(String(repeating: "x", count: pad) + " " + line).hasURLOrEmail, "\(pad)")
    }
  }

  /// The CJK punctuation fast path: none of those scalars is a letter, a digit, a space or CJK.
  @Test func plainCJKPunctuation() {
    var n = 0
    for v in UInt32(0x3000)...0xFFFF where LineFeatures.isPlainCJKPunctuation(v) {
      n += 1
      #expect(
        Lexicon.flags(v) == 0 && !Lexicon.isSpace(v) && !Lexicon.isCJK(v),
        "U+\(String(v, radix: 16))")
    }
    #expect(n == 19)
    #expect(Self.features("一，二、三；四。五：六").clausePunctuation == 4)
  }

  /// Line ranges found 8 bytes at a time are those of a split at `\n`.
  @Test("line ranges", arguments: 0..<100)
  func lineRanges(_ seed: Int) {
    var g = SplitMix64(seed: UInt64(seed))
    let n = Int.random(in: 0...80, using: &g)
    var bytes = (0..<n).map { _ in
      [UInt8(0x0A), 0x61, 0x0B, 0x09, 0x8A, 0x0A][Int.random(in: 0..<6, using: &g)]
    }
    if seed == 0 { bytes = [] }
    var expected: [Range<Int>] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
      expected.append(start..<i)
      start = i + 1
    }
    if start < bytes.count { expected.append(start..<bytes.count) }
    let got = bytes.withUnsafeBufferPointer { BoilerplateStage.lineRanges($0) }
    #expect(got == expected, "seed \(seed)")
  }

  /// The needle scanners find needles at the first and last byte and at every alignment;
  /// the cookie scanner (8 bytes at a time to its start bytes) agrees with the full one.
  @Test func needlesAtEveryPosition() {
    for pad in 0...17 {
      let filler = String(repeating: "z", count: pad)
      for (line, family) in [
        ("\(filler)cookie", LinePatterns.Family.cookie), ("\(filler)使用cookie", .cookie),
        ("\(filler)gdpr", .cookie),
        ("\(filler)版权所有", .copyright), ("\(filler)©", .copyright), ("©\(filler)", .copyright),
      ] {
        var copy = line
        var c = 0
        let full = copy.withUTF8 { LinePatterns.scanner.scan($0, counts: &c) }
        let cookie = copy.withUTF8 { LinePatterns.cookieScanner.scan($0, counts: &c) }
        #expect(full & (1 << UInt32(family.rawValue)) != 0, "\(line)")
        #expect((cookie != 0) == (family == .cookie), "\(line)")
      }
      var copy = "a" + filler + "|"
      var seps = 0
      _ = copy.withUTF8 { LinePatterns.scanner.scan($0, counts: &seps) }
      #expect(seps == 1, "\(pad)")
    }
  }

  @Test(
    "date-only lines",
    arguments: [
      ("March 3, 2024", true), ("Mon, 12 Feb 2024 10:00 GMT", true), ("Marching 2024", false),
      ("2024年3月5日", true),
      ("Updated 3 hours ago", false),
    ])
  func dateOnly(_ line: String, _ expected: Bool) {
    var copy = line.lowercased()
    #expect(copy.withUTF8 { LinePatterns.isDateOnly($0) } == expected)
  }
}
