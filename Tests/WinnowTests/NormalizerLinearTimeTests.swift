import Testing

@_spi(WorkCounting) @testable import Winnow

/// Issue 7: the normalizer's pattern steps — HTML character references (repeated to a fixed
/// point) and mojibake repair (up to three layers) — run in time linear in the line. Each
/// case repeats an adversarial unit into one line, counts the work (``WorkCounter``: bytes
/// given to each step application, name and digit scans, mojibake candidates), not wall
/// time, for `k` and `2k` repetitions and requires the count to at most ~double.
@Suite("linear time: normalizer entity decoding and mojibake")
struct NormalizerLinearTimeTests {
  static let cases: [(String, String)] = [
    ("nested &amp;", "&amp;amp;amp;amp;lt;"),
    ("bare ampersands", "&&&&"),
    ("long unknown names", "&abcdefghijklmnopqrstuvwxyzabcdefghijklmnop"),
    ("legacy prefixes", "&notit;&ampfoo"),
    ("numeric references", "&#0000000000000000000065;&#x000000041"),
    ("references to full-width", "&#xFF06;lt;"),
    ("mojibake layers", "Ã\u{83}Â©"),
    ("mojibake near-misses", "Ã Ã© Ã"),
    ("GBK mojibake", "涓\u{E15F}枃 sch枚n "),
  ]

  /// The default profile plus the opt-in `mojibake-gbk` step, so every pattern step runs.
  @Test("default profile + mojibake-gbk", arguments: cases)
  func normalizer(_ name: String, _ unit: String) throws {
    var options = NormalizerOptions()
    options.steps.insert(.mojibakeGBK)
    let normalizer = try Normalizer(options)
    func steps(_ k: Int) -> Int {
      let line = Array(String(repeating: unit, count: k).utf8)
      return WorkCounter.count { normalizer.normalize(line, tracking: false).bytes.count }.steps
    }
    let a = steps(1000)
    let b = steps(2000)
    #expect(a > 0)
    let ratio = Double(b) / Double(max(a, 1))
    #expect(ratio <= 2.2, "\(name): \(a) steps for 1000 units, \(b) for 2000: ratio \(ratio)")
  }
}
