import Testing
import Winnow
import WinnowTestSupport

@testable import WinnowBoilerplate

/// The twelfth speed round's paths against the ones they replace: two lines per needle scan,
/// the page lowered eight bytes a step, the stop words looked up without a branch.
@Suite("Boilerplate: two lines per scan")
struct PairedScanTests {
  /// Each line of a pair scanned together finds what it finds alone (families and counted
  /// separators), whichever line is longer, on the real scanner over the sample pages' lines
  /// and seeded random lines (lowered as `match` reads them).
  @Test("pairs against single scans (line patterns)", arguments: 0..<8)
  func pairsMatchSingleScans(seed: Int) {
    let lines = FusedPathTests.lines(seed: 31_000 + UInt64(seed), count: 300).map {
      Array($0.utf8).map(BytePatterns.lower)
    }
    var g = SplitMix64(seed: 32_000 + UInt64(seed))
    let scanner = LinePatterns.scanner
    for _ in 0..<lines.count {
      guard let a = lines.randomElement(using: &g), let b = lines.randomElement(using: &g)
      else { continue }
      Self.expectPairMatchesSingles(scanner, a, b)
    }
  }

  /// The same on random needles over a small alphabet (overlapping, nested, one-byte
  /// needles, counted needles that overlap themselves), where the walks' outputs come often.
  @Test("pairs against single scans (random needles)", arguments: 0..<40)
  func pairsOnRandomNeedles(seed: Int) {
    var g = SplitMix64(seed: 33_000 + UInt64(seed))
    let families = (0..<Int.random(in: 1...6, using: &g)).map { _ in
      (0..<Int.random(in: 1...5, using: &g)).map { _ in RandomNeedleScannerTests.word(&g, 1...4) }
    }
    let counted = (0..<Int.random(in: 0...3, using: &g)).map { _ in
      RandomNeedleScannerTests.word(&g, 1...3)
    }
    let scanner = NeedleScanner(families: families, counted: counted)
    for _ in 0..<200 {
      let a = RandomNeedleScannerTests.word(&g, 0...40)
      let b = RandomNeedleScannerTests.word(&g, 0...40)
      Self.expectPairMatchesSingles(scanner, a, b)
    }
  }

  /// A scanner that skips to its few start bytes (the cookie scanner) scans a pair as two
  /// single scans.
  @Test func skippingScannerPairs() {
    let cookie = Array("we use cookies on this site. accept all cookies".utf8)
    let plain = Array("nothing to see here, only text".utf8)
    Self.expectPairMatchesSingles(LinePatterns.cookieScanner, cookie, plain)
    Self.expectPairMatchesSingles(LinePatterns.cookieScanner, plain, cookie)
  }

  static func expectPairMatchesSingles(_ scanner: NeedleScanner, _ a: [UInt8], _ b: [UInt8]) {
    func single(_ x: [UInt8]) -> NeedleScanner.Result {
      var counted = 0
      let found = x.withUnsafeBufferPointer { scanner.scan($0, counts: &counted) }
      return NeedleScanner.Result(found: found, counted: counted)
    }
    let (pa, pb) = a.withUnsafeBufferPointer { ua in
      b.withUnsafeBufferPointer { ub in scanner.scan(ua, ub) }
    }
    let text = (String(decoding: a, as: UTF8.self), String(decoding: b, as: UTF8.self))
    #expect(pa == single(a), "\(text)")
    #expect(pb == single(b), "\(text)")
  }

  /// `fullScans` gives each line its own scan, in order, for odd and even counts.
  @Test func fullScansInOrder() {
    let page = Array("home | news | sports\nplain words\n© 2024 all rights reserved\nx".utf8)
    let ranges = page.withUnsafeBufferPointer(BoilerplateStage.lineRanges)
    #expect(ranges.count == 4)
    page.withUnsafeBufferPointer { low in
      for count in 0...ranges.count {
        let scans = LinePatterns.fullScans(low, Array(ranges.prefix(count)))
        #expect(scans.count == count)
        for (k, r) in ranges.prefix(count).enumerated() {
          var counted = 0
          let found = LinePatterns.scanner.scan(
            UnsafeBufferPointer(rebasing: low[r]), counts: &counted)
          #expect(scans[k] == NeedleScanner.Result(found: found, counted: counted), "line \(k)")
        }
      }
    }
  }
}

@Suite("Boilerplate: lowering a page eight bytes a step")
struct LowerASCIITests {
  /// Every byte value, at every alignment and length around the step: the bytes of
  /// ``BytePatterns/lower(_:)``, only `A`–`Z` changed.
  @Test func everyByteAtEveryAlignment() {
    let all = (0...255).map(UInt8.init)
    for shift in 0..<8 {
      let bytes = Array(all[shift...]) + Array(all[..<shift])
      for length in [0, 1, 7, 8, 9, 15, 16, 17, 255, 256] {
        let input = Array(bytes.prefix(length))
        var out = [UInt8](repeating: 0xEE, count: input.count)
        input.withUnsafeBufferPointer { u in
          out.withUnsafeMutableBufferPointer { BytePatterns.lowerASCII(u, into: $0) }
        }
        #expect(out == input.map(BytePatterns.lower), "shift \(shift), length \(length)")
      }
    }
  }

