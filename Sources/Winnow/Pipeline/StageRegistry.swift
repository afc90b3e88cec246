import Synchronization

/// One option a stage accepts, for validation and for `winnow stages`.
public struct StageOptionInfo: Sendable, Hashable {
  /// The key.
  public var name: String
  /// The value's type, for humans (`string`, `bool`, `int`, `number`, `list`, or the choices).
  public var type: String
  /// The default, as text (nil when the option has none).
  public var defaultValue: String?
  /// One sentence of help.
  public var help: String

  /// Creates an option description.
  public init(_ name: String, type: String, default defaultValue: String? = nil, help: String) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.help = help
  }
}

/// How to make a stage from its name and options.
///
/// ```swift
/// let d = StageDescriptor(name: "shout", summary: "Uppercases ASCII.", options: []) { _ in Shout() }
/// StageRegistry.shared.register(d)
/// ```
public struct StageDescriptor: Sendable {
  /// The stage's name in pipeline files.
  public var name: String
  /// One sentence saying what it does.
  public var summary: String
  /// The options it accepts (any other key is an error).
  public var options: [StageOptionInfo]
  /// Whether any key is accepted (for stages that pass options on, like `external`).
  public var acceptsAnyOption: Bool
  /// Makes the stage.
  public var make: @Sendable (StageOptions) throws(WinnowError) -> any Stage

  /// Creates a descriptor.
  public init(
    name: String, summary: String, options: [StageOptionInfo], acceptsAnyOption: Bool = false,
    make: @escaping @Sendable (StageOptions) throws(WinnowError) -> any Stage
  ) {
    self.name = name
    self.summary = summary
    self.options = options
    self.acceptsAnyOption = acceptsAnyOption
    self.make = make
  }
}

/// Maps stage names to factories. Built-in stages are registered in ``shared`` from the
/// start; a program embedding Winnow registers its own the same way, before loading a
/// pipeline file that names them.
///
/// ```swift
/// StageRegistry.shared.register(MyStage.descriptor)
/// let pipeline = try Pipeline(configuration: PipelineConfiguration(text: "stages: [normalize, my-stage]"))
/// ```
public final class StageRegistry: Sendable {
  private let table: Mutex<[String: StageDescriptor]>

  /// The registry `winnow run` and ``Pipeline/init(configuration:registry:)`` use by default.
  public static let shared = StageRegistry()

  /// The built-in stages, in the order of the default pipeline.
  public static let builtIns: [StageDescriptor] = [
    NormalizeStage.descriptor, SegmentStage.descriptor, ExternalStage.descriptor,
  ]

  /// A registry holding the built-in stages (or nothing, with `builtIns: false`).
  public init(builtIns: Bool = true) {
    var t: [String: StageDescriptor] = [:]
    if builtIns { for d in StageRegistry.builtIns { t[d.name] = d } }
    table = Mutex(t)
  }

  /// Adds (or replaces) a stage.
  public func register(_ descriptor: StageDescriptor) {
    table.withLock { $0[descriptor.name] = descriptor }
  }

  /// The stage named `name`, if registered.
  public func descriptor(named name: String) -> StageDescriptor? {
    table.withLock { $0[name] }
  }

  /// All registered stages, sorted by name.
  public var descriptors: [StageDescriptor] {
    table.withLock { Array($0.values) }.sorted { $0.name < $1.name }
  }

  /// Makes the stage `options.stage` from its options.
  /// - Throws: `WinnowError` (`.usage`) naming the file, line and key for an unknown stage,
  ///   an unknown option or a bad value.
  public func makeStage(_ options: StageOptions) throws(WinnowError) -> any Stage {
    guard let d = descriptor(named: options.stage) else {
      let known = descriptors.map(\.name).joined(separator: ", ")
      throw WinnowError(
        .usage,
        "\(options.location): unknown stage '\(options.stage)' (known stages: \(known); see `winnow stages`)",
        path: options.location.path, line: options.location.line)
    }
    if !d.acceptsAnyOption {
      let known = Set(d.options.map(\.name))
      for key in options.values.keys where !known.contains(key) {
        let list = d.options.map(\.name).joined(separator: ", ")
        throw options.error(
          key, "unknown option (\(d.name) takes: \(list.isEmpty ? "no options" : list))")
      }
    }
    return try d.make(options)
  }
}
