/// A normalized value of an entity: a string, or an object of string fields in a fixed order.
///
/// ```swift
/// EntityValue.string("2025-03-20")                                   // "2025-03-20"
/// EntityValue.object([("kind", "互联网新闻信息许可证"), ("number", "10120180008")])
/// ```
public enum EntityValue: Sendable, Hashable {
  /// A plain value: an ISO 8601 date, an E.164 phone number, a URL, …
  case string(String)
  /// Named fields, in order (a licence's `kind` and `number`, money's `currency` and
  /// `amount`, a person's `name`).
  case object([Field])

  /// One field of an object value.
  public struct Field: Sendable, Hashable {
    /// The field name.
    public var key: String
    /// The field value.
    public var value: String
    /// Creates a field.
    public init(_ key: String, _ value: String) {
      self.key = key
      self.value = value
    }
  }

  /// An object value from pairs.
  public static func object(_ pairs: [(String, String)]) -> EntityValue {
    .object(pairs.map { Field($0.0, $0.1) })
  }

  /// The value of field `key` (or the string itself for `.string` when `key` is nil).
  public subscript(key: String) -> String? {
    if case .object(let fields) = self { return fields.first { $0.key == key }?.value }
    return nil
  }

  /// The value as JSON text.
  public var json: String {
    switch self {
    case .string(let s): return jsonString(s)
    case .object(let fields):
      return "{"
        + fields.map { "\(jsonString($0.key)):\(jsonString($0.value))" }.joined(separator: ",")
        + "}"
    }
  }
}

/// One entity found in a text.
///
/// Offsets are UTF-8 byte offsets into the original text, end exclusive; `text` is always
/// exactly that slice.
///
/// ```swift
/// // {"kind":"PHONE","text":"010-85061466","start":260,"end":272,"value":"+861085061466"}
/// ```
public struct Entity: Sendable, Hashable {
  /// The kind (OntoNotes labels: PERSON, NORP, ORG, GPE, LOC, FAC, DATE, TIME, MONEY,
  /// PERCENT; plus PHONE, EMAIL, URL, LICENSE).
  public var kind: String
  /// The surface: the original text's bytes `start..<end`.
  public var text: String
  /// Start UTF-8 byte offset in the original text.
  public var start: Int
  /// End UTF-8 byte offset (exclusive).
  public var end: Int
  /// The normalized value, when there is one.
  public var value: EntityValue?
  /// The gazetteer entry id (`GB`, a GeoNames id, a zone id, …), when there is one.
  public var id: String?
  /// What found it: `gazetteer`, `pattern` or `rule`.
  public var source: String

  /// Creates an entity.
  public init(
    kind: String, text: String, start: Int, end: Int, value: EntityValue? = nil, id: String? = nil,
    source: String
  ) {
    self.kind = kind
    self.text = text
    self.start = start
    self.end = end
    self.value = value
    self.id = id
    self.source = source
  }

  /// The entity as one JSON object (the `winnow entities --format jsonl` line): `kind`,
  /// `text`, `start`, `end`, then `value` and `id` when present.
  ///
  /// ```swift
  /// entity.jsonLine  // {"kind":"GPE","text":"Britain","start":293,"end":300,"id":"GB"}
  /// ```
  public var jsonLine: String {
    var s =
      "{\"kind\":\(jsonString(kind)),\"text\":\(jsonString(text)),\"start\":\(start),\"end\":\(end)"
    if let value { s += ",\"value\":\(value.json)" }
    if let id { s += ",\"id\":\(jsonString(id))" }
    return s + "}"
  }
}

/// A JSON string literal (RFC 8259 escapes; non-ASCII kept as UTF-8).
func jsonString(_ s: String) -> String {
  var out = "\""
  for u in s.unicodeScalars {
    switch u {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    default:
      if u.value < 0x20 {
        let h = String(u.value, radix: 16)
        out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
      } else {
        out.unicodeScalars.append(u)
      }
    }
  }
  return out + "\""
}
