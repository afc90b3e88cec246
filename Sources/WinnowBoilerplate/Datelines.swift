extension BoilerplateClassifier {
  /// The dateline above the article (`dateline`, see ``BoilerplateOptions/dropHeadDatelines``):
  /// the first kept line of at most ``datelineMaxCharacters`` characters, without terminal
  /// punctuation (a dated caption, `Starmer speaks in London, March 20, 2025.`, stays), that holds a date
  /// (``containsDate(_:_:)``: `November 20, 2019 Emiliano Bellini`, `16 November 2017 • 2:15pm`,
  /// `1 de diciembre de 2017 3:00 AM PST`, `GİRİŞ 20.05.2024 11:26`, `기사입력 :[ 2018-08-25
  /// 15:24 ]`, `投稿日: 2024/04/03`, `2024年4月3日`) and that a `content` line follows within
  /// the next ``datelineWindow`` non-empty lines is dropped, when the kept text above it is
  /// at most half of the kept text. The byline-and-date line that opens a story is kept by
  /// the context pass (it sits next to the first paragraph) but is not in the golds. Only
  /// the first such line goes (a forum's post dates below stay). One pass over the head of
  /// the page; only short kept lines are scanned.
  func headDatelines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let kept = Self.keptUnits(features, keep)
    guard kept > 0 else { return }
    var before = 0
    for i in keep.indices {
      guard keep[i] else { continue }
      // Only the head: at most half of the kept text above the line.
      if 2 * before > kept { return }
      let c = features[i].characters
      if fixed[i] == nil && !features[i].endsWithTerminal && c > 0
        && c <= Self.datelineMaxCharacters && Self.containsDate(u, lines[i])
        && contentFollows(features, keep, reasons, i)
      {
        keep[i] = false
        reasons[i] = .dateline
        return
      }
      before += features[i].units
    }
  }

  /// Whether a kept `content` line is among the next ``datelineWindow`` lines with units
  /// after line `i`.
  private func contentFollows(
    _ features: [LineFeatures], _ keep: [Bool], _ reasons: [BoilerplateReason], _ i: Int
  ) -> Bool {
    var seen = 0
    var k = i + 1
    while k < features.count && seen < Self.datelineWindow {
      if features[k].units > 0 {
        if keep[k] && reasons[k] == .content { return true }
        seen += 1
      }
      k += 1
    }
    return false
  }

  /// Longest dateline in characters (the features' count). On DEV 40 finds half the pages; 80
  /// finds the same within 0.0001 (without the terminal-punctuation condition it dropped
  /// dated forum and caption lines the golds keep).
  static let datelineMaxCharacters = 60
  /// How many non-empty lines after a dateline may hold the first paragraph.
  static let datelineWindow = 3

  /// Whether the bytes in `r` hold a date: a year 19xx / 20xx (not inside a longer number) as
  /// part of `d.m.yyyy` / `d/m/yyyy` / `d-m-yyyy` or `yyyy-m-d` (1–2 digits, any of `.` `/`
  /// `-`, not inside a word), `yyyy年m月`, `Word d, yyyy` (`November 20, 2019`, `Oct 18, 2019`)
  /// or `d Word yyyy` (`16 November 2017`, `12 Maggio 2024`, `1 de diciembre de 2017`), where
  /// a word is 3–30 letters (ASCII or any non-ASCII byte, so a month in any script). A year
  /// alone (`© 2024`, `2019 Jeongdong Theater`) is not a date.
  static func containsDate(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    let lo = r.lowerBound
    let hi = r.upperBound
    func digit(_ p: Int) -> Bool { p >= lo && p < hi && BytePatterns.isDigit(u[p]) }
    func ascii(_ p: Int) -> Bool {
      guard p >= lo && p < hi else { return false }
      return BytePatterns.isAlphanumeric(u[p])
    }
    func letter(_ p: Int) -> Bool {
      guard p >= lo && p < hi else { return false }
      return u[p] >= 0x80 || BytePatterns.isLetter(u[p])
    }
    func sep(_ p: Int) -> Bool {
      p >= lo && p < hi && (u[p] == 0x2E || u[p] == 0x2F || u[p] == 0x2D)
    }
    func space(_ p: Int) -> Bool { p >= lo && p < hi && u[p] == 0x20 }
    // The start of a run of 1–2 digits ending at `end` (exclusive) that no digit precedes.
    func shortNumber(endingAt end: Int) -> Int? {
      var p = end - 1
      guard digit(p) else { return nil }
      if digit(p - 1) { p -= 1 }
      return digit(p - 1) ? nil : p
    }
    // The end (exclusive) of a run of 1–2 digits starting at `start` that no digit follows.
    func shortNumber(startingAt start: Int) -> Int? {
      var p = start
      guard digit(p) else { return nil }
      if digit(p + 1) { p += 1 }
      return digit(p + 1) ? nil : p + 1
    }
    // The start of the spaces (at least one) ending at `end` (exclusive).
    func spaces(endingAt end: Int) -> Int? {
      var p = end
      while space(p - 1) { p -= 1 }
      return p < end ? p : nil
    }
    // The start of a word of 3–30 letters ending at `end` (exclusive), or of 2 letters when
    // `two` (for `de`); the byte before it is not a letter.
    func word(endingAt end: Int, two: Bool = false) -> Int? {
      var p = end
      while letter(p - 1) && end - p <= 30 { p -= 1 }
      let n = end - p
      if letter(p - 1) { return nil }
      return two ? (n == 2 ? p : nil) : (n >= 3 && n <= 30 ? p : nil)
    }
    func isDe(_ p: Int) -> Bool { (u[p] | 0x20) == 0x64 && (u[p + 1] | 0x20) == 0x65 }
    // Skips `de` and its spaces backwards from `end` (`… de 2017`), if they are there.
    func skipDe(endingAt end: Int) -> Int {
      guard let w = word(endingAt: end, two: true), isDe(w), let s = spaces(endingAt: w)
      else { return end }
      return s
    }

    var y = lo
    while y + 4 <= hi {
      defer { y += 1 }
      let b0 = u[y]
      let b1 = u[y + 1]
      guard (b0 == 0x31 && b1 == 0x39) || (b0 == 0x32 && b1 == 0x30), digit(y + 2),
        digit(y + 3), !digit(y - 1), !digit(y + 4)
      else { continue }
      let end = y + 4
      // d.m.yyyy
      if sep(y - 1), !ascii(end), let m = shortNumber(endingAt: y - 1), sep(m - 1),
        let d = shortNumber(endingAt: m - 1), !ascii(d - 1)
      {
        return true
      }
      // yyyy-m-d
      if !ascii(y - 1), sep(end), let m = shortNumber(startingAt: end + 1), sep(m),
        let d = shortNumber(startingAt: m + 1), !ascii(d)
      {
        return true
      }
      // yyyy年m月
      var p = end
      if space(p) { p += 1 }
      if p + 3 <= hi && u[p] == 0xE5 && u[p + 1] == 0xB9 && u[p + 2] == 0xB4 {
        p += 3
        if space(p) { p += 1 }
        if let q = shortNumber(startingAt: p) {
          p = q
          if space(p) { p += 1 }
          if p + 3 <= hi && u[p] == 0xE6 && u[p + 1] == 0x9C && u[p + 2] == 0x88 { return true }
        }
      }
      guard let s = spaces(endingAt: y) else { continue }
      // Word d, yyyy
      var q = s
      if q - 1 >= lo && u[q - 1] == 0x2C { q -= 1 }
      if let d = shortNumber(endingAt: q), let s2 = spaces(endingAt: d) {
        var e = s2
        if e - 1 >= lo && u[e - 1] == 0x2E { e -= 1 }
        if word(endingAt: e) != nil { return true }
      }
      // d Word yyyy (d de Word de yyyy)
      var e = skipDe(endingAt: s)
      if e - 1 >= lo && u[e - 1] == 0x2E { e -= 1 }
      if let w = word(endingAt: e), let s3 = spaces(endingAt: w) {
        var f = skipDe(endingAt: s3)
        if f - 1 >= lo && u[f - 1] == 0x2E { f -= 1 }
        if shortNumber(endingAt: f) != nil { return true }
      }
    }
    return false
  }
}
