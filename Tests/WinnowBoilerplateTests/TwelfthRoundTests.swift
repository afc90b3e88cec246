import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The twelfth round: a short line kept only by context that holds a date and no terminal
/// punctuation — the meta line of a post or teaser — is dropped (`date-meta`, option
/// `drop_date_meta_lines`).
@Suite("Boilerplate: date meta lines kept by context (twelfth round)")
struct TwelfthRoundDateMetaTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu

  /// (A line that is only a date is dropped by the `date-only` pattern already.)
  /// The page: menu, three paragraphs, `line`, a paragraph, `line` again, the last
  /// paragraph, menu. Between two good paragraphs the context pass keeps a short line (below
  /// half of the kept text, so the head dateline rule does not take the first one).
  static func page(_ line: String, twice: Bool = true) -> (lines: [String], index: [Int]) {
    let a = article
    let lines =
      menu + Array(a.prefix(3)) + [line, a[3]] + (twice ? [line] : ["Chapter 2"]) + [a[4]] + menu
    return (lines, [menu.count + 3, menu.count + 5])
  }

  @Test(arguments: [
    "jdoe replied 2014-05-06 10:21", "#3 by Tom 03/12/2014", "3 days ago", "发布于 5分钟前",
    "Last edited by Tom Oct 18, 2019", "楼主 小王 2019年3月15日 08:00",
  ])
  func dateMetaLinesKeptByContextAreDropped(_ line: String) {
    let (lines, ks) = Self.page(line)
    // The article stays whole; off, only the date lines differ.
    let (d, o) = classifyWithAndWithout(
      lines, article: Self.article, rule: \.dropDateMetaLines, changed: Set(ks))
    for k in ks { #expect(!d[k].keep && d[k].reason == .dateMeta, "\(d.map(\.reason))") }
    // Off: the lines are kept by context, as before the rule.
    for k in ks { #expect(o[k].keep && o[k].reason == .context, "\(o.map(\.reason))") }
  }

  @Test(arguments: ["jdoe replied 2014-05-06 10:21", "3 days ago", "发布于 5分钟前"])
  func aSingleDateLineStays(_ line: String) {
    // One date line is a dateline or a diary's heading, not the meta lines of records.
    let (lines, ks) = Self.page(line, twice: false)
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[ks[0]].keep && d[ks[0]].reason == .context, "\(d.map(\.reason))")
    #expect(!d.contains { $0.reason == .dateMeta }, "\(d.map(\.reason))")
  }

  @Test(arguments: [
    // A sentence (terminal punctuation), numbers that are not dates, Chinese, a heading.
    "It opened on 2014-05-06.", "会议于2019年3月15日召开。", "Posts 16487", "Chapter 2",
    "第二章 新的开始", "Version 2.0.1 notes", "© 2024",
  ])
  func otherShortLinesKeptByContextStay(_ line: String) {
    let (lines, ks) = Self.page(line)
    let d = BoilerplateClassifier().classify(lines: lines)
    for k in ks { #expect(d[k].keep, "\(d.map(\.reason))") }
    #expect(!d.contains { $0.reason == .dateMeta }, "\(d.map(\.reason))")
  }

  @Test func longLinesWithADateStay() {
    // Over 40 characters: not meta lines.
    let (lines, ks) = Self.page("Filed under Markets and Economy, 2014-05-06 10:21")
    let d = BoilerplateClassifier().classify(lines: lines)
    for k in ks { #expect(d[k].keep, "\(d.map(\.reason))") }
  }

  @Test func theStageOptionDecodesAndDefaultsOn() throws {
    #expect(BoilerplateReason.dateMeta.rawValue == "date-meta")
    #expect(BoilerplateReason(rawValue: "date-meta") == .dateMeta)
    try expectBoolOption("dropDateMetaLines", key: "drop_date_meta_lines", default: true) {
      $0.dropDateMetaLines
    }
  }
}
