import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// A sentence between two paragraphs that a pattern dropped for a word in it comes back
/// (`inner-prose`, option `keep_inner_prose`): a notice's words inside a story are the
/// story's.
@Suite("Boilerplate: sentences a pattern dropped between paragraphs")
struct InnerProseTests {
  static let menu = TeaserListTests.menu
  static let article = TeaserListTests.article
  static let footer = ["Contact us", "Privacy policy", "© 2024 Example News"]

  /// Sentences of a story that hold a pattern's words, with the reason the pattern gives
  /// each alone.
  static let sentences: [(String, BoilerplateReason)] = [
    (
      "Residents who want to take part must first create an account on the city's website, where the forms will be published, and then wait for a letter from the council.",
      .widget
    ),
    (
      "Anyone with information is asked to call the police hotline at 555-123-4567, officials said in a statement on Monday evening, adding that every call would be confidential.",
      .hotlineContact
    ),
    (
      "All rights reserved by the original authors will remain with their families, the museum said, and the paintings will be returned to them when the exhibition closes in May.",
      .copyright
    ),
    (
      "您可以在系统中找到每个软件包的版权声明和许可证，它们都在软件包的文档目录里，这些文件在您安装了软件包以后就有了，所以您不必再去网上找它们。",
      .copyright
    ),
  ]

  /// Menu, two paragraphs, `line`, the other paragraphs, footer; the index of `line`.
  static func page(_ line: String) -> (lines: [String], index: Int) {
    (menu + article.prefix(2) + [line] + article.dropFirst(2) + footer, menu.count + 2)
  }

  /// A Chinese story's two paragraphs.
  static let chinese = [
    "国务院常务会议今天召开，会议研究部署了进一步稳定就业的政策措施，要求各地抓好落实，确保取得实效。",
    "会议指出，今年以来经济运行总体平稳，但仍面临不少困难和挑战，必须坚持稳中求进工作总基调。",
  ]

  @Test(arguments: [
    ("据了解，该公司已于去年取得互联网新闻信息服务许可证，并按照要求在网站首页显著位置进行了公示。", "license-registration"),
    ("专家提醒，未经许可不得擅自使用他人的作品，否则可能面临民事赔偿，情节严重的还要承担刑事责任。", "copyright"),
    ("这部小说的版权声明写得非常清楚，任何人转载都必须获得作者本人的书面同意，否则就是侵权行为。", "copyright"),
    ("用户可以扫码关注这家博物馆的公众号，提前预约参观时间，避免在节假日排长队，馆方表示效果明显。", "widget"),
  ])
  func aChineseSentenceBetweenParagraphsComesBack(_ line: String, _ reason: String) {
    #expect(reasonAlone(line).rawValue == reason)
    let lines = [Self.chinese[0], line, Self.chinese[1]]
    let (d, o) = classifyWithAndWithout(
      lines, article: Self.chinese, rule: \.keepInnerProse, changed: [1])
    #expect(d[1].keep && d[1].reason == .innerProse, "\(d.map(\.reason))")
    #expect(!o[1].keep && o[1].reason.rawValue == reason, "\(o.map(\.reason))")
  }

  @Test(arguments: [
    // Notices that open with their lead, and one too short for a story's sentence.
    "版权声明：本文为原创文章，转载请注明出处，未经作者许可不得用于任何商业用途，违者必究。",
    "本站使用cookie来改善您的浏览体验，继续浏览即表示您同意我们按照隐私政策使用cookie。",
    "未经书面授权，任何单位和个人不得转载、摘编本网站的任何内容，否则将依法追究法律责任。",
    "欢迎扫码关注我们的公众号。",
  ])
  func aChineseNoticeBetweenParagraphsStaysDropped(_ line: String) {
    let d = BoilerplateClassifier().classify(lines: [Self.chinese[0], line, Self.chinese[1]])
    #expect(!d[1].keep && d[1].reason != .innerProse, "\(d.map(\.reason))")
  }

