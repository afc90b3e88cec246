import Testing
import Winnow

/// ``StageOptionField`` as a user's stage would use it: one list of fields gives the option
/// descriptions, the parser and the reported values.
@Suite("Pipeline: stage options from fields")
struct StageOptionFieldCoreTests {
  struct ShoutOptions: Sendable, Equatable {
    var times = 1
    var volume = 0.5
    var loud = true
  }

  static let fields: [StageOptionField<ShoutOptions>] = [
    .int("times", \.times, in: 1...10, help: "How many times to shout."),
    .number("volume", \.volume, in: 0...1, help: "How loud."),
    .bool("loud", \.loud, help: "Uppercase the text."),
  ]

  static func read(_ values: JSONObject) throws(WinnowError) -> ShoutOptions {
    var o = ShoutOptions()
    for f in fields { try f.read(StageOptions(stage: "shout", values: values), into: &o) }
    return o
  }

  @Test func absentKeysKeepTheDefaultsAndPresentOnesAreRead() throws {
    #expect(try Self.read([:]) == ShoutOptions())
    #expect(
      try Self.read(["times": 3, "volume": .number(JSONNumber(0.25)), "loud": false])
        == ShoutOptions(times: 3, volume: 0.25, loud: false))
  }

  @Test func descriptionsTakeTheirDefaultsFromTheOptions() {
    let infos = Self.fields.map { $0.info(defaults: ShoutOptions()) }
    #expect(infos.map(\.name) == ["times", "volume", "loud"])
    #expect(infos.map(\.type) == ["int", "number", "bool"])
    #expect(infos.map(\.defaultValue) == ["1", "0.5", "true"])
    #expect(
      Self.fields.map { $0.value(in: ShoutOptions(times: 7)) } == [
        7, .number(JSONNumber(0.5)), true,
      ])
  }

  @Test(
    arguments: [
      ["times": 0], ["times": 11], ["volume": 2], ["loud": "maybe"], ["times": "two"],
    ] as [JSONObject])
  func outOfRangeOrWrongTypeValuesAreErrorsNamingTheKey(_ values: JSONObject) {
    let key = values.keys[0]
    #expect {
      _ = try Self.read(values)
    } throws: { error in
      (error as? WinnowError)?.message.contains(key) == true
    }
  }
}
