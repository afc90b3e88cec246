import Foundation
import Testing
import WinnowBoilerplate

/// `BoilerplateOptions` decodes with every key optional, and reads every key it encodes.
@Suite("Boilerplate: options as JSON (Codable)")
struct BoilerplateOptionsCodingTests {
  @Test func emptyObjectDecodesToTheDefaults() throws {
    let o = try JSONDecoder().decode(BoilerplateOptions.self, from: Data("{}".utf8))
    #expect(o == BoilerplateOptions())
  }

  @Test func aMissingKeyKeepsItsDefault() throws {
    let o = try JSONDecoder().decode(
      BoilerplateOptions.self, from: Data(#"{"goodLength": 70, "keepCaptions": false}"#.utf8))
    var expected = BoilerplateOptions()
    expected.goodLength = 70
    expected.keepCaptions = false
    #expect(o == expected)
  }

  @Test func aWrongTypeIsAnError() {
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(BoilerplateOptions.self, from: Data(#"{"goodLength": "long"}"#.utf8))
    }
  }

  /// Each option, changed alone in the JSON, comes back changed: no option is left out of
  /// the decoder (the keys are the property names, as `Mirror` lists them).
  @Test func everyOptionIsDecoded() throws {
    let encoded = try JSONEncoder().encode(BoilerplateOptions())
    let defaults = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any])
    let properties = Mirror(reflecting: BoilerplateOptions()).children
    #expect(properties.count == defaults.count)
    for child in properties {
      let key = try #require(child.label)
      let changedValue: Any
      switch child.value {
      case let b as Bool: changedValue = !b
      case let i as Int: changedValue = i + 1
      case let d as Double: changedValue = d + 0.5
      default:
        Issue.record("\(key): unexpected type \(type(of: child.value))")
        continue
      }
      var changed = defaults
      changed[key] = changedValue
      let decoded = try JSONDecoder().decode(
        BoilerplateOptions.self, from: JSONSerialization.data(withJSONObject: changed))
      let value = Mirror(reflecting: decoded).children.first { $0.label == key }?.value
      #expect(value.map { "\($0)" } == "\(changedValue)", "\(key)")
    }
  }
}
