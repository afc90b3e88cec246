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
    let article = Array(repeating: BodyTextTests.goodZH, count: 5)
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

  @Test func theReasonHasItsCode() {
    #expect(BoilerplateReason.relatedList.rawValue == "related-list")
    #expect(BoilerplateReason(rawValue: "related-list") == .relatedList)
  }

  @Test func theOptionDecodesAndTheStageReadsAndReportsIt() throws {
    let o = try JSONDecoder().decode(
      BoilerplateOptions.self, from: Data(#"{"teaserListPairs": 0}"#.utf8))
    #expect(o.teaserListPairs == 0)
    #expect(BoilerplateOptions().teaserListPairs == 3)
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let s = try registry.makeStage(
      StageOptions(stage: "boilerplate", values: ["teaser_list_pairs": 5]))
    #expect(s.options["teaser_list_pairs"] == .number(JSONNumber(5)))
    #expect(BoilerplateStage().options["teaser_list_pairs"] == .number(JSONNumber(3)))
    #expect(throws: WinnowError.self) {
      _ = try registry.makeStage(
        StageOptions(stage: "boilerplate", values: ["teaser_list_pairs": -1]))
    }
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

  @Test func theReasonAndTheOption() throws {
    #expect(BoilerplateReason.endMarker.rawValue == "end-marker")
    #expect(BoilerplateOptions().endAtEndMarkers)
    let o = try JSONDecoder().decode(
      BoilerplateOptions.self, from: Data(#"{"endAtEndMarkers": false}"#.utf8))
    #expect(!o.endAtEndMarkers)
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let s = try registry.makeStage(
      StageOptions(stage: "boilerplate", values: ["end_at_end_markers": false]))
    #expect(s.options["end_at_end_markers"] == .bool(false))
    #expect(BoilerplateStage().options["end_at_end_markers"] == .bool(true))
  }
}
