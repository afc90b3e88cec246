/// Named sets of normalization steps.
public enum NormalizationProfile: String, CaseIterable, Sendable, Codable {
  /// What a corpus builder wants, and safe on already-clean text: newlines, controls,
  /// zero-width, entities, mojibake, NFC, CJK-aware width folding, spaces.
  case `default`
  /// `default` plus NFKC_Casefold and Traditional → Simplified, for search keys.
  case search
  /// No step at all (decoding still runs).
  case none

  /// The steps of this profile.
  public var steps: Set<NormalizationStep> {
    switch self {
    case .default: [.newlines, .controls, .zeroWidth, .entities, .mojibake, .form, .width, .spaces]
    case .search: NormalizationProfile.default.steps.union([.t2s])
    case .none: []
    }
  }

  /// The normalization form of this profile's `form` step.
  public var form: NormalizationForm {
    switch self {
    case .search: .nfkcCasefold
    default: .nfc
    }
  }
}

/// What the normalizer does: which steps run and which Unicode form the `form` step applies.
///
/// ```swift
/// let options = NormalizerOptions(profile: .default)        // NFC, width, spaces, …
/// let custom = NormalizerOptions(steps: [.width], form: .nfc) // width folding alone
/// ```
public struct NormalizerOptions: Sendable, Hashable, Codable {
  /// The steps to run. They always run in ``NormalizationStep/allCases`` order's logical
  /// pipeline (see ``Normalizer``), whatever the order given here.
  public var steps: Set<NormalizationStep>
  /// The form the `form` step applies. Default: NFC.
  public var form: NormalizationForm

  /// Options with exactly `steps` and `form`.
  public init(steps: Set<NormalizationStep>, form: NormalizationForm = .nfc) {
    self.steps = steps
    self.form = form
  }

  /// The options of a named profile.
  public init(profile: NormalizationProfile = .default) {
    self.init(steps: profile.steps, form: profile.form)
  }
}

extension NormalizerOptions {
  /// Decodes options; a missing key keeps the value of `NormalizerOptions()` (the default
  /// profile's steps, its form), so `{}` decodes to the defaults.
  /// - Throws: `DecodingError` when a present key has the wrong type or an unknown value.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let defaults = NormalizerOptions()
    self.init(
      steps: try c.decodeIfPresent(Set<NormalizationStep>.self, forKey: .steps) ?? defaults.steps,
      form: try c.decodeIfPresent(NormalizationForm.self, forKey: .form) ?? defaults.form)
  }
}

/// The result of normalizing a text: the new text and how it aligns to the input.
public struct NormalizedText: Sendable, Hashable {
  /// The normalized text as UTF-8 bytes.
  public var bytes: [UInt8]
  /// Output byte offsets → input byte offsets. Empty when alignment was not tracked.
  public var alignment: Alignment
  /// The normalized text as a `String`.
  public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// The normalizer: a fixed pipeline of optional steps over lines of UTF-8 text.
///
/// Lines are independent: each input line gives one output line, except that runs of
/// blank lines collapse to one when `spaces` is on. Every step records an ``Alignment``
/// so positions in the output map back to the input. The pipeline is idempotent:
/// `normalize(normalize(x)) == normalize(x)`.
///
/// Steps run in this order: newlines (line splitting), mojibake, mojibake-gbk, controls,
/// zero-width, t2s, casefold, width, form — repeated (all but mojibake-gbk and t2s) while a
/// round changes the line, since they can feed each other — then entities (repeated to a
/// fixed point, with the same settling after each change, since a decoded reference can
/// need the earlier steps), then punct and spaces.
///
/// ```swift
/// let n = try Normalizer(NormalizerOptions(profile: .default))
/// n.normalize("ＡＢＣ１２３，ｄｅｆ\n中文，英文").text  // "ABC123,def\n中文，英文"
/// ```
///
/// A `Normalizer` is immutable and safe to share between threads.
public final class Normalizer: Sendable {
  /// The options it was built with.
  public let options: NormalizerOptions
  let splitNewlines: Bool
  let collapseBlankLines: Bool
  let pre: [any LineStep]
  let entities: (any LineStep)?
  let reentry: [any LineStep]
  let post: [any LineStep]
  /// The union of the steps' ``LineStep/triggers``: a line whose scan has none of these
  /// bits is unchanged by every step.
  let gate: UInt16

