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
