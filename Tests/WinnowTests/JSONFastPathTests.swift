import Testing
import WinnowTestSupport

@testable import Winnow

/// The JSON fast paths (plain runs found 8 bytes at a time, escaped strings decoded into a
/// scratch buffer, strings written run by run) against simple byte-by-byte references, on
/// seeded random inputs: invalid UTF-8, raw control characters, quotes and backslashes at
/// every position of an 8-byte word, lone and paired surrogate escapes, bad escapes.
@Suite("JSON fast paths")
struct JSONFastPathTests {
  /// Bytes drawn to hit the scanners' edge cases often.
  static let interesting: [UInt8] = [
    0x22, 0x5C, 0x00, 0x01, 0x0A, 0x0D, 0x09, 0x1F, 0x20, 0x21, 0x5B, 0x5D, 0x7F, 0x80, 0xA0,
    0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF, UInt8(ascii: "u"),
    UInt8(ascii: "n"), UInt8(ascii: "d"), UInt8(ascii: "8"), UInt8(ascii: "0"), UInt8(ascii: "a"),
  ]

  static func randomBytes(_ rng: inout SplitMix64, count: Int) -> [UInt8] {
    (0..<count).map { _ in
      Bool.random(using: &rng)
        ? interesting.randomElement(using: &rng) ?? 0x20
        : UInt8.random(in: 0x20...0x7E, using: &rng)
    }
  }

