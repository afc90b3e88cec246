import Foundation
import Testing
import Winnow
import WinnowTestSupport

@testable import WinnowBoilerplate

/// The fourth speed round's fast paths against the simple definitions they replace, on
/// seeded random lines and on the real lines of the sample pages in `Corpora/`.
@Suite("Boilerplate: fused fast paths")
struct FusedPathTests {
  /// The package root, from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  /// Every line of the sample pages (`Corpora/pages`, `Corpora/boilerplate`).
  static let realLines: [String] = {
    var lines: [String] = []
    for path in [
      "pages/cgtn-coalition-2025-03-20.txt", "pages/cgtn-coalition-2025-03-20.normalized.txt",
      "boilerplate/people-health-page.txt", "boilerplate/people-health-gold.txt",
    ] {
      let url = packageRoot.appendingPathComponent("Corpora").appendingPathComponent(path)
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
      lines += text.split(separator: "\n").map(String.init)
    }
    return lines
  }()

  /// The families in ``LinePatterns/Family`` order, as the scanner was built.
  static let families: [[[UInt8]]] = [
    LinePatterns.cookie, LinePatterns.cookieContext, LinePatterns.language,
    LinePatterns.registration,
    LinePatterns.registrationWeak, LinePatterns.hotline, LinePatterns.copyright,
    LinePatterns.bylineAnywhere,
    LinePatterns.breadcrumbMarks, LinePatterns.widget, LinePatterns.formNotice,
    LinePatterns.disclaimer,
  ]

  /// Pieces of random lines: every needle, the pieces of the word-at-a-time tests, partial
  /// needles, capitals, combining marks, emoji and scalars of several scripts.
  static let pieces: [String] = {
    var p = families.flatMap { $0 }.map { String(decoding: $0, as: UTF8.self) }
    p += LinePatterns.separators.map { String(decoding: $0, as: UTF8.self) }
    p += LinePatterns.teaserSuffix.map { String(decoding: $0, as: UTF8.self) }
    p += WordAtATimeTests.pieces
    p += [
      "cooki", "gdp", "cop", "copyright", "COOKIE", "ICP", "使用", "版权", "举报", "a/b", " /VCG", "/",
      "(", ")", "（", "）",
      "e\u{301}", "\u{1F50E}\u{FE0E}", "Å", "\u{212B}", "ǅ", "ŉ", "한국어", "カタカナ", "Ελ", "Кир", "١٢٣",
      "𠀀", "\u{0345}", "\u{3099}",
      "2024", "12:30", "年", "月", "日",
    ]
    return p
  }()

  static func randomLine(_ g: inout SplitMix64) -> String {
    let n = Int.random(in: 0...30, using: &g)
    return (0..<n).map { _ in pieces.randomElement(using: &g) ?? "" }.joined(
      separator: Bool.random(using: &g) ? " " : "")
  }

  /// Random lines (seeded) and the real ones.
  static func lines(seed: UInt64, count: Int) -> [String] {
    var g = SplitMix64(seed: seed)
    return (0..<count).map { _ in randomLine(&g) } + realLines
  }

  /// Whether `needle` occurs in `hay` (bytes).
  static func occurs(_ needle: [UInt8], in hay: [UInt8]) -> Bool {
    guard needle.count <= hay.count else { return false }
    return (0...(hay.count - needle.count)).contains { i in
      hay[i..<(i + needle.count)].elementsEqual(needle)
    }
  }

  /// Non-overlapping occurrences of `needle`, leftmost first.
  static func greedyCount(_ needle: [UInt8], in hay: [UInt8]) -> Int {
    var count = 0
    var i = 0
    while i + needle.count <= hay.count {
      if hay[i..<(i + needle.count)].elementsEqual(needle) {
        count += 1
        i += needle.count
      } else {
        i += 1
      }
    }
    return count
  }