  /// Builds a normalizer.
  /// - Throws: `WinnowError` when a step cannot be set up (an ICU or OpenCC failure, e.g.
  ///   OpenCC's `t2s.json` not installed).
  public init(_ options: NormalizerOptions = NormalizerOptions()) throws(WinnowError) {
    self.options = options
    let s = options.steps
    splitNewlines = s.contains(.newlines)
    collapseBlankLines = s.contains(.spaces)
    var pre: [any LineStep] = []
    var reentry: [any LineStep] = []
    // Mojibake first: the C1 controls and soft hyphens in it are evidence that controls and
    // zero-width would delete (`dÃ\u{AD}a` → `día`). It re-enters after entities, which can
    // spell mojibake (`&Atilde;&copy;` → `Ã©` → `é`).
    if s.contains(.mojibake) { pre.append(MojibakeStep()); reentry.append(MojibakeStep()) }
    if s.contains(.mojibakeGBK) { pre.append(try GBKMojibakeStep()) }
    if s.contains(.controls) { pre.append(ControlsStep()); reentry.append(ControlsStep()) }
    if s.contains(.zeroWidth) { pre.append(ZeroWidthStep()); reentry.append(ZeroWidthStep()) }
    if s.contains(.t2s) { pre.append(try T2SStep()) }
    if s.contains(.casefold) {
      let c = try CaseFoldStep()
      pre.append(c)
      reentry.append(c)
    }
    if s.contains(.width) { pre.append(WidthStep()); reentry.append(WidthStep()) }
    if s.contains(.form) {
      let f = try FormStep(options.form)
      pre.append(f)
      reentry.append(f)
    }
    self.pre = pre
    self.reentry = reentry
    entities = s.contains(.entities) ? HTMLEntityStep() : nil
    var post: [any LineStep] = []
    if s.contains(.punct) { post.append(PunctStep()) }
    if s.contains(.spaces) { post.append(SpacesStep()) }
    self.post = post
    var gate: UInt16 = 0
    for step in pre + reentry + post { gate |= step.triggers }
    if let entities { gate |= entities.triggers }
    self.gate = gate
  }

  /// Which bytes end a line.
  var terminators: LineScan.Terminators { splitNewlines ? .all : .lf }

