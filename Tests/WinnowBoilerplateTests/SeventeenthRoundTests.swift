import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The seventeenth round: a form notice that opens a line is boilerplate at any length
/// (``LinePatterns/isFormNoticeLead(_:)``), and advertisement labels go (`advertisement`,
/// option `drop_ad_labels`).
@Suite("Boilerplate: form notices at any length (seventeenth round)")
struct FormNoticeLeadTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu

  /// The page: menu, three paragraphs, `line`, the last two paragraphs, menu.
  static func page(_ line: String) -> (lines: [String], index: Int) {
    let a = article
    return (menu + Array(a.prefix(3)) + [line] + Array(a.suffix(2)) + menu, menu.count + 3)
  }

  /// `line` inside the article (``page(_:)``): dropped as `reason`, or with `reason` nil
  /// kept as `content`; the article around it stays whole either way.
  static func expectInsideTheArticle(
    _ line: String, droppedAs reason: BoilerplateReason?,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let (lines, k) = page(line)
    let d = BoilerplateClassifier().classify(lines: lines)
    if let reason {
      #expect(!d[k].keep && d[k].reason == reason, "\(d[k].reason)", sourceLocation: sourceLocation)
    } else {
      #expect(
        d[k].keep && d[k].reason == .content, "\(d[k].reason)", sourceLocation: sourceLocation)
    }
    for a in article {
      #expect(d[lines.firstIndex(of: a) ?? 0].keep, "\(a)", sourceLocation: sourceLocation)
    }
  }

  static let longMarketNotice =
    "Quotes delayed at least 15 minutes. Real-time quotes provided by BATS BZX Real-Time Price. Market Data provided by Interactive Data. Powered and implemented by Interactive Data Managed Solutions. Company fundamental data provided by Morningstar. Earnings estimates data provided by Zacks. Mutual fund and ETF data provided by Lipper. Economic data provided by Econoday. Dow Jones & Company Terms & Conditions."
  static let longConsent =
    "I agree to receive recurring automated marketing text messages (e.g. cart reminders) at the phone number provided. Consent is not a condition to purchase. Msg & data rates may apply. Msg frequency varies. Reply HELP for help and STOP to cancel. View our Terms of Service and Privacy Policy for more details on how we use the numbers and the messages we send to them."

  @Test(
    "notices that open the line",
    arguments: [
      longMarketNotice, longConsent,
      "By signing up you agree to our Terms of Use and Privacy Policy.",
      "By using Conductor, you agree to our Terms of Service and Privacy Policy .",
      "By subscribing I accept the terms of use",
      "I consent to the processing of my personal data.",
    ])
  func noticesOpeningTheLineAreWidgets(_ line: String) {
    Self.expectInsideTheArticle(line, droppedAs: .widget)
  }

  @Test func longNoticesAreOverThePatternLimit() {
    // Over the limit, the needles found anywhere are not asked: only the lead decides.
    let limit = Double(BoilerplateOptions().patternMaxLength)
    for line in [Self.longMarketNotice, Self.longConsent] {
      #expect(LineFeatures(of: Substring(line), hanWeight: 2.5).effectiveLength > limit)
    }
  }

  @Test(
    "prose that opens as a consent notice does",
    arguments: [
      // No terms, privacy or consent in the line: what someone did, not a form.
      "By continuing the talks into the night, the two sides hoped to reach a deal before the summit in June.",
      "By using a smaller sensor, the company kept the phone thin without giving up much of the zoom range.",
      "I agree to some extent with the analysts, but the camera is not what most buyers look at first.",
      // A consent word elsewhere but another opening.
      "The new privacy rules, which take effect in June, will change how the phones store the photos.",
    ])
  func proseStays(_ line: String) {
    Self.expectInsideTheArticle(line, droppedAs: nil)
  }

  @Test func theLeadIsReadFromTheLowercasedLine() {
    func lead(_ s: String) -> Bool {
      Array(s.lowercased().utf8).withUnsafeBufferPointer { LinePatterns.isFormNoticeLead($0) }
    }
    #expect(lead("QUOTES DELAYED AT LEAST 15 MINUTES."))
    #expect(lead("By Signing Up, you agree to our PRIVACY policy"))
    #expect(!lead("By signing up new members the club doubled in size."))
    #expect(!lead("Delayed quotes are shown."))  // the needle must open the line
    #expect(!lead(""))
  }
}

