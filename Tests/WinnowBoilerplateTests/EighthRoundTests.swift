import Testing
import Winnow

@testable import WinnowBoilerplate

/// The eighth round: a page of long paragraphs (a dense page) is judged at a higher good
/// length (`dense_page_*` options).
@Suite("Boilerplate: dense pages (eighth round)")
struct DensePageTests {
  /// 190 effective characters: a paragraph.
  static let long =
    "The committee met on Tuesday to review the budget, and after a long debate it agreed to fund the new library, the two parks and the bus lines that the council had asked for in the spring."
  /// 64 effective characters (spaces do not count), with a full stop: good at 60, not at 70.
  static let mid = "Readers can find the full list of the new bus lines on the city's own website."
  /// Short menu lines.
  static let menu = ["Home", "News", "Sport", "Weather", "Contact"]

  static func features(_ lines: [String]) -> [LineFeatures] {
    lines.map { LineFeatures(of: Substring($0), hanWeight: BoilerplateOptions().hanWeight) }
  }

  @Test func theSampleLinesHaveTheLengthsTheTestsNeed() throws {
    let f = Self.features([Self.long, Self.mid])
    #expect(f[0].effectiveLength >= 150)
    #expect(f[1].effectiveLength >= 60 && f[1].effectiveLength < 70, "\(f[1].effectiveLength)")
  }

  /// Lines: `longs` paragraphs, then `shorts` copies of the mid line and the menu, `cjk`
  /// long Chinese lines.
  static func page(longs: Int, shorts: Int, cjk: Int = 0) -> [String] {
    Array(repeating: long, count: longs) + Array(repeating: mid, count: shorts)
      + Array(repeating: BodyTextTests.goodZH, count: cjk)
  }

  @Test(arguments: [
    // (paragraphs of 190, lines of 64, Chinese lines, dense)
    (1, 19, 0, true),  // 1 of 20 = 5 %
    (1, 20, 0, false),  // 1 of 21 < 5 %
    (1, 8, 0, false),  // 9 lines: too few to judge
    (0, 20, 0, false),  // no long line
    (1, 19, 30, true),  // Chinese lines are not counted (judged by good_han)
    (2, 8, 0, true),
  ])
  func aPageIsDenseWhenFivePercentOfItsLinesAreLong(
    _ longs: Int, _ shorts: Int, _ cjk: Int, _ dense: Bool
  ) {
    let lines = Self.page(longs: longs, shorts: shorts, cjk: cjk)
    let o = BoilerplateOptions()
    let (good, nearGood) = o.pageLengths(
      Self.features(lines), [BoilerplateReason?](repeating: nil, count: lines.count))
    #expect(good == (dense ? 70 : 60))
    #expect(nearGood == (dense ? 46 : 40))
  }

  @Test func linesFixedByAPatternAreNotCounted() {
    // 1 long line of 20 lines with text: dense; with 5 more lines that a pattern fixed, still.
    var lines = Self.page(longs: 1, shorts: 19)
    var fixed = [BoilerplateReason?](repeating: nil, count: lines.count)
    lines += Array(repeating: Self.mid, count: 5)
    fixed += Array(repeating: .widget, count: 5)
    #expect(BoilerplateOptions().pageLengths(Self.features(lines), fixed).good == 70)
    // The same 5 lines without a pattern: 1 of 25, not dense.
    let free = [BoilerplateReason?](repeating: nil, count: lines.count)
    #expect(BoilerplateOptions().pageLengths(Self.features(lines), free).good == 60)
  }

  @Test func aMidLengthSentenceIsNearGoodOnADensePageAndGoodElsewhere() throws {
    // Dense: twelve paragraphs, the menu, the sentence, the menu (23 lines, 12 long).
    let dense = Array(repeating: Self.long, count: 12) + Self.menu + [Self.mid] + Self.menu
    let d = BoilerplateClassifier().classify(lines: dense)
    #expect(d[17].initialClass == .nearGood, "\(d[17].initialClass)")
    #expect(d[0..<12].allSatisfy { $0.keep })
    // Without the rule (or on a page without long lines) it is good.
    var off = BoilerplateOptions()
    off.densePageLineLength = 0
    let o = BoilerplateClassifier(options: off).classify(lines: dense)
    #expect(o[17].initialClass == .good, "\(o[17].initialClass)")
    let plain = Array(repeating: BodyTextTests.good, count: 12) + Self.menu + [Self.mid] + Self.menu
    let p = BoilerplateClassifier().classify(lines: plain)
    #expect(p[17].initialClass == .good, "\(p[17].initialClass)")
  }

  @Test func theStageReadsAndReportsTheOptions() throws {
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let s = try registry.makeStage(
      StageOptions(
        stage: "boilerplate", values: ["dense_page_line_length": 0, "dense_page_good_length": 80]))
    #expect(s.options["dense_page_line_length"] == .number(JSONNumber(0)))
    #expect(s.options["dense_page_good_length"] == .number(JSONNumber(80)))
    #expect(s.options["dense_page_share"] == .number(JSONNumber(0.05)))
    #expect(BoilerplateStage().options["dense_page_line_length"] == .number(JSONNumber(150)))
    #expect(throws: WinnowError.self) {
      _ = try registry.makeStage(
        StageOptions(stage: "boilerplate", values: ["dense_page_share": 2]))
    }
  }
}
