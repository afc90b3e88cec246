import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The nineteenth round: a long run of headlines is dropped (`related-links`, option
/// `teaser_run_lines`).
@Suite("Boilerplate: runs of headlines (nineteenth round)")
struct TeaserRunTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu
  /// A news site's "more stories" column: long headlines with commas, quotes and colons,
  /// none ending in a full stop; some ask (not the first or the last), one is cut off.
  static let headlines = [
    "Council votes to close the old harbour bridge for a year of repairs, leaving ferry operators 'in limbo' over the summer timetable",
    "Singer, 41, says she 'nearly gave up' on music before the album that made her famous: 'I was playing to empty rooms'",
    "EXCLUSIVE Local bakery wins national award for its sourdough after only two years in business",
    "What happened to the stars of the nineties quiz show? How the contestants turned their backs on television",
    "Pensioner, 87, finishes her first marathon in under six hours and says she is already training for the next one",
    "Rail strike called off at the last minute as the union and the operator agree a new pay offer for drivers",
    "Can YOU spot the mistake in this holiday photo? Viewers divided over the picture that went viral overnight",
    "Scientists find a new species of frog in the rainforest, and it is smaller than a fingernail",
    "Mother and son who ran the village shop for forty years are given a surprise party by their customers ...",
    "Property prices in the north rise for the sixth month in a row as buyers move out of the big cities",
    "Football club unveils plans for a new stadium with room for sixty thousand fans and a roof that opens",
    "Review: The new comedy is a gentle, warm-hearted film that will not change your life but will make you smile",
    "Teacher stuns pupils with a science experiment that seems to defy gravity: can you work out how it is done?",
    "Storms to sweep the coast this weekend with winds of up to eighty miles an hour, forecasters warn",
  ]

  static func page(_ column: [String]) -> (lines: [String], column: Range<Int>) {
    let head = menu + article
    return (head + column + menu, head.count..<(head.count + column.count))
  }

  static var off: BoilerplateOptions {
    var o = BoilerplateOptions()
    o.teaserRunLines = 0
    return o
  }

  @Test func theSampleLinesHaveTheShapesTheRuleNeeds() {
    let f = TeaserListTests.features(Self.headlines)
    for (k, line) in Self.headlines.enumerated() {
      #expect(!f[k].isCJK && f[k].effectiveLength >= 40 && f[k].stopWords > 0, "\(k)")
      #expect(Self.end(line) != .fullStop, "\(k)")
    }
  }

  @Test func aColumnOfHeadlinesIsDropped() {
    let (lines, column) = Self.page(Self.headlines)
    let d = BoilerplateClassifier().classify(lines: lines)
    for i in column { #expect(!d[i].keep, "\(lines[i]): \(d[i].reason)") }
    #expect(d[column].contains { $0.reason == .relatedLinks })
    // The article stays.
    for i in Self.menu.count..<column.lowerBound { #expect(d[i].keep, "\(i): \(d[i].reason)") }
    // Without the rule, the context pass keeps headlines of the column: the page needs it.
    let o = BoilerplateClassifier(options: Self.off).classify(lines: lines)
    #expect(column.contains { o[$0].keep })
    // Only the column's lines differ.
    for i in lines.indices where !column.contains(i) {
      #expect(o[i].keep == d[i].keep && o[i].reason == d[i].reason, "\(i)")
    }
  }

  @Test func labelsAndEmptyLinesBetweenHeadlinesDoNotBreakTheRun() {
    // An advertisement label (dropped by the label pass) and blank lines between them.
    let column = Self.headlines.enumerated().flatMap { k, h in
      k % 4 == 3 ? [h, "Advertisement", ""] : [h]
    }
    let (lines, range) = Self.page(column)
    let d = BoilerplateClassifier().classify(lines: lines)
    for i in range { #expect(!d[i].keep, "\(lines[i]): \(d[i].reason)") }
  }

  @Test func aQuestionNextToTheColumnIsNoPartOfIt() {
    // The article's last paragraph asks; it stands right above the column, and a question
    // stands right below it: only the questions between the headlines go with them.
    let ask =
      "Will the council keep its promise to reopen the bridge before the next summer season?"
    let lines = Self.menu + Self.article + [ask] + Self.headlines + [ask] + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let above = Self.menu.count + Self.article.count
    #expect(d[above].keep, "\(d[above].reason)")
    let o = BoilerplateClassifier(options: Self.off).classify(lines: lines)
    let below = above + 1 + Self.headlines.count
    #expect(d[below].keep == o[below].keep && d[below].reason == o[below].reason)
    for i in (above + 1)..<below { #expect(!d[i].keep, "\(lines[i]): \(d[i].reason)") }
  }

  @Test func elevenHeadlinesAreLeftToTheOtherRules() {
    let (lines, _) = Self.page(Array(Self.headlines.prefix(11)))
    let d = BoilerplateClassifier().classify(lines: lines)
    let o = BoilerplateClassifier(options: Self.off).classify(lines: lines)
    #expect(d.map(\.keep) == o.map(\.keep))
    #expect(d.map(\.reason) == o.map(\.reason))
  }

  @Test func aSentenceEndsTheRun() {
    // Seven headlines, a sentence with its full stop, seven more: two runs of seven.
    let sentence =
      "The council said the bridge would reopen next summer, once the repairs were done."
    let column = Array(Self.headlines.prefix(7)) + [sentence] + Array(Self.headlines.suffix(7))
    let (lines, _) = Self.page(column)
    let d = BoilerplateClassifier().classify(lines: lines)
    let o = BoilerplateClassifier(options: Self.off).classify(lines: lines)
    #expect(d.map(\.keep) == o.map(\.keep))
  }

  @Test func codeAndCommandLinesAreNoHeadlines() {
    // A tutorial's shell script between its paragraphs: long lines without a full stop,
    // but few letters and no stop words.
    let script = (0..<14).map { k in
      "docker run -d --name svc\(k) -p 180\(k):80 -e JAVA_OPTS='-Xmx128m' -v /data/svc\(k):/data img/svc:\(k) \\"
    }
    let lines = Self.menu + Self.article + script + Self.article + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let o = BoilerplateClassifier(options: Self.off).classify(lines: lines)
    #expect(d.map(\.keep) == o.map(\.keep))
    #expect(d.map(\.reason) == o.map(\.reason))
  }

  @Test func hardWrappedChineseIsNoHeadlineRun() {
    // A Chinese essay hard-wrapped at a fixed width: its lines end anywhere, without `。`.
    let essay = String(
      repeating: "我们知道，规范理论认为集体行动的产生和维持靠的是社会公认的行为规范，而结构理论则强调组织与网络的作用，两者各有所长", count: 6)
    let chars = Array(essay)
    let wrapped = stride(from: 0, to: chars.count, by: 30).map {
      String(chars[$0..<min($0 + 30, chars.count)])
    }
    #expect(wrapped.count >= 12)
    let lines = ["首页", "新闻", "评论"] + wrapped + ["版权所有 © 2024"]
    let d = BoilerplateClassifier().classify(lines: lines)
    let o = BoilerplateClassifier(options: Self.off).classify(lines: lines)
    #expect(d.map(\.keep) == o.map(\.keep))
    #expect(!d.contains { $0.reason == .relatedLinks })
  }

  @Test(
    "line ends",
    arguments: [
      ("A headline", BoilerplateClassifier.LineEnd.open), ("Ends here.", .fullStop),
      ("Ends here.”", .fullStop), ("He said 'no.'", .fullStop), ("Ends here.)  ", .fullStop),
      ("Is it?", .exclamation), ("Wow!’", .exclamation), ("Wow!\"", .exclamation),
      ("Cut off...", .open), ("Cut off…", .open), ("Cut off ...  ", .open),
      ("这是一句话。", .fullStop), ("引号里的话．」", .fullStop), ("真的吗？", .exclamation),
      ("好！）", .exclamation), ("书名《三体》", .open), ("version 2.0", .open), ("", .open),
      ("\"", .open), ("”", .open), ("a.", .fullStop), (".", .fullStop),
    ])
  func lineEnds(_ line: String, _ end: BoilerplateClassifier.LineEnd) {
    #expect(Self.end(line) == end)
  }

  static func end(_ line: String) -> BoilerplateClassifier.LineEnd {
    onLineBytes(line, BoilerplateClassifier.lineEnd)
  }

  @Test func theOptionAndItsKey() throws {
    #expect(BoilerplateOptions().teaserRunLines == 12)
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let on = try registry.makeStage(StageOptions(stage: "boilerplate"))
    #expect(on.options["teaser_run_lines"] == .number(JSONNumber(12)))
    let off = try registry.makeStage(
      StageOptions(stage: "boilerplate", values: ["teaser_run_lines": 0]))
    #expect((off as? BoilerplateStage)?.classifier.options.teaserRunLines == 0)
    // Through the stage: the column goes with the option's default, stays without it.
    let text = Self.page(Self.headlines).lines.joined(separator: "\n")
    var a = Document(text: text)
    try on.process(&a)
    #expect(!Self.headlines.contains { a.text.contains($0) })
    var b = Document(text: text)
    try off.process(&b)
    #expect(Self.headlines.contains { b.text.contains($0) })
  }
}

/// The nineteenth round: a clause that trails off with an ellipsis between kept paragraphs
/// is no teaser (`context`, option `keep_ellipsis_lines`).
@Suite("Boilerplate: clauses ending in an ellipsis (nineteenth round)")
struct EllipsisLineTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu
  static let leadIn = "Here's the thing about moving your whole life to a new city …"

  static var off: BoilerplateOptions {
    var o = BoilerplateOptions()
    o.keepEllipsisLines = false
    return o
  }

  @Test func aLeadInBetweenParagraphsComesBack() {
    let lines =
      Self.menu + Array(Self.article.prefix(3)) + [Self.leadIn]
      + Array(Self.article.suffix(2)) + Self.menu
    let at = Self.menu.count + 3
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[at].keep && d[at].reason == .context, "\(d[at].reason)")
    // Without the option the teaser pattern drops it; nothing else changes.
    let o = BoilerplateClassifier(options: Self.off).classify(lines: lines)
    #expect(!o[at].keep && o[at].reason == .relatedLinks)
    for i in lines.indices where i != at { #expect(o[i].keep == d[i].keep, "\(i)") }
  }

  @Test func emptyLinesAroundItDoNotMatter() {
    let lines =
      Array(Self.article.prefix(3)) + ["", Self.leadIn, ""] + Array(Self.article.suffix(2))
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[4].keep, "\(d[4].reason)")
  }

  @Test func aChineseSentenceEndingInAnEllipsisComesBack() {
    let para = [
      "这一次是她，应该在不远的将来就轮到别人了，这个问题其实已经讨论了很多年，大家的看法也各不相同，但是没有人能够给出一个让所有人都满意的答案。",
      "我要谈的几点个人感受，其实就是从一个看似很幼稚、很无聊的话题切入的，希望大家能够耐心地看完，再发表自己的意见，谢谢大家的支持和理解。",
    ]
    // (One `…`: since round 21 a line ending in the Chinese ellipsis `……` is no teaser at
    // all, and stays with the option off too — `ChineseEllipsisTests`.)
    let trailing = "而这些歌迷的呼喊与控诉已经不再是一个个问号了…"
    let lines = ["首页", "新闻"] + para + [trailing] + para.reversed() + ["版权所有 © 2024"]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[4].keep, "\(d[4].reason)")
    #expect(!BoilerplateClassifier(options: Self.off).classify(lines: lines)[4].keep)
  }

  @Test func teasersAmongTeasersStayDropped() {
    // Snippets cut off with `…` between headlines: their neighbours are no kept prose.
    let teasers = [
      "Motorola X50 Ultra photos and specs shared by TENAA",
      "This is the Chinese variant of the Edge 50 Ultra and the design is …",
      "Here are some newly leaked Sony Xperia 1 VI promo images",
      "This phone is starting to leak as much as the Pixel 8a did in the …",
    ]
    let lines = Self.menu + Self.article + teasers + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let t = Self.menu.count + Self.article.count
    for i in t..<(t + teasers.count) { #expect(!d[i].keep, "\(lines[i]): \(d[i].reason)") }
  }

  @Test(
    "a button or a header with an ellipsis stays dropped",
    arguments: ["Click here to read more …", "Read more...", "So frustrating …", "更多推荐..."])
  func buttonsStayDropped(_ line: String) {
    let lines = Array(Self.article.prefix(3)) + [line] + Array(Self.article.suffix(2))
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d[3].keep, "\(d[3].reason)")
  }

  @Test(
    "the text before an ellipsis",
    arguments: [
      ("If you are …", "If you are"), ("wait...", "wait"), ("等等……", "等等"),
      ("x ....", "x"), ("trailing ...   ", "trailing"), ("a…...", "a"),
    ])
  func beforeEllipsis(_ line: String, _ before: String) {
    #expect(Self.cut(line) == before)
  }

  @Test("no text before an ellipsis", arguments: ["…", "...", "no ellipsis", "", "  …", "a.."])
  func noEllipsis(_ line: String) {
    #expect(Self.cut(line) == nil)
  }

  static func cut(_ line: String) -> String? {
    onLineBytes(line) { u, r in
      BoilerplateClassifier.beforeEllipsis(u, r).map { String(decoding: u[$0], as: UTF8.self) }
    }
  }

  @Test func theOptionAndItsKey() throws {
    #expect(BoilerplateOptions().keepEllipsisLines)
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let off = try registry.makeStage(
      StageOptions(stage: "boilerplate", values: ["keep_ellipsis_lines": false]))
    #expect((off as? BoilerplateStage)?.classifier.options.keepEllipsisLines == false)
    #expect(
      try registry.makeStage(StageOptions(stage: "boilerplate")).options["keep_ellipsis_lines"]
        == .bool(true))
  }
}

