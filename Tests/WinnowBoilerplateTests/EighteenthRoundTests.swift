import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The eighteenth round: a long list numbered without a gap is kept (`numbered-list`,
/// option `numbered_list_rows`).
@Suite("Boilerplate: long numbered lists (eighteenth round)")
struct NumberedListTests {
  static let titles = [
    "林轩", "你，过来！", "剑型吊坠", "夜袭", "外门测试", "竹林卫", "任务", "养剑师", "云水剑法", "激斗",
    "酒爷", "双绝", "雷动", "风暴", "天香坊", "灵液", "强买", "震慑", "力量掌控", "外门风云",
  ]
  static let menu = ["首页", "玄幻", "武侠", "都市", "历史", "科幻", "言情", "排行", "完本", "书库"]
  static let intro =
    "【一剑逆天，狂神归来！】一个不屈少年，一道龙魂剑影，一段热血传奇。林轩本是天剑宗外门弟子，因为体内封印着一道神秘的剑魂，被人视为废物，受尽了欺凌与冷眼。"
  static let footer = ["本站所有小说为转载作品，所有章节均由网友上传。", "Copyright © 2024 千千小说网 All Rights Reserved."]

  /// `count` chapter rows numbered from `first`, the first ones as `1.第1章 林轩`, the rest
  /// as `第21章 酒爷` (a site's two formats in one list).
  static func chapters(from first: Int = 1, count: Int) -> [String] {
    (first..<(first + count)).map { n in
      let title = titles[(n - 1) % titles.count]
      return n <= 20 ? "\(n).第\(n)章 \(title)" : "第\(n)章 \(title)"
    }
  }

  /// A novel's table of contents: menu, title, intro, the chapters, footer.
  static func tocPage(_ rows: [String]) -> (lines: [String], rows: Range<Int>) {
    let head = menu + ["逆剑狂神", "作者：一剑清新 状态：连载中", intro]
    return (head + rows + footer, head.count..<(head.count + rows.count))
  }

  @Test func aTableOfContentsIsKept() {
    let (lines, rows) = Self.tocPage(Self.chapters(count: 60))
    let d = BoilerplateClassifier().classify(lines: lines)
    for i in rows { #expect(d[i].keep, "\(i): \(d[i].reason)") }
    #expect(d[rows].contains { $0.reason == .numberedList })
    // The menu is no part of the list.
    for i in 0..<Self.menu.count { #expect(!d[i].keep, "\(lines[i]): \(d[i].reason)") }
    // Without the rule, the context pass drops rows of the list: the page needs it.
    var off = BoilerplateOptions()
    off.numberedListRows = 0
    let o = BoilerplateClassifier(options: off).classify(lines: lines)
    #expect(rows.contains { !o[$0].keep })
    #expect(!o.contains { $0.reason == .numberedList })
    // Only the list's rows differ.
    for i in lines.indices where !rows.contains(i) {
      #expect(o[i].keep == d[i].keep && o[i].reason == d[i].reason, "\(i)")
    }
  }

  @Test func blankLinesBetweenRowsDoNotBreakTheList() {
    let spaced = Self.chapters(count: 60).flatMap { [$0, ""] }
    let (lines, rows) = Self.tocPage(spaced)
    let d = BoilerplateClassifier().classify(lines: lines)
    for i in rows where !lines[i].isEmpty { #expect(d[i].keep, "\(i): \(d[i].reason)") }
  }

  @Test func aShortOrBrokenListIsLeftToTheOtherRules() {
    var off = BoilerplateOptions()
    off.numberedListRows = 0
    // 49 rows; and 30 + 30 rows with chapter 31 missing: no run of 50.
    for rows in [
      Self.chapters(count: 49), Self.chapters(count: 30) + Self.chapters(from: 32, count: 30),
    ] {
      let (lines, _) = Self.tocPage(rows)
      let d = BoilerplateClassifier().classify(lines: lines)
      let o = BoilerplateClassifier(options: off).classify(lines: lines)
      #expect(!d.contains { $0.reason == .numberedList })
      #expect(d.map(\.keep) == o.map(\.keep))
    }
  }

  @Test func aMenuLighterThanTheArticleStaysDropped() {
    // A book's chapter menu beside a chapter: 60 numbered rows of two words, lighter than
    // the text above them.
    let article = (0..<6).flatMap { _ in TeaserListTests.article }
    let menu = (1...60).map { "\($0). Chapter" }
    let lines = TeaserListTests.menu + article + menu
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .numberedList })
    for i in 0..<article.count { #expect(d[TeaserListTests.menu.count + i].keep) }
  }

  @Test(
    "sequence numbers",
    arguments: [
      ("12. Twelve", 12), ("12.第12章 林轩", 12), ("12) twelve", 12), ("12、十二", 12),
      ("12．十二", 12), ("12.", 12), ("第12章 林轩", 12), ("第 12 回 夜袭", 12), ("第3节", 3),
      ("第7卷", 7), ("Chapter 7: The Storm", 7), ("CHAPTER 7", 7), ("chapter 12 ends", 12),
      ("99999. last", 99_999),
    ])
  func sequenceNumbers(_ line: String, _ number: Int) {
    #expect(Self.number(line) == number)
  }

  @Test(
    "lines that open with no sequence number",
    arguments: [
      "2.5 million people", "12 monkeys", "123456. six digits", "第12 林轩", "第十二章 林轩",
      "Chapters 7", "Chapter 7a", "Chapter", "chapter x", "第", "", ". 12", "a12. x",
      "10120180008",
    ])
  func noSequenceNumber(_ line: String) {
    #expect(Self.number(line) == nil)
  }

  static func number(_ line: String) -> Int? {
    Array(line.utf8).withUnsafeBufferPointer {
      BoilerplateClassifier.sequenceNumber($0, 0..<$0.count)
    }
  }

  @Test func theOptionAndTheReason() {
    #expect(BoilerplateOptions().numberedListRows == 50)
    #expect(BoilerplateReason.numberedList.rawValue == "numbered-list")
    #expect(BoilerplateReason(rawValue: "numbered-list") == .numberedList)
  }
}

/// The eighteenth round's notices: a forum's notice in place of its reply form and a Q&A
/// site's vote tooltips are form notices (`widget`); `Read the rest` is a button's label.
@Suite("Boilerplate: reply-form notices (eighteenth round)")
struct ReplyFormNoticeTests {
  @Test(
    "notices in place of a reply form",
    arguments: [
      "Please Login or Register to reply to this topic.", "Sign in to post a reply.",
      "You must be logged in to comment on this article.", "Log in to reply",
      "Register to post in this forum.", "You need to be a member to reply to this thread.",
      "This question shows research effort; it is useful and clear",
      "This question does not show any research effort; it is unclear or not useful",
    ])
  func noticesAreWidgets(_ line: String) {
    FormNoticeLeadTests.expectInsideTheArticle(line, droppedAs: .widget)
  }

  @Test(
    "prose about logging in stays",
    arguments: [
      "Users who log in to their accounts after the update will be asked to confirm their phone numbers.",
      "Voters can register to vote online until Friday, the election office said in a statement on Tuesday.",
      "He chimed in to say that the research effort on the new batteries had been underfunded for a decade, and that the labs needed more staff.",
    ])
  func proseStays(_ line: String) {
    FormNoticeLeadTests.expectInsideTheArticle(line, droppedAs: nil)
  }

  @Test func readTheRestIsAButtonLabel() {
    AdLabelTests.expectDroppedInsideTheArticle(
      "READ THE REST", rule: \.dropButtonLabels, as: .widget)
  }
}

/// The eighteenth round's news-site notices: a market-data notice (read as a lead at any
/// length), a messenger promo, and `I'm okay with …` consent lines.
@Suite("Boilerplate: market-data and consent notices (eighteenth round)")
struct MarketDataNoticeTests {
  static let marketData =
    "Most stock quote data provided by BATS. Market indices are shown in real time, except for the DJIA, which is delayed by two minutes. All times are ET. Disclaimer. Morningstar: Copyright 2018 Morningstar, Inc. All Rights Reserved. Factset: FactSet Research Systems Inc. 2018. All rights reserved. Chicago Mercantile Association: Certain market data is the property of Chicago Mercantile Exchange Inc. and its licensors. All rights reserved."

  @Test(
    "notices",
    arguments: [
      marketData, "Market data provided by Interactive Data.",
      "Chat with us in Facebook Messenger. Find out what's happening in the world as it unfolds.",
      "I’m okay with Mozilla handling my info as explained in this Privacy Policy",
      "I'm okay with receiving emails as described in the privacy notice.",
      "This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.",
    ])
  func noticesAreWidgets(_ line: String) {
    FormNoticeLeadTests.expectInsideTheArticle(line, droppedAs: .widget)
  }

  @Test func theMarketNoticeIsOverThePatternLimit() {
    let limit = Double(BoilerplateOptions().patternMaxLength)
    #expect(LineFeatures(of: Substring(Self.marketData), hanWeight: 2.5).effectiveLength > limit)
  }

  @Test func aSpeakerWhoIsOkayWithAPlanStays() {
    // No terms, privacy or consent in the line.
    let line =
      "I’m okay with the plan as long as the city pays for the new bridge, the mayor said on Tuesday after the council's vote."
    FormNoticeLeadTests.expectInsideTheArticle(line, droppedAs: nil)
  }
}

/// The eighteenth round's fix: the CJK menu row (short chunks between spaces, no
/// punctuation) is read only in scripts that write no spaces between words; a subheading in
/// Korean, Russian or Hindi is no menu.
@Suite("Boilerplate: menu rows only in scripts without spaces (eighteenth round)")
struct CJKMenuRowScriptTests {
  static func isMenuRow(_ line: String) -> Bool {
    Array(line.utf8).withUnsafeBufferPointer { LinePatterns.isCJKMenuRow($0) }
  }

  @Test(
    "Chinese and Japanese menu rows",
    arguments: [
      "政策声音 行业热点 医学前沿 观察评论", "首页 新闻 体育 财经", "您是本文第 154 个阅览者", "六間 星山 福井店",
      "新闻 · 体育 · 财经",
    ])
  func menuRows(_ line: String) {
    #expect(Self.isMenuRow(line))
  }

  @Test(
    "words between spaces in other scripts",
    arguments: [
      "정부 대책 발표 이후 시장 반응", "Мы не знаем где он", "9 मई को 1000 अंक से ज्यादा गिरा था बाजार",
      "لیگ برتر پرتغال", "Η νέα κυβέρνηση και οι αγορές", "中文 한국어 新闻",
      // Still no row: too few chunks, a long one, ASCII letters.
      "首页 新闻", "首页 新闻 中华人民共和国国务院", "首页 News 体育",
    ])
  func notMenuRows(_ line: String) {
    #expect(!Self.isMenuRow(line))
  }

  @Test func aKoreanSubheadingInsideTheArticleStays() {
    let article = [
      "정부는 화요일 부동산 시장 안정을 위한 새로운 대책을 발표했으며, 대출 규제를 일부 완화하고 공급을 늘리겠다고 밝혔다. 전문가들은 이번 조치가 단기적으로 거래를 늘릴 것으로 내다봤다.",
      "서울 아파트 가격은 지난달 다시 오르기 시작했고, 일부 지역에서는 거래량이 두 배 가까이 늘어난 것으로 나타났다. 정부는 투기 수요를 막기 위한 장치도 함께 마련하겠다고 덧붙였다.",
      "시장 참가자들은 금리 인하 가능성에 주목하고 있으며, 한국은행은 다음 달 회의에서 기준금리를 결정할 예정이다. 은행들은 이미 대출 금리를 조금씩 낮추기 시작했다고 밝혔다.",
      "야당은 이번 대책이 집값을 다시 끌어올릴 수 있다고 비판했고, 시민단체들도 서민 주거 안정에는 도움이 되지 않는다고 지적했다. 정부는 다음 주 추가 설명회를 열 계획이다.",
    ]
    let subheading = "정부 대책 발표 이후 시장 반응"
    let lines =
      ["뉴스", "경제", "사회"] + Array(article.prefix(2)) + [subheading] + Array(article.suffix(2))
    let d = BoilerplateClassifier().classify(lines: lines)
    let k = lines.firstIndex(of: subheading) ?? 0
    #expect(d[k].keep && d[k].reason != .navigation, "\(d[k].reason)")
    for a in article { #expect(d[lines.firstIndex(of: a) ?? 0].keep) }
  }
}

/// The eighteenth round's comment-form notices (a WordPress blog's, in the translations a
/// mixed crawl meets) and `Published on …` bylines in other languages.
@Suite("Boilerplate: comment-form notices and bylines in other languages (eighteenth round)")
struct CommentFormTranslationTests {
  @Test(
    "comment-form notices",
    arguments: [
      "Notify me of follow-up comments by email.", "Notify me of new posts by email.",
      "Save my name, email, and website in this browser for the next time I comment.",
      "Benachrichtige mich über nachfolgende Kommentare via E-Mail.",
      "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
      "E-Mail (wird nicht veröffentlicht)",
      "Votre adresse e-mail ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
      "Tu dirección de correo electrónico no será publicada. Los campos obligatorios están marcados con *",
      "O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *",
      "Il tuo indirizzo email non sarà pubblicato. I campi obbligatori sono contrassegnati *",
      "Je e-mailadres wordt niet gepubliceerd. Vereiste velden zijn gemarkeerd met *",
      "Ваш адрес email не будет опубликован. Обязательные поля помечены *",
      "您的电子邮箱地址不会被公开。 必填项已用*标注",
    ])
  func noticesAreWidgets(_ line: String) {
    FormNoticeLeadTests.expectInsideTheArticle(line, droppedAs: .widget)
  }

  @Test(
    "Published on … bylines",
    arguments: [
      "Veröffentlicht am 19. Dezember 2022 von Redaktion", "Publié le 12 mars 2024 à 10h32",
      "Publicado el 3 de mayo de 2024", "Publicado em 3 de maio de 2024",
      "Pubblicato il 19 Febbraio 2020 Ultima modifica 19 Febbraio 2020 12:02",
    ])
  func bylines(_ line: String) {
    FormNoticeLeadTests.expectInsideTheArticle(line, droppedAs: .byline)
  }

  @Test func proseThatMentionsPublishingStays() {
    // A byline prefix counts only where it opens the line.
    let line =
      "The ministry said the figures, veröffentlicht am Montag in Berlin, show that exports fell for the third month in a row."
    FormNoticeLeadTests.expectInsideTheArticle(line, droppedAs: nil)
  }
}

/// The eighteenth round's member card: a Q&A site's reputation and badges line is a member
/// statistic (`byline`, with `drop_member_stat_lines`).
@Suite("Boilerplate: reputation and badges lines (eighteenth round)")
struct BadgeLineTests {
  static func badges(_ line: String) -> Bool {
    Array(line.utf8).withUnsafeBufferPointer {
      BoilerplateClassifier.isBadgeLine($0, 0..<$0.count)
    }
  }

  @Test(
    "badge lines",
    arguments: [
      ("7,138 3 3 gold badges 13 13 silver badges 61 61 bronze badges", true),
      ("117k 28 28 gold badges 324 324 silver badges 630 630 bronze badges", true),
      ("43 4 4 bronze badges", true), ("1 1 1 Bronze badge", true), ("14.9k 2 2 gold badges", true),
      // Not the shape.
      ("43 4 bronze badges", false), ("43 4 4 bronze", false),
      ("43 4 4 bronze badges extra", false),
      ("43 4 4 golden badges", false), ("43  4 4 bronze badges", false),
      ("4 4 bronze badges", false), ("The 4 4 bronze badges", false), ("", false),
      ("43 4 4 bronze badges ", false),
    ])
  func badgeLine(_ line: String, _ expected: Bool) {
    #expect(Self.badges(line) == expected, "\(line)")
  }

  @Test func cardsBetweenAnswersAreDropped() {
    let card = "7,138 3 3 gold badges 13 13 silver badges 61 61 bronze badges"
    let (lines, ks) = MemberStatTests.page(card, "asked Jul 28, 2016 at 13:05")
    let d = BoilerplateClassifier().classify(lines: lines)
    var off = BoilerplateOptions()
    off.dropMemberStatLines = false
    let o = BoilerplateClassifier(options: off).classify(lines: lines)
    for k in ks where lines[k] == card {
      #expect(!d[k].keep && d[k].reason == .byline, "\(d.map(\.reason))")
      #expect(o[k].keep, "\(o.map(\.reason))")
    }
    for a in TeaserListTests.article.prefix(5) { #expect(d[lines.firstIndex(of: a) ?? 0].keep) }
  }
}

/// The eighteenth round's Turkish labels: an ad slot's `İçeriğin Devamı Aşağıda` ("the
/// content goes on below") and a teaser's `İçeriği görüntüle` ("view the content"), listed
/// with their capital `İ` as written (it is no capital of `i` in the root locale).
@Suite("Boilerplate: Turkish labels (eighteenth round)")
struct TurkishLabelTests {
  @Test func adSlotMarker() {
    AdLabelTests.expectDroppedInsideTheArticle(
      "İçeriğin Devamı Aşağıda", rule: \.dropAdLabels, as: .advertisement)
  }

  @Test func viewContentButton() {
    AdLabelTests.expectDroppedInsideTheArticle(
      "İçeriği görüntüle", rule: \.dropButtonLabels, as: .widget)
  }
}

/// The eighteenth round's inline related links: a kept line that opens with a
/// related-articles header and a colon goes (`related-links`, option `drop_inline_related`).
@Suite("Boilerplate: inline related links (eighteenth round)")
struct InlineRelatedTests {
  static func inline(_ line: String) -> Bool {
    Array(line.utf8).withUnsafeBufferPointer {
      BoilerplateClassifier.isInlineRelated($0, 0..<$0.count)
    }
  }

  @Test(
    "inline links",
    arguments: [
      "Read more: Tencent profit falls as Alibaba threat and economic woes weigh",
      "READ MORE: The 15 Weirdest Galaxies in Our Universe", "Related: From Big Bang to Present",
      "Baca juga: Banjir Lahar Dingin di Sumbar", "Lire aussi : Les critiques de la CNIL",
      "À lire aussi : la loi", "Leggi anche:", "相关阅读：北京发布新规", "Lesen Sie auch: Die Bahn streikt",
    ])
  func inlineLinks(_ line: String) {
    #expect(Self.inline(line))
  }

  @Test(
    "other lines",
    arguments: [
      "Related work on the topic: none", "Read more about the new law below.", "Readers: write in",
      "Recommendations: none", "Related", "see also", "", "Baca juga",
    ])
  func otherLines(_ line: String) {
    #expect(!Self.inline(line))
  }

  @Test func aLinkInsideTheArticleIsDropped() {
    expectInlineRelatedDroppedInsideTheArticle(
      "Read more: Motorola X50 Ultra photos and specs shared by TENAA")
  }

  @Test func theStageOptionDecodesAndDefaultsOn() throws {
    try expectBoolOption("dropInlineRelated", key: "drop_inline_related", default: true) {
      $0.dropInlineRelated
    }
  }
}

/// The eighteenth round's no-prose fallback: on a page where nothing reads as prose, what
/// stands above a breadcrumb in the page's first half is the site's menu, not the page.
@Suite("Boilerplate: a page without prose starts at its breadcrumb (eighteenth round)")
struct NoProseBreadcrumbTests {
  static let menu = ["中文", "English", "中共中央党史和文献研究院", "领导人著作", "党的文献", "今日中国"]
  static let toc = [
    "目录", "习近平新时代中国特色社会主义思想研究", "张素峰", "中共党史", "宋学勤;马骋", "专题·社会治理", "杨典;向静林",
    "新发展阶段社会建设与构建新发展格局",
  ]

  @Test func theMenuAboveTheBreadcrumbGoes() {
    let crumb = "首页 > 期刊要览 > 中共中央党校学报 > 2022年第4期"
    let lines = Self.menu + [crumb] + Self.toc
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[Self.menu.count].reason == .breadcrumb, "\(d.map(\.reason))")
    for i in 0..<Self.menu.count { #expect(!d[i].keep, "\(lines[i]): \(d[i].reason)") }
    for i in (Self.menu.count + 1)..<lines.count {
      #expect(d[i].keep && d[i].reason == .noProse, "\(lines[i]): \(d[i].reason)")
    }
  }

  @Test func withoutABreadcrumbEverythingStays() {
    let lines = Self.menu + Self.toc
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d.allSatisfy { $0.keep && $0.reason == .noProse }, "\(d.map(\.reason))")
  }

  @Test func aBreadcrumbInTheSecondHalfCutsNothing() {
    let crumb = "首页 > 期刊要览 > 中共中央党校学报 > 2022年第4期"
    let lines = Self.menu + Self.toc + [crumb, "目录"]
    let d = BoilerplateClassifier().classify(lines: lines)
    for i in 0..<(Self.menu.count + Self.toc.count) {
      #expect(d[i].keep && d[i].reason == .noProse, "\(lines[i]): \(d[i].reason)")
    }
  }
}
