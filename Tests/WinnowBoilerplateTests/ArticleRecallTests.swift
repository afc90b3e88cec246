import Testing
@testable import WinnowBoilerplate

/// The sixth round's recall rules: text of the article that the earlier rules cut off.
@Suite("Boilerplate: article recall (sixth round)")
struct ArticleRecallTests {
  static let good = BodyTextTests.good

  @Test func aLongParagraphCutOffWithAnEllipsisDoesNotEndTheArticle() {
    // A collapsed "read more": several sentences ending in `…` (a `related-links` teaser by
    // its pattern), then the rest of the article. Longer than `longTeaserLength`, it is not
    // a header, so the paragraphs after it stay.
    let cut =
      "You can also take advantage of dynamic pricing if your booking system offers the feature. "
      + "It will optimise your rates based on the rules you set, for example to adjust pricing…"
    let lines = [Self.good, Self.good, Self.good, cut, Self.good, Self.good]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[3].reason == .relatedLinks && !d[3].keep)
    #expect(d[4].keep && d[5].keep, "\(d.map(\.reason))")
  }

  @Test(arguments: ["More on this story…", "Latest news: the minister said the talks will continue next week…"])
  func aShortTeaserBelowTheArticleStillEndsIt(_ teaser: String) {
    let lines = [Self.good, Self.good, Self.good, teaser, Self.good]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[0..<3].allSatisfy { $0.keep })
    #expect(!d[4].keep && d[4].reason == .afterArticle, "\(d.map(\.reason))")
  }
}
