/// One document flowing through a ``Pipeline``: its original text, the current (cleaned)
/// text with its alignment to the original, and what stages found.
///
/// All offsets are UTF-8 byte offsets. A ``Span`` holds both the offsets into the current
/// ``text`` and into the ``original``; end offsets are exclusive.
///
/// Stages that change the text use ``replaceText(_:alignment:)`` or ``remove(_:reason:stage:)``,
/// which keep ``alignment`` composed and move the annotations along. Sentences and tokens
/// describe the text they were computed on: a text change clears them, so segmentation runs
/// after the stages that edit text.
///
/// ```swift
/// var doc = Document(id: "1", text: "Hello ＷＯＲＬＤ")
/// try NormalizeStage().process(&doc)
/// doc.text                                     // "Hello WORLD"
/// doc.span(6..<11).originalRange               // 6..<18
/// ```
public struct Document: Sendable, Hashable, Codable {
  /// A range of text, in the current text and in the original.
  public struct Span: Sendable, Hashable, Codable {
    /// Start offset into the current text.
    public var start: Int
    /// End offset (exclusive) into the current text.
    public var end: Int
    /// Start offset into the original text.
    public var originalStart: Int
    /// End offset (exclusive) into the original text.
    public var originalEnd: Int

    /// Creates a span.
    public init(start: Int, end: Int, originalStart: Int, originalEnd: Int) {
      self.start = start
      self.end = end
      self.originalStart = originalStart
      self.originalEnd = originalEnd
    }

    /// `start..<end`.
    public var range: Range<Int> { start..<max(start, end) }
    /// `originalStart..<originalEnd`.
    public var originalRange: Range<Int> { originalStart..<max(originalStart, originalEnd) }
  }

  /// A token of the segmented text.
  public struct Token: Sendable, Hashable, Codable {
    /// Where the token is.
    public var span: Span
    /// Its kind, as the segmenter gives it.
    public var kind: TokenKind
    /// Creates a token.
    public init(span: Span, kind: TokenKind) {
      self.span = span
      self.kind = kind
    }
  }

  /// Something a stage found in the text: an entity, a date, a license number, ….
  public struct Annotation: Sendable, Hashable, Codable {
    /// The kind (`GPE`, `DATE`, `PHONE`, …).
    public var kind: String
    /// Where it is.
    public var span: Span
    /// The surface text (the current text's bytes in `span`).
    public var text: String
    /// A normalized value (ISO date, E.164 number, `{kind, number}`, …), if any.
    public var value: JSONValue?
    /// An identifier, e.g. a gazetteer entry's id (`GB`), if any.
    public var id: String?
    /// The stage that made it.
    public var source: String

    /// Creates an annotation.
    public init(kind: String, span: Span, text: String, value: JSONValue? = nil, id: String? = nil, source: String) {
      self.kind = kind
      self.span = span
      self.text = text
      self.value = value
      self.id = id
      self.source = source
    }
  }

  /// A piece of text a stage removed, with a stable reason code.
  public struct Drop: Sendable, Hashable, Codable {
    /// Where it was: `start`/`end` into the text as it was before the removal,
    /// `originalStart`/`originalEnd` into the original.
    public var span: Span
    /// The removed text.
    public var text: String
    /// A stable reason code, e.g. `cookie-banner`, `site-repeated`.
    public var reason: String
    /// The stage that removed it.
    public var stage: String

    /// Creates a drop record.
    public init(span: Span, text: String, reason: String, stage: String) {
      self.span = span
      self.text = text
      self.reason = reason
      self.stage = stage
    }
  }

  /// Where a document came from and what is known about it.
  public struct Metadata: Sendable, Hashable, Codable {
    /// The input file, if any.
    public var source: String?
    /// The 1-based line in a JSONL input, if any.
    public var line: Int?
    /// The page's URL, if known (JSONL field `url`).
    public var url: String?
    /// The site's host name (from `url`, or given), if known.
    public var host: String?
    /// A language guess (BCP 47), if known.
    public var language: String?
    /// The document's date (ISO 8601, `YYYY-MM-DD`), if known (JSONL field `date`).
    public var date: String?
    /// The other fields of a JSONL input object, passed through untouched.
    public var fields: JSONObject

