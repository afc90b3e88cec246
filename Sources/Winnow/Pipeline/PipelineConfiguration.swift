internal import Yams

/// A pipeline file, parsed: the ordered list of stages with their options.
///
/// The file is YAML or JSON (JSON is read as YAML's flow style, so errors carry lines for
/// both). Its top level is an object whose `stages` key holds a list; each item is a bare
/// stage name or an object `{stage: NAME, OPTION: VALUE, …}`:
///
/// ```yaml
/// stages:
///   - normalize                  # default options
///   - stage: normalize
///     profile: search
///   - {stage: external, command: "python3 my_stage.py"}
/// ```
///
/// ```swift
/// let c = try PipelineConfiguration(text: "stages: [normalize]")
/// c.stages.map(\.stage)   // ["normalize"]
/// ```
public struct PipelineConfiguration: Sendable, Hashable {
  /// The stages in order.
  public var stages: [StageOptions]
  /// The file it came from, if any.
  public var path: String?

  /// Creates a configuration from stage options.
  public init(stages: [StageOptions], path: String? = nil) {
    self.stages = stages
    self.path = path
  }

  /// The default pipeline: the built-in text stages in order (currently `normalize`,
  /// `segment`; boilerplate and entities join as they land).
  public static var `default`: PipelineConfiguration {
    PipelineConfiguration(stages: [
      StageOptions(stage: "normalize"), StageOptions(stage: "segment"),
    ])
  }

