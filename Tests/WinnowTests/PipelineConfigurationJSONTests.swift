import Testing
import Winnow

/// `PipelineConfiguration.serializedJSON()` reads back as a pipeline file unchanged, also
/// with the characters YAML takes for line breaks (U+0085, U+2028, U+2029) and those it
/// refuses to read raw (DEL, the C1 controls, U+FEFF, U+FFFE, U+FFFF).
@Suite("Pipeline configuration: its JSON reads back")
struct PipelineConfigurationJSONTests {
  @Test(arguments: [
    "\u{85}", "\u{2028}", "\u{2029}", "a\u{85}b\u{2028}c\u{2029}d", "中\u{2028}文", "plain",
    "\u{7F}", "\u{80}", "\u{9F}", "a\u{FEFF}b", "\u{FFFE}", "\u{FFFF}",
    "\u{A0}\u{D7FF}\u{E000}\u{FFFD}",
    "\u{10000}\u{10FFFF}",
  ])
  func roundTrip(_ piece: String) throws {
    var options = StageOptions(stage: "x\(piece)y")
    options.values["note"] = .string(piece)
    let config = PipelineConfiguration(stages: [options])
    let text = String(decoding: config.serializedJSON(), as: UTF8.self)
    #expect(!text.unicodeScalars.contains { !PipelineConfigurationJSONTests.yamlPrintable($0) })
    let again = try PipelineConfiguration(text: text, path: "c.json")
    #expect(again.stages.map(\.stage) == ["x\(piece)y"])
    #expect(again.stages.first?.values["note"] == .string(piece))
    #expect(again.serializedJSON() == config.serializedJSON())
  }

  /// YAML 1.2's `c-printable` less its line breaks (U+0085, U+2028, U+2029) and BOM.
  static func yamlPrintable(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFEFE, 0xFF00...0xFFFD,
      0x10000...0x10FFFF:
      return c.value != 0x2028 && c.value != 0x2029
    default: return false
    }
  }

  @Test func escapesOnlyWhatYAMLCannotReadRaw() {
    let config = PipelineConfiguration(stages: [
      StageOptions(stage: "a\u{7F}b\u{9F}c\u{FEFF}d\u{FFFF}e\u{A0}f")
    ])
    let text = String(decoding: config.serializedJSON(), as: UTF8.self)
    #expect(text == #"{"stages":[{"stage":"a\u007fb\u009fc\ufeffd\uffffe\#u{A0}f"}]}"#)
  }

  /// Plain scalars resolve to JSON values; one with a colon (YAML 1.1's base-60 numbers)
  /// stays a string — Yams's base-60 conversion trapped on overflow (a fuzz finding).
  @Test(arguments: [
    ("7", JSONValue.number(JSONNumber(7))), ("0x1F", .number(JSONNumber(31))),
    ("-2.5", .number(JSONNumber(-2.5))), ("true", .bool(true)), ("~", .null),
    ("word", .string("word")), ("1:30", .string("1:30")),
    ("9223372036854775807:1", .string("9223372036854775807:1")),
    ("1:1:1:1:1:1:1:1:1:1:1:1", .string("1:1:1:1:1:1:1:1:1:1:1:1")),
    ("-1:2:3.5", .string("-1:2:3.5")),
  ])
  func plainScalars(_ literal: String, _ expected: JSONValue) throws {
    let config = try PipelineConfiguration(
      text: "stages:\n  - stage: s\n    x: \(literal)\n", path: "p.yaml")
    #expect(config.stages.first?.values["x"] == expected)
  }

  @Test func escapesOnlyTheLineBreakCharacters() {
    let config = PipelineConfiguration(stages: [StageOptions(stage: "a\u{2028}b“c”\u{85}")])
    let text = String(decoding: config.serializedJSON(), as: UTF8.self)
    #expect(text == #"{"stages":[{"stage":"a\u2028b“c”\u0085"}]}"#)
  }
}