    /// Creates metadata.
    public init(
      source: String? = nil, line: Int? = nil, url: String? = nil, host: String? = nil,
      language: String? = nil, date: String? = nil, fields: JSONObject = JSONObject()
    ) {
      self.source = source
      self.line = line
      self.url = url
      self.host = host ?? url.flatMap(Document.host(ofURL:))
      self.language = language
      self.date = date
      self.fields = fields
    }
  }

  /// The document's identifier, if it has one.
  public var id: String?
  /// The text as it came in (valid UTF-8).
  public let original: String
  /// The current text: the original after every text-changing stage so far.
  public private(set) var text: String
  /// Current text offsets → original offsets.
  public private(set) var alignment: Alignment
  /// Sentences of the current text (set by the segment stage).
  public var sentences: [Span] = []
  /// Tokens of the current text (set by the segment stage).
  public var tokens: [Token] = []
  /// Annotations, in the order stages added them.
  public var annotations: [Annotation] = []
  /// Removed pieces of text, with reasons.
  public var dropped: [Drop] = []
  /// Where the document came from.
  public var metadata: Metadata
  /// Further results by stage name (anything a stage wants in the output's `winnow` object).
  public var results: JSONObject = JSONObject()

  /// A document whose current text is its original.
  ///
  /// - Parameters:
  ///   - id: an identifier (JSONL `id`, or a file path).
  ///   - text: the original text.
  ///   - metadata: where it came from.
  public init(id: String? = nil, text: String, metadata: Metadata = Metadata()) {
    self.id = id
    self.original = text
    self.text = text
    self.alignment = Alignment(identity: text.utf8.count)
    self.metadata = metadata
  }

  /// The span of a range of the current text, with its original offsets.
  ///
  /// A range that starts or ends inside a changed run of the alignment widens to the
  /// whole run in the original (see ``Alignment/inputRange(forOutput:)``).
  public func span(_ range: Range<Int>) -> Span {
    let o = alignment.inputRange(forOutput: range)
    return Span(start: range.lowerBound, end: range.upperBound, originalStart: o.lowerBound, originalEnd: o.upperBound)
  }

  /// The current text's bytes in `range` as a string (clamped to the text).
  public func substring(_ range: Range<Int>) -> String {
    let u = text.utf8
    let lo = min(max(range.lowerBound, 0), u.count)
    let hi = min(max(range.upperBound, lo), u.count)
    let a = u.index(u.startIndex, offsetBy: lo)
    let b = u.index(a, offsetBy: hi - lo)
    return String(decoding: u[a..<b], as: UTF8.self)
  }

