import Testing
import Winnow

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
    let chrome = ["Share", "Tweet", "Email", "Print", "Like", "Save"]
    let lines = [Self.good, Self.good, Self.good, cut] + chrome + [Self.good, Self.good]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[3].reason == .relatedLinks && !d[3].keep)
    #expect(d[10].keep && d[11].keep, "\(d.map(\.reason))")
  }

  @Test(arguments: [
    "More on this story…", "Latest news: the minister said the talks will continue next week…",
  ])
  func aShortTeaserBelowTheArticleStillEndsIt(_ teaser: String) {
    // Below the main block (more than `blockGap` dropped lines after it), a teaser of at most
    // `longTeaserLength` ends the article: the prose after it goes.
    let chrome = ["Share", "Tweet", "Email", "Print", "Like", "Save"]
    let lines = [Self.good, Self.good, Self.good, teaser] + chrome + [Self.good]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[0..<3].allSatisfy { $0.keep })
    #expect(!d[10].keep && d[10].reason == .afterArticle, "\(d.map(\.reason))")
  }
}

/// Gaps inside the article (`inner-gap`): a table or list between two kept parts.
@Suite("Boilerplate: gaps inside the article")
struct InnerGapTests {
  static let good = BodyTextTests.good
  /// A standings table: a header row, then name / points / wins rows (numbers are
  /// `low-text-density` on their own), long enough to split the article in two blocks.
  static let table = [
    "Pos", "Driver", "Points", "1", "Kyle Busch", "5040", "5", "2", "Martin Truex Jr.", "5035", "7",
    "3", "Kevin Harvick", "5033", "4",
  ]

  @Test func aTableBetweenTwoPartsOfTheArticleIsKept() {
    let lines = [Self.good, Self.good] + Self.table + [Self.good, Self.good]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d.allSatisfy { $0.keep }, "\(d.map(\.reason))")
    #expect(d[2...16].allSatisfy { $0.reason == .innerGap }, "\(d.map(\.reason))")
  }

  @Test(arguments: [
    ("a pattern drop", "Share this article"), ("a numeric date", "2021-01-01 10:34"),
    ("a relative date", "3 hours ago"),
    ("a Chinese date", "2020年1月5日"),
  ])
  func aGapWithBoilerplateOrADateStaysDropped(_ kind: String, _ line: String) {
    // Chrome, or the user / date lines of a forum thread between two posts.
    let lines =
      [Self.good, Self.good] + Self.table.prefix(7) + [line] + Self.table.suffix(7) + [
        Self.good, Self.good,
      ]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(
      d[2..<(lines.count - 2)].allSatisfy { !$0.keep && $0.reason != .innerGap },
      "\(kind): \(d.map(\.reason))")
    #expect(d.prefix(2).allSatisfy(\.keep) && d.suffix(2).allSatisfy(\.keep))
  }

  @Test func aLongTableMayHoldOneStrayButtonPerTwentyLines() {
    // 30 table lines with one `Share this` (widget): kept, the button itself not.
    let long = Self.table + ["Share this"] + Self.table
    let lines = [Self.good, Self.good] + long + [Self.good, Self.good]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[17].reason == .widget && !d[17].keep)
    #expect(d.indices.filter { $0 != 17 }.allSatisfy { d[$0].keep }, "\(d.map(\.reason))")
    // A date line is never a stray drop: the user / date lines of a thread.
    let dated = Self.table + ["March 25, 2015"] + Self.table
    let f = BoilerplateClassifier().classify(
      lines: [Self.good, Self.good] + dated + [Self.good, Self.good])
    #expect(
      f[17].reason == .dateOnly && !f.contains { $0.reason == .innerGap }, "\(f.map(\.reason))")
    // Two buttons in those 31 lines are too many.
    let two = Self.table + ["Share this", "Subscribe"] + Self.table
    let e = BoilerplateClassifier().classify(
      lines: [Self.good, Self.good] + two + [Self.good, Self.good])
    #expect(!e.contains { $0.reason == .innerGap }, "\(e.map(\.reason))")
  }

  @Test func aGapAfterTheLastKeptLineIsNoInnerGap() {
    // Only gaps with kept lines on both sides: the table after the article stays dropped.
    let lines = [Self.good, Self.good, Self.good] + Self.table
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[3...].allSatisfy { !$0.keep }, "\(d.map(\.reason))")
  }

  @Test func theStageOptionIsKeepInnerGaps() throws {
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let on = try registry.makeStage(StageOptions(stage: "boilerplate"))
    #expect(
      on.options["keep_inner_gaps"] == .bool(true)
        && on.options["block_gap"] == .number(JSONNumber(4)))
    let off = try registry.makeStage(
      StageOptions(stage: "boilerplate", values: ["keep_inner_gaps": false]))
    #expect(off.options["keep_inner_gaps"] == .bool(false))
    #expect((off as? BoilerplateStage)?.classifier.options.keepInnerGaps == false)
  }

  @Test func theOptionTurnsItOff() {
    var o = BoilerplateOptions()
    o.keepInnerGaps = false
    let lines = [Self.good, Self.good] + Self.table + [Self.good, Self.good]
    let d = BoilerplateClassifier(options: o).classify(lines: lines)
    #expect(d[2...16].allSatisfy { !$0.keep }, "\(d.map(\.reason))")
  }
}

@Suite("Boilerplate: comment headers in other languages")
struct MoreCommentHeaderTests {
  @Test(arguments: [
    ("Yorum Yazın", true), ("Kommentare (4)", true), ("Commentaires", true),
    ("12 comentarios", true), ("Commenti:", true),
    ("Комментарии (3)", true), ("Your Answer", true), ("Write a comment", true),
    ("Kommentare sind willkommen", false),
    ("Answers", false), ("Add a comment", false),
  ])
  func commentHeaders(_ line: String, _ expected: Bool) {
    var bytes = Array(line.utf8).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
    #expect(
      bytes.withUnsafeMutableBufferPointer { LinePatterns.isCommentHeader(UnsafeBufferPointer($0)) }
        == expected, "\(line)")
  }

  @Test func aTurkishCommentHeaderBelowTheArticleEndsIt() {
    let good = BodyTextTests.good
    let chrome = ["Paylaş", "Tweetle", "E-posta", "Yazdır", "Beğen", "Kaydet"]
    let lines = [good, good, good, "Yorum Yazın"] + chrome + [good]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[3].reason == .commentSection)
    #expect(!d[10].keep && d[10].reason == .afterArticle, "\(d.map(\.reason))")
  }
}

@Suite("Boilerplate: related-articles headers in other languages")
struct MoreRelatedHeaderTests {
  @Test(arguments: [
    "BERITA TERKAIT", "Leggi anche", "Artículos Relacionados", "Lesen Sie auch", "À lire aussi",
    "Читайте также",
  ])
  func aRelatedHeaderBelowTheArticleEndsIt(_ header: String) {
    let good = BodyTextTests.good
    let chrome = ["Share", "Tweet", "Email", "Print", "Like", "Save"]
    let lines = [good, good, good, header] + chrome + [good]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[3].reason == .relatedLinks, "\(header): \(d[3].reason)")
    #expect(!d[10].keep && d[10].reason == .afterArticle, "\(d.map(\.reason))")
  }

  @Test func aSentenceOpeningLikeAHeaderIsNotOne() {
    let d = BoilerplateClassifier().classify(lines: [
      BodyTextTests.good, "Leggi anche il resto dell’articolo, che spiega bene la questione.",
      BodyTextTests.good,
    ])
    #expect(d[1].keep, "\(d[1].reason)")
  }
}
