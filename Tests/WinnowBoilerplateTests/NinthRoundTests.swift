import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The ninth round: a teaser list (headline / one-sentence snippet pairs) that ends the kept
/// text is dropped (`related-list`, option `teaser_list_pairs`).
@Suite("Boilerplate: teaser lists below the article (ninth round)")
struct TeaserListTests {
  /// The article: five paragraphs of a news story.
  static let article = [
    "Vivo announced on Tuesday that the X100 Ultra and the X100s phones will be launched in China on May 13, with the Ultra model carrying the largest camera sensor the company has used so far.",
    "The company said the new phones would be sold first in China and later in other markets in Asia, but it did not say when, or whether the Ultra model would be sold in Europe at all.",
    "According to the leaked documents, the X100s will have a flat panel while the X100s Pro comes with a curved front, and both models are expected to use the same chipset as the Ultra.",
    "Analysts said the launch comes at a time when sales of high-end phones in China are rising again after two difficult years, and that the camera is what most buyers look at first.",
    "Prices have not been confirmed yet, but retailers in Shenzhen expect the Ultra to cost about as much as the most expensive phones from other brands, and the X100s a little less.",
  ]
  /// Teasers of other stories: a headline, then a one-sentence snippet.
  static let teasers = [
    "Motorola X50 Ultra photos and specs shared by TENAA",
    "This is the Chinese variant of the Edge 50 Ultra and the design is identical.",
    "Here are some newly leaked Sony Xperia 1 VI promo images",
    "This phone is starting to leak as much as the Pixel 8a did in the spring.",
    "iPhone 17 Slim to have a smaller screen than the iPhone 16 Plus",
    "This might explain the name change, at least somewhat, for the new model.",
  ]
  static let menu = ["Home", "News", "Reviews", "Contact"]

  static func features(_ lines: [String]) -> [LineFeatures] {
    lines.map { LineFeatures(of: Substring($0), hanWeight: BoilerplateOptions().hanWeight) }
  }

