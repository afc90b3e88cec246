internal import CICU

/// ICU 72's compiled word-break rules (`word.brk`, the root rules that `zh` uses), copied
/// once into Swift arrays, plus one two-stage per-code-point table the scanner reads.
///
/// Why the compiled rules: ICU tailors UAX #29 (e.g. keeps Han/kana/Hangul runs together for
/// the dictionary, gives kana status 400, handles emoji and `WSegSpace` its own way). Reading
/// the very state machine ICU runs (`RBBIDataHeader` → forward `RBBIStateTable`, the
/// character-category `UCPTrie` and the rule-status table) makes the fast path agree with
/// ICU by construction, including every tailoring, without calling ICU per character.
///
/// Table entry per code point (UInt16): low byte = rule character category;
/// high byte = ``Props`` bits used for dictionary runs and token kinds.
// @unchecked Sendable: every buffer is written once in `init`, never mutated or freed after.
struct WordRules: @unchecked Sendable {
  // MARK: State machine
  let categoryCount: Int
  let dictCategoriesStart: UInt8
  let bofRequired: Bool
  let lookAheadCount: Int
  /// next[state * categoryCount + category]
  let next: UnsafeBufferPointer<UInt16>
  let accepting: UnsafeBufferPointer<UInt16>
  let lookAhead: UnsafeBufferPointer<UInt16>
  /// Rule status (the largest of the group, as `ubrk_getRuleStatus` reports) per state.
  let statusOfState: UnsafeBufferPointer<Int32>

  // MARK: ASCII lane (derived from the state machine; see `FastWordTokenizer`)
  /// The lane's copy of the state machine over ASCII bytes, with states renumbered so one
  /// compare classifies them: id 0 = stop; ids below `laneAcceptLimit >> 7` accept
  /// unconditionally (no look-ahead); then plain non-accepting states up to
  /// `lanePlainLimit >> 7`; every other id (look-ahead, or a dictionary category) makes the
  /// lane give up. `laneRows[row + byte]` = the next state's row (`id << 7`), `row = id << 7`.
  let laneRows: UnsafeBufferPointer<UInt16>
  let laneAcceptLimit: Int
  let lanePlainLimit: Int
  /// Per byte (256 entries, 0 for non-ASCII): the row of the state after that byte from the
  /// start state, when it accepts unconditionally; 0 when the lane cannot start with it.
  let laneFirst: UnsafeBufferPointer<UInt16>
  /// Per byte (256 entries): the rule category for ASCII bytes, 0xFF for non-ASCII ones.
  let laneCategory: UnsafeBufferPointer<UInt8>
  /// Per ASCII first byte: whether the state after it loops on the byte's category (a run of
  /// letters, digits or spaces that the lane skips without running the machine).
  let laneLoops: UnsafeBufferPointer<Bool>
  /// Per ASCII first byte: how the lane may skip its run eight bytes at a time (``LaneRun``),
  /// when the bytes of its category are exactly the ASCII letters, digits or the space.
  let laneRun: UnsafeBufferPointer<UInt8>
  /// Per lane state id: its rule status (the largest of its group, as ICU reports).
  let laneStatus: UnsafeBufferPointer<Int32>
  /// Per lane state id: the token kind a segment ending in it gets: ``LaneKind``.
  let laneKind: UnsafeBufferPointer<UInt8>
  /// Per ASCII byte: the ``LaneKind`` of a status-0 segment starting with it.
  let laneNoneKind: UnsafeBufferPointer<UInt8>

  /// Runs the lane skips with 64-bit word arithmetic (see `FastWordTokenizer.runLength`).
  enum LaneRun {
    static let scalar: UInt8 = 0
    static let letters: UInt8 = 1
    static let digits: UInt8 = 2
    static let space: UInt8 = 3
    /// `[@A-Za-z]`: ICU's `word.txt` puts `@` in `$ALetter`.
    static let lettersAndAt: UInt8 = 4
  }

  /// Token kinds the lane derives itself (the same as ``appendTokens`` derives).
  enum LaneKind {
    /// Status 0–99: the kind depends on the first byte (see `laneNoneKind`).
    static let byFirstByte: UInt8 = 0
    static let word: UInt8 = 1
    static let number: UInt8 = 2
    /// Anything else: ask ``appendTokens``.
    static let generic: UInt8 = 3
    /// Status 0–99 segment: no token (white space, controls).
    static let skip: UInt8 = 4
    static let punctuation: UInt8 = 5
    static let symbol: UInt8 = 6
  }

