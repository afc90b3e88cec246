import Testing
import Winnow

@testable import WinnowBoilerplate

/// The seventh round's rules: cookie-settings panels, tables below the main block, lists that
/// run on below the article.
@Suite("Boilerplate: cookie-settings panels")
struct CookiePanelTests {
  @Test(arguments: [
    "These cookies allow us to count visits and traffic sources so we can measure and improve the performance of our site.",
    "These cookies enable the website to provide enhanced functionality and personalisation. They may be set by us or by third party providers.",
  ])
  func aCookieSettingsParagraphIsACookieBanner(_ line: String) {
    let d = BoilerplateClassifier().classify(lines: [line])
    #expect(d[0].reason == .cookieBanner && !d[0].keep)
  }

  @Test(arguments: [
    "Bake the cookies for twelve minutes, until the edges are golden and the centres are still soft to the touch.",
    "The credentials mode determines whether cookies for the other domain are sent along with the request.",
  ])
  func proseAboutCookiesStays(_ line: String) {
    let d = BoilerplateClassifier().classify(lines: [BodyTextTests.good, line, BodyTextTests.good])
    #expect(d[1].keep, "\(d[1].reason)")
  }
}

@Suite("Boilerplate: a table that splits the article (table-gap)")
struct TableGapTests {
  static let good = BodyTextTests.good
  /// A release table (version / date rows): the versions are number-only
  /// (`low-text-density`), the dates `date-only`.
  static let table = [
    "Release", "Date", "4.2.3", "April 2014", "4.1.6", "April 2014", "4.2.4", "May 2014", "4.2.5",
    "June 2014", "4.3", "July 2014", "4.2.6", "August 2014",
  ]
  static let after =
    "It seems clear that the project has kept a rather more frenetic release cadence, putting out a release every month."

  /// Eight paragraphs (the main block), the table, then one paragraph: alone it weighs less
  /// than `minBlockShare` of the main block.
  static var lines: [String] { Array(repeating: good, count: 8) + table + [after] }

  @Test func theProseBelowATableStaysWithTheTable() {
    let d = BoilerplateClassifier().classify(lines: Self.lines)
    #expect(d.allSatisfy { $0.keep }, "\(d.map(\.reason))")
    #expect(d[8..<22].allSatisfy { $0.reason == .tableGap }, "\(d.map(\.reason))")
    #expect(d[22].reason == .content)
  }

  @Test func withoutNumbersOrWithChromeTheBlockIsOffMain() {
    // The same gap with a widget in it, or with words instead of numbers, is no table.
    var chrome = Self.lines
    chrome.insert("Share this article", at: 10)
    let c = BoilerplateClassifier().classify(lines: chrome)
    #expect(!c[23].keep && c[23].reason == .offMain, "\(c.map(\.reason))")
    let words =
      Array(repeating: Self.good, count: 8)
      + [
        "Release", "Date", "Summer", "Winter", "Spring", "Autumn", "Early", "Late", "Middle",
        "Start", "Close", "End",
      ]
      + [Self.after]
    let w = BoilerplateClassifier().classify(lines: words)
    #expect(!w[20].keep && w[20].reason == .offMain, "\(w.map(\.reason))")
  }

  @Test func theOptionTurnsItOff() {
    var o = BoilerplateOptions()
    o.keepTableGaps = false
    let d = BoilerplateClassifier(options: o).classify(lines: Self.lines)
    #expect(!d[22].keep && d[22].reason == .offMain, "\(d.map(\.reason))")
    #expect(!d.contains { $0.reason == .tableGap })
  }
}

@Suite("Boilerplate: a list that runs on below the article (list-tail)")
struct ListTailTests {
  static let good = BodyTextTests.good
  static let first = [
    "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
    "June 10 -- MIDFLORIDA Credit Union Amphitheatre, Tampa, FL",
    "June 17 -- Bridgestone Arena, Nashville, TN", "June 19 -- PNC Music Pavilion, Charlotte, NC",
    // Long enough to be near-good: the short items above it follow it.
    "June 23 -- Veterans United Home Loans Amphitheater at Virginia Beach, Virginia Beach, VA",
  ]
  static let rest = [
    "June 24 -- Jiffy Lube Live, Bristow, VA", "June 26 -- PPL Center, Allentown, PA",
    "June 27 -- BB&T Pavilion, Camden, NJ",
    "July 2 -- Mohegan Sun Arena, Uncasville, CT", "July 3 -- Xfinity Center, Mansfield, MA",
  ]
  static let menu = [
    "FACEBOOK", "TWITTER", "EMAIL ME", "Magazine", "Customer Service", "Charts", "Videos", "Awards",
  ]

