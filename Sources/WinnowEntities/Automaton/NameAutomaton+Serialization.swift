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
  /// - Parameter bytes: the saved bytes.
  /// - Throws: `WinnowError(.invalidData)` if the bytes are not a saved automaton of this
  ///   version or are truncated or inconsistent.
  public init(serialized bytes: [UInt8]) throws(WinnowError) {
    var r = ByteReader(bytes: bytes)
    guard bytes.count >= 8, Array(bytes[0..<8]) == NameAutomaton.magic else {
      throw WinnowError(.invalidData, "not a compiled Winnow name automaton (bad magic); rebuild it from the gazetteer")
    }
    r.pos = 8
    let kind = try r.u32()
    let dense = Int(try r.u32())
    let childStart = try r.array()
    let childByte = try r.byteArray()
    let childTarget = try r.array()
    let fail = try r.array()
    let table = try r.array()
    let terminal = try r.array()
    let outLink = try r.array()
    let keyLength = try r.array()
    let keyFlags = try r.byteArray()
    let valueStart = try r.array()
    let values = try r.array()
    let states = fail.count
    // Consistency checks so that a corrupt file cannot make searching index out of bounds.
    guard states >= 1, childStart.count == states + 1, terminal.count == states,
      outLink.count == states, dense >= 1, dense <= states, table.count == dense * 256,
      childByte.count == childTarget.count, Int(childStart[states]) == childTarget.count,
      keyFlags.count == keyLength.count, valueStart.count == keyLength.count + 1,
      Int(valueStart[keyLength.count]) == values.count,
      zip(childStart, childStart.dropFirst()).allSatisfy({ $0 <= $1 }),
      childTarget.allSatisfy({ Int($0) < states }), fail.allSatisfy({ Int($0) < states }),
      table.allSatisfy({ Int($0) < states }),
      terminal.allSatisfy({ $0 == NameAutomaton.none || Int($0) < keyLength.count }),
      outLink.allSatisfy({ $0 == NameAutomaton.none || Int($0) < states })
    else {
      throw WinnowError(.invalidData, "compiled name automaton is truncated or inconsistent; rebuild it")
    }
    self.init(
      matchKind: kind == 0 ? .leftmostLongest : .allOverlapping, denseCount: dense,
      childStart: childStart, childByte: childByte, childTarget: childTarget, fail: fail,
      table: table, terminal: terminal, outLink: outLink, keyLength: keyLength,
      keyFlags: keyFlags, valueStart: valueStart, values: values)
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
