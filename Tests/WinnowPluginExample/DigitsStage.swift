import Winnow

/// A stage defined outside Winnow, on its public API only: annotates runs of ASCII digits.
///
/// Options: `kind` (default `NUMBER`), `min_length` (default 1).
public struct DigitsStage: Stage {
  public let kind: String
  public let minLength: Int

  public init(kind: String = "NUMBER", minLength: Int = 1) {
    self.kind = kind
    self.minLength = minLength
  }

  public var name: String { "digits" }

  public var options: JSONObject {
    ["kind": .string(kind), "min_length": .number(JSONNumber(minLength))]
  }

  public func process(_ document: inout Document) throws(WinnowError) {
    var start: Int?
    var i = 0
    var found: [Range<Int>] = []
    for b in document.text.utf8 {
      if b >= 0x30 && b <= 0x39 {
        if start == nil { start = i }
      } else if let s = start {
        if i - s >= minLength { found.append(s..<i) }
        start = nil
      }
      i += 1
    }
    if let s = start, i - s >= minLength { found.append(s..<i) }
    for r in found {
      document.annotations.append(
        Document.Annotation(
          kind: kind, span: document.span(r), text: document.substring(r),
          value: .number(JSONNumber(document.substring(r)) ?? JSONNumber(0)), source: name))
    }
  }

  /// The registry entry.
  public static let descriptor = StageDescriptor(
    name: "digits", summary: "Annotates runs of ASCII digits.",
    options: [
      StageOptionInfo("kind", type: "string", default: "NUMBER", help: "The annotation kind."),
      StageOptionInfo("min_length", type: "int", default: "1", help: "The shortest run annotated."),
    ]
  ) { (o: StageOptions) throws(WinnowError) -> any Stage in
    DigitsStage(
      kind: try o.string("kind", default: "NUMBER"),
      minLength: try o.int("min_length", default: 1, in: 1...1000))
  }
}

/// A corpus stage outside Winnow: learns how many documents contain each line and drops
/// lines seen in at least `min_documents` documents (a toy of the boilerplate stage's
/// site-repeated rule).
public struct RepeatedLinesStage: Stage {
  public let minDocuments: Int
  public let repeated: Set<String>

  public init(minDocuments: Int = 2, repeated: Set<String> = []) {
    self.minDocuments = minDocuments
    self.repeated = repeated
  }

  public var name: String { "repeated-lines" }

  public func process(_ document: inout Document) throws(WinnowError) {
    let text = document.text
    let drop = document.lineRanges().filter { repeated.contains(document.substring($0)) }
    // Remove each line with its newline.
    let n = text.utf8.count
    document.remove(
      drop.map { $0.lowerBound..<min(n, $0.upperBound + 1) }, reason: "repeated", stage: name)
  }

  struct Learner: CorpusLearner {
    var counts: [String: Int] = [:]
    let minDocuments: Int
    mutating func observe(_ document: Document) throws(WinnowError) {
      for line in Set(document.lineRanges().map { document.substring($0) }) {
        counts[line, default: 0] += 1
      }
    }
    func finish() -> JSONValue {
      .array(counts.filter { $0.value >= minDocuments }.keys.sorted().map { .string($0) })
    }
  }

  public func makeCorpusLearner() -> (any CorpusLearner)? { Learner(minDocuments: minDocuments) }

  public func applying(state: JSONValue) throws(WinnowError) -> any Stage {
    guard let list = state.arrayValue else {
      throw WinnowError(.usage, "repeated-lines: the state must be a list of lines")
    }
    return RepeatedLinesStage(
      minDocuments: minDocuments, repeated: Set(list.compactMap(\.stringValue)))
  }

  public static let descriptor = StageDescriptor(
    name: "repeated-lines",
    summary: "Drops lines that repeat across documents (learned in a corpus pass).",
    options: [
      StageOptionInfo(
        "min_documents", type: "int", default: "2",
        help: "Documents a line must be in to be dropped.")
    ]
  ) { (o: StageOptions) throws(WinnowError) -> any Stage in
    RepeatedLinesStage(minDocuments: try o.int("min_documents", default: 2, in: 1...1_000_000))
  }
}

/// Registers this module's stages.
public func registerPluginStages(in registry: StageRegistry = .shared) {
  registry.register(DigitsStage.descriptor)
  registry.register(RepeatedLinesStage.descriptor)
}
