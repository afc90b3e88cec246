/// Stages run in order; itself a ``Stage``.
///
/// An error from a stage is rethrown with the stage's name and the document's id in front,
/// so one message says what failed where.
///
/// ```swift
/// let pipeline = try Pipeline(configuration: PipelineConfiguration(text: "stages: [normalize]"))
/// var doc = Document(id: "a", text: "ＡＢＣ")
/// try pipeline.process(&doc)
/// doc.text   // "ABC"
/// ```
public struct Pipeline: Stage {
  /// The stages, in order.
  public var stages: [any Stage]

  /// A pipeline of these stages.
  public init(_ stages: [any Stage]) {
    self.stages = stages
  }

  /// Builds the stages a configuration names.
  /// - Parameters:
  ///   - configuration: the parsed pipeline file.
  ///   - registry: where stage names are looked up (default ``StageRegistry/shared``).
  /// - Throws: `WinnowError` (`.usage`) naming the file, line and key for an unknown stage
  ///   or a bad option.
  public init(configuration: PipelineConfiguration, registry: StageRegistry = .shared)
    throws(WinnowError)
  {
    var stages: [any Stage] = []
    for s in configuration.stages { stages.append(try registry.makeStage(s)) }
    self.stages = stages
  }

  public var name: String { "pipeline" }

  public var options: JSONObject {
    ["stages": .array(stages.map { .object($0.configuration) })]
  }

  public func process(_ document: inout Document) throws(WinnowError) {
    for stage in stages {
      do {
        try stage.process(&document)
      } catch {
        throw Pipeline.annotate(error, stage: stage.name, document: document)
      }
    }
  }

  /// Prefixes an error with the stage and document (once).
  static func annotate(_ error: WinnowError, stage: String, document: Document) -> WinnowError {
    var e = error
    if !e.message.hasPrefix("stage '") {
      let doc =
        document.id.map { "document \($0)" } ?? document.metadata.source.map {
          "document from \($0)"
        } ?? "document"
      e.message = "stage '\(stage)', \(doc): \(e.message)"
    }
    return e
  }

  /// The indices of stages that want a corpus pass.
  public var corpusStageIndices: [Int] {
    stages.indices.filter { stages[$0].makeCorpusLearner() != nil }
  }

  /// Runs the corpus pass over documents held in memory and returns the pipeline with the
  /// learned state applied, plus that state (to save with ``savedState(_:)``).
  ///
  /// Each corpus stage learns from the documents as the stages before it leave them.
  /// - Throws: the first stage error, annotated.
  public func learning(from documents: [Document]) throws(WinnowError) -> (
    Pipeline, [Int: JSONValue]
  ) {
    var result = self
    var states: [Int: JSONValue] = [:]
    for index in corpusStageIndices {
      guard var learner = result.stages[index].makeCorpusLearner() else { continue }
      let prefix = Pipeline(Array(result.stages[..<index]))
      for var doc in documents {
        try prefix.process(&doc)
        try learner.observe(doc)
      }
      let state = learner.finish()
      states[index] = state
      result.stages[index] = try result.stages[index].applying(state: state)
    }
    return (result, states)
  }

  /// The learned states as one JSON object keyed `"INDEX:NAME"`, to save to a file.
  public func savedState(_ states: [Int: JSONValue]) -> JSONValue {
    .object(
      JSONObject(
        states.keys.sorted().map {
          JSONObject.Member(key: "\($0):\(stages[$0].name)", value: states[$0] ?? .null)
        }))
  }

  /// The pipeline with states loaded from ``savedState(_:)``'s object applied.
  /// - Throws: `WinnowError` (`.usage`) when the state names a stage not at that position.
  public func applying(savedState: JSONValue, path: String? = nil) throws(WinnowError) -> Pipeline {
    guard let o = savedState.objectValue else {
      throw WinnowError(
        .usage, "\(path ?? "state"): expected a JSON object of stage states", path: path)
    }
    var result = self
    for m in o.members {
      let parts = m.key.split(separator: ":", maxSplits: 1)
      guard parts.count == 2, let i = Int(parts[0]), i >= 0, i < stages.count,
        stages[i].name == String(parts[1])
      else {
        throw WinnowError(
          .usage, "\(path ?? "state"): state '\(m.key)' does not match this pipeline's stages",
          path: path)
      }
      result.stages[i] = try stages[i].applying(state: m.value)
    }
    return result
  }
}