  // MARK: Per-code-point table
  /// Entries for U+0000...U+007F: the ASCII lane.
  let ascii: UnsafeBufferPointer<UInt16>
  /// Stage 1: block number per 64 code points (0x110000 / 64 entries).
  let stage1: UnsafeBufferPointer<UInt16>
  /// Stage 2: deduplicated 64-entry blocks.
  let stage2: UnsafeBufferPointer<UInt16>
  /// Entry for U+FFFD, used for ill-formed UTF-8.
  let replacementEntry: UInt16
  /// The rule character categories as ICU stores them (kept for the table's self-test).
  let categoryTrie: UCPTrieReader

  /// Per-code-point bits beside the rule category.
  enum Props {
    /// Bits 0–2: which ICU break engine's set holds the code point.
    static let engineMask: UInt16 = 0x0700
    static let engineCJK: UInt16 = 0x0100
    static let engineThai: UInt16 = 0x0200
    static let engineLao: UInt16 = 0x0300
    static let engineKhmer: UInt16 = 0x0400
    static let engineMyanmar: UInt16 = 0x0500
    /// Bits 3–6: the ``CharClass`` used to derive token kinds.
    static let classShift: UInt16 = 11
    static let classMask: UInt16 = 0x7800
    /// Bit 7: an emoji component (U+FE0F, U+200D, U+20E3, skin-tone modifiers).
    static let emojiComponent: UInt16 = 0x8000
  }

  /// Character classes for token kinds (see ``TokenKind`` for how they are used).
  enum CharClass: UInt16 {
    case symbol = 0, punctuation, skip, kana, pictographic, regionalIndicator
  }

  static let shared: Result<WordRules, WinnowError> = {
    do throws(WinnowError) { return .success(try WordRules()) } catch { return .failure(error) }
  }()

  @inline(__always)
  func entry(_ c: UInt32) -> UInt16 {
    if c < 0x80 { return ascii[Int(c)] }
    let block = Int(stage1[Int(c >> 6)])
    return stage2[block &<< 6 | Int(c & 63)]
  }

