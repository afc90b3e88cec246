/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Errors name the byte offset (0-based, into the parsed bytes) and what was expected.
/// Nesting deeper than `maxDepth` is an error, not a stack overflow. Strings must be valid
/// UTF-8; a lone surrogate escape (`\ud800`) decodes to U+FFFD.
///
/// ```swift
/// try JSONValue(parsing: #"{"a":[1,2]}"#)["a"]  // .array([1, 2])
/// try JSONValue(parsing: "{\"a\":}")             // throws: "invalid JSON at byte 5: expected a value"
/// ```
struct JSONParser {
  let p: UnsafeBufferPointer<UInt8>
  var position = 0
  let maxDepth: Int
  var depth = 0

  init(_ p: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
    self.p = p
    self.maxDepth = maxDepth
  }

  /// The error at `offset`.
  func fail(_ what: String, at offset: Int? = nil) -> WinnowError {
    let at = offset ?? position
    return WinnowError(.invalidData, "invalid JSON at byte \(at): \(what)", byteOffset: at)
  }

  mutating func skipSpace() {
    while position < p.count {
      switch p[position] {
      case 0x20, 0x0A, 0x0D, 0x09: position += 1
      default: return
      }
    }
  }

  /// Parses one whole document: a value with only whitespace around it.
  mutating func parseDocument() throws(WinnowError) -> JSONValue {
    skipSpace()
    let v = try parseValue()
    skipSpace()
    if position < p.count { throw fail("unexpected \(describe(p[position])) after the value") }
    return v
  }

  func describe(_ b: UInt8) -> String {
    if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    let hex = String(b, radix: 16, uppercase: true)
    return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
  }

  mutating func parseValue() throws(WinnowError) -> JSONValue {
    guard position < p.count else { throw fail("expected a value, found the end of input") }
    switch p[position] {
    case UInt8(ascii: "{"): return try parseObject()
    case UInt8(ascii: "["): return try parseArray()
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"): try literal("true"); return .bool(true)
    case UInt8(ascii: "f"): try literal("false"); return .bool(false)
    case UInt8(ascii: "n"): try literal("null"); return .null
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
      let start = position
      try scanNumber()
      let literal = String(decoding: UnsafeBufferPointer(rebasing: p[start..<position]), as: UTF8.self)
      return .number(JSONNumber(validated: literal))
    default:
      throw fail("expected a value, found \(describe(p[position]))")
    }
  }

  mutating func literal(_ word: StaticString) throws(WinnowError) {
    let n = word.utf8CodeUnitCount
    let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
    guard position + n <= p.count else { throw fail("expected '\(word)'") }
    for i in 0..<n where p[position + i] != w[i] { throw fail("expected '\(word)'") }
    position += n
  }

  mutating func enter() throws(WinnowError) {
    depth += 1
    if depth > maxDepth { throw fail("nesting deeper than \(maxDepth) levels") }
  }

  mutating func parseObject() throws(WinnowError) -> JSONValue {
    try enter()
    position += 1
    var members: [JSONObject.Member] = []
    skipSpace()
    if position < p.count, p[position] == UInt8(ascii: "}") {
      position += 1
      depth -= 1
      return .object(JSONObject(members))
    }
    while true {
      skipSpace()
      guard position < p.count, p[position] == UInt8(ascii: "\"") else {
        throw fail(position < p.count ? "expected a string key, found \(describe(p[position]))" : "expected a string key, found the end of input")
      }
      let key = try parseString()
      skipSpace()
      guard position < p.count, p[position] == UInt8(ascii: ":") else { throw fail("expected ':' after key \"\(key)\"") }
      position += 1
      skipSpace()
      let value = try parseValue()
      members.append(JSONObject.Member(key: key, value: value))
      skipSpace()
      guard position < p.count else { throw fail("unterminated object, expected ',' or '}'") }
      if p[position] == UInt8(ascii: ",") { position += 1; continue }
      if p[position] == UInt8(ascii: "}") { position += 1; break }
      throw fail("expected ',' or '}', found \(describe(p[position]))")
    }
    depth -= 1
    return .object(JSONObject(members))
  }

