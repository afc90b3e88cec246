/// A read-only walker over an ICU `UCharsTrie` stored in mapped ICU data.
///
/// This follows the serialized format documented in ICU's `ucharstrie.h` (ICU 72): a trie
/// is a sequence of 16-bit units made of branch nodes (a binary search over the next unit,
/// then a linear list), linear-match nodes (up to 16 units matched in a row) and value
/// nodes (final, or intermediate and sharing the lead unit with the next node). The walker
/// keeps ICU's two state variables — the position of the next unit and the remaining
/// length of a pending linear match — in a value type, so one trie is shared by all threads.
///
/// The units are trusted ICU data (`icudt72l-brkitr/cjdict.dict`), read through the pointer
/// the data's owner keeps mapped; input text only selects which units are read.
struct CJKUCharsTrie: @unchecked Sendable {
  // @unchecked: `root` points into read-only ICU data that the owning engine keeps open.

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
  /// search, the most expensive step): `position << 8 | (remaining + 1) << 2 | step`,
  /// position in units from `root`. Owned by whoever built it (see `makeFirstTable`).
  let firstTable: UnsafePointer<UInt64>

  /// Second-unit transitions out of the branch nodes that `firstTable` leads to, as an
  /// open-addressing hash (`first << 16 | second` -> state, encoded as in `firstTable`;
  /// empty keys are `UInt32.max`). Replaces the second binary search. Owned like
  /// `firstTable`; `pairMask` is the slot count minus one.
  let pairKeys: UnsafePointer<UInt32>
  let pairStates: UnsafePointer<UInt64>
  let pairMask: Int

  /// Bit of a `firstTable` entry: the next unit is looked up in the pair hash.
  static let pairFlag: UInt64 = 0x80

  /// Builds the table for `firstTable`; the caller deallocates it.
  private static func makeFirstTable(root: UnsafePointer<UInt16>) -> UnsafeMutablePointer<UInt64> {
    let table = UnsafeMutablePointer<UInt64>.allocate(capacity: 0x10000)
    let walker = CJKUCharsTrie(
      root: root, firstTable: UnsafePointer(table), pairKeys: UnsafePointer(bitPattern: 8)!,
      pairStates: UnsafePointer(bitPattern: 8)!, pairMask: 0)
    for unit in 0..<0x10000 {
      var cursor = walker.start()
      let step = walker.next(&cursor, Int32(unit))
      if let pos = cursor.pos, step != .noMatch {
        let position = UInt64(pos - root)
        let remaining = UInt64(cursor.remainingMatchLength + 1)
        table[unit] = position << 8 | remaining << 2 | UInt64(step.rawValue)
      } else {
        table[unit] = 0
      }
    }
    return table
  }

  /// Builds the trie with its first-unit and pair tables; `release()` frees them.
  static func make(root: UnsafePointer<UInt16>) -> CJKUCharsTrie {
    let first = makeFirstTable(root: root)
    let plain = CJKUCharsTrie(
      root: root, firstTable: UnsafePointer(first), pairKeys: UnsafePointer(bitPattern: 8)!,
      pairStates: UnsafePointer(bitPattern: 8)!, pairMask: 0)
    // Collect every (first, second) transition out of a branch node.
    var pairs: [(UInt32, UInt64)] = []
    var units: [UInt16] = []
    for unit in 0..<0x10000 {
      var cursor = plain.start()
      guard plain.next(&cursor, Int32(unit)) != .noMatch, let pos = cursor.pos,
        cursor.remainingMatchLength < 0
      else { continue }
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
      for second in units {
        var c = cursor
        let step = plain.next(&c, Int32(second))
        var state: UInt64 = 0
        if step != .noMatch, let q = c.pos {
          state = UInt64(q - root) << 8 | UInt64(c.remainingMatchLength + 1) << 2
            | UInt64(step.rawValue)
        }
        pairs.append((UInt32(unit) << 16 | UInt32(second), state))
      }
      first[unit] |= pairFlag
    }
    var slots = 1024
    while slots < pairs.count * 2 { slots <<= 1 }
    let keys = UnsafeMutablePointer<UInt32>.allocate(capacity: slots)
    keys.initialize(repeating: UInt32.max, count: slots)
    let states = UnsafeMutablePointer<UInt64>.allocate(capacity: slots)
    states.initialize(repeating: 0, count: slots)
    for (key, state) in pairs {
      var slot = hash(key) & (slots - 1)
      while keys[slot] != UInt32.max { slot = (slot + 1) & (slots - 1) }
      keys[slot] = key
      states[slot] = state
    }
    return CJKUCharsTrie(
      root: root, firstTable: UnsafePointer(first), pairKeys: UnsafePointer(keys),
      pairStates: UnsafePointer(states), pairMask: slots - 1)
  }

  /// Frees the tables `make(root:)` allocated.
  func release() {
    UnsafeMutablePointer(mutating: firstTable).deallocate()
    if pairMask > 0 {
      UnsafeMutablePointer(mutating: pairKeys).deallocate()
      UnsafeMutablePointer(mutating: pairStates).deallocate()
    }
  }

  @inline(__always)
  private static func hash(_ key: UInt32) -> Int {
    Int(truncatingIfNeeded: (UInt64(key) &* 0x9E37_79B9_7F4A_7C15) >> 40)
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

  /// The second step after ``first(_:_:)`` returned with ``pairFlag`` set in `entry`:
  /// one hash probe instead of a binary search.
  @inline(__always)
  func second(_ cursor: inout Cursor, _ firstUnit: Int32, _ unit: Int32) -> Step {
    let key = UInt32(truncatingIfNeeded: firstUnit) << 16 | UInt32(truncatingIfNeeded: unit)
    var slot = Self.hash(key) & pairMask
    while true {
      let k = pairKeys[slot]
      if k == key { break }
      if k == UInt32.max {
        cursor.pos = nil
        return .noMatch
      }
      slot = (slot + 1) & pairMask
    }
    let entry = pairStates[slot]
    let step = Step(rawValue: UInt8(truncatingIfNeeded: entry & 3)) ?? .noMatch
    if step == .noMatch {
      cursor.pos = nil
      return .noMatch
    }
    cursor.pos = root + Int(entry >> 8)
    cursor.remainingMatchLength = Int32(truncatingIfNeeded: (entry >> 2) & 0x3F) - 1
    return step
  }

  /// Whether the step after `first(_:_:)` on `unit` should use ``second(_:_:_:)``.
  @inline(__always)
  func secondIsHashed(_ unit: Int32) -> Bool {
    firstTable[Int(unit & 0xFFFF)] & Self.pairFlag != 0
  }

  /// `UCharsTrie::first`: a cursor after one unit, from ``firstTable``.
  @inline(__always)
  func first(_ cursor: inout Cursor, _ unit: Int32) -> Step {
    let entry = firstTable[Int(unit & 0xFFFF)]
    let step = Step(rawValue: UInt8(truncatingIfNeeded: entry & 3)) ?? .noMatch
    if step == .noMatch {
      cursor.pos = nil
      return .noMatch
    }
    cursor.pos = root + Int(entry >> 8)
    cursor.remainingMatchLength = Int32(truncatingIfNeeded: (entry >> 2) & 0x3F) - 1
    return step
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