  private init() throws(WinnowError) {
    var status: Int32 = 0
    let pkg = cicu_brkitr_package()
    guard let data = cicu_data_open(pkg, "brk", "word", &status), status <= 0,
      let mem = cicu_data_memory(data)
    else {
      throw WinnowError(
        .internal, "cannot open ICU's word break rules (brkitr/word.brk)",
        cause: String(cString: cicu_error_name(status)))
    }
    defer { cicu_data_close(data) }
    let base = UnsafeRawPointer(mem)
    func u32(_ off: Int) -> UInt32 { base.loadUnaligned(fromByteOffset: off, as: UInt32.self) }
    guard u32(0) == 0xB1A0, base.load(fromByteOffset: 4, as: UInt8.self) == 6 else {
      throw WinnowError(.internal, "ICU's word.brk has an unexpected format (want RBBI data v6)")
    }
    let length = Int(u32(8))
    let catCount = Int(u32(12))
    let fTable = Int(u32(16)), fTableLen = Int(u32(20))
    let trieOff = Int(u32(32)), trieLen = Int(u32(36))
    let statusOff = Int(u32(48)), statusLen = Int(u32(52))
    guard fTable + fTableLen <= length, trieOff + trieLen <= length,
      statusOff + statusLen <= length, catCount > 0, catCount < 256
    else { throw WinnowError(.internal, "ICU's word.brk header is inconsistent") }

    // Rule status groups: [count, v1, ..., vcount]; ICU reports the last (largest).
    let statusTable = (0..<statusLen / 4).map { Int32(bitPattern: u32(statusOff + 4 * $0)) }

    // Forward state table.
    let numStates = Int(u32(fTable)), rowLen = Int(u32(fTable + 4))
    let dictStart = Int(u32(fTable + 8)), laSize = Int(u32(fTable + 12))
    let flags = u32(fTable + 16)
    let eightBit = flags & 4 != 0
    let rows = fTable + 20
    guard rows + numStates * rowLen <= fTable + fTableLen else {
      throw WinnowError(.internal, "ICU's word.brk state table is truncated")
    }
    var next = [UInt16](repeating: 0, count: numStates * catCount)
    var accepting = [UInt16](repeating: 0, count: numStates)
    var lookAhead = [UInt16](repeating: 0, count: numStates)
    var statusOfState = [Int32](repeating: 0, count: numStates)
    for s in 0..<numStates {
      let row = rows + s * rowLen
      func field(_ i: Int) -> UInt16 {
        eightBit
          ? UInt16(base.load(fromByteOffset: row + i, as: UInt8.self))
          : base.loadUnaligned(fromByteOffset: row + 2 * i, as: UInt16.self)
      }
      accepting[s] = field(0)
      lookAhead[s] = field(1)
      let tags = Int(field(2))
      if tags < statusTable.count {
        let idx = tags + Int(statusTable[tags])
        statusOfState[s] = idx < statusTable.count ? statusTable[idx] : 0
      }
      for c in 0..<catCount { next[s * catCount + c] = field(3 + c) }
    }

    // Character categories from the UCPTrie (ucptrie_openFromBinary layout), merged with
    // the property bits, built per range of code points over which all inputs are constant.
    let trie = try UCPTrieReader(base: base + trieOff, length: trieLen)
    let (stage1, stage2) = try Self.buildStages(
      trie: trie, trieBytes: base + trieOff, trieLength: trieLen)
    guard next.allSatisfy({ Int($0) < numStates }), numStates > 1,
      stage2.allSatisfy({ Int($0 & 0xFF) < catCount })
    else { throw WinnowError(.internal, "ICU's word.brk tables are inconsistent") }
    self.categoryCount = catCount
    self.categoryTrie = trie
    self.dictCategoriesStart = UInt8(clamping: dictStart)
    self.bofRequired = flags & 2 != 0
    self.lookAheadCount = laSize
    self.next = immortal(next)
    self.accepting = immortal(accepting)
    self.lookAhead = immortal(lookAhead)
    self.statusOfState = immortal(statusOfState)
    self.stage1 = immortal(stage1)
    self.stage2 = immortal(stage2)
    let asciiTable = (0..<128).map { c in stage2[Int(stage1[0]) << 6 | c] }
    self.ascii = immortal(asciiTable)
    // The ASCII lane replays what the machine does, so it is exact when: the stop state
    // neither accepts nor records look-ahead and no start-of-text pseudo character is needed.
    // States are renumbered: stop, unconditionally accepting, plain non-accepting, the rest.
    let laneOK = accepting[0] == 0 && lookAhead[0] == 0 && flags & 2 == 0
    var order: [Int] = [0]
    order += (1..<numStates).filter { accepting[$0] == 1 && lookAhead[$0] == 0 }
    let acceptCount = order.count
    order += (1..<numStates).filter { accepting[$0] == 0 && lookAhead[$0] == 0 }
    let plainCount = order.count
    order += (1..<numStates).filter { !(accepting[$0] <= 1 && lookAhead[$0] == 0) }
    order.append(-1)  // a state that makes the lane give up (dictionary categories)
    let giveUp = order.count - 1
    var newID = [Int](repeating: 0, count: numStates)
    for (id, s) in order.enumerated() where s >= 0 { newID[s] = id }
    let laneStates = order.count
    let laneOn = laneOK && laneStates << 7 <= Int(UInt16.max)
    var rowsTable = [UInt16](repeating: 0, count: laneOn ? laneStates << 7 : 128)
    var first = [UInt16](repeating: 0, count: 256)
    var loops = [Bool](repeating: false, count: 128)
    var category = [UInt8](repeating: 0xFF, count: 256)
    var laneStatus = [Int32](repeating: 0, count: laneStates)
    var laneKind = [UInt8](repeating: LaneKind.generic, count: laneStates)
    var noneKind = [UInt8](repeating: LaneKind.generic, count: 128)
    for b in 0..<128 { category[b] = UInt8(truncatingIfNeeded: asciiTable[b] & 0xFF) }
    if laneOn {
      for (id, s) in order.enumerated() where s >= 0 {
        let st = statusOfState[s]
        laneStatus[id] = st
        laneKind[id] =
          st < 100
          ? LaneKind.byFirstByte
          : st < 200
            ? LaneKind.number
            : st < 300 ? LaneKind.word : LaneKind.generic
        guard id < plainCount, id > 0 else { continue }
        for b in 0..<128 {
          let cat = Int(category[b])
          let to = cat < dictStart ? newID[Int(next[s * catCount + cat])] : giveUp
          rowsTable[id << 7 | b] = UInt16(to << 7)
        }
      }
      for b in 0..<128 {
        let cat = Int(category[b])
        guard cat < dictStart else { continue }
        let s1 = Int(next[1 * catCount + cat])
        guard s1 != 0, accepting[s1] == 1, lookAhead[s1] == 0 else { continue }
        first[b] = UInt16(newID[s1] << 7)
        loops[b] = Int(next[s1 * catCount + cat]) == s1
        let cls = (asciiTable[b] & Props.classMask) >> Props.classShift
        switch CharClass(rawValue: cls) {
        case .skip: noneKind[b] = LaneKind.skip
        case .punctuation: noneKind[b] = LaneKind.punctuation
        case .symbol: noneKind[b] = LaneKind.symbol
        default: noneKind[b] = LaneKind.generic
        }
      }
    }
    // Eight-at-a-time runs, only where the category's ASCII bytes are exactly the class.
    var laneRun = [UInt8](repeating: LaneRun.scalar, count: 128)
    let classes: [(UInt8, UInt8, (Int) -> Bool)] = [
      (LaneRun.letters, 0x61, { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }),
      (LaneRun.lettersAndAt, 0x61, { (0x40...0x5A).contains($0) || (0x61...0x7A).contains($0) }),
      (LaneRun.digits, 0x30, { (0x30...0x39).contains($0) }),
      (LaneRun.space, 0x20, { $0 == 0x20 }),
    ]
    for (run, sample, member) in classes {
      let cat = category[Int(sample)]
      let same = (0..<128).filter { category[$0] == cat }
      guard same == (0..<128).filter(member) else { continue }
      for b in same where loops[b] { laneRun[b] = run }
    }
    self.laneRun = immortal(laneRun)
    self.laneRows = immortal(rowsTable)
    self.laneAcceptLimit = acceptCount << 7
    self.lanePlainLimit = plainCount << 7
    self.laneFirst = immortal(first)
    self.laneCategory = immortal(category)
    self.laneLoops = immortal(loops)
    self.laneStatus = immortal(laneStatus)
    self.laneKind = immortal(laneKind)
    self.laneNoneKind = immortal(noneKind)
    self.replacementEntry = stage2[Int(stage1[0xFFFD >> 6]) << 6 | (0xFFFD & 63)]
  }
}

