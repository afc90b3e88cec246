import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The eleventh round: a short line that the context pass dropped comes back when it lies
/// inside the kept text and holds clause punctuation but no date (`inner-clause`, option
/// `keep_inner_clause_lines`).
@Suite("Boilerplate: clause lines inside the kept text (eleventh round)")
struct EleventhRoundInnerClauseTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu
  /// Forum chrome around a post: short lines without clause punctuation, and a date line
  /// (the date keeps the inner-gap rule from bringing the whole gap back).
  static let chrome = ["Reply", "Quote", "Report", "March 4, 2021"]

  /// The page: menu, three paragraphs, a gap of chrome holding `line`, two paragraphs, menu.
  /// The gap is longer than the block gap, so the two parts are two blocks and the context
  /// pass alone drops the short lines between them.
  static func page(_ line: String) -> (lines: [String], index: Int) {
    let lines =
      menu + Array(article.prefix(3)) + chrome + [line, "Share"] + Array(article.suffix(2)) + menu
    return (lines, menu.count + 3 + chrome.count)
  }

  @Test(arguments: [
    "Smooth, soft, lustrous", "Hi,", "Green is 6, purple is 9.", "不维护了已经。",
    "99 Hudson St, 5th Floor #7148, New York, NY 10013", "分类：环境监测、保护与治理",
  ])
  func aClauseLineInsideTheKeptTextComesBack(_ line: String) {
    let (lines, k) = Self.page(line)
    // The article stays whole; off, only that line differs.
    let (d, o) = classifyWithAndWithout(
      lines, article: Self.article, rule: \.keepInnerClauseLines, changed: [k])
    #expect(d[k].keep && d[k].reason == .innerClause, "\(d.map(\.reason))")
    // The chrome around it (no clause punctuation, or a date) stays dropped.
    for c in (k - Self.chrome.count)..<k { #expect(!d[c].keep, "\(c): \(d.map(\.reason))") }
    #expect(!d[k + 1].keep, "\(d.map(\.reason))")
    // Off: the line is dropped by context, as before the rule.
    #expect(!o[k].keep && o[k].reason == .shortContext, "\(o.map(\.reason))")
  }

  @Test(arguments: ["Reply Quote", "Share this story", "Posts 16487"])
  func aShortLineWithoutClausePunctuationStaysDropped(_ line: String) {
    let (lines, k) = Self.page(line)
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d[k].keep, "\(d.map(\.reason))")
    #expect(!d.contains { $0.reason == .innerClause }, "\(d.map(\.reason))")
  }

  @Test(arguments: [
    "edited Jul 28, 2016 at 13:13", "Posted on March 30, 2015, by Admin", "2024年4月3日，星期三",
  ])
  func aClauseLineWithADateStaysDropped(_ line: String) {
    let (lines, k) = Self.page(line)
    let d = BoilerplateClassifier().classify(lines: lines)
    // Dropped by context, as the line would be without the rule: the date keeps it out.
    #expect(!d[k].keep && d[k].reason == .shortContext, "\(d.map(\.reason))")
  }

  @Test func clauseLinesOutsideTheKeptTextStayDropped() {
    // Above the first kept line and below the last one: menus and teasers, not the article.
    let head = ["Home, News, Reviews", "Sign in, or register"]
    let tail = ["Sports, Weather, Travel", "Terms, Privacy"]
    let lines = Self.menu + head + Self.menu + Self.article + Self.menu + tail + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    for line in head + tail {
      let i = lines.firstIndex(of: line) ?? -1
      #expect(i >= 0 && !d[i].keep, "\(line): \(d.map(\.reason))")
    }
    #expect(!d.contains { $0.reason == .innerClause }, "\(d.map(\.reason))")
  }

  @Test func theStageOptionDecodesAndDefaultsOn() throws {
    #expect(BoilerplateReason.innerClause.rawValue == "inner-clause")
    #expect(BoilerplateReason(rawValue: "inner-clause") == .innerClause)
    try expectBoolOption("keepInnerClauseLines", key: "keep_inner_clause_lines", default: true) {
      $0.keepInnerClauseLines
    }
  }
}
