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
  /// `engines[0]` when it is the CJK engine: called directly, without an existential.
  /// With ``loadsSharedCJK`` it starts `nil` and is set on the first Han/kana run.
  private var cjk: CJKDictionaryEngine?
  /// Load ``CJKDictionaryEngine/shared()`` on the first run of the CJK engine's characters
  /// (what ``makeTokenizer(_:options:)`` asks for): text without Han or kana never pays for
  /// building the dictionary's tables (about 0.1 s of CPU time and 10 MB).
  private let loadsSharedCJK: Bool
  // Scratch memory owned by this tokenizer (freed in deinit). The buffers are copied into
  // locals for a call and written back after it, so the hot loops make no exclusivity or
  // uniqueness checks.
  private var segmentScratch = BoundaryBuffer()
  private var runScratch = BoundaryBuffer()
  /// A CJK run's scalars as the run split decodes them (boundaries = offsets in the run,
  /// statuses = scalars), handed to the engine so it does not decode the run again.
  private var scalarScratch = BoundaryBuffer()
  private let tokenBatch: UnsafeMutablePointer<Token>
  private static let tokenBatchCapacity = 256
  /// ICU's look-ahead results, one per look-ahead rule, reset for each rule segment.
  private let lookAheadMatches: UnsafeMutablePointer<Int>
  private let lookAheadSlots: Int
  /// What an ASCII-lane segment yields, by `row | firstByte` (row of its last accepting
  /// state): bits 0–2 a ``TokenKind`` raw value, ``laneEmit`` to emit it, ``laneGeneric``
  /// to ask `tokenKind` (rare statuses); 0 for no token. Derived from ``WordRules/laneKind``
  /// and these options, exactly as `tokenKind` derives kinds.
  private let laneTokens: UnsafeMutableBufferPointer<UInt8>
  /// `skipPairs[a << 7 | b]` for ASCII bytes `a`, `b`: a segment starting with `a` is `a`
  /// alone when `b` follows (the machine stops on `b`) and yields no token (a space, or
  /// punctuation without ``TokenizerOptions/includePunctuation``): `tokenize` steps over it.
  private let skipPairs: UnsafeMutableBufferPointer<Bool>
  private static let laneEmit: UInt8 = 0x08
  private static let laneGeneric: UInt8 = 0x10

  /// Creates a fast tokenizer.
  ///
  /// - Parameters:
  ///   - options: Token options.
  ///   - engines: Dictionary engines tried before the ICU fallback (``ICUDictionaryEngine``),
  ///     e.g. a CJK engine. Default: none (ICU splits every dictionary run).
  /// - Throws: ``WinnowError`` when ICU's word rules cannot be loaded.
  public convenience init(
    options: TokenizerOptions = TokenizerOptions(), engines: [any DictionaryEngine] = []
  ) throws(WinnowError) {
    try self.init(options: options, engines: engines, loadsSharedCJK: false)
  }

  /// A fast tokenizer that splits Han/kana runs with ``CJKDictionaryEngine/shared()``,
  /// loaded (once per process, thread-safely) on the first such run rather than now.
  ///
  /// - Parameter options: Token options.
  /// - Throws: ``WinnowError`` when ICU's word rules cannot be loaded.
  convenience init(lazySharedCJK options: TokenizerOptions) throws(WinnowError) {
    try self.init(options: options, engines: [], loadsSharedCJK: true)
  }

  private init(
    options: TokenizerOptions, engines: [any DictionaryEngine], loadsSharedCJK: Bool
  ) throws(WinnowError) {
    self.options = options
    self.rules = try WordRules.shared.get()
    self.engines = engines + [ICUDictionaryEngine()]
    self.cjk = engines.first as? CJKDictionaryEngine
    self.loadsSharedCJK = loadsSharedCJK
    lookAheadSlots = max(rules.lookAheadCount, 1)
    lookAheadMatches = .allocate(capacity: lookAheadSlots)
    lookAheadMatches.initialize(repeating: -1, count: lookAheadSlots)
    tokenBatch = .allocate(capacity: Self.tokenBatchCapacity)
    laneTokens = .allocate(capacity: rules.laneKind.count << 7)
    laneTokens.initialize(repeating: 0)
    let punct = options.includePunctuation
    for id in 0..<rules.laneKind.count {
      for b in 0..<128 {
        var k = rules.laneKind[id]
        if k == WordRules.LaneKind.byFirstByte { k = rules.laneNoneKind[b] }
        let code: UInt8
        switch k {
        case WordRules.LaneKind.word: code = Self.laneEmit | TokenKind.word.rawValue
        case WordRules.LaneKind.number: code = Self.laneEmit | TokenKind.number.rawValue
        case WordRules.LaneKind.skip: code = 0
        case WordRules.LaneKind.punctuation:
          code = punct ? Self.laneEmit | TokenKind.punctuation.rawValue : 0
        case WordRules.LaneKind.symbol:
          code = punct ? Self.laneEmit | TokenKind.symbol.rawValue : 0
        default: code = Self.laneGeneric
        }
        laneTokens[id << 7 | b] = code
      }
    }
    skipPairs = .allocate(capacity: 128 * 128)
    skipPairs.initialize(repeating: false)
    for a in 0..<128 {
      let first = Int(rules.laneFirst[a])
      guard first != 0, laneTokens[first | a] == 0 else { continue }
      for b in 0..<128 where rules.laneRows[first | b] == 0 { skipPairs[a << 7 | b] = true }
    }
  }

  deinit {
    segmentScratch.free()
    runScratch.free()
    scalarScratch.free()
    tokenBatch.deallocate()
    lookAheadMatches.deallocate()
    laneTokens.deallocate()
    skipPairs.deallocate()
  }

  public func tokenize(
    _ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]
  ) throws(WinnowError) {
    guard text.count > 0 else { return }
    guard text.count <= Int(Int32.max) else {
      throw WinnowError(.invalidData, "text of \(text.count) bytes is too long (max 2 GiB)")
    }
    // The same scan as `wordBoundaries`, fused with the kind derivation: ASCII-lane segments
    // become tokens directly; the rest goes through the scratch buffer and `tokenKind`.
    let n = text.count
    let rules = self.rules
    let options = self.options
    let laneTokens = self.laneTokens
    var segment = segmentScratch
    var run = runScratch
    var scalars = scalarScratch
    var batch = TokenBatch(base: tokenBatch, capacity: Self.tokenBatchCapacity)
    defer {
      segmentScratch = segment
      runScratch = run
      scalarScratch = scalars
    }
    let skipPairs = self.skipPairs
    var pos = 0
    while pos < n {
      if pos &+ 1 < n {
        let a = Int(text[pos])
        let b = Int(text[pos &+ 1])
        if a | b < 0x80 && skipPairs[a << 7 | b] {
          pos &+= 1
          continue
        }
      }
      let (end, row) = asciiLane(text, pos)
      if end > 0 {
        let code = laneTokens[row | Int(text[pos])]
        if code & Self.laneEmit != 0, let kind = TokenKind(rawValue: code & 7) {
          batch.append(Token(range: pos..<end, kind: kind), to: &tokens)
        } else if code & Self.laneGeneric != 0,
          let kind = tokenKind(
            text, start: pos, end: end, status: rules.laneStatus[row >> 7], rules: rules,
            options: options)
        {
          batch.append(Token(range: pos..<end, kind: kind), to: &tokens)
        }
        pos = end
        continue
      }
      segment.removeAll()
      let (segmentEnd, status, dictCount, decodedUntil) = nextRuleBoundary(
        text, from: pos, scalars: &scalars)
      if dictCount > 0 {
        try splitDictionaryRuns(
          text, from: pos, to: segmentEnd, status: status, decodedUntil: decodedUntil,
          scalars: &scalars, into: &segment, run: &run)
      }
      segment.append(Int32(truncatingIfNeeded: segmentEnd), status)
      var start = pos
      for i in 0..<segment.count {
        let end = Int(segment.boundaries[i])
        if start < end,
          let k = tokenKind(
            text, start: start, end: end, status: segment.statuses[i], rules: rules,
            options: options)
        {
          batch.append(Token(range: start..<end, kind: k), to: &tokens)
        }
        start = end
      }
      pos = segmentEnd
    }
    batch.flush(to: &tokens)
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
    let laneStatus = rules.laneStatus
    var segment = segmentScratch
    var run = runScratch
    var scalars = scalarScratch
    defer {
      segmentScratch = segment
      runScratch = run
      scalarScratch = scalars
    }
    while pos < n {
      let (end, row) = asciiLane(text, pos)
      if end > 0 {
        boundaries.append(Int32(truncatingIfNeeded: end))
        statuses.append(laneStatus[row >> 7])
        pos = end
        continue
      }
      let (segmentEnd, status, dictCount, decodedUntil) = nextRuleBoundary(
        text, from: pos, scalars: &scalars)
      if dictCount > 0 {
        segment.removeAll()
        try splitDictionaryRuns(
          text, from: pos, to: segmentEnd, status: status, decodedUntil: decodedUntil,
          scalars: &scalars, into: &segment, run: &run)
        boundaries.append(contentsOf: segment.boundaryBuffer)
        statuses.append(contentsOf: segment.statusBuffer)
      }
      boundaries.append(Int32(truncatingIfNeeded: segmentEnd))
      statuses.append(status)
      pos = segmentEnd
    }
  }

  /// The ASCII lane: runs the state machine over ASCII bytes from `pos` with the lane's
  /// tables (``WordRules/laneRows``), exactly as `nextRuleBoundary` would, and gives up
  /// (returns end 0) on anything it does not replay: a non-ASCII byte before the machine
  /// stops, the end of the text (ICU's end-of-input pseudo character), look-ahead states.
  ///
  /// A run of the first byte's category on which the first state loops (letters, digits,
  /// spaces) is skipped with independent loads before the machine runs on.
  ///
  /// - Returns: The segment's end and the lane row (`id << 7`) of its last accepting state
  ///   (whose status and ``WordRules/LaneKind`` the segment gets), or `(0, 0)`.
  @inline(__always)
  func asciiLane(_ text: UnsafeBufferPointer<UInt8>, _ pos: Int) -> (end: Int, row: Int) {
    let rules = self.rules
    let n = text.count
    let b0 = Int(text[pos])
    let first = Int(rules.laneFirst[b0])
    guard first != 0 else { return (0, 0) }
    var j = pos &+ 1
    if rules.laneLoops[b0 & 0x7F] {
      let run = rules.laneRun[b0 & 0x7F]
      var done = false
      if run != WordRules.LaneRun.scalar, let base = text.baseAddress {
        while j &+ 8 <= n {
          let word = UInt64(
            littleEndian: UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
          let k = Self.runLength(word, run)
          j &+= k
          if k < 8 {
            done = true
            break
          }
        }
      }
      if !done {
        let category = rules.laneCategory
        let c = category[b0]
        while j < n && category[Int(text[j])] == c { j &+= 1 }
      }
    }
    let rows = rules.laneRows
    let acceptLimit = rules.laneAcceptLimit
    let plainLimit = rules.lanePlainLimit
    var row = first
    var accepted = first
    var result = j
    var i = j
    while i < n {
      let b = text[i]
      guard b < 0x80 else { return (0, 0) }
      let v = Int(rows[row | Int(b)])
      if v == 0 { return (result, accepted) }
      i &+= 1
      if v < acceptLimit {
        result = i
        accepted = v
      } else if v >= plainLimit {
        return (0, 0)
      }
      row = v
    }
    return (0, 0)
  }

  /// How many of the eight bytes of `word` (little-endian, first byte lowest) belong to
  /// `run` (``WordRules/LaneRun``: ASCII letters, with or without `@`, digits or spaces) before the first that
  /// does not: 0...8. Per-byte range checks in 64-bit arithmetic, with no carries between
  /// bytes (all sums stay below 0x100 on 7-bit values; non-ASCII bytes never match).
  @inline(__always)
  static func runLength(_ word: UInt64, _ run: UInt8) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    let low7 = word & ~high
    let ascii = ~word & high
    let hit: UInt64
    if run == WordRules.LaneRun.lettersAndAt {
      let upper = (low7 &+ 0x40 &* ones) & ~(low7 &+ 0x25 &* ones)  // @...Z
      let lower = (low7 &+ 0x1F &* ones) & ~(low7 &+ 0x05 &* ones)  // a...z
      hit = (upper | lower) & ascii
    } else if run == WordRules.LaneRun.letters {
      let folded = low7 | (0x20 &* ones)  // lower case
      hit = (folded &+ 0x1F &* ones) & ~(folded &+ 0x05 &* ones) & ascii  // a...z
    } else if run == WordRules.LaneRun.digits {
      hit = (low7 &+ 0x50 &* ones) & ~(low7 &+ 0x46 &* ones) & ascii  // 0...9
    } else {
      let t = low7 ^ (0x20 &* ones)  // zero where the byte is a space
      hit = ~(t &+ 0x7F &* ones) & high & ascii
    }
    return (~hit & high).trailingZeroBitCount &>> 3
  }

  /// ICU's `RuleBasedBreakIterator::handleNext`: runs the forward state machine from `start`.
  ///
  /// While the segment's characters are CJK-engine characters (the first one also of a
  /// dictionary category), their scalars and offsets from `start` go to `scalars`, so that
  /// ``splitDictionaryRuns(_:from:to:status:decodedUntil:scalars:into:run:)`` need not
  /// decode a Han run a second time.
  ///
  /// - Returns: The next rule boundary, its rule status, how many dictionary-category
  ///   characters the segment holds, and the end of the characters recorded in `scalars`
  ///   (`start` when none are).
  @inline(__always)
  func nextRuleBoundary(
    _ text: UnsafeBufferPointer<UInt8>, from start: Int, scalars: inout BoundaryBuffer
  ) -> (end: Int, status: Int32, dictCount: Int, decodedUntil: Int) {
    let rules = self.rules
    let next = rules.next
    let accepting = rules.accepting
    let lookAhead = rules.lookAhead
    let catCount = rules.categoryCount
    let dictStart = rules.dictCategoriesStart
    let n = text.count

    // ICU resets its look-ahead results at the start of each `handleNext`.
    for i in 0..<lookAheadSlots { lookAheadMatches[i] = -1 }
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
    // Record the characters' scalars while they are CJK-engine characters.
    scalars.removeAll()
    var recording = true
    var decodedUntil = start
    var entry = readCharacter(
      text, &idx, start: start, scalars: &scalars, recording: &recording,
      decodedUntil: &decodedUntil)
    if UInt8(truncatingIfNeeded: entry) < dictStart && decodedUntil > start {
      // A run split starts at a dictionary character: this segment's run does not start here.
      scalars.removeAll()
      recording = false
      decodedUntil = start
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
        let la = Int(acc) < lookAheadSlots ? lookAheadMatches[Int(acc)] : -1
        if la >= 0 {
          return (la, rules.statusOfState[state], dictCount, decodedUntil)
        }
      }
      let rule = lookAhead[state]
      if rule > 1 && Int(rule) < lookAheadSlots { lookAheadMatches[Int(rule)] = idx }
      if state == 0 { break }  // STOP_STATE
      if mode == 0 {
        if idx >= n {
          atEnd = true
        } else {
          entry = readCharacter(
            text, &idx, start: start, scalars: &scalars, recording: &recording,
            decodedUntil: &decodedUntil)
          // A run of the category the state loops on (a Han run: `$KanaKanji $KanaKanji`),
          // when the state accepts without look-ahead: each character would leave the state,
          // status and look-ahead results as they are and only move `result`, so step over
          // the run without the machine.
          if acc == 1, rule <= 1, Int(entry & 0xFF) == category,
            Int(next[state &* catCount &+ category]) == state
          {
            let dictStep = UInt8(truncatingIfNeeded: category) >= dictStart ? 1 : 0
            while true {
              result = idx
              dictCount &+= dictStep
              if idx >= n {
                atEnd = true
                break
              }
              entry = readCharacter(
                text, &idx, start: start, scalars: &scalars, recording: &recording,
                decodedUntil: &decodedUntil)
              if Int(entry & 0xFF) != category { break }
            }
          }
        }
      } else if mode == 1 {
        mode = 0
      }
    }
    if result == start {
      // The rules matched nothing: advance one character (ICU does the same).
      return (firstEnd, 0, dictCount, decodedUntil)
    }
    return (result, status, dictCount, decodedUntil)
  }

  /// Reads the character at `idx` (`idx < text.count`) for `nextRuleBoundary`: returns its
  /// table entry and moves `idx` past it; while `recording`, appends its scalar and offset
  /// from `start` to `scalars` and moves `decodedUntil` past it if it is a CJK-engine
  /// character, else stops recording.
  @inline(__always)
  private func readCharacter(
    _ text: UnsafeBufferPointer<UInt8>, _ idx: inout Int, start: Int,
    scalars: inout BoundaryBuffer, recording: inout Bool, decodedUntil: inout Int
  ) -> UInt16 {
    let at = idx
    let b = text[at]
    let entry: UInt16
    let scalar: UInt32
    if b < 0x80 {
      entry = rules.ascii[Int(b)]
      scalar = UInt32(b)
      idx = at &+ 1
    } else {
      let d = UTF8Cursor.decodeMultibyte(text, at, text.count, UInt32(b))
      entry = rules.entry(d.scalar)
      scalar = d.scalar
      idx = at &+ d.length
    }
    if recording {
      if entry & WordRules.Props.engineMask == WordRules.Props.engineCJK {
        scalars.append(Int32(truncatingIfNeeded: at &- start), Int32(bitPattern: scalar))
        decodedUntil = idx
      } else {
        recording = false
      }
    }
    return entry
  }

  /// ICU's `DictionaryCache::populateDictionary` for one rule segment: finds the runs of each
  /// break engine's characters and appends the engines' inner boundaries, all with the
  /// segment's rule status (ICU gives every dictionary boundary the status of the segment).
  ///
  /// When `decodedUntil >= to`, the whole segment is one CJK run whose scalars
  /// `nextRuleBoundary` recorded in `scalars` (offsets from `from`); else `scalars` is scratch.
  func splitDictionaryRuns(
    _ text: UnsafeBufferPointer<UInt8>, from: Int, to: Int, status: Int32, decodedUntil: Int,
    scalars: inout BoundaryBuffer, into boundaries: inout BoundaryBuffer,
    run runBoundaries: inout BoundaryBuffer
  ) throws(WinnowError) {
    if decodedUntil >= to && decodedUntil > from {
      // The recorded characters may reach past the segment (the machine reads ahead).
      let length = to &- from
      var count = scalars.count
      while count > 0 && Int(scalars.boundaries[count &- 1]) >= length { count &-= 1 }
      scalars.truncate(to: count)
      try splitRun(
        text, from: from, to: to, engineBits: WordRules.Props.engineCJK,
        firstScalar: UInt32(bitPattern: scalars.statuses[0]), decoded: true,
        status: status, scalars: &scalars, into: &boundaries, run: &runBoundaries)
      return
    }
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
      // Only well-formed scalars carry engine bits, so a CJK run's scalars are exactly what
      // the engine would decode from its bytes: collect them once, here.
      let collect = engineBits == WordRules.Props.engineCJK
      scalars.removeAll()
      if collect { scalars.append(0, Int32(bitPattern: d.scalar)) }
      var k = j + d.length
      while k < to {
        let d2 = UTF8Cursor.decode(text, k)
        if rules.entry(d2.scalar) & WordRules.Props.engineMask != engineBits { break }
        if collect {
          scalars.append(Int32(truncatingIfNeeded: k - j), Int32(bitPattern: d2.scalar))
        }
        k += d2.length
      }
      try splitRun(
        text, from: j, to: k, engineBits: engineBits, firstScalar: d.scalar, decoded: collect,
        status: status, scalars: &scalars, into: &boundaries, run: &runBoundaries)
      j = k
    }
  }

  /// Splits one run of an engine's characters (`from..<to`, first scalar `firstScalar`) and
  /// appends its inner boundaries with `status`. With `decoded`, `scalars` holds the run's
  /// scalars and offsets from `from` (a CJK run); an end entry is appended to it here.
  @inline(__always)
  private func splitRun(
    _ text: UnsafeBufferPointer<UInt8>, from j: Int, to k: Int, engineBits: UInt16,
    firstScalar: UInt32, decoded: Bool, status: Int32, scalars: inout BoundaryBuffer,
    into boundaries: inout BoundaryBuffer, run runBoundaries: inout BoundaryBuffer
  ) throws(WinnowError) {
    let runLength = k - j
    runBoundaries.removeAll()
    if cjk == nil && loadsSharedCJK && engineBits == WordRules.Props.engineCJK {
      do {
        cjk = try CJKDictionaryEngine.shared()
      } catch {
        throw WinnowError(
          error, "cannot load ICU's CJK dictionary (cjdict) for the fast tokenizer")
      }
    }
    if let cjk, cjk.handles(firstScalar) {
      if decoded {
        let count = scalars.count
        scalars.append(Int32(truncatingIfNeeded: runLength), 0)  // offsets[count] = the end
        cjk.segment(
          scalars: scalars.statuses, offsets: scalars.boundaries, count: count,
          into: &runBoundaries)
      } else {
        cjk.segment(UnsafeBufferPointer(rebasing: text[j..<k]), into: &runBoundaries)
      }
    } else {
      let engine = engines.first { $0.handles(firstScalar) } ?? engines[engines.count - 1]
      var b: [Int32] = []
      var s: [Int32] = []
      engine.segment(UnsafeBufferPointer(rebasing: text[j..<k]), boundaries: &b, statuses: &s)
      for (x, y) in zip(b, s) { runBoundaries.append(x, y) }
    }
    var last = 0
    for i in 0..<runBoundaries.count {
      let b = Int(runBoundaries.boundaries[i])
      // Engines report inner boundaries; ICU never breaks at a run's own edges.
      guard b > last, b < runLength else { continue }
      boundaries.append(Int32(truncatingIfNeeded: j + b), status)
      last = b
    }
  }
}
