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
  }
}

extension LineStep {
  /// Whether the step can change a line with these contents (default: always).
  func isNeeded(_ scan: LineScan) -> Bool { true }
}

// Which lines each step can change. A step that is not needed returns nil anyway; this
// only saves its scan.
extension ControlsStep { func isNeeded(_ s: LineScan) -> Bool { s.control || s.nonASCII } }
extension ZeroWidthStep { func isNeeded(_ s: LineScan) -> Bool { s.nonASCII } }
extension MojibakeStep { func isNeeded(_ s: LineScan) -> Bool { s.nonASCII } }
extension GBKMojibakeStep { func isNeeded(_ s: LineScan) -> Bool { s.nonASCII } }
extension T2SStep { func isNeeded(_ s: LineScan) -> Bool { s.nonASCII } }
extension WidthStep { func isNeeded(_ s: LineScan) -> Bool { s.nonASCII } }
extension HTMLEntityStep { func isNeeded(_ s: LineScan) -> Bool { s.ampersand } }
extension PunctStep { func isNeeded(_ s: LineScan) -> Bool { s.nonASCII } }
extension FormStep {
  func isNeeded(_ s: LineScan) -> Bool { s.nonASCII || normalizer.form == .nfkcCasefold }
}
extension SpacesStep {
  func isNeeded(_ s: LineScan) -> Bool { s.doubleSpace || s.edgeBlank || s.nonASCII }
}
