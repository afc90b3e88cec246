/// What one pass over a line found: which steps can change it at all (``triggers``), plus
/// a few plain facts about its bytes.
///
/// The normalizer computes it once per line, in the same pass that finds the line's end
/// (``scan(_:from:terminators:final:)``): ASCII eight bytes at a time, other characters
/// one at a time through a per-code-point table (``CharClass``). A line that triggers no
/// enabled step is copied as it is, without calling any step — on page text, most lines.
/// The triggers are exact or conservative: a step whose trigger is absent would leave the
/// line unchanged (checked for every BMP code point by `LineScanGateTests`).
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
  /// ``CharClass`` trigger bits: which steps can change the line.
  var triggers: UInt16 = CharClass.always

  /// Scans a whole buffer as one line (no byte in it ends the line).
  init(_ p: UnsafeBufferPointer<UInt8>) {
    self = Self.scan(p, from: 0, terminators: .none, final: true).scan
  }

  private init() {}

  /// Which bytes end a line.
  enum Terminators {
    /// None: the buffer is one line.
    case none
    /// `\n` only (the `newlines` step is off).
    case lf
    /// `\n`, `\r\n`, `\r`, U+0085, U+2028, U+2029.
    case all
  }

  /// Scans the line starting at `start`: finds its end and what it holds.
  ///
  /// - Returns: the scan, the end of the line's content and the start of the next line
  ///   (`end..<next` is the terminator). When `final` is false and the line is not
  ///   terminated yet (or ends in `\r`, which may be the first half of `\r\n`), `end` and
  ///   `next` are -1.
  @inline(__always)
  static func scan(
    _ p: UnsafeBufferPointer<UInt8>, from start: Int, terminators: Terminators, final: Bool,
    table: UnsafePointer<UInt16> = CharClass.table
  ) -> (scan: LineScan, end: Int, next: Int) {
    var s = LineScan()
    let n = p.count
    guard let base = p.baseAddress, start < n else {
      s.triggers = CharClass.always
      return (s, final ? n : -1, final ? n : -1)
    }
    let raw = UnsafeRawPointer(base)
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let splitAll = terminators == .all
    let splitLF = terminators != .none
    var acc: UInt16 = 0
    var control = false, ampersand = false, doubleSpace = false, nonASCII = false
    var prevSpace = false
    // Width context: a full-width punctuation mark next to a CJK character is never
    // narrowed (``WidthStep``); one whose neighbours are not known yet is `pending`.
    var prevCJK = false
    var pending = false
    var end = -1, next = -1
    var i = start
    scanning: while i < n {
      // Word mode: plain ASCII without controls, DEL or `&`, eight bytes at a time.
      while i + 8 <= n {
        let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let low = (x &- ones &* 0x20) & ~x
        let d = x ^ (ones &* 0x7F)
        let a = x ^ (ones &* 0x26)
        if (x | low | ((d &- ones) & ~d) | ((a &- ones) & ~a)) & highs != 0 { break }
        // Exact mask of space bytes (high bit set where the byte is 0x20).
        let v = x ^ (ones &* 0x20)
        let sp = ~(((v & lows) &+ lows) | v) & highs
        if sp & ((sp << 8) | (prevSpace ? 0x80 : 0)) != 0 { doubleSpace = true }
        prevSpace = sp >> 63 != 0
        if pending {
          acc |= CharClass.width
          pending = false
        }
        prevCJK = false
        i += 8
      }
      // Byte mode: up to the next word boundary, and past a pending mark's neighbour.
      let stop = i + 8
      while i < n && (i < stop || pending) {
        let b = base[i]
        if b < 0x80 {
          if pending {
            acc |= CharClass.width
            pending = false
          }
          prevCJK = false
          if b > 0x26 && b != 0x7F {
            // Letters, digits and most punctuation.
            prevSpace = false
            i &+= 1
            continue
          }
          if b == 0x20 {
            if prevSpace { doubleSpace = true }
            prevSpace = true
            i += 1
            continue
          }
          prevSpace = false
          if b < 0x20 {
            if splitLF && b == 0x0A {
              end = i
              next = i + 1
              break scanning
            }
            if splitAll && b == 0x0D {
              if i + 1 < n {
                end = i
                next = base[i + 1] == 0x0A ? i + 2 : i + 1
              } else if final {
                end = i
                next = n
              }
              break scanning
            }
            control = true
            if b != 0x09 { acc |= CharClass.controls }
          } else if b == 0x7F {
            control = true
            acc |= CharClass.controls
          } else if b == 0x26 {
            ampersand = true
          }
          i += 1
          continue
        }
        // A run of non-ASCII characters, up to the next ASCII byte. Decode each one,
        // checking its continuation bytes (a lone or truncated sequence counts as one byte
        // that may need every form).
        nonASCII = true
        prevSpace = false
        repeat {
          let b = base[i]
          var f = CharClass.allForms
          var len = 1
          if b >= 0xE0 {
            if b < 0xF0 {
              if i + 2 < n {
                let b1 = base[i + 1], b2 = base[i + 2]
                if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 {
                  let c = UInt32(b & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b2 & 0x3F)
                  // CJK Unified Ideographs all share one entry: look that one up, so the
                  // lookups of Chinese text stay in a few cache lines (and no branch).
                  f = table[Int(c &- 0x4E00 < 0x5200 ? 0x4E00 : c)]
                  len = 3
                }
              }
            } else if b < 0xF5, i + 3 < n, base[i + 1] & 0xC0 == 0x80, base[i + 2] & 0xC0 == 0x80,
              base[i + 3] & 0xC0 == 0x80
            {
              let c =
                UInt32(b & 0x07) << 18 | UInt32(base[i + 1] & 0x3F) << 12
                | UInt32(base[i + 2] & 0x3F) << 6 | UInt32(base[i + 3] & 0x3F)
              f = CharClass.supplementary(c)
              len = 4
            }
          } else if b >= 0xC2, i + 1 < n, base[i + 1] & 0xC0 == 0x80 {
            f = table[Int(UInt32(b & 0x1F) << 6 | UInt32(base[i + 1] & 0x3F))]
            len = 2
          }
          if f & (CharClass.lineEnd | CharClass.widthPunct) != 0 || pending {
            if splitAll && f & CharClass.lineEnd != 0 {
              end = i
              next = i + len
              break scanning
            }
            if pending {
              if f & CharClass.cjk == 0 { acc |= CharClass.width }
              pending = false
            }
            if f & CharClass.widthPunct != 0 && !prevCJK { pending = true }
          }
          prevCJK = f & CharClass.cjk != 0
          acc |= f
          i &+= len
        } while i < n && base[i] >= 0x80
      }
    }
    if end < 0 {
      // No terminator before the end of the buffer.
      guard final else { return (s, -1, -1) }
      end = n
      next = n
    }
    if pending { acc |= CharClass.width }
    if end > start {
      let first = base[start], last = base[end - 1]
      if first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 { s.edgeBlank = true }
    }
    if doubleSpace || s.edgeBlank { acc |= CharClass.spaces }
    if control { s.control = true }
    if ampersand { acc |= CharClass.entities }
    if nonASCII { acc |= CharClass.nonASCII }
    s.nonASCII = nonASCII
    s.ampersand = ampersand
    s.doubleSpace = doubleSpace
    s.triggers = (acc & CharClass.triggerBits) | CharClass.always
    return (s, end, next)
  }

  @inline(__always) func has(_ bits: UInt16) -> Bool { triggers & bits != 0 }
}

