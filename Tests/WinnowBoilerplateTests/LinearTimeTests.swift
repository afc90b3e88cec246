import Testing
@_spi(WorkCounting) import Winnow

@testable import WinnowBoilerplate

/// Issue 7: the boilerplate line patterns run in time linear in the line. Each case repeats
/// a near-miss of some needles (a prefix that fails at the last byte, separators, date
/// words) into one long line, counts the work (``WorkCounter``: iterations of every
/// pattern loop, not wall time) for `k` and `2k` repetitions, and requires the count to at
/// most ~double. The pattern length cap is lifted so every family runs on the long line.
@Suite("linear time: boilerplate line patterns")
struct BoilerplateLinearTimeTests {
  static let cases: [(String, String)] = [
    ("cookie near-misses", "cooki "),
    ("copyright near-misses", "all rights reserve "),
    ("Han needle prefixes", "责任编违法和不良信息举"),
    ("separators", "a | b · c "),
    ("breadcrumbs", "首页 > "),
    ("date-only line", "2025 jan 01 "),
    ("Han date-only line", "2025年3月1日星期一 "),
    ("CJK menu row", "政策声音 "),
    ("teaser suffix near-miss", "查看更 "),
    ("registration words", "备案许可"),
  ]

  @Test("line patterns", arguments: cases)
  func linePatterns(_ name: String, _ unit: String) {
    var options = BoilerplateOptions()
    options.patternMaxLength = .max
    func steps(_ k: Int) -> Int {
      let line = String(repeating: unit, count: k)
      let f = LineFeatures(of: Substring(line), hanWeight: options.hanWeight)
      let bytes = line.utf8.map(BytePatterns.lower)
      return WorkCounter.count { LinePatterns.match(bytes, f, options) == nil ? 1 : 2 }.steps
    }
    let a = steps(1000)
    let b = steps(2000)
    #expect(a > 0)
    let ratio = Double(b) / Double(max(a, 1))
    #expect(ratio <= 2.2, "\(name): \(a) steps for 1000 units, \(b) for 2000: ratio \(ratio)")
  }
}
