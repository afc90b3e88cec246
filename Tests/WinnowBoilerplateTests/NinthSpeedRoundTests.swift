import Foundation
import Testing
import WinnowTestSupport

@testable import WinnowBoilerplate

/// The ninth speed round: the site-line look-up asks the string set only for lines whose
/// skeleton a learned line has, the line splitter uses `memchr`, the trim has a shortcut, the
/// learner counts a page through buffers, and the date check looks up a scalar's entries by
/// its first two bytes. Each is checked against the code it replaced (kept here).
@Suite("Boilerplate: ninth speed round")
struct NinthSpeedRoundTests {
  /// No scalar other than a skeleton byte itself has a canonical decomposition holding a
  /// skeleton byte (Foundation's NFD, ICU's Unicode data), so canonically equivalent strings
  /// have equal skeletons.
  @Test func noDecompositionHoldsASkeletonByte() {
    typealias Lines = SiteRepetition.Index.Lines
    func isSkeletonByte(_ b: UInt8) -> Bool {
      b < 0x80 && (b < 64 ? Lines.skeletonLow : Lines.skeletonHigh) & (1 << UInt64(b & 63)) != 0
    }
    // The mask: ASCII but letters and ; < = > `.
    for b in UInt8(0)..<0x80 {
      let letter = (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A
      #expect(isSkeletonByte(b) == !(letter || ";<=>`".utf8.contains(b)), "byte \(b)")
    }
    var offenders: [UInt32] = []
    for v in UInt32(0x80)...0x10FFFF {
      guard let s = Unicode.Scalar(v), s.properties.generalCategory != .unassigned else {
        continue
      }
      let nfd = String(s).decomposedStringWithCanonicalMapping
      if nfd.utf8.contains(where: isSkeletonByte) { offenders.append(v) }
    }
    #expect(offenders.isEmpty, "\(offenders.map { String($0, radix: 16) })")
  }

  /// The index answers as the set of learned strings for lines that are not NFC-inert
  /// (combining marks, Devanagari, Arabic, emoji, singletons such as U+037E `;` and the
  /// Kelvin sign, `≠` and `=` + U+0338), whatever their skeletons.
  @Test func siteLinesAsTheSetWithSkeletons() {
    var g = SplitMix64(seed: 909)
    let pieces = [
      "a", "e", "\u{301}", "é", "e\u{301}", " ", ",", ".", "1", "2", ";", "\u{37E}", "K",
      "\u{212A}", "=", "\u{338}", "\u{2260}", "<", "\u{226E}", "नमस्ते", "क़", "क\u{93C}",
      "سلام", "آ", "ا\u{653}", "😀", "中", "Share", "|", "-", "\u{3000}", "\u{1E9B}\u{323}",
    ]
    func line() -> String {
      var s = ""
      for _ in 0..<Int.random(in: 0...7, using: &g) {
        s += pieces[Int.random(in: 0..<pieces.count, using: &g)]
      }
      return s
    }
    var rejected = 0
    for round in 0..<60 {
      let learned = Set((0..<Int.random(in: 1...30, using: &g)).map { _ in line() })
      let index = SiteRepetition.Index.Lines(learned)
      for _ in 0..<600 {
        var probe = Bool.random(using: &g) ? learned.randomElement(using: &g) ?? line() : line()
        if Int.random(in: 0..<4, using: &g) == 0 {
          // A canonically equivalent spelling of a learned line.
          probe =
            Bool.random(using: &g)
            ? probe.decomposedStringWithCanonicalMapping
            : probe.precomposedStringWithCanonicalMapping
        }
        let bytes = Array(probe.utf8)
        let answer = bytes.withUnsafeBufferPointer { index.contains($0) }
        #expect(answer == learned.contains(probe), "round \(round): \(probe.debugDescription)")
        let skeleton = bytes.withUnsafeBufferPointer { SiteRepetition.Index.Lines.skeleton($0) }
        if !index.skeletons.contains(skeleton) { rejected += 1 }
      }
    }
    #expect(rejected > 1000)  // the filter does reject lines
  }

  /// The old splitter (an 8-byte loop and an append per line).
  static func referenceLineRanges(_ u: [UInt8]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    for i in 0..<u.count where u[i] == 0x0A {
      result.append(start..<i)
      start = i + 1
    }
    if start < u.count { result.append(start..<u.count) }
    return result
  }

  /// Lines split as before: texts with more lines than the first buffer holds (empty lines,
  /// one-byte lines), none, a last line without `\n`, long lines.
  @Test func lineRangesAsBefore() {
    var g = SplitMix64(seed: 7)
    let pieces: [[UInt8]] = [
      [0x0A], [0x0A, 0x0A], Array("a".utf8), Array("中文".utf8),
      Array(String(repeating: "x", count: 40).utf8),
      Array(" \u{3000} ".utf8),
    ]
    for _ in 0..<3000 {
      var text: [UInt8] = []
      for _ in 0..<Int.random(in: 0...120, using: &g) {
        text += pieces[Int.random(in: 0..<pieces.count, using: &g)]
      }
      let got = text.withUnsafeBufferPointer { BoilerplateStage.lineRanges($0) }
      #expect(got == Self.referenceLineRanges(text))
    }
    let allNewlines = [UInt8](repeating: 0x0A, count: 5000)
    #expect(
      allNewlines.withUnsafeBufferPointer { BoilerplateStage.lineRanges($0) }
        == Self.referenceLineRanges(allNewlines))
  }

