import Testing
@_spi(WorkCounting) import Winnow

@testable import WinnowEntities

/// Issue 7: every pattern recognizer runs in time linear in its input. Each case builds an
/// adversarial text (a unit repeated, aimed at one scanner's look-ahead), counts the work
/// (``WorkCounter``: the iterations of every scanner loop, not wall time) on `k` and `2k`
/// repetitions, and requires the count to at most ~double (ratio ≤ 2.2).
@Suite("linear time: entity patterns and rules")
struct EntityLinearTimeTests {
  /// (name, repeated unit). The units target: ISO/Han dates and times, phones (six groups,
  /// parentheses, `+`), thousands separators (a number restarted at each group), e-mail
  /// local parts without `@`, URLs, licence prefixes without a number, weekday words, money.
  static let patternCases: [(String, String)] = [
    ("ISO date prefixes", "2025-03-"),
    ("Han date prefixes", "2025年3月"),
    ("Han dates glued", "3月20日"),
    ("times", "10:3 "),
    ("phone groups", "+1 2 3 4 5 6 "),
    ("phone parentheses", "(010) "),
    ("CN landline prefixes", "010-8506 "),
    ("thousands separators", "1,000"),
    ("decimal points", "1.1"),
    ("e-mail local parts", "a."),
    ("e-mail domains", "a@b.c-"),
    ("URLs", "http://a "),
    ("www", "www.a."),
    ("month names", "march "),
    ("weekday phrases", "next monday next week "),
    ("ICP prefixes", "京ICP备"),
    ("licence kinds", "营业执照："),
    ("Han weekdays", "下星期"),
    ("money words", "5 million "),
    ("currency symbols", "$ "),
  ]

  @Test("pattern scanner", arguments: patternCases)
  func patternScanner(_ name: String, _ unit: String) {
    let scanner = PatternScanner(date: CivilDate(iso: "2025-03-20"), phoneRegion: "CN")
    func steps(_ k: Int) -> Int {
      let text = Array(String(repeating: unit.lowercased(), count: k).utf8)
      return WorkCounter.count { text.withUnsafeBufferPointer { scanner.scan($0).count } }.steps
    }
    expectLinear(name, steps)
  }

  static let ruleCases: [(String, String)] = [
    ("titled names, repeated", "President Aa Bb said. "),
    ("titled names, one surname", "President Cc Bb met Aa Bb. "),
    ("capitalised runs", "Aa Bb Cc Dd Ee "),
    ("head nouns", "Aa Bb Ministry "),
    ("multi-word title prefixes", "prime prime minister "),
    ("Han titles", "总统总统总统"),
    ("Han title and name", "发言人佩斯科夫说"),
  ]

  @Test("person and organisation rules", arguments: ruleCases)
  func peopleRules(_ name: String, _ unit: String) {
    func steps(_ k: Int) -> Int {
      let text = Array(String(repeating: unit, count: k).utf8)
      return WorkCounter.count { PeopleRules.find(in: text).count }.steps
    }
    expectLinear(name, steps)
  }

  /// Varied names, so coreference has many full names and many surnames to look up.
  @Test("coreference over many different full names")
  func manyNames() {
    func steps(_ k: Int) -> Int {
      var s = ""
      for i in 0..<k {
        s +=
          "President Aa\(letters(i)) Bb\(letters(i)) spoke; later Bb\(letters(i / 2)) and Cc Bb\(letters(i)) left. "
      }
      let text = Array(s.utf8)
      return WorkCounter.count { PeopleRules.find(in: text).count }.steps
    }
    expectLinear("many names", steps)
  }

  /// The whole recognizer: the overlap resolution between many candidates.
  @Test("recognizer overlap resolution", arguments: ["1% ", "+86 10 8506 1466 ", "Mr. Aa Bb "])
  func recognizer(_ unit: String) throws {
    let r = try #require(sharedRecognizer)
    func steps(_ k: Int) -> Int {
      let text = String(repeating: unit, count: k)
      return WorkCounter.count { r.recognize(text).count }.steps
    }
    expectLinear("recognize \(unit)", steps)
  }
}

/// Letters for an index (`0` → `a`, `27` → `bb`…), to make distinct capitalised words.
func letters(_ i: Int) -> String {
  var i = i
  var s = ""
  repeat {
    s.append(Character(Unicode.Scalar(UInt8(97 + i % 26))))
    i /= 26
  } while i > 0
  return s
}

/// Checks that the work at `2k` is at most 2.2 times the work at `k` (k = 1,000 and 2,000
/// repetitions, so constant costs do not hide a quadratic term).
func expectLinear(_ name: String, k: Int = 1000, _ steps: (Int) -> Int) {
  let a = steps(k)
  let b = steps(2 * k)
  #expect(a > 0, "\(name): no work counted")
  let ratio = Double(b) / Double(max(a, 1))
  #expect(ratio <= 2.2, "\(name): \(a) steps for \(k) units, \(b) for \(2 * k): ratio \(ratio)")
}
