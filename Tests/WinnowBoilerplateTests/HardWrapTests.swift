import Foundation
import Testing
import Winnow
import WinnowTestSupport

@testable import WinnowBoilerplate

/// Text dumps wrapped at a fixed width (``HardWrap``, option `unwrap_lines`): a wrapped
/// paragraph is judged as one line, and pages as a browser copies them are left alone.
@Suite("Boilerplate: pages wrapped at a fixed width")
struct HardWrapTests {
  static func corpus(_ path: String) throws -> String {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return try String(
      contentsOf: root.appendingPathComponent("Corpora").appendingPathComponent(path),
      encoding: .utf8)
  }

  /// The kept text without its line breaks and spaces: what a page keeps, however wrapped.
  static func kept(_ page: String, unwrap: Bool = true) -> String {
    var options = BoilerplateOptions()
    options.unwrapLines = unwrap
    return BoilerplateClassifier(options: options).clean(page).text.filter { !$0.isWhitespace }
  }

  static let pages = ["pages/cgtn-coalition-2025-03-20.txt", "boilerplate/people-health-page.txt"]

  @Test("a wrapped page keeps what the page keeps", arguments: pages, [60, 72, 80, 100, 120])
  func wrappedKeepsTheSame(_ path: String, _ width: Int) throws {
    let page = try Self.corpus(path)
    let wrapped = TextDump.wrap(page, width: width)
    #expect(wrapped.split(separator: "\n").count > page.split(separator: "\n").count)
    #expect(Self.kept(wrapped) == Self.kept(page), "\(path) at \(width) columns")
    // The sample page's caption keeps its credit off, on its last wrapped line.
    if path.hasPrefix("pages/") {
      let r = BoilerplateClassifier().clean(wrapped)
      #expect(!r.text.contains("/VCG"))
      #expect(r.credits == ["VCG"])
    }
  }

  /// Without unwrapping, the wrapped Chinese page keeps lines of its menus: unwrapping is
  /// what makes the difference.
  @Test func withoutUnwrappingTheWrappedPageKeepsMore() throws {
    let page = try Self.corpus("boilerplate/people-health-page.txt")
    let wrapped = TextDump.wrap(page, width: 80)
    #expect(Self.kept(wrapped, unwrap: false).count > Self.kept(page).count)
  }

