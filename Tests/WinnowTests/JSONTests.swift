import Testing
import Winnow

@Suite("JSON")
struct JSONTests {
  @Test(
    "round-trips compact JSON byte for byte",
    arguments: [
      #"{"b":1,"a":2}"#,
      #"{"n":-0.50,"e":1E+3,"z":0,"big":123456789012345678901234567890}"#,
      #"{"dup":1,"dup":2}"#,
      #"[true,false,null,"",[],{}]"#,
      #"{"s":"中文，English 😀 \"q\" \\ \n\t"}"#,
      #"{"nested":{"x":[{"y":[1,[2,[3]]]}]}}"#,
      #""just a string""#,
      "42",
    ])
  func roundTrip(_ text: String) throws {
    let v = try JSONValue(parsing: text)
    #expect(v.serializedString() == text)
  }

  @Test("keeps key order and duplicates; lookups see the first")
  func keyOrder() throws {
    let v = try JSONValue(parsing: #"{"z":1,"a":2,"z":3}"#)
    #expect(v.objectValue?.keys == ["z", "a", "z"])
    #expect(v["z"]?.intValue == 1)
  }

  @Test(
    "decodes escapes",
    arguments: [
      (#""\u00e9\u4e2d""#, "é中"),
      (#""\ud83d\ude00""#, "😀"),
      (#""\ud800x""#, "\u{FFFD}x"),  // lone high surrogate
      (#""\udc00""#, "\u{FFFD}"),  // lone low surrogate
      (#""a\/b""#, "a/b"),
      (#""\b\f\r""#, "\u{8}\u{C}\r"),
    ])
  func escapes(_ json: String, _ expected: String) throws {
    #expect(try JSONValue(parsing: json) == .string(expected))
  }

  @Test("re-escapes control characters minimally")
  func controls() {
    let v = JSONValue.string("a\u{1}b\u{1F}\n")
    #expect(v.serializedString() == #""a\u0001b\u001f\n""#)
  }

  @Test(
    "errors name the byte offset and what was expected",
    arguments: [
      ("{\"a\":}", 5, "expected a value"),
      ("{\"a\" 1}", 5, "expected ':'"),
      ("[1,2", 4, "unterminated array"),
      ("{\"a\":1,}", 7, "expected a string key"),
      ("\"abc", 0, "unterminated string"),
      ("01", 1, "after the value"),
      ("1.", 2, "a digit must follow"),
      ("[1] x", 4, "after the value"),
      ("\"a\\x\"", 2, "invalid escape"),
      ("\"\u{01}\"", 1, "control character"),
      ("nul", 0, "expected 'null'"),
      ("", 0, "end of input"),
    ])
  func errors(_ text: String, _ offset: Int, _ fragment: String) {
    do {
      _ = try JSONValue(parsing: text)
      Issue.record("parsed invalid JSON \(text)")
    } catch {
      #expect(error.code == .invalidData)
      #expect(error.byteOffset == offset, "\(error.message)")
      #expect(error.message.contains(fragment), "\(error.message)")
    }
  }

  @Test("invalid UTF-8 inside a string is an error at the bad byte")
  func invalidUTF8() {
    let bytes: [UInt8] = Array(#"{"t":"ab"#.utf8) + [0xFF] + Array(#""}"#.utf8)
    do {
      _ = try JSONValue(parsing: bytes)
      Issue.record("accepted invalid UTF-8")
    } catch {
      #expect(error.byteOffset == 8)
      #expect(error.message.contains("UTF-8"))
    }
  }

  @Test("nesting deeper than the limit is an error, not a crash")
  func depth() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: WinnowError.self) { try JSONValue(parsing: deep) }
    let ok = String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
    #expect(throws: Never.self) { try JSONValue(parsing: ok, maxDepth: 50) }
    #expect(throws: WinnowError.self) { try JSONValue(parsing: ok, maxDepth: 49) }
  }

  @Test("object subscript set replaces in place, appends, removes")
  func objectEditing() {
    var o: JSONObject = ["a": 1, "b": 2, "a": 3]
    o["a"] = "x"
    #expect(JSONValue.object(o).serializedString() == #"{"a":"x","b":2}"#)
    o["c"] = nil
    o["d"] = true
    o["b"] = nil
    #expect(JSONValue.object(o).serializedString() == #"{"a":"x","d":true}"#)
  }

  @Test("numbers keep their literal", arguments: ["1.50", "-0", "1e-7", "1E400"])
  func numbers(_ literal: String) throws {
    #expect(JSONNumber(literal)?.literal == literal)
    #expect(try JSONValue(parsing: literal) == .number(JSONNumber(literal)!))
  }

  @Test(
    "invalid number literals are rejected", arguments: ["01", "+1", ".5", "1.", "1e", "NaN", ""])
  func badNumbers(_ literal: String) {
    #expect(JSONNumber(literal) == nil)
  }

  @Test("random values round-trip through serialize and parse (seeded)")
  func randomRoundTrip() throws {
    var rng = SplitMix64(seed: 0x5EED)
    for i in 0..<300 {
      let v = randomValue(&rng, depth: 0)
      let text = v.serializedString()
      let back = try JSONValue(parsing: text)
      #expect(back == v, "seed 0x5EED case \(i): \(text)")
    }
  }

  func randomValue(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
    switch rng.next() % (depth > 3 ? 4 : 6) {
    case 0: return .null
    case 1: return .bool(rng.next() % 2 == 0)
    case 2: return .number(JSONNumber(Int(truncatingIfNeeded: rng.next()) >> 20))
    case 3:
      let pool: [Character] = ["a", "é", "中", "😀", "\"", "\\", "\n", "\u{1}", " ", "/"]
      return .string(
        String((0..<Int(rng.next() % 8)).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }))
    case 4:
      return .array((0..<Int(rng.next() % 4)).map { _ in randomValue(&rng, depth: depth + 1) })
    default:
      return .object(
        JSONObject(
          (0..<Int(rng.next() % 4)).map { k in
            .init(key: "k\(k)\(rng.next() % 3)", value: randomValue(&rng, depth: depth + 1))
          }))
    }
  }
}
