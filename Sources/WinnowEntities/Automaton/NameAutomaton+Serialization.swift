import Winnow

extension NameAutomaton {
  /// The automaton as bytes: an 8-byte magic (`WNAC0001`), the match kind, counts, then
  /// each table as little-endian integers. Load it back with ``init(serialized:)``.
  ///
  /// ```swift
  /// let copy = try NameAutomaton(serialized: automaton.serialized())
  /// ```
  public func serialized() -> [UInt8] {
    var w = ByteWriter()
    w.bytes.append(contentsOf: NameAutomaton.magic)
    w.u32(matchKind == .leftmostLongest ? 0 : 1)
    w.u32(UInt32(denseCount))
    w.array(childStart)
    w.bytes(childByte)
    w.array(childTarget)
    w.array(fail)
    w.array(table)
    w.array(terminal)
    w.array(outLink)
    w.array(keyLength)
    w.bytes(keyFlags)
    w.array(valueStart)
    w.array(values)
    return w.bytes
  }

  /// Loads an automaton saved by ``serialized()``.
  ///
  /// Compiled gazetteers are files users download, so everything is checked before the
  /// automaton is used: array sizes, that every index is in range, and the trie's shape
  /// (see ``validate(_:)``), so that a corrupted file is rejected rather than making
  /// searching trap or report a match outside the text.
  ///
  /// - Parameter bytes: the saved bytes.
  /// - Throws: `WinnowError(.invalidData)` if the bytes are not a saved automaton of this
  ///   version or are truncated or inconsistent; the message names the field and the byte
  ///   offset of the first bad value (``WinnowError/byteOffset``).
  ///
  /// ```swift
  /// var bad = automaton.serialized()
  /// bad[bad.count - 1] ^= 0xFF
  /// try NameAutomaton(serialized: bad)  // throws .invalidData ("… valueStart …")
  /// ```
  public init(serialized bytes: [UInt8]) throws(WinnowError) {
    var r = ByteReader(bytes: bytes)
    guard bytes.count >= 8, Array(bytes[0..<8]) == NameAutomaton.magic else {
      throw WinnowError(.invalidData, "not a compiled Winnow name automaton (bad magic); rebuild it from the gazetteer")
    }
    r.pos = 8
    var layout = SerializedLayout()
    let kind = try r.u32()
    let dense = Int(try r.u32())
    layout.childStart = r.pos
    let childStart = try r.array()
    layout.childByte = r.pos
    let childByte = try r.byteArray()
    layout.childTarget = r.pos
    let childTarget = try r.array()
    layout.fail = r.pos
    let fail = try r.array()
    layout.table = r.pos
    let table = try r.array()
    layout.terminal = r.pos
    let terminal = try r.array()
    layout.outLink = r.pos
    let outLink = try r.array()
    layout.keyLength = r.pos
    let keyLength = try r.array()
    let keyFlags = try r.byteArray()
    layout.valueStart = r.pos
    let valueStart = try r.array()
    let values = try r.array()
    let states = fail.count
    // Sizes first, so that the shape checks below can index freely.
    guard kind <= 1, states >= 1, childStart.count == states + 1, terminal.count == states,
      outLink.count == states, dense >= 1, dense <= states, table.count == dense * 256,
      childByte.count == childTarget.count, Int(childStart[states]) == childTarget.count,
      keyFlags.count == keyLength.count, valueStart.count == keyLength.count + 1,
      Int(valueStart[keyLength.count]) == values.count
    else {
      throw WinnowError(.invalidData, "compiled name automaton is truncated or inconsistent (table sizes); rebuild it")
    }
    let automaton = NameAutomaton(
      matchKind: kind == 0 ? .leftmostLongest : .allOverlapping, denseCount: dense,
      childStart: childStart, childByte: childByte, childTarget: childTarget, fail: fail,
      table: table, terminal: terminal, outLink: outLink, keyLength: keyLength,
      keyFlags: keyFlags, valueStart: valueStart, values: values)
    try automaton.validate(layout)
    self = automaton
  }

  /// Where each validated table starts in a serialized automaton (the offset of its
  /// 4-byte count; element `i` of a `UInt32` table is at `start + 4 + 4 * i`).
  struct SerializedLayout {
    var childStart = 0, childByte = 0, childTarget = 0, fail = 0, table = 0, terminal = 0
    var outLink = 0, keyLength = 0, valueStart = 0
  }

