/// A JSON value that keeps what a pass-through needs: object keys in their input order
/// (duplicates too) and numbers as their literal text, so a parsed line serializes back to
/// an equivalent line (same keys, same order, same numbers; strings re-escaped minimally).
///
/// ```swift
/// let v = try JSONValue(parsing: #"{"b":1.50,"a":[true,null]}"#)
/// v["b"]                 // .number(JSONNumber("1.50"))
/// v.serializedString()   // #"{"b":1.50,"a":[true,null]}"#
/// ```
public enum JSONValue: Sendable, Hashable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, kept as its literal text.
  case number(JSONNumber)
  /// A string (decoded: escapes resolved).
  case string(String)
  /// An array.
  case array([JSONValue])
  /// An object, keys in order.
  case object(JSONObject)

  /// The member `key` of an object (the first one if the key repeats); nil for non-objects.
  public subscript(key: String) -> JSONValue? {
    if case .object(let o) = self { return o[key] }
    return nil
  }

  /// The string, if this is a string.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The number as an `Int`, if this is an integral number that fits.
  public var intValue: Int? {
    if case .number(let n) = self { return n.intValue }
    return nil
  }

  /// The number as a `Double`, if this is a number.
  public var doubleValue: Double? {
    if case .number(let n) = self { return n.doubleValue }
    return nil
  }

  /// The Boolean, if this is `true` or `false`.
  public var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }

  /// The object, if this is an object.
  public var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// The elements, if this is an array.
  public var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// A short name of the value's type, for messages (`"string"`, `"object"`, …).
  public var typeName: String {
    switch self {
    case .null: "null"
    case .bool: "boolean"
    case .number: "number"
    case .string: "string"
    case .array: "array"
    case .object: "object"
    }
  }
}

/// A JSON number kept as its literal text (so `1.50` and `1e3` round-trip unchanged).
///
/// ```swift
/// JSONNumber(42).literal        // "42"
/// JSONNumber("1e3")?.doubleValue // 1000.0
/// ```
public struct JSONNumber: Sendable, Hashable, CustomStringConvertible {
  /// The literal, valid per RFC 8259.
  public let literal: String

  /// A number from a literal; nil unless it is a valid JSON number.
  public init?(_ literal: String) {
    var bytes = Array(literal.utf8)
    let valid = bytes.withUnsafeMutableBufferPointer { p -> Bool in
      var parser = JSONParser(UnsafeBufferPointer(p), maxDepth: 1)
      guard (try? parser.scanNumber()) != nil else { return false }
      return parser.position == p.count
    }
    guard valid else { return nil }
    self.literal = literal
  }

  /// Trusted literal from the parser.
  init(validated literal: String) { self.literal = literal }

  /// An integer.
  public init(_ value: Int) { literal = String(value) }

  /// A finite double (non-finite values become `0`, which JSON cannot express otherwise).
  public init(_ value: Double) {
    if !value.isFinite {
      literal = "0"
    } else if value == value.rounded(), abs(value) < 1e15 {
      literal = String(Int(value))
    } else {
      literal = "\(value)"
    }
  }

  /// The value as an `Int` when the literal is an integer that fits.
  public var intValue: Int? { Int(literal) }
  /// The value as a `Double`.
  public var doubleValue: Double? { Double(literal) }
  public var description: String { literal }
}

/// A JSON object: members in order. Duplicate keys are kept (lookups see the first).
///
/// ```swift
/// var o = JSONObject()
/// o["text"] = .string("hi")
/// o["id"] = .number(JSONNumber(7))
/// o.keys               // ["text", "id"]
/// ```
public struct JSONObject: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
  /// One member.
  public struct Member: Sendable, Hashable {
    /// The key.
    public var key: String
    /// The value.
    public var value: JSONValue
    /// Creates a member.
    public init(key: String, value: JSONValue) {
      self.key = key
      self.value = value
    }
  }

  /// The members in order.
  public var members: [Member]

  /// An empty object.
  public init() { members = [] }

  /// An object with these members, in order.
  public init(_ members: [Member]) { self.members = members }

  /// An object from a literal, in the literal's order.
  public init(dictionaryLiteral elements: (String, JSONValue)...) {
    members = elements.map { Member(key: $0.0, value: $0.1) }
  }

  /// The keys in order.
  public var keys: [String] { members.map(\.key) }
  /// The number of members.
  public var count: Int { members.count }
  /// Whether there is no member.
  public var isEmpty: Bool { members.isEmpty }

  /// The first member named `key`. Setting replaces it in place (removing any later
  /// duplicates) or appends a new member; setting nil removes every member named `key`.
  public subscript(key: String) -> JSONValue? {
    get {
      for m in members where m.key == key { return m.value }
      return nil
    }
    set {
      guard let newValue else {
        members.removeAll { $0.key == key }
        return
      }
      if let i = members.firstIndex(where: { $0.key == key }) {
        members[i].value = newValue
        var j = members.count - 1
        while j > i {
          if members[j].key == key { members.remove(at: j) }
          j -= 1
        }
      } else {
        members.append(Member(key: key, value: newValue))
      }
    }
  }

  /// Iterates the members in order.
  public func makeIterator() -> IndexingIterator<[Member]> { members.makeIterator() }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral,
  ExpressibleByIntegerLiteral, ExpressibleByNilLiteral, ExpressibleByArrayLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .number(JSONNumber(value)) }
  public init(nilLiteral: ()) { self = .null }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}

extension JSONValue: Codable {
  public init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let i = try? c.decode(Int.self) {
      self = .number(JSONNumber(i))
    } else if let d = try? c.decode(Double.self) {
      self = .number(JSONNumber(d))
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONValue].self) {
      self = .array(a)
    } else {
      // Keyed containers lose order; keys come back sorted for stability.
      let keyed = try decoder.container(keyedBy: AnyKey.self)
      var o = JSONObject()
      for k in keyed.allKeys.sorted(by: { $0.stringValue < $1.stringValue }) {
        o.members.append(
          .init(key: k.stringValue, value: try keyed.decode(JSONValue.self, forKey: k)))
      }
      self = .object(o)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .null:
      var c = encoder.singleValueContainer()
      try c.encodeNil()
    case .bool(let b):
      var c = encoder.singleValueContainer()
      try c.encode(b)
    case .number(let n):
      var c = encoder.singleValueContainer()
      if let i = n.intValue { try c.encode(i) } else { try c.encode(n.doubleValue ?? 0) }
    case .string(let s):
      var c = encoder.singleValueContainer()
      try c.encode(s)
    case .array(let a):
      var c = encoder.unkeyedContainer()
      for v in a { try c.encode(v) }
    case .object(let o):
      var c = encoder.container(keyedBy: AnyKey.self)
      for m in o.members { try c.encode(m.value, forKey: AnyKey(m.key)) }
    }
  }
}

/// A coding key for arbitrary object keys.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ s: String) { stringValue = s }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { return nil }
}

extension JSONObject: Codable {
  public init(from decoder: any Decoder) throws {
    guard case .object(let o) = try JSONValue(from: decoder) else {
      throw DecodingError.typeMismatch(
        JSONObject.self,
        .init(codingPath: decoder.codingPath, debugDescription: "expected an object"))
    }
    self = o
  }

  public func encode(to encoder: any Encoder) throws {
    try JSONValue.object(self).encode(to: encoder)
  }
}
