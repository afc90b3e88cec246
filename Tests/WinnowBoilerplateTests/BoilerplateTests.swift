import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The package root, from this file's path.
private let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()

private func corpus(_ path: String) throws -> String {
  try String(
    contentsOf: packageRoot.appendingPathComponent("Corpora").appendingPathComponent(path),
    encoding: .utf8)
}

@Suite("Boilerplate: sample page")
struct SamplePageTests {
  let page: String
  init() throws { page = try corpus("pages/cgtn-coalition-2025-03-20.txt") }

  var lines: [Substring] {
    page.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.isEmpty }
  }

  @Test func keepsExactlyTheArticleWithTheCaption() {
    let r = BoilerplateClassifier().clean(page)
    let expected = [String(lines[5].dropLast(" /VCG".count))] + lines[6...16].map(String.init)
    #expect(r.text == expected.joined(separator: "\n"))
    #expect(r.credits == ["VCG"])
  }

  @Test func keepsExactlyTheElevenParagraphsWithoutCaptions() {
    var o = BoilerplateOptions()
    o.keepCaptions = false
    let r = BoilerplateClassifier(options: o).clean(page)
    #expect(r.text == lines[6...16].joined(separator: "\n"))
    #expect(r.decisions[5].reason == .photoCredit)
  }

  @Test func dropsTheHeadWithDistinctReasons() {
    let d = BoilerplateClassifier().clean(page).decisions
    #expect(d[0].reason == .cookieBanner && !d[0].keep)
    #expect(d[1].reason == .languagePicker && !d[1].keep)
    #expect(d[2].reason == .languagePicker && !d[2].keep)
    #expect(d[3].reason == .licenseRegistration && !d[3].keep)
    #expect(d[4].reason == .hotlineContact && !d[4].keep)
    #expect(Set([d[0], d[1], d[3], d[4]].map(\.reason)).count == 4)
  }

  @Test func explainShowsEveryLine() {
    let e = BoilerplateClassifier().clean(page).explanation()
    let rows = e.split(separator: "\n")
    #expect(rows.count == 17)
    #expect(rows[0].hasPrefix("DROP cookie-banner "))
    #expect(rows[3].hasPrefix("DROP license-registration "))
    #expect(rows[5].hasPrefix("KEEP caption ") && rows[5].hasSuffix("[credit: VCG]"))
    #expect(rows[6].hasPrefix("KEEP content "))
  }

  /// `clean` splits at `\r\n` too (one Swift character, which a split on the character
  /// `\n` missed: the whole page was one line), with the decisions of the `\n` page.
  @Test func crlfLineEndsSplitLikeNewlines() {
    let crlf = page.split(separator: "\n", omittingEmptySubsequences: false).joined(
      separator: "\r\n")
    let c = BoilerplateClassifier()
    let a = c.clean(page)
    let b = c.clean(crlf)
    #expect(b.lines == a.lines)
    #expect(b.decisions == a.decisions)
    #expect(b.text == a.text)
  }

  @Test func stageRemovesLinesWithReasonsAndKeepsTheCredit() throws {
    var doc = Document(id: "sample", text: page)
    try BoilerplateStage().process(&doc)
    let expected = [String(lines[5].dropLast(" /VCG".count))] + lines[6...16].map(String.init)
    #expect(doc.text.trimmingCharacters(in: .newlines) == expected.joined(separator: "\n"))
    let reasons = doc.dropped.map(\.reason)
    for r in [
      "cookie-banner", "language-picker", "license-registration", "hotline-contact", "photo-credit",
    ] {
      #expect(reasons.contains(r), "missing drop reason \(r)")
    }
    // Each drop record's original span slices the dropped text out of the original.
    for d in doc.dropped {
      let u = Array(doc.original.utf8)
      #expect(String(decoding: u[d.span.originalRange], as: UTF8.self) == d.text)
    }
    #expect(doc.results["boilerplate"]?["credits"] == .array(["VCG"]))
  }
}

@Suite("Boilerplate: body text is never dropped for what it is")
struct BodyTextTests {
  static let good =
    "Britain has played a leading role in organizing Western support for Ukraine, alongside France, after talks began."
  static let goodZH = "据以色列媒体5月19日报道，以战时内阁在18日晚开会，审查了一份重启与哈马斯进行人员交换谈判的提案。提案中包括在停火第二阶段延长停火期的内容。"