  /// Normalizes a whole text.
  /// - Parameters:
  ///   - text: valid UTF-8 (decode raw bytes with ``TextDecoder`` first).
  ///   - tracking: whether to compute the alignment (default true).
  /// - Returns: the normalized text and its alignment to `text`.
  public func normalize(_ text: [UInt8], tracking: Bool = true) -> NormalizedText {
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    var alignment = Alignment()
    var state = LineState()
    text.withUnsafeBufferPointer { p in
      var start = 0
      // Lines that no step changes and that end in `\n` (or the text) are copied in runs:
      // `clean..<start` is the run pending.
      var clean = 0
      func flush(_ end: Int) {
        guard end > clean else { return }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[clean..<end]))
        if tracking { alignment.appendUnchanged(end - clean) }
      }
      let terminators = self.terminators
      let table = CharClass.table
      while start < p.count {
        let (scan, end, next) = LineScan.scan(
          p, from: start, terminators: terminators, final: true, table: table)
        if scan.triggers & gate == 0 && (next == end || (next == end + 1 && p[end] == 0x0A)) {
          if end > start {
            state.previousBlank = false
          } else if collapseBlankLines && state.previousBlank {
            // A blank line after a blank line: dropped (emitLine does it).
            flush(start)
            emitLine(
              p, start..<end, terminator: end..<next, scan: scan, state: &state, out: &out,
              alignment: &alignment, tracking: tracking)
            clean = next
          } else {
            state.previousBlank = true
          }
          start = next
          continue
        }
        flush(start)
        emitLine(
          p, start..<end, terminator: end..<next, scan: scan, state: &state, out: &out,
          alignment: &alignment, tracking: tracking)
        start = next
        clean = next
      }
      flush(p.count)
    }
    return NormalizedText(bytes: out, alignment: alignment)
  }

  /// Normalizes a `String`.
  public func normalize(_ text: String, tracking: Bool = true) -> NormalizedText {
    normalize(Array(text.utf8), tracking: tracking)
  }

  /// Normalizes one line (no terminator in it) and returns the new line.
  /// Blank-line collapsing, which needs context, does not apply.
  public func normalizeLine(_ line: [UInt8], tracking: Bool = true) -> NormalizedText {
    line.withUnsafeBufferPointer { p in
      let r = processLine(p, scan: LineScan(p), tracking: tracking)
      return NormalizedText(
        bytes: r?.bytes ?? line,
        alignment: r?.alignment ?? (tracking ? Alignment(identity: line.count) : Alignment()))
    }
  }

  /// Blank-line state carried from line to line.
  struct LineState {
    var previousBlank = false
  }

  /// Finds the end of the line starting at `start` and the start of the next one.
  /// With `final == false`, returns nil-like `(-1, -1)` when the line is not terminated
  /// yet (a trailing `\r` may be the first half of `\r\n`).
  func lineEnd(_ p: UnsafeBufferPointer<UInt8>, from start: Int, final: Bool) -> (Int, Int) {
    lineEnd(p, searchFrom: start, final: final)
  }

  /// `lineEnd(_:from:final:)` resuming a search at `searchFrom` (bytes before it are known
  /// not to end the line).
  func lineEnd(_ p: UnsafeBufferPointer<UInt8>, searchFrom: Int, final: Bool) -> (Int, Int) {
    var i = searchFrom
    let n = p.count
    if !splitNewlines {
      while i < n {
        if p[i] == 0x0A { return (i, i + 1) }
        i += 1
      }
      return final ? (n, n) : (-1, -1)
    }
    // Skip eight bytes at a time while none is LF, CR, C2 (U+0085) or E2 (U+2028/9).
    if let base = p.baseAddress {
      let raw = UnsafeRawPointer(base)
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      @inline(__always) func hasByte(_ x: UInt64, _ b: UInt64) -> Bool {
        let v = x ^ (ones &* b)
        return (v &- ones) & ~v & highs != 0
      }
      while i + 8 <= n {
        let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        if hasByte(x, 0x0A) || hasByte(x, 0x0D) || hasByte(x, 0xC2) || hasByte(x, 0xE2) { break }
        i += 8
      }
    }
    while i < n {
      let b = p[i]
      if b != 0x0A && b != 0x0D && b != 0xC2 && b != 0xE2 {
        i += 1
        continue
      }
      if b == 0x0A { return (i, i + 1) }
      if b == 0x0D {
        if i + 1 < n { return (i, p[i + 1] == 0x0A ? i + 2 : i + 1) }
        return final ? (i, n) : (-1, -1)
      }
      if b == 0xC2, i + 1 < n, p[i + 1] == 0x85 { return (i, i + 2) }
      if b == 0xE2, i + 2 < n, p[i + 1] == 0x80, p[i + 2] == 0xA8 || p[i + 2] == 0xA9 {
        return (i, i + 3)
      }
      i += 1
    }
    return final ? (n, n) : (-1, -1)
  }

  /// Normalizes one line and appends it, with `\n` for its terminator, to `out`.
  func emitLine(
    _ p: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, terminator: Range<Int>,
    scan: LineScan? = nil,
    state: inout LineState, out: inout [UInt8], alignment: inout Alignment, tracking: Bool
  ) {
    let slice = UnsafeBufferPointer(rebasing: p[line])
    let result = processLine(slice, scan: scan ?? LineScan(slice), tracking: tracking)
    let outLen = result?.bytes.count ?? line.count
    if collapseBlankLines && outLen == 0 && state.previousBlank {
      // A blank line after a blank line: drop it and its terminator.
      if tracking { alignment.appendChange(input: line.count + terminator.count, output: 0) }
      return
    }
    state.previousBlank = outLen == 0
    if let r = result {
      out.append(contentsOf: r.bytes)
      if tracking { alignment.append(r.alignment) }
    } else {
      out.append(contentsOf: slice)
      if tracking { alignment.appendUnchanged(line.count) }
    }
    if !terminator.isEmpty {
      out.append(0x0A)
      if terminator.count == 1 && p[terminator.lowerBound] == 0x0A {
        if tracking { alignment.appendUnchanged(1) }
      } else {
        if tracking { alignment.appendChange(input: terminator.count, output: 1) }
      }
    }
  }

  /// Runs the line steps; nil when nothing changed.
  /// `scan` is the line's ``LineScan``: while the line is unchanged, steps it does not
  /// trigger are skipped without scanning the line again.
  func processLine(_ line: UnsafeBufferPointer<UInt8>, scan: LineScan, tracking: Bool)
    -> EditBuffer?
  {
    if scan.triggers & gate == 0 { return nil }
    var current: EditBuffer? = nil
    // Once a step has changed the line, the scan is redone on the new text, so later steps
    // are still skipped when they have nothing to do.
    var scan = scan
    func run(_ step: any LineStep) -> Bool {
      guard step.isNeeded(scan) else { return false }
      let r: EditBuffer?
      WorkCounter.add(current?.bytes.count ?? line.count)
      if let c = current {
        r = c.bytes.withUnsafeBufferPointer { step.apply($0, tracking: tracking) }
      } else {
        r = step.apply(line, tracking: tracking)
      }
      guard var r else { return false }
      if let c = current, tracking { r.alignment = c.alignment.then(r.alignment) }
      scan = r.bytes.withUnsafeBufferPointer { LineScan($0) }
      current = r
      return true
    }
    // The rewriting steps can feed each other (NFC can compose a mojibake pair out of a
    // decomposed letter, `A◌̊½` → `Å½`; a repair can need NFC): after a round that changed
    // the line, run them again until a round changes nothing. Clean lines pay nothing
    // extra; the cap bounds pathological input.
    func settle(_ changedBefore: Bool) {
      var changed = changedBefore
      var rounds = 0
      while changed && rounds < 4 {
        changed = false
        for step in reentry where run(step) { changed = true }
        rounds += 1
      }
    }
    var changed = false
    for step in pre where run(step) { changed = true }
    settle(changed)
    if let entities {
      // A decoded reference may need the earlier steps again (`&#xFF21;` → `Ａ` → `A`), and
      // those may form a new reference (`&#xFF06;lt;` → `＆lt;` → `&lt;`): iterate to a
      // fixed point. Each round removes at least one reference; the cap bounds hostile
      // input such as `&amp;amp;amp;…`.
      var rounds = 0
      while rounds < 32, run(entities) {
        settle(true)
        rounds += 1
      }
    }
    for step in post { _ = run(step) }
    return current
  }
}

