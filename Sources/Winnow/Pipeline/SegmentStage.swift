import Synchronization

/// The `segment` stage: sentences and word tokens of the current text, with spans into the
/// current and the original text (a ``Segmenter`` per worker thread, reused).
///
/// Options: `engine` (`fast` or `icu`, default `fast`), `punctuation` (also punctuation and
/// symbol tokens, default false), `sentences` and `tokens` (which to compute, default both).
///
/// ```swift
/// var doc = Document(text: "Hi there. 你好。")
/// try SegmentStage().process(&doc)
/// doc.sentences.map { doc.substring($0.range) }   // ["Hi there.", "你好。"]
/// ```
public struct SegmentStage: Stage {
  /// The segmenter's options.
  public let segmenterOptions: SegmenterOptions
  /// Whether sentences are computed.
  public let computeSentences: Bool
  /// Whether tokens are computed.
  public let computeTokens: Bool
  let pool: SegmenterPool

  /// A stage with these options.
  /// - Throws: `WinnowError` when a segmenter cannot be built (ICU failure).
  public init(
    _ options: SegmenterOptions = SegmenterOptions(), sentences: Bool = true, tokens: Bool = true
  ) throws(WinnowError) {
    segmenterOptions = options
    computeSentences = sentences
    computeTokens = tokens
    pool = SegmenterPool(options: options)
    // Build one now so a bad configuration fails at load time, not per document.
    let first = try Segmenter(options: options)
    pool.put(first)
  }

  public var name: String { "segment" }

  public var options: JSONObject {
    [
      "engine": .string(segmenterOptions.engine.rawValue),
      "punctuation": .bool(segmenterOptions.tokens.includePunctuation),
      "sentences": .bool(computeSentences), "tokens": .bool(computeTokens),
    ]
  }

  public func process(_ document: inout Document) throws(WinnowError) {
    let segmenter = try pool.take()
    defer { pool.put(segmenter) }
    let bytes = Array(document.text.utf8)
    var sentences: [Sentence] = []
    var tokens: [Token] = []
    let r: Result<Void, WinnowError> = bytes.withUnsafeBufferPointer { p in
      do throws(WinnowError) {
        if computeSentences { try segmenter.sentences(p, into: &sentences) }
        if computeTokens { try segmenter.tokenize(p, into: &tokens) }
        return .success(())
      } catch { return .failure(error) }
    }
    try r.get()
    let doc = document
    document.sentences = sentences.map { doc.span($0.range) }
    document.tokens = tokens.map { Document.Token(span: doc.span($0.range), kind: $0.kind) }
  }

  /// The registry entry.
  public static let descriptor = StageDescriptor(
    name: "segment",
    summary: "Sentences (ICU, per line) and word tokens (fast scanner or ICU), as spans.",
    options: [
      StageOptionInfo(
        "engine", type: TokenizerEngine.allCases.map(\.rawValue).joined(separator: "|"),
        default: "fast", help: "The word tokenizer."),
      StageOptionInfo(
        "punctuation", type: "bool", default: "false",
        help: "Also emit punctuation and symbol tokens."),
      StageOptionInfo("sentences", type: "bool", default: "true", help: "Compute sentences."),
      StageOptionInfo("tokens", type: "bool", default: "true", help: "Compute tokens."),
    ]
  ) { (o: StageOptions) throws(WinnowError) -> any Stage in
    let engine = try o.choice("engine", TokenizerEngine.allCases.map(\.rawValue), default: "fast")
    var options = SegmenterOptions(engine: TokenizerEngine(rawValue: engine) ?? .fast)
    options.tokens.includePunctuation = try o.bool("punctuation", default: false)
    return try SegmentStage(
      options, sentences: try o.bool("sentences", default: true),
      tokens: try o.bool("tokens", default: true))
  }
}

/// Idle segmenters (not thread-safe themselves): a worker takes one per document.
final class SegmenterPool: Sendable {
  /// `@unchecked Sendable` box: a segmenter is used by one thread at a time, handed over
  /// under the pool's lock.
  struct Box: @unchecked Sendable { let segmenter: Segmenter }
  let options: SegmenterOptions
  private let idle = Mutex<[Box]>([])

  init(options: SegmenterOptions) { self.options = options }

  func take() throws(WinnowError) -> Segmenter {
    if let b = idle.withLock({ $0.popLast() }) { return b.segmenter }
    return try Segmenter(options: options)
  }

  func put(_ s: Segmenter) {
    let box = Box(segmenter: s)
    idle.withLock { $0.append(box) }
  }
}