  @Test(arguments: [
    ("chinese", goodZH),
    (
      "numbers",
      "The budget rose from 1,250,000 to 3,400,000 dollars in 2024, up 172 percent over the 12 months to March 31."
    ),
    ("chinese with numbers", "2024年5月20日贷款市场报价利率（LPR）为：1年期LPR为3.45%，5年期以上LPR为3.95%。两报价均与上月持平。"),
    ("short sentence", "He said no."),
    ("short chinese sentence", "他没有回答。"),
    ("short fragment", "Then silence"),
    ("repeated words with exclamation marks", "放假 放假 放假！！！"),
  ])
  func keptBetweenGoodParagraphs(_ name: String, _ line: String) {
    let lines = [Self.good, line, Self.goodZH]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d.map(\.keep) == [true, true, true], "\(name): \(d.map(\.reason))")
  }

  @Test func chineseArticleAlone() {
    let d = BoilerplateClassifier().classify(lines: [
      Self.goodZH, Self.goodZH.replacingOccurrences(of: "提案", with: "方案"),
    ])
    #expect(d.allSatisfy { $0.keep })
  }
}

@Suite("Boilerplate: page-level rules")
struct PageLevelTests {
  static let good = BodyTextTests.good

  @Test func sentenceEndsOfOtherScripts() {
    for line in ["यह एक वाक्य है।", "هل هذا سؤال؟", "Ist das ein Satz;"] {
      #expect(LineFeatures(of: Substring(line), hanWeight: 2.5).endsWithTerminal, "\(line)")
    }
  }

  @Test(arguments: [
    ("2024年5月9日，雄安高新区正式揭牌启动。 [3]", true),
    ("It opened in 2024.[1][12]", true),
    ("It opened in 2024. ［2］", true),
    ("It opened in 2024.[a]", true),
    ("A heading [1]", false),
    ("It opened in 2024. [edit this]", false),
    ("Just a bracket]", false),
  ])
  func citationMarkersAfterAFullStop(_ line: String, _ terminal: Bool) {
    #expect(LineFeatures(of: Substring(line), hanWeight: 2.5).endsWithTerminal == terminal)
  }

