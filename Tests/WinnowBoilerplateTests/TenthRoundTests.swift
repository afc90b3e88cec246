import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The tenth round: the dateline that opens the article (a short line with a date, the first
/// paragraph right below it) is dropped (`dateline`, option `drop_head_datelines`).
@Suite("Boilerplate: datelines above the article (tenth round)")
struct DatelineTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu
  /// The headline and its standfirst (a good line: the context pass keeps the line below).
  static let head = [
    "Vivo X100 Ultra launch date confirmed",
    "Vivo says the X100 Ultra and the X100s go on sale in China on May 13, with other markets to follow later this year.",
  ]
  /// A Chinese article: three paragraphs.
  static let zhArticle = [
    "据新华社报道，国家统计局今天发布的数据显示，今年前三个季度全国规模以上工业增加值同比增长百分之五点二，增速比上半年加快零点一个百分点。",
    "分行业看，电子、汽车和电气机械等行业增长较快，其中新能源汽车产量同比增长百分之三十以上，成为拉动工业增长的重要力量。",
    "专家表示，随着一系列稳增长政策持续发力，四季度经济有望保持平稳运行，但外部环境仍然复杂，需要继续扩大国内需求。",
  ]

  @Test(arguments: [
    "November 20, 2019 Emiliano Bellini", "16 November 2017 • 2:15pm",
    "1 de diciembre de 2017 3:00 AM PST", "GİRİŞ 20.05.2024 11:26 GÜNCELLEME 20.05.2024 11:38",
    "기사입력 :[ 2018-08-25 15:24 ]", "投稿日: 2024/04/03", "Oct 18, 2019 · 8 min read",
    "12 Maggio 2024 16:48",
  ])
  func theDatelineAboveTheArticleIsDropped(_ dateline: String) {
    let lines = Self.menu + Self.head + [dateline] + Self.article
    let d = BoilerplateClassifier().classify(lines: lines)
    let k = Self.menu.count + Self.head.count
    #expect(!d[k].keep && d[k].reason == .dateline, "\(d.map(\.reason))")
    #expect(d[(k + 1)...].allSatisfy { $0.keep }, "\(d.map(\.reason))")
    // Off: the dateline stays.
    var off = BoilerplateOptions()
    off.dropHeadDatelines = false
    #expect(BoilerplateClassifier(options: off).classify(lines: lines)[k].keep)
  }

  @Test func aChineseDatelineGoesAndTheChineseBodyStays() {
    let lines =
      [
        "首页", "新闻", "统计局：前三季度工业增加值增长5.2%", "国家统计局发布数据显示，前三季度新能源汽车产量增长较快，四季度经济有望保持平稳运行。",
        "2024年04月03日 10:15 人民网",
      ]
      + Self.zhArticle + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d[4].keep && d[4].reason == .dateline, "\(d.map(\.reason))")
    #expect(d[5..<8].allSatisfy { $0.keep }, "\(d.map(\.reason))")
  }

  @Test func onlyTheFirstDatelineGoes() {
    // A diary: each entry under a date line; the later dates stay with their entries.
    let lines =
      Self.menu + Self.head + ["March 3, 2021 Emiliano Bellini", Self.article[0], Self.article[1]]
      + ["March 4, 2021 Emiliano Bellini", Self.article[2], Self.article[3], Self.article[4]]
    let d = BoilerplateClassifier().classify(lines: lines)
    let reasons = d.map(\.reason)
    let k = Self.menu.count + Self.head.count
    #expect(reasons.filter { $0 == .dateline }.count == 1, "\(reasons)")
    #expect(!d[k].keep && d[k].reason == .dateline, "\(reasons)")
    #expect(d[k + 3].keep, "\(reasons)")
  }

  @Test func aDatedCaptionStays() {
    // A caption with a date ends with a full stop: not a dateline.
    let lines = Self.menu + Self.head + ["Starmer speaks in London, March 20, 2025."] + Self.article
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .dateline }, "\(d.map(\.reason))")
  }

  @Test func aDateBelowMostOfTheKeptTextStays() {
    // A short dated line after the article's first half: not the head any more.
    let lines =
      Self.menu + Array(Self.article.prefix(4)) + ["Update, June 2, 2024: prices"]
      + [Self.article[4]]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .dateline }, "\(d.map(\.reason))")
  }

  @Test(arguments: [
    ("November 20, 2019 Emiliano Bellini", true), ("16 November 2017", true),
    ("20.05.2024 11:26", true), ("2018-08-25", true), ("2024年4月3日", true),
    ("2024 年 4 月", true), ("5 de diciembre de 2017", true), ("Sept. 3, 2020", true),
    ("© 2024 The Company", false), ("2019 Jeongdong Theater Series", false),
    ("Call 555-12-2019 now", false), ("Order 123/4/2019", false), ("1/2/20199", false),
    ("Version 2.3.2019b", false), ("November 20 2019", true), ("Top 10 of 2019", false),
    ("Page 3 of 2019", false), ("", false),
  ])
  func dates(_ text: String, _ isDate: Bool) {
    let bytes = Array(text.utf8)
    let found = bytes.withUnsafeBufferPointer {
      BoilerplateClassifier.containsDate($0, 0..<bytes.count)
    }
    #expect(found == isDate, "\(text)")
  }

  @Test func theReasonAndTheDefault() {
    #expect(BoilerplateReason.dateline.rawValue == "dateline")
    #expect(BoilerplateOptions().dropHeadDatelines)
  }
}
