import Foundation
import Testing
import WinnowTestSupport

@testable import WinnowBoilerplate

/// The eighth speed round: ``BoilerplateReason`` stored as a number (the defined codes in a
/// table, custom codes registered) must behave as the struct that stored its string did:
/// the same raw values, equality and hashing by raw value (canonical string equality),
/// Codable as a single string, a settable raw value.
@Suite("Boilerplate: reasons as numbers (eighth speed round)")
struct EighthSpeedRoundTests {
  /// Every defined code with the string it had (the old `static let`s), in declaration order.
  static let defined: [(BoilerplateReason, String)] = [
    (.content, "content"), (.context, "context"), (.noProse, "no-prose"),
    (.threadPost, "thread-post"),
    (.recordList, "record-list"), (.innerGap, "inner-gap"), (.tableGap, "table-gap"),
    (.listTail, "list-tail"),
    (.modelContent, "model-content"), (.caption, "caption"), (.cookieBanner, "cookie-banner"),
    (.languagePicker, "language-picker"), (.navigation, "navigation"), (.widget, "widget"),
    (.copyright, "copyright"),
    (.disclaimer, "disclaimer"), (.licenseRegistration, "license-registration"),
    (.hotlineContact, "hotline-contact"),
    (.byline, "byline"), (.photoCredit, "photo-credit"), (.relatedLinks, "related-links"),
    (.references, "references"),
    (.dateOnly, "date-only"), (.commentSection, "comment-section"), (.breadcrumb, "breadcrumb"),
    (.shortContext, "short-context"), (.lowTextDensity, "low-text-density"),
    (.pageRepeated, "page-repeated"),
    (.offMain, "off-main"), (.afterArticle, "after-article"), (.lowScore, "low-score"),
    (.siteRepeated, "site-repeated"), (.empty, "empty"), (.relatedList, "related-list"),
    (.endMarker, "end-marker"), (.duplicate, "duplicate"), (.dateline, "dateline"),
    (.innerClause, "inner-clause"), (.dateMeta, "date-meta"), (.title, "title"),
    (.aboveTitle, "above-title"), (.advertisement, "advertisement"),
    (.numberedList, "numbered-list"), (.innerProse, "inner-prose"),
  ]

  /// The old type, kept as the reference: a struct holding its string.
  struct OldReason: Hashable {
    var rawValue: String
  }

  @Test func definedCodesKeepTheirStringsAndNumbers() {
    #expect(Self.defined.count == Int(BoilerplateReason.knownCount))
    for (k, (reason, raw)) in Self.defined.enumerated() {
      #expect(reason.rawValue == raw)
      #expect(Array(reason.rawValue.utf8) == Array(raw.utf8))
      #expect(reason.description == raw)
      #expect(reason.code == UInt32(k))
      #expect(BoilerplateReason(rawValue: raw) == reason)
      #expect(BoilerplateReason(rawValue: raw).code == reason.code)
      for (other, otherRaw) in Self.defined where otherRaw != raw { #expect(reason != other) }
    }
  }

  @Test(arguments: [
    "my-reason", "", "Content", "content ", "caf\u{E9}", "cafe\u{301}", "广告", "K\u{212A}",
  ])
  func customCodesKeepTheirExactBytes(_ raw: String) {
    let r = BoilerplateReason(rawValue: raw)
    #expect(r.code >= BoilerplateReason.knownCount)
    #expect(Array(r.rawValue.utf8) == Array(raw.utf8))
    #expect(r == BoilerplateReason(rawValue: raw))
    #expect(r.code == BoilerplateReason(rawValue: raw).code)
    for (known, _) in Self.defined { #expect(r != known) }
  }

  @Test func canonicallyEqualCustomCodesAreEqualAndHashAlike() {
    let composed = BoilerplateReason(rawValue: "r\u{E9}sum\u{E9}")
    let decomposed = BoilerplateReason(rawValue: "re\u{301}sume\u{301}")
    #expect(composed.code != decomposed.code)  // each keeps its bytes…
    #expect(Array(decomposed.rawValue.utf8) == Array("re\u{301}sume\u{301}".utf8))
    #expect(composed == decomposed)  // …and they are equal, as the strings are
    #expect(composed.hashValue == decomposed.hashValue)
    #expect(Set([composed, decomposed]).count == 1)
  }

  @Test func rawValueIsSettable() {
    var r = BoilerplateReason.content
    r.rawValue = "widget"
    #expect(r == .widget && r.code == BoilerplateReason.widget.code)
    r.rawValue = "some-custom-code"
    #expect(r.rawValue == "some-custom-code")
    #expect(r != .widget)
  }

  @Test func codableAsASingleString() throws {
    let values: [BoilerplateReason] = [
      .cookieBanner, .empty, BoilerplateReason(rawValue: "x-custom"), .init(rawValue: "é"),
    ]
    let data = try JSONEncoder().encode(values)
    #expect(String(decoding: data, as: UTF8.self) == #"["cookie-banner","empty","x-custom","é"]"#)
    #expect(try JSONDecoder().decode([BoilerplateReason].self, from: data) == values)
    let old = try JSONDecoder().decode(
      [BoilerplateReason].self, from: Data(#"["site-repeated","zz"]"#.utf8))
    #expect(old == [.siteRepeated, BoilerplateReason(rawValue: "zz")])
  }

  /// Random codes from pieces (defined codes, near misses, case changes, non-ASCII,
  /// decomposed accents): equality, hashing and dictionary counts against the old type.
  @Test func randomCodesBehaveAsTheOldType() {
    var rng = SplitMix64(seed: 0x8E16_5EED)
    let pieces =
      Self.defined.map(\.1) + [
        "content-", "-", "x", "K", "\u{212A}", "e\u{301}", "\u{E9}", "广告", " ", "CONTENT",
      ]
    func draw() -> String {
      var s = ""
      for _ in 0..<Int(rng.next() % 3 + 1) where rng.next() % 3 != 0 || s.isEmpty {
        s += pieces[Int(rng.next() % UInt64(pieces.count))]
      }
      return s
    }
    var new: [BoilerplateReason: Int] = [:]
    var old: [OldReason: Int] = [:]
    var made: [(String, BoilerplateReason)] = []
    for _ in 0..<4000 {
      let s = draw()
      let r = BoilerplateReason(rawValue: s)
      #expect(Array(r.rawValue.utf8) == Array(s.utf8))
      new[r, default: 0] += 1
      old[OldReason(rawValue: s), default: 0] += 1
      made.append((s, r))
    }
    #expect(new.count == old.count)
    for (k, v) in old { #expect(new[BoilerplateReason(rawValue: k.rawValue)] == v) }
    for _ in 0..<4000 {
      let (s1, a) = made[Int(rng.next() % UInt64(made.count))]
      let (s2, b) = made[Int(rng.next() % UInt64(made.count))]
      #expect((a == b) == (s1 == s2))
      if s1 == s2 { #expect(a.hashValue == b.hashValue) }
      let optional: [BoilerplateReason?] = [a, nil, b]
      #expect((optional[0] == optional[2]) == (s1 == s2))
      #expect(optional[1] == nil && optional[0] != nil)
    }
  }
}
