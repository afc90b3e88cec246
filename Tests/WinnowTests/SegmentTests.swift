import Foundation
import Testing
import Winnow

/// The text of each token, for readable expectations.
func texts(_ bytes: [UInt8], _ tokens: [Token]) -> [String] {
  tokens.map { String(decoding: bytes[$0.range], as: UTF8.self) }
}

@Suite struct SegmentTests {
  struct KindCase: CustomTestStringConvertible, Sendable {
    var text: String
    var expected: [(String, TokenKind)]
    var testDescription: String { text }
  }

  static let kindCases: [KindCase] = [
    KindCase(text: "Britain's 2025", expected: [("Britain's", .word), ("2025", .number)]),
    KindCase(
      text: "1,234.56 $5", expected: [("1,234.56", .number), ("$", .symbol), ("5", .number)]),
    KindCase(
      text: "hotline: 010-85061466",
      expected: [
        ("hotline", .word), (":", .punctuation), ("010", .number), ("-", .punctuation),
        ("85061466", .number),
      ]),
    KindCase(
      text: "after U.S. President",
      expected: [("after", .word), ("U.S", .word), (".", .punctuation), ("President", .word)]),
    KindCase(
      text: "我们是中国人", expected: [("我们", .ideographic), ("是", .ideographic), ("中国人", .ideographic)]),
    KindCase(text: "カタカナ ｶﾞ", expected: [("カタカナ", .kana), ("ｶﾞ", .kana)]),
    KindCase(
      text: "👍🏽 👨‍👩‍👧 🇨🇳 ☺️", expected: [("👍🏽", .emoji), ("👨‍👩‍👧", .emoji), ("🇨🇳", .emoji), ("☺️", .emoji)]),
    KindCase(text: "© ☺", expected: [("©", .symbol), ("☺", .symbol)]),
    KindCase(text: "한국어 ภาษาไทย", expected: [("한국어", .word), ("ภาษา", .word), ("ไทย", .word)]),
    KindCase(text: "Ｕｎｉｃｏｄｅ！", expected: [("Ｕｎｉｃｏｄｅ", .word), ("！", .punctuation)]),
    KindCase(text: "\u{200B}a\u{FEFF}\t\u{3000}", expected: [("a\u{FEFF}", .word)]),
  ]

  /// Kinds follow ``TokenKind``'s table, identically in both engines.
  @Test("token kinds", arguments: TokenizerEngine.allCases, kindCases)
  func kinds(engine: TokenizerEngine, c: KindCase) throws {
    let tok = try makeTokenizer(engine, options: TokenizerOptions(includePunctuation: true))
    let bytes = Array(c.text.utf8)
    let tokens = try tok.tokens(bytes)
    let got = zip(texts(bytes, tokens), tokens.map(\.kind)).map { "\($0.0)/\($0.1)" }
    #expect(got == c.expected.map { "\($0.0)/\($0.1)" })
  }

  /// Without `includePunctuation`, only words, numbers, CJK, kana and emoji come out.
  @Test("punctuation and symbols only on request", arguments: TokenizerEngine.allCases)
  func punctuationOff(engine: TokenizerEngine) throws {
    let tok = try makeTokenizer(engine)
    let bytes = Array("Hi, $5 © 👍 。".utf8)
    let tokens = try tok.tokens(bytes)
    #expect(texts(bytes, tokens) == ["Hi", "5", "👍"])
    #expect(tokens.map(\.kind) == [.word, .number, .emoji])
  }