  @Test(arguments: 0..<4)
  func aSentenceBetweenParagraphsComesBack(_ k: Int) {
    let (line, reason) = Self.sentences[k]
    // The pattern drops the sentence alone.
    #expect(reasonAlone(line) == reason)
    let (lines, i) = Self.page(line)
    let (d, o) = classifyWithAndWithout(
      lines, article: Self.article, rule: \.keepInnerProse, changed: [i])
    #expect(d[i].keep && d[i].reason == .innerProse, "\(d.map(\.reason))")
    // Off: dropped by the pattern, as before the rule.
    #expect(!o[i].keep && o[i].reason == reason, "\(o.map(\.reason))")
    // The menu and the footer stay dropped.
    for j in lines.indices where !Self.article.contains(lines[j]) && j != i {
      #expect(!d[j].keep, "\(j): \(d.map(\.reason))")
    }
  }

  @Test(arguments: 0..<4)
  func aSentenceBelowTheArticleStaysDropped(_ k: Int) {
    let (line, reason) = Self.sentences[k]
    // Below the last paragraph, with the footer under it: not between two paragraphs.
    let lines = Self.menu + Self.article + [line] + Self.footer
    let d = BoilerplateClassifier().classify(lines: lines)
    let i = Self.menu.count + Self.article.count
    #expect(!d[i].keep && d[i].reason == reason, "\(d.map(\.reason))")
  }

  @Test(arguments: [
    // Short notices, and notices that read as no sentence, between two paragraphs.
    "Your email address will not be published. Required fields are marked *",
    "© 2024 Example News Corporation. All rights reserved.",
    "Editor: Zhang Wei",
    "Subscribe to our newsletter",
    "违法和不良信息举报电话：010-12345678",
    // A notice that reads as a sentence but is shorter than a story's long sentence, and a
    // long one that opens with its lead.
    "When you purchase through links on our site, we may earn an affiliate commission. Here's how it works.",
    "By clicking Sign Up, you confirm that you have read and agree to our Terms of Use and Privacy Policy, and that you are at least 16 years old, and you agree to receive our emails.",
  ])
  func aNoticeBetweenParagraphsStaysDropped(_ line: String) {
    let (lines, i) = Self.page(line)
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d[i].keep && d[i].reason != .innerProse, "\(d.map(\.reason))")
  }

  @Test func twoSentencesInARowStayDropped() {
    // Each has a dropped neighbour: the rule asks for a paragraph on both sides.
    let lines =
      Self.menu + Self.article.prefix(2) + [Self.sentences[0].0, Self.sentences[1].0]
      + Self.article.dropFirst(2) + Self.footer
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .innerProse }, "\(d.map(\.reason))")
  }

  @Test func theStageOptionDecodesAndDefaultsOn() throws {
    #expect(BoilerplateReason.innerProse.rawValue == "inner-prose")
    #expect(BoilerplateReason(rawValue: "inner-prose") == .innerProse)
    try expectBoolOption("keepInnerProse", key: "keep_inner_prose", default: true) {
      $0.keepInnerProse
    }
  }

  @Test func everyDefinedReasonSaysWhetherItKeeps() {
    let kept: Set<String> = [
      "content", "context", "no-prose", "thread-post", "record-list", "inner-gap", "table-gap",
      "list-tail", "model-content", "caption", "inner-clause", "numbered-list", "inner-prose",
    ]
    for known in BoilerplateReason.Known.allCases {
      let r = BoilerplateReason(rawValue: known.name)
      #expect(r.keepsLine == kept.contains(known.name), "\(known.name)")
    }
    #expect(BoilerplateReason(rawValue: "my-stage-reason").keepsLine == nil)
  }
}

/// A Chinese sentence that holds a byline's words (`来源：`, `责任编辑`, `编辑：`) is prose,
/// not a byline (``LinePatterns/readsAsCJKSentence(_:)``).
@Suite("Boilerplate: Chinese sentences with a byline's words")
struct CJKSentenceBylineTests {
  static let article = [
    "国务院常务会议今天召开，会议研究部署了进一步稳定就业的政策措施，要求各地抓好落实，确保取得实效。",
    "会议指出，今年以来经济运行总体平稳，但仍面临不少困难和挑战，必须坚持稳中求进工作总基调。",
  ]

