import Testing

@testable import WinnowBoilerplate

/// `Lexicon.scalarFlags` is filled from generated runs; it must equal the Unicode properties
/// of this toolchain (regenerate with `scripts/gen-scalar-flag-runs.swift` when it fails
/// after a toolchain upgrade).
@Suite("Boilerplate: scalar flag table")
struct LexiconFlagTableTests {
  @Test("the table equals the properties of every scalar below U+10000")
  func tableMatchesProperties() {
    let table = Lexicon.scalarFlags
    #expect(table.count == 0x10000)
    var mismatches: [UInt32] = []
    for v in 0..<UInt32(0x10000) {
      let expected = Unicode.Scalar(v).map(Lexicon.computeFlags) ?? 0
      if table[Int(v)] != expected { mismatches.append(v) }
    }
    #expect(
      mismatches.isEmpty, "first mismatches: \(mismatches.prefix(8).map { String($0, radix: 16) })")
  }

  @Test("the runs start at 0, rise strictly and end at U+10000")
  func runsAreOrdered() {
    let runs = Lexicon.scalarFlagRuns
    #expect(runs.first.map { $0 >> 8 } == 0)
    #expect(runs.last == 0x10000 << 8)
    #expect(zip(runs, runs.dropFirst()).allSatisfy { $0 >> 8 < $1 >> 8 })
  }

  /// Scalars and their expected flags.
  static let samples: [(UInt32, UInt8)] = [
    (0x41, Lexicon.alphabeticFlag | Lexicon.uppercaseFlag),  // A
    (0x61, Lexicon.alphabeticFlag),  // a
    (0x37, Lexicon.decimalFlag),  // 7
    (0x20, 0),  // space
    (0x4E2D, Lexicon.alphabeticFlag),  // 中
    (0xFF11, Lexicon.decimalFlag),  // fullwidth 1
    (0x0416, Lexicon.alphabeticFlag | Lexicon.uppercaseFlag),  // Ж
    (0xD800, 0),  // a surrogate: no scalar
  ]

  @Test("sample scalars", arguments: samples)
  func sample(_ v: UInt32, _ expected: UInt8) {
    #expect(Lexicon.flags(v) == expected)
  }
}