  /// A random string: ASCII, CJK, emoji, quotes, backslashes and control characters.
  static func randomString(_ rng: inout SplitMix64) -> String {
    let pieces = [
      "a", "Z", " ", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1}", "\u{1F}", "\u{7F}", "é", "中文",
      "，", "😀", "\u{2028}", "/",
    ]
    var s = ""
    for _ in 0..<Int.random(in: 0..<40, using: &rng) {
      s += pieces.randomElement(using: &rng) ?? ""
    }
    return s
  }

  @Test("the 8-byte scan finds the first quote, backslash or control byte", arguments: 0..<8)
  func scan(seed: Int) {
    var rng = SplitMix64(seed: 0x5CA_0000 + UInt64(seed))
    for _ in 0..<400 {
      let bytes = JSONFastPathTests.randomBytes(&rng, count: Int.random(in: 0..<40, using: &rng))
      for from in 0...bytes.count {
        let expected =
          bytes[from...].firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 } ?? bytes.count
        let got = bytes.withUnsafeBufferPointer { ASCIIScan.firstJSONSpecial($0, from: from) }
        #expect(got == expected, "seed \(seed), from \(from), bytes \(bytes)")
      }
    }
  }

  /// The escaping the writer must produce, byte by byte.
  static func referenceEscape(_ s: String) -> [UInt8] {
    var out: [UInt8] = [0x22]
    let hex = Array("0123456789abcdef".utf8)
    for b in s.utf8 {
      switch b {
      case 0x22: out += [0x5C, 0x22]
      case 0x5C: out += [0x5C, 0x5C]
      case 0x0A: out += [0x5C, UInt8(ascii: "n")]
      case 0x0D: out += [0x5C, UInt8(ascii: "r")]
      case 0x09: out += [0x5C, UInt8(ascii: "t")]
      case 0x08: out += [0x5C, UInt8(ascii: "b")]
      case 0x0C: out += [0x5C, UInt8(ascii: "f")]
      case 0..<0x20:
        out += [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]]
      default: out.append(b)
      }
    }
    out.append(0x22)
    return out
  }

  @Test(
    "strings are written as the byte-by-byte escaping writes them, and parse back", arguments: 0..<8
  )
  func write(seed: Int) throws {
    var rng = SplitMix64(seed: 0x3A1_0000 + UInt64(seed))
    for _ in 0..<300 {
      let s = JSONFastPathTests.randomString(&rng)
      let bytes = JSONValue.string(s).serialized()
      #expect(
        bytes == JSONFastPathTests.referenceEscape(s), "seed \(seed), string \(Array(s.utf8))")
      #expect(try JSONValue(parsing: bytes) == .string(s), "seed \(seed), string \(Array(s.utf8))")
      // Written after other bytes (the runs are copied at an offset of the output).
      var out: [UInt8] = Array("{\"k\":".utf8)
      JSONValue.serializeString(s, into: &out)
      #expect(out == Array("{\"k\":".utf8) + JSONFastPathTests.referenceEscape(s))
    }
  }

  /// The string parser as it was before the fast paths (byte by byte): the value and the
  /// position after the closing quote, or the error's message and byte offset.
  static func referenceParseString(_ p: [UInt8]) -> Result<(String, Int), ReferenceError> {
    func fail(_ m: String, _ at: Int) -> Result<(String, Int), ReferenceError> {
      .failure(ReferenceError(message: m, offset: at))
    }
    func describe(_ b: UInt8) -> String {
      if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
      let hex = String(b, radix: 16, uppercase: true)
      return "byte 0x\(hex.count == 1 ? "0" + hex : hex)"
    }
    let open = 0
    var position = 1
    let start = position
    var out: [UInt8] = []
    var escaped = false
    func hex4() -> UInt32? {
      guard position + 4 <= p.count else { return nil }
      var v: UInt32 = 0
      for _ in 0..<4 {
        let b = p[position]
        guard let d = UInt32(String(Character(Unicode.Scalar(b))), radix: 16) else { return nil }
        v = v << 4 | d
        position += 1
      }
      return v
    }
    while true {
      guard position < p.count else { return fail("unterminated string", open) }
      let b = p[position]
      if b == 0x22 { position += 1; break }
      if b < 0x20 {
        return fail("unescaped control character \(describe(b)) in a string", position)
      }
      if b != 0x5C { out.append(b); position += 1; continue }
      escaped = true
      position += 1
      guard position < p.count else { return fail("unterminated escape", position - 1) }
      let e = p[position]
      position += 1
      switch e {
      case 0x22: out.append(0x22)
      case 0x5C: out.append(0x5C)
      case UInt8(ascii: "/"): out.append(0x2F)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        let at = position
        guard var scalar = hex4() else {
          return fail(
            at + 4 <= p.count ? "invalid hex digit in \\u escape" : "incomplete \\u escape",
            position)
        }
        if scalar >= 0xD800 && scalar < 0xDC00 {
          if position + 6 <= p.count, p[position] == 0x5C, p[position + 1] == UInt8(ascii: "u") {
            let save = position
            position += 2
            guard let low = hex4() else { return fail("invalid hex digit in \\u escape", position) }
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
        out += Array(String(Character(Unicode.Scalar(scalar) ?? "\u{FFFD}")).utf8)
      default:
        return fail("invalid escape '\\\(Character(Unicode.Scalar(e)))'", position - 2)
      }
    }
    guard let s = String(validating: out, as: UTF8.self) else {
      if escaped { return fail("invalid UTF-8 in a string", start) }
      let bad = out.withUnsafeBufferPointer { invalidUTF8Offset($0) }
      return fail("invalid UTF-8 in a string", start + bad)
    }
    return .success((s, position))
  }

  struct ReferenceError: Error, Equatable {
    var message: String
    var offset: Int
  }

  @Test(
    "strings parse as the byte-by-byte parser parses them (values and errors)", arguments: 0..<8)
  func parse(seed: Int) {
    var rng = SplitMix64(seed: 0x9A25_0000 + UInt64(seed))
    let escapes = [
      #"\n"#, #"\""#, #"\\"#, #"\/"#, #"\t"#, #"\u00e9"#, #"\u4e2d"#, #"\ud83d\ude00"#, #"\ud800"#,
      #"\udc00"#,
      #"\ud800\u0041"#, #"\ud800\uZZ"#, #"\u12"#, #"\x"#, #"\"#, #"\u0000"#,
    ]
    for _ in 0..<500 {
      var body: [UInt8] = [0x22]
      for _ in 0..<Int.random(in: 0..<12, using: &rng) {
        switch Int.random(in: 0..<4, using: &rng) {
        case 0: body += Array((escapes.randomElement(using: &rng) ?? "").utf8)
        case 1:
          body += Array(
            JSONFastPathTests.randomString(&rng).utf8.filter {
              $0 != 0x22 && $0 != 0x5C && $0 >= 0x20
            })
        default:
          body += JSONFastPathTests.randomBytes(&rng, count: Int.random(in: 0..<12, using: &rng))
            .filter { $0 != 0x22 }
        }
      }
      if Int.random(in: 0..<8, using: &rng) != 0 { body.append(0x22) }
      let expected = JSONFastPathTests.referenceParseString(body)
      let got: Result<(String, Int), ReferenceError> = body.withUnsafeBufferPointer { p in
        var parser = JSONParser(p, maxDepth: 4)
        defer { parser.release() }
        do throws(WinnowError) {
          let s = try parser.parseString()
          return .success((s, parser.position))
        } catch {
          return .failure(
            ReferenceError(
              message: String(error.message.split(separator: ": ", maxSplits: 1).last ?? ""),
              offset: error.byteOffset ?? -1))
        }
      }
      switch (expected, got) {
      case (.success(let a), .success(let b)):
        #expect(a.0 == b.0 && a.1 == b.1, "seed \(seed), input \(body)")
      case (.failure(let a), .failure(let b)):
        #expect(a == b, "seed \(seed), input \(body)")
      default:
        Issue.record("seed \(seed), input \(body): expected \(expected), got \(got)")
      }
    }
  }

  @Test("a line of many escaped strings reuses the scratch buffer correctly")
  func manyEscapedStrings() throws {
    var rng = SplitMix64(seed: 0xC0FFEE)
    var object = JSONObject()
    for i in 0..<50 { object["k\(i)\n"] = .string(JSONFastPathTests.randomString(&rng) + "\n") }
    let bytes = JSONValue.object(object).serialized()
    #expect(try JSONValue(parsing: bytes) == .object(object))
  }

  @Test(
    "integers are written as JSONNumber writes them",
    arguments: [0, 1, 9, 10, 99, 100, -1, -10, 123_456_789, Int.max, Int.min, Int.min + 1])
  func integers(value: Int) {
    var out: [UInt8] = []
    JSONValue.serializeInt(value, into: &out)
    #expect(out == Array(JSONNumber(value).literal.utf8))
  }

  @Test("the results are written byte for byte as resultsJSON serializes them", arguments: 0..<4)
  func results(seed: Int) throws {
    var rng = SplitMix64(seed: 0x4E5_0000 + UInt64(seed))
    for _ in 0..<60 {
      var text = ""
      for _ in 0..<Int.random(in: 1..<12, using: &rng) {
        text += JSONFastPathTests.randomString(&rng) + "\n"
      }
      var doc = Document(id: "d", text: text)
      let n = doc.text.utf8.count
      // Annotations with and without a value and an id (whole-line ranges keep UTF-8 whole).
      let lines = doc.lineRanges()
      for r in lines.shuffled(using: &rng).prefix(3) {
        doc.annotations.append(
          Document.Annotation(
            kind: Bool.random(using: &rng) ? "DATE" : "K\"\n", span: doc.span(r),
            text: doc.substring(r),
            value: Bool.random(using: &rng) ? .object(["iso": "2024-01-01", "n": 3]) : nil,
            id: Bool.random(using: &rng) ? "id\u{1}" : nil, source: "test"))
      }
      if lines.count > 1, let victim = lines.randomElement(using: &rng) {
        try doc.remove(
          [Document.Removal([victim.lowerBound..<min(victim.upperBound + 1, n)], reason: "ad")],
          stage: "demo")
      }
      doc.sentences = [doc.span(0..<doc.text.utf8.count)]
      doc.tokens = [Document.Token(span: doc.span(0..<min(1, doc.text.utf8.count)), kind: .word)]
      if Bool.random(using: &rng) {
        doc.results["boilerplate"] = .object(["dropped": .object([:]), "credits": []])
      }
      if Bool.random(using: &rng) { doc.results["dropped"] = "a duplicate key, kept" }
      for options in [
        ResultOptions(), ResultOptions(sentences: true),
        ResultOptions(tokens: true, original: true),
        ResultOptions(sentences: true, tokens: true, original: true),
      ] {
        var direct: [UInt8] = []
        doc.serializeResults(options, into: &direct)
        var built: [UInt8] = []
        doc.resultsJSON(options).serialize(into: &built)
        #expect(
          direct == built,
          "seed \(seed): \(String(decoding: direct, as: UTF8.self)) vs \(String(decoding: built, as: UTF8.self))"
        )
      }
    }
  }
}