extension LineStep {
  /// Whether the step can change a line with these contents: whether the line holds one
  /// of the step's ``triggers``.
  func isNeeded(_ scan: LineScan) -> Bool { scan.has(triggers) }
  /// Default: every line (``CharClass/always``).
  var triggers: UInt16 { CharClass.always }
}

// Which lines each step can change (see ``CharClass``). Soundness: a line without any of
// these bits is returned unchanged by the step.
extension ControlsStep { var triggers: UInt16 { CharClass.controls } }
extension ZeroWidthStep { var triggers: UInt16 { CharClass.zeroWidth } }
extension MojibakeStep { var triggers: UInt16 { CharClass.mojibake } }
extension GBKMojibakeStep { var triggers: UInt16 { CharClass.nonASCII } }
extension T2SStep { var triggers: UInt16 { CharClass.nonASCII } }
extension WidthStep { var triggers: UInt16 { CharClass.width } }
extension HTMLEntityStep { var triggers: UInt16 { CharClass.entities } }
extension PunctStep { var triggers: UInt16 { CharClass.punct } }
extension SpacesStep { var triggers: UInt16 { CharClass.spaces } }
extension FormStep {
  var triggers: UInt16 {
    switch normalizer.form {
    case .nfc: CharClass.formNFC
    case .nfd: CharClass.formNFD
    case .nfkc: CharClass.formNFKC
    case .nfkd: CharClass.formNFKD
    case .nfkcCasefold: CharClass.always
    }
  }
}
