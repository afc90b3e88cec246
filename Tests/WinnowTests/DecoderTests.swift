import Foundation
import Testing

@testable import Winnow

/// The raw-bytes → UTF-8 decoder, whole and streaming.
@Suite("Text decoder")
struct DecoderTests {
  /// Corpora/messy: `gb18030-sample.txt` is a Chinese/English text made with
  /// `iconv -f UTF-8 -t GB18030`; `invalid-utf8.txt` holds hand-written broken sequences
  /// (stray 0xFF, truncated 3-byte, surrogate, overlong, above U+10FFFF, truncated at EOF).
  static let corpus = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Corpora/messy")

  static func corpusFile(_ name: String) throws -> [UInt8] {
    [UInt8](try Data(contentsOf: corpus.appendingPathComponent(name)))
  }

  /// Maximal-subpart cases, including the example of the Unicode Standard §3.9 (Table 3-8).
  @Test(
    arguments: [
      ("one bad byte", [0x61, 0xFF, 0x62], "a\u{FFFD}b", 1),
      (
        "Unicode Table 3-8",
        [0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64],
        "a\u{FFFD}\u{FFFD}\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}d", 6
      ),
      ("surrogate", [0xED, 0xA0, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}", 3),
      ("overlong", [0xC0, 0xAF, 0xE0, 0x80, 0xAF], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}", 5),
      ("above U+10FFFF", [0xF4, 0x90, 0x80, 0x80], "\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}", 4),
      ("truncated at end", [0x61, 0xE4, 0xB8], "a\u{FFFD}", 1),
      ("truncated before ASCII", [0xE4, 0xB8, 0x41, 0xF0, 0x9F, 0x98], "\u{FFFD}A\u{FFFD}", 2),
      ("valid", Array("中文 😀 é".utf8), "中文 😀 é", 0),
    ] as [(String, [UInt8], String, Int)])
  func replacement(name: String, input: [UInt8], expected: String, count: Int) throws {
    let r = try TextDecoder().decode(input)
    #expect(r.text == expected, "\(name)")
    #expect(r.replacements == count)
    #expect(r.alignment.inputLength == input.count && r.alignment.outputLength == r.bytes.count)
    // Swift's own repair follows the same Unicode practice.
    #expect(r.text == String(decoding: input, as: UTF8.self))
  }

  @Test func aFFb() throws {
    let r = try TextDecoder().decode([0x61, 0xFF, 0x62])
    #expect(r.text == "a\u{FFFD}b")
    #expect(r.replacements == 1 && r.firstReplacementOffset == 1)
    #expect(r.alignment.inputRange(forOutput: 1..<4) == 1..<2)
    #expect(r.alignment.inputRange(forOutput: 4..<5) == 2..<3)
  }

  @Test func strictNamesOffset() {
    #expect {
      _ = try TextDecoder(strict: true, path: "page.txt").decode([0x61, 0xFF, 0x62])
    } throws: { error in
      guard let e = error as? WinnowError else { return false }
      return e.code == .invalidData && e.byteOffset == 1 && e.path == "page.txt"
        && e.message
          == "page.txt: invalid UTF-8 at byte 1 (0xFF); use --encoding for legacy text or drop --strict"
    }
    #expect(throws: Never.self) { _ = try TextDecoder(strict: true).decode(Array("ok 中文".utf8)) }
  }

  @Test func validInputIsReturnedAsIs() throws {
    let input = Array(String(repeating: "plain ASCII and 中文, ", count: 100).utf8)
    let r = try TextDecoder().decode(input)
    #expect(r.bytes == input && r.alignment.isIdentity && r.alignment.inputLength == input.count)
    #expect(r.replacements == 0 && r.firstReplacementOffset == nil && r.encoding == "UTF-8")
  }