  @Test func theRestOfTheListIsKept() {
    let lines =
      [Self.good, Self.good, Self.good, "The 50th Anniversary Tour 2020 dates:"] + Self.first
      + Self.rest + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    let rest = (4 + Self.first.count)..<(4 + Self.first.count + Self.rest.count)
    #expect(d[..<rest.lowerBound].allSatisfy { $0.keep }, "\(d.map(\.reason))")
    #expect(d[rest].allSatisfy { $0.keep && $0.reason == .listTail }, "\(d.map(\.reason))")
    #expect(d[rest.upperBound...].allSatisfy { !$0.keep }, "\(d.map(\.reason))")
  }

  @Test func linesOfAnotherShapeStayDropped() {
    // Teaser headlines after the list: no separator, another shape.
    let teasers = [
      "Amazon's blowing out Anker charging accessories", "Today's best deals on smart home gear",
      "Apple's new headphones are already on sale", "Best deals of the week, all in one place",
      "Apple AirPods Pro on sale",
    ]
    let lines =
      [Self.good, Self.good, Self.good, "The 50th Anniversary Tour 2020 dates:"] + Self.first
      + teasers + Self.menu
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .listTail }, "\(d.map(\.reason))")
  }

  @Test func theOptionTurnsItOff() {
    var o = BoilerplateOptions()
    o.keepListTails = false
    let lines =
      [Self.good, Self.good, Self.good, "The 50th Anniversary Tour 2020 dates:"] + Self.first
      + Self.rest + Self.menu
    let d = BoilerplateClassifier(options: o).classify(lines: lines)
    #expect(
      !d.contains { $0.reason == .listTail } && !d[4 + Self.first.count].keep, "\(d.map(\.reason))")
  }

  @Test(arguments: [
    ("June 24 -- Jiffy Lube Live, Bristow, VA", "July 3 -- Xfinity Center, Mansfield, MA", true),
    ("01艺术学原理：刘梦溪", "02艺术文化学：刘梦溪", true),
    ("June 24 -- Jiffy Lube Live", "june 24 -- Jiffy Lube Live", false),
    ("Price: 40,000₩", "Price 40,000₩", false),
  ])
  func shapes(_ a: String, _ b: String, _ same: Bool) {
    func shape(_ s: String) -> BoilerplateClassifier.ListShape {
      var s = s
      return s.withUTF8 { BoilerplateClassifier.ListShape($0) }
    }
    #expect((shape(a) == shape(b)) == same)
  }
}

@Suite("Boilerplate: the seventh round's stage options")
struct SeventhRoundStageOptionTests {
  @Test(arguments: ["keep_table_gaps", "keep_list_tails"])
  func theOptionIsOnByDefaultAndReachesTheClassifier(_ name: String) throws {
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let on = try registry.makeStage(StageOptions(stage: "boilerplate"))
    #expect(on.options[name] == .bool(true))
    let off = try registry.makeStage(StageOptions(stage: "boilerplate", values: [name: false]))
    #expect(off.options[name] == .bool(false))
    let options = try #require((off as? BoilerplateStage)?.classifier.options)
    #expect((name == "keep_table_gaps" ? options.keepTableGaps : options.keepListTails) == false)
    #expect((name == "keep_table_gaps" ? options.keepListTails : options.keepTableGaps) == true)
  }

  @Test func theLineModelIsOffByDefaultAndCanBeSwitchedOn() throws {
    let registry = StageRegistry()
    registry.register(BoilerplateStage.descriptor)
    let off = try registry.makeStage(StageOptions(stage: "boilerplate"))
    #expect(off.options["line_model"] == .bool(false))
    let on = try registry.makeStage(
      StageOptions(stage: "boilerplate", values: ["line_model": true]))
    #expect((on as? BoilerplateStage)?.classifier.options.lineModel == true)
  }
}
