/// Where a piece of configuration came from, for error messages (`pipeline.yaml:4`).
public struct ConfigurationLocation: Sendable, Hashable, CustomStringConvertible {
  /// The file, if any.
  public var path: String?
  /// The 1-based line, if known.
  public var line: Int?

  /// Creates a location.
  public init(path: String? = nil, line: Int? = nil) {
    self.path = path
    self.line = line
  }

  /// `path:line`, `path`, `line N` or `<configuration>`.
  public var description: String {
    switch (path, line) {
    case (let p?, let l?): "\(p):\(l)"
    case (let p?, nil): p
    case (nil, let l?): "line \(l)"
    case (nil, nil): "<configuration>"
    }
  }
}

/// The options given to one stage in a pipeline file, with typed accessors whose errors
/// name the file, line, stage and key.
///
/// ```swift
/// let o = StageOptions(stage: "normalize", values: ["profile": "search"])
/// try o.string("profile", default: "default")   // "search"
/// try o.bool("strict", default: false)          // false
/// ```
public struct StageOptions: Sendable, Hashable {
  /// The stage's name.
  public var stage: String
  /// The option values, in file order (without the `stage` key).
  public var values: JSONObject
  /// Where the stage's item starts.
  public var location: ConfigurationLocation
  /// The line of each key, where known.
  public var keyLines: [String: Int]

  /// Creates options.
  public init(
    stage: String, values: JSONObject = JSONObject(),
    location: ConfigurationLocation = ConfigurationLocation(), keyLines: [String: Int] = [:]
  ) {
    self.stage = stage
    self.values = values
    self.location = location
    self.keyLines = keyLines
  }

  /// The location of `key` (its own line when known).
  public func location(of key: String) -> ConfigurationLocation {
    ConfigurationLocation(path: location.path, line: keyLines[key] ?? location.line)
  }

  /// A usage error about `key`: "`file:line: stage 'x', option 'key': message`".
  public func error(_ key: String, _ message: String) -> WinnowError {
    let at = location(of: key)
    return WinnowError(
      .usage, "\(at): stage '\(stage)', option '\(key)': \(message)", path: at.path, line: at.line)
  }

  /// The raw value of `key`, if given.
  public func value(_ key: String) -> JSONValue? { values[key] }

  /// A string option.
  /// - Throws: `WinnowError` (`.usage`) when the value is not a string.
  public func string(_ key: String, default value: String) throws(WinnowError) -> String {
    try string(key) ?? value
  }

  /// A string option, nil when absent. Numbers and Booleans are accepted as their text.
  public func string(_ key: String) throws(WinnowError) -> String? {
    guard let v = values[key], v != .null else { return nil }
    switch v {
    case .string(let s): return s
    case .number(let n): return n.literal
    case .bool(let b): return b ? "true" : "false"
    default: throw error(key, "expected a string, found \(v.typeName)")
    }
  }

  /// A string option that must be one of `allowed`.
  public func choice(_ key: String, _ allowed: [String], default value: String) throws(WinnowError)
    -> String
  {
    let s = try string(key, default: value)
    guard allowed.contains(s) else {
      throw error(key, "'\(s)' is not one of \(allowed.joined(separator: ", "))")
    }
    return s
  }

  /// A Boolean option.
  public func bool(_ key: String, default value: Bool) throws(WinnowError) -> Bool {
    guard let v = values[key], v != .null else { return value }
    if case .bool(let b) = v { return b }
    if case .string(let s) = v {
      switch s.lowercased() {
      case "true", "yes", "on": return true
      case "false", "no", "off": return false
      default: break
      }
    }
    throw error(key, "expected true or false, found \(v.typeName)")
  }

  /// An integer option, optionally range-checked.
  public func int(_ key: String, default value: Int, in range: ClosedRange<Int>? = nil)
    throws(WinnowError) -> Int
  {
    guard let v = values[key], v != .null else { return value }
    guard let i = v.intValue ?? v.stringValue.flatMap({ Int($0) }) else {
      throw error(key, "expected an integer, found \(v.typeName)")
    }
    if let range, !range.contains(i) {
      throw error(key, "\(i) is outside \(range.lowerBound)...\(range.upperBound)")
    }
    return i
  }

  /// A number option, optionally range-checked.
  public func double(_ key: String, default value: Double, in range: ClosedRange<Double>? = nil)
    throws(WinnowError) -> Double
  {
    guard let v = values[key], v != .null else { return value }
    guard let d = v.doubleValue ?? v.stringValue.flatMap({ Double($0) }) else {
      throw error(key, "expected a number, found \(v.typeName)")
    }
    if let range, !range.contains(d) {
      throw error(key, "\(d) is outside \(range.lowerBound)...\(range.upperBound)")
    }
    return d
  }

  /// A list of strings (a single string counts as a one-element list).
  public func strings(_ key: String) throws(WinnowError) -> [String]? {
    guard let v = values[key], v != .null else { return nil }
    switch v {
    case .string(let s): return [s]
    case .array(let a):
      var out: [String] = []
      for e in a {
        guard let s = e.stringValue else {
          throw error(key, "expected a list of strings, found a \(e.typeName) in it")
        }
        out.append(s)
      }
      return out
    default: throw error(key, "expected a list of strings, found \(v.typeName)")
    }
  }
}
