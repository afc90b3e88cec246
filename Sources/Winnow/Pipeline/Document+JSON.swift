extension Document.Span {
  /// `{"start":…,"end":…,"original_start":…,"original_end":…}`.
  public var json: JSONObject {
    [
      "start": .number(JSONNumber(start)), "end": .number(JSONNumber(end)),
      "original_start": .number(JSONNumber(originalStart)), "original_end": .number(JSONNumber(originalEnd)),
    ]
  }
}

extension Document.Annotation {
  /// The annotation as one flat JSON object: `kind`, `text`, `start`, `end`,
  /// `original_start`, `original_end`, then `value`, `id` when present, and `source`.
  public var json: JSONValue {
    var o: JSONObject = ["kind": .string(kind), "text": .string(text)]
    o.members.append(contentsOf: span.json.members)
    if let value { o["value"] = value }
    if let id { o["id"] = .string(id) }
    o["source"] = .string(source)
    return .object(o)
  }
}

extension Document.Drop {
  /// The drop as one flat JSON object: `reason`, `stage`, `text`, then the span's offsets.
  public var json: JSONValue {
    var o: JSONObject = ["reason": .string(reason), "stage": .string(stage), "text": .string(text)]
    o.members.append(contentsOf: span.json.members)
    return .object(o)
  }
}

extension Document.Metadata {
  /// The metadata as JSON (absent fields left out; `fields` only when not empty).
  public var json: JSONObject {
    var o = JSONObject()
    if let source { o["source"] = .string(source) }
    if let line { o["line"] = .number(JSONNumber(line)) }
    if let url { o["url"] = .string(url) }
    if let host { o["host"] = .string(host) }
    if let language { o["language"] = .string(language) }
    if let date { o["date"] = .string(date) }
    if !fields.isEmpty { o["fields"] = .object(fields) }
    return o
  }

  /// Metadata from ``json``'s shape (unknown keys ignored).
  public init(json o: JSONObject) {
    self.init(
      source: o["source"]?.stringValue, line: o["line"]?.intValue, url: o["url"]?.stringValue,
      host: o["host"]?.stringValue, language: o["language"]?.stringValue, date: o["date"]?.stringValue,
      fields: o["fields"]?.objectValue ?? JSONObject())
  }
}

/// What to put in a JSONL output line's `winnow` object.
public struct ResultOptions: Sendable, Hashable {
  /// Include `sentences` (default false).
  public var sentences: Bool
  /// Include `tokens` (default false).
  public var tokens: Bool
  /// Include the `original` text when it differs from the output text (default false).
  public var original: Bool

  /// Creates options.
  public init(sentences: Bool = false, tokens: Bool = false, original: Bool = false) {
    self.sentences = sentences
    self.tokens = tokens
    self.original = original
  }
}

extension Document {
  /// Winnow's results for the output's `winnow` key:
  /// `{"annotations":[…],"dropped":[…],"sentences":[…],"tokens":[…], …results}`.
  ///
  /// `annotations` and `dropped` are always present (possibly empty); `sentences` and
  /// `tokens` when asked for; then each stage's extra ``results`` key.
  public func resultsJSON(_ options: ResultOptions = ResultOptions()) -> JSONObject {
    var o: JSONObject = [
      "annotations": .array(annotations.map(\.json)),
      "dropped": .array(dropped.map(\.json)),
    ]
    if options.sentences { o["sentences"] = .array(sentences.map { .object($0.json) }) }
    if options.tokens {
      o["tokens"] = .array(tokens.map { t in
        var j: JSONObject = ["kind": .string("\(t.kind)")]
        j.members.append(contentsOf: t.span.json.members)
        return .object(j)
      })
    }
    if options.original && original != text { o["original"] = .string(original) }
    o.members.append(contentsOf: results.members)
    return o
  }

  /// The document as the external-stage wire object:
  /// `{"id":…,"text":…,"metadata":{…},"annotations":[…],"results":{…}}`.
  public var wireJSON: JSONObject {
    var o = JSONObject()
    if let id { o["id"] = .string(id) }
    o["text"] = .string(text)
    o["metadata"] = .object(metadata.json)
    o["annotations"] = .array(annotations.map(\.json))
    if !results.isEmpty { o["results"] = .object(results) }
    return o
  }

  /// Applies an external stage's answer (``wireJSON``'s shape) to this document.
  ///
  /// `text` is required; when it differs, the new text replaces the old with an unknown
  /// alignment. `annotations` (when present) replace the list: each needs `kind`, `start`,
  /// `end` (offsets into the returned text); `text`, `value`, `id`, `source` are optional.
  /// `results` members are merged; `metadata` replaces the metadata.
  /// - Throws: `WinnowError` (`.invalidData`) naming the missing or bad field.
  public mutating func apply(wire o: JSONObject, stage: String) throws(WinnowError) {
    guard let newText = o["text"]?.stringValue else {
      throw WinnowError(.invalidData, "the answer has no string field `text`")
    }
    replaceTextUnaligned(newText)
    if let list = o["annotations"] {
      guard let items = list.arrayValue else { throw WinnowError(.invalidData, "`annotations` must be a list") }
      var result: [Annotation] = []
      let n = text.utf8.count
      for (i, item) in items.enumerated() {
        guard let a = item.objectValue, let kind = a["kind"]?.stringValue,
          let start = a["start"]?.intValue, let end = a["end"]?.intValue, start >= 0, start <= end, end <= n
        else {
          throw WinnowError(.invalidData, "annotation \(i) needs `kind` and `start` ≤ `end` ≤ \(n) (byte offsets into `text`)")
        }
        result.append(
          Annotation(
            kind: kind, span: span(start..<end), text: a["text"]?.stringValue ?? substring(start..<end),
            value: a["value"], id: a["id"]?.stringValue, source: a["source"]?.stringValue ?? stage))
      }
      annotations = result
    }
    if let r = o["results"]?.objectValue {
      for m in r.members { results[m.key] = m.value }
    }
    if let m = o["metadata"]?.objectValue { metadata = Metadata(json: m) }
  }
}
