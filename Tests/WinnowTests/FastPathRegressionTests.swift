import Testing
import Winnow

/// Regression tests for fast-path bugs found by fuzzing (docs/reliability-fuzzing.md), one
/// per finding, each with its minimized input.
@Suite struct FastPathRegressionTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    /// ICU's boundaries (byte offsets), when pinned.
    var expected: [Int32]?
    var testDescription: String { name }
  }

  /// Fuzz finding `Corpora/fuzz-findings/FuzzTokenize/thai-digit-mark-3a344871`, minimized
  /// by hand to `0\u{E48}าง`: a dictionary run that starts with a combining mark attached to a
  /// non-dictionary base. ICU hands the break engine the run inside the rule segment `0่าง`
  /// and keeps it whole; the fast path used to run ICU on the run alone, where the rules
  /// split the leading mark off at the start of text (`่` | `าง`).
  static let cases: [Case] = [
    Case(
      name: "minimized finding: digit, Thai tone mark, Thai letters", text: "0\u{E48}าง",
      expected: [10]),
    Case(name: "the finding's context", text: "ช่อง\u{FFFD}0\u{E48}าง ພາສາລາວ", expected: nil),
    Case(name: "letter, Thai mark", text: "a\u{E48}ภาษาไทย", expected: nil),
    Case(name: "two marks", text: "7\u{E34}\u{E48}าง", expected: nil),
    Case(name: "space, mark (a segment of its own)", text: " \u{E48}าง", expected: nil),
    Case(name: "MidNumLet before the mark", text: "a.\u{E48}าง", expected: nil),
    Case(name: "Lao", text: "0\u{EC8}ພາສາລາວ", expected: nil),
    Case(name: "Khmer", text: "0\u{17C9}ភាសាខ្មែរ", expected: nil),
    Case(name: "Myanmar", text: "0\u{1037}မြန်မာ", expected: nil),
    Case(name: "mark then Han (CJK run alone)", text: "0\u{E48}中国人", expected: nil),
    Case(name: "underscore, mark, katakana", text: "_\u{FF9E}カタカナ", expected: nil),
  ]

  @Test("fast == ICU where a dictionary run starts with a combining mark", arguments: cases)
  func dictionaryRunStartingWithMark(c: Case) throws {
    let options = TokenizerOptions(includePunctuation: true)
    let fast = try makeTokenizer(.fast, options: options)
    let plain = try FastWordTokenizer(options: options)  // ICU engine for CJK runs too
    let icu = try makeTokenizer(.icu, options: options)
    let bytes = Array(c.text.utf8)
    let want = try icu.wordBoundaries(bytes)
    if let expected = c.expected { #expect(want.boundaries == expected) }
    for tok in [fast, plain] as [any Tokenizer] {
      let got = try tok.wordBoundaries(bytes)
      #expect(got.boundaries == want.boundaries)
      #expect(got.statuses == want.statuses)
      #expect(try tok.tokens(bytes) == icu.tokens(bytes))
    }
  }

  /// The cause, pinned: ICU's rules split a run that starts with a mark when it stands
  /// alone, so ``ICUDictionaryEngine`` must not run ICU on the bare run.
  @Test("ICUDictionaryEngine keeps a run that starts with a mark whole, as ICU does in context")
  func engineKeepsLeadingMark() throws {
    let run = Array("\u{E48}าง".utf8)
    let alone = try BreakIterator.make(.word, locale: ICUWordTokenizer.locale).boundaries(run)
    #expect(alone.boundaries == [3, 9])  // what the old fast path copied
    var b: [Int32] = [], s: [Int32] = []
    run.withUnsafeBufferPointer { ICUDictionaryEngine().segment($0, boundaries: &b, statuses: &s) }
    #expect(b == [9])
    #expect(s.count == b.count)
  }
}
