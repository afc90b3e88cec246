import Testing
import Winnow

/// `PipelineConfiguration.serializedJSON()` reads back as a pipeline file unchanged, also
/// with the characters YAML takes for line breaks (U+0085, U+2028, U+2029).
@Suite("Pipeline configuration: its JSON reads back")
struct PipelineConfigurationJSONTests {
  @Test(arguments: [
    "\u{85}", "\u{2028}", "\u{2029}", "a\u{85}b\u{2028}c\u{2029}d", "中\u{2028}文", "plain",
  ])
  func roundTrip(_ piece: String) throws {
    var options = StageOptions(stage: "x\(piece)y")
    options.values["note"] = .string(piece)
    let config = PipelineConfiguration(stages: [options])
    let text = String(decoding: config.serializedJSON(), as: UTF8.self)
    #expect(!text.unicodeScalars.contains { [0x85, 0x2028, 0x2029].contains($0.value) })
    let again = try PipelineConfiguration(text: text, path: "c.json")
    #expect(again.stages.map(\.stage) == ["x\(piece)y"])
    #expect(again.stages.first?.values["note"] == .string(piece))
    #expect(again.serializedJSON() == config.serializedJSON())
  }

  @Test func escapesOnlyTheLineBreakCharacters() {
    let config = PipelineConfiguration(stages: [StageOptions(stage: "a\u{2028}b“c”\u{85}")])
    let text = String(decoding: config.serializedJSON(), as: UTF8.self)
    #expect(text == #"{"stages":[{"stage":"a\u2028b“c”\u0085"}]}"#)
  }
}