/// Normalizes a text that arrives in chunks, with memory bounded by the longest line.
///
/// Feed decoded UTF-8 in chunks of any size (a chunk may end inside a line or a
/// character); complete lines come out normalized. Alignment is not tracked.
///
/// ```swift
/// var stream = NormalizingStream(normalizer)
/// var out: [UInt8] = []
/// stream.feed(Array("ＡＢ\nc".utf8), into: &out)   // out == "AB\n"
/// stream.finish(into: &out)                         // out == "AB\nc"
/// ```
public struct NormalizingStream {
  /// The normalizer applied to each line.
  public let normalizer: Normalizer
  var pending: [UInt8] = []
  var searchFrom = 0
  var state = Normalizer.LineState()

  /// Creates a stream over `normalizer`.
  public init(_ normalizer: Normalizer) {
    self.normalizer = normalizer
  }

  /// Adds a chunk and appends every line it completes, normalized, to `out`.
  public mutating func feed(_ chunk: some Collection<UInt8>, into out: inout [UInt8]) {
    pending.append(contentsOf: chunk)
    drain(final: false, into: &out)
  }

  /// Ends the input: normalizes what is left (a last line without terminator).
  public mutating func finish(into out: inout [UInt8]) {
    drain(final: true, into: &out)
    pending.removeAll(keepingCapacity: false)
    searchFrom = 0
  }

  private mutating func drain(final: Bool, into out: inout [UInt8]) {
    var consumed = 0
    var noAlignment = Alignment()
    let n = normalizer
    var state = self.state
    var searchFrom = self.searchFrom
    pending.withUnsafeBufferPointer { p in
      var start = 0
      while start < p.count {
        // A fresh line is found and classified in one pass; a line resumed from an earlier
        // chunk is searched from where that search stopped, then scanned.
        var scan: LineScan? = nil
        var end = -1, next = -1
        if searchFrom > start {
          (end, next) = n.lineEnd(p, searchFrom: searchFrom, final: final)
        } else {
          let r = LineScan.scan(p, from: start, terminators: n.terminators, final: final)
          (end, next) = (r.end, r.next)
          scan = r.scan
        }
        if end < 0 {
          // Incomplete line: resume the search where it stopped (before a trailing CR or
          // a partial multi-byte terminator).
          searchFrom = max(start, p.count - 3)
          break
        }
        n.emitLine(
          p, start..<end, terminator: end..<next, scan: scan, state: &state, out: &out,
          alignment: &noAlignment, tracking: false)
        start = next
        searchFrom = next
      }
      consumed = start
    }
    self.state = state
    if consumed > 0 {
      pending.removeFirst(consumed)
      searchFrom = max(0, searchFrom - consumed)
    }
  }
}
