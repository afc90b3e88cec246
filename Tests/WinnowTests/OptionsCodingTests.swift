import Foundation
import Testing
import Winnow

/// The core's option types decode with every key optional (a missing key keeps the value of
/// the type's `init()`), read every key they encode, and reject a wrong type.
@Suite("Options as JSON (Codable): normalizer, segmenter, tokenizer")
struct OptionsCodingTests {
  static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder().decode(type, from: Data(json.utf8))
  }

  @Test func emptyObjectsDecodeToTheDefaults() throws {
    #expect(try Self.decode(NormalizerOptions.self, "{}") == NormalizerOptions())
    #expect(try Self.decode(SegmenterOptions.self, "{}") == SegmenterOptions())
    #expect(try Self.decode(TokenizerOptions.self, "{}") == TokenizerOptions())
  }

  @Test func aMissingKeyKeepsItsDefault() throws {
    let n = try Self.decode(NormalizerOptions.self, #"{"steps": ["width", "spaces"]}"#)
    #expect(n == NormalizerOptions(steps: [.width, .spaces], form: NormalizerOptions().form))
    let f = try Self.decode(NormalizerOptions.self, #"{"form": "nfkc"}"#)
    #expect(f.steps == NormalizerOptions().steps)
    #expect(f.form == .nfkc)

    let s = try Self.decode(
      SegmenterOptions.self, #"{"engine": "icu", "tokens": {"includePunctuation": true}}"#)
    var expected = SegmenterOptions()
    expected.engine = .icu
    expected.tokens.includePunctuation = true
    #expect(s == expected)
    let a = try Self.decode(SegmenterOptions.self, #"{"abbreviations": ["Dr."]}"#)
    #expect(a.abbreviations == ["Dr."])
    #expect(a.sentenceLocale == SegmenterOptions().sentenceLocale)
    #expect(a.extraSentenceTerminators == SegmenterOptions().extraSentenceTerminators)
  }

  /// Options changed in every key encode and decode back equal: no key is left out of the
  /// decoders.
  @Test func everyKeyRoundTrips() throws {
    let n = NormalizerOptions(steps: [.casefold, .t2s], form: .nfkd)
    #expect(try JSONDecoder().decode(NormalizerOptions.self, from: JSONEncoder().encode(n)) == n)
    let s = SegmenterOptions(
      engine: .icu, tokens: TokenizerOptions(includePunctuation: true), sentenceLocale: "zh",
      extraSentenceTerminators: ";", abbreviations: ["Mr."])
    #expect(try JSONDecoder().decode(SegmenterOptions.self, from: JSONEncoder().encode(s)) == s)
    #expect(Mirror(reflecting: s).children.count == 5)
    #expect(Mirror(reflecting: n).children.count == 2)
    #expect(Mirror(reflecting: TokenizerOptions()).children.count == 1)
  }

  @Test(arguments: [
    #"{"steps": "width"}"#, #"{"steps": ["nosuch"]}"#, #"{"form": 3}"#,
  ])
  func aWrongNormalizerValueIsAnError(_ json: String) {
    #expect(throws: DecodingError.self) { try Self.decode(NormalizerOptions.self, json) }
  }

  @Test(arguments: [
    #"{"engine": "slow"}"#, #"{"tokens": {"includePunctuation": "yes"}}"#,
    #"{"abbreviations": "U.S."}"#,
  ])
  func aWrongSegmenterValueIsAnError(_ json: String) {
    #expect(throws: DecodingError.self) { try Self.decode(SegmenterOptions.self, json) }
  }
}