  /// Parses a configuration from YAML or JSON text.
  ///
  /// - Parameters:
  ///   - text: the file's contents.
  ///   - path: the file's name, for messages.
  /// - Throws: `WinnowError` (`.usage`) naming the file and line: a YAML syntax error, a
  ///   missing or non-list `stages`, an item without a `stage` key or with a non-string name,
  ///   a key repeated in a stage item or a repeated `stages` (YAML keys are unique).
  public init(text: String, path: String? = nil) throws(WinnowError) {
    self.path = path
    let name = path ?? "<configuration>"
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
      // Yams' own message has no line; its mark is the first of the repeated keys.
      let at = ConfigurationLocation(path: path, line: context.mark.line)
      let list = keys.map { "'\($0)'" }.joined(separator: ", ")
      throw WinnowError(
        .usage, "\(at): duplicate key \(list) in a mapping (YAML keys are unique)", path: path,
        line: at.line)
    } catch {
      // Yams' message starts with `line:column: error: …` and shows the line.
      throw WinnowError(.usage, "\(name):\(error)", path: path, cause: "YAML syntax error")
    }
    func line(_ n: Node) -> Int? { n.mark.map(\.line) }
    guard let root, case .mapping(let top) = root else {
      throw WinnowError(
        .usage, "\(name): expected an object with a `stages:` list at the top level", path: path,
        line: root.flatMap(line))
    }
    var stagesNode: Node?
    for (k, v) in top {
      if k.string == "stages" {
        if let earlier = stagesNode {
          let first = ConfigurationLocation(path: path, line: line(earlier))
          throw WinnowError(
            .usage,
            "\(ConfigurationLocation(path: path, line: line(k))): duplicate key 'stages' (first list at \(first))",
            path: path, line: line(k))
        }
        stagesNode = v
      } else if let key = k.string, key != "version", key != "name", key != "description" {
        throw WinnowError(
          .usage,
          "\(ConfigurationLocation(path: path, line: line(k))): unknown top-level key '\(key)' (expected `stages`)",
          path: path, line: line(k))
      }
    }
    guard let stagesNode else {
      throw WinnowError(.usage, "\(name): missing the `stages:` list", path: path, line: line(root))
    }
    guard case .sequence(let items) = stagesNode else {
      throw WinnowError(
        .usage,
        "\(ConfigurationLocation(path: path, line: line(stagesNode))): `stages` must be a list",
        path: path, line: line(stagesNode))
    }
    var stages: [StageOptions] = []
    for item in items {
      let at = ConfigurationLocation(path: path, line: line(item))
      switch item {
      case .scalar(let s):
        guard !s.string.isEmpty else {
          throw WinnowError(.usage, "\(at): empty stage name", path: path, line: at.line)
        }
        stages.append(StageOptions(stage: s.string, location: at))
      case .mapping(let m):
        var stage: String?
        var values = JSONObject()
        var keyLines: [String: Int] = [:]
        var seen: [String: ConfigurationLocation] = [:]
        for (k, v) in m {
          guard let key = k.string else {
            throw WinnowError(
              .usage,
              "\(ConfigurationLocation(path: path, line: line(k))): option keys must be strings",
              path: path, line: line(k))
          }
          // YAML mapping keys are unique; Yams does not enforce it, and a repeated key would
          // make the options ambiguous (and their JSON form invalid).
          let here = ConfigurationLocation(path: path, line: line(k))
          if let first = seen[key] {
            throw WinnowError(
              .usage, "\(here): duplicate key '\(key)' in a stage item (first at \(first))",
              path: path, line: here.line)
          }
          seen[key] = here
          if key == "stage" {
            guard case .scalar(let s) = v, !s.string.isEmpty else {
              throw WinnowError(
                .usage,
                "\(ConfigurationLocation(path: path, line: line(v))): `stage` must be a stage name",
                path: path, line: line(v))
            }
            stage = s.string
            continue
          }
          values.members.append(
            .init(key: key, value: try PipelineConfiguration.json(v, path: path)))
          keyLines[key] = line(k)
        }
        guard let stage else {
          throw WinnowError(
            .usage, "\(at): a stage item needs a `stage: NAME` key", path: path, line: at.line)
        }
        stages.append(StageOptions(stage: stage, values: values, location: at, keyLines: keyLines))
      default:
        throw WinnowError(
          .usage, "\(at): a stage is a name or an object `{stage: NAME, …}`", path: path,
          line: at.line)
      }
    }
    self.stages = stages
  }

  /// Reads and parses a pipeline file.
  /// - Throws: `WinnowError` (`.cannotOpenInput`) when it cannot be read, else as
  ///   ``init(text:path:)``.
  public init(contentsOf path: String) throws(WinnowError) {
    let bytes = try readWholeFile(path)
    guard let text = String(validating: bytes, as: UTF8.self) else {
      throw WinnowError(.usage, "\(path): the pipeline file is not valid UTF-8", path: path)
    }
    try self.init(text: text, path: path)
  }

  /// The configuration as a JSON object (`{"stages": [{"stage": …, …}, …]}`).
  public var json: JSONValue {
    .object([
      "stages": .array(
        stages.map { s in
          var o: JSONObject = ["stage": .string(s.stage)]
          o.members.append(contentsOf: s.values.members)
          return .object(o)
        })
    ])
  }

  /// ``json`` as JSON text that reads back as a pipeline file to this configuration.
  ///
  /// Pipeline files, JSON ones too, are read as YAML, which differs from JSON inside
  /// strings in two ways: it takes U+0085, U+2028 and U+2029 for line breaks (folded into a
  /// space), and it refuses characters outside its printable set raw (DEL, the C1
  /// controls, U+FFFE, U+FFFF; U+FEFF is a byte order mark to it). Those are written as
  /// `\uXXXX` escapes here; everything else as plain JSON writes it.
  ///
  /// ```swift
  /// let c = PipelineConfiguration(stages: [StageOptions(stage: "a\u{2028}b\u{7F}")])
  /// String(decoding: c.serializedJSON(), as: UTF8.self)  // {"stages":[{"stage":"a\u2028b\u007f"}]}
  /// ```
  public func serializedJSON() -> [UInt8] {
    let raw = json.serialized()
    // The JSON writer escapes C0 controls; outside strings its output is ASCII. Every
    // scalar YAML needs escaped is DEL or encodes with a lead byte 0xC2, 0xE2 or 0xEF.
    guard raw.contains(where: { $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else {
      return raw
    }
    var out: [UInt8] = []
    out.reserveCapacity(raw.count + 16)
    for scalar in String(decoding: raw, as: UTF8.self).unicodeScalars {
      if PipelineConfiguration.yamlNeedsEscape(scalar) {
        out.append(contentsOf: "\\u".utf8)
        let v = Int(scalar.value)
        for shift in stride(from: 12, through: 0, by: -4) {
          out.append(JSONValue.hexDigits[(v >> shift) & 0xF])
        }
      } else {
        UTF8.encode(scalar) { out.append($0) }
      }
    }
    return out
  }

  /// Whether YAML reads `c` other than JSON does inside a double-quoted string: a line
  /// break of its own (U+0085, U+2028, U+2029), a BOM (U+FEFF), or a character outside
  /// its printable set that a JSON writer leaves raw (DEL, C1 controls, U+FFFE, U+FFFF).
  static func yamlNeedsEscape(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: return true
    default: return false
    }
  }

  /// A YAML node as JSON: plain scalars resolve to null, Booleans and numbers.
  ///
  /// A plain scalar with a colon (`1:30`, YAML 1.1's base-60 numbers, gone from YAML 1.2)
  /// stays a string: Yams's base-60 conversion traps on overflow
  /// (`1:1:1:1:1:1:1:1:1:1:1:1` crashed the process; a fuzz finding).
  ///
  /// - Throws: `WinnowError` (`.usage`) at a nested mapping with a non-string key or a
  ///   repeated key (YAML keys are unique; JSON objects here have no duplicate members).
  static func json(_ node: Node, path: String?) throws(WinnowError) -> JSONValue {
    switch node {
    case .scalar(let s):
      if s.style == .plain {
        if node.null != nil { return .null }
        if let b = node.bool { return .bool(b) }
        if s.string.utf8.contains(UInt8(ascii: ":")) { return .string(s.string) }
        if let i = node.int { return .number(JSONNumber(i)) }
        if let d = node.float, let n = JSONNumber(s.string) ?? Optional(JSONNumber(d)) {
          return .number(n)
        }
      }
      return .string(s.string)
    case .sequence(let seq):
      var items: [JSONValue] = []
      items.reserveCapacity(seq.count)
      for item in seq { items.append(try json(item, path: path)) }
      return .array(items)
    case .mapping(let m):
      var members: [JSONObject.Member] = []
      var seen: [String: ConfigurationLocation] = [:]
      for (k, v) in m {
        let here = ConfigurationLocation(path: path, line: k.mark.map(\.line))
        guard let key = k.string else {
          throw WinnowError(
            .usage, "\(here): option keys must be strings", path: path, line: here.line)
        }
        if let first = seen[key] {
          throw WinnowError(
            .usage, "\(here): duplicate key '\(key)' (first at \(first))", path: path,
            line: here.line)
        }
        seen[key] = here
        members.append(JSONObject.Member(key: key, value: try json(v, path: path)))
      }
      return .object(JSONObject(members))
    default:
      return .null
    }
  }
}