  @Test func utf8BOMStripped() throws {
    let r = try TextDecoder().decode([0xEF, 0xBB, 0xBF, 0x61, 0x62])
    #expect(r.text == "ab")
    #expect(r.alignment.inputOffset(forOutput: 0, roundingUp: false) == 3)
    #expect(r.alignment.inputRange(forOutput: 0..<2) == 3..<5)
    // Only at the start: an inner U+FEFF is text (the zero-width step handles it).
    #expect(try TextDecoder().decode([0x61, 0xEF, 0xBB, 0xBF]).text == "a\u{FEFF}")
    #expect(try TextDecoder().decode([0xEF, 0xBB, 0xBF]).bytes == [])
    #expect(try TextDecoder().decode([0xEF, 0xBB]).text == "\u{FFFD}")
  }

  @Test func utf16LEWithBOM() throws {
    var bytes: [UInt8] = [0xFF, 0xFE]
    for u in "a中\n😀 b\n".utf16 { bytes += [UInt8(u & 0xFF), UInt8(u >> 8)] }
    let r = try TextDecoder().decode(bytes)
    #expect(r.text == "a中\n😀 b\n")
    #expect(r.encoding == "UTF-16LE")
    #expect(r.alignment.inputLength == bytes.count && r.alignment.outputLength == r.bytes.count)
    // Line-level alignment: the second line maps to its own bytes.
    let secondLine = r.alignment.inputRange(forOutput: 5..<11)
    #expect(secondLine.lowerBound == 2 + 6)
    // The same with --encoding UTF-16, and big-endian.
    #expect(try TextDecoder(encoding: "UTF-16").decode(bytes).text == "a中\n😀 b\n")
    var be: [UInt8] = [0xFE, 0xFF]
    for u in "a中".utf16 { be += [UInt8(u >> 8), UInt8(u & 0xFF)] }
    #expect(try TextDecoder().decode(be).text == "a中")
    #expect(try TextDecoder(encoding: "UTF-16").decode(Array(be.dropFirst(2))).text == "a中")
  }

