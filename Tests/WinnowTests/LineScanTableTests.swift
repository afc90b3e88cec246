import CICU
import Testing

@testable import Winnow

/// The per-code-point table behind the normalizer's line scan, and the scan's line ends.
@Suite struct LineScanTableTests {
  /// The form bits agree with ICU's per-code-point properties for every BMP code point:
  /// clear exactly when the character is a starter with Quick_Check = Yes.
  @Test func formBitsMatchICUProperties() {
    let props: [(UInt16, cicu_property)] = [
      (CharClass.formNFC, CICU_PROP_NFC_QUICK_CHECK),
      (CharClass.formNFD, CICU_PROP_NFD_QUICK_CHECK),
      (CharClass.formNFKC, CICU_PROP_NFKC_QUICK_CHECK),
      (CharClass.formNFKD, CICU_PROP_NFKD_QUICK_CHECK),
    ]
    var mismatches = 0
    for c in Int32(0)...0xFFFF where !(0xD800...0xDFFF).contains(c) {
      let starter = cicu_char_property(c, CICU_PROP_CANONICAL_COMBINING_CLASS) == 0
      for (bit, prop) in props {
        let stable = starter && cicu_char_property(c, prop) == 1
        if (CharClass.table[Int(c)] & bit == 0) != stable {
          mismatches += 1
          if mismatches < 10 {
            Issue.record("U+\(String(c, radix: 16, uppercase: true)) bit \(bit): table vs ICU")
          }
        }
      }
    }
    #expect(mismatches == 0)
  }

  /// Supplementary blocks: a block without a form bit holds only stable starters.
  @Test func supplementaryBlocksAreSound() {
    let props: [(UInt16, cicu_property)] = [
      (CharClass.formNFC, CICU_PROP_NFC_QUICK_CHECK),
      (CharClass.formNFKD, CICU_PROP_NFKD_QUICK_CHECK),
    ]
    var stableBlocks = 0
    for c in Int32(0x10000)...0x3FFFF {
      let f = CharClass.supplementary(UInt32(c))
      let starter = cicu_char_property(c, CICU_PROP_CANONICAL_COMBINING_CLASS) == 0
      for (bit, prop) in props where f & bit == 0 {
        #expect(
          starter && cicu_char_property(c, prop) == 1, "U+\(String(c, radix: 16, uppercase: true))")
      }
      if c & 63 == 0 && f & CharClass.formNFC == 0 { stableBlocks += 1 }
    }
    // Emoji and the CJK extensions are stable: most blocks skip ICU.
    #expect(CharClass.supplementary(0x1F50E) & CharClass.formNFC == 0)  // 🔎
    #expect(CharClass.supplementary(0x20000) & CharClass.allForms == 0)
    #expect(CharClass.supplementary(0x2F800) & CharClass.formNFC != 0)  // CJK compatibility
    #expect(stableBlocks > 2_000)
  }

  /// CJK Unified Ideographs trigger nothing (they are only context for width folding).
  @Test func unifiedIdeographsAreOnlyCJK() {
    for c in 0x4E00...0x9FFF {
      #expect(CharClass.table[c] == CharClass.cjk, "U+\(String(c, radix: 16))")
    }
  }

  /// Width context: a full-width punctuation mark next to CJK triggers nothing; away
  /// from CJK, or a full-width letter, triggers the width step.
  @Test(arguments: [
    ("中文，英文", false), ("，中文", false), ("中文，", false), ("abc，def", true), ("abc，", true),
    ("中，，文", false), ("中文 ，英文", false), ("abc ，def", true), ("ＡＢＣ", true), ("ｶﾞ", true),
    ("「中文」", false),
  ])
  func widthTrigger(line: String, expected: Bool) {
    let bytes = Array(line.utf8)
    let scan = bytes.withUnsafeBufferPointer { LineScan($0) }
    #expect(scan.has(CharClass.width) == expected)
  }

  /// The fused scan finds the same line ends as the separate search, for every terminator,
  /// on random text, whole and in chunks (not final).
  @Test func lineEndsMatchTheSearch() throws {
    let n = try Normalizer(NormalizerOptions(profile: .default))
    let pieces = [
      "a", " ", "中", "\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}", "é", "&", "，", "🔎", "\t",
      "\u{1}",
    ]
    var rng = SplitMix64(seed: 0x11AE)
    for _ in 0..<3_000 {
      let text = Array(
        (0..<Int.random(in: 0...24, using: &rng)).map { _ in
          pieces[Int.random(in: 0..<pieces.count, using: &rng)]
        }
        .joined().utf8)
      for final in [true, false] {
        text.withUnsafeBufferPointer { p in
          var start = 0
          while start < p.count {
            let expected = n.lineEnd(p, from: start, final: final)
            let got = LineScan.scan(p, from: start, terminators: .all, final: final)
            #expect(got.end == expected.0 && got.next == expected.1, "\(Array(p)) from \(start)")
            if expected.0 < 0 || expected.1 <= start { break }
            start = expected.1
          }
        }
      }
    }
  }
}
