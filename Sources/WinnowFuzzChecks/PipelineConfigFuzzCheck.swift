import Winnow

/// Bytes as a pipeline file (YAML or JSON) → ``PipelineConfiguration``.
///
/// Properties: parsing never traps (errors are `WinnowError`s); a parsed configuration's
/// ``PipelineConfiguration/serializedJSON()`` parses back (JSON is YAML's flow style) to a
/// configuration with the same JSON.
public final class PipelineConfigFuzzCheck: FuzzCheck {
  public static let target = "FuzzPipelineConfig"

  public init() throws(WinnowError) {}

  public func check(_ input: [UInt8]) -> String? {
    let text = String(decoding: input, as: UTF8.self)
    let config: PipelineConfiguration
    do {
      config = try PipelineConfiguration(text: text, path: "fuzz.yaml")
    } catch {
      return nil  // A rejected file is fine.
    }
    let json = config.serializedJSON()
    let again: PipelineConfiguration
    do {
      again = try PipelineConfiguration(
        text: String(decoding: json, as: UTF8.self), path: "fuzz.json")
    } catch {
      return
        "the configuration's JSON does not parse back: \(error)\njson: \(String(decoding: json, as: UTF8.self))"
    }
    let json2 = again.serializedJSON()
    guard json2 == json else {
      return
        "JSON round trip changed the configuration\nonce:  \(String(decoding: json, as: UTF8.self))\ntwice: \(String(decoding: json2, as: UTF8.self))"
    }
    return nil
  }
}
