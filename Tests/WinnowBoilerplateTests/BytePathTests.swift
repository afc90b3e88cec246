import Testing
import Winnow

@testable import WinnowBoilerplate

/// The byte-level fast paths give the answers of the string-level code they replace.
@Suite("Boilerplate: byte-level paths")
struct ByteLevelPathTests {
  /// Site lines match as `Set<String>` does: by canonical equivalence, not by bytes.
  @Test(
    "site lines match by canonical equivalence",
    arguments: [
      ("caf\u{E9} menu", "cafe\u{301} menu", true),  // learned NFC, page NFD
      ("cafe\u{301} menu", "caf\u{E9} menu", true),  // learned NFD, page NFC
      ("\u{212B}ngstr\u{F6}m", "\u{C5}ngstr\u{F6}m", true),  // Angstrom sign ≡ Å
      ("Index 🔎︎", "Index 🔎︎", true),
      ("Index 🔎︎", "Index", false),
      ("首页 新闻", "首页 新闻", true),
      ("首页 新闻", "首页 新闻 体育", false),
    ])
  func siteLines(_ learned: String, _ line: String, _ expected: Bool) {
    let index = SiteRepetition.Index.Lines([learned, "Home", "Контакты"])
    var copy = line
    let got = copy.withUTF8 { index.contains($0) }
    #expect(got == expected)
    #expect(got == Set([learned, "Home", "Контакты"]).contains(line))
  }

  @Test(
    "NFC-inert scalars",
    arguments: [
      ("plain ASCII text, long enough for words", true), ("中文，标点。", true),
      ("Ελληνικά Кириллица", true),
      ("e\u{301}", false), ("🔎", false), ("\u{F900}", false), ("か\u{3099}", false),
    ])
  func inert(_ text: String, _ expected: Bool) {
    var copy = text
    #expect(copy.withUTF8 { SiteRepetition.nfcInert($0) } == expected)
  }

  /// Separators are counted per needle, greedy leftmost and without overlap, as before.
  @Test(
    "separator counts",
    arguments: [("a · · b", 1), ("a | b | c", 2), ("a · b · c", 2), ("a｜b｜c • d", 3)])
  func separators(_ line: String, _ expected: Int) {
    var seps = 0
    var copy = line
    _ = copy.withUTF8 { LinePatterns.scanner.scan($0, counts: &seps) }
    #expect(seps == expected)
  }

  /// The stage (byte ranges of the document) and `classify(lines:)` (joined lines) decide alike,
  /// including a caption whose credit is cut and lines with surrounding spaces.
  @Test func stageAndClassifierAgree() throws {
    let page = """
      CHOOSE YOUR LANGUAGE
        Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition.\u{3000}
      Starmer speaks in London, March 20, 2025. /VCG
      京ICP备12345678号
      """
    let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
    let c = BoilerplateClassifier()
    let a = c.classify(lines: lines)
    var doc = Document(text: page + "\n")
    try BoilerplateStage().process(&doc)
    #expect(
      Set(doc.dropped.map(\.reason))
        == Set(a.filter { !$0.keep }.map(\.reason.rawValue) + ["photo-credit"]))
    #expect(doc.text.contains("Starmer speaks in London, March 20, 2025.\n"))
    #expect(a.map(\.keep) == [false, true, true, false])
    #expect(a[2].credit?.credit == "VCG")
  }

  /// The credit is cut at its own offset in a caption line that starts with spaces (the cut
  /// offset is into the whole line, not the trimmed one).
  @Test func creditCutOnIndentedCaption() throws {
    let page = """
      Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition.
         Starmer speaks in London, March 20, 2025. /VCG
      Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition.
      """
    var doc = Document(text: page + "\n")
    try BoilerplateStage().process(&doc)
    #expect(doc.text.contains("   Starmer speaks in London, March 20, 2025.\n"))
    let credit = doc.dropped.first { $0.reason == "photo-credit" }
    #expect(credit?.text == " /VCG")
  }
}