  /// The automaton finds exactly the families whose needles occur, and counts the
  /// separators as a greedy search per separator does; so does the cookie-only scanner.
  @Test("needle scanner against substring search", arguments: 0..<4)
  func scanner(_ seed: Int) {
    for line in Self.lines(seed: UInt64(seed), count: 500) {
      let hay = Array(line.utf8).map(BytePatterns.lower)
      var expected: UInt32 = 0
      for (k, list) in Self.families.enumerated()
      where list.contains(where: { Self.occurs($0, in: hay) }) {
        expected |= 1 << UInt32(k)
      }
      let expectedSeparators = LinePatterns.separators.reduce(0) {
        $0 + Self.greedyCount($1, in: hay)
      }
      var separators = 0
      let found = hay.withUnsafeBufferPointer { LinePatterns.scanner.scan($0, counts: &separators) }
      #expect(found == expected, "seed \(seed): \(line.debugDescription)")
      #expect(separators == expectedSeparators, "seed \(seed): \(line.debugDescription)")
      var none = 0
      let cookie = hay.withUnsafeBufferPointer {
        LinePatterns.cookieScanner.scan($0, counts: &none)
      }
      #expect(cookie == expected & 1, "seed \(seed): \(line.debugDescription)")
      #expect(none == 0)
    }
  }

  /// Overlapping separators count greedily, each on its own: `a · · b` has one ` · `.
  @Test(
    "separator counts",
    arguments: [("a · · b", 1), ("||", 2), ("| · |", 3), ("", 0), ("a", 0), ("•••", 3)])
  func separatorCounts(_ line: String, _ expected: Int) {
    var c = 0
    _ = Array(line.utf8).withUnsafeBufferPointer { LinePatterns.scanner.scan($0, counts: &c) }
    #expect(c == expected, "\(line)")
  }

  /// The NFC-inert answer of the features pass is ``SiteRepetition/nfcInert(_:)``'s, and the
  /// features are those of the plain initializer.
  @Test("NFC-inert flag from the features pass", arguments: 0..<4)
  func nfcInertFlag(_ seed: Int) {
    for line in Self.lines(seed: 100 + UInt64(seed), count: 500) {
      let bytes = Array(line.utf8)
      bytes.withUnsafeBufferPointer { u in
        var inert = false
        let f = LineFeatures(utf8: u, hanWeight: 2.5, nfcInert: &inert)
        #expect(inert == SiteRepetition.nfcInert(u), "seed \(seed): \(line.debugDescription)")
        #expect(f == LineFeatures(utf8: u, hanWeight: 2.5))
      }
    }
  }

