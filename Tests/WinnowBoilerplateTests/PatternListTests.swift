import Testing

@testable import WinnowBoilerplate

/// The pattern lists' building blocks: needles written once in lowercase with their
/// non-ASCII capitals (``BytePatterns/list(_:)``), whole-line headers (``HeaderSet``), the
/// trailing-colon check, and the reason codes' table.
@Suite("Boilerplate: pattern lists and header sets")
struct PatternListTests {
  static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
  /// A line as the pattern families see it: UTF-8 with ASCII letters lowercased.
  static func lowered(_ s: String) -> [UInt8] { s.utf8.map(BytePatterns.lower) }

  @Test(arguments: [
    ("ähnliche artikel", ["Ähnliche artikel", "ÄHNLICHE ARTIKEL"]),
    ("об авторе", ["Об авторе", "Об Авторе", "ОБ АВТОРЕ"]),
    ("à lire aussi", ["À lire aussi", "À LIRE AUSSI"]),
    ("schlagwörter", ["Schlagwörter", "SCHLAGWÖRTER"]),
  ])
  func aNeedleMatchesItsNonASCIICapitalsOnALoweredLine(_ word: String, _ forms: [String]) {
    let needles = BytePatterns.list([word])
    #expect(needles.first == Self.bytes(word))
    for form in forms { #expect(needles.contains(Self.lowered(form)), "\(form)") }
  }

  @Test func asciiNeedlesAreKeptAsWrittenAndEachNeedleOnce() {
    #expect(
      BytePatterns.list(["read more", "相关阅读", "read more"]) == [
        Self.bytes("read more"), Self.bytes("相关阅读"),
      ])
    // `über den autor` gives itself and `Über den autor` (its all-caps form lowered alike).
    #expect(BytePatterns.list(["über den autor"]).count == 2)
    // A word whose capitals are ASCII only gives no variant (the line is lowered ASCII).
    #expect(BytePatterns.list(["tags"]) == [Self.bytes("tags")])
  }

  @Test func turkishDottedCapitalIIsListedAsWritten() {
    // The root locale's capital of `i` is `I` (ASCII, lowered back): `İlgili` is no variant.
    let needles = BytePatterns.list(["ilgili haberler"])
    #expect(needles == [Self.bytes("ilgili haberler")])
    #expect(LinePatterns.relatedHeader.contains(Self.bytes("İlgili haberler")))
  }

  static let headers = HeaderSet(
    BytePatterns.list(["comments", "about the author", "标签", "об авторе"]))

  @Test(arguments: [
    "Comments", "COMMENTS", "12 Comments", "Comments (12)", "- Comments -", "About the author:",
    "标签", "标签：", "标签（3）", "Об авторе", "ОБ АВТОРЕ:",
  ])
  func aHeaderMatchesWithoutItsCountsAndPunctuation(_ line: String) {
    let raw = Self.bytes(line)
    let low = Self.lowered(line)
    #expect(raw.withUnsafeBufferPointer { Self.headers.contains($0) }, "\(line)")
    #expect(low.withUnsafeBufferPointer { Self.headers.contains($0) }, "\(line)")
  }

  @Test(arguments: [
    "Comments are closed for this article", "No comments", "About the authors", "标签云", "", "12",
    "：", "about the author and her work",
  ])
  func otherLinesAreNoHeaders(_ line: String) {
    #expect(!Self.bytes(line).withUnsafeBufferPointer { Self.headers.contains($0) }, "\(line)")
  }

  @Test func theCoreIsMeasuredWithinTheRangeGiven() {
    // A header inside a page: only its line's range is looked at.
    let page = Self.bytes("Intro paragraph.\nTags: 3\nMore")
    let line = 17..<24
    let tags = HeaderSet(BytePatterns.list(["tags"]))
    page.withUnsafeBufferPointer { u in
      #expect(HeaderSet.core(u, line) == 17..<21)
      #expect(tags.contains(u, line))
      #expect(!tags.contains(u, 0..<16))
    }
  }

  @Test(arguments: [
    ("Key points:", true), ("要点：", true), ("Key points", false), ("：要点", false), ("", false),
    (":", true),
  ])
  func aTrailingColonIsEitherWidth(_ line: String, _ expected: Bool) {
    let b = Self.bytes(line)
    #expect(b.withUnsafeBufferPointer { BytePatterns.endsWithColon($0, 0..<$0.count) } == expected)
  }

  @Test func reasonCodesAreNumberedByTheirTableAndNamedOnce() {
    let known = BoilerplateReason.Known.allCases
    #expect(UInt32(known.count) == BoilerplateReason.knownCount)
    #expect(Set(known.map(\.name)).count == known.count)
    for k in known {
      let r = BoilerplateReason(k)
      #expect(r.code == k.rawValue)
      #expect(BoilerplateReason(rawValue: k.name) == r)
      #expect(BoilerplateReason.knownName(k.rawValue) == k.name)
    }
    #expect(BoilerplateReason.knownName(BoilerplateReason.knownCount).isEmpty)
  }
}