  /// The sample page: the named tokens come out as ICU gives them, identically in both
  /// engines, and every token's offsets slice the original bytes.
  @Test("sample page tokens (cgtn-coalition-2025-03-20)")
  func samplePage() throws {
    let url = packageRoot.appendingPathComponent(
      "Corpora/segmentation/cgtn-coalition-2025-03-20.txt")
    let bytes = Array(try Data(contentsOf: url))
    let fast = try makeTokenizer(.fast).tokens(bytes)
    let icu = try makeTokenizer(.icu).tokens(bytes)
    #expect(fast == icu)
    let words = texts(bytes, fast)
    let kinds = Dictionary(zip(words, fast.map(\.kind)), uniquingKeysWith: { a, _ in a })
    for (w, k) in [
      ("Keir", TokenKind.word), ("Starmer", .word), ("Britain's", .word), ("U.S", .word),
      ("2025", .number), ("10120180008", .number), ("010", .number), ("85061466", .number),
    ] {
      #expect(kinds[w] == k, "\(w)")
    }
    // ICU keeps the final full stop of "U.S." apart and splits the phone number at "-".
    #expect(!words.contains("U.S.") && !words.contains("010-85061466"))
    for t in fast {
      #expect(String(validating: bytes[t.range], as: UTF8.self) != nil)
    }
  }

  struct SentenceCase: CustomTestStringConvertible, Sendable {
    var text: String
    var expected: [String]
    var testDescription: String { text }
  }

  static let sentenceCases: [SentenceCase] = [
    SentenceCase(
      text:
        "Ukraine, alongside France, after U.S. President Donald Trump surprised Europe. Next one!",
      expected: [
        "Ukraine, alongside France, after U.S. President Donald Trump surprised Europe.",
        "Next one!",
      ]),
    SentenceCase(
      text: "Mr. Smith went to Washington. He left.",
      expected: ["Mr. Smith went to Washington.", "He left."]),
    SentenceCase(
      text: "他说：“我们走吧。”然后离开了。会议结束；双方同意！真的吗？「好。」对",
      expected: ["他说：“我们走吧。”", "然后离开了。", "会议结束；", "双方同意！", "真的吗？", "「好。」", "对"]),
    SentenceCase(
      text: "  Hello world.  你好。 It works?  Yes  ",
      expected: ["Hello world.", "你好。", "It works?", "Yes"]),
    SentenceCase(text: "第一；“第二”；第三", expected: ["第一；", "“第二”；", "第三"]),
    SentenceCase(text: "   ", expected: []),
  ]

  @Test("sentences", arguments: sentenceCases)
  func sentences(c: SentenceCase) throws {
    let seg = try Segmenter()
    let bytes = Array(c.text.utf8)
    let got = try seg.sentences(bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    #expect(got == c.expected)
  }

  @Test("sentences never span lines; blocks are lines")
  func blocks() throws {
    let seg = try Segmenter()
    let bytes = Array("One. Two\r\nThree 三。\n\nFour\rFive\n".utf8)
    let blocks = seg.blocks(bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    #expect(blocks == ["One. Two", "Three 三。", "", "Four", "Five"])
    let sentences = try seg.sentences(bytes).map {
      String(decoding: bytes[$0.range], as: UTF8.self)
    }
    #expect(sentences == ["One.", "Two", "Three 三。", "Four", "Five"])
  }

  @Test("sample page sentences: line 8 keeps U.S. President together")
  func samplePageSentences() throws {
    let url = packageRoot.appendingPathComponent(
      "Corpora/segmentation/cgtn-coalition-2025-03-20.txt")
    let bytes = Array(try Data(contentsOf: url))
    let seg = try Segmenter()
    let got = try seg.sentences(bytes).map { String(decoding: bytes[$0.range], as: UTF8.self) }
    #expect(got.contains { $0.contains("after U.S. President Donald Trump surprised Europe") })
    #expect(!got.contains { $0.hasSuffix("U.S.") })
  }

  @Test("ill-formed UTF-8 and empty input", arguments: TokenizerEngine.allCases)
  func illFormed(engine: TokenizerEngine) throws {
    let tok = try makeTokenizer(engine, options: TokenizerOptions(includePunctuation: true))
    #expect(try tok.tokens([]).isEmpty)
    let bytes: [UInt8] = [0x61, 0xFF, 0x62, 0xE4, 0xB8, 0x20, 0x31]
    let tokens = try tok.tokens(bytes)
    #expect(tokens.map(\.range) == [0..<1, 1..<2, 2..<3, 3..<5, 6..<7])
    #expect(tokens.map(\.kind) == [.word, .symbol, .word, .symbol, .number])
  }
}