  @Test func theSampleLinesHaveTheShapesTheRuleNeeds() {
    let f = Self.features(Self.teasers)
    for k in stride(from: 0, to: f.count, by: 2) {
      #expect(!f[k].endsWithTerminal && (20...150).contains(f[k].effectiveLength), "\(k)")
      #expect(
        f[k + 1].endsWithTerminal && (40...200).contains(f[k + 1].effectiveLength)
          && f[k + 1].stopWords > 0, "\(k + 1)")
    }
  }

  @Test func aTeaserListThatEndsTheKeptTextIsDropped() {
    let lines = Self.menu + Self.article + Self.teasers + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let a = Self.menu.count
    let t = a + Self.article.count
    #expect(d[a..<t].allSatisfy { $0.keep }, "\(d.map(\.reason))")
    #expect(
      d[t..<(t + Self.teasers.count)].allSatisfy { !$0.keep && $0.reason == .relatedList },
      "\(d.map(\.reason))")
    // Off: the same teasers are kept with the article.
    var off = BoilerplateOptions()
    off.teaserListPairs = 0
    let o = BoilerplateClassifier(options: off).classify(lines: lines)
    #expect(o[t..<(t + Self.teasers.count)].allSatisfy { $0.keep }, "\(o.map(\.reason))")
  }

  @Test func sectionsFollowedByMoreOfTheArticleAreKept() {
    // Subheading / paragraph pairs inside the article, with the article going on below.
    let lines = Self.menu + Self.article + Self.teasers + Self.article + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let t = Self.menu.count + Self.article.count
    #expect(
      d[t..<(t + Self.teasers.count)].allSatisfy { $0.keep && $0.reason != .relatedList },
      "\(d.map(\.reason))")
  }

  @Test(arguments: [2, 3])
  func fewerThanThreePairsAreNotAList(_ pairs: Int) {
    let lines = Self.menu + Self.article + Array(Self.teasers.prefix(2 * pairs)) + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let t = Self.menu.count + Self.article.count
    let dropped = d[t..<(t + 2 * pairs)].allSatisfy { !$0.keep && $0.reason == .relatedList }
    #expect(dropped == (pairs >= 3), "\(d.map(\.reason))")
  }

  @Test func headlinesEndingInAColonIntroduceTheArticlesOwnLists() {
    // `To remove a package:` / `The command is run as root.`: a tutorial, not teasers.
    var teasers = Self.teasers
    for k in stride(from: 0, to: teasers.count, by: 2) { teasers[k] += ":" }
    let lines = Self.menu + Self.article + teasers + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let t = Self.menu.count + Self.article.count
    #expect(d[t..<(t + teasers.count)].allSatisfy { $0.keep }, "\(d.map(\.reason))")
  }

  @Test func aPageOfTeasersAloneIsKept() {
    // No article to outweigh them: the kept text outside the run is lighter than the run.
    let lines = Self.menu + Self.teasers + Self.teasers + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .relatedList }, "\(d.map(\.reason))")
  }

  @Test func chineseTeasersAreDroppedToo() {
    let article = [
      BodyTextTests.goodZH,
      "河北雄安高新技术产业开发区近日发布新一轮产业扶持政策，重点支持空天信息、生物技术和新材料等领域的企业落户发展。",
      "根据政策，新落户的企业可以在三年内享受租金减免，研发投入达到一定比例的企业还可以申请专项资金支持。",
      "园区管理部门表示，今年以来已有四十多家企业签约入驻，其中一半以上来自北京和天津，协同发展的效果逐步显现。",
      "业内人士认为，随着交通和公共服务配套的不断完善，雄安新区对高新技术企业的吸引力将会进一步增强。",
    ]
    let teasers = [
      "雄安高新区发布新一轮产业扶持政策", "新政策将覆盖空天信息、生物技术和新材料等多个领域的企业。",
      "河北多地启动夏季防汛应急演练", "演练模拟了强降雨导致的城市内涝和山洪等多种险情的处置。",
      "京津冀协同发展十周年成果展开幕", "展览通过图片和实物展示了三地在交通和生态领域的合作。",
    ]
    let f = Self.features(teasers)
    #expect(f[1].endsWithTerminal && f[1].effectiveLength >= 40, "\(f[1].effectiveLength)")
    #expect(f[0].effectiveLength >= 20, "\(f[0].effectiveLength)")
    let lines = Self.menu + article + teasers + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let t = Self.menu.count + article.count
    #expect(d[Self.menu.count..<t].allSatisfy { $0.keep })
    #expect(
      d[t..<(t + teasers.count)].allSatisfy { !$0.keep && $0.reason == .relatedList },
      "\(d.map(\.reason))")
  }

  /// (Decoding, the stage's parser and its report are checked for every option at once:
  /// BoilerplateOptionsCodingTests, StageOptionFieldTests.)
  @Test func theReasonAndTheDefault() {
    #expect(BoilerplateReason.relatedList.rawValue == "related-list")
    #expect(BoilerplateReason(rawValue: "related-list") == .relatedList)
    #expect(BoilerplateOptions().teaserListPairs == 3)
  }
}

