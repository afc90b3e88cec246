import Foundation
import Testing
import Winnow
import WinnowTestSupport

@testable import WinnowBoilerplate

/// The sixteenth round: a social post's sentence ends before its hashtags, as a wiki
/// paragraph's ends before its citations (``LineFeatures/terminalBeforeHashtags(utf8:)``).
@Suite("Boilerplate: a sentence before its hashtags (sixteenth round)")
struct HashtagTailTests {
  static let post =
    "Founded in 1898, #PekingUniversity pioneers intellectual and technological advancements, driving China's path to modernization. Embracing the future, #PKU continues to cultivate world-class innovators and connect global minds. #PKU126 #Beida"

  func tail(_ line: String) -> Bool {
    Array(line.utf8).withUnsafeBufferPointer { LineFeatures.terminalBeforeHashtags(utf8: $0) }
  }

  @Test(
    "hashtags after a sentence end",
    arguments: [
      ("connect global minds. #PKU126 #Beida", true),
      ("connect global minds.  #PKU126\t#Beida  ", true),
      ("你好世界。 ＃话题 ＃北京", true),
      ("他说：“好。” #话题#", true),
      ("What a day! #tbt", true),
      ("connect global minds #PKU126 #Beida", false),  // no sentence end before the tags
      ("Tags: #travel #food #photography", true),  // `:` is terminal, as for every line
      ("Topics #travel #food", false),
      ("#PKU126 #Beida", false),  // tags alone
      ("the end. #", false),  // `#` alone is no tag
      ("the end. # 1", false),
      ("the end. ＃", false),
      ("issue #42 was fixed", false),
      ("", false),
      ("   ", false),
    ])
  func hashtagTail(_ line: String, _ expected: Bool) {
    #expect(tail(line) == expected, "\(line.debugDescription)")
  }

  /// The byte walk against a reading of the line as words, on random lines of words,
  /// tags, spaces and sentence ends.
  @Test func theByteWalkAgreesWithWords() {
    let seed: UInt64 = 1_616
    var rng = SplitMix64(seed: seed)
    let pieces = [
      "word", "minds.", "#tag", "＃标签", "#", "＃", "end!", "。", "好。", "#话题#", "x", "\t", " ", "  ",
      "é.", "\u{201D}", "#1", "a#b", ".#c",
    ]
    for _ in 0..<20_000 {
      var line = ""
      for _ in 0..<Int.random(in: 0...7, using: &rng) {
        line += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
        if Bool.random(using: &rng) { line += " " }
      }
      // Words: runs between spaces and tabs; tags taken off the end while they are tags.
      var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
      var tags = 0
      while let w = words.last, w.unicodeScalars.count > 1,
        w.unicodeScalars.first == "#" || w.unicodeScalars.first == "＃"
      {
        words.removeLast()
        tags += 1
      }
      let expected =
        tags > 0 && (words.last?.unicodeScalars.last.map(Lexicon.isTerminal) ?? false)
      #expect(tail(line) == expected, "seed \(seed): \(line.debugDescription)")
    }
  }

  /// A long post ending with its tags is a good paragraph: kept between the page's menus
  /// (it was near-good without a sentence end, and went with its short neighbours).
  @Test func aPostEndingWithTagsIsKept() {
    let f = LineFeatures(of: Substring(Self.post), hanWeight: 2.5)
    #expect(f.endsWithTerminal)
    let menu = ["Home", "Explore", "Notifications", "Messages", "Sign up", "Log in", "Trending"]
    let page = (menu + ["Peking University", "@PKU1898", Self.post, "Translate post"] + menu)
      .joined(separator: "\n")
    let kept = BoilerplateClassifier().clean(page).text
    #expect(kept.contains("connect global minds. #PKU126 #Beida"), "\(kept)")
    #expect(!kept.contains("Notifications"))
    // Without its last sentence end the same line is not taken for a paragraph.
    let untagged = Self.post.replacingOccurrences(of: "minds.", with: "minds")
    let f2 = LineFeatures(of: Substring(untagged), hanWeight: 2.5)
    #expect(!f2.endsWithTerminal)
  }

  /// Short lines (under ``LineFeatures/hashtagTailMinLength``) are not looked behind.
  @Test func shortLinesAreNotLookedBehind() {
    #expect(!LineFeatures(of: "Nice. #tbt", hanWeight: 2.5).endsWithTerminal)
    #expect(LineFeatures(of: "Nice.", hanWeight: 2.5).endsWithTerminal)
  }
}

/// The sixteenth round, dumps: CJK text breaks between any two characters, so its full lines
/// end at the ceiling or one column short: fewer than three widths, which a list of items of
/// one length also has. Such lines are a wrap when they go on mid-sentence and read as
/// prose (``HardWrap/hasClauseMark(_:_:)``).
@Suite("Boilerplate: Chinese dumps whose lines all reach the width (sixteenth round)")
struct CJKWidthTests {
  static let clause = "记者从会上获悉今年全市新增就业岗位十二万个同比增长百分之八"  // 29 ideographs
  static let menu = ["首页", "新闻", "财经", "体育"]

  /// The groups of `page` wrapped at `width` (nil: not taken for a wrap), and its widths.
  func groups(_ page: [String], width: Int) -> ([Range<Int>]?, Set<Int>) {
    var wrapped = TextDump.wrap(page.joined(separator: "\n"), width: width)
    return wrapped.withUTF8 { u in
      let lines = BoilerplateStage.lineRanges(u)
      let exact = lines.map { HardWrap.width(u, Lexicon.trimmedQuickly(u, $0)) }
      return (HardWrap.groups(u, lines, widths: exact), Set(exact))
    }
  }

  @Test(arguments: [80, 100])
  func paragraphsOfIdeographsAreAWrap(_ width: Int) throws {
    // Eight paragraphs of 90 wide characters (180 columns): at 80 columns two full lines
    // and a short one, at 100 one full line and one of 80 columns.
    let paragraph = Self.clause + "，" + Self.clause + "，" + Self.clause + "。"
    let page = Self.menu + Array(repeating: paragraph, count: 8) + Self.menu
    let (found, widths) = groups(page, width: width)
    #expect(widths.filter { $0 > width - HardWrap.fullSlack && $0 <= width } == [width])
    let g = try #require(found, "at \(width) columns")
    #expect(g.count == Self.menu.count * 2 + 8)
    #expect(g.filter { $0.count > 1 }.count == 8)
    // Judged as paragraphs, the page keeps them all and no menu.
    let wrapped = TextDump.wrap(page.joined(separator: "\n"), width: width)
    let kept = BoilerplateClassifier().clean(wrapped).text
    #expect(kept.filter { !$0.isWhitespace } == String(repeating: paragraph, count: 8))
  }

  @Test func headlinesCutAtOneLengthAreNoWrap() {
    // Twelve headlines of 20 ideographs (40 columns), each ending with an ideograph before
    // another: lines go on as a wrapped clause would, but none reads as prose.
    let headlines = (0..<12).map { k in
      String((Self.clause + Self.clause).dropFirst(k * 3).prefix(20))
    }
    let (found, widths) = groups(Self.menu + headlines + Self.menu, width: 80)
    #expect(widths.max() == 40)
    #expect(found == nil)
  }
}
