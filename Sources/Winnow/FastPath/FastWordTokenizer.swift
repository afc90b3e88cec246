/// The fast word tokenizer: a UTF-8 scanner that runs ICU 72's compiled word-break state
/// machine (see ``WordRules``) with an ASCII lane and a two-stage code-point table, and hands
/// runs of dictionary characters to ``DictionaryEngine``s, exactly where and how ICU's
/// `RuleBasedBreakIterator` hands them to its break engines.
///
/// Contract: the same boundaries, rule statuses and therefore tokens as ``ICUWordTokenizer``
/// on all input (valid or not). No ICU call per character; no allocation per token (scratch
/// buffers are reused across calls). Not thread-safe: make one per thread.
///
/// ```swift
/// let tok = try FastWordTokenizer()
/// let tokens = try tok.tokens(Array("Call 010-85061466.".utf8))
/// // [0..<4 .word, 5..<8 .number, 9..<17 .number]
/// ```
public final class FastWordTokenizer: Tokenizer {
  public let options: TokenizerOptions
  let rules: WordRules
  /// Engines asked in order; the first whose `handles` accepts a run's first scalar splits it.
  let engines: [any DictionaryEngine]
  private var boundaryScratch: [Int32] = []
  private var statusScratch: [Int32] = []
  private var runBoundaries: [Int32] = []
  private var runStatuses: [Int32] = []
  private var lookAheadMatches: [Int] = []

  /// Creates a fast tokenizer.
  ///
  /// - Parameters:
  ///   - options: Token options.
  ///   - engines: Dictionary engines tried before the ICU fallback (``ICUDictionaryEngine``),
  ///     e.g. a CJK engine. Default: none (ICU splits every dictionary run).
  /// - Throws: ``WinnowError`` when ICU's word rules cannot be loaded.
  public init(
    options: TokenizerOptions = TokenizerOptions(), engines: [any DictionaryEngine] = []
  ) throws(WinnowError) {
    self.options = options
    self.rules = try WordRules.shared.get()
    self.engines = engines + [ICUDictionaryEngine()]
    self.lookAheadMatches = Array(repeating: -1, count: max(rules.lookAheadCount, 1))
  }

