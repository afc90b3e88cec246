/// What one pass over a line found: which kinds of bytes it holds. The normalizer
/// computes it once per line (eight bytes at a time) and skips every step that cannot
/// change such a line — on page text, most lines skip all but one or two steps.
struct LineScan {
  /// A byte ≥ 0x80 (so some non-ASCII character).
  var nonASCII = false
  /// A byte < 0x20 (a C0 control or tab) or 0x7F.
  var control = false
  /// An `&`.
  var ampersand = false
  /// Two spaces in a row.
  var doubleSpace = false
  /// A space or tab first or last.
  var edgeBlank = false
  /// Which classes of UTF-8 lead bytes occur (``LeadBytes``); 0 for ASCII lines.
  var leads: UInt16 = 0

  init(_ p: UnsafeBufferPointer<UInt8>) {
    let n = p.count
    guard n > 0, let base = p.baseAddress else { return }
    let first = p[0], last = p[n - 1]
    edgeBlank = first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    var high: UInt64 = 0, ctl: UInt64 = 0, amp: UInt64 = 0, dbl: UInt64 = 0
    var carry: UInt64 = 0  // 1 when the previous word ended with a space
    var i = 0
    let raw = UnsafeRawPointer(base)
    while i + 8 <= n {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      high |= x
      ctl |= (x &- ones &* 0x20) & ~x  // some byte < 0x20 (its high bit is then set here)
      let del = x ^ (ones &* 0x7F)
      ctl |= (del &- ones) & ~del
      let a = x ^ (ones &* 0x26)
      amp |= (a &- ones) & ~a
      // Exact mask of space bytes (high bit set where the byte is 0x20).
      let v = x ^ (ones &* 0x20)
      let s = ~(((v & lows) &+ lows) | v) & highs
      dbl |= (s & (s << 8)) | (carry & s)
      carry = s >> 63 == 1 ? 0x80 : 0
      i += 8
    }
    nonASCII = high & highs != 0
    control = ctl & highs != 0
    ampersand = amp & highs != 0
    doubleSpace = dbl != 0
    var prevSpace = carry != 0
    while i < n {
      let b = p[i]
      if b >= 0x80 { nonASCII = true }
      if b < 0x20 || b == 0x7F { control = true }
      if b == 0x26 { ampersand = true }
      if b == 0x20 {
        if prevSpace { doubleSpace = true }
        prevSpace = true
      } else {
        prevSpace = false
      }
      i += 1
    }
    if nonASCII {
      // Second, table-driven pass over non-ASCII lines only: which lead bytes occur.
      var l: UInt16 = 0
      LeadBytes.table.withUnsafeBufferPointer { t in
        // Jump from lead byte to lead byte (valid UTF-8): a CJK line takes a third of the steps.
        var j = 0
        while j < n {
          let b = p[j]
          if b < 0xC0 {
            j += 1  // ASCII (or a stray continuation byte: only valid UTF-8 gets here)
          } else if b == 0xE3 || b == 0xEF, j + 2 < n {
            // Look closer at the two blocks CJK text uses most, so that common lines skip
            // steps: U+3000 IDEOGRAPHIC SPACE, marks that combine, full-width forms, U+FEFF.
            let c = (UInt32(b & 0x0F) << 12) | (UInt32(p[j + 1] & 0x3F) << 6) | UInt32(p[j + 2] & 0x3F)
            l |= LeadBytes.classify3(c)
            j += 3
          } else {
            l |= t[Int(b & 0x3F)]
            j += b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
          }
        }
      }
      leads = l
    }
  }

  @inline(__always) func has(_ bits: UInt16) -> Bool { leads & bits != 0 }
}

/// Classes of UTF-8 lead bytes that tell which steps a non-ASCII line can need.
enum LeadBytes {
  /// 0xC2: U+0080–U+00BF (C1 controls, NBSP, soft hyphen).
  static let c2: UInt16 = 1 << 0
  /// 0xC3–0xCB: Latin-1 letters and the cp1252 extras (mojibake candidates).
  static let latin: UInt16 = 1 << 1
  /// 0xE1: U+1000–U+1FFF (U+1680 OGHAM SPACE MARK, …).
  static let e1: UInt16 = 1 << 2
  /// 0xE2: U+2000–U+2FFF (general punctuation: spaces, zero-width, quotes, dashes).
  static let e2: UInt16 = 1 << 3
  /// 0xE3: U+3000–U+3FFF (U+3000 IDEOGRAPHIC SPACE, CJK punctuation, kana).
  static let e3: UInt16 = 1 << 4
  /// 0xEF: U+F000–U+FFFF (full-/half-width forms, U+FEFF).
  static let ef: UInt16 = 1 << 5
  /// 0xE4–0xE9: U+4000–U+9FFF (CJK ideographs: NFC/NFD/NFKC/NFKD-stable, ccc 0).
  static let cjk: UInt16 = 1 << 6
  /// Any other lead byte (0xCC–0xDF, 0xE0, 0xEA–0xEE, 0xF0–0xF4): other scripts, marks.
  static let other: UInt16 = 1 << 7
  /// U+3000 IDEOGRAPHIC SPACE.
  static let ideographicSpace: UInt16 = 1 << 8
  /// U+3000–U+3FFF except U+3000 and the combining marks: CJK punctuation, kana, … —
  /// NFC-stable (no canonical decomposition that NFC would apply, combining class 0, and
  /// nothing composes with them unless a combining mark follows, which is flagged).
  static let cjkSymbols: UInt16 = 1 << 9
  /// U+302A–U+302F, U+3099–U+309A: combining marks (NFC may compose or reorder).
  static let cjkMarks: UInt16 = 1 << 10
  /// U+FF00–U+FFEF: full- and half-width forms (NFC-stable; the width step's domain).
  static let fullwidth: UInt16 = 1 << 11
  /// U+FEFF ZERO WIDTH NO-BREAK SPACE.
  static let bom: UInt16 = 1 << 12