  /// Seeded random UTF-8 lines (capitals next to every other class of byte).
  @Test(arguments: 0..<20)
  func randomLines(seed: Int) {
    var g = SplitMix64(seed: 34_000 + UInt64(seed))
    let line = Array(
      (0..<40).map { _ in WordAtATimeTests.pieces.randomElement(using: &g) ?? "" }.joined().utf8)
    var out = [UInt8](repeating: 0, count: line.count)
    line.withUnsafeBufferPointer { u in
      out.withUnsafeMutableBufferPointer { BytePatterns.lowerASCII(u, into: $0) }
    }
    #expect(out == line.map(BytePatterns.lower))
  }
}

@Suite("Boilerplate: the stop-word table")
struct StopWordTableTests {
  /// Every word sits in its own slot or the next, and nothing else is in the table.
  static func expectWithinOneSlot(_ table: LineFeatures.StopWordTable, _ words: [String]) {
    #expect(table.slots.count == 1025)
    let keys = Set(words.map(LineFeatures.StopWordTable.key))
    #expect(Set(table.slots.filter { $0 != 0 }) == keys)
    for k in keys {
      let home = LineFeatures.stopSlot(k, table.multiplier)
      #expect(table.slots[home] == k || table.slots[home + 1] == k, "key \(k)")
    }
  }

  @Test func englishStopWords() {
    Self.expectWithinOneSlot(LineFeatures.stopTable, Lexicon.englishStopWords)
  }

  /// A list the first multiplier does not place within one slot: the table tries the next
  /// ones until it does.
  @Test func crowdedListFindsAMultiplier() {
    var g = SplitMix64(seed: 35_000)
    let letters = Array("abcdefghijklmnopqrstuvwxyz")
    var words = Set<String>()
    while words.count < 200 {
      words.insert(
        String(
          (0..<Int.random(in: 1...10, using: &g)).map { _ in
            letters.randomElement(using: &g) ?? "a"
          }))
    }
    let table = LineFeatures.StopWordTable(Array(words))
    #expect(table.multiplier != 0x9E37_79B9_7F4A_7C15)
    Self.expectWithinOneSlot(table, Array(words))
  }
}

@Suite("Boilerplate: needle lists' case variants")
struct NeedleVariantTests {
  /// `BytePatterns.list` as it was before words without other forms skipped their case
  /// mappings: every variant made, the new ones kept.
  static func reference(_ words: [String]) -> [[UInt8]] {
    func capitalized(_ s: String) -> String {
      guard let first = s.first else { return s }
      return first.uppercased() + s.dropFirst()
    }
    func titled(_ s: String) -> String {
      s.split(separator: " ", omittingEmptySubsequences: false).map { capitalized(String($0)) }
        .joined(separator: " ")
    }
    var out: [[UInt8]] = []
    var seen = Set<[UInt8]>()
    for word in words {
      let variants =
        word.utf8.allSatisfy { $0 < 0x80 }
        ? [word]
        : [
          word, word.lowercased(), capitalized(word.lowercased()), titled(word.lowercased()),
          word.uppercased(),
        ]
      for (k, v) in variants.enumerated() {
        let bytes = k == 0 ? Array(v.utf8) : v.utf8.map(BytePatterns.lower)
        if seen.insert(bytes).inserted { out.append(bytes) }
      }
    }
    return out
  }

  /// Chinese, Cyrillic, German, Turkish, Greek and mixed needles, with ASCII capitals, `ß`
  /// and a title-case digraph: the same list, in the same order, as every variant made.
  @Test func sameListAsEveryVariant() {
    let words = [
      "互联网新闻信息许可证", "京icp备", "ICP备", "pm2.5指数", "об авторе", "ähnliche artikel",
      "straße", "i̇stanbul", "İstanbul", "σχετικά άρθρα", "ǆungla", "阅读全文 »", "read more",
      "更多>>", "", "（注）", "ｆｕｌｌ ｗｉｄｔｈ", "Ｆｕｌｌ", "ﬁle", "中文 and english",
    ]
    #expect(BytePatterns.list(words) == Self.reference(words))
    for w in words { #expect(BytePatterns.list([w]) == Self.reference([w]), "\(w)") }
  }

  /// Only words whose bytes a case mapping and ASCII lowering can change have other forms.
  @Test(arguments: [
    ("互联网", false), ("pm2.5指数", false), ("ICP备", true), ("об", true), ("ß", true),
    ("ｆｕｌｌ", true), ("（注）", false), ("", false),
  ])
  func otherForms(word: String, expected: Bool) {
    #expect(BytePatterns.hasOtherForms(word) == expected)
  }
}
