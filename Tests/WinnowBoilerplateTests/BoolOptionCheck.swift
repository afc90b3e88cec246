import Foundation
import Testing
import Winnow
import WinnowBoilerplate

/// Checks a yes/no option of the boilerplate stage end to end, as each round that adds one
/// does: its default, its JSON decoding by property name (turned the other way), and the
/// stage a pipeline file's key makes reporting it (and the default stage its default).
///
/// - Parameters:
///   - property: the ``BoilerplateOptions`` property, as JSON names it.
///   - key: the pipeline file's key.
///   - defaultValue: the default.
///   - value: reads the property.
func expectBoolOption(
  _ property: String, key: String, default defaultValue: Bool,
  _ value: (BoilerplateOptions) -> Bool, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  #expect(value(BoilerplateOptions()) == defaultValue, sourceLocation: sourceLocation)
  let o = try JSONDecoder().decode(
    BoilerplateOptions.self, from: Data(#"{"\#(property)": \#(!defaultValue)}"#.utf8))
  #expect(value(o) == !defaultValue, sourceLocation: sourceLocation)
  let registry = StageRegistry()
  registry.register(BoilerplateStage.descriptor)
  let s = try registry.makeStage(
    StageOptions(stage: "boilerplate", values: [key: .bool(!defaultValue)]))
  #expect(s.options[key] == .bool(!defaultValue), sourceLocation: sourceLocation)
  #expect(BoilerplateStage().options[key] == .bool(defaultValue), sourceLocation: sourceLocation)
}

/// Classifies `lines` with the default options and with the rule `rule` turned off, as each
/// round that adds a rule checks it: with the rule on, every `article` line is kept; turning
/// it off changes only the lines in `changed` (decision or reason).
///
/// - Parameters:
///   - lines: the page.
///   - article: its article lines (each must be in `lines`).
///   - rule: the option that turns the rule on.
///   - changed: the lines the rule decides.
/// - Returns: the decisions with the rule on and off, for the round's own checks of `changed`.
func classifyWithAndWithout(
  _ lines: [String], article: [String], rule: WritableKeyPath<BoilerplateOptions, Bool>,
  changed: Set<Int>, sourceLocation: SourceLocation = #_sourceLocation
) -> (on: [LineDecision], off: [LineDecision]) {
  let d = BoilerplateClassifier().classify(lines: lines)
  // The article stays whole.
  let body = article.map { a in lines.firstIndex(of: a) ?? -1 }
  #expect(
    body.allSatisfy { $0 >= 0 && d[$0].keep }, "\(d.map(\.reason))", sourceLocation: sourceLocation)
  var options = BoilerplateOptions()
  options[keyPath: rule] = false
  let o = BoilerplateClassifier(options: options).classify(lines: lines)
  // Only the rule's lines differ.
  for i in lines.indices where !changed.contains(i) {
    #expect(
      o[i].keep == d[i].keep && o[i].reason == d[i].reason, "\(i)", sourceLocation: sourceLocation)
  }
  return (d, o)
}

/// The reason the default classifier gives `line` on a page of that line alone, as the
/// rounds' pattern tests ask it.
func reasonAlone(_ line: String) -> BoilerplateReason {
  BoilerplateClassifier().classify(lines: [line])[0].reason
}

/// Expects the default classifier to give `line`, alone on a page, none of `reasons`: prose
/// that holds a pattern's words without being what the pattern is for.
func expectNone(
  of reasons: [BoilerplateReason], for line: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let r = reasonAlone(line)
  #expect(!reasons.contains(r), "\(line): \(r)", sourceLocation: sourceLocation)
}

/// Expects `line`, between the paragraphs of ``TeaserListTests/article`` under its menu, to
/// be dropped as `related-links` by the inline related links (``BoilerplateOptions/
/// dropInlineRelated``) and kept without them (the context pass keeps a short line there:
/// the rule is what drops it).
func expectInlineRelatedDroppedInsideTheArticle(
  _ line: String, sourceLocation: SourceLocation = #_sourceLocation
) {
  let a = TeaserListTests.article
  let lines = TeaserListTests.menu + Array(a.prefix(3)) + [line] + Array(a.suffix(2))
  let k = TeaserListTests.menu.count + 3
  let (d, o) = classifyWithAndWithout(
    lines, article: a, rule: \.dropInlineRelated, changed: [k], sourceLocation: sourceLocation)
  #expect(
    !d[k].keep && d[k].reason == .relatedLinks, "\(d[k].reason)", sourceLocation: sourceLocation)
  #expect(o[k].keep, "\(o[k].reason)", sourceLocation: sourceLocation)
}

/// `body` on the UTF-8 bytes of `line` and their whole range, as the byte-level rules
/// (`lineEnd`, `beforeEllipsis`, `inlineRelated`, …) read a line of a page.
func onLineBytes<T>(_ line: String, _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> T) -> T {
  Array(line.utf8).withUnsafeBufferPointer { body($0, 0..<$0.count) }
}