  @Test(arguments: [
    "国家统计局今天发布数据，今年一季度国内生产总值同比增长百分之五点三，增速比上年四季度加快零点一个百分点。（数据来源：国家统计局）",
    "他说，作为责任编辑，他每天都要审读大量稿件，确保每一篇报道都准确无误，这是一份沉甸甸的责任。",
    "责任编辑是报社里最辛苦的岗位之一，他们每天要审读几十篇稿件，还要和记者反复沟通修改意见。",
  ])
  func aSentenceBetweenParagraphsIsKept(_ line: String) {
    let d = BoilerplateClassifier().classify(lines: [Self.article[0], line, Self.article[1]])
    #expect(d.allSatisfy { $0.keep }, "\(d.map(\.reason))")
    #expect(d[1].reason == .content, "\(d[1].reason)")
  }

  @Test(arguments: [
    "来源：人民网 作者：张三 责任编辑：李四", "本文来源：新华社，作者：张三，责任编辑：李四。",
    "（责任编辑：王五）", "2024-03-05 10:23 来源：经济日报",
  ])
  func aBylineLineIsStillOne(_ line: String) {
    let d = BoilerplateClassifier().classify(lines: [Self.article[0], line, Self.article[1]])
    #expect(!d[1].keep && d[1].reason == .byline, "\(d[1].reason)")
  }
}

/// A sentence that opens with a credit's verb and `by` and a common word (`Written by hand
/// in 1850, …`) is prose, not a byline (``LinePatterns/isCreditPhrase(_:_:)``).
@Suite("Boilerplate: sentences that open like a byline")
struct CreditPhraseTests {
  static let article = InnerProseTests.article

  @Test(arguments: [
    "Written by hand in 1850, the letter describes the journey of a family from Ireland to New York in vivid detail.",
    "Posted by a soldier to his mother in 1944, the letter arrived seventy years late, the post office said on Friday.",
  ])
  func aSentenceIsKept(_ line: String) {
    #expect(reasonAlone(line) == .content)
    let d = BoilerplateClassifier().classify(lines: [Self.article[0], line, Self.article[1]])
    #expect(d[1].keep && d[1].reason == .content, "\(d[1].reason)")
  }

  @Test(arguments: [
    // A name after `by`, and short credits.
    "Written by Guido van Rossum, heavily based on earlier work by David Ascher, and implemented by Guido van Rossum.",
    "Posted by admin on March 3, 2021", "Written by the editors",
  ])
  func aCreditIsStillAByline(_ line: String) {
    let d = BoilerplateClassifier().classify(lines: [Self.article[0], line, Self.article[1]])
    #expect(!d[1].keep && d[1].reason == .byline, "\(d[1].reason)")
  }

  @Test func theCaseIsReadFromTheOriginalLine() {
    let lower = Array("written by hand in 1850, the letter …".utf8)
    let named = Array("Written by Hand in 1850, the letter …".utf8)
    let common = Array("Written by hand in 1850, the letter …".utf8)
    lower.withUnsafeBufferPointer { l in
      #expect(common.withUnsafeBufferPointer { LinePatterns.isCreditPhrase(l, $0) })
      #expect(!named.withUnsafeBufferPointer { LinePatterns.isCreditPhrase(l, $0) })
    }
  }
}

/// Five-character verses written with spaces for their line breaks are a poem, not a menu
/// row (``LinePatterns/isCJKMenuRow(_:)``).
@Suite("Boilerplate: a poem's verses between spaces")
struct SpacedVersesTests {
  static let article = CJKSentenceBylineTests.article

  @Test(arguments: ["床前明月光 疑是地上霜 举头望明月 低头思故乡", "白日依山尽 黄河入海流 欲穷千里目 更上一层楼"])
  func versesAreKept(_ line: String) {
    var bytes = line
    #expect(!bytes.withUTF8 { LinePatterns.isCJKMenuRow($0) })
    let d = BoilerplateClassifier().classify(lines: [Self.article[0], line, Self.article[1]])
    #expect(d.allSatisfy { $0.keep }, "\(d.map(\.reason))")
  }

  @Test(arguments: [
    "新闻 体育 财经 娱乐", "·娱乐幻灯 ·在线影院 ·碟探快报 ·电视剧照", "政策声音 行业热点 医学前沿 观察评论",
    // Three chunks of five: no pairs of verses.
    "国际新闻网 国内新闻网 体育新闻网",
  ])
  func menuRowsStayMenuRows(_ line: String) {
    var bytes = line
    #expect(bytes.withUTF8 { LinePatterns.isCJKMenuRow($0) })
  }
}
