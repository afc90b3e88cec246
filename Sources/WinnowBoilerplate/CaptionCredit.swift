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
    "photo:", "photo by", "photos:", "photo/", "image:", "credit:", "图片来源：", "图片来源:", "图片来源", "图：", "图/", "摄影：", "摄影:", "摄",
  ])

  /// Splits a trailing photo credit off a caption line.
  ///
  /// Recognized: ` /Name` at the end (at most 4 words, first one capitalized, no further
  /// `/`), and a final bracketed group `(Photo: …)`, `[Photo/…]`, `（图片来源：…）`, `（摄影：…）`.
  /// - Parameter line: one line.
  /// - Returns: the caption and credit, or nil when the line ends with no credit.
  public static func split(_ line: Substring) -> CaptionCredit? {
    // Most lines end with neither a bracket nor a `/` in their last 41 bytes: reject
    // them without copying the line.
    let v = line.utf8
    var tail = v.endIndex
    while tail > v.startIndex, case let b = v[v.index(before: tail)], b == 0x20 || b == 0x09 || b == 0x0D {
      tail = v.index(before: tail)
    }
    guard tail > v.startIndex else { return nil }
    let lastByte = v[v.index(before: tail)]
    if lastByte != 0x29 && lastByte != 0x5D && lastByte != 0x89 {
      var k = tail
      var seen = 0
      var slash = false
      while k > v.startIndex && seen <= 41 {
        k = v.index(before: k)
        seen += 1
        if v[k] == 0x2F { slash = true; break }
      }
      if !slash { return nil }
    }
    let u = Array(line.utf8)
    var end = u.count
    while end > 0 && (u[end - 1] == 0x20 || u[end - 1] == 0x09 || u[end - 1] == 0x0D) { end -= 1 }
    guard end > 0 else { return nil }
    // " /Name" form.
    var i = end - 1
    var words = 1
    while i > 0 && u[i] != 0x2F && end - i <= 40 {
      if u[i] == 0x20 { words += 1 }
      if u[i] == 0x2E || u[i] == 0x2C || u[i] == 0x3F || u[i] == 0x21 { break }  // sentence punctuation: no credit
      i -= 1
    }
    if u[i] == 0x2F, i >= 1, u[i - 1] == 0x20, i + 1 < end, u[i + 1] >= 0x41, u[i + 1] <= 0x5A, words <= 4 {
      var cut = i - 1
      while cut > 0 && u[cut - 1] == 0x20 { cut -= 1 }
      guard cut > 0 else { return nil }
      return make(line, u, captionEnd: cut, creditStart: i + 1, creditEnd: end, cut: cut)
    }
    // Bracketed form at the end.
    let closer = u[end - 1]
    var opener: [UInt8]? = nil
    if closer == 0x29 { opener = [0x28] } else if closer == 0x5D { opener = [0x5B] }
    if end >= 3, u[(end - 3)..<end].elementsEqual([0xEF, 0xBC, 0x89]) { opener = [0xEF, 0xBC, 0x88] }  // （ ）
    guard let open = opener else { return nil }
    let closeLength = open.count == 3 ? 3 : 1
    var j = end - closeLength - 1
    while j >= 0 && !(j + open.count <= end && u[j..<(j + open.count)].elementsEqual(open)) {
      j -= 1
      if end - j > 120 { return nil }
    }
    guard j > 0 else { return nil }
    let inner = Array(u[(j + open.count)..<(end - closeLength)])
    let lowered = inner.map(BytePatterns.lower)
    for label in labels where lowered.starts(with: label) {
      var s = j + open.count + label.count
      while s < end - closeLength && u[s] == 0x20 { s += 1 }
      var cut = j
      while cut > 0 && u[cut - 1] == 0x20 { cut -= 1 }
      guard cut > 0 else { return nil }
      return make(line, u, captionEnd: cut, creditStart: s, creditEnd: end - closeLength, cut: cut)
    }
    return nil
  }

  private static func make(_ line: Substring, _ u: [UInt8], captionEnd: Int, creditStart: Int, creditEnd: Int, cut: Int) -> CaptionCredit? {
    let v = line.utf8
    guard captionEnd <= u.count, creditStart <= creditEnd, creditEnd <= u.count,
      let a = v.index(v.startIndex, offsetBy: captionEnd, limitedBy: v.endIndex),
      let cs = v.index(v.startIndex, offsetBy: creditStart, limitedBy: v.endIndex),
      let ce = v.index(v.startIndex, offsetBy: creditEnd, limitedBy: v.endIndex)
    else { return nil }
    // Offsets fall on scalar boundaries (ASCII bytes or whole sequences), so the slices are valid.
    return CaptionCredit(caption: Substring(v[v.startIndex..<a]), credit: Substring(v[cs..<ce]), cutOffset: cut)
  }
}
