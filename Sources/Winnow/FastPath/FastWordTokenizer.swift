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
    guard text.count > 0 else { return }
    guard text.count <= Int(Int32.max) else {
      throw WinnowError(.invalidData, "text of \(text.count) bytes is too long (max 2 GiB)")
    }
    // The same scan as `wordBoundaries`, fused with `appendTokens`: ASCII-lane segments
    // become tokens directly; the rest goes through the scratch buffers and `appendTokens`.
    let n = text.count
    let rules = self.rules
    let options = self.options
    let ascii = rules.ascii
    let firstState = rules.asciiFirstState
    let statusOfState = rules.statusOfState
    let punctClass = WordRules.CharClass.punctuation.rawValue << WordRules.Props.classShift
    let symbolClass = WordRules.CharClass.symbol.rawValue << WordRules.Props.classShift
    var pos = 0
    while pos < n {
      let b = text[pos]
      if b < 0x80 {
        let s1 = Int(firstState[Int(b)])
        if s1 != 0 {
          let j = asciiLane(text, pos, s1, b)
          if j > 0 {
            do {
              let st = statusOfState[s1]
              if st >= 200 && st < 300 {
                tokens.append(Token(range: pos..<j, kind: .word))
              } else if st >= 100 && st < 200 {
                tokens.append(Token(range: pos..<j, kind: .number))
              } else if st < 100 && options.includePunctuation {
                let cls = ascii[Int(b)] & WordRules.Props.classMask
                if cls == punctClass {
                  tokens.append(Token(range: pos..<j, kind: .punctuation))
                } else if cls == symbolClass {
                  tokens.append(Token(range: pos..<j, kind: .symbol))
                }
              }
              pos = j
              continue
            }
          }
        }
      }
      boundaryScratch.removeAll(keepingCapacity: true)
      statusScratch.removeAll(keepingCapacity: true)
      let (end, status, dictCount) = nextRuleBoundary(text, from: pos)
      if dictCount > 0 {
        splitDictionaryRuns(
          text, from: pos, to: end, status: status, into: &boundaryScratch, &statusScratch)
      }
      boundaryScratch.append(Int32(truncatingIfNeeded: end))
      statusScratch.append(status)
      boundaryScratch.withUnsafeBufferPointer { bb in
        statusScratch.withUnsafeBufferPointer { ss in
          appendTokens(
            text, boundaries: bb, statuses: ss, rules: rules, options: options, from: pos,
            into: &tokens)
        }
      }
      pos = end
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
    let rules = self.rules
    let ascii = rules.ascii
    let firstState = rules.asciiFirstState
    let statusOfState = rules.statusOfState
    boundaries.reserveCapacity(boundaries.count + n / 3)
    statuses.reserveCapacity(statuses.count + n / 3)
    while pos < n {
      // ASCII lane: a segment that starts with an ASCII byte, is one byte or a run of one
      // category (letters, digits, spaces), and is followed by an ASCII byte on which the
      // machine stops. Exactly what the state machine would do, without running it.
      let b = text[pos]
      if b < 0x80 {
        let s1 = Int(firstState[Int(b)])
        if s1 != 0 {
          let j = asciiLane(text, pos, s1, b)
          if j > 0 {
            do {
              boundaries.append(Int32(truncatingIfNeeded: j))
              statuses.append(statusOfState[s1])
              pos = j
              continue
            }
          }
        }
      }
      let (end, status, dictCount) = nextRuleBoundary(text, from: pos)
      if dictCount > 0 {
        splitDictionaryRuns(text, from: pos, to: end, status: status, into: &boundaries, &statuses)
      }
      boundaries.append(Int32(truncatingIfNeeded: end))
      statuses.append(status)
      pos = end
    }
  }

  /// The ASCII lane: the end of the segment starting at `pos` (ASCII byte `b`, first state
  /// `s1`), when the state machine would surely end it there; 0 when it cannot tell.
  ///
  /// Cases: one byte, or a run of bytes of one category (letters, digits, spaces) on which
  /// `s1` loops; then either an ASCII byte on which the machine stops, or an ASCII byte
  /// leading to a non-accepting state (e.g. `.` after letters, waiting for `a.b`) followed
  /// by an ASCII byte on which it stops. Exactly what the machine does, without running it.
  @inline(__always)
  func asciiLane(_ text: UnsafeBufferPointer<UInt8>, _ pos: Int, _ s1: Int, _ b: UInt8) -> Int {
    let rules = self.rules
    let ascii = rules.ascii
    let n = text.count
    var j = pos + 1
    if rules.asciiRuns[Int(b)] {
      let cat = ascii[Int(b)] & 0xFF
      while j < n {
        let f = text[j]
        guard f < 0x80, ascii[Int(f)] & 0xFF == cat else { break }
        j += 1
      }
    }
    guard j < n else { return 0 }
    let f = text[j]
    guard f < 0x80 else { return 0 }
    if rules.asciiStops[s1 &* 128 &+ Int(f)] { return j }
    guard j + 1 < n else { return 0 }
    let g = text[j + 1]
    guard g < 0x80 else { return 0 }
    let s2 = Int(rules.next[s1 &* rules.categoryCount &+ Int(ascii[Int(f)] & 0xFF)])
    guard rules.accepting[s2] == 0, rules.lookAhead[s2] == 0 else { return 0 }
    return rules.next[s2 &* rules.categoryCount &+ Int(ascii[Int(g)] & 0xFF)] == 0 ? j : 0
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