  @Test func aPageWithoutProseKeepsItsListButNotItsPatterns() {
    // A table of contents: nothing reads as prose, so every line no pattern drops stays
    // (an empty output would lose the page's main text entirely).
    let lines = [
      "We use cookies to improve your experience; by browsing you agree.", "目录",
      "习近平新时代中国特色社会主义思想研究", "张素峰", "中共党史", "京ICP备05070218号",
    ]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d.map(\.keep) == [false, true, true, true, true, false], "\(d.map(\.reason))")
    #expect(d[2].reason == .noProse)
    #expect(d[0].reason == .cookieBanner && d[5].reason == .licenseRegistration)
  }

  @Test func manyLinesAreClassifiedInOnePass() {
    // 20,000 short lines between two paragraphs: the neighbour lookup is two sweeps, not a
    // walk per line to the nearest paragraph (quadratic: minutes on a page like this).
    let lines = [Self.good] + (0..<20_000).map { "Short \($0)" } + [Self.good]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d.count == lines.count && d[0].keep && d[lines.count - 1].keep)
  }

  @Test func hardWrappedProseIsNotAHeadlineRun() {
    // Lines with clause punctuation are prose cut at a width, not a list of headlines.
    let wrapped = (1...9).map { "第\($0)段，原则的道义感召力常常离不开具体的人格榜样" }
    let d = BoilerplateClassifier().classify(
      lines: [BodyTextTests.goodZH] + wrapped + [BodyTextTests.goodZH])
    #expect(d.allSatisfy { $0.keep }, "\(d.map(\.reason))")
  }

  @Test func aPageOfShortPostsKeepsThem() {
    // No line reaches the good length of 60; at half lengths the posts are good.
    let lines = [
      "Home", "Forums", "Login", "Happy new year to everyone on this forum!",
      "Thanks, same to you!", "Enjoy the long holiday, all of you.", "Reply", "Terms",
    ]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(
      d.map(\.keep) == [false, false, false, true, true, true, false, false], "\(d.map(\.reason))")
  }

  @Test func aLightBlockFarFromTheArticleIsOffMain() {
    let menu = ["Sign in", "Log in", "Subscribe", "Share this", "Follow us", "Newsletter"]
    let teaser = "Another story entirely, with a full sentence that looks like prose for a while."
    let lines = Array(repeating: Self.good, count: 6) + menu + [teaser]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[0..<6].allSatisfy { $0.keep })
    #expect(!d[12].keep && d[12].reason == .offMain)
  }

  @Test(arguments: [
    "Related stories", "12 Comments", "Leave a Reply", "评论（3）", "发表评论", "推荐阅读",
    "© 2024 Example Media", "京ICP备05070218号",
  ])
  func aSectionHeaderBelowTheArticleEndsIt(_ header: String) {
    // Teasers and comments written as full sentences come after the header; the article
    // above it (with its short lines) stays.
    let article = [Self.good, Self.good, "Then silence", Self.good, Self.good]
    let meta = ["Reply", "Like", "Report", "jsmith", "3 days ago", "Share"]
    let after = [
      "This comment is a full sentence that reads like prose, but it is not the article.",
      "Another teaser goes on about a different story for a while, also with a full stop.",
    ]
    let lines = article + [header] + meta + after
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[0..<5].allSatisfy { $0.keep }, "\(d.map(\.reason))")
    #expect(d[5...].allSatisfy { !$0.keep }, "\(d.map(\.reason))")
    #expect(d[12].reason == .afterArticle && d[13].reason == .afterArticle)
    var o = BoilerplateOptions()
    o.endAtSectionHeader = false
    #expect(BoilerplateClassifier(options: o).classify(lines: lines)[12].keep)
  }

  @Test func aSectionHeaderAboveTheArticleEndsNothing() {
    // Only a header below the main block ends it: a "Related" box at the top of the page does not.
    let lines = [
      "Related", Self.good, Self.good, Self.good, "Comments are welcome below.", Self.good,
    ]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d.map(\.keep) == [false, true, true, true, true, true], "\(d.map(\.reason))")
  }

  @Test(arguments: [
    ("Comments (12)", true), ("2 comments", true), ("评论（3）", true), ("【发表评论】", false),
    ("Commentary", false),
    ("Comments are closed for this article", false), ("评论员文章", false), ("", false),
  ])
  func commentHeaders(_ line: String, _ expected: Bool) {
    var bytes = Array(line.lowercased().utf8)
    #expect(
      bytes.withUnsafeMutableBufferPointer { LinePatterns.isCommentHeader(UnsafeBufferPointer($0)) }
        == expected, "\(line)")
  }

  @Test func shortLinesInsideTheMainBlockComeBack() {
    let lines = [Self.good, "Step one", "Step two", "Step three", Self.good]
    #expect(BoilerplateClassifier().classify(lines: lines).allSatisfy { $0.keep })
  }
}

@Suite("Boilerplate: pattern families")
struct PatternTests {
  static let good = BodyTextTests.good

  @Test(arguments: [
    ("京ICP备05070829号", "license-registration"),
    ("京公网安备 11000002000001号", "license-registration"),
    ("网络文化经营许可证 京网文[2020]5494-1075号", "license-registration"),
    ("违法和不良信息举报电话：010-65363263", "hotline-contact"),
    ("Copyright © 1997-2024 by www.people.com.cn. all rights reserved", "copyright"),
    ("人民网股份有限公司版权所有，未经书面授权禁止使用", "copyright"),
    ("责任编辑：王小明", "byline"),
    ("(责编：郝帅、杨迪)", "byline"),
    ("来源：北京青年报", "byline"),
    ("Editor: Jane Doe", "byline"),
    ("By Jane Doe", "byline"),
    ("Photo: Xinhua", "photo-credit"),
    ("2024年05月17日08:59", "date-only"),
    ("March 20, 2025", "date-only"),
    ("首页 > 新闻 > 国际", "breadcrumb"),
    ("Home | News | Sport | Weather", "navigation"),
    ("政策声音 行业热点 医学前沿 观察评论", "navigation"),
    (
      "We use cookies to improve your experience. By using this site you accept our cookie policy.",
      "cookie-banner"
    ),
    ("Select language", "language-picker"),
    ("Follow us", "widget"),
    ("分享到", "widget"),
    ("相关阅读", "related-links"),
    ("You might also like", "related-links"),
    ("大家都在看", "related-links"),
    ("Comments (12)", "comment-section"),
    ("Your email address will not be published. Required fields are marked *", "widget"),
    (
      "By clicking Sign Up, you confirm that you have read and agree to our Terms of Use and Privacy Policy.",
      "widget"
    ),
    (
      "The biggest stories of the day, delivered to your inbox. You can unsubscribe at any time.",
      "widget"
    ),
    ("平台声明：该文观点仅代表作者本人，搜狐号系信息发布平台，搜狐仅提供信息存储空间服务。", "disclaimer"),
    ("发表评论", "comment-section"),
    ("^ 河北省人民政府关于同意设立河北雄安高新技术产业开发区的批复. 河北省人民政府. [ 2024-01-12 ] .", "references"),
  ])
  func dropsWithReason(_ line: String, _ reason: String) {
    let d = BoilerplateClassifier().classify(lines: [Self.good, line, Self.good])
    #expect(!d[1].keep)
    #expect(d[1].reason.rawValue == reason)
  }