extension WordRules {
  /// The per-code-point entry computed directly (trie lookup plus ``PropertyScan``), one
  /// ICU property call set per code point: the reference the range-built table must equal.
  static func referenceEntry(_ c: UInt32, trie: UCPTrieReader) -> UInt16 {
    UInt16(truncatingIfNeeded: trie.value(c)) & 0xFF | PropertyScan().bits(c)
  }

  /// Builds the two-stage table (64-code-point blocks, deduplicated) from ranges: the code
  /// points at which the trie's category or any property ``PropertyScan`` reads changes
  /// (ICU's own range enumeration, `cicu_property_range_starts`), plus the code points it
  /// tests by value. Within each range every input is constant, so one
  /// ``referenceEntry(_:trie:)`` per range gives the entry of all its code points; blocks
  /// inside one range (most of the code space) need no per-code-point work at all.
  /// `WordRulesTableTests` checks the result against ``referenceEntry(_:trie:)`` for every
  /// code point, so a property ``PropertyScan`` starts reading without adding it here fails.
  static func buildStages(
    trie: UCPTrieReader, trieBytes: UnsafeRawPointer, trieLength: Int
  ) throws(WinnowError) -> (stage1: [UInt16], stage2: [UInt16]) {
    var starts: [Int32] = []
    try appendRangeStarts(to: &starts) { buffer, capacity, status in
      cicu_ucptrie_range_starts(trieBytes, Int32(trieLength), buffer, capacity, &status)
    }
    for property in PropertyScan.properties {
      try appendRangeStarts(to: &starts) { buffer, capacity, status in
        cicu_property_range_starts(property, buffer, capacity, &status)
      }
    }
    for c in PropertyScan.pointsTestedByValue {
      starts.append(Int32(c)); starts.append(Int32(c + 1))
    }
    starts.append(0x110000)
    starts.sort()
    // Unique range starts, ending with 0x110000.
    var bounds: [Int32] = []
    bounds.reserveCapacity(starts.count)
    for s in starts where s >= 0 && s <= 0x110000 && bounds.last != s { bounds.append(s) }
    guard bounds.first == 0, bounds.last == 0x110000 else {
      throw WinnowError(.internal, "ICU's property ranges do not cover the code space")
    }
    let values = (0..<bounds.count - 1).map { referenceEntry(UInt32(bounds[$0]), trie: trie) }

    var stage1 = [UInt16](repeating: 0, count: 0x110000 >> 6)
    var stage2: [UInt16] = []
    var uniform: [UInt16: UInt16] = [:]
    var mixed: [[UInt16]: UInt16] = [:]
    var block = [UInt16](repeating: 0, count: 64)
    var r = 0  // bounds[r] <= the current code point < bounds[r + 1]
    for b in 0..<(0x110000 >> 6) {
      let lo = Int32(b << 6), hi = lo + 64
      while bounds[r + 1] <= lo { r += 1 }
      let id: UInt16
      if bounds[r + 1] >= hi {
        let v = values[r]
        if let n = uniform[v] {
          id = n
        } else {
          id = UInt16(stage2.count >> 6)
          uniform[v] = id
          stage2.append(contentsOf: repeatElement(v, count: 64))
        }
      } else {
        var k = r
        for i in 0..<64 {
          while bounds[k + 1] <= lo + Int32(i) { k += 1 }
          block[i] = values[k]
        }
        if let n = mixed[block] {
          id = n
        } else {
          id = UInt16(stage2.count >> 6)
          mixed[block] = id
          stage2.append(contentsOf: block)
        }
      }
      stage1[b] = id
    }
    return (stage1, stage2)
  }