  mutating func parseArray() throws(WinnowError) -> JSONValue {
    try enter()
    position += 1
    var items: [JSONValue] = []
    skipSpace()
    if position < p.count, p[position] == UInt8(ascii: "]") {
      position += 1
      depth -= 1
      return .array(items)
    }
    while true {
      skipSpace()
      items.append(try parseValue())
      skipSpace()
      guard position < p.count else { throw fail("unterminated array, expected ',' or ']'") }
      if p[position] == UInt8(ascii: ",") { position += 1; continue }
      if p[position] == UInt8(ascii: "]") { position += 1; break }
      throw fail("expected ',' or ']', found \(describe(p[position]))")
    }
    depth -= 1
    return .array(items)
  }

  /// Scans a number's grammar, leaving `position` after it.
  mutating func scanNumber() throws(WinnowError) {
    let start = position
    if position < p.count, p[position] == UInt8(ascii: "-") { position += 1 }
    guard position < p.count, isDigit(p[position]) else { throw fail("invalid number", at: start) }
    if p[position] == UInt8(ascii: "0") {
      position += 1
    } else {
      while position < p.count, isDigit(p[position]) { position += 1 }
    }
    if position < p.count, p[position] == UInt8(ascii: ".") {
      position += 1
      guard position < p.count, isDigit(p[position]) else { throw fail("invalid number: a digit must follow '.'") }
      while position < p.count, isDigit(p[position]) { position += 1 }
    }
    if position < p.count, p[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      if position < p.count, p[position] == UInt8(ascii: "+") || p[position] == UInt8(ascii: "-") { position += 1 }
      guard position < p.count, isDigit(p[position]) else { throw fail("invalid number: a digit must follow the exponent") }
      while position < p.count, isDigit(p[position]) { position += 1 }
    }
  }

  @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

  /// Parses a string starting at its opening quote.
  mutating func parseString() throws(WinnowError) -> String {
    let open = position
    position += 1
    let start = position
    // Fast path: no escape before the closing quote.
    var i = start
    while i < p.count {
      let b = p[i]
      if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
      i += 1
    }
    guard i < p.count else { throw fail("unterminated string", at: open) }
    if p[i] == UInt8(ascii: "\"") {
      let slice = UnsafeBufferPointer(rebasing: p[start..<i])
      guard let s = String(validating: slice, as: UTF8.self) else {
        throw fail("invalid UTF-8 in a string", at: start + invalidUTF8Offset(slice))
      }
      position = i + 1
      return s
    }
    // Slow path: copy and resolve escapes, the runs between them copied whole.
    var out: [UInt8] = Array(UnsafeBufferPointer(rebasing: p[start..<i]))
    position = i
    while true {
      var j = position
      while j < p.count {
        let b = p[j]
        if b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") || b < 0x20 { break }
        j += 1
      }
      if j > position {
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[position..<j]))
        position = j
      }
      guard position < p.count else { throw fail("unterminated string", at: open) }
      let b = p[position]
      if b == UInt8(ascii: "\"") { position += 1; break }
      if b < 0x20 { throw fail("unescaped control character \(describe(b)) in a string") }
      position += 1
      guard position < p.count else { throw fail("unterminated escape", at: position - 1) }
      let e = p[position]
      position += 1
      switch e {
      case UInt8(ascii: "\""): out.append(0x22)
      case UInt8(ascii: "\\"): out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if scalar >= 0xD800 && scalar < 0xDC00 {
          // A high surrogate: pair it with a following low one, else U+FFFD.
          if position + 6 <= p.count, p[position] == UInt8(ascii: "\\"), p[position + 1] == UInt8(ascii: "u") {
            let save = position
            position += 2
            let low = try hex4()
            if low >= 0xDC00 && low < 0xE000 {
              scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
              position = save
              scalar = 0xFFFD
            }
          } else {
            scalar = 0xFFFD
          }
        } else if scalar >= 0xDC00 && scalar < 0xE000 {
          scalar = 0xFFFD
        }
        appendUTF8(scalar, to: &out)
      default:
        throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: position - 2)
      }
    }
    guard let s = String(validating: out, as: UTF8.self) else {
      throw fail("invalid UTF-8 in a string", at: start)
    }
    return s
  }

  mutating func hex4() throws(WinnowError) -> UInt32 {
    guard position + 4 <= p.count else { throw fail("incomplete \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let b = p[position]
      let d: UInt32
      switch b {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
      default: throw fail("invalid hex digit in \\u escape")
      }
      v = v << 4 | d
      position += 1
    }
    return v
  }
}

