import Testing

@testable import Winnow

private func run(_ steps: Set<NormalizationStep>, _ input: String) throws -> String {
  try Normalizer(NormalizerOptions(steps: steps)).normalize(input).text
}

@Suite struct NormalizerStepTests {
  @Test(arguments: [
    ("ＡＢＣ１２３，ｄｅｆ", "ABC123,def"),
    ("中文，英文", "中文，英文"),
    ("你好！！", "你好！！"),
    ("Hello，世界", "Hello，世界"),
    ("ｶﾞｷﾞｸﾞ ﾊﾟﾋﾟ ｳﾞ", "ガギグ パピ ヴ"),
    ("｢ｱｲｳ｣｡", "「アイウ」。"),
    ("「日本語」。、", "「日本語」。、"),
    ("ＵＲＬ：ｈｔｔｐ：／／ｅｘ．ｃｏｍ", "URL:http://ex.com"),
    ("价格：￥１００", "价格：￥100"),
    ("price ￥１００", "price ¥100"),
  ])
  func widthFolding(input: String, expected: String) throws {
    #expect(try run([.width], input) == expected)
  }

  @Test(arguments: [
    ("a\u{00A0}b\u{3000}c", "a b c"),
    ("  lead and trail \t", "lead and trail"),
    ("many     spaces", "many spaces"),
    ("tab\tinside", "tab\tinside"),
    ("a \u{2003} b", "a b"),
    ("clean line", "clean line"),
  ])
  func spaces(input: String, expected: String) throws {
    #expect(try run([.spaces], input) == expected)
  }

  @Test func blankLineRunsCollapseToOne() throws {
    #expect(try run([.spaces], "a\n\n\n \n\nb\n") == "a\n\nb\n")
  }

  @Test(arguments: [
    ("a\u{0001}b\u{007F}c\u{0085}d", "abcd"),
    ("keep\ttab", "keep\ttab"),
  ])
  func controls(input: String, expected: String) throws {
    #expect(try run([.controls], input) == expected)
  }

  @Test func newlinesBecomeLF() throws {
    #expect(try run([.newlines], "a\r\nb\rc\u{2028}d\u{0085}e") == "a\nb\nc\nd\ne")
  }

  @Test(arguments: [
    ("zero\u{200B}width\u{2060}join\u{FEFF}er soft\u{00AD}hyphen", "zerowidthjoiner softhyphen"),
    ("👩\u{200D}💻", "👩\u{200D}💻"),  // emoji ZWJ sequence kept
    ("👨🏽\u{200D}🚀", "👨🏽\u{200D}🚀"),  // with a skin tone
    ("می\u{200C}خواهم", "می\u{200C}خواهم"),  // Persian ZWNJ kept
    ("क्\u{200D}ष", "क्\u{200D}ष"),  // Devanagari ZWJ kept
    ("ab\u{200D}cd", "abcd"),  // meaningless between Latin letters
  ])
  func zeroWidth(input: String, expected: String) throws {
    #expect(try run([.zeroWidth], input) == expected)
  }

  @Test func punctuationFolding() throws {
    #expect(
      try run([.punct], "“Quote” ‘single’ – dash — em… end")
        == "\"Quote\" 'single' - dash - em... end")
  }

  @Test func linesStayIndependent() throws {
    let input = "ＡＢＣ\n中文，英文\n\n\nlast"
    let out = try run(NormalizationProfile.default.steps, input)
    #expect(out.split(separator: "\n", omittingEmptySubsequences: false).count == 4)
  }

  @Test func streamEqualsWholeText() throws {
    let n = try Normalizer(NormalizerOptions(profile: .default))
    let input = Array("ＡＢＣ，ｄｅｆ\r\n中文，英文\r\n\r\n\r\nx\u{00A0}\u{00A0}y\rend".utf8)
    let whole = n.normalize(input, tracking: false).bytes
    for chunk in [1, 2, 3, 7, 64] {
      var s = NormalizingStream(n)
      var out: [UInt8] = []
      var i = 0
      while i < input.count {
        s.feed(input[i..<min(i + chunk, input.count)], into: &out)
        i += chunk
      }
      s.finish(into: &out)
      #expect(out == whole, "chunk size \(chunk)")
    }
  }
}
