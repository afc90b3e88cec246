import Testing
import Winnow

@Test func scratchCompare() throws {
  let fast = try FastWordTokenizer()
  let icu = try ICUWordTokenizer()
  for s in ["Hello, world! U.S. President Britain's 1,234.56 010-85061466", "我们是中国人。カタカナ ภาษาไทยง่าย 👍🏽👨‍👩‍👧 한국어"] {
    let a = try fast.wordBoundaries(Array(s.utf8))
    let b = try icu.wordBoundaries(Array(s.utf8))
    print(a)
    print(b)
    #expect(a.boundaries == b.boundaries)
    #expect(a.statuses == b.statuses)
  }
}
