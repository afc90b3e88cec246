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
  /// Where escaped strings are decoded (see ``scratchBuffer()``); the owner of the parser
  /// calls ``release()`` when done.
  var scratch: UnsafeMutableBufferPointer<UInt8>?

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
      let literal = String(
        decoding: UnsafeBufferPointer(rebasing: p[start..<position]), as: UTF8.self)
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
        throw fail(
          position < p.count
            ? "expected a string key, found \(describe(p[position]))"
            : "expected a string key, found the end of input")
      }
      let key = try parseString()
      skipSpace()
      guard position < p.count, p[position] == UInt8(ascii: ":") else {
        throw fail("expected ':' after key \"\(key)\"")
      }
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
      guard position < p.count, isDigit(p[position]) else {
        throw fail("invalid number: a digit must follow '.'")
      }
      while position < p.count, isDigit(p[position]) { position += 1 }
    }
    if position < p.count, p[position] | 0x20 == UInt8(ascii: "e") {
      position += 1
      if position < p.count, p[position] == UInt8(ascii: "+") || p[position] == UInt8(ascii: "-") {
        position += 1
      }
      guard position < p.count, isDigit(p[position]) else {
        throw fail("invalid number: a digit must follow the exponent")
      }
      while position < p.count, isDigit(p[position]) { position += 1 }
    }
  }

  @inline(__always) func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }

  /// Parses a string starting at its opening quote.
  ///
  /// The plain runs (no `"`, `\` or control byte) are found 8 bytes at a time. A string
  /// without escapes becomes a `String` straight from the input bytes; one with escapes is
  /// decoded into ``scratch`` (its runs copied whole) and becomes a `String` from there.
  /// Either way the bytes are validated as UTF-8 once, by the `String` initializer.
  mutating func parseString() throws(WinnowError) -> String {
    let open = position
    position += 1
    let start = position
    // Fast path: no escape before the closing quote.
    let i = ASCIIScan.firstJSONSpecial(p, from: start)
    guard i < p.count else { throw fail("unterminated string", at: open) }
    if p[i] == UInt8(ascii: "\"") {
      let slice = UnsafeBufferPointer(rebasing: p[start..<i])
      guard let s = String(validating: slice, as: UTF8.self) else {
        throw fail("invalid UTF-8 in a string", at: start + invalidUTF8Offset(slice))
      }
      position = i + 1
      return s
    }
    // Slow path: copy and resolve escapes into the scratch buffer, the runs between them
    // copied whole. The decoded bytes never outnumber the input bytes consumed (an escape
    // of 2, 6 or 12 bytes decodes to at most 1, 3 or 4), so `w` stays below `p.count`,
    // the scratch buffer's size.
    let out = scratchBuffer()
    var w = 0
    position = start
    while true {
      let j = ASCIIScan.firstJSONSpecial(p, from: position)
      if j > position {
        let run = UnsafeBufferPointer(rebasing: p[position..<j])
        _ = UnsafeMutableBufferPointer(rebasing: out[w..<(w + run.count)]).initialize(from: run)
        w += run.count
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
      case UInt8(ascii: "\""): out[w] = 0x22; w += 1
      case UInt8(ascii: "\\"): out[w] = 0x5C; w += 1
      case UInt8(ascii: "/"): out[w] = 0x2F; w += 1
      case UInt8(ascii: "b"): out[w] = 0x08; w += 1
      case UInt8(ascii: "f"): out[w] = 0x0C; w += 1
      case UInt8(ascii: "n"): out[w] = 0x0A; w += 1
      case UInt8(ascii: "r"): out[w] = 0x0D; w += 1
      case UInt8(ascii: "t"): out[w] = 0x09; w += 1
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if scalar >= 0xD800 && scalar < 0xDC00 {
          // A high surrogate: pair it with a following low one, else U+FFFD.
          if position + 6 <= p.count, p[position] == UInt8(ascii: "\\"),
            p[position + 1] == UInt8(ascii: "u")
          {
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
        if scalar < 0x80 {
          out[w] = UInt8(scalar); w += 1
        } else if scalar < 0x800 {
          out[w] = UInt8(0xC0 | (scalar >> 6)); w += 1
          out[w] = UInt8(0x80 | (scalar & 0x3F)); w += 1
        } else if scalar < 0x10000 {
          out[w] = UInt8(0xE0 | (scalar >> 12)); w += 1
          out[w] = UInt8(0x80 | ((scalar >> 6) & 0x3F)); w += 1
          out[w] = UInt8(0x80 | (scalar & 0x3F)); w += 1
        } else {
          out[w] = UInt8(0xF0 | (scalar >> 18)); w += 1
          out[w] = UInt8(0x80 | ((scalar >> 12) & 0x3F)); w += 1
          out[w] = UInt8(0x80 | ((scalar >> 6) & 0x3F)); w += 1
          out[w] = UInt8(0x80 | (scalar & 0x3F)); w += 1
        }
      default:
        throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'", at: position - 2)
      }
    }
    guard let s = String(validating: UnsafeBufferPointer(rebasing: out[0..<w]), as: UTF8.self)
    else {
      throw fail("invalid UTF-8 in a string", at: start)
    }
    return s
  }

  /// The buffer escaped strings are decoded into: `p.count` bytes, allocated at the first
  /// escaped string of the document and reused for the next ones (freed by ``release()``).
  mutating func scratchBuffer() -> UnsafeMutableBufferPointer<UInt8> {
    if let s = scratch { return s }
    let s = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(p.count, 1))
    scratch = s
    return s
  }

  /// Frees the scratch buffer.
  mutating func release() {
    scratch?.deallocate()
    scratch = nil
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
  public init(parsing bytes: some Collection<UInt8>, maxDepth: Int = JSONValue.defaultMaxDepth)
    throws(WinnowError)
  {
    let r: Result<JSONValue, WinnowError>? = bytes.withContiguousStorageIfAvailable { p in
      var parser = JSONParser(p, maxDepth: maxDepth)
      defer { parser.release() }
      do throws(WinnowError) { return .success(try parser.parseDocument()) } catch {
        return .failure(error)
      }
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