  /// Appends the range starts a `cicu_*_range_starts` call reports, growing its buffer once
  /// if the first guess is too small.
  private static func appendRangeStarts(
    to starts: inout [Int32],
    _ call: (UnsafeMutablePointer<Int32>, Int32, inout Int32) -> Int32
  ) throws(WinnowError) {
    var capacity = 8192
    for _ in 0..<2 {
      var status: Int32 = 0
      var buffer = [Int32](repeating: 0, count: capacity)
      let n = buffer.withUnsafeMutableBufferPointer { b in
        guard let p = b.baseAddress else { return Int32(0) }
        return call(p, Int32(capacity), &status)
      }
      guard status <= 0, n > 0 else {
        throw WinnowError(
          .internal, "cannot enumerate ICU character property ranges",
          cause: String(cString: cicu_error_name(status)))
      }
      if Int(n) <= capacity {
        starts.append(contentsOf: buffer[0..<Int(n)])
        return
      }
      capacity = Int(n)
    }
    throw WinnowError(.internal, "ICU's character property ranges changed while read")
  }
}

/// A copy of `array` that lives for the rest of the process (tables shared by all scanners).
private func immortal<T>(_ array: [T]) -> UnsafeBufferPointer<T> {
  let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: array.count)
  _ = buffer.initialize(from: array)
  return UnsafeBufferPointer(buffer)
}

/// Reads values from a serialized `UCPTrie` (ICU's ucptrie.h "Tri3" format).
struct UCPTrieReader {
  let index: [UInt16]
  let data: [UInt32]
  let fast: Bool
  let highStart: UInt32

  init(base: UnsafeRawPointer, length: Int) throws(WinnowError) {
    func u16(_ off: Int) -> UInt16 { base.loadUnaligned(fromByteOffset: off, as: UInt16.self) }
    guard length >= 16, base.loadUnaligned(as: UInt32.self) == 0x5472_6933 else {
      throw WinnowError(.internal, "ICU's word.brk character trie is not a UCPTrie")
    }
    let options = u16(4)
    let indexLength = Int(u16(6))
    let dataLength = Int(options & 0xF000) << 4 | Int(u16(8))
    let width = options & 7
    fast = (options >> 6) & 3 == 0
    highStart = UInt32(u16(14)) << 9
    let unit = width == 0 ? 2 : width == 1 ? 4 : 1
    guard width <= 2, 16 + 2 * indexLength + unit * dataLength <= length, dataLength >= 2 else {
      throw WinnowError(.internal, "ICU's word.brk character trie is truncated")
    }
    index = (0..<indexLength).map { u16(16 + 2 * $0) }
    let d = 16 + 2 * indexLength
    data = (0..<dataLength).map { i in
      switch unit {
      case 2: UInt32(u16(d + 2 * i))
      case 4: base.loadUnaligned(fromByteOffset: d + 4 * i, as: UInt32.self)
      default: UInt32(base.load(fromByteOffset: d + i, as: UInt8.self))
      }
    }
  }

