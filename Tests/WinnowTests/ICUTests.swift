import CICU
import Testing

@testable import Winnow

/// The Swift wrappers over the ICU and OpenCC bridges, and the ICU-backed steps.
@Suite("ICU wrappers")
struct ICUTests {
  // MARK: Normalizer

  struct NormCase: Sendable, CustomTestStringConvertible {
    var name: String
    var form: NormalizationForm
    var input: String
    var output: String
    var runs: [Alignment.Run]
    var testDescription: String { name }
  }

  static let normCases: [NormCase] = [
    NormCase(
      name: "NFC composes", form: .nfc, input: "e\u{301}x", output: "\u{E9}x",
      runs: [
        .init(inputLength: 3, outputLength: 2, changed: true),
        .init(inputLength: 1, outputLength: 1, changed: false),
      ]),
    NormCase(
      name: "NFD decomposes", form: .nfd, input: "a\u{E9}", output: "ae\u{301}",
      runs: [
        .init(inputLength: 1, outputLength: 1, changed: false),
        .init(inputLength: 2, outputLength: 3, changed: true),
      ]),
    NormCase(
      name: "NFKC ligature", form: .nfkc, input: "\u{FB01}n", output: "fin",
      runs: [
        .init(inputLength: 3, outputLength: 2, changed: true),
        .init(inputLength: 1, outputLength: 1, changed: false),
      ]),
    NormCase(
      name: "NFKD full-width", form: .nfkd, input: "Ａ", output: "A",
      runs: [.init(inputLength: 3, outputLength: 1, changed: true)]),
    NormCase(
      name: "NFKC_Casefold drops ignorables", form: .nfkcCasefold, input: "A\u{AD}b", output: "ab",
      // ICU reports adjacent changes as one run.
      runs: [
        .init(inputLength: 3, outputLength: 1, changed: true),
        .init(inputLength: 1, outputLength: 1, changed: false),
      ]),
  ]

  @Test(arguments: normCases)
  func normalize(_ c: NormCase) throws {
    let n = UnicodeNormalizer(c.form)
    let (bytes, alignment) = try n.normalize(Array(c.input.utf8))
    #expect(String(decoding: bytes, as: UTF8.self) == c.output)
    #expect(alignment.runs == c.runs)
    #expect(try !n.isNormalized(Array(c.input.utf8)))
    #expect(try n.isNormalized(bytes))
    #expect(try n.normalizeUTF16Reference(Array(c.input.utf8)) == bytes)
    #expect(try n.normalize(c.input) == c.output)
    // Without tracking: same bytes, empty alignment.
    let untracked = try n.normalize(Array(c.input.utf8), tracking: false)
    #expect(untracked.bytes == bytes && untracked.alignment.runs.isEmpty)
  }

  @Test func normalizeEmptyAndLarge() throws {
    let n = UnicodeNormalizer(.nfd)
    #expect(try n.normalize([UInt8]()).bytes == [])
    #expect(try n.isNormalized([UInt8]()))
    // Forces the overflow-and-retry path for the text and the edits: U+FDFA expands to 18
    // code points under NFKD; many changes overflow the first edit buffer.
    let input = Array(String(repeating: "\u{FDFA}é", count: 500).utf8)
    let (out, alignment) = try UnicodeNormalizer(.nfkd).normalize(input)
    #expect(out == (try UnicodeNormalizer(.nfkd).normalizeUTF16Reference(input)))
    #expect(out.count > input.count * 5)
    #expect(alignment.inputLength == input.count && alignment.outputLength == out.count)
    #expect(alignment.runs.count >= 1000)
  }

  // MARK: Case folding

  @Test(arguments: [
    ("ASCII", "Hello", "hello"),
    ("sharp s", "Straße", "strasse"),
    ("sigma", "ΣΑΣ ς", "σασ σ"),
    ("Cherokee", "Ꭰ", "Ꭰ"),
    ("Turkic I is not special by default", "İ", "i\u{307}"),
    ("Han unchanged", "中文", "中文"),
  ])
  func caseFold(name: String, input: String, output: String) throws {
    #expect(try CaseFolder().fold(input) == output, "\(name)")
    let (bytes, alignment) = try CaseFolder().fold(Array(input.utf8))
    #expect(alignment.inputLength == input.utf8.count && alignment.outputLength == bytes.count)
  }

  // MARK: Transliterator

  @Test(arguments: [
    ("Fullwidth-Halfwidth", "ＡＢＣ１２３，ｄｅｆ", "ABC123,def"),
    ("Traditional-Simplified", "臺灣的烏龜", "台湾的乌龟"),
  ])
  func transliterate(id: String, input: String, output: String) throws {
    let t = try Transliterator(id: id)
    #expect(t.id == id)
    #expect(try t.transliterate(input) == output)
    #expect(try t.clone().transliterate(input) == output)
    #expect(try t.transliterate([UInt8]()) == [])
  }

