import Testing
import Winnow

/// The fast path's CJK shortcuts against ICU: the rule scan hands the run split the scalars
/// it decoded when a rule segment is one CJK run, one-character ranges skip the dictionary's
/// search, and the pair table's slots carry their keys. Each case is compared with ICU
/// (boundaries, statuses and tokens), with punctuation on and off.
@Suite struct FastPathSharedDecodingTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "a segment that is one Han run", text: "我们是中国人"),
    Case(name: "Han run, then punctuation the scan reads ahead", text: "我们是中国人。他们也是"),
    Case(name: "Han run, then ASCII letters and digits", text: "中文abc中文123中文"),
    Case(name: "one Han character between spaces", text: "a 中 b 国 c"),
    Case(name: "two Han characters", text: "中国 人民"),
    Case(name: "a lone non-ideographic Han character", text: "々 日々 々々"),
    Case(name: "sound mark first (engine character, not a dictionary category)", text: "ﾞ中国人"),
    Case(name: "prolonged sound mark first", text: "ーカタカナ ｰｶﾀｶﾅ"),
    Case(name: "half-width katakana with sound marks", text: "ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟ"),
    Case(name: "hiragana with a half-width sound mark", text: "かﾞき"),
    Case(name: "Han, combining mark, Han", text: "中\u{301}文 中文\u{301}中国"),
    Case(name: "katakana middle dot", text: "中・文 カタ・カナ"),
    Case(name: "NFKC-expanding square words alone and in runs", text: "㌀ ㍿ 株式会社㍿ ㌀㌁"),
    Case(name: "supplementary ideographs", text: "𠀀 𠀀中国 中国𠀀𠀁人"),
    Case(name: "kana run", text: "ひらがなとカタカナのまじったぶんしょう"),
    Case(name: "Han run with a Hangul neighbour", text: "中国한국中国"),
    Case(name: "long Han run", text: String(repeating: "中华人民共和国国务院总理", count: 20)),
    Case(name: "U+FFFD inside a run", text: "中国\u{FFFD}人民"),
    Case(name: "emoji and ZWJ beside Han", text: "中国👍🏽人民👨‍👩‍👧"),
    Case(name: "full-width digits and letters beside Han", text: "中国１２３ＡＢＣ人民"),
  ]

  @Test("fast == ICU on CJK segments", arguments: cases, [false, true])
  func cjkSegments(c: Case, punctuation: Bool) throws {
    let options = TokenizerOptions(includePunctuation: punctuation)
    let fast = try makeTokenizer(.fast, options: options)
    let icu = try makeTokenizer(.icu, options: options)
    let bytes = Array(c.text.utf8)
    let want = try icu.wordBoundaries(bytes)
    let got = try fast.wordBoundaries(bytes)
    #expect(got.boundaries == want.boundaries)
    #expect(got.statuses == want.statuses)
    #expect(try fast.tokens(bytes) == icu.tokens(bytes))
  }

  /// Ill-formed bytes right after a Han run: the scan stops recording at U+FFFD (no engine
  /// bits), so the run split decodes the segment itself.
  @Test(
    "fast == ICU with ill-formed bytes next to Han",
    arguments: [
      [0xE4, 0xB8, 0xAD, 0xFF, 0xE5, 0x9B, 0xBD],  // 中 0xFF 国
      [0xE4, 0xB8, 0xAD, 0xE5, 0x9B],  // 中, then a truncated 国
      [0xE5, 0x9B, 0xE4, 0xB8, 0xAD, 0xE5, 0x9B, 0xBD],  // truncated, then 中国
    ] as [[UInt8]])
  func illFormedNextToHan(bytes: [UInt8]) throws {
    let fast = try makeTokenizer(.fast)
    let icu = try makeTokenizer(.icu)
    let want = try icu.wordBoundaries(bytes)
    let got = try fast.wordBoundaries(bytes)
    #expect(got.boundaries == want.boundaries)
    #expect(got.statuses == want.statuses)
  }
}
