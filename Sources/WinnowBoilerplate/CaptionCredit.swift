#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Photo credits at the end of a caption: `… /VCG`, `… /Xinhua`, `… (Photo: Reuters)`,
/// `…（图片来源：新华社）`.
///
/// ```swift
/// let c = CaptionCredit.split("Starmer speaks in London, March 20, 2025. /VCG")
/// c?.caption   // "Starmer speaks in London, March 20, 2025."
/// c?.credit    // "VCG"
/// ```
public struct CaptionCredit: Sendable, Hashable {
  /// The caption without the credit (trailing spaces removed).
  public var caption: Substring
  /// The credit, without its `/` or brackets and label (`VCG`, `Xinhua`, `Reuters`).
  public var credit: Substring
  /// The byte offset in the line where the cut-off part begins (its leading space included).
  public var cutOffset: Int

  static let labels: [[UInt8]] = BytePatterns.list([
    "photo:", "photo by", "photos:", "photo/", "image:", "credit:", "图片来源：", "图片来源:", "图片来源", "图：",
    "图/", "摄影：", "摄影:", "摄",
  ])

  /// Splits a trailing photo credit off a caption line.
  ///
  /// Recognized: ` /Name` at the end (at most 4 words, first one capitalized, no further
  /// `/`), and a final bracketed group `(Photo: …)`, `[Photo/…]`, `（图片来源：…）`, `（摄影：…）`.
  /// - Parameter line: one line.
  /// - Returns: the caption and credit, or nil when the line ends with no credit.
  public static func split(_ line: Substring) -> CaptionCredit? {
    var copy = line
    guard let o = copy.withUTF8({ offsets($0) }) else { return nil }
    return make(line, o)
  }

  /// Where a caption's credit is, as byte offsets in the line.
  struct Offsets {
    var captionEnd: Int
    var creditStart: Int
    var creditEnd: Int
    var cut: Int
  }

  /// ``split(_:)`` on the line's UTF-8 bytes: the offsets, or nil when the line ends with
  /// no credit.
  static func offsets(_ u: UnsafeBufferPointer<UInt8>) -> Offsets? {
    var end = u.count
    while end > 0 && (u[end - 1] == 0x20 || u[end - 1] == 0x09 || u[end - 1] == 0x0D) { end -= 1 }
    guard end > 0 else { return nil }
    // Most lines end with neither a bracket nor a `/` in their last 41 bytes.
    let lastByte = u[end - 1]
    let bracketed = lastByte == 0x29 || lastByte == 0x5D || lastByte == 0x89
    // A line ending with `.` `,` `?` `!` has no ` /Name` credit (the walk below stops at its
    // last byte) and no bracketed one: most prose.
    if lastByte == 0x2E || lastByte == 0x2C || lastByte == 0x3F || lastByte == 0x21 { return nil }
    // The walk below reads `u[i]` for `i` in `end - 41 ..< end` at most: without a `/` in
    // the last 42 bytes it finds none (a bracketed line skips it then).
    let slash = hasSlash(u, max(0, end - 42)..<end)
    if !bracketed && !slash { return nil }
    // " /Name" form.
    if slash {
      var i = end - 1
      var words = 1
      while i > 0 && u[i] != 0x2F && end - i <= 40 {
        if u[i] == 0x20 { words += 1 }
        // sentence punctuation: no credit
        if u[i] == 0x2E || u[i] == 0x2C || u[i] == 0x3F || u[i] == 0x21 { break }
        i -= 1
      }
      if u[i] == 0x2F, i >= 1, u[i - 1] == 0x20, i + 1 < end, BytePatterns.isUpper(u[i + 1]),
        words <= 4
      {
        var cut = i - 1
        while cut > 0 && u[cut - 1] == 0x20 { cut -= 1 }
        guard cut > 0 else { return nil }
        return Offsets(captionEnd: cut, creditStart: i + 1, creditEnd: end, cut: cut)
      }
    }
    // Bracketed form at the end.
    // The opener, its bytes packed first byte lowest (no array made per line).
    let closer = u[end - 1]
    var open: UInt32 = 0
    var openLength = 0
    if closer == 0x29 {
      (open, openLength) = (0x28, 1)
    } else if closer == 0x5D {
      (open, openLength) = (0x5B, 1)
    }
    if end >= 3, u[end - 3] == 0xEF, u[end - 2] == 0xBC, u[end - 1] == 0x89 {
      (open, openLength) = (0x88_BC_EF, 3)
    }  // （ ）
    guard openLength > 0 else { return nil }
    @inline(__always) func opens(at j: Int) -> Bool {
      guard j + openLength <= end else { return false }
      if openLength == 1 { return UInt32(u[j]) == open }
      return UInt32(u[j]) | UInt32(u[j + 1]) << 8 | UInt32(u[j + 2]) << 16 == open
    }
    let closeLength = openLength
    var j = end - closeLength - 1
    while j >= 0 && !opens(at: j) {
      j -= 1
      if end - j > 120 { return nil }
    }
    guard j > 0 else { return nil }
    let innerStart = j + openLength
    let innerEnd = end - closeLength
    for label in labels {
      guard innerEnd - innerStart >= label.count else { continue }
      var k = 0
      while k < label.count && BytePatterns.lower(u[innerStart + k]) == label[k] { k += 1 }
      guard k == label.count else { continue }
      var s = innerStart + label.count
      while s < innerEnd && u[s] == 0x20 { s += 1 }
      var cut = j
      while cut > 0 && u[cut - 1] == 0x20 { cut -= 1 }
      guard cut > 0 else { return nil }
      return Offsets(captionEnd: cut, creditStart: s, creditEnd: innerEnd, cut: cut)
    }
    return nil
  }

  /// Whether a `/` is in `u[range]` (`memchr`: vector loads; an 8-byte loop cost ≈ 50
  /// instructions for the 42 bytes looked at).
  @inline(__always)
  static func hasSlash(_ u: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    precondition(range.lowerBound >= 0 && range.upperBound <= u.count)
    guard !range.isEmpty, let base = UnsafeRawPointer(u.baseAddress) else { return false }
    return memchr(base + range.lowerBound, 0x2F, range.count) != nil
  }

  /// The credit of `line` at offsets `o` (from ``offsets(_:)`` on its bytes).
  static func make(_ line: Substring, _ o: Offsets) -> CaptionCredit? {
    let v = line.utf8
    guard o.creditStart <= o.creditEnd,
      let a = v.index(v.startIndex, offsetBy: o.captionEnd, limitedBy: v.endIndex),
      let cs = v.index(v.startIndex, offsetBy: o.creditStart, limitedBy: v.endIndex),
      let ce = v.index(v.startIndex, offsetBy: o.creditEnd, limitedBy: v.endIndex)
    else { return nil }
    // Offsets fall on scalar boundaries (ASCII bytes or whole sequences), so the slices are valid.
    return CaptionCredit(
      caption: Substring(v[v.startIndex..<a]), credit: Substring(v[cs..<ce]), cutOffset: o.cut)
  }
}
