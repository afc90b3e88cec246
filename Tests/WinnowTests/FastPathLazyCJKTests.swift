import Testing
import Winnow

/// The fast tokenizer from `makeTokenizer(.fast)` loads the shared CJK dictionary engine on
/// its first Han/kana run, not when it is made. These tests check that the tokens do not
/// depend on when (or on which thread) that happens: a tokenizer that has seen only Latin
/// text, then Han, kana and the script switches of one line, gives ICU's tokens.
@Suite struct FastPathLazyCJKTests {
  /// Lines fed to one tokenizer in order: Latin first, so the engine is not needed yet.
  static let sequences: [[String]] = [
    ["Keir Starmer met U.S. officials in 2025.", "我们是中国人", "互联网公司"],
    ["plain ASCII only", "カタカナとひらがな、漢字。", "ｶﾞｷ かﾞき 日々ﾞ"],
    ["ภาษาไทย first (ICU's Thai engine)", "然后中文：斯塔默访问北京", "Mixed 中文 text 123"],
    ["ー starts with a prolonged sound mark", "ーー中国", "\u{30FC}カー"],
  ]

  @Test("a tokenizer made before any Han text gives ICU's tokens", arguments: sequences)
  func lateFirstHanRun(lines: [String]) throws {
    let fast = try makeTokenizer(.fast)
    let icu = try makeTokenizer(.icu)
    for line in lines {
      let bytes = Array(line.utf8)
      #expect(try fast.tokens(bytes) == icu.tokens(bytes), "\(line)")
      #expect(try fast.wordBoundaries(bytes) == icu.wordBoundaries(bytes), "\(line)")
    }
  }

  @Test("tokenizers on several threads load the engine once and agree with ICU")
  func concurrentFirstHanRuns() async throws {
    let text = Array("English, then 中华人民共和国成立于1949年，カタカナも。".utf8)
    let expected = try makeTokenizer(.icu).tokens(text)
    let results = try await withThrowingTaskGroup(of: [Token].self) { group in
      for _ in 0..<8 {
        group.addTask { try makeTokenizer(.fast).tokens(text) }
      }
      var all: [[Token]] = []
      for try await r in group { all.append(r) }
      return all
    }
    #expect(results.count == 8)
    for r in results { #expect(r == expected) }
  }
}