@Suite("Boilerplate: advertisement labels (seventeenth round)")
struct AdLabelTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu

  /// The page: menu, three paragraphs, `line`, a paragraph, `line` again, the last
  /// paragraph, menu: the labels sit in ad slots inside the article.
  static func page(_ line: String) -> (lines: [String], index: [Int]) {
    let a = article
    let lines = menu + Array(a.prefix(3)) + [line, a[3], line, a[4]] + menu
    return (lines, [menu.count + 3, menu.count + 5])
  }

  @Test(arguments: [
    "Advertisement", "ADVERTISEMENT", "- Anzeige -", "Sponsored Content", "Advertisement:",
    "Story continues below advertisement", "广告", "Реклама", "Publicité",
  ])
  func labelsInsideTheArticleAreDropped(_ line: String) {
    Self.expectDroppedInsideTheArticle(line, rule: \.dropAdLabels, as: .advertisement)
  }

  /// `line` in the two ad slots of ``page(_:)``: with `rule` on, both copies are dropped as
  /// `reason`; off, both are kept by context; the article stays whole, and no other line
  /// changes.
  static func expectDroppedInsideTheArticle(
    _ line: String, rule: WritableKeyPath<BoilerplateOptions, Bool>, as reason: BoilerplateReason,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let (lines, ks) = page(line)
    let (d, o) = classifyWithAndWithout(
      lines, article: article, rule: rule, changed: Set(ks), sourceLocation: sourceLocation)
    for k in ks {
      #expect(
        !d[k].keep && d[k].reason == reason, "\(d.map(\.reason))", sourceLocation: sourceLocation)
    }
    for k in ks { #expect(o[k].keep, "\(o.map(\.reason))", sourceLocation: sourceLocation) }
  }

  @Test(arguments: [
    // Topics and headings, not labels.
    "Advertising", "Ads", "Advertisement rules", "The advertisement", "Sponsors", "广告法",
  ])
  func otherShortLinesStay(_ line: String) {
    let (lines, ks) = Self.page(line)
    let d = BoilerplateClassifier().classify(lines: lines)
    for k in ks { #expect(d[k].reason != .advertisement, "\(d.map(\.reason))") }
  }

  @Test func aLabelTheOtherRulesDropKeepsTheirReason() {
    // Below the article, among menu lines: dropped by context, as before (only kept lines
    // are looked up).
    let lines = Self.menu + Self.article + ["Advertisement"] + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let k = Self.menu.count + Self.article.count
    #expect(!d[k].keep && d[k].reason != .advertisement, "\(d[k].reason)")
  }

  @Test func theStageOptionDecodesAndDefaultsOn() throws {
    #expect(BoilerplateReason.advertisement.rawValue == "advertisement")
    #expect(BoilerplateReason(rawValue: "advertisement") == .advertisement)
    try expectBoolOption("dropAdLabels", key: "drop_ad_labels", default: true) {
      $0.dropAdLabels
    }
  }
}

@Suite("Boilerplate: Chinese notices (seventeenth round)")
struct ChineseNoticeTests {
  /// The reason the line's own patterns give it.
  func reason(_ line: String) -> BoilerplateReason? {
    let f = LineFeatures(of: Substring(line), hanWeight: BoilerplateOptions().hanWeight)
    return LinePatterns.match(line.utf8.map(BytePatterns.lower), f, BoilerplateOptions())
  }

  @Test(
    "reprint bans, platform notices, QR-code calls",
    arguments: [
      ("39健康网(www.39.net)专稿，未经书面授权请勿转载。", BoilerplateReason.copyright),
      ("本文为作者原创，严禁转载。", .copyright),
      ("谢绝转载", .copyright),
      (
        "“特别声明：以上作品内容(包括在内的视频、图片或音频)为凤凰网旗下自媒体平台“大风号”用户上传并发布，本平台仅提供信息存储空间服务。",
        .disclaimer
      ),
      ("扫描关注官方公众号", .widget),
      ("扫码关注我们，获取更多资讯。", .widget),
    ])
  func noticesAreDropped(_ line: String, _ expected: BoilerplateReason) {
    #expect(reason(line) == expected)
  }

  @Test(
    "what the golds keep, and prose with the words",
    arguments: [
      // A licence under a forum's first post: the replies below it are the page.
      "本作品采用《CC 协议》，转载必须注明作者和本文链接",
      // A blogger's sign-off.
      "欢迎关注微信公众号：好看的HK，第一时间掌握Java最新黑科技，轻轻松松进大厂！",
      "用户可以通过关注公众号获取服务，也可以在小程序里直接办理。",
      "该平台表示，将为创作者提供信息存储和分发服务。",
    ])
  func otherLinesAreNoNotices(_ line: String) {
    #expect(reason(line) == nil)
  }
}