  /// The trim's shortcut gives ``Lexicon/trimmed(_:_:)``'s range: lines opening or ending
  /// with ASCII, CJK, every space scalar, controls and other scalars.
  @Test func quickTrimAsTrim() {
    var g = SplitMix64(seed: 11)
    let pieces = [
      "a", "Z", "~", "\u{7F}", " ", "\t", "\r", "\u{B}", "\u{C}", "\u{A0}", "\u{2000}",
      "\u{200B}", "\u{202F}", "\u{205F}", "\u{3000}", "\u{FEFF}", "中", "丁", "鿿", "ア", "é",
      "😀", "。", "Ｚ", "\u{2028}",
    ]
    for _ in 0..<40_000 {
      var s = ""
      for _ in 0..<Int.random(in: 0...5, using: &g) {
        s += pieces[Int.random(in: 0..<pieces.count, using: &g)]
      }
      let bytes = Array(("x\n" + s + "\ny").utf8)
      let r = 2..<(bytes.count - 2)
      bytes.withUnsafeBufferPointer { u in
        #expect(Lexicon.trimmedQuickly(u, r) == Lexicon.trimmed(u, r), "\(s.debugDescription)")
      }
    }
  }

  /// The old date check's multi-byte step: every entry of ``LinePatterns/dateCJK`` tried in
  /// order.
  static func referenceIsDateOnly(_ bytes: [UInt8]) -> Bool {
    let words = LinePatterns.dateWordKeys
    var digits = 0
    var word: UInt64 = 0
    var wordLength = 0
    var ok = true
    func flush() {
      if wordLength > 0 {
        if wordLength > 12 || !words.contains(word) { ok = false }
        word = 0
        wordLength = 0
      }
    }
    var i = 0
    while i < bytes.count && ok {
      let b = bytes[i]
      if b >= 0x61 && b <= 0x7A {
        word = (word << 5) | UInt64(b - 0x60)
        wordLength += 1
      } else {
        flush()
        if !ok { break }
        if b >= 0x30 && b <= 0x39 {
          digits += 1
        } else if b < 0x80 {
          if !" -/:.,()|".utf8.contains(b) { ok = false }
        } else {
          var matched = false
          for a in LinePatterns.dateCJK where i + a.count <= bytes.count {
            if Array(bytes[i..<(i + a.count)]) == a {
              i += a.count
              matched = true
              break
            }
          }
          if !matched { ok = false }
          continue
        }
      }
      i += 1
    }
    flush()
    return ok && digits >= 2
  }

  /// Date lines from the date pieces (every CJK entry, near misses such as `星` without
  /// `期`, other CJK, full-width forms) decided as by the old loop.
  @Test func dateOnlyAsBefore() {
    var g = SplitMix64(seed: 2024)
    let pieces =
      LinePatterns.dateCJK.map { String(decoding: $0, as: UTF8.self) } + [
        "2024", "12", "7", "-", "/", ":", " ", "jan", "monday", "utc", "星", "期", "上", "午",
        "中", "文", "ａ", "é", "x", "｜", "：", "年年",
      ]
    var dates = 0
    for _ in 0..<60_000 {
      var s = ""
      for _ in 0..<Int.random(in: 1...8, using: &g) {
        s += pieces[Int.random(in: 0..<pieces.count, using: &g)]
      }
      let bytes = Array(s.utf8)
      let got = bytes.withUnsafeBufferPointer { LinePatterns.isDateOnly($0) }
      #expect(got == Self.referenceIsDateOnly(bytes), "\(s.debugDescription)")
      if got { dates += 1 }
    }
    #expect(dates > 1000)
  }