  /// Checks the trie's shape, which is what keeps searching in bounds: with it, the state
  /// reached after `i` bytes has depth at most `i`, and every reported key is as long as
  /// its state's depth, so every match lies inside the text.
  ///
  /// - every state but the root has exactly one parent, and a parent comes before its
  ///   children (states are stored breadth first); children's bytes strictly increase;
  /// - a key's length equals the depth of its terminal state;
  /// - failure and output links point to shallower states (the root's failure link to
  ///   itself), and an output link to a terminal state;
  /// - a dense-table entry goes at most one level deeper than its state;
  /// - `valueStart` does not decrease.
  ///
  /// - Throws: `WinnowError(.invalidData)` naming the first bad field, index and byte offset.
  func validate(_ at: SerializedLayout) throws(WinnowError) {
    let states = fail.count
    let none = NameAutomaton.none
    func bad(_ field: String, _ index: Int, _ start: Int, _ what: String) -> WinnowError {
      let offset = start + 4 + 4 * index
      return WinnowError(
        .invalidData,
        "compiled name automaton is corrupt at byte \(offset): \(field)[\(index)] \(what); rebuild it",
        byteOffset: offset)
    }
    guard childStart[0] == 0 else { throw bad("childStart", 0, at.childStart, "is not 0") }
    guard childTarget.count == states - 1 else {
      throw bad("childStart", states, at.childStart, "gives \(childTarget.count) edges for \(states) states")
    }
    let unset = UInt32.max
    var depth = [UInt32](repeating: unset, count: states)
    depth[0] = 0
    for s in 0..<states {
      let lo = Int(childStart[s]), hi = Int(childStart[s + 1])
      guard lo <= hi, hi <= childTarget.count else {
        throw bad("childStart", s + 1, at.childStart, "is out of order or out of range")
      }
      guard depth[s] != unset else { throw bad("childStart", s, at.childStart, "belongs to a state no edge reaches") }
      for c in lo..<hi {
        let t = Int(childTarget[c])
        guard t > s, t < states, depth[t] == unset else {
          throw bad("childTarget", c, at.childTarget, "= \(t) is not a new state after \(s)")
        }
        if c > lo, childByte[c] <= childByte[c - 1] {
          // childByte is a byte array: element c is at start + 4 + c.
          throw WinnowError(
            .invalidData,
            "compiled name automaton is corrupt at byte \(at.childByte + 4 + c): childByte[\(c)] is not above its sibling's; rebuild it",
            byteOffset: at.childByte + 4 + c)
        }
        depth[t] = depth[s] + 1
      }
    }
    guard fail[0] == 0 else { throw bad("fail", 0, at.fail, "is not the root") }
    for s in 0..<states {
      let d = depth[s]
      if s > 0 {
        let f = Int(fail[s])
        guard f < states, depth[f] < d else { throw bad("fail", s, at.fail, "= \(f) is not a shallower state") }
      }
      let o = outLink[s]
      if o != none {
        guard Int(o) < states, depth[Int(o)] < d, terminal[Int(o)] != none else {
          throw bad("outLink", s, at.outLink, "= \(o) is not a shallower terminal state")
        }
      }
      let k = terminal[s]
      if k != none {
        guard Int(k) < keyLength.count else { throw bad("terminal", s, at.terminal, "= \(k) is not a key") }
        guard keyLength[Int(k)] == d else {
          throw bad("keyLength", Int(k), at.keyLength, "= \(keyLength[Int(k)]) differs from its state's depth \(d)")
        }
      }
    }
    for i in 0..<table.count {
      let t = Int(table[i])
      guard t < states, depth[t] <= depth[i >> 8] + 1 else {
        throw bad("table", i, at.table, "= \(t) is not a state at most one level below \(i >> 8)")
      }
    }
    for k in 0..<keyLength.count where valueStart[k] > valueStart[k + 1] {
      throw bad("valueStart", k + 1, at.valueStart, "is below valueStart[\(k)]")
    }
  }
}

/// Appends little-endian integers and length-prefixed arrays.
struct ByteWriter {
  var bytes: [UInt8] = []

  mutating func u32(_ v: UInt32) {
    withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) }
  }

  mutating func array(_ a: [UInt32]) {
    u32(UInt32(a.count))
    #if _endian(little)
      a.withUnsafeBytes { bytes.append(contentsOf: $0) }
    #else
      for v in a { u32(v) }
    #endif
  }

  mutating func bytes(_ a: [UInt8]) {
    u32(UInt32(a.count))
    bytes.append(contentsOf: a)
    while bytes.count % 4 != 0 { bytes.append(0) }
  }

  mutating func string(_ s: String) {
    bytes(Array(s.utf8))
  }
}

/// Reads what ``ByteWriter`` wrote, checking every length.
struct ByteReader {
  let bytes: [UInt8]
  var pos = 0

  static func truncated() -> WinnowError {
    WinnowError(.invalidData, "compiled gazetteer file is truncated; rebuild it")
  }

  mutating func u32() throws(WinnowError) -> UInt32 {
    guard pos + 4 <= bytes.count else { throw ByteReader.truncated() }
    let v = UInt32(bytes[pos]) | UInt32(bytes[pos + 1]) << 8 | UInt32(bytes[pos + 2]) << 16 | UInt32(bytes[pos + 3]) << 24
    pos += 4
    return v
  }

  mutating func array() throws(WinnowError) -> [UInt32] {
    let n = Int(try u32())
    guard n <= (bytes.count - pos) / 4 else { throw ByteReader.truncated() }
    let start = pos
    pos += 4 * n
    #if _endian(little)
      return [UInt32](unsafeUninitializedCapacity: n) { buf, count in
        bytes.withUnsafeBytes { raw in
          UnsafeMutableRawBufferPointer(buf).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<start + 4 * n]))
        }
        count = n
      }
    #else
      return (0..<n).map { i in
        let p = start + 4 * i
        return UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
      }
    #endif
  }

  mutating func byteArray() throws(WinnowError) -> [UInt8] {
    let n = Int(try u32())
    guard n <= bytes.count - pos else { throw ByteReader.truncated() }
    let a = Array(bytes[pos..<pos + n])
    pos += n
    while pos % 4 != 0 { pos += 1 }
    return a
  }

  mutating func string() throws(WinnowError) -> String {
    String(decoding: try byteArray(), as: UTF8.self)
  }
}
