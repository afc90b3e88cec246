import Testing
import Winnow
import WinnowBoilerplate

/// The boilerplate stage's options are listed once (``BoilerplateStage/optionFields``): the
/// descriptor, the parser and the reported options all come from that list, so every
/// property of ``BoilerplateOptions`` must be in it, each read back as set.
@Suite("Boilerplate: stage options from one list of fields")
struct StageOptionFieldTests {
  static let fields = BoilerplateStage.optionFields

  @Test func everyPropertyOfTheOptionsHasOneField() {
    let properties = Mirror(reflecting: BoilerplateOptions()).children.count
    #expect(Self.fields.count == properties)
    #expect(Set(Self.fields.map(\.name)).count == Self.fields.count)
  }

  @Test func theDescriptorTheReportedOptionsAndTheDefaultsAgree() {
    let infos = BoilerplateStage.descriptor.options
    let reported = BoilerplateStage().options
    #expect(infos.map(\.name) == reported.keys)
    #expect(infos.map(\.name) == Self.fields.map(\.name) + ["min_site_pages", "min_site_share"])
    for (field, info) in zip(Self.fields, infos) {
      #expect(info.type == field.type)
      #expect(info.help == field.help)
      // The default shown is the value the stage reports with no option set.
      switch reported[field.name] {
      case .number(let n): #expect(info.defaultValue == n.literal, "\(field.name)")
      case .bool(let b): #expect(info.defaultValue == (b ? "true" : "false"), "\(field.name)")
      default: Issue.record("\(field.name): \(String(describing: reported[field.name]))")
      }
    }
  }

  /// Each option, set alone in a pipeline file's values, reaches the stage's options and
  /// comes back in its reported options (the parser and the report use the same property).
  @Test func eachOptionSetAloneComesBack() throws {
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let defaults = BoilerplateStage().options
    for field in Self.fields {
      let changed: JSONValue
      switch defaults[field.name] {
      case .bool(let b): changed = .bool(!b)
      case .number(let n) where field.type == "int":
        changed = .number(JSONNumber((n.intValue ?? 0) == 0 ? 1 : (n.intValue ?? 0) + 1))
      case .number(let n):
        // Numbers are shares (0…1) or weights: halve them, or 0.5 for 0.
        let d = n.doubleValue ?? 0
        changed = .number(JSONNumber(d == 0 ? 0.5 : d / 2))
      default:
        Issue.record("\(field.name)")
        continue
      }
      let stage = try registry.makeStage(
        StageOptions(stage: "boilerplate", values: [field.name: changed]))
      #expect(stage.options[field.name] == changed, "\(field.name)")
      for other in Self.fields where other.name != field.name {
        #expect(stage.options[other.name] == defaults[other.name], "\(field.name) → \(other.name)")
      }
    }
  }

  @Test(arguments: [
    ("good_length", JSONValue.number(JSONNumber(0))), ("min_block_share", .number(JSONNumber(2))),
    ("keep_captions", .string("sometimes")), ("teaser_list_pairs", .string("three")),
  ])
  func aValueOutOfRangeOrOfTheWrongTypeNamesItsKey(_ key: String, _ value: JSONValue) {
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    do {
      _ = try registry.makeStage(StageOptions(stage: "boilerplate", values: [key: value]))
      Issue.record("\(key): accepted \(value)")
    } catch {
      #expect(error.message.contains(key), "\(error.message)")
    }
  }
}
