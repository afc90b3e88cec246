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
    case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
    case .bool(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
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

  /// Appends a quoted, escaped string.
  static func serializeString(_ s: String, into out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var s = s
    s.withUTF8 { p in
      var runStart = 0
      for i in 0..<p.count {
        let b = p[i]
        guard b < 0x20 || b == 0x22 || b == 0x5C else { continue }
        if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i])) }
        runStart = i + 1
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
          out.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
        }
      }
      if runStart < p.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<p.count])) }
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
