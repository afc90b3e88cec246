import Testing
import WinnowTestSupport

@testable import WinnowBoilerplate

/// The sixth speed round: the learner's slot table and the features loop's counts, against
/// plain definitions.
@Suite("Boilerplate: sixth speed round (learner table, feature counts)")
struct SixthRoundTests {
  /// Many sites of very different sizes (one page of 3,000 lines, many pages of a few
  /// lines): the table grows within a page and across pages; the learned lines are those a
  /// plain count (a set of lines per page) gives.
  @Test(arguments: [(1, 0.0), (2, 0.0), (3, 0.1), (4, 0.3)])
  func learnerMatchesAPlainCount(minPages: Int, minShare: Double) {
    var rng = SplitMix64(seed: UInt64(minPages) &* 7919)
    var learner = SiteRepetition.Learner(minPages: minPages, minShare: minShare)
    var pagesPerLine: [String: [String: Int]] = [:]
    var pagesPerHost: [String: Int] = [:]
    for site in 0..<40 {
      let host = "site\(site).example"
      let pageCount = site == 0 ? 1 : Int.random(in: 1...12, using: &rng)
      let vocabulary = site == 0 ? 5_000 : Int.random(in: 3...300, using: &rng)
      for _ in 0..<pageCount {
        let lineCount = site == 0 ? 3_000 : Int.random(in: 0...80, using: &rng)
        let lines = (0..<lineCount).map { _ in
          "line \(Int.random(in: 0..<vocabulary, using: &rng)) of \(host) 句子"
        }
        learner.observe(lines: lines, host: host)
        pagesPerHost[host, default: 0] += 1
        for l in Set(lines) { pagesPerLine[host, default: [:]][l, default: 0] += 1 }
      }
    }
    let model = learner.finish()
    for (host, n) in pagesPerHost {
      let need = max(minPages, Int((minShare * Double(n)).rounded(.up)))
      let expected = Set((pagesPerLine[host] ?? [:]).filter { $0.value >= need }.keys)
      #expect(model.lines(forHost: host) ?? [] == expected, "\(host)")
    }
  }

  /// `characters` (now `letters` + the other non-space scalars) and the stop words of
  /// words around the longest stop word's length (10 letters), at every offset of the
  /// 8-byte blocks and at the line's end.
  @Test(arguments: [
    "themselves", "yourselves", "ourselves", "themselvesx", "Themselves", "aboutabout", "a",
    "againstx", "ourselvesyz",
  ])
  func countsAroundTheLongestStopWord(word: String) {
    let stop = Set(Lexicon.englishStopWords)
    for pad in 0..<9 {
      for tail in ["", " x", ".", " 的", "123"] {
        let line = String(repeating: "q", count: pad) + " " + word + tail
        let f = LineFeatures(of: line[...], hanWeight: 2)
        let scalars = line.unicodeScalars.filter { !Lexicon.isSpace($0) }
        #expect(f.characters == scalars.count, "\(line)")
        #expect(f.letters == scalars.filter { $0.properties.isAlphabetic }.count, "\(line)")
        let words = line.split(whereSeparator: { !$0.isASCII || !$0.isLetter }).map {
          $0.lowercased()
        }
        #expect(f.stopWords == words.filter { stop.contains($0) }.count, "\(line)")
      }
    }
  }
}