  /// The inert-scalar table agrees with the byte scan on every scalar below U+10000.
  @Test func inertScalarsAgree() {
    for v in UInt32(0x80)...0xFFFF {
      guard let s = Unicode.Scalar(v) else { continue }
      let bytes = Array(String(Character(s)).utf8)
      var inert = false
      _ = bytes.withUnsafeBufferPointer { LineFeatures(utf8: $0, hanWeight: 2.5, nfcInert: &inert) }
      #expect(
        inert == bytes.withUnsafeBufferPointer { SiteRepetition.nfcInert($0) },
        "U+\(String(v, radix: 16))")
    }
  }

  /// A date-only line has at least two digits by the features: the rule's precheck never
  /// hides one.
  @Test("date precheck", arguments: 0..<2)
  func datePrecheck(_ seed: Int) {
    for line in Self.lines(seed: 200 + UInt64(seed), count: 1000) {
      let bytes = Array(line.utf8)
      let low = bytes.map(BytePatterns.lower)
      let isDate = low.withUnsafeBufferPointer { LinePatterns.isDateOnly($0) }
      let f = bytes.withUnsafeBufferPointer { LineFeatures(utf8: $0, hanWeight: 2.5) }
      if isDate { #expect(f.digits >= 2, "\(line.debugDescription)") }
    }
  }

  /// Suffixes by last byte answer as the list does.
  @Test("teaser suffixes", arguments: 0..<2)
  func suffixes(_ seed: Int) {
    for line in Self.lines(seed: 300 + UInt64(seed), count: 1000) {
      let low = Array(line.utf8).map(BytePatterns.lower)
      low.withUnsafeBufferPointer { u in
        #expect(
          BytePatterns.hasAnySuffix(u, LinePatterns.PrefixSets.teaserSuffix)
            == BytePatterns.hasAnySuffix(u, LinePatterns.teaserSuffix), "\(line.debugDescription)")
      }
    }
  }

  /// Prefix sets (flat, by first byte) answer as the lists do.
  @Test("prefix sets", arguments: 0..<2)
  func prefixes(_ seed: Int) {
    let sets: [(PrefixSet, [[UInt8]])] = [
      (LinePatterns.PrefixSets.photoCreditPrefix, LinePatterns.photoCreditPrefix),
      (LinePatterns.PrefixSets.bylinePrefix, LinePatterns.bylinePrefix),
      (LinePatterns.PrefixSets.referencePrefix, LinePatterns.referencePrefix),
      (LinePatterns.PrefixSets.homePrefix, LinePatterns.homePrefix),
      (LinePatterns.PrefixSets.relatedHeader, LinePatterns.relatedHeader),
    ]
    var lines = Self.lines(seed: 500 + UInt64(seed), count: 500)
    lines += sets.flatMap { $0.1 }.map { String(decoding: $0, as: UTF8.self) }
    for line in lines {
      let low = Array(line.utf8).map(BytePatterns.lower)
      low.withUnsafeBufferPointer { u in
        for (set, list) in sets {
          #expect(
            BytePatterns.hasAnyPrefix(u, set) == BytePatterns.hasAnyPrefix(u, list),
            "\(line.debugDescription)")
        }
      }
    }
  }

  /// The URL marks looked up at `/` and `.` are those a window of the last four ASCII bytes
  /// (letters lowercased, other bytes skipped) shows.
  @Test("URL marks", arguments: 0..<2)
  func urlMarks(_ seed: Int) {
    var g = SplitMix64(seed: 600 + UInt64(seed))
    let parts = ["w", "W", "ww", "www", ".", "/", ":", "://", "中", "é", " ", "x", "1", "http"]
    for _ in 0..<2000 {
      let line = (0..<Int.random(in: 1...12, using: &g)).map { _ in
        parts.randomElement(using: &g) ?? ""
      }.joined()
      let bytes = Array(line.utf8)
      var window: UInt32 = 0
      bytes.withUnsafeBufferPointer { u in
        for (i, b) in bytes.enumerated() where b < 0x80 {
          let isLetter = (b | 0x20) &- 0x61 < 26
          window = (window << 8) | UInt32(isLetter ? b | 0x20 : b)
          guard b == 0x2F || b == 0x2E else { continue }
          let expected = window & 0xFF_FFFF == 0x3A_2F2F || window == 0x7777_772E
          #expect(
            LineFeatures.endsURLMark(u, at: i) == expected, "\(line.debugDescription) at \(i)")
        }
      }
    }
  }

  /// The `/` search 8 bytes at a time finds what a byte loop finds, in every window.
  @Test("slash search", arguments: 0..<50)
  func slash(_ seed: Int) {
    var g = SplitMix64(seed: 400 + UInt64(seed))
    let n = Int.random(in: 0...70, using: &g)
    let alphabet: [UInt8] = [0x2F, 0x2E, 0x61, 0xAF, 0x00, 0x30, 0x2D]
    let bytes: [UInt8] = (0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)]
    }
    bytes.withUnsafeBufferPointer { u in
      for a in 0...n {
        for b in a...n {
          #expect(
            CaptionCredit.hasSlash(u, a..<b) == bytes[a..<b].contains(0x2F),
            "seed \(seed) \(a)..<\(b)")
        }
      }
    }
  }
}

/// Scanners of random needles over a small alphabet (so that needles overlap, nest and
/// follow each other closely, one-byte needles among them) against substring search: the
/// byte-by-byte automaton (more than four start bytes) and the word skip (at most four)
/// find what a search per needle finds.
@Suite("Boilerplate: needle scanner on random needles")
struct RandomNeedleScannerTests {
  static let alphabet: [[UInt8]] = ["a", "b", "c", "d", "e", "f", " ", "é", "中", "文"].map {
    Array($0.utf8)
  }

  /// A random string of `lengths` pieces of the alphabet.
  static func word(_ g: inout SplitMix64, _ lengths: ClosedRange<Int>) -> [UInt8] {
    let count = Int.random(in: lengths, using: &g)
    return (0..<count).flatMap { _ in alphabet.randomElement(using: &g) ?? [] }
  }

