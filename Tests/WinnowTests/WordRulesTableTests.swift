import Testing

@testable import Winnow

/// The fast path's per-code-point table (rule category + property bits) is built at start-up
/// from ICU's property *ranges*; these tests hold it to the per-code-point definition
/// (`WordRules.referenceEntry`: ICU's category trie plus one `cicu_char_property` call set per
/// code point) for every code point, so an ICU upgrade that moves a property, or a new
/// property read in `PropertyScan` without its ranges, fails here.
@Suite struct WordRulesTableTests {
  /// Planes in slices so a failure names where it is.
  static let slices: [(name: String, range: ClosedRange<UInt32>)] = [
    ("BMP", 0...0xFFFF), ("SMP", 0x1_0000...0x1_FFFF), ("SIP", 0x2_0000...0x2_FFFF),
    ("TIP and unassigned planes", 0x3_0000...0xD_FFFF), ("SSP", 0xE_0000...0xE_FFFF),
    ("private use planes", 0xF_0000...0x10_FFFF),
  ]

  @Test("range-built entry == per-code-point reference", arguments: 0..<6)
  func everyCodePoint(_ slice: Int) throws {
    let rules = try WordRules.shared.get()
    var mismatches: [String] = []
    for c in Self.slices[slice].range {
      let want = WordRules.referenceEntry(c, trie: rules.categoryTrie)
      let got = rules.entry(c)
      if got != want, mismatches.count < 10 {
        mismatches.append(
          "U+\(String(c, radix: 16, uppercase: true)): table 0x\(String(got, radix: 16)), "
            + "ICU 0x\(String(want, radix: 16))")
      }
    }
    #expect(mismatches.isEmpty, "\(Self.slices[slice].name): \(mismatches.joined(separator: "; "))")
  }

  @Test("the ASCII and U+FFFD entries are the table's")
  func specialEntries() throws {
    let rules = try WordRules.shared.get()
    for c in UInt32(0)..<0x80 {
      #expect(rules.ascii[Int(c)] == WordRules.referenceEntry(c, trie: rules.categoryTrie))
    }
    #expect(rules.replacementEntry == WordRules.referenceEntry(0xFFFD, trie: rules.categoryTrie))
  }
}
