import Testing
import Winnow

@Suite struct SentenceBreakConformanceTests {
  static let cases = BreakTestCase.load("\(unicodeAuxiliary)/SentenceBreakTest.txt")

  /// ICU's sentence iterator, as the Segmenter uses it, on every case of the Unicode file.
  @Test("SentenceBreakTest.txt (Unicode 15.0), every case", arguments: ["", "en@ss=standard"])
  func sentenceBreakTest(locale: String) throws {
    try #require(
      Self.cases.count > 100, "SentenceBreakTest.txt missing: install Debian's unicode-data")
    let it = try BreakIterator.make(.sentence, locale: locale)
    var failures: [String] = []
    for c in Self.cases {
      let actual = try it.boundaries(c.bytes).boundaries
      if actual != c.expected { failures.append(c.explain(actual: actual)) }
    }
    #expect(
      failures.isEmpty,
      "\(failures.count) of \(Self.cases.count) cases fail:\n\(failures.prefix(20).joined(separator: "\n"))"
    )
  }
}
