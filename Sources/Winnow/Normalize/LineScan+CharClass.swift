internal import CICU

/// Per-code-point classes for ``LineScan``: which steps a character can make change a
/// line. Each bit is a *trigger* (a step's ``LineStep/triggers`` name the bits it reacts
/// to) or a fact the scan needs (``widthPunct``, ``lineEnd``, ``cjk``).
///
/// The form bits come from ICU's own data (Quick_Check and canonical combining class,
/// through `cicu_char_property`): a character without the bit has Quick_Check = Yes and
/// combining class 0 for that form, and text made of such characters alone is already
/// in the form (UAX #15's quick-check algorithm answers YES for it). The other bits reuse
/// the steps' own predicates, so the table cannot drift from what the steps do.
enum CharClass {
  /// Not a starter with NFC_Quick_Check = Yes (or not ASCII-safe): NFC may change the line.
  static let formNFC: UInt16 = 1 << 0
  /// The same for NFD.
  static let formNFD: UInt16 = 1 << 1
  /// The same for NFKC.
  static let formNFKC: UInt16 = 1 << 2
  /// The same for NFKD.
  static let formNFKD: UInt16 = 1 << 3
  /// U+00AD, U+200B–U+200D, U+2060, U+FEFF (``ZeroWidthStep``).
  static let zeroWidth: UInt16 = 1 << 4
  /// A full-width letter or digit, half-width katakana or CJK punctuation: ``WidthStep``
  /// always changes it. Also set for a full-width punctuation mark not next to CJK.
  static let width: UInt16 = 1 << 5
  /// A full-width punctuation mark or symbol (``WidthStep`` narrows it unless next to CJK).
  static let widthPunct: UInt16 = 1 << 6
  /// A space separator other than U+0020 (``SpacesStep``); for a line, also a double
  /// space or a blank first or last.
  static let spaces: UInt16 = 1 << 7
  /// A character ``PunctStep`` folds.
  static let punct: UInt16 = 1 << 8
  /// A C1 control (U+0080–U+009F); for a line, also a C0 control other than tab, or DEL.
  static let controls: UInt16 = 1 << 9
  /// U+00C2–U+00F4, a mojibake lead character (``MojibakeStep``).
  static let mojibake: UInt16 = 1 << 10
  /// U+0085, U+2028, U+2029: line terminators under the `newlines` step.
  static let lineEnd: UInt16 = 1 << 11
  /// Han, kana, Hangul, CJK punctuation (``WidthStep/isCJK(_:)``).
  static let cjk: UInt16 = 1 << 12
  /// For a line: an `&` (``HTMLEntityStep``).
  static let entities: UInt16 = 1 << 13
  /// For a line: some non-ASCII character.
  static let nonASCII: UInt16 = 1 << 14
  /// For a line: always set (the trigger of steps that look at every line).
  static let always: UInt16 = 1 << 15

  static let allForms: UInt16 = formNFC | formNFD | formNFKC | formNFKD
  /// The bits that are triggers (not scan facts).
  static let triggerBits: UInt16 = ~(widthPunct | lineEnd | cjk)

  /// The class of every BMP code point, built once from ICU's data and the steps'
  /// predicates (65,536 entries; never freed).
  nonisolated(unsafe) static let table: UnsafePointer<UInt16> = {
    let t = UnsafeMutablePointer<UInt16>.allocate(capacity: 0x10000)
    for c in 0..<0x10000 { t[c] = classify(UInt32(c)) }
    for (bit, ranges) in unstableRanges {
      for r in ranges where r.lowerBound < 0x10000 {
        for c in r.clamped(to: 0...0xFFFF) { t[Int(c)] |= bit }
      }
    }
    return UnsafePointer(t)
  }()

  /// The form bits of U+10000–U+3FFFF (emoji, historic scripts, CJK extensions) by block
  /// of 64 code points, each the union over its block (built on first use).
  nonisolated(unsafe) static let supplementaryForms: UnsafePointer<UInt16> = {
    let blocks = 0x30000 >> 6
    let t = UnsafeMutablePointer<UInt16>.allocate(capacity: blocks)
    t.initialize(repeating: 0, count: blocks)
    for (bit, ranges) in unstableRanges {
      for r in ranges where r.upperBound >= 0x10000 && r.lowerBound < 0x40000 {
        let r = r.clamped(to: 0x10000...0x3FFFF)
        for b in (r.lowerBound - 0x10000) >> 6...(r.upperBound - 0x10000) >> 6 { t[Int(b)] |= bit }
      }
    }
    return UnsafePointer(t)
  }()

  /// The class of a code point decoded from a four-byte sequence (normally U+10000 and
  /// up): its block's form bits (every form bit above U+3FFFF or for an ill-formed value)
  /// and whether it is CJK.
  @inline(__always)
  static func supplementary(_ c: UInt32) -> UInt16 {
    let forms = c &- 0x10000 < 0x30000 ? supplementaryForms[Int((c &- 0x10000) >> 6)] : allForms
    return forms | (WidthStep.isCJK(c) ? cjk : 0)
  }

  /// Per form bit, the code points that are not starters with Quick_Check = Yes for that
  /// form (ICU, `cicu_norm_unstable_ranges`); surrogates are added (they never occur in
  /// valid UTF-8). Should ICU fail, every non-ASCII code point is listed.
  static let unstableRanges: [(UInt16, [ClosedRange<UInt32>])] = {
    let forms: [(UInt16, cicu_norm_form)] = [
      (formNFC, CICU_NFC), (formNFD, CICU_NFD), (formNFKC, CICU_NFKC), (formNFKD, CICU_NFKD),
    ]
    return forms.map { bit, form in
      var buffer = [UInt32](repeating: 0, count: 2 * 4096)
      var status: Int32 = 0
      var count = buffer.withUnsafeMutableBufferPointer {
        cicu_norm_unstable_ranges(form, $0.baseAddress, 4096, &status)
      }
      if status == CICU_BUFFER_OVERFLOW {
        buffer = [UInt32](repeating: 0, count: 2 * Int(count))
        status = 0
        count = buffer.withUnsafeMutableBufferPointer {
          cicu_norm_unstable_ranges(form, $0.baseAddress, count, &status)
        }
      }
      guard status <= 0 else { return (bit, [0x80...0x10FFFF]) }
      var ranges = (0..<Int(count)).map { buffer[2 * $0]...buffer[2 * $0 + 1] }
      ranges.append(0xD800...0xDFFF)
      return (bit, ranges)
    }
  }()

  /// The full class of a BMP code point.
  /// (The form bits come from ``unstableRanges``.)
  static func classify(_ c: UInt32) -> UInt16 {
    var f: UInt16 = 0
    if c == 0xAD || (0x200B...0x200D).contains(c) || c == 0x2060 || c == 0xFEFF { f |= zeroWidth }
    if WidthStep.alnum(c) != nil || (0xFF61...0xFF9F).contains(c) {
      f |= width
    } else if WidthStep.narrowPunct(c) != nil {
      f |= widthPunct
    }
    if SpacesStep.isSpaceSeparator(c) { f |= spaces }
    if PunctStep.replacement(c) != nil { f |= punct }
    if (0x80...0x9F).contains(c) { f |= controls }
    if (0xC2...0xF4).contains(c) { f |= mojibake }
    if c == 0x85 || c == 0x2028 || c == 0x2029 { f |= lineEnd }
    if WidthStep.isCJK(c) { f |= cjk }
    return f
  }
}