/// Appends the UTF-8 encoding of a scalar value (assumed valid).
func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
  if v < 0x80 {
    out.append(UInt8(v))
  } else if v < 0x800 {
    out.append(UInt8(0xC0 | (v >> 6)))
    out.append(UInt8(0x80 | (v & 0x3F)))
  } else if v < 0x10000 {
    out.append(UInt8(0xE0 | (v >> 12)))
    out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
    out.append(UInt8(0x80 | (v & 0x3F)))
  } else {
    out.append(UInt8(0xF0 | (v >> 18)))
    out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
    out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
    out.append(UInt8(0x80 | (v & 0x3F)))
  }
}

/// The offset of the first byte that is not part of valid UTF-8 (or `p.count`).
func invalidUTF8Offset(_ p: UnsafeBufferPointer<UInt8>) -> Int {
  var i = 0
  let n = p.count
  while i < n {
    let b = p[i]
    if b < 0x80 { i += 1; continue }
    let len: Int
    var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
    switch b {
    case 0xC2...0xDF: len = 2
    case 0xE0: len = 3; lo = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: len = 3
    case 0xED: len = 3; hi = 0x9F
    case 0xF0: len = 4; lo = 0x90
    case 0xF1...0xF3: len = 4
    case 0xF4: len = 4; hi = 0x8F
    default: return i
    }
    guard i + len <= n else { return i }
    let b1 = p[i + 1]
    if b1 < lo || b1 > hi { return i }
    for k in 2..<max(2, len) where p[i + k] & 0xC0 != 0x80 { return i }
    i += len
  }
  return n
}

extension JSONValue {
  /// The default nesting limit of the parser.
  public static let defaultMaxDepth = 512

  /// Parses one JSON document from UTF-8 bytes.
  ///
  /// - Parameters:
  ///   - bytes: the JSON text (whitespace around the value is allowed).
  ///   - maxDepth: the deepest nesting of arrays and objects accepted (default 512).
  /// - Throws: `WinnowError` (`.invalidData`) naming the byte offset and what was expected.
  ///
  /// ```swift
  /// try JSONValue(parsing: Array(#"[1, "a"]"#.utf8))   // [1, "a"]
  /// ```
  public init(parsing bytes: some Collection<UInt8>, maxDepth: Int = JSONValue.defaultMaxDepth) throws(WinnowError) {
    let r: Result<JSONValue, WinnowError>? = bytes.withContiguousStorageIfAvailable { p in
      var parser = JSONParser(p, maxDepth: maxDepth)
      do throws(WinnowError) { return .success(try parser.parseDocument()) } catch { return .failure(error) }
    }
    if let r {
      self = try r.get()
    } else {
      self = try JSONValue(parsing: Array(bytes), maxDepth: maxDepth)
    }
  }

  /// Parses one JSON document from a string.
  public init(parsing text: String, maxDepth: Int = JSONValue.defaultMaxDepth) throws(WinnowError) {
    try self.init(parsing: Array(text.utf8), maxDepth: maxDepth)
  }
}