  @Test(arguments: [
    ("Copyright 2019 BGR Media, LLC", true), ("Copyright 2010 - 2026 Toptal, LLC", true),
    ("© Example Inc.", true), ("Copyright ⓒ Entermedia.co.kr.", true),
    ("Copyright (c) 2020 The Authors", true),
    (
      "Copyright law protects the expression of an idea, not the idea itself, as the court recalled in its ruling on Monday.",
      false
    ),
  ])
  func copyrightLeads(_ line: String, _ expected: Bool) {
    // A line opening with a copyright notice is one at any length (long footers that go on about the content).
    let long =
      line
      + (expected
        ? " "
          + Array(repeating: "The content of this site may not be reproduced.", count: 8).joined(
            separator: " ") : "")
    let d = BoilerplateClassifier().classify(lines: [Self.good, long, Self.good])
    #expect(d[1].keep == !expected, "\(d[1].reason)")
    if expected { #expect(d[1].reason == .copyright) }
  }

  @Test func longProseMentioningCopyrightStays() {
    let line =
      "The court ruled that the photographs were protected by copyright, and that the newspaper had no licence to print them, so the damages stood. "
      + Self.good
    let d = BoilerplateClassifier().classify(lines: [Self.good, line, Self.good])
    #expect(d[1].keep)
  }

  @Test func headlineRunsAreLinkLists() {
    let heads = (1...9).map { "Headline number \($0) about something else entirely" }
    let d = BoilerplateClassifier().classify(lines: [Self.good] + heads + [Self.good])
    #expect(d[1...9].allSatisfy { !$0.keep && $0.reason == .relatedLinks })
    #expect(d[0].keep && d[10].keep)
  }

  @Test func shortLinesAmongMenusGo() {
    let d = BoilerplateClassifier().classify(lines: [
      "Home", "News", "Sport", Self.good, "Login", "Help",
    ])
    #expect(d.map(\.keep) == [false, false, false, true, false, false])
    #expect(d[0].reason == .shortContext)
  }
}

@Suite("Boilerplate: caption credits")
struct CaptionCreditTests {
  @Test(arguments: [
    (
      "Starmer speaks in London, March 20, 2025. /VCG", "Starmer speaks in London, March 20, 2025.",
      "VCG"
    ),
    (
      "Workers repair a bridge in Beijing. /Xinhua", "Workers repair a bridge in Beijing.", "Xinhua"
    ),
    (
      "Workers repair a bridge in Beijing. (Photo: Reuters)", "Workers repair a bridge in Beijing.",
      "Reuters"
    ),
    ("Workers repair a bridge. [Photo/Xinhua]", "Workers repair a bridge.", "Xinhua"),
    ("工人在北京修桥。（图片来源：新华社）", "工人在北京修桥。", "新华社"),
  ])
  func splits(_ line: String, _ caption: String, _ credit: String) throws {
    let c = try #require(CaptionCredit.split(Substring(line)))
    #expect(c.caption == caption)
    #expect(c.credit == credit)
  }

  @Test(arguments: [
    "read/write access is needed.", "The ratio is 3 /4 here.", "Plain sentence.",
    "He said (quietly) no",
  ])
  func noCredit(_ line: String) {
    #expect(CaptionCredit.split(Substring(line)) == nil)
  }
}

@Suite("Boilerplate: corpus pass")
struct CorpusPassTests {
  static let footer = "Some Site Ltd, 12 Long Road, London"