  func value(_ c: UInt32) -> UInt32 {
    let fastMax: UInt32 = fast ? 0xFFFF : 0xFFF
    let i: Int
    if c <= fastMax {
      i = Int(index[Int(c >> 6)]) + Int(c & 63)
    } else if c > 0x10FFFF {
      i = data.count - 1
    } else if c >= highStart {
      i = data.count - 2
    } else {
      var i1 = Int(c >> 14)
      i1 += fast ? 1024 - 4 : 64
      var i3Block = Int(index[Int(index[i1]) + Int((c >> 9) & 31)])
      var i3 = Int((c >> 4) & 31)
      var dataBlock: Int
      if i3Block & 0x8000 == 0 {
        dataBlock = Int(index[i3Block + i3])
      } else {
        i3Block = (i3Block & 0x7FFF) + (i3 & ~7) + (i3 >> 3)
        i3 &= 7
        dataBlock = (Int(index[i3Block]) << (2 + 2 * i3)) & 0x30000
        dataBlock |= Int(index[i3Block + 1 + i3])
      }
      i = dataBlock + Int(c & 15)
    }
    return i < data.count ? data[i] : 0
  }
}

/// Computes the ``WordRules/Props`` bits of a code point from ICU's character properties
/// (`cicu_char_property`), once per code point while the table is built.
struct PropertyScan {
  /// Every ICU property ``bits(_:)`` reads (range-based table building enumerates these).
  static let properties: [cicu_property] = [
    CICU_PROP_GENERAL_CATEGORY, CICU_PROP_SCRIPT, CICU_PROP_LINE_BREAK_DICTIONARY,
    CICU_PROP_WHITE_SPACE, CICU_PROP_EXTENDED_PICTOGRAPHIC, CICU_PROP_EMOJI_MODIFIER,
  ]
  /// Every code point (or first/last of a span) ``bits(_:)`` tests by value.
  static let pointsTestedByValue: [UInt32] = [
    0x3_2400 - 1, 0xE_0000 - 1, 0xFF9E, 0xFF9F, 0xFF70, 0x30FC, 0x1F1E6 - 1, 0x1F1FF,
    0xFE0F, 0x200D, 0x20E3,
  ]

  func bits(_ c: UInt32) -> UInt16 {
    let cp = Int32(c)
    let gc = cicu_char_property(cp, CICU_PROP_GENERAL_CATEGORY)
    if gc == 0 && c >= 0x3_2400 && c < 0xE_0000 { return 0 }  // unassigned, unhandled: symbol
    let script = cicu_char_property(cp, CICU_PROP_SCRIPT)
    var bits: UInt16 = 0
    // ICU 72 dictbe.cpp / cjkbreakengine sets.
    let sa = cicu_char_property(cp, CICU_PROP_LINE_BREAK_DICTIONARY) != 0
    switch script {
    case 17, 20, 22: bits |= WordRules.Props.engineCJK  // Han, Hiragana, Katakana
    case 38 where sa: bits |= WordRules.Props.engineThai
    case 24 where sa: bits |= WordRules.Props.engineLao
    case 23 where sa: bits |= WordRules.Props.engineKhmer
    case 28 where sa: bits |= WordRules.Props.engineMyanmar
    default:
      if c == 0xFF9E || c == 0xFF9F || c == 0xFF70 || c == 0x30FC {
        bits |= WordRules.Props.engineCJK
      }
    }
    let cls: WordRules.CharClass
    if cicu_char_property(cp, CICU_PROP_WHITE_SPACE) != 0 {
      cls = .skip
    } else if c >= 0x1F1E6 && c <= 0x1F1FF {
      cls = .regionalIndicator
    } else if cicu_char_property(cp, CICU_PROP_EXTENDED_PICTOGRAPHIC) != 0 {
      cls = .pictographic
    } else if script == 20 || script == 22 || c == 0x30FC || c == 0xFF70 {
      cls = .kana
    } else {
      switch gc {
      case 12, 13, 14, 15, 16: cls = .skip  // Zs Zl Zp Cc Cf
      case 19, 20, 21, 22, 23, 28, 29: cls = .punctuation  // Pd Ps Pe Pc Po Pi Pf
      default: cls = .symbol
      }
    }
    bits |= cls.rawValue << WordRules.Props.classShift
    if c == 0xFE0F || c == 0x200D || c == 0x20E3
      || cicu_char_property(cp, CICU_PROP_EMOJI_MODIFIER) != 0
    {
      bits |= WordRules.Props.emojiComponent
    }
    return bits
  }
}
