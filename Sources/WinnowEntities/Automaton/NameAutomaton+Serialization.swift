import Winnow

extension NameAutomaton {
  /// The automaton as bytes: an 8-byte magic (`WNAC0002`), the match kind, flags, the state
  /// and dense-row counts, then each flat table as a count and little-endian integers
  /// (`nodes`, `table`, `keyLength`, `keyFlags`, `valueStart`, `values`). Load it back with
  /// ``init(serialized:)``: the tables are copied as they are, with no per-state decoding.
  ///
  /// ```swift
  /// let copy = try NameAutomaton(serialized: automaton.serialized())
  /// ```
  public func serialized() -> [UInt8] {
    var w = ByteWriter()
    w.bytes.reserveCapacity(memoryBytes + 64)
    w.bytes.append(contentsOf: NameAutomaton.magic)
    w.u32(matchKind == .leftmostLongest ? 0 : 1)
    w.u32((tokenBoundaries ? 1 : 0) | (illFormedStarts ? 2 : 0))
    w.u32(UInt32(stateCount))
    w.u32(UInt32(denseCount))
    w.array(nodes)
    w.array(table)
    w.array(keyLength)
    w.bytes(keyFlags)
    w.array(valueStart)
    w.array(values)
    return w.bytes
  }

  /// Loads an automaton saved by ``serialized()``.
  ///
  /// Compiled gazetteers are files users download, so everything is checked before the
  /// automaton is used, in one pass over the tables: sizes, that every index is in range,
  /// and the trie's shape (see ``validate(_:)``), so that a corrupted file is rejected
  /// rather than making searching trap or read outside the tables.
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
    guard bytes.count >= 8, bytes[0..<8].elementsEqual(NameAutomaton.magic) else {
      throw WinnowError(
        .invalidData,
        "not a compiled Winnow name automaton of this version (bad magic); rebuild it from the gazetteer"
      )
    }
    r.pos = 8
    var layout = SerializedLayout()
    let kind = try r.u32()
    let flags = try r.u32()
    let states = Int(try r.u32())
    let dense = Int(try r.u32())
    layout.nodes = r.pos
    let nodes = try r.array()
    layout.table = r.pos
    let table = try r.array()
    layout.keyLength = r.pos
    let keyLength = try r.array()
    let keyFlags = try r.byteArray()
    layout.valueStart = r.pos
    let valueStart = try r.array()
    let values = try r.array()
    // Sizes first, so that the shape checks below can index freely.
    guard kind <= 1, flags <= 3, states >= 1, dense >= 1, dense <= states, states <= nodes.count,
      table.count == dense << 8, keyFlags.count == keyLength.count,
      valueStart.count == keyLength.count + 1, Int(valueStart[keyLength.count]) == values.count
    else {
      throw WinnowError(
        .invalidData,
        "compiled name automaton is truncated or inconsistent (table sizes); rebuild it")
    }
    // The trie's shape is checked before the lookup tables are derived from it (a corrupt
    // file is rejected in one pass over its tables, without building them first).
    func automaton(derived: Bool) -> NameAutomaton {
      NameAutomaton(
        matchKind: kind == 0 ? .leftmostLongest : .allOverlapping, tokenBoundaries: flags & 1 != 0,
        illFormedStarts: flags & 2 != 0, stateCount: states, denseCount: dense, nodes: nodes,
        table: table, keyLength: keyLength, keyFlags: keyFlags, valueStart: valueStart,
        values: values, derivedTables: derived)
    }
    try automaton(derived: false).validate(layout)
    self = automaton(derived: true)
  }

  /// Where each validated table starts in a serialized automaton (the offset of its
  /// 4-byte count; element `i` of a `UInt32` table is at `start + 4 + 4 * i`).
  struct SerializedLayout {
    var nodes = 0, table = 0, keyLength = 0, valueStart = 0
  }

  /// Checks the trie's shape, which is what keeps searching in bounds, in one pass over
  /// the states (no per-state allocation):
  ///
  /// - the states tile `nodes` exactly: the first `denseCount` are dense (header: child
  ///   count, dense flag, their own row), the others sparse (header, packed child bytes,
  ///   targets), each inside the array;
  /// - the tree is breadth-first: the children of the states, in order, are exactly states
  ///   1, 2, 3, … (so every state but the root has one parent, which comes before it);
  ///   children's bytes strictly increase; dense rows hold exactly the state's children;
  /// - a key's length equals the depth of the state that ends it;
  /// - `valueStart` does not decrease.
  ///
  /// - Throws: `WinnowError(.invalidData)` naming the first bad field, index and byte offset.
  func validate(_ at: SerializedLayout) throws(WinnowError) {
    let none = NameAutomaton.none
    func bad(_ field: String, _ index: Int, _ start: Int, _ what: String) -> WinnowError {
      let offset = start + 4 + 4 * index
      return WinnowError(
        .invalidData,
        "compiled name automaton is corrupt at byte \(offset): \(field)[\(index)] \(what); rebuild it",
        byteOffset: offset)
    }
    try nodes.withUnsafeBufferPointer { (nd) throws(WinnowError) in
      // The size of state `b` whose header is `h`.
      func size(_ b: Int, _ h: UInt32) -> Int {
        b < denseCount
          ? 2 : 2 + (Int(h & NameAutomaton.countMask) + 3) >> 2 + Int(h & NameAutomaton.countMask)
      }
      // Pass 1: the states tile the array (so that pass 2 can find each state's offset by
      // adding up sizes, without an array of offsets as big as a tenth of the automaton).
      var o = 0
      for b in 0..<stateCount {
        guard o + 2 <= nd.count else {
          throw bad("nodes", o, at.nodes, "(state \(b)) runs past the end")
        }
        let h = nd[o]
        let count = Int(h & NameAutomaton.countMask)
        guard count <= 256 else { throw bad("nodes", o, at.nodes, "has \(count) children") }
        if b < denseCount {
          guard
            h & ~NameAutomaton.countMask == NameAutomaton.denseBit | UInt32(b)
              << NameAutomaton.rowShift
          else {
            throw bad("nodes", o, at.nodes, "is not dense state \(b) with its own row")
          }
        } else {
          guard h & ~NameAutomaton.countMask == 0 else {
            throw bad("nodes", o, at.nodes, "has unknown flags")
          }
        }
        guard o + size(b, h) <= nd.count else {
          throw bad("nodes", o, at.nodes, "(state \(b)) runs past the end")
        }
        o += size(b, h)
      }
      guard o == nd.count else { throw bad("nodes", o, at.nodes, "follows the last state") }

      // Pass 2: breadth-first shape, bytes, keys.
      var next = 1  // the next state expected as a child
      var depth: UInt32 = 0
      var levelEnd = 1  // the first state of the next level
      var nextOffset = size(0, nd[0])  // the offset of state `next` (when < stateCount)
      // Whether `t` is the offset of state `next`; if so, moves on to the state after it.
      func isNext(_ t: UInt32) -> Bool {
        guard next < stateCount, Int(t) == nextOffset else { return false }
        nextOffset += size(next, nd[nextOffset])
        next += 1
        return true
      }
      o = 0
      for b in 0..<stateCount {
        if b == levelEnd {
          depth += 1
          levelEnd = next
        }
        defer { o += size(b, nd[o]) }
        let h = nd[o]
        let count = Int(h & NameAutomaton.countMask)
        let k = nd[o + 1]
        if k != none {
          guard Int(k) < keyLength.count else {
            throw bad("nodes", o + 1, at.nodes, "= \(k) is not a key")
          }
          guard keyLength[Int(k)] == depth else {
            throw bad(
              "keyLength", Int(k), at.keyLength,
              "= \(keyLength[Int(k)]) differs from its state's depth \(depth)")
          }
        }
        if b < denseCount {
          var seen = 0
          for byte in 0..<256 {
            let t = table[b << 8 | byte]
            if t == 0 { continue }
            guard isNext(t) else {
              throw bad(
                "table", b << 8 | byte, at.table,
                "= \(t) is not the next state in breadth-first order")
            }
            seen += 1
          }
          guard seen == count else {
            throw bad("nodes", o, at.nodes, "counts \(count) children, its row \(seen)")
          }
        } else {
          let labels = o + 2
          let targets = labels + (count + 3) >> 2
          var last = -1
          for c in 0..<count {
            let byte = Int(nd[labels + c >> 2] >> (8 * UInt32(c & 3)) & 0xFF)
            guard byte > last else {
              throw bad("nodes", labels + c >> 2, at.nodes, "has child bytes out of order")
            }
            last = byte
            let t = nd[targets + c]
            guard isNext(t) else {
              throw bad(
                "nodes", targets + c, at.nodes,
                "= \(t) is not the next state in breadth-first order")
            }
          }
        }
      }
      guard next == stateCount else {
        throw bad("nodes", 0, at.nodes, "leaves \(stateCount - next) states unreachable")
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
    let v =
      UInt32(bytes[pos]) | UInt32(bytes[pos + 1]) << 8 | UInt32(bytes[pos + 2]) << 16 | UInt32(
        bytes[pos + 3]) << 24
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
          UnsafeMutableRawBufferPointer(buf).copyMemory(
            from: UnsafeRawBufferPointer(rebasing: raw[start..<start + 4 * n]))
        }
        count = n
      }
    #else
      return (0..<n).map { i in
        let p = start + 4 * i
        return UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(
          bytes[p + 3]) << 24
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
