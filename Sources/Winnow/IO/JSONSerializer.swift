extension JSONValue {
  /// Appends the compact JSON text of this value (one line: no newline is ever written
  /// unescaped) to `out`.
  ///
  /// Strings are written as UTF-8 with only the escapes JSON requires (`"`, `\`, and
  /// control characters, `\n` style where one exists, else `\u00XX`). Numbers are written
  /// as their literal; object members in order.
  ///
  /// ```swift
  /// var out: [UInt8] = []
  /// JSONValue.object(["a": "x\ny"]).serialize(into: &out)   // {"a":"x\ny"}
  /// ```
  public func serialize(into out: inout [UInt8]) {
    switch self {
    case .null: JSONValue.append("null", to: &out)
    case .bool(let b): JSONValue.append(b ? "true" : "false", to: &out)
    case .number(let n): out.append(contentsOf: n.literal.utf8)
    case .string(let s): JSONValue.serializeString(s, into: &out)
    case .array(let a):
      out.append(UInt8(ascii: "["))
      var first = true
      for v in a {
        if !first { out.append(UInt8(ascii: ",")) }
        first = false
        v.serialize(into: &out)
      }
      out.append(UInt8(ascii: "]"))
    case .object(let o):
      o.serialize(into: &out)
    }
  }

  /// Appends an ASCII literal.
  static func append(_ literal: StaticString, to out: inout [UInt8]) {
    out.append(
      contentsOf: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
  }

  /// The compact JSON text of this value.
  public func serialized() -> [UInt8] {
    var out: [UInt8] = []
    serialize(into: &out)
    return out
  }

  /// The compact JSON text of this value as a `String`.
  public func serializedString() -> String {
    String(decoding: serialized(), as: UTF8.self)
  }

  static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Appends a quoted, escaped string: the runs that need no escape (found 8 bytes at a
  /// time) are copied whole.
  static func serializeString(_ s: String, into out: inout [UInt8]) {
    if s.utf8.withContiguousStorageIfAvailable({ serializeString(utf8: $0, into: &out) }) != nil {
      return
    }
    var s = s
    s.withUTF8 { serializeString(utf8: $0, into: &out) }
  }

  /// Appends a quoted, escaped string given as UTF-8 bytes (assumed valid).
  static func serializeString(utf8 p: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
    // Room for the unescaped bytes, grown geometrically (`reserveCapacity` alone would
    // reallocate to the exact size at every string).
    let needed = out.count + p.count + 2
    if out.capacity < needed { out.reserveCapacity(max(needed, 2 * out.capacity)) }
    out.append(UInt8(ascii: "\""))
    var runStart = 0
    var i = ASCIIScan.firstJSONSpecial(p, from: 0)
    while i < p.count {
      if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i])) }
      let b = p[i]
      out.append(0x5C)
      switch b {
      case 0x22: out.append(0x22)
      case 0x5C: out.append(0x5C)
      case 0x0A: out.append(UInt8(ascii: "n"))
      case 0x0D: out.append(UInt8(ascii: "r"))
      case 0x09: out.append(UInt8(ascii: "t"))
      case 0x08: out.append(UInt8(ascii: "b"))
      case 0x0C: out.append(UInt8(ascii: "f"))
      default:
        out.append(UInt8(ascii: "u"))
        out.append(0x30)
        out.append(0x30)
        out.append(hexDigits[Int(b >> 4)])
        out.append(hexDigits[Int(b & 0xF)])
      }
      runStart = i + 1
      i = ASCIIScan.firstJSONSpecial(p, from: runStart)
    }
    if runStart < p.count {
      out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<p.count]))
    }
    out.append(UInt8(ascii: "\""))
  }
}

extension JSONObject {
  /// Appends the compact JSON text of this object to `out`.
  public func serialize(into out: inout [UInt8]) {
    out.append(UInt8(ascii: "{"))
    var first = true
    for m in members {
      if !first { out.append(UInt8(ascii: ",")) }
      first = false
      JSONValue.serializeString(m.key, into: &out)
      out.append(UInt8(ascii: ":"))
      m.value.serialize(into: &out)
    }
    out.append(UInt8(ascii: "}"))
  }
}
