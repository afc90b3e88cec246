/// A read-only walker over an ICU `UCharsTrie` stored in mapped ICU data.
///
/// This follows the serialized format documented in ICU's `ucharstrie.h` (ICU 72): a trie
/// is a sequence of 16-bit units made of branch nodes (a binary search over the next unit,
/// then a linear list), linear-match nodes (up to 16 units matched in a row) and value
/// nodes (final, or intermediate and sharing the lead unit with the next node). The walker
/// keeps ICU's two state variables — the position of the next unit and the remaining
/// length of a pending linear match — in a value type, so one trie is shared by all threads.
///
/// The units are trusted ICU data (`icudt72l-brkitr/cjdict.dict`), copied at start-up into
/// memory this value's owner frees (``release()``); input text only selects which units are read.
struct CJKUCharsTrie: @unchecked Sendable {
  // @unchecked: `root` and the tables are written in `make` only and read-only after, until
  // the owning engine's deinit releases them.

  /// The result of one step, as ICU's `UStringTrieResult`.
  enum Step: UInt8 {
    /// The input unit does not continue any word: stop.
    case noMatch = 0
    /// A prefix of at least one word, itself not a word.
    case noValue = 1
    /// A word that no longer word extends.
    case finalValue = 2
    /// A word that longer words continue.
    case intermediateValue = 3

    @inline(__always) var hasValue: Bool { rawValue >= 2 }
  }

  // ICU's node-encoding constants (ucharstrie.h).
  private static let maxBranchLinearSubNodeLength: Int32 = 5
  private static let minLinearMatch: Int32 = 0x30
  private static let minValueLead: Int32 = 0x40
  private static let nodeTypeMask: Int32 = 0x3f
  private static let valueIsFinal: Int32 = 0x8000
  private static let minTwoUnitValueLead: Int32 = 0x4000
  private static let threeUnitValueLead: Int32 = 0x7fff
  private static let minTwoUnitNodeValueLead: Int32 = 0x4040
  private static let threeUnitNodeValueLead: Int32 = 0x7fc0
  private static let minTwoUnitDeltaLead: Int32 = 0xfc00
  private static let threeUnitDeltaLead: Int32 = 0xffff

  /// The first unit of the trie.
  let root: UnsafePointer<UInt16>
  /// The state after the first unit, for every UTF-16 unit (skips the root's binary
  /// search, the most expensive step), as a ``State`` entry. Owned by whoever built it
  /// (see `make(root:)`).
  let firstTable: UnsafePointer<UInt64>

  /// Second-unit transitions out of the branch nodes that `firstTable` leads to, grouped by
  /// first unit: the transitions of first unit `u` live in slots `pairIndex[u]..<pairIndex[u + 1]`
  /// (a power of two of them, an open-addressing table at most 2/3 full of ``PairEntry``
  /// values, 0 for an empty slot; see ``secondEntry(_:_:)``). Replaces the second binary
  /// search of the trie. Grouping keeps the transitions of frequent characters together (and
  /// in cache) where a global hash scattered them over megabytes; the key shares the slot's
  /// eight bytes with the state, so a probe is one load. Owned like `firstTable`.
  let pairIndex: UnsafePointer<UInt32>
  let pairEntries: UnsafePointer<UInt64>

  /// A walker state packed in 64 bits, with the value of the word it ends (when the step
  /// has one), so the common first and second steps touch neither the trie nor its values:
  /// bits 0–1 the ``Step``, 2–6 remaining linear-match length + 1, 7 ``pairFlag``,
  /// 8–31 the position in units from `root`, 32–63 the value.
  enum State {
    static let pairFlag: UInt64 = 0x80
    static let maxPosition = 1 << 24
    static let maxRemaining: Int32 = 30