  @Test func transliteratorUnknownID() {
    #expect {
      _ = try Transliterator(id: "No-Such-Transform")
    } throws: { error in
      guard let e = error as? ICUError else { return false }
      return e.name == String(cString: cicu_error_name(e.code)) && e.name == "U_INVALID_ID"
    }
  }

  @Test func transliteratorsInParallel() async throws {
    let input = String(repeating: "ＡＢＣ１２３　", count: 200)
    let expected = try Transliterator(id: "Fullwidth-Halfwidth").transliterate(input)
    try await withThrowingTaskGroup(of: String.self) { group in
      let shared = try Transliterator(id: "Fullwidth-Halfwidth")
      for k in 0..<8 {
        group.addTask {
          // Half the workers own a clone; the other half share one instance (serialized).
          let t = k.isMultiple(of: 2) ? try Transliterator(id: "Fullwidth-Halfwidth") : shared
          var last = ""
          for _ in 0..<20 { last = try t.transliterate(input) }
          return last
        }
      }
      for try await r in group { #expect(r == expected) }
    }
  }

  // MARK: Charset converter

  @Test func unknownCharsetIsICUError() {
    #expect {
      _ = try CharsetConverter(charset: "no-such-charset")
    } throws: { error in
      guard let e = error as? ICUError else { return false }
      return e.name == String(cString: cicu_error_name(e.code)) && e.name == "U_FILE_ACCESS_ERROR"
        && e.function == "ucnv_open"
    }
  }

  @Test(arguments: ["GB18030", "GBK", "Big5", "Shift_JIS", "EUC-KR", "UTF-16LE", "UTF-16BE"])
  func roundTrip(charset: String) throws {
    let text = charset == "EUC-KR" ? "한국어 text" : charset == "Shift_JIS" ? "日本語のテキスト" : "中文 text"
    let encoded = try CharsetConverter.encode(Array(text.utf8), to: charset)
    #expect(encoded != Array(text.utf8))
    #expect(try CharsetConverter.decode(encoded, from: charset, strict: true) == Array(text.utf8))
  }

  @Test func gbkKnownBytes() throws {
    #expect(try CharsetConverter.encode(Array("中文".utf8), to: "GBK") == [0xD6, 0xD0, 0xCE, 0xC4])
    #expect(
      try CharsetConverter.decode([0xD6, 0xD0, 0xCE, 0xC4], from: "GBK", strict: true)
        == Array("中文".utf8))
  }

  @Test func strictEncodeFailsOnUnmappable() {
    #expect {
      _ = try CharsetConverter.encode(Array("emoji 😀".utf8), to: "GBK")
    } throws: { ($0 as? ICUError)?.name == "U_INVALID_CHAR_FOUND" }
    // GB18030 covers all of Unicode.
    #expect(throws: Never.self) {
      _ = try CharsetConverter.encode(Array("emoji 😀".utf8), to: "GB18030")
    }
  }

  @Test func decodeStrictAndLenient() throws {
    // A lead byte followed by a space is illegal (ICU's GBK maps 0x80 and 0xFF, to € and a
    // private-use character, so they are not).
    let bad: [UInt8] = [0x61, 0xD6, 0xD0, 0x81, 0x20, 0x62]
    let lenient = try CharsetConverter.decode(bad, from: "GBK", strict: false)
    #expect(String(decoding: lenient, as: UTF8.self) == "a中\u{FFFD} b")
    #expect(throws: ICUError.self) {
      _ = try CharsetConverter.decode(bad, from: "GBK", strict: true)
    }
  }

  @Test func streamingSplitsCharacters() throws {
    let gb = try CharsetConverter.encode(Array("繁體中文與𠀀".utf8), to: "GB18030")
    for split in 0...gb.count {
      let c = try CharsetConverter(charset: "GB18030")
      var out: [UInt8] = []
      try gb[..<split].withUnsafeBufferPointer { try c.toUTF8($0, flush: false, into: &out) }
      try gb[split...].withUnsafeBufferPointer { try c.toUTF8($0, flush: true, into: &out) }
      #expect(String(decoding: out, as: UTF8.self) == "繁體中文與𠀀", "split at \(split)")
      #expect(c.canonicalName.lowercased().contains("gb18030"))
    }
  }

  @Test func streamingLargeOutput() throws {
    // More output than the converter's internal scratch buffer in one call.
    let text = String(repeating: "中文網頁，", count: 20_000)
    let gb = try CharsetConverter.encode(Array(text.utf8), to: "GB18030")
    #expect(try CharsetConverter.decode(gb, from: "GB18030", strict: true) == Array(text.utf8))
  }

  // MARK: OpenCC

  @Test func openCCT2S() throws {
    let t2s = try OpenCCConverter.shared(config: "t2s.json")
    #expect(try t2s.convert("憂鬱的臺灣烏龜") == "忧郁的台湾乌龟")
    #expect(try OpenCCConverter.shared(config: "t2s.json") === t2s)
    // NUL bytes are kept in place.
    #expect(try t2s.convert(Array("臺\u{0}灣".utf8)) == Array("台\u{0}湾".utf8))
    #expect(try t2s.convert([UInt8]()) == [])
  }

  /// Threads converting at once through one shared converter each get a handle of their
  /// own (none waits for another) and the results are those of one thread alone.
  @Test func openCCConcurrentCalls() async throws {
    let t2s = try OpenCCConverter(config: "t2s.json")
    let inputs = (0..<64).map { "第\($0)條：憂鬱的臺灣烏龜著名乾燥" }
    let expected = try inputs.map { try t2s.convert($0) }
    let results = try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for (i, text) in inputs.enumerated() {
        group.addTask { (i, try t2s.convert(text)) }
      }
      var out = [String](repeating: "", count: inputs.count)
      for try await (i, r) in group { out[i] = r }
      return out
    }
    #expect(results == expected)
    #expect(expected[3] == "第3条：忧郁的台湾乌龟著名干燥")
  }

  @Test func openCCMissingConfig() {
    #expect {
      _ = try OpenCCConverter(config: "no-such-config.json")
    } throws: { error in
      guard let e = error as? WinnowError else { return false }
      return e.code == .internal && e.message.contains("libopencc-data") && e.cause != nil
    }
  }

  // MARK: Steps

  func apply(_ step: some LineStep, _ text: String, tracking: Bool = true) -> EditBuffer? {
    Array(text.utf8).withUnsafeBufferPointer { step.apply($0, tracking: tracking) }
  }

  @Test func t2sStep() throws {
    let step = try T2SStep()
    let r = try #require(apply(step, "憂鬱的臺灣烏龜"))
    #expect(String(decoding: r.bytes, as: UTF8.self) == "忧郁的台湾乌龟")
    // Same code point count: aligned code point by code point; 的 is unchanged.
    #expect(r.alignment.runs.count == 7)
    #expect(r.alignment.runs[2] == .init(inputLength: 3, outputLength: 3, changed: false))
    #expect(r.alignment.inputRange(forOutput: 9..<12) == 9..<12)
    #expect(apply(step, "plain ASCII") == nil)
    #expect(apply(step, "简体中文") == nil)
    // Through the normalizer.
    let n = try Normalizer(NormalizerOptions(steps: [.t2s]))
    #expect(n.normalize("憂鬱的臺灣烏龜").text == "忧郁的台湾乌龟")
  }

  @Test func t2sAlignmentWhenLengthsDiffer() {
    let input = Array("ab臺灣cd".utf8), output = Array("ab台湾湾cd".utf8)
    let a = input.withUnsafeBufferPointer { i in
      output.withUnsafeBufferPointer { o in T2SStep.align(i, o) }
    }
    #expect(a.inputLength == input.count && a.outputLength == output.count)
    #expect(
      a.runs == [
        .init(inputLength: 2, outputLength: 2, changed: false),
        .init(inputLength: 6, outputLength: 9, changed: true),
        .init(inputLength: 2, outputLength: 2, changed: false),
      ])
  }

  @Test(arguments: [NormalizationForm.nfc, .nfd, .nfkc, .nfkd, .nfkcCasefold])
  func formStepSkipsCleanText(form: NormalizationForm) throws {
    let step = try FormStep(form)
    #expect(apply(step, "plain ascii line") == nil)
    #expect(apply(step, "") == nil)
    // Not in any form: a decomposed é, a precomposed é and a compatibility ligature.
    let input = "Cafe\u{301} \u{E9}ﬁ"
    let r = try #require(apply(step, input))
    let expected = try UnicodeNormalizer(form).normalize(input)
    #expect(String(decoding: r.bytes, as: UTF8.self) == expected)
    #expect(
      r.alignment.inputLength == input.utf8.count && r.alignment.outputLength == r.bytes.count)
    #expect(apply(step, expected) == nil)
    let untracked = try #require(apply(step, input, tracking: false))
    #expect(untracked.bytes == r.bytes && untracked.alignment.runs.isEmpty)
  }

  @Test func formStepCasefoldsASCII() throws {
    let r = try #require(apply(try FormStep(.nfkcCasefold), "ABC def"))
    #expect(String(decoding: r.bytes, as: UTF8.self) == "abc def")
  }

  @Test func caseFoldStep() throws {
    let step = try CaseFoldStep()
    #expect(apply(step, "already folded") == nil)
    let ascii = try #require(apply(step, "Hello WORLD"))
    #expect(String(decoding: ascii.bytes, as: UTF8.self) == "hello world")
    #expect(ascii.alignment.inputRange(forOutput: 6..<11) == 6..<11)
    let r = try #require(apply(step, "Straße"))
    #expect(String(decoding: r.bytes, as: UTF8.self) == "strasse")
    #expect(r.alignment.inputLength == "Straße".utf8.count && r.alignment.outputLength == 7)
    #expect(
      apply(step, "straße中文").map { String(decoding: $0.bytes, as: UTF8.self) } == "strasse中文")
    #expect(apply(step, "strasse中文") == nil)
  }

  @Test func versions() {
    var buf = [CChar](repeating: 0, count: 24)
    cicu_unicode_version(&buf)
    let version = String(
      decoding: buf.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    #expect(version.hasPrefix("15."))
  }
}
