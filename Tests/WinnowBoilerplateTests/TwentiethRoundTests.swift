import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The twentieth round: the notices of forum engines, newsletter forms, donation appeals and
/// a news network's syndication note are patterns (`widget`, `disclaimer`).
@Suite("Boilerplate: forum, newsletter and syndication notices (twentieth round)")
struct TwentiethRoundNoticeTests {
  @Test(
    "notices are widgets",
    arguments: [
      "This topic has been deleted. Only users with topic management privileges can see it.",
      "此主题已被删除。只有拥有主题管理权限的用户可以查看。",
      "Something went wrong. Please try reloading.",
      "出错了。请尝试重新加载。",
      "This topic has 0 replies, 1 voice, and was last updated 7 years, 2 months ago by Kenny .",
      "This topic has 12 replies, 4 voices, and was last updated 3 days ago by Ana.",
      "This forum has 31 topics, 240 replies, and was last updated 2 hours ago by admin.",
      "Por favor Entrar ou Cadastrar para responder a este tópico.",
      "Por favor inicia sesión o regístrate para responder a este tema.",
      "Thanks! Please check your inbox to confirm your subscription.",
      "You'll receive an email from news@example.org to confirm your subscription. If you don't see it, check your spam filter.",
      "Please consider making a completely voluntary contribution to show your appreciation and support for the material on this website.",
      "由内容质量、互动评论、分享传播等多维度分值决定，勋章级别越高( )，代表其在平台内的综合表现越好。",
    ])
  func notices(_ line: String) {
    #expect(reasonAlone(line) == .widget, "\(line)")
  }

  @Test func aSyndicationNoteIsADisclaimer() {
    let line =
      "Artikel ini telah tayang di TribunPadang.com dengan judul BMKG Sebut Sudah Keluarkan Peringatan Dini Cuaca Sebelum Banjir Lahar Dingin"
    #expect(reasonAlone(line) == .disclaimer)
  }

  @Test(
    "prose with the same words is no notice",
    arguments: [
      "The page was last updated in 2019, and the forum has not been maintained since.",
      "Employees may make a voluntary contribution to the pension fund of up to 5 % of their salary.",
      "Managers said the topic had been deleted from the agenda after the vote.",
      "The outage left users unable to log in; engineers asked them to try reloading the app later.",
    ])
  func prose(_ line: String) {
    expectNone(of: [.widget, .disclaimer], for: line)
  }
}

/// The twentieth round: a kept line that opens with a tags label and a colon (`Tags: …`,
/// `Filed Under: …`, `标签：…`) goes with the inline related links (`related-links`, option
/// `drop_inline_related`).
@Suite("Boilerplate: tags lines (twentieth round)")
struct TagLineTests {
  static func inline(_ line: String) -> Bool {
    onLineBytes(line, BoilerplateClassifier.inlineRelated)
  }

  @Test(
    "tags lines",
    arguments: [
      "Tags: BGR Deals", "TAGS: politics, elections",
      "Filed Under:Eastern Equine Encephalitis , EEE , health , Michigan , mosquito-borne virus",
      "Filed under: Khawarij |", "Tagged: travel, food", "标签：容器技术", "标签: 容器技术",
      "Schlagwörter: Frauen aus der Sportwelt", "Etiketler: Ekonomi",
    ])
  func tagsLines(_ line: String) {
    #expect(Self.inline(line), "\(line)")
  }

  @Test(
    "other lines",
    arguments: [
      "Tag: Rimedi naturali",  // `tag` alone is too short to be told by its first four bytes
      "关键字： CPI",  // a Chinese article's keywords line stays (the golds keep it)
      "Tagsüber: sonnig", "Tags are how the site groups its posts.", "Filed under the wrong name",
    ])
  func otherLines(_ line: String) {
    #expect(!Self.inline(line), "\(line)")
  }

  @Test func aTagsLineBetweenParagraphsIsDropped() {
    expectInlineRelatedDroppedInsideTheArticle("Tags: Motorola, smartphones, TENAA")
  }
}

/// The twentieth round: a record list whose rows mostly hold a date is a forum's post
/// headers (under deleted replies), not a chart: its rows stay dropped.
@Suite("Boilerplate: dated rows are no record list (twentieth round)")
struct DatedRecordListTests {
  /// A forum topic whose replies were all deleted: each post is a user and date header, the
  /// deleted notice, the reply buttons and a replies line.
  static func thread(posts: Int) -> [String] {
    var lines = ["导航", "版块", "最新", "搜索", "Side Bar WTF"]
    lines += [
      "Side Bar: Because more things make us ask WTF than just code.",
      "Post your own WTFs that used to also briefly appear in the side bar on The Daily WTF website.",
    ]
    for k in 0..<posts {
      lines += [
        "user\(k) 2018年6月\(k + 1)日 21:\(10 + k) 最后由 编辑 @user\(k + 1)",
        "此回复已被删除！", "回复 引用 \(k)", "\(k % 3 + 1) 条回复 最后回复 2018年6月\(k + 1)日 23:\(10 + k)",
        "Reply",
      ]
    }
    return lines + ["登录后回复", "© 2024 The Daily WTF"]
  }

  @Test func postHeadersUnderDeletedRepliesStayDropped() {
    let lines = Self.thread(posts: 8)
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .recordList }, "\(d.map(\.reason))")
    for (i, l) in lines.enumerated() where l.contains("2018年") {
      #expect(!d[i].keep, "\(l): \(d[i].reason)")
    }
    #expect(d[5].keep && d[6].keep)
  }

  @Test func aChartWithYearsKeepsItsRows() {
    // A chart's rows have years (`2026 1h 43m R`), not dates: the list stays.
    let lines = RecordStructureTests.chart(rows: 8)
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d.contains { $0.reason == .recordList })
  }
}
