import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// Writes every DEV page line's feature row for the line model when WINNOW_LINE_MODEL_DEV
/// (the data folder) and WINNOW_LINE_MODEL_OUT (a TSV file) are set: used by
/// scripts/train-boilerplate-model.py. Rows: page id, line index, fixed (a pattern decided
/// the line), the rules' keep, then ``LineModel/featureNames`` (a header row names them).
/// The rows come from the classifier's own hook, so training sees what inference computes.
@Test(.enabled(if: ProcessInfo.processInfo.environment["WINNOW_LINE_MODEL_OUT"] != nil))
func exportLineModelRows() throws {
  let env = ProcessInfo.processInfo.environment
  let data = URL(fileURLWithPath: try #require(env["WINNOW_LINE_MODEL_DEV"]))
  let pages = data.appendingPathComponent("pages")
  var options = BoilerplateOptions()
  options.lineModel = false  // the rules' decisions: the model's inputs
  let c = BoilerplateClassifier(options: options)
  var out = "id\tline\tfixed\trules_keep\t" + LineModel.featureNames.joined(separator: "\t") + "\n"
  #expect(LineModel.featureNames.count == LineModel.featureCount)
  for name in try FileManager.default.contentsOfDirectory(atPath: pages.path).sorted()
  where name.hasSuffix(".txt") {
    let text = try String(contentsOf: pages.appendingPathComponent(name), encoding: .utf8)
    let dump = LineModel.Dump()
    let r = LineModel.$dump.withValue(dump) { c.clean(text) }
    let recorded = dump.pages.withLock { $0 }
    let page = try #require(recorded.first)
    #expect(recorded.count == 1 && page.rulesKeep == r.decisions.map(\.keep))
    let id = String(name.dropLast(4))
    for i in 0..<page.rulesKeep.count {
      out += "\(id)\t\(i)\t\(page.fixed[i] ? 1 : 0)\t\(page.rulesKeep[i] ? 1 : 0)"
      for v in page.rows[(i * LineModel.featureCount)..<((i + 1) * LineModel.featureCount)] {
        out += "\t\(v)"
      }
      out += "\n"
    }
  }
  try out.write(
    to: URL(fileURLWithPath: try #require(env["WINNOW_LINE_MODEL_OUT"])), atomically: true,
    encoding: .utf8)
}

/// The package root, from this file's path.
private let modelPackageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()

private func modelCorpus(_ path: String) throws -> String {
  try String(
    contentsOf: modelPackageRoot.appendingPathComponent("Corpora").appendingPathComponent(path),
    encoding: .utf8)
}

@Suite("Boilerplate: the learned line model")
struct BoilerplateModelTests {
  static let pages = ["pages/cgtn-coalition-2025-03-20.txt", "boilerplate/people-health-page.txt"]

  /// A page of article paragraphs, menus, a teaser list and a footer, hand-made.
  static let mixedPage = """
    Home | News | World | Sports | Contact
    Subscribe to our newsletter
    Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition.
    The meeting, hosted at a base outside London, focused on how a force could be deployed after a ceasefire.
    Officials said no decision was made.
    Several governments have said they would consider sending troops, while others have offered logistics.
    Related stories
    Five things to know about the summit
    Why the talks matter
    What comes next for the coalition
    © 2025 Example News. All rights reserved.
    """

  @Test func featureNamesMatchTheGeneratedModel() {
    #expect(LineModel.featureNames.count == LineModel.featureCount)
    #expect(LineModel.Generated.featureCount == LineModel.featureCount)
    #expect(Set(LineModel.featureNames).count == LineModel.featureNames.count)
    // Perfect trees: 2^depth − 1 inner nodes and 2^depth leaves each, features in range.
    let g = LineModel.Generated.self
    let inner = (1 << g.depth) - 1
    #expect(g.feature.count == g.trees * inner && g.threshold.count == g.trees * inner)
    #expect(g.value.count == g.trees * (inner + 1))
    #expect(g.feature.allSatisfy { $0 >= 0 && Int($0) < LineModel.featureCount })
  }

  /// The Swift trees give scikit-learn's probabilities on the rows the training script wrote.
  @Test func inferenceMatchesTheTrainingScript() throws {
    let rows = try modelCorpus("boilerplate/line-model-fixtures.tsv").split(separator: "\n").filter
    { !$0.hasPrefix("#") }
    #expect(rows.count >= 10)
    for (n, row) in rows.enumerated() {
      let cells = row.split(separator: "\t")
      let expected = try #require(Double(cells[0]))
      let x = try cells.dropFirst().map { try #require(Float(String($0))) }
      #expect(x.count == LineModel.featureCount)
      let p = LineModel.probabilities(x)
      #expect(abs(p[0] - expected) < 1e-9, "fixture row \(n): \(p[0]) against \(expected)")
    }
    // Several rows at once give the same as one by one.
    let all = try rows.flatMap { row in
      try row.split(separator: "\t").dropFirst().map { Float(try #require(Double($0))) }
    }
    let together = LineModel.probabilities(all)
    for (n, row) in rows.enumerated() {
      #expect(
        together[n]
          == LineModel.probabilities(
            try row.split(separator: "\t").dropFirst().map { Float(try #require(Double($0))) })[0])
    }
  }

  /// Switched off (the default), the decisions are the rules' exactly, also while the
  /// training export records the rows.
  @Test(arguments: pages + ["mixed"])
  func offGivesTheRulesDecisions(_ path: String) throws {
    let page = path == "mixed" ? Self.mixedPage : try modelCorpus(path)
    #expect(BoilerplateOptions().lineModel == false)
    let rules = BoilerplateClassifier().clean(page).decisions
    let dump = LineModel.Dump()
    let recorded = LineModel.$dump.withValue(dump) { BoilerplateClassifier().clean(page).decisions }
    #expect(recorded == rules)
    #expect(dump.pages.withLock { $0.count } == 1)
    #expect(!rules.contains { $0.reason == .lowScore || $0.reason == .modelContent })
  }

  /// Switched on: pattern drops keep their reasons, every dropped line has a reason, lines
  /// the model changed carry `low-score` / `model-content`, scores are probabilities.
  @Test(arguments: pages + ["mixed"])
  func onKeepsPatternDropsAndGivesReasons(_ path: String) throws {
    let page = path == "mixed" ? Self.mixedPage : try modelCorpus(path)
    var o = BoilerplateOptions()
    o.lineModel = true
    let rules = BoilerplateClassifier().clean(page).decisions
    let model = BoilerplateClassifier(options: o).clean(page).decisions
    #expect(model.count == rules.count)
    let modelReasons: Set<BoilerplateReason> = [.lowScore, .modelContent]
    for (r, m) in zip(rules, model) {
      #expect(!m.reason.rawValue.isEmpty)
      #expect(m.score >= 0 && m.score <= 1)
      if r.initialClass == .bad && !modelReasons.contains(m.reason) && r.reason != .relatedLinks {
        #expect(m == r)  // fixed by a pattern: untouched
      }
      if m.keep != r.keep && m.credit == nil {
        #expect(m.reason == (m.keep ? .modelContent : .lowScore))
      }
      if !m.keep {
        #expect(m.reason != .content && m.reason != .context && m.reason != .modelContent)
      }
    }
  }

  /// The acceptance pages keep their outputs with the model on: the sample page is exactly
  /// the article, the Chinese page its gold paragraphs.
  @Test func onKeepsTheSamplePagesArticles() throws {
    var o = BoilerplateOptions()
    o.lineModel = true
    for path in Self.pages {
      let page = try modelCorpus(path)
      #expect(
        BoilerplateClassifier(options: o).clean(page).text
          == BoilerplateClassifier().clean(page).text, "\(path)")
    }
  }
}
