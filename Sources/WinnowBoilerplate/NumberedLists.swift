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
    while i < n {
      guard fixed[i] != .empty, let first = Self.sequenceNumber(u, lines[i]) else {
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
        guard Self.sequenceNumber(u, lines[j]) == expected else { break }
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
  /// space and digits not followed by a letter or digit.
  static func sequenceNumber(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int? {
    let e = r.upperBound
    var p = r.lowerBound
    /// Up to 5 ASCII digits at `p`: their value, and `p` moved past them.
    func digits() -> Int? {
      var v = 0
      var k = 0
      while p < e, k < 5, u[p] &- 0x30 < 10 {
        v = v * 10 + Int(u[p] &- 0x30)
        p += 1
        k += 1
      }
      guard k > 0, p >= e || u[p] &- 0x30 >= 10 else { return nil }
      return v
    }
    /// Whether the bytes at `p` are `bytes`; moves `p` past them if so.
    func take(_ bytes: [UInt8]) -> Bool {
      guard e - p >= bytes.count else { return false }
      for (k, b) in bytes.enumerated() where u[p + k] != b { return false }
      p += bytes.count
      return true
    }
    guard p < e else { return nil }
    let c = u[p]
    if c &- 0x30 < 10 {
      guard let v = digits(), p < e else { return nil }
      switch u[p] {
      case 0x2E:  // `.`, not a decimal point
        return p + 1 < e && u[p + 1] &- 0x30 < 10 ? nil : v
      case 0x29: return v  // `)`
      default:
        return take([0xE3, 0x80, 0x81]) || take([0xEF, 0xBC, 0x8E]) ? v : nil  // `、` `．`
      }
    }
    if c == 0xE7 {
      guard take([0xE7, 0xAC, 0xAC]) else { return nil }  // 第
      while p < e && u[p] == 0x20 { p += 1 }
      guard let v = digits() else { return nil }
      while p < e && u[p] == 0x20 { p += 1 }
      for unit in Self.chapterUnits where take(unit) { return v }
      return nil
    }
    if c | 0x20 == 0x63 {  // `c`: Chapter
      guard e - p > 8 else { return nil }
      for (k, b) in "chapter ".utf8.enumerated() where u[p + k] | (b == 0x20 ? 0 : 0x20) != b {
        return nil
      }
      p += 8
      guard let v = digits() else { return nil }
      guard p < e else { return v }
      let next = u[p] | 0x20
      return next &- 0x61 < 26 ? nil : v
    }
    return nil
  }

  /// `章 回 节 集 话 卷 篇` in UTF-8: what follows `第` and the number of a chapter title.
  private static let chapterUnits: [[UInt8]] = ["章", "回", "节", "集", "话", "卷", "篇"].map {
    Array($0.utf8)
  }
}