  /// The line ranges of the current text (terminators excluded), in order.
  ///
  /// ```swift
  /// Document(text: "a\nbc\n").lineRanges()   // [0..<1, 2..<4]
  /// ```
  public func lineRanges() -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    var i = 0
    for b in text.utf8 {
      if b == 0x0A {
        result.append(start..<i)
        start = i + 1
      }
      i += 1
    }
    if start < i { result.append(start..<i) }
    return result
  }

  /// Replaces the current text with an edited version of it.
  ///
  /// - Parameters:
  ///   - newText: the new text.
  ///   - alignment: new text offsets → current text offsets (what ``Normalizer`` returns).
  /// - Throws: `WinnowError` (`.internal`) when the alignment does not cover exactly the
  ///   current and new texts.
  ///
  /// Annotations move to their new offsets (one inside a removed piece keeps an empty span
  /// at the removal point); sentences and tokens are cleared.
  public mutating func replaceText(_ newText: String, alignment step: Alignment) throws(WinnowError) {
    let oldCount = text.utf8.count
    let newCount = newText.utf8.count
    guard step.inputLength == oldCount, step.outputLength == newCount else {
      throw WinnowError(
        .internal,
        "document \(id ?? "?"): a text edit's alignment covers \(step.inputLength)→\(step.outputLength) bytes but the text is \(oldCount)→\(newCount) bytes")
    }
    if step.isIdentity && oldCount == newCount {
      text = newText
      return
    }
    for i in annotations.indices {
      let r = step.outputRange(forInput: annotations[i].span.range)
      annotations[i].span.start = r.lowerBound
      annotations[i].span.end = r.upperBound
    }
    text = newText
    alignment = alignment.then(step)
    sentences = []
    tokens = []
  }

  /// Replaces the current text with one whose relation to it is unknown (e.g. from an
  /// external stage): the alignment maps the whole new text to the whole old one, and
  /// annotations are kept only if they still slice the same surface.
  public mutating func replaceTextUnaligned(_ newText: String) {
    if newText == text { return }
    var step = Alignment()
    step.appendChange(input: text.utf8.count, output: newText.utf8.count)
    text = newText
    alignment = alignment.then(step)
    sentences = []
    tokens = []
  }

  /// Removes pieces of the current text, recording each with a reason.
  ///
  /// - Parameters:
  ///   - ranges: byte ranges of the current text; they may come in any order and are
  ///     merged where they overlap. Ranges are clamped to the text.
  ///   - reason: a stable reason code (`cookie-banner`, …).
  ///   - stage: the removing stage's name.
  ///
  /// ```swift
  /// var d = Document(text: "keep\nads\nkeep")
  /// d.remove([5..<9], reason: "ad", stage: "demo")
  /// d.text              // "keep\nkeep"
  /// d.dropped[0].text   // "ads\n"
  /// ```
  public mutating func remove(_ ranges: [Range<Int>], reason: String, stage: String) {
    let n = text.utf8.count
    var sorted = ranges.map { min(max($0.lowerBound, 0), n)..<min(max($0.upperBound, 0), n) }
      .filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
    guard !sorted.isEmpty else { return }
    var merged: [Range<Int>] = [sorted.removeFirst()]
    for r in sorted {
      if let last = merged.last, r.lowerBound <= last.upperBound {
        merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
      } else {
        merged.append(r)
      }
    }
    let bytes = Array(text.utf8)
    var out: [UInt8] = []
    out.reserveCapacity(n)
    var step = Alignment()
    var at = 0
    for r in merged {
      out.append(contentsOf: bytes[at..<r.lowerBound])
      step.appendUnchanged(r.lowerBound - at)
      step.appendChange(input: r.count, output: 0)
      dropped.append(Drop(span: span(r), text: String(decoding: bytes[r], as: UTF8.self), reason: reason, stage: stage))
      at = r.upperBound
    }
    out.append(contentsOf: bytes[at..<n])
    step.appendUnchanged(n - at)
    // Removing whole UTF-8 sequences keeps the text valid; `decoding` repairs any
    // split sequence a caller's bad range would leave.
    try? replaceText(String(decoding: out, as: UTF8.self), alignment: step)
  }

  /// The host part of a URL (`https://news.cgtn.com/x` → `news.cgtn.com`), lowercased.
  public static func host(ofURL url: String) -> String? {
    guard let scheme = url.range(of: "://") else { return nil }
    var rest = url[scheme.upperBound...]
    if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
    if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
    if let colon = rest.lastIndex(of: ":"), !rest.hasPrefix("[") { rest = rest[..<colon] }
    return rest.isEmpty ? nil : rest.lowercased()
  }
}

extension Alignment {
  /// Maps an input byte range forward to the output range it became.
  ///
  /// A bound inside a changed run moves to that run's output start (lower bound) or end
  /// (upper bound); a range inside a deleted run becomes empty at the deletion point.
  ///
  /// ```swift
  /// var a = Alignment(); a.appendUnchanged(2); a.appendChange(input: 3, output: 0); a.appendUnchanged(4)
  /// a.outputRange(forInput: 5..<9)   // 2..<6
  /// ```
  public func outputRange(forInput range: Range<Int>) -> Range<Int> {
    let lo = outputOffset(forInput: range.lowerBound, roundingUp: false)
    let hi = outputOffset(forInput: range.upperBound, roundingUp: true)
    return lo..<max(lo, hi)
  }

  /// Maps one input offset to an output offset (see ``outputRange(forInput:)``).
  public func outputOffset(forInput offset: Int, roundingUp: Bool) -> Int {
    var input = 0
    var output = 0
    for r in runs {
      if offset < input + r.inputLength {
        if !r.changed { return output + (offset - input) }
        return roundingUp && offset > input ? output + r.outputLength : output
      }
      input += r.inputLength
      output += r.outputLength
    }
    return output
  }
}
