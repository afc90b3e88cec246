extension BoilerplateClassifier {
  /// Keeps long numbered lists (`numbered-list`, see ``BoilerplateOptions/numberedListRows``):
  /// a run of at least that many consecutive non-empty lines whose sequence numbers
  /// (``sequenceNumber(_:_:)``: `12.`, `12、`, `第12章`, `Chapter 12`) go up by one from line
  /// to line, when the runs hold at least as many text units as the kept text outside them.
  /// A novel's table of contents, a ranking of a hundred entries, the articles of a law:
  /// each row is too short to read as prose and the context pass drops the rows as a link
  /// list, but a list numbered without a gap for that long is what the page is about (a
  /// most-read box or a book's chapter menu beside an article is a few rows, or outweighed).
  /// Lines a pattern dropped keep their drop. One pass over the lines.
  func numberedLists(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let minimum = options.numberedListRows
    guard minimum > 0 else { return }
    let n = lines.count
    var runs: [Range<Int>] = []
    var i = 0
    // (A numbered line has a digit: the features' count skips the other lines unread.)
    while i < n {
      guard features[i].digits > 0, let first = Self.sequenceNumber(u, lines[i]) else {
        i += 1
        continue
      }
      // The run: non-empty lines numbered `first`, `first + 1`, … (empty lines skipped).
      var expected = first &+ 1
      var rows = 1
      var end = i + 1  // one past the run's last numbered line
      var j = i + 1
      while j < n {
        if fixed[j] == .empty {
          j += 1
          continue
        }
        guard features[j].digits > 0, Self.sequenceNumber(u, lines[j]) == expected else { break }
        expected &+= 1
        rows += 1
        j += 1
        end = j
      }
      if rows >= minimum { runs.append(i..<end) }
      i = end
    }
    guard !runs.isEmpty else { return }
    var units = 0
    var inside = 0
    for run in runs {
      for k in run where fixed[k] == nil { units += features[k].units }
      inside += Self.keptUnits(features, keep, run)
    }
    guard units > 0, units >= Self.keptUnits(features, keep) - inside else { return }
    for run in runs {
      for k in run where fixed[k] == nil && !keep[k] {
        keep[k] = true
        reasons[k] = .numberedList
      }
    }
  }

  /// The sequence number a line opens with, if any: ASCII digits (at most 5) followed by
  /// `.` (not a decimal point: no digit after it), `)`, `、` or `．`; `第` and digits
  /// followed by `章`, `回`, `节`, `集`, `话`, `卷` or `篇`; or `Chapter` (any case), a
  /// space and digits not followed by a letter or digit. Straight-line code over the bytes:
  /// it runs on every line of every page.
  static func sequenceNumber(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
    let e = r.upperBound
    var p = r.lowerBound
    guard p < e else { return nil }
    let c = u[p]
    if BytePatterns.isDigit(c) {
      let (v, q) = digits(u, p, e)
      guard let v, q < e else { return nil }
      let b = u[q]
      // `.`, not `2.5`
      if b == 0x2E { return q + 1 < e && BytePatterns.isDigit(u[q + 1]) ? nil : v }
      if b == 0x29 { return v }  // `)`
      guard q + 2 < e else { return nil }
      let (b1, b2) = (u[q + 1], u[q + 2])
      // `、` (E3 80 81) or `．` (EF BC 8E)
      return (b == 0xE3 && b1 == 0x80 && b2 == 0x81) || (b == 0xEF && b1 == 0xBC && b2 == 0x8E)
        ? v : nil
    }
    if c == 0xE7 {
      // 第 (E7 AC AC)
      guard p + 2 < e, u[p + 1] == 0xAC, u[p + 2] == 0xAC else { return nil }
      p += 3
      while p < e && u[p] == 0x20 { p += 1 }
      let (v, q) = digits(u, p, e)
      guard let v else { return nil }
      p = q
      while p < e && u[p] == 0x20 { p += 1 }
      guard p + 2 < e else { return nil }
      return isChapterUnit(u[p], u[p + 1], u[p + 2]) ? v : nil
    }
    if c | 0x20 == 0x63 {  // `c`: Chapter
      guard e - p > 8 else { return nil }
      var k = 0
      for b in chapterWord {
        guard u[p + k] | (b == 0x20 ? 0 : 0x20) == b else { return nil }
        k += 1
      }
      let (v, q) = digits(u, p + 8, e)
      guard let v else { return nil }
      return q < e && BytePatterns.isLetter(u[q]) ? nil : v
    }
    return nil
  }

  /// Up to 5 ASCII digits at `p` (before `e`): their value (nil if there are none, or more
  /// than 5) and where they end.
  @inline(__always)
  private static func digits(_ u: UnsafeBufferPointer<UInt8>, _ p: Int, _ e: Int) -> (Int?, Int) {
    var v = 0
    var q = p
    while q < e, q - p < 5, BytePatterns.isDigit(u[q]) {
      v = v * 10 + Int(u[q] &- 0x30)
      q += 1
    }
    guard q > p, q >= e || u[q] &- 0x30 >= 10 else { return (nil, q) }
    return (v, q)
  }

  /// `chapter ` in ASCII.
  private static let chapterWord: [UInt8] = Array("chapter ".utf8)

  /// Whether the three bytes are `章` (E7 AB A0), `回` (E5 9B 9E), `节` (E8 8A 82), `集`
  /// (E9 9B 86), `话` (E8 AF 9D), `卷` (E5 8D B7) or `篇` (E7 AF 87): what follows `第` and the
  /// number of a chapter title.
  @inline(__always)
  private static func isChapterUnit(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Bool {
    switch (a, b, c) {
    case (0xE7, 0xAB, 0xA0), (0xE5, 0x9B, 0x9E), (0xE8, 0x8A, 0x82), (0xE9, 0x9B, 0x86),
      (0xE8, 0xAF, 0x9D), (0xE5, 0x8D, 0xB7), (0xE7, 0xAF, 0x87):
      return true
    default:
      return false
    }
  }
}
