/// One text document through a pipeline, and its `winnow run --format jsonl` line: the
/// code `winnow run` uses for a text input, public so embedders (the C API, the Python
/// package) give byte-for-byte the same output.

extension Pipeline {
  /// Decodes one text document and runs the stages on it, as `winnow run` does a text
  /// input.
  ///
  /// The bytes are decoded by `decoder` (by default UTF-8: a BOM is dropped and ill-formed
  /// bytes become U+FFFD, counted in the document's `decoding` result). When decoding (in
  /// strict mode) or a stage fails, the document returned holds the decoded text unchanged,
  /// with no results, next to the error.
  ///
  /// - Parameters:
  ///   - bytes: the raw document.
  ///   - id: the document id (written as the `id` field), if any.
  ///   - source: the file it came from (written as `source`), if any.
  ///   - url: the page's URL (``Document/Metadata/url``, which stages may read: the
  ///     boilerplate stage's headline rule; not written), if any.
  ///   - decoder: how to decode `bytes` (default: UTF-8, lenient).
  /// - Returns: the processed document and the error, if decoding or a stage failed
  ///   (annotated with the stage's name).
  ///
  /// ```swift
  /// let p = try Pipeline(configuration: PipelineConfiguration(text: "stages: [normalize]"))
  /// let (doc, error) = p.processText(Array("ＡＢＣ\u{FF}".utf8))
  /// doc.text       // "ABC\u{FFFD}"
  /// error          // nil
  /// doc.results    // {"decoding": {"replacements": 1, "first_offset": 9}}
  /// ```
  public func processText(
    _ bytes: [UInt8], id: String? = nil, source: String? = nil, url: String? = nil,
    decoder: TextDecoder = TextDecoder()
  ) -> (document: Document, error: WinnowError?) {
    var times: DocumentTimes?
    return processText(bytes, id: id, source: source, url: url, decoder: decoder, times: &times)
  }

  /// ``processText(_:id:source:url:decoder:)``, the decoding and each stage timed into
  /// `times` when it is set.
  func processText(
    _ bytes: [UInt8], id: String?, source: String?, url: String? = nil, decoder: TextDecoder,
    times: inout DocumentTimes?
  ) -> (document: Document, error: WinnowError?) {
    let start = times != nil ? TimeStamp.now() : nil
    let text: String
    var replacements: JSONObject?
    do {
      let decoded = try decoder.decode(bytes)
      text = decoded.text
      if decoded.replacements > 0 {
        replacements = ["replacements": .number(JSONNumber(decoded.replacements))]
        if let first = decoded.firstReplacementOffset {
          replacements?["first_offset"] = .number(JSONNumber(first))
        }
      }
    } catch {
      return (
        Document(
          id: id, text: String(decoding: bytes, as: UTF8.self),
          metadata: Document.Metadata(source: source, url: url)), error
      )
    }
    var doc = Document(id: id, text: text, metadata: Document.Metadata(source: source, url: url))
    if let replacements { doc.results["decoding"] = .object(replacements) }
    if let start { times?.parse.add(start, .now()) }
    if let e = PipelineRunner.runStages(self, &doc, times: &times) {
      return (Document(id: doc.id, text: text, metadata: doc.metadata), e)
    }
    return (doc, nil)
  }
}

extension Document {
  /// The document as a `winnow run --format jsonl` output line for a text input (without
  /// the newline): `id` and `source` when known, the text under `textField`, and
  /// ``resultsJSON(_:)`` under `winnow` (with `error` added when given).
  ///
  /// - Parameters:
  ///   - textField: the key of the text (default `text`).
  ///   - idField: the key of the id (default `id`).
  ///   - results: what the `winnow` object holds (default: annotations and drops).
  ///   - error: the `winnow.error` object (see ``WinnowError/outputJSON(source:line:)``).
  /// - Returns: the object, keys in output order.
  ///
  /// ```swift
  /// JSONValue.object(Document(text: "Hi").outputJSON()).serializedString()
  /// // {"text":"Hi","winnow":{"annotations":[],"dropped":[]}}
  /// ```
  public func outputJSON(
    textField: String = "text", idField: String = "id", results: ResultOptions = ResultOptions(),
    error: JSONValue? = nil
  ) -> JSONObject {
    var o = JSONObject()
    if let id { o[idField] = .string(id) }
    if let s = metadata.source { o["source"] = .string(s) }
    o[textField] = .string(text)
    var w = resultsJSON(results)
    if let error { w["error"] = error }
    o["winnow"] = .object(w)
    return o
  }
}

extension WinnowError {
  /// The `winnow.error` object of an output line: `code`, `message`, then `source` (unless
  /// `-`), `line`, `byte_offset` and `cause` when known.
  ///
  /// - Parameters:
  ///   - source: the input's path (`-` for stdin, left out).
  ///   - line: the 1-based JSONL line, if any.
  /// - Returns: the JSON object.
  ///
  /// ```swift
  /// WinnowError(.invalidData, "bad").outputJSON(source: "-", line: 3).serializedString()
  /// // {"code":"invalidData","message":"bad","line":3}
  /// ```
  public func outputJSON(source: String, line: Int?) -> JSONValue {
    var o: JSONObject = ["code": .string(code.rawValue), "message": .string(message)]
    if source != "-" { o["source"] = .string(source) }
    if let line { o["line"] = .number(JSONNumber(line)) }
    if let b = byteOffset { o["byte_offset"] = .number(JSONNumber(b)) }
    if let c = cause { o["cause"] = .string(c) }
    return .object(o)
  }
}
