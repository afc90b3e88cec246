/// One option of a stage whose settings are a value type (`Options`): its key, its help,
/// the range it accepts, and the property of `Options` it sets.
///
/// A stage with many options lists each once, as a field, and derives from the list what
/// would otherwise be written three times and drift apart: the options' descriptions for
/// `winnow stages` (``info(defaults:)``, the default read from `Options`' own defaults), the
/// parser (``read(_:into:)``), and the options it reports (``value(in:)``).
///
/// ```swift
/// struct ShoutOptions { var times = 1; var loud = true }
/// let fields: [StageOptionField<ShoutOptions>] = [
///   .int("times", \.times, in: 1...10, help: "How many times to shout."),
///   .bool("loud", \.loud, help: "Uppercase the text."),
/// ]
/// var o = ShoutOptions()
/// for f in fields { try f.read(StageOptions(stage: "shout", values: ["times": 3]), into: &o) }
/// o.times                                            // 3
/// fields[0].info(defaults: ShoutOptions()).defaultValue  // "1"
/// ```
public struct StageOptionField<Options>: Sendable {
  /// The option's key in a pipeline file (`good_length`).
  public let name: String
  /// One sentence of help.
  public let help: String
  /// The value's type, for humans (`int`, `number`, `bool`).
  public let type: String
  private let get: @Sendable (Options) -> JSONValue
  private let set: @Sendable (StageOptions, inout Options) throws(WinnowError) -> Void

  /// An integer option in `range`.
  ///
  /// - Parameters:
  ///   - name: the key.
  ///   - keyPath: the property it sets.
  ///   - range: the values accepted (others are a pipeline-file error naming the key).
  ///   - help: one sentence of help.
  public static func int(
    _ name: String, _ keyPath: WritableKeyPath<Options, Int> & Sendable, in range: ClosedRange<Int>,
    help: String
  ) -> Self {
    field(name, keyPath, type: "int", help: help, json: { .number(JSONNumber($0)) }) {
      (o: StageOptions, current: Int) throws(WinnowError) in
      try o.int(name, default: current, in: range)
    }
  }

  /// A number option in `range`.
  ///
  /// - Parameters:
  ///   - name: the key.
  ///   - keyPath: the property it sets.
  ///   - range: the values accepted (others are a pipeline-file error naming the key).
  ///   - help: one sentence of help.
  public static func number(
    _ name: String, _ keyPath: WritableKeyPath<Options, Double> & Sendable,
    in range: ClosedRange<Double>, help: String
  ) -> Self {
    field(name, keyPath, type: "number", help: help, json: { .number(JSONNumber($0)) }) {
      (o: StageOptions, current: Double) throws(WinnowError) in
      try o.double(name, default: current, in: range)
    }
  }

  /// A yes/no option.
  ///
  /// - Parameters:
  ///   - name: the key.
  ///   - keyPath: the property it sets.
  ///   - help: one sentence of help.
  public static func bool(
    _ name: String, _ keyPath: WritableKeyPath<Options, Bool> & Sendable, help: String
  ) -> Self {
    field(name, keyPath, type: "bool", help: help, json: { .bool($0) }) {
      (o: StageOptions, current: Bool) throws(WinnowError) in
      try o.bool(name, default: current)
    }
  }

  /// A field for the property at `keyPath`: `json` writes its value, `parse` reads the new
  /// one from the stage's options (given the current one, kept when the key is absent).
  private static func field<Value>(
    _ name: String, _ keyPath: WritableKeyPath<Options, Value> & Sendable, type: String,
    help: String, json: @escaping @Sendable (Value) -> JSONValue,
    parse: @escaping @Sendable (StageOptions, Value) throws(WinnowError) -> Value
  ) -> Self {
    Self(
      name: name, help: help, type: type, get: { json($0[keyPath: keyPath]) },
      set: { (o: StageOptions, v: inout Options) throws(WinnowError) in
        v[keyPath: keyPath] = try parse(o, v[keyPath: keyPath])
      })
  }

  /// The option's value in `options`, as a pipeline file writes it.
  public func value(in options: Options) -> JSONValue { get(options) }

  /// Sets the option's property in `options` from `stageOptions` when it has the key (else
  /// leaves it).
  ///
  /// - Throws: ``WinnowError`` (`pipelineFile`) when the value has the wrong type or is out
  ///   of range.
  public func read(_ stageOptions: StageOptions, into options: inout Options) throws(WinnowError) {
    try set(stageOptions, &options)
  }

  /// The option's description, with its default taken from `defaults`.
  public func info(defaults: Options) -> StageOptionInfo {
    StageOptionInfo(name, type: type, default: get(defaults).compactText, help: help)
  }
}

extension JSONValue {
  /// A scalar as text for humans (`3`, `0.5`, `true`, a string without quotes); other
  /// values as their JSON.
  fileprivate var compactText: String {
    switch self {
    case .number(let n): n.literal
    case .bool(let b): b ? "true" : "false"
    case .string(let s): s
    default: "\(self)"
    }
  }
}