  /// The class of a code point U+3000–U+3FFF or U+F000–U+FFFF (a 3-byte sequence with lead
  /// byte E3 or EF). The whole of ``e3`` or ``ef`` is set too, for steps that do not look
  /// closer.
  @inline(__always)
  static func classify3(_ c: UInt32) -> UInt16 {
    if c < 0x4000 {
      if c == 0x3000 { return e3 | ideographicSpace }
      if (0x302A...0x302F).contains(c) || c == 0x3099 || c == 0x309A { return e3 | cjkMarks }
      return e3 | cjkSymbols
    }
    if c == 0xFEFF { return ef | bom }
    if (0xFF00...0xFFEF).contains(c) { return ef | fullwidth }
    return ef | other
  }

  /// Classes whose characters are all stable under NFC (and under NFD only for CJK
  /// ideographs): a line made of ASCII and these alone skips the `form` step for NFC.
  static let nfcStable: UInt16 = cjk | cjkSymbols | fullwidth | ideographicSpace

  /// Indexed by `lead & 0x3F` for lead bytes 0xC0–0xFF.
  static let table: [UInt16] = (0xC0...0xFF).map { (b: Int) -> UInt16 in
    switch b {
    case 0xC2: c2
    case 0xC3...0xCB: latin
    case 0xE1: e1
    case 0xE2: e2
    case 0xE3: e3
    case 0xEF: ef
    case 0xE4...0xE9: cjk
    default: other
    }
  }
}

extension LineStep {
  /// Whether the step can change a line with these contents (default: always).
  func isNeeded(_ scan: LineScan) -> Bool { true }
}

// Which lines each step can change. A step that is not needed returns nil anyway; this
// only saves its scan.
extension ControlsStep { func isNeeded(_ s: LineScan) -> Bool { s.control || s.has(LeadBytes.c2) } }
extension ZeroWidthStep {
  func isNeeded(_ s: LineScan) -> Bool { s.has(LeadBytes.c2 | LeadBytes.e2 | LeadBytes.bom) }
}
extension MojibakeStep {
  // Mojibake is made of U+00A0–U+00FF and the cp1252 extras (C2–CB, E2 lead bytes).
  func isNeeded(_ s: LineScan) -> Bool { s.has(LeadBytes.c2 | LeadBytes.latin | LeadBytes.e2) }
}
extension GBKMojibakeStep { func isNeeded(_ s: LineScan) -> Bool { s.nonASCII } }
extension T2SStep { func isNeeded(_ s: LineScan) -> Bool { s.nonASCII } }
extension WidthStep { func isNeeded(_ s: LineScan) -> Bool { s.has(LeadBytes.fullwidth) } }
extension HTMLEntityStep { func isNeeded(_ s: LineScan) -> Bool { s.ampersand } }
extension PunctStep { func isNeeded(_ s: LineScan) -> Bool { s.has(LeadBytes.e2) } }
extension FormStep {
  // Lines whose only non-ASCII characters are CJK ideographs (U+4000–U+9FFF) are stable
  // under every form, and for NFC also CJK punctuation, kana and full-width forms (without
  // combining marks); anything else goes to ICU's quick check.
  func isNeeded(_ s: LineScan) -> Bool {
    switch normalizer.form {
    case .nfc: s.has(~(LeadBytes.nfcStable | LeadBytes.e3 | LeadBytes.ef))
    case .nfd, .nfkc, .nfkd: s.has(~LeadBytes.cjk)
    case .nfkcCasefold: true
    }
  }
}
extension SpacesStep {
  func isNeeded(_ s: LineScan) -> Bool {
    s.doubleSpace || s.edgeBlank || s.has(LeadBytes.c2 | LeadBytes.e1 | LeadBytes.e2 | LeadBytes.ideographicSpace)
  }
}
