/// One step of a pipeline: a value configured from its options that processes one document.
///
/// A stage is `Sendable` and its `process` is called from several threads at once
/// (`winnow run --jobs N`), so it keeps no mutable state; whatever it needs (a normalizer,
/// an automaton) is built once when it is configured.
///
/// A stage that needs to see the whole corpus first (say, to learn which lines repeat
/// across a site) returns a ``CorpusLearner`` from ``makeCorpusLearner()``; the runner feeds
/// it every document (as the stages before it left them), then calls ``applying(state:)``
/// with the learned state to get the stage that processes documents. The state is JSON, so
/// it can be saved to a file and loaded in a later run instead of learning again.
///
/// ```swift
/// struct Shout: Stage {
///   var name: String { "shout" }
///   func process(_ doc: inout Document) throws(WinnowError) {
///     let upper = doc.text.uppercased()   // same length for ASCII
///     try doc.replaceText(upper, alignment: Alignment(identity: upper.utf8.count))
///   }
/// }
/// ```
public protocol Stage: Sendable {
  /// The stage's registry name (`normalize`, `segment`, …).
  var name: String { get }

  /// Processes one document in place.
  /// - Throws: `WinnowError` when this document cannot be processed; the runner reports it
  ///   for this document and goes on with the others.
  func process(_ document: inout Document) throws(WinnowError)

  /// The stage's options, for round-tripping a pipeline to its configuration
  /// (the object written for it is these options plus `stage: name`). Default: none.
  var options: JSONObject { get }

  /// A learner for the corpus pass, or nil when the stage needs none (the default).
  func makeCorpusLearner() -> (any CorpusLearner)?

  /// The stage to use after a corpus pass that learned `state` (also used when `state` is
  /// loaded from a file). Default: the stage itself.
  /// - Throws: `WinnowError` when the state is not one this stage understands.
  func applying(state: JSONValue) throws(WinnowError) -> any Stage

  /// A sentence when the corpus state this stage was given does not cover `document` (a
  /// site it never saw, say), or nil (the default). After loading a state
  /// (``RunOptions/loadState``) the runner asks it of each text input file, as a document
  /// with no text and the file as its source, and reports the first through
  /// ``PipelineRunner/onNote``: a state keyed by another path of the same files applies to
  /// nothing, silently otherwise.
  func corpusStateNote(for document: Document) -> String?
}

extension Stage {
  public var options: JSONObject { JSONObject() }
  public func makeCorpusLearner() -> (any CorpusLearner)? { nil }
  public func applying(state: JSONValue) throws(WinnowError) -> any Stage { self }
  public func corpusStateNote(for document: Document) -> String? { nil }

  /// The stage's configuration object: `{"stage": name, option: value, …}`.
  public var configuration: JSONObject {
    var o: JSONObject = ["stage": .string(name)]
    o.members.append(contentsOf: options.members)
    return o
  }
}

/// Learns a stage's corpus state from every document of a corpus, one at a time.
///
/// Used from one thread; it need not be `Sendable`.
public protocol CorpusLearner {
  /// Looks at one document.
  mutating func observe(_ document: Document) throws(WinnowError)
  /// The learned state (saved as JSON by `winnow run --save-state`).
  func finish() -> JSONValue
}