  public func tokenize(
    _ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]
  ) throws(WinnowError) {
    boundaryScratch.removeAll(keepingCapacity: true)
    statusScratch.removeAll(keepingCapacity: true)
    try wordBoundaries(text, boundaries: &boundaryScratch, statuses: &statusScratch)
    let rules = self.rules
    let options = self.options
    boundaryScratch.withUnsafeBufferPointer { b in
      statusScratch.withUnsafeBufferPointer { s in
        appendTokens(text, boundaries: b, statuses: s, rules: rules, options: options, into: &tokens)
      }
    }
  }

  public func wordBoundaries(
    _ text: UnsafeBufferPointer<UInt8>, boundaries: inout [Int32], statuses: inout [Int32]
  ) throws(WinnowError) {
    guard text.count > 0 else { return }
    guard text.count <= Int(Int32.max) else {
      throw WinnowError(.invalidData, "text of \(text.count) bytes is too long (max 2 GiB)")
    }
    var pos = 0
    let n = text.count
    while pos < n {
      let (end, status, dictCount) = nextRuleBoundary(text, from: pos)
      if dictCount > 0 {
        splitDictionaryRuns(text, from: pos, to: end, status: status, into: &boundaries, &statuses)
      }
      boundaries.append(Int32(truncatingIfNeeded: end))
      statuses.append(status)
      pos = end
    }
  }

  /// ICU's `RuleBasedBreakIterator::handleNext`: runs the forward state machine from `start`.
  ///
  /// - Returns: The next rule boundary, its rule status, and how many dictionary-category
  ///   characters the segment holds.
  @inline(__always)
  func nextRuleBoundary(
    _ text: UnsafeBufferPointer<UInt8>, from start: Int
  ) -> (end: Int, status: Int32, dictCount: Int) {
    let rules = self.rules
    let next = rules.next
    let accepting = rules.accepting
    let lookAhead = rules.lookAhead
    let catCount = rules.categoryCount
    let dictStart = rules.dictCategoriesStart
    let ascii = rules.ascii
    let n = text.count

    var idx = start  // index after the characters consumed so far
    var result = start
    var status: Int32 = 0
    var dictCount = 0
    var state = 1  // START_STATE
    var category = 0
    // Modes: 0 run, 1 start-of-input pseudo character, 2 end-of-input pseudo character.
    var mode = 0
    if rules.bofRequired {
      category = 2
      mode = 1
    }
    var atEnd = false
    var entry: UInt16 = 0
    // Read the first character.
    do {
      let b = text[idx]
      if b < 0x80 {
        entry = ascii[Int(b)]
        idx += 1
      } else {
        let d = UTF8Cursor.decodeMultibyte(text, idx, n, UInt32(b))
        entry = rules.entry(d.scalar)
        idx += d.length
      }
    }
    let firstEnd = idx
    while true {
      if atEnd {
        if mode == 2 { break }
        mode = 2
        category = 1
      }
      if mode == 0 {
        category = Int(entry & 0xFF)
        if UInt8(truncatingIfNeeded: category) >= dictStart { dictCount &+= 1 }
      }
      state = Int(next[state &* catCount &+ category])
      let acc = accepting[state]
      if acc == 1 {
        if mode != 1 { result = idx }
        status = rules.statusOfState[state]
      } else if acc > 1 {
        let la = lookAheadMatches[Int(acc)]
        if la >= 0 {
          return (la, rules.statusOfState[state], dictCount)
        }
      }
      let rule = lookAhead[state]
      if rule > 1 { lookAheadMatches[Int(rule)] = idx }
      if state == 0 { break }  // STOP_STATE
      if mode == 0 {
        if idx >= n {
          atEnd = true
        } else {
          let b = text[idx]
          if b < 0x80 {
            entry = ascii[Int(b)]
            idx += 1
          } else {
            let d = UTF8Cursor.decodeMultibyte(text, idx, n, UInt32(b))
            entry = rules.entry(d.scalar)
            idx += d.length
          }
        }
      } else if mode == 1 {
        mode = 0
      }
    }
    if result == start {
      // The rules matched nothing: advance one character (ICU does the same).
      return (firstEnd, 0, dictCount)
    }
    return (result, status, dictCount)
  }

  /// ICU's `DictionaryCache::populateDictionary` for one rule segment: finds the runs of each
  /// break engine's characters and appends the engines' inner boundaries, all with the
  /// segment's rule status (ICU gives every dictionary boundary the status of the segment).
  func splitDictionaryRuns(
    _ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int, status: Int32,
    into boundaries: inout [Int32], _ statuses: inout [Int32]
  ) {
    let rules = self.rules
    let dictStart = UInt16(rules.dictCategoriesStart)
    var j = from
    while j < to {
      let d = UTF8Cursor.decode(text, j)
      let e = rules.entry(d.scalar)
      let engineBits = e & WordRules.Props.engineMask
      guard e & 0xFF >= dictStart, engineBits != 0 else {
        // Not a dictionary character, or one no engine handles (ICU's UnhandledEngine
        // finds no breaks): move on.
        j += d.length
        continue
      }
      var k = j + d.length
      while k < to {
        let d2 = UTF8Cursor.decode(text, k)
        if rules.entry(d2.scalar) & WordRules.Props.engineMask != engineBits { break }
        k += d2.length
      }
      let runLength = k - j
      guard let run = UnsafeBufferPointer(rebasing: text[j..<k]) as UnsafeBufferPointer<UInt8>?
      else { break }
      runBoundaries.removeAll(keepingCapacity: true)
      runStatuses.removeAll(keepingCapacity: true)
      let engine = engines.first { $0.handles(d.scalar) } ?? engines[engines.count - 1]
      engine.segment(run, boundaries: &runBoundaries, statuses: &runStatuses)
      var last = 0
      for b in runBoundaries {
        let b = Int(b)
        // Engines report inner boundaries; ICU never breaks at a run's own edges.
        guard b > last, b < runLength else { continue }
        boundaries.append(Int32(truncatingIfNeeded: j + b))
        statuses.append(status)
        last = b
      }
      j = k
    }
  }
}