  @Test func learnsSaveLoadAndDropsSiteRepeatedLines() throws {
    var learner = SiteRepetition.Learner(minPages: 3, minShare: 0.1)
    for i in 0..<4 {
      learner.observe(
        lines: [Self.footer, "Story \(i) is different from the others, as every story is."],
        host: "a.example")
    }
    let model = learner.finish()
    #expect(model.lines(forHost: "a.example") == [Self.footer])
    let reloaded = try SiteRepetition(json: JSONValue(parsing: model.jsonValue.serializedString()))
    #expect(reloaded == model)
    let c = BoilerplateClassifier(siteRepetition: reloaded)
    let page = [BodyTextTests.good, Self.footer, BodyTextTests.good]
    #expect(c.classify(lines: page, host: "a.example")[1].reason == .siteRepeated)
    #expect(c.classify(lines: page, host: "other.example")[1].reason != .siteRepeated)
  }

  /// A loaded state says when a file's site (its folder) is not among its sites: the same
  /// folder by another path is another key, and the state would apply to nothing.
  @Test func stateNotesAFolderItNeverSaw() throws {
    let state = SiteRepetition(sites: [
      "site": .init(pages: 4, lines: [Self.footer]), "quiet": .init(pages: 3, lines: []),
    ])
    let stage = try #require(
      try BoilerplateStage().applying(state: state.jsonValue) as? BoilerplateStage)
    func note(_ source: String, host: String? = nil) -> String? {
      stage.corpusStateNote(for: Document(text: "", metadata: .init(source: source, host: host)))
    }
    #expect(note("site/p.txt") == nil)
    #expect(note("quiet/p.txt") == nil)  // seen, with no repeated line
    #expect(note("./site/p.txt", host: "a.example") == nil)  // a host is no folder
    let n = try #require(note("./site/p.txt"))
    #expect(
      n.hasPrefix(
        "the boilerplate state does not know the site './site' (its sites: 'quiet', 'site')"))
    #expect(BoilerplateStage().corpusStateNote(for: Document(text: "")) == nil)  // no state
  }

  @Test func stageLearnsThroughItsCorpusLearner() throws {
    let stage = BoilerplateStage(minSitePages: 2)
    var learner = try #require(stage.makeCorpusLearner())
    for i in 0..<3 {
      try learner.observe(
        Document(text: "\(Self.footer)\nStory \(i).", metadata: .init(host: "b.example")))
    }
    let learned = try stage.applying(state: learner.finish())
    var doc = Document(
      text: "\(BodyTextTests.good)\n\(Self.footer)\n\(BodyTextTests.good)\n",
      metadata: .init(host: "b.example"))
    try learned.process(&doc)
    #expect(doc.dropped.map(\.reason) == ["site-repeated"])
  }

  @Test func badStateIsAnError() {
    #expect(throws: WinnowError.self) { _ = try BoilerplateStage().applying(state: .array([])) }
  }

  @Test func registryMakesTheStageFromOptions() throws {
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let s = try registry.makeStage(
      StageOptions(stage: "boilerplate", values: ["keep_captions": false, "good_length": 100]))
    #expect(s.options["keep_captions"] == .bool(false))
    #expect(throws: WinnowError.self) {
      _ = try registry.makeStage(StageOptions(stage: "boilerplate", values: ["nope": 1]))
    }
  }
}

