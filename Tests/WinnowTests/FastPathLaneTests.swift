import Testing

@testable import Winnow

/// The fast path's ASCII lane: its eight-bytes-at-a-time run scan, and whole-text agreement
/// with ICU where the lane's decisions are most delicate (runs crossing 8-byte words, runs
/// that reach the end of the text, runs followed by non-ASCII, look-ahead-like contexts).
@Suite struct FastPathLaneTests {
  /// The run classes, by their definition byte by byte.
  static let classes: [(name: String, run: UInt8, member: @Sendable (UInt8) -> Bool)] = [
    (
      "letters", WordRules.LaneRun.letters,
      { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    ),
    ("digits", WordRules.LaneRun.digits, { (0x30...0x39).contains($0) }),
    ("space", WordRules.LaneRun.space, { $0 == 0x20 }),
    (
      "letters and @", WordRules.LaneRun.lettersAndAt,
      { (0x40...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    ),
  ]

  @Test("runLength == the byte-by-byte count, every byte value in every position", arguments: 0..<4)
  func runLength(_ classIndex: Int) {
    let c = Self.classes[classIndex]
    let fill: UInt8 =
      c.run == WordRules.LaneRun.letters || c.run == WordRules.LaneRun.lettersAndAt
      ? 0x61 : c.run == WordRules.LaneRun.digits ? 0x30 : 0x20
    var failures: [String] = []
    for position in 0..<8 {
      for value in 0...255 {
        var bytes = [UInt8](repeating: fill, count: 8)
        bytes[position] = UInt8(value)
        let word = bytes.enumerated().reduce(UInt64(0)) {
          $0 | UInt64($1.element) << (8 * $1.offset)
        }
        let expected = bytes.firstIndex { !c.member($0) } ?? 8
        let got = FastWordTokenizer.runLength(word, c.run)
        if got != expected { failures.append("\(c.name) \(bytes): \(got) != \(expected)") }
      }
    }
    // Seeded random words mixing members and non-members.
    var rng = SplitMix64(seed: 0x1A4E_0008)
    for _ in 0..<200_000 {
      let word = rng.next()
      let bytes = (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) }
      let expected = bytes.firstIndex { !c.member($0) } ?? 8
      if FastWordTokenizer.runLength(word, c.run) != expected {
        failures.append("\(c.name) \(bytes)")
      }
      if failures.count > 10 { break }
    }
    #expect(failures.isEmpty, "\(failures.prefix(10))")
  }

  static let laneTexts: [String] = [
    "internationalization", "internationalization ", "a" + String(repeating: "b", count: 40) + ".",
    "1234567890123456789", "12345678901234567890,5", "x" + String(repeating: " ", count: 17) + "y",
    "abcdefgh\u{301}ijk", "abcdefghé", "abcdefg中文", "abcdefgh'", "abcdefgh's x", "abcdefgh.ijk",
    "1234567.8", "12345678,9", "12345678.", "U.S.A. abcdefgh_ijklmnop", "abcdefgh:ijk",
    "abc1234567de",
    "ABCDEFGHIJ\u{200D}KLM", "        \u{3000}", "AbCdEfGhIjKlMnOpQrStUvWxYz@[`{", "0123456789/:",
    "word\u{00A0}word", "user@example.com", "@@@@@@@@@@x", "abc@defghijklm`x", "e.g. ie. i.e.",
    "can't won't", "3.14159265358979", "1,000,000,000.00",
  ]

  @Test("fast == ICU on lane edge cases at every alignment", arguments: laneTexts)
  func laneEdgeCases(_ text: String) throws {
    let fast = try makeTokenizer(.fast, options: TokenizerOptions(includePunctuation: true))
    let icu = try makeTokenizer(.icu, options: TokenizerOptions(includePunctuation: true))
    for prefix in ["", "a", "ab ", "中", "x,", " ", "1234567", "é"] {
      for suffix in ["", " ", "中", "\u{301}", ".", "'s"] {
        let bytes = Array((prefix + text + suffix).utf8)
        let a = try fast.wordBoundaries(bytes)
        let b = try icu.wordBoundaries(bytes)
        #expect(
          a.boundaries == b.boundaries && a.statuses == b.statuses, "\(prefix + text + suffix)")
        #expect(try fast.tokens(bytes) == icu.tokens(bytes), "\(prefix + text + suffix)")
      }
    }
  }
}