/// The ninth round: an author-box or tags header below the article ends it (`end-marker`,
/// option `end_at_end_markers`).
@Suite("Boilerplate: end markers (ninth round)")
struct EndMarkerTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu
  /// An author's biography: prose, good on its own.
  static let bio =
    "Sezer Yavuz was born in Istanbul in 1994 and studied journalism at Marmara University before he joined the sports desk, where he has covered the Turkish league for eight years."

  @Test(arguments: [
    "About the author", "ABOUT THE AUTHOR:", "Editör Hakkında", "关于作者", "作者简介：", "Tags", "Tags:",
    "标签",
    // Non-ASCII capitals and counts (the header set's variants and core).
    "ОБ АВТОРЕ", "Об авторе", "À PROPOS DE L'AUTEUR", "Étiquettes :", "Tags (3)", "标签（5）",
  ])
  func theKeptTextFromAnEndMarkerOnIsDropped(_ marker: String) {
    let lines = Self.menu + Self.article + [marker, Self.bio] + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let m = Self.menu.count + Self.article.count
    #expect(d[Self.menu.count..<m].allSatisfy { $0.keep }, "\(d.map(\.reason))")
    #expect(!d[m + 1].keep && d[m + 1].reason == .endMarker, "\(d.map(\.reason))")
    // Off: the biography stays with the article.
    var off = BoilerplateOptions()
    off.endAtEndMarkers = false
    #expect(BoilerplateClassifier(options: off).classify(lines: lines)[m + 1].keep)
  }

  @Test func aMarkerAboveMostOfTheKeptTextChangesNothing() {
    // `Tags:` under a forum question, the replies below it: more kept text after than before.
    let lines =
      Self.menu + [Self.article[0], "Tags:"] + Array(Self.article.dropFirst()) + [Self.bio]
      + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .endMarker }, "\(d.map(\.reason))")
    #expect(d[lines.count - Self.menu.count - 1].keep)
  }

  @Test(arguments: ["About the author Sezer Yavuz", "Tagged with football", "tags and labels"])
  func onlyTheMarkerAloneOnItsLineCounts(_ line: String) {
    let lines = Self.menu + Self.article + [line, Self.bio] + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .endMarker }, "\(d.map(\.reason))")
  }

  @Test func theReasonAndTheDefault() {
    #expect(BoilerplateReason.endMarker.rawValue == "end-marker")
    #expect(BoilerplateOptions().endAtEndMarkers)
  }
}

/// The ninth round: a long kept line is kept once (`duplicate`, option
/// `duplicate_line_length`, off by default; the tests turn it on at 60).
@Suite("Boilerplate: duplicate lines (ninth round)")
struct DuplicateLineTests {
  static let on: BoilerplateClassifier = {
    var o = BoilerplateOptions()
    o.duplicateLineLength = 60
    return BoilerplateClassifier(options: o)
  }()
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu
  /// A slideshow caption the page repeats with each slide.
  static let caption =
    "Democratic presidential candidate Pete Buttigieg speaks during a fundraiser in New York on Tuesday."

  @Test func laterCopiesOfALongKeptLineAreDropped() {
    let a = Self.article
    let lines =
      Self.menu + [Self.caption, a[0], a[1], Self.caption, a[2], a[3], Self.caption, a[4]]
      + Self.menu
    let d = Self.on.classify(lines: lines)
    let m = Self.menu.count
    #expect(d[m].keep, "\(d.map(\.reason))")
    for k in [m + 3, m + 6] {
      #expect(!d[k].keep && d[k].reason == .duplicate, "\(k): \(d.map(\.reason))")
    }
    #expect([1, 2, 4, 5, 7].allSatisfy { d[m + $0].keep }, "\(d.map(\.reason))")
    // Off (the default): every copy stays.
    let o = BoilerplateClassifier().classify(lines: lines)
    #expect(o[m + 3].keep && o[m + 6].keep)
  }

  @Test func shortRepeatedLinesAndCopiesWithOtherTextStay() {
    // `Advertisement` between paragraphs, and two long lines that differ in one word.
    let a = Self.article
    let other = Self.caption.replacingOccurrences(of: "Tuesday", with: "Monday")
    let lines =
      Self.menu + [a[0], "Advertisement", a[1], "Advertisement", a[2], Self.caption, a[3], other]
      + [a[4]] + Self.menu
    let d = Self.on.classify(lines: lines)
    #expect(!d.contains { $0.reason == .duplicate }, "\(d.map(\.reason))")
  }

  @Test func chineseCopiesAreDroppedToo() {
    let zh = BodyTextTests.goodZH
    let lines = Self.menu + [zh, Self.article[0], zh, Self.article[1]] + Self.menu
    let d = Self.on.classify(lines: lines)
    let m = Self.menu.count
    #expect(d[m].keep && !d[m + 2].keep && d[m + 2].reason == .duplicate, "\(d.map(\.reason))")
  }

  @Test func theReasonAndTheDefault() {
    #expect(BoilerplateReason.duplicate.rawValue == "duplicate")
    #expect(BoilerplateOptions().duplicateLineLength == 0)
  }
}