/// Writes the classifier's output for every DEV page when WINNOW_BOILERPLATE_DEV (the data
/// folder) and WINNOW_BOILERPLATE_OUT are set: used by scripts/score-boilerplate.sh
/// (WINNOW_BOILERPLATE_OPTIONS may give stage options as JSON, e.g. `{"headline_run": 12}`).
/// Each page gets its URL from the set's `index.jsonl` (as `winnow run` on its `pages.jsonl`
/// has it), unless WINNOW_BOILERPLATE_NO_URL is set (text alone).
@Test(.enabled(if: ProcessInfo.processInfo.environment["WINNOW_BOILERPLATE_OUT"] != nil))
func exportDevOutputs() throws {
  let env = ProcessInfo.processInfo.environment
  let data = URL(fileURLWithPath: try #require(env["WINNOW_BOILERPLATE_DEV"]))
  let out = URL(fileURLWithPath: try #require(env["WINNOW_BOILERPLATE_OUT"]))
  try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
  let pages = data.appendingPathComponent("pages")
  // WINNOW_BOILERPLATE_OPTIONS: the stage's options as a JSON object, for tuning.
  var options = JSONObject()
  if let o = env["WINNOW_BOILERPLATE_OPTIONS"] {
    options = try #require(JSONValue(parsing: o).objectValue)
  }
  // (A misspelt key is an error, as in a pipeline file, not an option silently left out.)
  let known = Set(BoilerplateStage.descriptor.options.map(\.name))
  for key in options.keys {
    try #require(known.contains(key), "WINNOW_BOILERPLATE_OPTIONS: unknown option '\(key)'")
  }
  let stage = try BoilerplateStage.descriptor.make(
    StageOptions(stage: "boilerplate", values: options))
  var c = try #require(stage as? BoilerplateStage).classifier
  // the learned line model on / off
  if let m = env["WINNOW_BOILERPLATE_LINE_MODEL"] { c.options.lineModel = m == "1" }
  // The pages' URLs, by id.
  var urls: [String: String] = [:]
  if env["WINNOW_BOILERPLATE_NO_URL"] == nil {
    let index = try String(
      contentsOf: data.appendingPathComponent("index.jsonl"), encoding: .utf8)
    for line in index.split(separator: "\n") {
      let o = try #require(JSONValue(parsing: String(line)).objectValue)
      if case .string(let id)? = o["id"], case .string(let url)? = o["url"] { urls[id] = url }
    }
  }
  for name in try FileManager.default.contentsOfDirectory(atPath: pages.path)
  where name.hasSuffix(".txt") {
    let text = try String(contentsOf: pages.appendingPathComponent(name), encoding: .utf8)
    let r = c.clean(text, url: urls[String(name.dropLast(4))])
    try (r.text + "\n").write(
      to: out.appendingPathComponent(name), atomically: true, encoding: .utf8)
    if env["WINNOW_BOILERPLATE_EXPLAIN"] != nil {
      try r.explanation().write(
        to: out.appendingPathComponent(name + ".explain"), atomically: true, encoding: .utf8)
      // The line features and the pattern reason (nil: none) per line, for simulating rules offline.
      var noRuns = c
      noRuns.options.headlineRunLength = Int.max
      // it keeps number-only lines: their reason is the pattern's
      noRuns.options.keepInnerGaps = false
      noRuns.options.keepTableGaps = false  // likewise number-only and date lines
      noRuns.options.keepListTails = false
      let patterns = noRuns.clean(text).decisions
      var rows = ""
      for (line, d) in zip(r.lines, patterns) {
        let f = LineFeatures(of: line, hanWeight: c.options.hanWeight)
        let fixed = d.initialClass == .bad ? d.reason.rawValue : "-"
        rows +=
          "\(fixed)\t\(f.characters)\t\(f.han)\t\(f.words)\t\(f.stopWords)\t\(f.functionCharacters)\t"
        rows +=
          "\(f.clausePunctuation)\t\(f.endsWithTerminal ? 1 : 0)\t\(f.effectiveLength)\t\(f.digits)\n"
      }
      try rows.write(
        to: out.appendingPathComponent(name + ".feat"), atomically: true, encoding: .utf8)
    }
  }
}

@Suite("Boilerplate: a Chinese news page")
struct ChinesePageTests {
  @Test func keepsTheGoldAndDropsTheFooterWithReasons() throws {
    let page = try corpus("boilerplate/people-health-page.txt")
    let gold = try corpus("boilerplate/people-health-gold.txt")
    let r = BoilerplateClassifier().clean(page)
    // The gold also keeps the editor line "(责编：郝帅、杨迪)"; the stage drops it as a byline by design.
    let goldLines = gold.split(separator: "\n")
    #expect(r.text.split(separator: "\n") == goldLines.filter { !$0.hasPrefix("(责编") })
    #expect(goldLines.count == 4)
    let reasons = Set(r.decisions.filter { !$0.keep }.map(\.reason.rawValue))
    for code in [
      "license-registration", "hotline-contact", "copyright", "byline", "navigation", "breadcrumb",
    ] {
      #expect(reasons.contains(code), "no line dropped as \(code)")
    }
  }
}