  /// The learner through buffers learns what a plain count learns: per site, the distinct
  /// trimmed lines on at least `max(minPages, ⌈share × pages⌉)` pages (pages with repeated
  /// lines, spaces around lines, empty lines, several sites, `min_site_pages` 1 and 2).
  @Test(arguments: [(1, 0.0), (2, 0.0), (3, 0.1), (4, 0.5)])
  func learnerAsAPlainCount(_ minPages: Int, _ share: Double) {
    var g = SplitMix64(seed: UInt64(minPages) &* 31 &+ 5)
    let lines = (0..<300).map { k in
      k % 7 == 0 ? " Menu \(k % 20) " : k % 5 == 0 ? "导航 \(k % 30)\u{3000}" : "Line \(k) text."
    }
    var learner = SiteRepetition.Learner(minPages: minPages, minShare: share)
    var pagesOf: [String: Int] = [:]
    var counts: [String: [String: Int]] = [:]
    for _ in 0..<400 {
      let host = ["a.example", "b.example", "c.example"][Int.random(in: 0..<3, using: &g)]
      var page: [String] = []
      for _ in 0..<Int.random(in: 0...60, using: &g) {
        page.append(Bool.random(using: &g) ? "" : lines[Int.random(in: 0..<lines.count, using: &g)])
      }
      learner.observe(text: page.joined(separator: "\n"), host: host)
      pagesOf[host, default: 0] += 1
      let distinct = Set(
        page.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
      for l in distinct { counts[host, default: [:]][l, default: 0] += 1 }
    }
    let model = learner.finish()
    for (host, n) in pagesOf {
      let need = max(minPages, Int((share * Double(n)).rounded(.up)))
      let expected = Set((counts[host] ?? [:]).filter { $0.value >= need }.keys)
      #expect(model.sites[host]?.pages == n)
      #expect(model.sites[host]?.lines ?? [] == expected, "\(host)")
    }
  }

  /// The old line hash: the last 1–7 bytes gathered one at a time.
  static func referenceQuickHash(_ u: [UInt8]) -> UInt64 {
    var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(u.count)
    var i = 0
    while i + 8 <= u.count {
      var w: UInt64 = 0
      for k in 0..<8 { w |= UInt64(u[i + k]) << UInt64(8 * k) }
      h = (h ^ w) &* 0xFF51_AFD7_ED55_8CCD
      h ^= h >> 32
      i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < u.count {
      tail |= UInt64(u[i]) << shift
      shift += 8
      i += 1
    }
    h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 29
    return h
  }

  /// The hash with its tail read in one load equals the old one: every length 0–64, at
  /// every offset 0–7 of a larger buffer.
  @Test func lineHashAsBefore() {
    var g = SplitMix64(seed: 64)
    let buffer = (0..<200).map { _ in UInt8.random(in: 0...255, using: &g) }
    for length in 0...64 {
      for offset in 0..<8 {
        let line = Array(buffer[offset..<(offset + length)])
        let got = buffer.withUnsafeBufferPointer {
          SiteRepetition.Index.Lines.quickHash(
            UnsafeBufferPointer(rebasing: $0[offset..<(offset + length)]))
        }
        #expect(got == Self.referenceQuickHash(line), "length \(length), offset \(offset)")
      }
    }
  }

  /// The old numeric-date check: non-digits skipped one byte at a time.
  static func referenceHasNumericDate(_ b: [UInt8]) -> Bool {
    let n = b.count
    func isDigit(_ i: Int) -> Bool { i < n && b[i] >= 0x30 && b[i] <= 0x39 }
    func digitRun(_ i: Int) -> Int {
      var j = i
      while isDigit(j) { j += 1 }
      return j - i
    }
    func spaces(_ i: Int) -> Int {
      var j = i
      while j < n && b[j] == 0x20 { j += 1 }
      return j
    }
    func separator(_ i: Int, _ cjk: [UInt8]) -> Int? {
      guard i < n else { return nil }
      if b[i] == 0x2D || b[i] == 0x2F || b[i] == 0x2E { return i + 1 }
      if i + 2 < n && Array(b[i..<(i + 3)]) == cjk { return i + 3 }
      return nil
    }
    var i = 0
    while i < n {
      guard isDigit(i) else {
        i += 1
        continue
      }
      let run = digitRun(i)
      let end = i + run
      if run >= 4, let s1 = separator(spaces(end), Array("年".utf8)) {
        let m = spaces(s1)
        let mr = digitRun(m)
        if mr >= 1 && mr <= 2, let s2 = separator(spaces(m + mr), Array("月".utf8)),
          isDigit(spaces(s2))
        {
          return true
        }
      }
      if end < n && b[end] == 0x2F {
        let m = end + 1
        let mr = digitRun(m)
        if mr >= 1 && mr <= 2 && m + mr < n && b[m + mr] == 0x2F && digitRun(m + mr + 1) >= 2 {
          return true
        }
      }
      i = end
    }
    return false
  }

  /// The numeric-date check that skips eight bytes at a time answers as before: dates and
  /// near misses after runs of letters, CJK and other bytes (0x80–0xFF too) of every length.
  @Test func numericDatesAsBefore() {
    var g = SplitMix64(seed: 31)
    let pieces = [
      "2020-12-30", "2019/11/20", "2020.1.5", "2020年1月5日", "11/20/2019", "1/2/3", "2024 - 5 - 7",
      "12", "2020年", "月", "/", "-", ".", " ", "abcdefgh", "Posted ", "中文内容", "\u{FF10}",
      "é", ":", "0", "99999", "x",
    ]
    var dates = 0
    for _ in 0..<40_000 {
      var s = ""
      for _ in 0..<Int.random(in: 0...9, using: &g) {
        s += pieces[Int.random(in: 0..<pieces.count, using: &g)]
      }
      var bytes = Array(s.utf8)
      if Int.random(in: 0..<5, using: &g) == 0 {
        bytes += (0..<Int.random(in: 1...20, using: &g)).map { _ in
          UInt8.random(in: 0...255, using: &g)
        }
      }
      let got = bytes.withUnsafeBufferPointer { ThreadRecords.hasNumericDate($0) }
      #expect(got == Self.referenceHasNumericDate(bytes), "\(bytes)")
      if got { dates += 1 }
    }
    #expect(dates > 5000)
  }

  /// The old record-list precheck: a comparison per spacing.
  static func referenceHasCandidateRun(_ keys: [UInt64], _ features: [LineFeatures]) -> Bool {
    let n = keys.count
    let last = ThreadRecords.minListRecords - 1
    for a in 0..<n where ThreadRecords.isChromeCandidate(features[a]) {
      let widest = min(ThreadRecords.maxRecordSpacing, (n - 1 - a) / last)
      var p = 2
      while p <= widest {
        if keys[a + p] == keys[a] {
          var k = 1
          while k <= last && keys[a + k * p] == keys[a]
            && ThreadRecords.isChromeCandidate(features[a + k * p])
          {
            k += 1
          }
          if k > last { return true }
        }
        p += 1
      }
    }
    return false
  }

  /// The precheck comparing eight lines' marks in one word answers as before: pages of 0–120
  /// lines from a few keys (planted runs at spacings 1–9; keys 0, all ones and ones that
  /// differ in one bit), candidates and other lines mixed.
  @Test func recordListPrecheckAsBefore() {
    var g = SplitMix64(seed: 41)
    var feature = LineFeatures(of: "x", hanWeight: 2.5)
    var runs = 0
    for _ in 0..<20_000 {
      let n = Int.random(in: 0...120, using: &g)
      let alphabet: [UInt64] = [0, 1, 2, 1 << 63, (1 << 63) | 1, 0xFFFF_FFFF_FFFF_FFFF]
      var keys = (0..<n).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &g)] }
      if n > 10, Bool.random(using: &g) {
        let p = Int.random(in: 1...9, using: &g)
        let start = Int.random(in: 0..<n, using: &g)
        let key = alphabet[Int.random(in: 0..<alphabet.count, using: &g)]
        var i = start
        while i < n {
          keys[i] = key
          i += p
        }
      }
      let features: [LineFeatures] = (0..<n).map { _ in
        feature.characters =
          Int.random(in: 0..<10, using: &g) == 0
          ? Int.random(in: 0...200, using: &g)
          : Int.random(in: 1...ThreadRecords.maxChromeCharacters, using: &g)
        return feature
      }
      let got = ThreadRecords.hasCandidateRun(keys, features)
      #expect(got == Self.referenceHasCandidateRun(keys, features), "\(keys)")
      #expect(got == ThreadRecords.hasCandidateRunBySpacing(keys, features))
      if got { runs += 1 }
    }
    #expect(runs > 1000)
  }
}