  /// The lines of a wrapped paragraph share one decision.
  @Test func theLinesOfAParagraphShareItsDecision() throws {
    let wrapped = TextDump.wrap(try Self.corpus("pages/cgtn-coalition-2025-03-20.txt"), width: 72)
    var copy = wrapped
    let groups = try #require(
      copy.withUTF8 { u in
        let lines = BoilerplateStage.lineRanges(u)
        let widths = lines.map { r in
          HardWrap.width(
            of: LineFeatures(
              utf8: UnsafeBufferPointer(rebasing: u[Lexicon.trimmedQuickly(u, r)]), hanWeight: 2.5))
        }
        return HardWrap.groups(u, lines, widths: widths)
      })
    let decisions = BoilerplateClassifier().clean(wrapped).decisions
    #expect(groups.contains { $0.count >= 3 })
    for g in groups {
      #expect(Set(g.map { decisions[$0].keep }).count == 1)
      #expect(Set(g.map { decisions[$0].reason }).count == 1)
    }
  }

  /// Pages as a browser copies them have no ceiling: nothing is joined.
  @Test(
    "pages with no ceiling are left alone",
    arguments: [
      "pages/cgtn-coalition-2025-03-20.txt", "boilerplate/people-health-page.txt",
      "boilerplate/url-headline-page.txt",
    ])
  func unwrappedPages(_ path: String) throws {
    var page = try Self.corpus(path)
    let groups = page.withUTF8 { u in
      let lines = BoilerplateStage.lineRanges(u)
      let exact = lines.map { HardWrap.width(u, Lexicon.trimmedQuickly(u, $0)) }
      return (HardWrap.ceiling(of: exact), HardWrap.groups(u, lines, widths: exact))
    }
    #expect(groups.0 == nil)
    #expect(groups.1 == nil)
  }

  /// A site that cuts its teasers at a length makes lone lines of that width, each
  /// followed by its date: no runs of full lines, no wrap.
  @Test func teasersCutAtALengthAreNotAWrap() {
    var widths: [Int] = []
    for k in 0..<12 { widths += [78 + k % 3, 16, 0] }
    #expect(HardWrap.ceiling(of: widths) == nil)
    // The same widths in runs, as paragraphs make them, are.
    var paragraphs: [Int] = []
    for k in 0..<4 { paragraphs += [78 + k % 3, 79, 80 - k % 2, 31] }
    #expect(HardWrap.ceiling(of: paragraphs) == 80)
  }

  /// Paragraphs wrapped into two lines make no runs of full lines; most of their full lines
  /// stop mid-sentence and go on with a lowercase word (in Chinese, an ideograph after one):
  /// a wrap. Teasers cut at a length go
  /// on with their date (a capital or a digit), headlines stop at no sentence but start no
  /// lowercase line: no wrap.
  @Test func twoLineParagraphsAreAWrap() throws {
    let sentences = [
      "Officials said the new rules would take effect next month after a long review of the",
      "The committee met on Thursday to discuss how the plan might work in practice and what",
      "Residents of the district were asked to comment on the proposal before the end of the",
      "Analysts expect the measures to lower costs for small firms over the coming years, but",
      "The report found that most schools had enough teachers for the coming term, although",
      "Researchers at the institute published their findings in a journal on Monday, saying",
    ]
    var page = ["Home", "News", "World"]
    for s in sentences { page += [s + " matter in detail and in public."] }
    let wrapped = TextDump.wrap(page.joined(separator: "\n"), width: 80)
    var copy = wrapped
    let (runsAlone, groups) = copy.withUTF8 { u -> (Int?, [Range<Int>]?) in
      let lines = BoilerplateStage.lineRanges(u)
      let exact = lines.map { HardWrap.width(u, Lexicon.trimmedQuickly(u, $0)) }
      return (HardWrap.ceiling(of: exact), HardWrap.groups(u, lines, widths: exact))
    }
    #expect(runsAlone == nil)  // no runs: the lowercase continuations make the wrap
    let g = try #require(groups)
    #expect(g.count == 3 + sentences.count)
    #expect(g.dropFirst(3).allSatisfy { $0.count == 2 })
    // Chinese has no case: a line that ends with an ideograph (or `，` `、`) and a next line
    // that starts with one go on.
    let clause = "记者从会上获悉今年全市新增就业岗位十二万个同比增长百分之八"  // 29 ideographs
    var zh = ["首页", "新闻", "财经"]
    // Lines of 80 columns (ideographs alone), of 79 (a digit in front), and two that end
    // with a Latin word (78 and 80 columns, no ideograph at the break).
    for _ in 0..<3 { zh += [clause + clause + "。"] }
    for n in 1...3 { zh += ["第\(n)" + clause + clause + "。"] }
    zh += [String(clause.prefix(29) + clause.prefix(6)) + " Beijing " + clause + "。"]
    zh += [String(clause.prefix(29) + clause.prefix(7)) + " Tianjin " + clause + "。"]
    var zhCopy = TextDump.wrap(zh.joined(separator: "\n"), width: 80)
    let zhGroups = zhCopy.withUTF8 { u in
      let lines = BoilerplateStage.lineRanges(u)
      let exact = lines.map { HardWrap.width(u, Lexicon.trimmedQuickly(u, $0)) }
      return HardWrap.groups(u, lines, widths: exact)
    }
    let zg = try #require(zhGroups)
    // (The six paragraphs of ideographs are joined; the Latin-ended lines only when the
    // next ideograph would not have fitted, as everywhere.)
    #expect(zg.count > 9 && zg[3..<9].allSatisfy { $0.count == 2 })
    // A line after a blank line starts a paragraph: full lines whose lowercase next lines
    // come after blank lines (left out, as `skip_blank_lines` leaves them: `breaks`) are no
    // wrap.
    var parted = ["Home", "News", "World"]
    var breaks = [false, false, false]
    for (k, s) in sentences.enumerated() {
      parted += [String(s.prefix(74 + k)), "and so on, as the report said."]
      breaks += [false, true]
    }
    var partedCopy = parted.joined(separator: "\n")
    let (withBreaks, without) = partedCopy.withUTF8 { u in
      let lines = BoilerplateStage.lineRanges(u)
      let exact = lines.map { HardWrap.width(u, Lexicon.trimmedQuickly(u, $0)) }
      return (
        HardWrap.ceiling(of: exact, continued: HardWrap.continuations(u, lines, breaks: breaks)),
        HardWrap.ceiling(of: exact, continued: HardWrap.continuations(u, lines, breaks: nil))
      )
    }
    #expect(withBreaks == nil && without != nil)
    // Teasers cut at a length, each followed by its date: no wrap.
    var teasers: [String] = []
    for s in sentences + sentences { teasers += [String(s.prefix(78)), "May 20, 2024"] }
    var t = teasers.joined(separator: "\n")
    #expect(
      t.withUTF8 { u in
        let lines = BoilerplateStage.lineRanges(u)
        let exact = lines.map { HardWrap.width(u, Lexicon.trimmedQuickly(u, $0)) }
        return HardWrap.groups(u, lines, widths: exact)
      } == nil)
  }

  /// Where a wrapped line stops: after a sentence, before a deeper indent, after a photo
  /// credit, or where the next word would have fitted.
  @Test func whereAParagraphEnds() throws {
    let fill = String(repeating: "word ", count: 15)  // 75 columns
    var lines: [String] = []
    for _ in 0..<3 { lines += [fill + "wordy", fill + "wordy", fill + "ends.", "Next paragraph"] }
    // (line index, whether the line before it continues on it, why)
    var expected: [(Int, Bool, String)] = [
      (1, true, "\"word\" would not have fitted"), (3, false, "a sentence ends the line before"),
    ]
    func add(_ a: String, _ b: String, _ joins: Bool, _ why: String) {
      lines += [a, b]
      expected.append((lines.count - 1, joins, why))
    }
    add(fill + "/VCG", "Caption over", false, "a credit ends its caption")
    add(fill + "wordy", "  indented", false, "a deeper indent starts a paragraph")
    add(fill + "wordy", "tiny", true, "\"tiny\" would not have fitted")
    add(fill + "four", "short", true, "\"short\" would not have fitted")
    add(String(fill.dropLast(6)), "joined?", false, "\"joined?\" would have fitted")
    var page = lines.joined(separator: "\n")
    let groups = try #require(
      page.withUTF8 { u in
        let ranges = BoilerplateStage.lineRanges(u)
        return HardWrap.groups(u, ranges, widths: ranges.map { HardWrap.width(u, $0) })
      })
    let starts = Set(groups.map(\.lowerBound))
    for (line, joins, why) in expected {
      #expect(starts.contains(line) == !joins, "line \(line): \(why)")
    }
  }

  /// A site's repeated lines are learned line by line (a wrapped footer repeats a line at a
  /// time): such a line stays a line of its own, `site-repeated`, inside a wrapped page
  /// (the fuzzer's `wrapped-site-line` finding: it was joined into a paragraph and kept).
  @Test func aSiteLineStaysALineOfItsOwn() throws {
    let wrapped = TextDump.wrap(try Self.corpus("pages/cgtn-coalition-2025-03-20.txt"), width: 72)
    let lines = wrapped.split(separator: "\n").map(String.init)
    let k = try #require(lines.firstIndex { $0.hasPrefix("Military chiefs") }) + 1
    let site = SiteRepetition(sites: ["cgtn.com": .init(pages: 3, lines: [lines[k]])])
    let d = BoilerplateClassifier(siteRepetition: site).clean(wrapped, host: "cgtn.com").decisions
    #expect(d[k].reason == .siteRepeated && !d[k].keep)
    #expect(d[k - 1].keep && d[k + 1].keep)
  }

  /// Blank lines are no neighbours (`skip_blank_lines`): a page with a blank line after every
  /// line keeps what the page keeps, and a blank line ends a wrapped paragraph.
  @Test(arguments: [false, true])
  func blankLinesAreNoNeighbours(wrap: Bool) throws {
    for path in Self.pages {
      let page = try Self.corpus(path)
      let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
      let spaced = lines.map { wrap ? TextDump.wrap(String($0), width: 72) : String($0) }
        .joined(separator: "\n\n")
      #expect(Self.kept(spaced) == Self.kept(page), "\(path)")
      let decisions = BoilerplateClassifier().clean(spaced).decisions
      for (line, d) in zip(
        spaced.split(separator: "\n", omittingEmptySubsequences: false), decisions)
      where line.isEmpty {
        #expect(!d.keep && d.reason == .empty)
      }
    }
  }

  /// A short line after the article's paragraph, before the menus, stays when blank lines
  /// part the lines, as it does without them; read with the blank lines as (bad)
  /// neighbours, it went (a forum post's second line on a DEV page did).
  @Test func aShortLineAfterTheParagraphPartedByBlankLines() {
    let good =
      "Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition."
    let lines = [
      "Home", "News", good, "Happy new year to all of you!", "Share", "Login", "Comments",
    ]
    let plain = BoilerplateClassifier().clean(lines.joined(separator: "\n")).decisions.map(\.keep)
    #expect(plain == [false, false, true, true, false, false, false])
    let page = lines.joined(separator: "\n\n")
    let spaced = BoilerplateClassifier().clean(page).decisions.map(\.keep)
    #expect(spaced == plain.flatMap { [$0, false] }.dropLast())
    var off = BoilerplateOptions()
    off.skipBlankLines = false
    #expect(!BoilerplateClassifier(options: off).clean(page).decisions[6].keep)
  }

  @Test func theBlankLineOptionDecodesAndDefaultsOn() throws {
    try expectBoolOption("skipBlankLines", key: "skip_blank_lines", default: true) {
      $0.skipBlankLines
    }
  }

  @Test(
    "display widths",
    arguments: [
      ("", 0), ("ok", 2), ("中文 ok", 7), ("，。", 4), ("café", 4), ("한국어", 6), ("カタカナ", 8),
      ("ＡＢ", 4), ("\u{1F600}", 1), ("𠀀", 2), ("“quote”—", 8),
    ])
  func widths(_ s: String, _ expected: Int) {
    var copy = s
    #expect(copy.withUTF8 { HardWrap.width($0, 0..<$0.count) } == expected, "\(s)")
  }

  @Test(
    "sentence ends",
    arguments: [
      ("It ended.", true), ("He said: “Done.”", true), ("真的吗？", true), ("好了。」", true),
      ("and so", false), ("a list,", false), ("(see above)", false), ("", false),
    ])
  func sentenceEnds(_ s: String, _ expected: Bool) {
    var copy = s
    #expect(copy.withUTF8 { HardWrap.endsSentence($0, 0..<$0.count) } == expected, "\(s)")
  }

  /// Copies of a wrapped paragraph are copies however their lines end: on a `\r\n` page the
  /// last line has no `\r`, and the stage reads a paragraph's lines without theirs, as
  /// `clean()` does (FuzzBoilerplate's findings `wrapped-crlf-duplicate-5adcf195`: the stage
  /// kept a copy `clean()` dropped; `wrapped-crlf-title-7a55d5c2`: a title paragraph under
  /// the URL title's 400 bytes only without its `\r`).
  @Test(arguments: [false, true])
  func copiesOfAWrappedParagraphAreCopies(pageRepeated: Bool) throws {
    let paragraph = try Self.corpus("pages/cgtn-coalition-2025-03-20.txt")
      .split(separator: "\n").first { $0.hasPrefix("Military chiefs") }
    let body = try #require(paragraph)
    let page = try Self.corpus("pages/cgtn-coalition-2025-03-20.txt") + body
    let crlf = TextDump.wrap(page.replacingOccurrences(of: "\n", with: "\r\n"), width: 60)
    #expect(!crlf.hasSuffix("\r\n") && crlf.contains("\r\n"))
    var options = BoilerplateOptions()
    if pageRepeated { options.dropPageRepeated = true } else { options.duplicateLineLength = 60 }
    var doc = Document(text: crlf)
    try BoilerplateStage(options: options).process(&doc)
    let kept = BoilerplateClassifier(options: options).clean(crlf).text
    #expect(doc.text.filter { !$0.isWhitespace } == kept.filter { !$0.isWhitespace })
    if !pageRepeated {
      // The copy at the end goes; its first line starts as the paragraph does.
      #expect(
        doc.dropped.contains { $0.reason == "duplicate" && $0.text.hasPrefix("Military chiefs") })
    }
  }

  /// `--explain` on a wrapped page: a row per line, and the caption's last line shows its own
  /// text before the credit (not the whole caption, which spans the paragraph).
  @Test(arguments: [60, 72])
  func explanationRowsAreLines(width: Int) throws {
    let wrapped = TextDump.wrap(
      try Self.corpus("pages/cgtn-coalition-2025-03-20.txt"), width: width)
    let r = BoilerplateClassifier().clean(wrapped)
    let rows = r.explanation().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(rows.count == r.lines.count)
    let credited = try #require(rows.first { $0.hasSuffix("[credit: VCG]") })
    let last = try #require(r.lines.first { $0.hasSuffix("/VCG") })
    #expect(credited.hasSuffix(last.dropLast(" /VCG".count) + "  [credit: VCG]"))
    #expect(!credited.contains("Britain's") || last.hasPrefix("Britain's"))
  }

  /// `TextDump.wrap`, the dump the tests, the fuzzer and `scripts/wrap-pages.py` make.
  @Test(
    "a text dump's wrap",
    arguments: [
      ("one two three four", 9, false, "one two\nthree\nfour"),
      ("one two three four", 18, false, "one two three four"),  // fits: as it is
      ("one two   three", 7, false, "one two\nthree"),  // the spaces at a break go
      ("a verylongword b", 5, false, "a\nverylongword\nb"),  // a long word stays whole
      ("中文的句子", 6, false, "中文的\n句子"),  // between any two wide characters
      ("ab 中文的句子", 7, false, "ab 中文\n的句子"),
      ("one two\r\nthree", 4, false, "one\r\ntwo\r\nthree"),  // `\r` ends each piece
      ("a\nb", 80, true, "a\n\nb"),  // a blank line between the page's lines
      ("a\r\nb\r\nc", 80, true, "a\r\n\r\nb\r\n\r\nc"),  // ending as the line above it
      ("one two\nb", 4, true, "one\ntwo\n\nb"),  // after each line's pieces
      ("one two", 0, false, "one two"),  // 0: no wrap
      ("      ", 3, false, ""),  // spaces alone
    ] as [(String, Int, Bool, String)])
  func textDumpWraps(page: String, width: Int, blank: Bool, expected: String) {
    #expect(TextDump.wrap(page, width: width, blankLines: blank) == expected)
  }

  /// A dump's lines are no wider than the width unless one word is, and hold the page's
  /// text (spaces at the breaks aside).
  @Test("a dump's lines fit", arguments: pages, [40, 60, 80])
  func dumpLinesFit(_ path: String, _ width: Int) throws {
    let page = try Self.corpus(path)
    let wrapped = TextDump.wrap(page, width: width)
    for line in wrapped.split(separator: "\n") where TextDump.columns(line) > width {
      #expect(
        !line.contains(" ") && !line.unicodeScalars.contains { TextDump.columns(String($0)) == 2 })
    }
    #expect(wrapped.filter { !$0.isWhitespace } == page.filter { !$0.isWhitespace })
    #expect(TextDump.columns("中文 ok") == 7)
  }

  @Test func theOptionDecodesAndDefaultsOn() throws {
    try expectBoolOption("unwrapLines", key: "unwrap_lines", default: true) { $0.unwrapLines }
  }
}