/// The nineteenth round: a cookie banner's context words say what cookies are for; `use`
/// alone (in `because`, `used`, `user`) no longer makes a paragraph that mentions a cookie a
/// banner.
@Suite("Boilerplate: cookie banners by what they say (nineteenth round)")
struct CookieContextTests {
  @Test(
    "banners and panels stay cookie banners",
    arguments: [
      "We use cookies to improve your experience.",
      "This site uses cookies from Google to deliver its services and to analyze traffic.",
      "By continuing to browse, you accept the use of cookies.",
      "These cookies track your browsing habits or other information, such as location, to enable us to show sponsorship credits.",
      "When you visit this website, we collect personal information such as IP addresses, cookie identifiers and other pseudonymous identifiers.",
      "Se accetti tutti i cookie visualizzerai messaggi pubblicitari personalizzati e in linea con i tuoi interessi.",
      "You can opt out of cookie tracking at any time.",
      "本网站使用cookie，继续浏览即表示您同意。",
    ])
  func banners(_ line: String) {
    #expect(reasonAlone(line) == .cookieBanner, "\(line)")
  }

  @Test(
    "prose that mentions a cookie is no banner",
    arguments: [
      "Scientists found the receptors for the sweetness of a chocolate chip cookie in 2000, because the genes used for them belong to a large family that was found first in the nose.",
      "The user reviews praise the oatmeal cookie, which is used as a reward in the game because it restores health.",
      "The server sends the session cookie with every request, ensuring the cookies aren't readable by third parties.",
    ])
  func prose(_ line: String) {
    #expect(reasonAlone(line) != .cookieBanner, "\(line)")
  }
}

