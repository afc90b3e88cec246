import Foundation
import Testing
@_spi(WorkCounting) import Winnow

@testable import WinnowBoilerplate

/// The twenty-second round: a grid of teasers whose headlines and standfirsts were glued
/// into one line each (`… Student-AthleteA 24-year-old woman …`) is no article, even when its
/// lines are long and end in full stops (`related-links`, option `glued_teaser_lines`).
@Suite("Boilerplate: glued teasers (twenty-second round)")
struct GluedTeaserTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu
  /// Teasers of a local news site's grid, each a title-case headline glued to a sentence.
  static let teasers = [
    "Police: 2 In Custody After Death Of Local College Student-AthleteA 24-year-old woman and a 28-year-old man have been arrested in connection with the death of a college athlete.",
    "Customers Leave Without Paying $690 Bill At Troy SteakhouseA party of six left a steakhouse in Troy without paying their bill of nearly seven hundred dollars on Saturday.",
    "Michigan To Mail Redistricting Panel Applications To 250,000The state of Michigan will mail applications encouraging voters to apply for the new redistricting commission.",
    "DNR Seeks Tips About Bull Elk Poached In Northern MichiganMichigan Department of Natural Resources conservation officers are asking for tips about an elk shot near Gaylord.",
  ]
  /// The short labels between a grid's teasers.
  static let labels = ["Latest Headlines", "More Weather", "School Closings"]

  /// The grid (with labels between its teasers), then the article.
  static var page: [String] {
    menu + [labels[0], teasers[0], teasers[1], labels[1], labels[2], teasers[2], teasers[3]]
      + article
  }

  @Test(
    "a headline glued to its standfirst",
    arguments: teasers + [
      "First Forecast Weather November 20, 2019 (This Morning)Some sunshine is expected by the end of the day in most of the region.",
      "Your Weather Today In Detroit for 11/15You can leave your umbrella at home through Sunday, but light rain is in the forecast.",
      "Is Violence In Sports On The Rise?Violence is part of the game in many sports but one player crossed a line this week.",
      // A closing curly quote before the join.
      "Council Backs Plan For ‘Safer Streets’Residents will see new crossings and lower speed limits on most roads by next spring.",
    ])
  func glued(_ line: String) {
    #expect(onLineBytes(line) { b, _ in BoilerplateClassifier.isGluedTeaser(b) })
  }

  @Test(
    "camel case, prose and menu paths are not glued teasers",
    arguments: [
      // A brand or name in camel case: the join's word is too short, starts lowercase, or
      // what follows is no sentence.
      "Los Angeles Lakers' LeBron James dunks during the first half of the team's NBA basketball game against the Oklahoma City Thunder.",
      "The 2024 Apple iPad Pros are available online in 29 countries starting today and in Apple stores from May 15.",
      "Why SpaceX Wants To Build Rockets On Mars Before The Moon And What It Means For NASA",
      // Prose with identifiers in it.
      "The TarFile.extractall() and TarFile.extract() methods now take a keyword argument numeric_owner. If set to True, the files keep their owners.",
      // A manual's menu path.
      "Choose Tools - AutoCorrect - AutoCorrect Options. Go to the Replace tab. Select the word pair and click Delete.",
      // An ordinary headline and an ordinary sentence.
      "Police Arrest Two After Death Of Local College Student",
      "A 24-year-old woman and a 28-year-old man have been arrested in connection with the death of a college athlete.",
    ])
  func notGlued(_ line: String) {
    #expect(!onLineBytes(line) { b, _ in BoilerplateClassifier.isGluedTeaser(b) })
  }

  @Test func aGridOfGluedTeasersIsDroppedAndTheArticleKept() {
    let lines = Self.page
    let d = BoilerplateClassifier().classify(lines: lines)
    for t in Self.teasers {
      let i = lines.firstIndex(of: t) ?? -1
      #expect(i >= 0 && !d[i].keep && d[i].reason == .relatedLinks, "\(t): \(d[max(i, 0)].reason)")
    }
    for a in Self.article {
      let i = lines.firstIndex(of: a) ?? -1
      #expect(i >= 0 && d[i].keep, "\(a): \(d[max(i, 0)].reason)")
    }
  }

  @Test func withTheRuleOffTheGridIsNotDroppedForIt() {
    var options = BoilerplateOptions()
    options.gluedTeaserLines = 0
    let d = BoilerplateClassifier(options: options).classify(lines: Self.page)
    #expect(!d.contains { $0.reason == .relatedLinks }, "\(d.map(\.reason))")
  }

  @Test func twoGluedLinesAreNoGrid() {
    // Two glued lines among the article's paragraphs (a brand in camel case can make one):
    // kept, as without the rule.
    let a = Self.article
    let lines = Self.menu + [a[0], Self.teasers[0], a[1], Self.teasers[1]] + Array(a.dropFirst(2))
    let d = BoilerplateClassifier().classify(lines: lines)
    var options = BoilerplateOptions()
    options.gluedTeaserLines = 0
    let off = BoilerplateClassifier(options: options).classify(lines: lines)
    #expect(d.map(\.keep) == off.map(\.keep) && d.map(\.reason) == off.map(\.reason))
    #expect(!d.contains { $0.reason == .relatedLinks }, "\(d.map(\.reason))")
  }

  @Test func threeGluedLinesFarApartAreNoGrid() {
    // Three glued lines, each after two of the article's long paragraphs: never three among
    // six long lines.
    let a = Self.article
    let lines =
      Self.menu + [
        Self.teasers[0], a[0], a[1], a[2], a[3], Self.teasers[1], a[4], a[0], a[1], a[2],
      ]
      + [Self.teasers[2]]
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .relatedLinks }, "\(d.map(\.reason))")
  }

  @Test func theOption() throws {
    #expect(BoilerplateOptions().gluedTeaserLines == 3)
    let o = try JSONDecoder().decode(
      BoilerplateOptions.self, from: Data(#"{"gluedTeaserLines": 0}"#.utf8))
    #expect(o.gluedTeaserLines == 0)
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let s = try registry.makeStage(
      StageOptions(stage: "boilerplate", values: ["glued_teaser_lines": .number(JSONNumber(4))]))
    #expect(s.options["glued_teaser_lines"] == .number(JSONNumber(4)))
    #expect(
      throws: (any Error).self,
      performing: {
        try registry.makeStage(
          StageOptions(stage: "boilerplate", values: ["glued_teaser_lines": .number(JSONNumber(7))])
        )
      })
  }
}

/// Issue 7: the glued-teaser test reads a line in linear time, also a line of one word with
/// a join at every other byte (each join's following text would be read to the line's end)
/// and a title-case line whose words each hold many joins.
@Suite("linear time: glued teasers")
struct GluedTeaserLinearTimeTests {
  @Test(
    "the line test is linear",
    arguments: [
      ("one word of joins after a headline", "Aa Bb Cc Dd", "dE"),
      ("words of joins", "Aa Bb Cc", " DdEeFfGgHhIiJjKk"),
      ("a headline's words", "", "Word "),
    ])
  func linear(_ name: String, _ head: String, _ unit: String) {
    func steps(_ k: Int) -> Int {
      let line = head + String(repeating: unit, count: k)
      return WorkCounter.count {
        onLineBytes(line) { b, _ in BoilerplateClassifier.isGluedTeaser(b) } ? 1 : 0
      }.steps
    }
    let a = steps(1000)
    let b = steps(2000)
    #expect(a > 0)
    let ratio = Double(b) / Double(max(a, 1))
    #expect(ratio <= 2.2, "\(name): \(a) steps for 1000 units, \(b) for 2000: ratio \(ratio)")
  }
}