  @Test("random needles against substring search", arguments: 0..<40)
  func randomNeedles(_ seed: Int) {
    var g = SplitMix64(seed: 7_000 + UInt64(seed))
    let needleLengths = seed % 5 == 0 ? 1...2 : 1...4
    let families = (0..<Int.random(in: 1...6, using: &g)).map { _ in
      (0..<Int.random(in: 1...5, using: &g)).map { _ in Self.word(&g, needleLengths) }
    }
    let counted = (0..<Int.random(in: 0...3, using: &g)).map { _ in Self.word(&g, 1...3) }
    let scanner = NeedleScanner(families: families, counted: counted)
    for _ in 0..<300 {
      let hay = Self.word(&g, 0...40)
      var expected: UInt32 = 0
      for (k, list) in families.enumerated()
      where list.contains(where: { FusedPathTests.occurs($0, in: hay) }) {
        expected |= 1 << UInt32(k)
      }
      let expectedCount = counted.reduce(0) { $0 + FusedPathTests.greedyCount($1, in: hay) }
      var count = 0
      let found = hay.withUnsafeBufferPointer { scanner.scan($0, counts: &count) }
      let text = String(decoding: hay, as: UTF8.self)
      #expect(found == expected, "seed \(seed): \(text.debugDescription) in \(families)")
      #expect(count == expectedCount, "seed \(seed): \(text.debugDescription), \(counted)")
    }
  }
}

/// `BytePatterns.scalar(endingAt:in:from:)`, the walk back over a line's bytes that the
/// sentence-end and citation checks share, against the scalars of the string.
@Suite("Boilerplate: decoding a line backwards")
struct BackwardScalarTests {
  /// Walking back from the end gives the string's scalars in reverse, each at its offset,
  /// on the real lines of the sample pages and on seeded random lines (the seed is printed).
  @Test(arguments: 0..<40)
  func walksBackOverEveryScalar(seed: Int) {
    var g = SplitMix64(seed: 9_000 + UInt64(seed))
    let lines =
      seed == 0 ? FusedPathTests.realLines : (0..<50).map { _ in FusedPathTests.randomLine(&g) }
    for line in lines {
      var expected: [(Unicode.Scalar, Int)] = []
      var offset = 0
      for c in line.unicodeScalars {
        expected.append((c, offset))
        offset += UTF8.width(c)
      }
      let bytes = Array(line.utf8)
      let walked = bytes.withUnsafeBufferPointer { u -> [(Unicode.Scalar, Int)] in
        var out: [(Unicode.Scalar, Int)] = []
        var e = u.count
        while let (c, s) = BytePatterns.scalar(endingAt: e, in: u) {
          out.append((c, s))
          e = s
        }
        #expect(e == 0, "seed \(seed): stopped at \(e) in \(line.debugDescription)")
        return out
      }
      #expect(
        walked.reversed().map(\.0) == expected.map(\.0)
          && walked.reversed().map(\.1) == expected.map(\.1),
        "seed \(seed): \(line.debugDescription)")
    }
  }

  /// The walk reads no byte before its lower bound, and stops at bytes that are not one
  /// well-formed sequence.
  @Test(
    arguments: [
      ([0x61, 0xE3, 0x80, 0x82], 4, 0, "。" as Unicode.Scalar?, 1),  // a wide full stop
      ([0x61, 0xE3, 0x80, 0x82], 4, 2, nil, 0),  // its lead byte lies before the bound
      ([0x61, 0x80], 2, 0, nil, 0),  // a lone continuation byte
      ([0x61, 0xE3, 0x80], 3, 0, nil, 0),  // a truncated sequence
      ([0xED, 0xA0, 0x80], 3, 0, nil, 0),  // a surrogate
      ([0xF0, 0x9F, 0x98, 0x80], 4, 0, "😀", 0),  // four bytes
      ([0x61], 0, 0, nil, 0),  // at the start
    ] as [([UInt8], Int, Int, Unicode.Scalar?, Int)])
  func boundsAndMalformedBytes(
    bytes: [UInt8], end: Int, lower: Int, scalar: Unicode.Scalar?, start: Int
  ) {
    let found = bytes.withUnsafeBufferPointer {
      BytePatterns.scalar(endingAt: end, in: $0, from: lower)
    }
    #expect(found?.value == scalar)
    if let found { #expect(found.start == start) }
  }
}
