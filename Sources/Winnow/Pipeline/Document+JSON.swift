extension Document.Span {
  /// `{"start":…,"end":…,"original_start":…,"original_end":…}`.
  public var json: JSONObject {
    [
      "start": .number(JSONNumber(start)), "end": .number(JSONNumber(end)),
      "original_start": .number(JSONNumber(originalStart)),
      "original_end": .number(JSONNumber(originalEnd)),
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
      host: o["host"]?.stringValue, language: o["language"]?.stringValue,
      date: o["date"]?.stringValue,
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
    resultsJSON(options, withAnnotationsAndDrops: true)
  }

  /// ``resultsJSON(_:)``, or without its first two members (`annotations`, `dropped`).
  func resultsJSON(_ options: ResultOptions, withAnnotationsAndDrops: Bool) -> JSONObject {
    var o = JSONObject()
    if withAnnotationsAndDrops {
      o.members = [
        .init(key: "annotations", value: .array(annotations.map(\.json))),
        .init(key: "dropped", value: .array(dropped.map(\.json))),
      ]
    }
    if options.sentences { o["sentences"] = .array(sentences.map { .object($0.json) }) }
    if options.tokens {
      o["tokens"] = .array(
        tokens.map { t in
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
      guard let items = list.arrayValue else {
        throw WinnowError(.invalidData, "`annotations` must be a list")
      }
      var result: [Annotation] = []
      let n = text.utf8.count
      for (i, item) in items.enumerated() {
        guard let a = item.objectValue, let kind = a["kind"]?.stringValue,
          let start = a["start"]?.intValue, let end = a["end"]?.intValue, start >= 0, start <= end,
          end <= n
        else {
          throw WinnowError(
            .invalidData,
            "annotation \(i) needs `kind` and `start` ≤ `end` ≤ \(n) (byte offsets into `text`)")
        }
        result.append(
          Annotation(
            kind: kind, span: span(start..<end),
            text: a["text"]?.stringValue ?? substring(start..<end),
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

// MARK: Writing the results without building JSON values

extension JSONValue {
  /// Appends an integer as ``JSONNumber/init(_:)-(Int)`` writes it (decimal, `-` when
  /// negative), without making a `String`.
  static func serializeInt(_ value: Int, into out: inout [UInt8]) {
    let magnitude = value.magnitude
    if value >= 0 && magnitude < 10 {
      out.append(UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude))
      return
    }
    // Written into 24 bytes on the stack (an `Int` has at most 19 digits and a sign), then
    // appended in one copy.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
      guard let p = buffer.baseAddress else { return }
      out.append(contentsOf: UnsafeBufferPointer(start: p, count: writeInt(value, to: p)))
    }
  }

  /// Writes an integer as ``serializeInt(_:into:)`` does at `p` (room for 20 bytes); returns
  /// the bytes written. The digits come from divisions by the constant 10 (multiplications),
  /// lowest first, into their places.
  @inline(__always)
  static func writeInt(_ value: Int, to p: UnsafeMutablePointer<UInt8>) -> Int {
    var magnitude = value.magnitude
    var end = 0
    if value < 0 {
      p[0] = UInt8(ascii: "-")
      end = 1
    }
    var rest = magnitude
    repeat {
      end &+= 1
      rest /= 10
    } while rest != 0
    var i = end
    repeat {
      i &-= 1
      p[i] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
      magnitude /= 10
    } while magnitude != 0
    return end
  }

  /// Appends `"key":`, given whole as a literal (quotes and colon included).
  @inline(__always)
  static func serializeKey(_ quotedKeyAndColon: StaticString, into out: inout [UInt8]) {
    append(quotedKeyAndColon, to: &out)
  }
}

extension Document.Span {
  /// Appends `,"start":…,"end":…,"original_start":…,"original_end":…` (the members of
  /// ``json`` after a first member).
  func serializeMembers(into out: inout [UInt8]) {
    // Written into one stack buffer (51 bytes of keys, four integers of at most 20 bytes)
    // and appended in one copy: an append to the array costs more than these bytes.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 160) { buffer in
      guard let p = buffer.baseAddress else { return }
      var n = 0
      @inline(__always) func put(_ s: StaticString) {
        (p + n).update(from: s.utf8Start, count: s.utf8CodeUnitCount)
        n &+= s.utf8CodeUnitCount
      }
      put(#","start":"#)
      n &+= JSONValue.writeInt(start, to: p + n)
      put(#","end":"#)
      n &+= JSONValue.writeInt(end, to: p + n)
      put(#","original_start":"#)
      n &+= JSONValue.writeInt(originalStart, to: p + n)
      put(#","original_end":"#)
      n &+= JSONValue.writeInt(originalEnd, to: p + n)
      out.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
    }
  }
}

extension Document.Annotation {
  /// Appends ``json``'s text, without building it.
  func serialize(into out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    JSONValue.serializeKey(#""kind":"#, into: &out)
    JSONValue.serializeString(kind, into: &out)
    out.append(UInt8(ascii: ","))
    JSONValue.serializeKey(#""text":"#, into: &out)
    JSONValue.serializeString(text, into: &out)
    span.serializeMembers(into: &out)
    if let value {
      out.append(UInt8(ascii: ","))
      JSONValue.serializeKey(#""value":"#, into: &out)
      value.serialize(into: &out)
    }
    if let id {
      out.append(UInt8(ascii: ","))
      JSONValue.serializeKey(#""id":"#, into: &out)
      JSONValue.serializeString(id, into: &out)
    }
    out.append(UInt8(ascii: ","))
    JSONValue.serializeKey(#""source":"#, into: &out)
    JSONValue.serializeString(source, into: &out)
    out.append(UInt8(ascii: "}"))
  }
}

extension Document.Drop {
  /// Appends ``json``'s text, without building it.
  func serialize(into out: inout [UInt8]) {
    serializeHead(into: &out)
    serializeTail(into: &out)
  }

  /// Appends the opening of ``json``'s text, `{"reason":…,"stage":…,"text":`: the same for
  /// every record of one reason and stage.
  func serializeHead(into out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    JSONValue.serializeKey(#""reason":"#, into: &out)
    JSONValue.serializeString(reason, into: &out)
    out.append(UInt8(ascii: ","))
    JSONValue.serializeKey(#""stage":"#, into: &out)
    JSONValue.serializeString(stage, into: &out)
    out.append(UInt8(ascii: ","))
    JSONValue.serializeKey(#""text":"#, into: &out)
  }

  /// Appends the rest of ``json``'s text after ``serializeHead(into:)``'s.
  func serializeTail(into out: inout [UInt8]) {
    JSONValue.serializeString(text, into: &out)
    span.serializeMembers(into: &out)
    out.append(UInt8(ascii: "}"))
  }
}

extension Document {
  /// Appends the text of ``resultsJSON(_:)``, byte for byte, without building the JSON
  /// values of the annotations and drop records (the bulk of it); sentences, tokens and
  /// the stages' results are written from their JSON values as before.
  func serializeResults(_ options: ResultOptions, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    JSONValue.serializeKey(#""annotations":"#, into: &out)
    out.append(UInt8(ascii: "["))
    for (i, a) in annotations.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      a.serialize(into: &out)
    }
    out.append(UInt8(ascii: "]"))
    out.append(UInt8(ascii: ","))
    JSONValue.serializeKey(#""dropped":"#, into: &out)
    out.append(UInt8(ascii: "["))
    // A stage's records come removal by removal: a run of records shares its reason and
    // stage, so their opening is written once per run and copied (comparing the strings
    // of a run is cheap: they share their storage, or are small).
    var head: [UInt8] = []
    var headReason: String?
    var headStage: String?
    for (i, d) in dropped.enumerated() {
      if i > 0 { out.append(UInt8(ascii: ",")) }
      if d.reason != headReason || d.stage != headStage {
        head.removeAll(keepingCapacity: true)
        d.serializeHead(into: &head)
        headReason = d.reason
        headStage = d.stage
      }
      out.append(contentsOf: head)
      d.serializeTail(into: &out)
    }
    out.append(UInt8(ascii: "]"))
    // The rest as `resultsJSON` builds it (each key once: none repeats the two above).
    let rest = resultsJSON(options, withAnnotationsAndDrops: false)
    for m in rest.members {
      out.append(UInt8(ascii: ","))
      JSONValue.serializeString(m.key, into: &out)
      out.append(UInt8(ascii: ":"))
      m.value.serialize(into: &out)
    }
    out.append(UInt8(ascii: "}"))
  }
}
