import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The thirteenth round: with the page's URL known, the first line holding every word of its
/// slug is the headline; it goes (`title`) and so do the kept lines above it (`above-title`).
@Suite("Boilerplate: the headline the URL names (thirteenth round)")
struct URLTitleTests {
  static let url =
    "https://detroit.example/2019/11/19/michigan-officials-6th-fatality-linked-to-eastern-equine-encephalitis-reported/"
  static let headline =
    "Michigan Officials: 6th Fatality Linked To Eastern Equine Encephalitis Reported"
  /// Another story's paragraphs above the article (they read as prose: the rules keep them).
  static let otherStory = [
    "Police said on Tuesday that two people were in custody after the death of a student athlete, and that the investigation into what happened on Saturday night was still going on.",
    "Customers of a steakhouse left without paying a bill of almost seven hundred dollars last week, and the restaurant has asked anyone who recognizes the party of six to call the police.",
  ]
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu

  /// menu, another story, the headline, the article, menu.
  static var page: [String] { menu + otherStory + [headline] + article + menu }

  func words(_ w: String...) -> Set<URLTitle.Word> { Set(w.map(URLTitle.Word.init)) }

  /// ``URLTitle/isTitle(_:)`` on a string.
  func isTitle(_ t: URLTitle, _ line: String) -> Bool {
    Array(line.utf8).withUnsafeBufferPointer { t.mayBeTitle($0) && t.isTitle($0) }
  }

