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
  for name in try FileManager.default.contentsOfDirectory(atPath: pages.path).sorted() where name.hasSuffix(".txt") {
    let text = try String(contentsOf: pages.appendingPathComponent(name), encoding: .utf8)
    let dump = LineModel.Dump()
    let r = LineModel.$dump.withValue(dump) { c.clean(text) }
    let recorded = dump.pages.withLock { $0 }
    let page = try #require(recorded.first)
    #expect(recorded.count == 1 && page.rulesKeep == r.decisions.map(\.keep))
    let id = String(name.dropLast(4))
    for i in 0..<page.rulesKeep.count {
      out += "\(id)\t\(i)\t\(page.fixed[i] ? 1 : 0)\t\(page.rulesKeep[i] ? 1 : 0)"
      for v in page.rows[(i * LineModel.featureCount)..<((i + 1) * LineModel.featureCount)] { out += "\t\(v)" }
      out += "\n"
    }
  }
  try out.write(to: URL(fileURLWithPath: try #require(env["WINNOW_LINE_MODEL_OUT"])), atomically: true, encoding: .utf8)
}