/// The nineteenth round: French quotation marks (`« futurs »`, spaces inside) are no
/// breadcrumb separator.
@Suite("Boilerplate: guillemets are no breadcrumb (nineteenth round)")
struct GuillemetBreadcrumbTests {
  @Test func aFrenchSubheadingWithAQuoteIsNoBreadcrumb() {
    let heading =
      "L’élargissement de la surveillance électronique pour détecter les « futurs » terroristes"
    #expect(reasonAlone(heading) != .breadcrumb)
    let article = TeaserListTests.article
    let lines = Array(article.prefix(3)) + [heading] + Array(article.suffix(2))
    #expect(BoilerplateClassifier().classify(lines: lines)[3].keep)
  }

  @Test(
    "breadcrumbs stay breadcrumbs",
    arguments: [
      "Accueil » International » Europe", "« Retour » Accueil > Actualités",
      "Home > News > « Special » edition",
    ])
  func breadcrumbs(_ line: String) {
    #expect(reasonAlone(line) == .breadcrumb, "\(line)")
  }

  @Test(
    "guillemet quotes",
    arguments: [
      ("les « futurs » terroristes", true), ("« a » b", true), ("a » b", false),
      ("« a » b > c", false), ("« a » you are here", false), ("«a»", true), ("", false),
    ])
  func quotes(_ line: String, _ quote: Bool) {
    #expect(onLineBytes(line) { u, _ in LinePatterns.isGuillemetQuote(u) } == quote)
  }
}