  @Test func theSlugWordsAreThePathSegmentsWords() throws {
    let t = try #require(URLTitle(url: Self.url))
    #expect(
      t.words
        == words(
          "michigan", "officials", "6th", "fatality", "linked", "eastern", "equine",
          "encephalitis", "reported"))
    // The file extension goes, case folds, the segment with the most words wins.
    let dm = try #require(
      URLTitle(
        url:
          "https://www.dailymail.example/debate/article-13410419/DAILY-MAIL-COMMENT-Silent-majority-song-Israel.html"
      ))
    #expect(dm.words == words("daily", "mail", "comment", "silent", "majority", "song", "israel"))
    // %-escapes are decoded; French articles are stop words.
    let fr = try #require(
      URLTitle(url: "https://fr.example/la-cr%C3%A8me-br%C3%BBl%C3%A9e-de-ma-grand-m%C3%A8re"))
    #expect(fr.words == words("crème", "brûlée", "ma", "grand", "mère"))
    // Any scheme; the host is no path.
    let other = try #require(
      URLTitle(url: "git+https://example-words-here.com/best-tech-gadgets-2019"))
    #expect(other.words == words("best", "tech", "gadgets"))
    // Hash-like ids and numbers are no words.
    let medium = try #require(
      URLTitle(url: "https://medium.example/@x/samantha-and-the-great-big-lie-d146a92473a1"))
    #expect(medium.words == words("samantha", "great", "big", "lie"))
  }

  @Test(arguments: [
    "https://shop.example/products/42",  // too few words
    "https://example.com/",  // no path
    "https://example.com/news?title=how-to-bake-bread-at-home",  // the query is no path
    "https://example.com/a/b#how-to-bake-bread-at-home",  // nor the fragment
    "https://medium.example/on-behalf-of-literally-429fab868ca8",  // two words and an id
    "not a url",
  ])
  func urlsWithoutASlugNameNoTitle(_ url: String) {
    #expect(URLTitle(url: url) == nil)
  }

  @Test func aTitleLineHoldsEverySlugWordAndLittleElse() throws {
    let t = try #require(URLTitle(url: Self.url))
    #expect(isTitle(t, Self.headline))
    #expect(
      isTitle(
        t, "michigan officials: 6th fatality linked to eastern equine encephalitis reported — WWJ"))
    // One slug word missing.
    #expect(
      !isTitle(t, "Michigan Officials: Fatality Linked To Eastern Equine Encephalitis Reported"))
    // The slug's words as parts of other words are no match ("linked" in "unlinked").
    #expect(
      !isTitle(
        t, "Michigan Officials: 6th Fatality Unlinked To Eastern Equine Encephalitis Reported"))
    // Non-ASCII words fold case too.
    let fr = try #require(
      URLTitle(url: "https://fr.example/la-cr%C3%A8me-br%C3%BBl%C3%A9e-de-ma-grand-m%C3%A8re"))
    #expect(isTitle(fr, "La CRÈME BRÛLÉE de ma grand-mère"))
    // Words of a script with case are found in any case (the byte probes take only the
    // caseless words: ASCII, Han, Arabic).
    let ru = try #require(
      URLTitle(
        url:
          "https://ru.example/%D0%BC%D0%BE%D1%81%D0%BA%D0%B2%D0%B0-%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8-%D0%BF%D0%BE%D0%B3%D0%BE%D0%B4%D0%B0"
      ))
    #expect(ru.words == words("москва", "новости", "погода") && ru.probes.isEmpty)
    #expect(isTitle(ru, "МОСКВА: НОВОСТИ И ПОГОДА"))
    let zh = try #require(
      URLTitle(url: "https://zh.example/%E5%8C%97%E4%BA%AC-%E5%A4%A9%E6%B0%94-%E9%A2%84%E6%8A%A5"))
    #expect(zh.probes.count == 3)
    #expect(isTitle(zh, "北京 天气 预报 | 新闻"))
    #expect(!isTitle(zh, "上海 天气 预报 | 新闻"))
    // A sentence that uses every slug word among many others is no headline.
    #expect(
      !isTitle(
        t,
        "Michigan officials reported a 6th fatality linked to Eastern Equine Encephalitis on Monday, the health department said, adding that two more cases were being studied"
      ))
    // More than 25 words.
    #expect(
      !isTitle(t, Self.headline + String(repeating: " and more", count: 20)))
  }

  @Test func theKeptLinesAboveTheHeadlineGo() {
    let lines = Self.page
    let plain = BoilerplateClassifier().classify(lines: lines)
    let d = BoilerplateClassifier().classify(lines: lines, url: Self.url)
    let h = lines.firstIndex(of: Self.headline) ?? -1
    // Without the URL the other story stays (it reads as prose).
    for i in 0..<h where Self.otherStory.contains(lines[i]) {
      #expect(plain[i].keep, "\(plain.map(\.reason))")
      #expect(!d[i].keep && d[i].reason == .aboveTitle, "\(d.map(\.reason))")
    }
    #expect(!d[h].keep)
    for a in Self.article { #expect(d[lines.firstIndex(of: a) ?? 0].keep) }
    // Only the lines above the headline (and the headline) differ.
    for i in lines.indices where i > h { #expect(d[i] == plain[i], "\(i)") }
    // Off, the URL changes nothing.
    var off = BoilerplateOptions()
    off.dropAboveURLTitle = false
    #expect(BoilerplateClassifier(options: off).classify(lines: lines, url: Self.url) == plain)
  }

  @Test func aKeptHeadlineGoesAsTitle() {
    // A headline long enough to be kept by the rules (it ends a sentence).
    let url = "https://news.example/2024/05/vivo-x100-ultra-x100s-launch-china-may-13"
    let headline = "Vivo X100 Ultra and X100s launch in China on May 13."
    let lines = Self.menu + [headline] + Self.article + Self.menu
    let plain = BoilerplateClassifier().classify(lines: lines)
    let d = BoilerplateClassifier().classify(lines: lines, url: url)
    let h = Self.menu.count
    #expect(plain[h].keep, "\(plain.map(\.reason))")
    #expect(!d[h].keep && d[h].reason == .title, "\(d.map(\.reason))")
  }

  @Test func aHeadlineWithNothingKeptBelowChangesNothing() {
    // The slug's headline only in a list of links at the foot: the article is above it.
    let lines = Self.menu + Self.article + ["Related", Self.headline] + Self.menu
    #expect(
      BoilerplateClassifier().classify(lines: lines, url: Self.url)
        == BoilerplateClassifier().classify(lines: lines))
  }

  @Test func theFirstHeadlineCounts() {
    // The headline again below the article (a share box): the first one starts the article.
    let lines = Self.page + [Self.headline] + Self.otherStory
    let d = BoilerplateClassifier().classify(lines: lines, url: Self.url)
    for a in Self.article { #expect(d[lines.firstIndex(of: a) ?? 0].keep, "\(d.map(\.reason))") }
    #expect(!d.contains { $0.reason == .aboveTitle && $0.keep })
  }

  @Test func theStageReadsTheDocumentsURL() throws {
    let text = Self.page.joined(separator: "\n") + "\n"
    var doc = Document(text: text, metadata: .init(url: Self.url))
    try BoilerplateStage().process(&doc)
    #expect(doc.dropped.contains { $0.reason == "above-title" })
    #expect(
      doc.dropped.contains { $0.reason == "title" && $0.text.hasPrefix("Michigan Officials") })
    for a in Self.article { #expect(doc.text.contains(a)) }
    for s in Self.otherStory { #expect(!doc.text.contains(s)) }
    // The same page without a URL keeps the other story.
    var plain = Document(text: text)
    try BoilerplateStage().process(&plain)
    for s in Self.otherStory { #expect(plain.text.contains(s)) }
  }

  @Test func theStageOptionDecodesAndDefaultsOn() throws {
    #expect(BoilerplateReason.title.rawValue == "title")
    #expect(BoilerplateReason.aboveTitle.rawValue == "above-title")
    #expect(BoilerplateReason(rawValue: "above-title") == .aboveTitle)
    try expectBoolOption("dropAboveURLTitle", key: "drop_above_url_title", default: true) {
      $0.dropAboveURLTitle
    }
  }
}

/// The thirteenth round: a Q&A page's answer form (`Your Answer`) ends the thread
/// (`end-marker`), even below a `Tags` link in the site's menu.
@Suite("Boilerplate: the answer form of a Q&A page (thirteenth round)")
struct AnswerFormTests {
  static let thread = TeaserListTests.article
  /// The form's help, which reads as prose.
  static let form = [
    "Thanks for contributing an answer to Puzzling Stack Exchange!",
    "Please be sure to answer the question. Provide details and share your research!",
    "Asking for help, clarification, or responding to other answers.",
    "Making statements based on opinion; back them up with references or personal experience.",
    "To learn more, see our tips on writing great answers.",
  ]
  /// The site's other questions (each a short question kept by context).
  static let others = (1...14).map {
    "Why does the puzzle number \($0) in this list have a solution that nobody can find, and what should I do?"
  }

  static func page(_ header: String) -> [String] {
    ["Questions", "Tags", "Users"] + thread + [header] + form + others
  }

  @Test(arguments: ["Your Answer", "YOUR ANSWER", "Your answer:"])
  func theKeptTextFromTheAnswerFormOnIsDropped(_ header: String) {
    let lines = Self.page(header)
    let h = 3 + Self.thread.count
    let d = BoilerplateClassifier().classify(lines: lines)
    for k in 3..<h { #expect(d[k].keep, "\(k) \(d.map(\.reason))") }
    for k in (h + 1)..<lines.count where k < d.count {
      #expect(!d[k].keep, "\(k) \(d[k].reason)")
    }
    #expect(d[(h + 1)...].contains { $0.reason == .endMarker })
    // Off, the form and the other questions stay (they read as prose).
    var off = BoilerplateOptions()
    off.endAtEndMarkers = false
    #expect(
      BoilerplateClassifier(options: off).classify(lines: lines)[(h + 1)...].contains { $0.keep })
    // They outweigh the thread, so the other end markers' rule (as much above as below)
    // would have kept them; and the `Tags` link above the thread does not stop this one.
    let f = TeaserListTests.features(lines)
    let above = (3..<h).reduce(0) { $0 + f[$1].units }
    let below = ((h + 1)..<lines.count).reduce(0) { $0 + f[$1].units }
    #expect(above < below && 2 * above >= below, "\(above) \(below)")
  }

  @Test func aFormAboveMostOfTheKeptTextChangesNothing() {
    // Less than half as much kept text above the form as below it: no thread above it.
    let lines = ["Your Answer", Self.thread[0]] + Array(Self.thread.dropFirst()) + Self.others
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .endMarker }, "\(d.map(\.reason))")
  }
}