@Suite("Boilerplate: button labels (seventeenth round)")
struct ButtonLabelTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu

  @Test(arguments: [
    "Reply", "Reply Quote", "Share", "Share:", "Add to Wishlist", "Download Article", "Report",
    "回复", "举报", "Reply (3)", "LinkedIn", "Add a comment |", "Teilen", "Compartilhar:",
    "Ответить", "返信",
  ])
  func buttonsInsideTheArticleAreDropped(_ line: String) {
    AdLabelTests.expectDroppedInsideTheArticle(line, rule: \.dropButtonLabels, as: .widget)
  }

  @Test(arguments: [
    // Words that move through a text, and labels with more to them.
    "Next", "Previous", "Top 5", "More", "Share the road", "Save the date",
    "Email: press@example.com",
  ])
  func otherShortLinesStay(_ line: String) {
    let (lines, ks) = AdLabelTests.page(line)
    let d = BoilerplateClassifier().classify(lines: lines)
    for k in ks { #expect(d[k].keep, "\(d.map(\.reason))") }
  }

  @Test func bothListsCanBeTurnedOffApart() {
    // The ad label goes with its own option, the button with its own.
    let lines =
      Self.menu + Array(Self.article.prefix(3)) + [
        "Advertisement", Self.article[3], "Share", Self.article[4],
      ] + Self.menu
    let (ad, button) = (Self.menu.count + 3, Self.menu.count + 5)
    var o = BoilerplateOptions()
    o.dropAdLabels = false
    var d = BoilerplateClassifier(options: o).classify(lines: lines)
    #expect(d[ad].keep && !d[button].keep && d[button].reason == .widget)
    o = BoilerplateOptions()
    o.dropButtonLabels = false
    d = BoilerplateClassifier(options: o).classify(lines: lines)
    #expect(!d[ad].keep && d[ad].reason == .advertisement && d[button].keep)
  }

  @Test func theStageOptionDecodesAndDefaultsOn() throws {
    try expectBoolOption("dropButtonLabels", key: "drop_button_labels", default: true) {
      $0.dropButtonLabels
    }
  }
}

@Suite("Boilerplate: forum member statistics (seventeenth round)")
struct MemberStatTests {
  static let article = TeaserListTests.article

  func stat(_ line: String) -> Bool {
    Array(line.utf8).withUnsafeBufferPointer {
      BoilerplateClassifier.isMemberStat($0, 0..<$0.count)
    }
  }

  @Test(
    "a member label, a colon, a count or a date",
    arguments: [
      ("Posts: 16,487", true), ("posts:22", true), ("Joined: Jan 2013", true),
      ("Joined: Apr. 2014", true), ("Join Date: January, 2006", true),
      ("Reputation: 1.2k", true), ("Member since: 2019-03-15", true),
      ("注册时间：2019-03-15", true), ("注册时间：2019年3月", true), ("帖子：1,024", true),
      ("积分: 300", true),
      // Other labels, other values.
      ("Points: 25", false), ("Likes: 52", false), ("Posts: many", false),
      ("Joined: Jan", false), ("Joined: Janxx 2013", true), ("Joined: Jab 2013", false),
      ("Joined: 2013 Jan", false), ("Posts: 1,2,", false), ("Posts:", false), ("Posts", false),
      ("Member since: 12", true), ("Member since: 1-2", false), ("注册时间：2019年", false),
      ("The posts: 12", false), ("", false),
    ])
  func memberStat(_ line: String, _ expected: Bool) {
    #expect(stat(line) == expected, "\(line)")
  }

  /// The page: three paragraphs, a member card (`name`, `Posts`, `Joined`), a paragraph, a
  /// second card, the last paragraph: a thread of posts.
  static func page(_ posts: String, _ joined: String, cards: Int = 2) -> (
    lines: [String], stats: [Int]
  ) {
    let a = article
    var lines = Array(a.prefix(3))
    var stats: [Int] = []
    for k in 0..<cards {
      lines += ["jdoe\(k)"]
      stats += [lines.count, lines.count + 1]
      lines += [posts, joined, a[3 + k]]
    }
    return (lines, stats)
  }

  @Test func cardsBetweenPostsAreDropped() {
    let (lines, ks) = Self.page("Posts: 16,487", "Joined: Jan 2013")
    let (d, o) = classifyWithAndWithout(
      lines, article: Self.article, rule: \.dropMemberStatLines, changed: Set(ks))
    for k in ks { #expect(!d[k].keep && d[k].reason == .byline, "\(d.map(\.reason))") }
    for k in ks { #expect(o[k].keep, "\(o.map(\.reason))") }
  }

  @Test func oneCardIsNoThread() {
    let (lines, ks) = Self.page("Posts: 16,487", "Reactions", cards: 1)
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[ks[0]].keep, "\(d.map(\.reason))")
  }

  @Test func theStageOptionDecodesAndDefaultsOn() throws {
    try expectBoolOption("dropMemberStatLines", key: "drop_member_stat_lines", default: true) {
      $0.dropMemberStatLines
    }
  }
}

@Suite("Boilerplate: photo credit lines in more forms (seventeenth round)")
struct PhotoCreditLineTests {
  @Test(
    "credit lines",
    arguments: [
      "Image copyright Getty Images", "Image Copyright @AOC @AOC", "Fonte: iStock",
      "Foto: Bensing & Reith", "Bild: PNW production / pexels", "Crédito: Reuters",
    ])
  func creditLinesArePhotoCredits(_ line: String) {
    #expect(ChineseNoticeTests().reason(line) == .photoCredit)
  }

  @Test(
    "prose with the words",
    arguments: [
      "The image copyright belongs to the photographer, the court said on Monday.",
      "Fotografen müssen ihre Bilder selbst schützen.",
    ])
  func proseStays(_ line: String) {
    #expect(ChineseNoticeTests().reason(line) != .photoCredit)
  }
}