  @Test func gb18030File() throws {
    let bytes = try Self.corpusFile("gb18030-sample.txt")
    let expected = "中文网页的文本清洗：全角ＡＢＣ与繁體字。\nGB18030 encoded sample, second line.\n"
    let r = try TextDecoder(encoding: "GB18030").decode(bytes)
    #expect(r.text == expected)
    #expect(r.encoding == "GB18030" && r.replacements == 0)
    #expect(r.alignment.inputLength == bytes.count && r.alignment.outputLength == r.bytes.count)
    // The ASCII second line maps to itself.
    let firstLineOut = try #require(Array(expected.utf8).firstIndex(of: 0x0A)) + 1
    let firstLineIn = try #require(bytes.firstIndex(of: 0x0A)) + 1
    #expect(
      r.alignment.inputRange(forOutput: firstLineOut..<firstLineOut + 7)
        == firstLineIn..<firstLineIn + 7)
    // Streaming in small chunks gives the same text.
    for size in [1, 2, 3, 7] {
      var s = try StreamingDecoder(encoding: "GB18030")
      var out: [UInt8] = []
      var i = 0
      while i < bytes.count {
        try s.feed(Array(bytes[i..<min(i + size, bytes.count)]), into: &out)
        i += size
      }
      try s.finish(into: &out)
      #expect(String(decoding: out, as: UTF8.self) == expected, "chunk size \(size)")
    }
    // As UTF-8 it is not valid, and strict mode says so.
    #expect(throws: WinnowError.self) { _ = try TextDecoder(strict: true).decode(bytes) }
  }

  @Test func legacyStrictError() {
    #expect {
      _ = try TextDecoder(encoding: "GBK", strict: true, path: "x.txt").decode([
        0x61, 0x62, 0xD6, 0xD0, 0x81, 0x20, 0x63,
      ])
    } throws: { error in
      guard let e = error as? WinnowError else { return false }
      return e.code == .invalidData && e.byteOffset == 4
        && e.message.hasPrefix("x.txt: invalid GBK at byte 4")
    }
  }

  @Test func unknownEncodingIsUsageError() {
    #expect {
      _ = try TextDecoder(encoding: "no-such-charset").decode([0x61])
    } throws: { ($0 as? WinnowError)?.code == .usage }
  }

  @Test func invalidUTF8File() throws {
    let bytes = try Self.corpusFile("invalid-utf8.txt")
    let r = try TextDecoder().decode(bytes)
    // Reference: Python's bytes.decode("utf-8", errors="replace") gives 12 U+FFFD.
    #expect(r.replacements == 12)
    #expect(r.firstReplacementOffset == 15)
    #expect(r.text == String(decoding: bytes, as: UTF8.self))
    #expect(r.text.hasPrefix("valid line\nbad \u{FFFD} byte and \u{FFFD} truncated\n"))
    #expect {
      _ = try TextDecoder(strict: true, path: "invalid-utf8.txt").decode(bytes)
    } throws: { ($0 as? WinnowError)?.byteOffset == 15 }
  }

  /// Every split point of a text full of multi-byte and broken sequences decodes the same
  /// streaming as whole, and strict errors carry the absolute offset.
  @Test func streamingEverySplit() throws {
    let bytes: [UInt8] =
      [0xEF, 0xBB, 0xBF] + Array("a中😀".utf8) + [0xE4, 0xB8, 0x41, 0xFF] + Array("é文".utf8) + [
        0xF0, 0x9F,
      ]
    let whole = try TextDecoder().decode(bytes)
    for i in 0...bytes.count {
      for j in i...bytes.count {
        var s = try StreamingDecoder(TextDecoder())
        var out: [UInt8] = []
        try s.feed(Array(bytes[..<i]), into: &out)
        try s.feed(Array(bytes[i..<j]), into: &out)
        try s.feed(Array(bytes[j...]), into: &out)
        try s.finish(into: &out)
        #expect(out == whole.bytes, "split at \(i), \(j)")
        #expect(
          s.replacements == whole.replacements
            && s.firstReplacementOffset == whole.firstReplacementOffset)
      }
      var strict = try StreamingDecoder(strict: true)
      var out: [UInt8] = []
      #expect {
        try strict.feed(Array(bytes[..<i]), into: &out)
        try strict.feed(Array(bytes[i...]), into: &out)
        try strict.finish(into: &out)
      } throws: { ($0 as? WinnowError)?.byteOffset == 3 + "a中😀".utf8.count }
    }
  }

  /// Seeded random bytes: the decoder agrees with Swift's own repairing decoder, whole and
  /// in random chunks.
  @Test func randomBytesMatchSwiftRepair() throws {
    var rng = SplitMix64(seed: 0x5EED_1C0)
    for round in 0..<300 {
      let n = Int(rng.next() % 64)
      // Bias towards bytes that form (and break) multi-byte sequences.
      let pool: [UInt8] = [
        0x41, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF, 0xF0,
        0xF4, 0xF5, 0xFF, 0xB8, 0xAD,
      ]
      let bytes = (0..<n).map { _ in pool[Int(rng.next() % UInt64(pool.count))] }
      let expected = String(decoding: bytes, as: UTF8.self)
      let r = try TextDecoder().decode(bytes)
      #expect(r.text == expected, "round \(round): \(bytes.map { String($0, radix: 16) })")
      #expect(r.alignment.inputLength == bytes.count && r.alignment.outputLength == r.bytes.count)
      var s = try StreamingDecoder()
      var out: [UInt8] = []
      var i = 0
      while i < n {
        let k = 1 + Int(rng.next() % 5)
        try s.feed(Array(bytes[i..<min(n, i + k)]), into: &out)
        i += k
      }
      try s.finish(into: &out)
      #expect(String(decoding: out, as: UTF8.self) == expected, "round \(round) streaming")
    }
  }
}
