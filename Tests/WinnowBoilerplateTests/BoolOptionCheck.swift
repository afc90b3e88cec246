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
