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
    public init(
      kind: String, span: Span, text: String, value: JSONValue? = nil, id: String? = nil,
      source: String
    ) {
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
    return Span(
      start: range.lowerBound, end: range.upperBound, originalStart: o.lowerBound,
      originalEnd: o.upperBound)
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
  public mutating func replaceText(_ newText: String, alignment step: Alignment) throws(WinnowError)
  {
    let oldCount = text.utf8.count
    let newCount = newText.utf8.count
    guard step.inputLength == oldCount, step.outputLength == newCount else {
      throw WinnowError(
        .internal,
        "document \(id ?? "?"): a text edit's alignment covers \(step.inputLength)→\(step.outputLength) bytes but the text is \(oldCount)→\(newCount) bytes"
      )
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
      dropped.append(
        Drop(
          span: span(r), text: String(decoding: bytes[r], as: UTF8.self), reason: reason,
          stage: stage))
      at = r.upperBound
    }
    out.append(contentsOf: bytes[at..<n])
    step.appendUnchanged(n - at)
    // Removing whole UTF-8 sequences keeps the text valid; `decoding` repairs any
    // split sequence a caller's bad range would leave.
    try? replaceText(String(decoding: out, as: UTF8.self), alignment: step)
  }

  /// Pieces of text removed for one reason: an argument of ``remove(_:stage:)``.
  public struct Removal: Sendable, Hashable {
    /// Byte ranges of the current text (before the call), in any order; clamped to the
    /// text, and merged where they overlap or touch.
    public var ranges: [Range<Int>]
    /// A stable reason code (`cookie-banner`, …).
    public var reason: String

    /// Creates a removal.
    public init(_ ranges: [Range<Int>], reason: String) {
      self.ranges = ranges
      self.reason = reason
    }
  }

  /// Removes pieces of the current text for several reasons in one edit: the text is
  /// rebuilt once (copied from the text as substrings, not validated again), the records'
  /// original offsets found in one walk of the alignment, and the annotations moved once,
  /// however many reasons. (The alignment
  /// still gets one small deletion step per reason, chained as the successive calls chain
  /// them, so its runs are the same.)
  ///
  /// The result (text, alignment, annotations, drop records) is that of calling
  /// ``remove(_:reason:stage:)`` once per removal, in order, with every removal's ranges
  /// given in the text as it is *before this call* (no shifting by what earlier removals
  /// took). So the records come removal by removal, each removal's pieces in text order,
  /// and a record's `start`/`end` are offsets into the text as it was when its removal
  /// ran (after the earlier removals), as the successive calls give them. Its original
  /// offsets are ``span(_:)``'s before the call; they differ from the successive calls'
  /// only where one changed run of the alignment is cut by two removals: the successive
  /// calls widen the later record to the bytes the earlier one took, this call does not.
  ///
  /// Within a removal, ranges are clamped to the text, empty ones ignored, and ranges that
  /// overlap or touch are merged into one record, as ``remove(_:reason:stage:)`` does —
  /// touching once the earlier removals' pieces between them are gone, as in the successive
  /// calls. Ranges of *different* removals may touch but must not overlap: that is an
  /// error, not a merge (which reason would the shared bytes get?).
  ///
  /// - Parameters:
  ///   - removals: what to remove, one entry per reason, in the order of their records.
  ///   - stage: the removing stage's name.
  /// - Throws: `WinnowError` (`.internal`, a stage bug) when ranges of two removals share
  ///   a byte, or a range starts or ends inside a UTF-8 sequence; the document is then
  ///   unchanged.
  ///
  /// ```swift
  /// var d = Document(text: "ad\nkeep\n(c) me\nad\n")
  /// try d.remove([.init([0..<3, 15..<18], reason: "ad"), .init([8..<15], reason: "copyright")], stage: "demo")
  /// d.text                       // "keep\n"
  /// d.dropped.map(\.reason)     // ["ad", "ad", "copyright"]
  /// d.dropped.map(\.span.start) // [0, 15, 5]   (the copyright line's offset once the ads went)
  /// ```
  public mutating func remove(_ removals: [Removal], stage: String) throws(WinnowError) {
    let n = text.utf8.count
    // Every piece: its merged range, its removal, and its index in the records.
    struct Piece {
      var range: Range<Int>
      var group: Int
      var shift = 0
    }
    var pieces: [Piece] = []
    pieces.reserveCapacity(removals.reduce(0) { $0 + $1.ranges.count })
    for (g, removal) in removals.enumerated() {
      let start = pieces.count
      for r in removal.ranges {
        let lo = min(max(r.lowerBound, 0), n)
        let hi = min(max(r.upperBound, 0), n)
        if lo < hi { pieces.append(Piece(range: lo..<hi, group: g)) }
      }
      guard pieces.count > start + 1 else { continue }
      // Merge this removal's ranges (sorted) where they overlap or touch. (Most callers give
      // them in text order: the sort, stable, would leave them as they are; and sorting the
      // slice of the array copied it.)
      var sorted = true
      for k in (start + 1)..<pieces.count
      where pieces[k].range.lowerBound < pieces[k - 1].range.lowerBound {
        sorted = false
        break
      }
      if !sorted {
        pieces.withUnsafeMutableBufferPointer {
          $0[start...].sort { $0.range.lowerBound < $1.range.lowerBound }
        }
      }
      var w = start
      for k in (start + 1)..<pieces.count {
        let r = pieces[k].range
        if r.lowerBound <= pieces[w].range.upperBound {
          pieces[w].range =
            pieces[w].range.lowerBound..<max(pieces[w].range.upperBound, r.upperBound)
        } else {
          w += 1
          pieces[w] = pieces[k]
        }
      }
      pieces.removeSubrange((w + 1)...)
    }
    guard !pieces.isEmpty else { return }
    // In text order (`order` indexes `pieces`, which stay in record order); pieces of
    // different removals must not overlap.
    // (Often they are in text order already, one removal or removals that do not interleave:
    // no sort then; starts are distinct, so the sorted order is the same.)
    var inOrder = true
    for k in pieces.indices.dropFirst()
    where pieces[k].range.lowerBound < pieces[k - 1].range.lowerBound {
      inOrder = false
      break
    }
    let order =
      inOrder
      ? Array(pieces.indices)
      : pieces.indices.sorted { pieces[$0].range.lowerBound < pieces[$1].range.lowerBound }
    for (x, y) in zip(order, order.dropFirst())
    where pieces[y].range.lowerBound < pieces[x].range.upperBound {
      let a = pieces[x], b = pieces[y]
      throw WinnowError(
        .internal,
        "document \(id ?? "?"): removals \"\(removals[a.group].reason)\" \(a.range) and \"\(removals[b.group].reason)\" \(b.range) overlap"
      )
    }
    // Whole UTF-8 sequences only: a bound inside one would leave invalid text.
    var source = text
    let split = source.withUTF8 { u -> Int? in
      for p in pieces {
        // (Both bounds, the lower first; no array made per piece.)
        let lo = p.range.lowerBound, hi = p.range.upperBound
        if lo < n && u[lo] & 0xC0 == 0x80 { return lo }
        if hi < n && u[hi] & 0xC0 == 0x80 { return hi }
      }
      return nil
    }
    if let b = split {
      throw WinnowError(
        .internal,
        "document \(id ?? "?"): a removal's range ends at byte \(b), inside a UTF-8 sequence")
    }
    // One pass over the alignment for the original offsets (in text order), and the bytes
    // each piece's removal finds already gone before it (earlier removals' pieces).
    var originals = [Range<Int>](repeating: 0..<0, count: pieces.count)
    var removedBefore = [Int](repeating: 0, count: removals.count)
    var cursor = AlignmentCursor(alignment)
    var kept = n
    for k in order {
      let p = pieces[k]
      originals[k] = cursor.inputRange(forOutput: p.range)
      var shift = 0
      for g in 0..<p.group { shift += removedBefore[g] }
      pieces[k].shift += shift
      removedBefore[p.group] += p.range.count
      kept -= p.range.count
    }
    // The records and the new text.
    let current = ByteSlicer(source)
    var records: [Drop] = []
    records.reserveCapacity(pieces.count)
    var recordGroups: [Int] = []
    let newText: String
    do {
      // Removal by removal, its pieces in text order. Two pieces of a removal make one
      // record when only earlier removals' pieces lie between them (the successive calls
      // would find them touching).
      for g in removals.indices {
        var own: [Int] = []
        var end = -1
        func close() {
          guard let first = own.first, let last = own.last else { return }
          let p = pieces[first]
          let length = own.reduce(0) { $0 + pieces[$1].range.count }
          var removedText: String
          if own.count == 1 {
            removedText = String(current[p.range])
          } else {
            removedText = String()
            removedText.reserveCapacity(length)
            for k in own { removedText.append(contentsOf: current[pieces[k].range]) }
          }
          let start = p.range.lowerBound - p.shift
          records.append(
            Drop(
              span: Span(
                start: start, end: start + length, originalStart: originals[first].lowerBound,
                originalEnd: originals[last].upperBound),
              text: removedText, reason: removals[g].reason, stage: stage))
          recordGroups.append(g)
          own.removeAll(keepingCapacity: true)
        }
        for k in order {
          let p = pieces[k]
          if p.group == g {
            if p.range.lowerBound != end { close() }
            own.append(k)
            end = p.range.upperBound
          } else if p.group < g && p.range.lowerBound == end {
            end = p.range.upperBound  // gone already: bridges this removal's pieces
          } else {
            close()
            end = -1
          }
        }
        close()
      }
      // Copied from the text as substrings: the pieces start and end on whole UTF-8
      // sequences (checked above), so the bytes are valid and not validated again.
      var rebuilt = String()
      rebuilt.reserveCapacity(kept)
      var from = 0
      for k in order {
        rebuilt.append(contentsOf: current[from..<pieces[k].range.lowerBound])
        from = pieces[k].range.upperBound
      }
      rebuilt.append(contentsOf: current[from..<n])
      newText = rebuilt
    }
    // The edit: each removal's deletions as the successive calls make them (from its
    // records, in the text of its turn). They are chained onto the document's alignment one
    // by one, as the successive calls chain them (a chain composed first can group
    // neighbouring deleted runs differently), and move the annotations as one edit.
    var deletions: [Alignment] = []
    // The whole edit as one alignment, composed only to move annotations (its output length
    // is the last deletion's, `length`).
    let moving = !annotations.isEmpty
    var step = Alignment(identity: n)
    var length = n
    var r = 0
    while r < records.count {
      let group = recordGroups[r]
      var deletion = Alignment()
      var end = r
      while end < records.count && recordGroups[end] == group { end += 1 }
      deletion.reserveRuns(2 * (end - r) + 1)
      var at = 0
      while r < records.count && recordGroups[r] == group {
        deletion.appendUnchanged(records[r].span.start - at)
        deletion.appendChange(input: records[r].span.end - records[r].span.start, output: 0)
        at = records[r].span.end
        r += 1
      }
      deletion.appendUnchanged(length - at)
      length = deletion.outputLength
      if moving { step = step.then(deletion) }
      deletions.append(deletion)
    }
    guard length == newText.utf8.count else {
      throw WinnowError(
        .internal,
        "document \(id ?? "?"): removing \(n - length) bytes left \(newText.utf8.count) bytes, not \(length)"
      )
    }
    for i in annotations.indices {
      let moved = step.outputRange(forInput: annotations[i].span.range)
      annotations[i].span.start = moved.lowerBound
      annotations[i].span.end = moved.upperBound
    }
    text = newText
    for d in deletions { alignment = alignment.then(d) }
    sentences = []
    tokens = []
    dropped.append(contentsOf: records)
  }

  /// The host part of a URL (`https://news.cgtn.com/x` → `news.cgtn.com`), lowercased.
  public static func host(ofURL url: String) -> String? {
    // An ASCII URL (the usual one) is cut on its bytes: each ASCII byte is a Character
    // there but for CR LF, which is none of the bytes looked for, so the cuts are the
    // same. Any other URL takes the Character path.
    var url = url
    let ascii = url.withUTF8 { u -> ASCIIHost in
      var bits: UInt8 = 0
      for b in u { bits |= b }
      guard bits < 0x80 else { return .notASCII }
      return asciiHost(u)
    }
    switch ascii {
    case .host(let h): return h
    case .none: return nil
    case .notASCII: return hostByCharacters(ofURL: url)
    }
  }

  /// What ``asciiHost(_:)`` found.
  enum ASCIIHost {
    case host(String)
    case none
    case notASCII
  }

  /// ``host(ofURL:)`` on the bytes of an ASCII URL.
  static func asciiHost(_ u: UnsafeBufferPointer<UInt8>) -> ASCIIHost {
    let n = u.count
    var lo = -1
    if n >= 3 {
      for i in 0..<(n - 2)
      where u[i] == UInt8(ascii: ":") && u[i + 1] == UInt8(ascii: "/")
        && u[i + 2] == UInt8(ascii: "/")
      {
        lo = i + 3
        break
      }
    }
    guard lo >= 0 else { return .none }
    var hi = n
    for i in lo..<n
    where u[i] == UInt8(ascii: "/") || u[i] == UInt8(ascii: "?") || u[i] == UInt8(ascii: "#") {
      hi = i
      break
    }
    var i = hi
    while i > lo {
      i -= 1
      if u[i] == UInt8(ascii: "@") {
        lo = i + 1
        break
      }
    }
    if lo < hi && u[lo] != UInt8(ascii: "[") {
      i = hi
      while i > lo {
        i -= 1
        if u[i] == UInt8(ascii: ":") {
          hi = i
          break
        }
      }
    } else if lo == hi {
      return .none
    }
    guard lo < hi else { return .none }
    let lowered = UnsafeBufferPointer(rebasing: u[lo..<hi]).map { b in
      b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }
    return .host(String(decoding: lowered, as: UTF8.self))
  }

  /// ``host(ofURL:)`` by Characters (any URL; the ASCII ones take a byte path).
  static func hostByCharacters(ofURL url: String) -> String? {
    guard let scheme = url.range(of: "://") else { return nil }
    var rest = url[scheme.upperBound...]
    if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
      rest = rest[..<end]
    }
    if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
    if let colon = rest.lastIndex(of: ":"), !rest.hasPrefix("[") { rest = rest[..<colon] }
    return rest.isEmpty ? nil : rest.lowercased()
  }
}