    @inline(__always)
    static func step(_ e: UInt64) -> Step {
      Step(rawValue: UInt8(truncatingIfNeeded: e & 3)) ?? .noMatch
    }
    @inline(__always)
    static func position(_ e: UInt64) -> Int { Int(truncatingIfNeeded: (e >> 8) & 0xFF_FFFF) }
    @inline(__always)
    static func remaining(_ e: UInt64) -> Int32 { Int32(truncatingIfNeeded: (e >> 2) & 0x1F) - 1 }
    @inline(__always)
    static func value(_ e: UInt64) -> Int32 { Int32(truncatingIfNeeded: e >> 32) }
  }

  /// A slot of the pair table: a ``State`` entry whose value fits 16 bits (bits 32–47), with
  /// the second unit it is the transition on in bits 48–63. A first unit whose transitions
  /// include a larger value (none in ICU 72's `cjdict`) gets no pair group.
  enum PairEntry {
    @inline(__always)
    static func key(_ e: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: e >> 48) }
    @inline(__always)
    static func value(_ e: UInt64) -> Int32 { Int32(truncatingIfNeeded: (e >> 32) & 0xFFFF) }
    /// The pair slot for `state` (a packed ``State``) on second unit `key`, if its value fits.
    static func make(_ state: UInt64, key: UInt16) -> UInt64? {
      let value = State.value(state)
      guard value >= 0, value <= 0xFFFF else { return nil }
      return state & 0xFFFF_FFFF | UInt64(value) << 32 | UInt64(key) << 48
    }
  }

  /// Why the lookup tables cannot be built (a dictionary too large for ``State``).
  struct TooLarge: Error {}

  /// The packed state of `cursor` after `step` (0 for no match).
  private func pack(_ cursor: Cursor, _ step: Step) throws(TooLarge) -> UInt64 {
    guard step != .noMatch, let pos = cursor.pos else { return 0 }
    let position = pos - root
    guard position >= 0, position < State.maxPosition,
      cursor.remainingMatchLength <= State.maxRemaining
    else { throw TooLarge() }
    let value: Int32 = step.hasValue ? self.value(cursor) : 0
    return UInt64(UInt32(bitPattern: value)) << 32 | UInt64(position) << 8
      | UInt64(cursor.remainingMatchLength + 1) << 2 | UInt64(step.rawValue)
  }

  /// Builds the trie with its first-unit and pair tables; `release()` frees them.
  ///
  /// The trie's `unitCount` units are copied, with the tables, into one block of
  /// ``LargeTableMemory`` (huge pages where available): the walk reads them at random.
  ///
  /// - Throws: `TooLarge` if a position does not fit ``State`` (a dictionary of 16M units),
  ///   or if the tables' memory cannot be allocated.
  static func make(root: UnsafePointer<UInt16>, unitCount: Int) throws(TooLarge) -> CJKUCharsTrie {
    let first = UnsafeMutablePointer<UInt64>.allocate(capacity: 0x10000)
    first.initialize(repeating: 0, count: 0x10000)
    let index = UnsafeMutablePointer<UInt32>.allocate(capacity: 0x10001)
    index.initialize(repeating: 0, count: 0x10001)
    let dummyEntries = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
    dummyEntries.initialize(to: 0)
    defer {
      first.deallocate()
      index.deallocate()
      dummyEntries.deallocate()
    }
    let plain = CJKUCharsTrie(
      root: root, firstTable: UnsafePointer(first), pairIndex: UnsafePointer(index),
      pairEntries: UnsafePointer(dummyEntries))
    // Collect the first-unit states and every (first, second) transition out of a branch node.
    var entries: [UInt64] = []
    var group: [(UInt16, UInt64)] = []
    var units: [UInt16] = []
    do {
      for unit in 0..<0x10000 {
        index[unit] = UInt32(entries.count)
        var cursor = plain.start()
        let step = plain.next(&cursor, Int32(unit))
        first[unit] = try plain.pack(cursor, step)
        guard step != .noMatch, let pos = cursor.pos, cursor.remainingMatchLength < 0 else {
          continue
        }
        var node = Int32(pos.pointee)
        var p = pos + 1
        if node >= minValueLead {
          if node & valueIsFinal != 0 { continue }
          p = skipNodeValue(p, node)
          node &= nodeTypeMask
        }
        guard node < minLinearMatch else { continue }  // a linear match: one compare, no search
        var length = node
        if length == 0 {
          length = Int32(p.pointee)
          p += 1
        }
        units.removeAll(keepingCapacity: true)
        branchUnits(p, length + 1, &units)
        group.removeAll(keepingCapacity: true)
        var fits = true
        for second in units {
          var c = cursor
          let step2 = plain.next(&c, Int32(second))
          let state = try plain.pack(c, step2)
          if state == 0 { continue }  // no match: the same as an empty slot
          guard let slot = PairEntry.make(state, key: second) else {
            fits = false
            break
          }
          group.append((second, slot))
        }
        guard fits else { continue }  // walk the trie after this first unit
        // The group as a small open-addressing table (a power of two, at most 2/3 full),
        // so a lookup is one probe, rarely two, instead of a binary search's chain of
        // dependent loads. An empty slot has entry 0 (no packed state is 0).
        var size = 2
        while size * 2 < group.count * 3 { size *= 2 }
        let base = entries.count
        entries.append(contentsOf: repeatElement(0, count: size))
        for (second, entry) in group {
          var slot = Self.pairSlot(Int(second), size &- 1)
          while entries[base &+ slot] != 0 { slot = (slot &+ 1) & (size &- 1) }
          entries[base &+ slot] = entry
        }
        first[unit] |= State.pairFlag
      }
      index[0x10000] = UInt32(entries.count)
    }
    // One block: the trie's units, the first-unit table, the pair index, the pair slots.
    func rounded(_ bytes: Int) -> Int { (bytes + 63) & ~63 }
    let firstOffset = rounded(unitCount * 2)
    let indexOffset = firstOffset + rounded(0x10000 * 8)
    let entriesOffset = indexOffset + rounded(0x10001 * 4)
    let total = entriesOffset + max(entries.count, 1) * 8
    guard let block = LargeTableMemory.allocate(byteCount: total) else { throw TooLarge() }
    let trieUnits = block.bindMemory(to: UInt16.self, capacity: unitCount)
    trieUnits.update(from: root, count: unitCount)
    let firstTable = (block + firstOffset).bindMemory(to: UInt64.self, capacity: 0x10000)
    firstTable.update(from: first, count: 0x10000)
    let pairIndex = (block + indexOffset).bindMemory(to: UInt32.self, capacity: 0x10001)
    pairIndex.update(from: index, count: 0x10001)
    let pairEntries = (block + entriesOffset).bindMemory(
      to: UInt64.self, capacity: max(entries.count, 1))
    pairEntries.update(from: entries, count: entries.count)
    return CJKUCharsTrie(
      root: UnsafePointer(trieUnits), firstTable: UnsafePointer(firstTable),
      pairIndex: UnsafePointer(pairIndex), pairEntries: UnsafePointer(pairEntries))
  }

  /// Frees the block `make(root:unitCount:)` allocated (which holds `root` and the tables).
  func release() {
    LargeTableMemory.deallocate(UnsafeMutableRawPointer(mutating: root))
  }

  /// The units of a branch node (`UCharsTrie::getNextBranchUChars`).
  private static func branchUnits(
    _ start: UnsafePointer<UInt16>, _ branchLength: Int32, _ out: inout [UInt16]
  ) {
    var pos = start
    var length = branchLength
    while length > maxBranchLinearSubNodeLength {
      pos += 1  // the comparison unit
      branchUnits(jumpByDelta(pos), length >> 1, &out)
      length = length - (length >> 1)
      pos = skipDelta(pos)
    }
    repeat {
      out.append(pos.pointee)
      pos += 1
      pos = skipValue(pos)
      length -= 1
    } while length > 1
    out.append(pos.pointee)
  }

  /// Sets `cursor` from a packed state and returns its step and value (the value is
  /// meaningful only when the step has one).
  @inline(__always)
  private func unpack(_ cursor: inout Cursor, _ entry: UInt64) -> (Step, Int32) {
    let step = State.step(entry)
    if step == .noMatch {
      cursor.pos = nil
      return (.noMatch, 0)
    }
    cursor.pos = root + State.position(entry)
    cursor.remainingMatchLength = State.remaining(entry)
    return (step, State.value(entry))
  }

  /// The second step after ``first(_:_:)`` on `firstUnit`, when ``secondIsHashed(_:)``:
  /// a search of `firstUnit`'s pair group instead of the trie's branch node.
  ///
  /// - Returns: The step and, when it has one, the value of the word it ends.
  @inline(__always)
  func second(_ cursor: inout Cursor, _ firstUnit: Int32, _ unit: Int32) -> (Step, Int32) {
    second(&cursor, entry: secondEntry(firstUnit, unit))
  }

  /// `firstUnit`'s pair group: where its slots start in `pairEntries`, and the slot mask
  /// (the group's size minus one; ≤ 0 when the group is empty).
  @inline(__always)
  private func pairGroup(_ firstUnit: Int32) -> (base: Int, mask: Int) {
    let u = Int(UInt16(truncatingIfNeeded: firstUnit))
    let base = Int(pairIndex[u])
    return (base, Int(pairIndex[u &+ 1]) &- base &- 1)
  }

  /// The ``PairEntry`` (a packed ``State`` with its key) after `firstUnit` then `unit`, when
  /// ``secondIsHashed(_:)`` holds for `firstUnit`; 0 (no match) when no word starts so.
  ///
  /// The lookup depends only on the two units, so a caller can look up a whole run's pairs
  /// in one tight loop (their cache misses overlap) and walk with ``second(_:entry:)``.
  @inline(__always)
  func secondEntry(_ firstUnit: Int32, _ unit: Int32) -> UInt64 {
    let (base, mask) = pairGroup(firstUnit)
    guard mask > 0 else { return 0 }
    let key = UInt16(truncatingIfNeeded: unit)
    var slot = Self.pairSlot(Int(key), mask)
    while true {
      let entry = pairEntries[base &+ slot]
      if entry == 0 || PairEntry.key(entry) == key { return entry }
      slot = (slot &+ 1) & mask
    }
  }

  /// The home slot of `unit` in `firstUnit`'s pair group (0 when the group is empty), for
  /// a ``secondIsHashed(_:)`` first unit: ``secondEntry(_:_:)``'s answer whenever it is 0 or
  /// its ``PairEntry/key(_:)`` is `unit` (else the caller probes on with `secondEntry`). One
  /// load and no branch on it, so a loop over a run's pairs overlaps all their cache misses.
  @inline(__always)
  func secondHome(_ firstUnit: Int32, _ unit: Int32) -> UInt64 {
    let (base, mask) = pairGroup(firstUnit)
    guard mask > 0 else { return 0 }
    return pairEntries[base &+ Self.pairSlot(Int(UInt16(truncatingIfNeeded: unit)), mask)]
  }

  /// The trie unit that the step after pair entry `e` reads first when the entry continues
  /// a word (no value or an intermediate value), else the trie's first unit: a caller that
  /// loads it while it collects a run's pairs overlaps that cache miss with the others.
  @inline(__always)
  func unitAfter(pair e: UInt64) -> UInt16 {
    root[State.position(e) & -Int(e & 1)]
  }

  /// The home slot of second unit `key` in a pair group of `mask + 1` slots.
  @inline(__always)
  static func pairSlot(_ key: Int, _ mask: Int) -> Int {
    Int((UInt32(truncatingIfNeeded: key) &* 0x9E37_79B1) >> 16) & mask
  }

  /// The second step from an entry ``secondEntry(_:_:)`` returned.
  ///
  /// - Returns: The step and, when it has one, the value of the word it ends.
  @inline(__always)
  func second(_ cursor: inout Cursor, entry: UInt64) -> (Step, Int32) {
    let (step, _) = unpack(&cursor, entry)
    return (step, PairEntry.value(entry))
  }

  /// Whether the step after `first(_:_:)` on `unit` should use ``second(_:_:_:)``.
  @inline(__always)
  func secondIsHashed(_ unit: Int32) -> Bool {
    firstTable[Int(unit & 0xFFFF)] & State.pairFlag != 0
  }

  /// `UCharsTrie::first`: a cursor after one unit, from ``firstTable``.
  ///
  /// - Returns: The step and, when it has one, the value of the word it ends.
  @inline(__always)
  func first(_ cursor: inout Cursor, _ unit: Int32) -> (Step, Int32) {
    unpack(&cursor, firstTable[Int(unit & 0xFFFF)])
  }

  /// A walk in progress: ICU's `pos_` and `remainingMatchLength_`.
  struct Cursor {
    var pos: UnsafePointer<UInt16>?
    var remainingMatchLength: Int32 = -1
  }

  /// A cursor at the root, before the first unit.
  @inline(__always) func start() -> Cursor { Cursor(pos: root) }

  /// Advances `cursor` by one UTF-16 unit (`UCharsTrie::next`, or `first` at the root).
  @inline(__always)
  func next(_ cursor: inout Cursor, _ unit: Int32) -> Step {
    guard var pos = cursor.pos else { return .noMatch }
    var length = cursor.remainingMatchLength
    if length >= 0 {
      // Remaining part of a linear-match node.
      if unit == Int32(pos.pointee) {
        pos += 1
        length -= 1
        cursor.remainingMatchLength = length
        cursor.pos = pos
        if length < 0 {
          let node = Int32(pos.pointee)
          if node >= Self.minValueLead { return Self.valueResult(node) }
        }
        return .noValue
      }
      cursor.pos = nil
      return .noMatch
    }
    return nextImpl(&cursor, pos, unit)
  }

  /// The value of the word just matched (`UCharsTrie::getValue`); only after a step whose
  /// result has a value.
  @inline(__always)
  func value(_ cursor: Cursor) -> Int32 {
    guard var pos = cursor.pos else { return 0 }
    let lead = Int32(pos.pointee)
    pos += 1
    if lead & Self.valueIsFinal != 0 {
      return Self.readValue(pos, lead & 0x7fff)
    }
    return Self.readNodeValue(pos, lead)
  }

  private func nextImpl(_ cursor: inout Cursor, _ start: UnsafePointer<UInt16>, _ unit: Int32)
    -> Step
  {
    var pos = start
    var node = Int32(pos.pointee)
    pos += 1
    while true {
      if node < Self.minLinearMatch {
        return branchNext(&cursor, pos, node, unit)
      } else if node < Self.minValueLead {
        // Match the first of length+1 units.
        let length = node - Self.minLinearMatch  // actual match length minus 1
        if unit == Int32(pos.pointee) {
          pos += 1
          cursor.remainingMatchLength = length - 1
          cursor.pos = pos
          if length - 1 < 0 {
            let n = Int32(pos.pointee)
            if n >= Self.minValueLead { return Self.valueResult(n) }
          }
          return .noValue
        }
        break
      } else if node & Self.valueIsFinal != 0 {
        break  // no further matching units
      } else {
        // Skip an intermediate value.
        pos = Self.skipNodeValue(pos, node)
        node &= Self.nodeTypeMask
      }
    }
    cursor.pos = nil
    return .noMatch
  }

  private func branchNext(
    _ cursor: inout Cursor, _ start: UnsafePointer<UInt16>, _ branchLength: Int32, _ unit: Int32
  ) -> Step {
    var pos = start
    var length = branchLength
    if length == 0 {
      length = Int32(pos.pointee)
      pos += 1
    }
    length += 1
    // A binary search down to a short linear list.
    while length > Self.maxBranchLinearSubNodeLength {
      let u = Int32(pos.pointee)
      pos += 1
      if unit < u {
        length >>= 1
        pos = Self.jumpByDelta(pos)
      } else {
        length = length - (length >> 1)
        pos = Self.skipDelta(pos)
      }
    }
    repeat {
      let u = Int32(pos.pointee)
      pos += 1
      if unit == u {
        var node = Int32(pos.pointee)
        let result: Step
        if node & Self.valueIsFinal != 0 {
          result = .finalValue  // leave the final value for value(_:)
        } else {
          // The non-final value is the jump delta.
          pos += 1
          var delta: Int32
          if node < Self.minTwoUnitValueLead {
            delta = node
          } else if node < Self.threeUnitValueLead {
            delta = ((node - Self.minTwoUnitValueLead) << 16) | Int32(pos.pointee)
            pos += 1
          } else {
            delta = (Int32(pos[0]) << 16) | Int32(pos[1])
            pos += 2
          }
          pos += Int(delta)
          node = Int32(pos.pointee)
          result = node >= Self.minValueLead ? Self.valueResult(node) : .noValue
        }
        cursor.pos = pos
        return result
      }
      length -= 1
      pos = Self.skipValue(pos)
    } while length > 1
    let u = Int32(pos.pointee)
    pos += 1
    if unit == u {
      cursor.pos = pos
      let node = Int32(pos.pointee)
      return node >= Self.minValueLead ? Self.valueResult(node) : .noValue
    }
    cursor.pos = nil
    return .noMatch
  }

  @inline(__always)
  private static func valueResult(_ node: Int32) -> Step {
    node & valueIsFinal != 0 ? .finalValue : .intermediateValue
  }

  @inline(__always)
  private static func readValue(_ pos: UnsafePointer<UInt16>, _ lead: Int32) -> Int32 {
    if lead < minTwoUnitValueLead { return lead }
    if lead < threeUnitValueLead {
      return ((lead - minTwoUnitValueLead) << 16) | Int32(pos[0])
    }
    return (Int32(pos[0]) << 16) | Int32(pos[1])
  }

  @inline(__always)
  private static func readNodeValue(_ pos: UnsafePointer<UInt16>, _ lead: Int32) -> Int32 {
    if lead < minTwoUnitNodeValueLead { return (lead >> 6) - 1 }
    if lead < threeUnitNodeValueLead {
      return (((lead & 0x7fc0) - minTwoUnitNodeValueLead) << 10) | Int32(pos[0])
    }
    return (Int32(pos[0]) << 16) | Int32(pos[1])
  }

  @inline(__always)
  private static func skipValue(_ start: UnsafePointer<UInt16>) -> UnsafePointer<UInt16> {
    let lead = Int32(start.pointee) & 0x7fff
    let pos = start + 1
    if lead >= minTwoUnitValueLead {
      return lead < threeUnitValueLead ? pos + 1 : pos + 2
    }
    return pos
  }

  @inline(__always)
  private static func skipNodeValue(_ pos: UnsafePointer<UInt16>, _ lead: Int32)
    -> UnsafePointer<UInt16>
  {
    if lead >= minTwoUnitNodeValueLead {
      return lead < threeUnitNodeValueLead ? pos + 1 : pos + 2
    }
    return pos
  }

  @inline(__always)
  private static func jumpByDelta(_ start: UnsafePointer<UInt16>) -> UnsafePointer<UInt16> {
    var pos = start
    var delta = Int32(pos.pointee)
    pos += 1
    if delta >= minTwoUnitDeltaLead {
      if delta == threeUnitDeltaLead {
        delta = (Int32(pos[0]) << 16) | Int32(pos[1])
        pos += 2
      } else {
        delta = ((delta - minTwoUnitDeltaLead) << 16) | Int32(pos.pointee)
        pos += 1
      }
    }
    return pos + Int(delta)
  }

  @inline(__always)
  private static func skipDelta(_ start: UnsafePointer<UInt16>) -> UnsafePointer<UInt16> {
    let delta = Int32(start.pointee)
    let pos = start + 1
    if delta >= minTwoUnitDeltaLead {
      return delta == threeUnitDeltaLead ? pos + 2 : pos + 1
    }
    return pos
  }
}