/// Slices of a string by UTF-8 byte offsets, as `Substring`s: copying one into a `String`
/// copies its bytes without validating them again. The offsets must lie on whole UTF-8
/// sequences (a bound inside one is rounded down to the scalar's start).
struct ByteSlicer {
  let string: String

  init(_ string: String) { self.string = string }

  /// The bytes `range` of the string.
  subscript(range: Range<Int>) -> Substring {
    let u = string.utf8
    let lo = u.index(u.startIndex, offsetBy: range.lowerBound)
    let hi = u.index(lo, offsetBy: range.count)
    return string[lo..<hi]
  }
}

/// ``Alignment/inputRange(forOutput:)`` for ranges given in increasing order (each starting
/// at or after the previous one's end): one walk over the runs for all of them.
struct AlignmentCursor {
  private let alignment: Alignment
  private var run = 0
  private var inPos = 0
  private var outPos = 0

  init(_ alignment: Alignment) { self.alignment = alignment }

  /// The same as `alignment.inputRange(forOutput: range)` for a non-empty range.
  mutating func inputRange(forOutput range: Range<Int>) -> Range<Int> {
    let runs = alignment.runs
    if runs.count <= 1 && !(runs.first?.changed ?? false) {
      return alignment.inputRange(forOutput: range)
    }
    let lo = offset(range.lowerBound, roundingUp: false)
    let hi = range.isEmpty ? lo : offset(range.upperBound, roundingUp: true)
    return lo..<max(lo, hi)
  }

  /// ``Alignment/inputOffset(forOutput:roundingUp:)``, resuming at the run the previous
  /// query stopped in (queries never go back).
  private mutating func offset(_ offset: Int, roundingUp: Bool) -> Int {
    let runs = alignment.runs
    while run < runs.count {
      let r = runs[run]
      if let mapped = Alignment.inputOffset(
        forOutput: offset, in: r, inPos: inPos, outPos: outPos, roundingUp: roundingUp)
      {
        return mapped
      }
      inPos += r.inputLength
      outPos += r.outputLength
      run += 1
    }
    return alignment.inputLength
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
