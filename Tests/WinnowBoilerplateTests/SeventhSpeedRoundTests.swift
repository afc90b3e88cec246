import Foundation
import Testing
import Winnow
import WinnowTestSupport

@testable import WinnowBoilerplate

private let speedRoundRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent()
  .deletingLastPathComponent()

/// The seventh speed round's fast paths against the code they replace, kept here as the
/// reference: the citation check on bytes, the caption credit's early-outs, the relative
/// date's precondition, and the stage's columnar decisions.
@Suite("Boilerplate: seventh speed round (fast paths against the old code)")
struct SeventhSpeedRoundTests {
  static let citationPieces = [
    "[", "]", "［", "］", "1", "12", "a", "Z", "é", "中", "。", ".", "!", " ", "\u{3000}", "\u{A0}",
    ",", "-", "–", "?", "x",
    "[1]", "[2][3]", "［12］", "[a]", "[1-2]", "[note 3]", "٣", "\t", ")", "”", "…", "b7", "[ ]",
    "[]",
  ]

  static func randomLine(_ pieces: [String], _ g: inout SplitMix64, maxPieces: Int = 10) -> String {
    var s = ""
    for _ in 0..<Int.random(in: 0...maxPieces, using: &g) {
      s += pieces[Int.random(in: 0..<pieces.count, using: &g)]
    }
    return s
  }

  @Test(arguments: [
    "… in 2024.[3]", "…启动。 [1][2]", "… ［12］", "No citation]", "[1]", "Done.[a-b]", "Done. [1] ",
    "Done.[1234567890123]",
    "Done.[123456789012]", "Done.[é]", "Done.[٣]", "Done.[1 2]", "", "]", "。]", "x.[1]\u{3000}",
    ".[[1]",
  ])
  func citationsOnBytesAsOnScalars(_ line: String) {
    let bytes = Array(line.utf8)
    let fast = bytes.withUnsafeBufferPointer { LineFeatures.terminalBeforeCitations(utf8: $0) }
    #expect(
      fast == LineFeatures.terminalBeforeCitations(Substring(line)), "\(line.debugDescription)")
  }

  /// 40,000 lines built from brackets, digits, letters, spaces and sentence marks: the byte
  /// walk answers as the scalar walk on the string; and ill-formed bytes (random bytes
  /// appended) answer as the scalar walk on the repaired string.
  @Test func citationsOnRandomLines() {
    var g = SplitMix64(seed: 77)
    var trues = 0
    for k in 0..<40_000 {
      var bytes = Array(Self.randomLine(Self.citationPieces, &g).utf8)
      if k % 10 == 0 {
        for _ in 0..<Int.random(in: 1...3, using: &g) {
          bytes.insert(
            UInt8.random(in: 0x80...0xFF, using: &g), at: Int.random(in: 0...bytes.count, using: &g)
          )
        }
        bytes += Array("[1]".utf8)
      }
      let fast = bytes.withUnsafeBufferPointer { LineFeatures.terminalBeforeCitations(utf8: $0) }
      let reference = LineFeatures.terminalBeforeCitations(
        Substring(String(decoding: bytes, as: UTF8.self)))
      if reference { trues += 1 }
      #expect(fast == reference, "\(bytes)")
    }
    #expect(trues > 500)  // the generator makes citation endings
  }

  // MARK: Caption credits

  static let creditPieces = [
    " /VCG", " /Xinhua", "/", " ", "Photo", "(Photo: Reuters)", "[Photo/IC]", "（图片来源：新华社）",
    "（摄影：王）", ")", "]", "（", "）", "(",
    "[", "a", "Starmer speaks", ".", ",", "2024/01/02", "http://x.com/a", "中文", "Credit: AP", " /A",
    " /ab", "photo by Jo",
  ]

  /// The offsets of the old `CaptionCredit.offsets` (an opener array per bracketed line, the
  /// ` /Name` walk on every candidate line).
  static func referenceOffsets(_ u: UnsafeBufferPointer<UInt8>) -> CaptionCredit.Offsets? {
    var end = u.count
    while end > 0 && (u[end - 1] == 0x20 || u[end - 1] == 0x09 || u[end - 1] == 0x0D) { end -= 1 }
    guard end > 0 else { return nil }
    let lastByte = u[end - 1]
    if lastByte != 0x29 && lastByte != 0x5D && lastByte != 0x89
      && !u[max(0, end - 42)..<end].contains(0x2F)
    {
      return nil
    }
    var i = end - 1
    var words = 1
    while i > 0 && u[i] != 0x2F && end - i <= 40 {
      if u[i] == 0x20 { words += 1 }
      if u[i] == 0x2E || u[i] == 0x2C || u[i] == 0x3F || u[i] == 0x21 { break }
      i -= 1
    }
    if u[i] == 0x2F, i >= 1, u[i - 1] == 0x20, i + 1 < end, u[i + 1] >= 0x41, u[i + 1] <= 0x5A,
      words <= 4
    {
      var cut = i - 1
      while cut > 0 && u[cut - 1] == 0x20 { cut -= 1 }
      guard cut > 0 else { return nil }
      return .init(captionEnd: cut, creditStart: i + 1, creditEnd: end, cut: cut)
    }
    let closer = u[end - 1]
    var opener: [UInt8]? = nil
    if closer == 0x29 { opener = [0x28] } else if closer == 0x5D { opener = [0x5B] }
    if end >= 3, u[end - 3] == 0xEF, u[end - 2] == 0xBC, u[end - 1] == 0x89 {
      opener = [0xEF, 0xBC, 0x88]
    }
    guard let open = opener else { return nil }
    let closeLength = open.count == 3 ? 3 : 1
    var j = end - closeLength - 1
    while j >= 0 && !(j + open.count <= end && u[j..<(j + open.count)].elementsEqual(open)) {
      j -= 1
      if end - j > 120 { return nil }
    }
    guard j > 0 else { return nil }
    let innerStart = j + open.count
    let innerEnd = end - closeLength
    for label in CaptionCredit.labels {
      guard innerEnd - innerStart >= label.count else { continue }
      var k = 0
      while k < label.count && BytePatterns.lower(u[innerStart + k]) == label[k] { k += 1 }
      guard k == label.count else { continue }
      var s = innerStart + label.count
      while s < innerEnd && u[s] == 0x20 { s += 1 }
      var cut = j
      while cut > 0 && u[cut - 1] == 0x20 { cut -= 1 }
      guard cut > 0 else { return nil }
      return .init(captionEnd: cut, creditStart: s, creditEnd: innerEnd, cut: cut)
    }
    return nil
  }

  static func same(_ a: CaptionCredit.Offsets?, _ b: CaptionCredit.Offsets?) -> Bool {
    switch (a, b) {
    case (nil, nil): true
    case (let x?, let y?):
      x.captionEnd == y.captionEnd && x.creditStart == y.creditStart && x.creditEnd == y.creditEnd
        && x.cut == y.cut
    default: false
    }
  }

  /// 40,000 lines of caption pieces (credits, brackets, slashes near and far from the end,
  /// long lines): the offsets are the old code's.
  @Test func captionOffsetsAsBefore() {
    var g = SplitMix64(seed: 78)
    var found = 0
    for _ in 0..<40_000 {
      let line = Self.randomLine(Self.creditPieces, &g, maxPieces: 14)
      let bytes = Array(line.utf8)
      let fast = bytes.withUnsafeBufferPointer { CaptionCredit.offsets($0) }
      let reference = bytes.withUnsafeBufferPointer { Self.referenceOffsets($0) }
      if reference != nil { found += 1 }
      #expect(Self.same(fast, reference), "\(line.debugDescription)")
    }
    #expect(found > 1_000)
  }

  // MARK: Relative dates

  /// The old `hasRelativeDate` (no precondition, the unit's set look-up before `ago`).
  static func referenceRelativeDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = b.count
    func lower(_ x: UInt8) -> UInt8 { x >= 0x41 && x <= 0x5A ? x | 0x20 : x }
    func isLetter(_ x: UInt8) -> Bool { let l = lower(x); return l >= 0x61 && l <= 0x7A }
    func isSpace(_ x: UInt8) -> Bool { x == 0x20 || x == 0x09 }
    func matches(_ i: Int, _ w: [UInt8]) -> Bool {
      guard i + w.count <= n else { return false }
      for k in 0..<w.count where b[i + k] != w[k] { return false }
      return true
    }
    var i = 0
    while i < n {
      guard b[i] >= 0x30 && b[i] <= 0x39 else {
        i += 1
        continue
      }
      var j = i
      while j < n && b[j] >= 0x30 && b[j] <= 0x39 { j += 1 }
      i = j
      while j < n && isSpace(b[j]) { j += 1 }
      var e = j
      while e < n && isLetter(b[e]) && e - j <= 6 { e += 1 }
      if e > j && e - j <= 6 && e < n && isSpace(b[e]) {
        var unit: UInt64 = 0
        for k in j..<e { unit = (unit << 5) | UInt64(lower(b[k]) - 0x60) }
        if ThreadRecords.agoUnits.contains(unit) {
          var a = e
          while a < n && isSpace(b[a]) { a += 1 }
          if a + 3 <= n && lower(b[a]) == 0x61 && lower(b[a + 1]) == 0x67 && lower(b[a + 2]) == 0x6F
            && (a + 3 == n
              || !(isLetter(b[a + 3]) || (b[a + 3] >= 0x30 && b[a + 3] <= 0x39) || b[a + 3] == 0x5F
                || b[a + 3] >= 0x80))
          {
            return true
          }
        }
      }
      guard j < n && b[j] &- 0xE4 < 4 else { continue }
      for w in ThreadRecords.chineseAgoUnits where matches(j, w) {
        if matches(j + w.count, ThreadRecords.chineseAgo) { return true }
      }
    }
    return false
  }

  static let datePieces = [
    "3", "12", " ", "\t", "d", "h", "hours", "mins", "Ago", "ago", "AGO", "agox", "ago_", "ago.",
    "天", "前", "分钟", "个月", "小时",
    "年", "x", "G", "g", "go", "a", "min", "weeks", "2024", "中", "\u{8D}", "3 hours ago", "12d ago",
    "5分钟前", "2 Mo AGO", "7 ",
  ]

  /// 60,000 lines of date pieces (units, `ago` in any case and followed by anything, Chinese
  /// units, the bytes the precondition looks for at every offset of its 8-byte words): the
  /// answer is the old code's.
  @Test func relativeDatesAsBefore() {
    var g = SplitMix64(seed: 79)
    var dates = 0
    for _ in 0..<60_000 {
      let bytes = Array(Self.randomLine(Self.datePieces, &g, maxPieces: 12).utf8)
      let fast = bytes.withUnsafeBufferPointer { ThreadRecords.hasRelativeDate($0) }
      let reference = bytes.withUnsafeBufferPointer { Self.referenceRelativeDate($0) }
      if reference { dates += 1 }
      #expect(fast == reference, "\(String(decoding: bytes, as: UTF8.self).debugDescription)")
    }
    #expect(dates > 2_000)
  }

  // MARK: The stage's columns

  /// The old `BoilerplateStage.process`: a ``LineDecision`` per line from `classify`, the
  /// removals searched from the first for every line.
  static func referenceProcess(_ stage: BoilerplateStage, _ document: inout Document) throws {
    let text = document.text
    var buffer = text
    let (ranges, decisions) = buffer.withUTF8 { u -> ([Range<Int>], [LineDecision]) in
      let ranges = BoilerplateStage.lineRanges(u)
      return (
        ranges,
        stage.classifier.classify(
          utf8: u, lines: ranges, text: text, host: BoilerplateStage.site(of: document))
      )
    }
    let n = text.utf8.count
    var credits: [JSONValue] = []
    var removals: [Document.Removal] = []
    var dropCounts: [Int] = []
    func cut(_ range: Range<Int>, _ reason: String, dropped: Bool) {
      var k = 0
      while k < removals.count && removals[k].reason != reason { k += 1 }
      if k == removals.count {
        removals.append(Document.Removal([], reason: reason))
        dropCounts.append(0)
      }
      removals[k].ranges.append(range)
      if dropped { dropCounts[k] += 1 }
    }
    for (i, d) in decisions.enumerated() {
      let r = ranges[i]
      if let c = d.credit { credits.append(.string(String(c.credit))) }
      if !d.keep {
        cut(r.lowerBound..<min(n, r.upperBound + 1), d.reason.rawValue, dropped: true)
      } else if let c = d.credit {
        cut(
          (r.lowerBound + c.cutOffset)..<r.upperBound, BoilerplateReason.photoCredit.rawValue,
          dropped: false)
      }
    }
    try document.remove(removals, stage: stage.name)
    var dropped = JSONObject()
    for k in removals.indices.filter({ dropCounts[$0] > 0 }).sorted(by: {
      removals[$0].reason < removals[$1].reason
    }) {
      dropped.members.append(
        .init(key: removals[k].reason, value: .number(JSONNumber(dropCounts[k]))))
    }
    document.results.members.removeAll { $0.key == stage.name }
    document.results.members.append(
      .init(
        key: stage.name, value: .object(["credits": .array(credits), "dropped": .object(dropped)])))
  }

  static let pageLines = [
    "Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition of the willing.",
    "这是一个很长的中文段落，用来测试分类器在中文文本上的表现，它包含了足够多的汉字和标点符号。",
    "Starmer speaks in London, March 20, 2025. /VCG",
    "A view of the harbour at dawn (Photo: Reuters)", "图为会议现场（图片来源：新华社）",
    "We use cookies to improve your experience. Accept all cookies", "Home | News | World | Sport",
    "Share", "Reply", "2 hours ago",
    "2021-01-01 10:34:38", "Comments (12)", "Copyright 2024 Example Media. All rights reserved.",
    "Related articles", "By Jane Doe",
    "", "  ", "123", "It rained.", "The study was published in 2024.[3]", "Read more…",
    "CHOOSE YOUR LANGUAGE", "用户123", "点赞",
    "Mark as watched", "Episode 4", "京ICP备12345678号", "This short line.", "Tel: 010-12345678",
  ]

  static func randomPage(_ g: inout SplitMix64) -> String {
    var lines: [String] = []
    for _ in 0..<Int.random(in: 0...60, using: &g) {
      lines.append(pageLines[Int.random(in: 0..<pageLines.count, using: &g)])
    }
    return lines.joined(separator: "\n") + (Bool.random(using: &g) ? "\n" : "")
  }

  /// The stage's result (text, drop records, results) from the columns is the one the old
  /// code made from the `LineDecision`s: on 600 generated pages (captions, credits, site
  /// lines), with captions kept and dropped, with a learned site state, and on the sample
  /// pages in `Corpora/`.
  @Test(arguments: [true, false])
  func stageFromColumnsAsFromDecisions(keepCaptions: Bool) throws {
    var g = SplitMix64(seed: keepCaptions ? 80 : 81)
    var pages = (0..<600).map { _ in Self.randomPage(&g) }
    for path in [
      "pages/cgtn-coalition-2025-03-20.normalized.txt", "boilerplate/people-health-page.txt",
    ] {
      if let text = try? String(
        contentsOf: speedRoundRoot.appendingPathComponent("Corpora").appendingPathComponent(path),
        encoding: .utf8)
      {
        pages.append(text)
      }
    }
    var learner = SiteRepetition.Learner(minPages: 3, minShare: 0.1)
    for p in pages {
      learner.observe(
        lines: p.split(separator: "\n", omittingEmptySubsequences: false).map(String.init),
        host: "site.example")
    }
    var options = BoilerplateOptions()
    options.keepCaptions = keepCaptions
    for stage in [
      BoilerplateStage(options: options),
      BoilerplateStage(options: options, siteRepetition: learner.finish()),
    ] {
      for (k, p) in pages.enumerated() {
        var a = Document(id: "\(k)", text: p, metadata: .init(host: "site.example"))
        var b = a
        try stage.process(&a)
        try Self.referenceProcess(stage, &b)
        #expect(a.text == b.text, "page \(k)")
        #expect(a.dropped == b.dropped, "page \(k)")
        #expect(a.results == b.results, "page \(k)")
        #expect(a.alignment == b.alignment, "page \(k)")
      }
    }
  }

  // MARK: Record lists and site lines

  /// The old `ThreadRecords.listLines` (every short line sorted by hash).
  static func referenceListLines(
    features: [LineFeatures], fixed: [BoilerplateReason?], keep: [Bool], hashes: [UInt64]
  ) -> [Int] {
    let n = features.count
    // The short lines, grouped by text (hash), in page order within a group.
    var short: [(hash: UInt64, index: Int)] = []
    for i in 0..<n where ThreadRecords.isChromeCandidate(features[i]) {
      short.append((hashes[i], i))
    }
    guard short.count >= ThreadRecords.minListRecords else { return [] }
    short.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.index < $1.index }
    var added = [Bool](repeating: false, count: n)
    var out: [Int] = []
    var counts: [UInt64: Int] = [:]
    var run: [Int] = []
    func finish() {
      defer { run.removeAll(keepingCapacity: true) }
      guard run.count >= ThreadRecords.minListRecords else { return }
      let p = run[1] - run[0]
      counts.removeAll(keepingCapacity: true)
      for a in run { for i in (a + 1)..<min(n, a + p) { counts[hashes[i], default: 0] += 1 } }
      let chrome = max(2.0, 0.5 * Double(run.count))
      for a in run {
        for i in (a + 1)..<min(n, a + p)
        where fixed[i] == nil && features[i].units > 0 && !keep[i] && !added[i]
          && Double(counts[hashes[i]] ?? 0) < chrome
        {
          added[i] = true
          out.append(i)
        }
      }
    }
    var g = 0
    while g < short.count {
      var e = g
      while e < short.count && short[e].hash == short[g].hash { e += 1 }
      if e - g >= ThreadRecords.minListRecords {
        run.append(short[g].index)
        for k in (g + 1)..<e {
          let b = short[k].index
          let gap = b - run[run.count - 1]
          if gap >= 2 && gap <= ThreadRecords.maxRecordSpacing
            && (run.count < 2 || gap == run[1] - run[0])
          {
            run.append(b)
          } else {
            finish()
            run.append(b)
          }
        }
        finish()
      }
      g = e
    }
    return out
  }

  /// On 600 pages of short chrome, rows and prose with planted lists (chrome every 2 to 4
  /// lines, some lines already kept or fixed), the rows are the old code's, as a set.
  @Test func recordListRowsAsBefore() {
    var g = SplitMix64(seed: 82)
    let vocabulary = [
      "Add to cart", "Mark as watched", "1. Song title", "2. Another one", "Artist name", "评论",
      "点赞", "Share",
    ]
    var lists = 0
    for page in 0..<600 {
      var text: [String] = []
      for _ in 0..<Int.random(in: 0...80, using: &g) {
        switch Int.random(in: 0..<4, using: &g) {
        case 0: text.append(vocabulary[Int.random(in: 0..<vocabulary.count, using: &g)])
        case 1: text.append(String(repeating: "long line of prose ", count: 3))
        case 2: text.append("")
        default: text.append("row \(Int.random(in: 0..<30, using: &g))")
        }
      }
      if page % 2 == 0 {
        let spacing = Int.random(in: 2...4, using: &g)
        for k in 0..<Int.random(in: 4...12, using: &g) {
          text.append(vocabulary[page % vocabulary.count])
          for r in 1..<spacing { text.append("item \(k) \(r) of \(page)") }
        }
      }
      let joined = text.joined(separator: "\n")
      var copy = joined
      copy.withUTF8 { u in
        var lines: [Range<Int>] = []
        var start = 0
        for (k, b) in u.enumerated() where b == 0x0A {
          lines.append(start..<k)
          start = k + 1
        }
        lines.append(start..<u.count)
        let features = lines.map {
          LineFeatures(utf8: UnsafeBufferPointer(rebasing: u[$0]), hanWeight: 2.5)
        }
        let hashes = lines.map { ThreadRecords.hash(UnsafeBufferPointer(rebasing: u[$0])) }
        let fixed = lines.indices.map { _ -> BoilerplateReason? in
          Int.random(in: 0..<10, using: &g) == 0 ? .widget : nil
        }
        let keep = lines.indices.map { _ in Int.random(in: 0..<8, using: &g) == 0 }
        let rows = ThreadRecords.listLines(
          features: features, fixed: fixed, keep: keep, hashes: hashes)
        let reference = Self.referenceListLines(
          features: features, fixed: fixed, keep: keep, hashes: hashes)
        if !reference.isEmpty { lists += 1 }
        #expect(Set(rows) == Set(reference) && rows.count == reference.count, "page \(page)")
      }
    }
    #expect(lists >= 150)
  }

  /// The site-line index answers as the set of learned strings: lines of learned lengths
  /// and others (a length filter skips the hash), lines past 1,023 bytes (one bit for all),
  /// lines equal but for their last byte, canonically equivalent spellings (`é` composed
  /// and decomposed).
  @Test func siteLinesAsTheSet() {
    var g = SplitMix64(seed: 83)
    let pieces = [
      "a", "b", "中", "é", "e\u{301}", " ", "Share", "x", String(repeating: "long ", count: 60),
    ]
    func line() -> String {
      var s = ""
      for _ in 0..<Int.random(in: 0...6, using: &g) {
        s += pieces[Int.random(in: 0..<pieces.count, using: &g)]
      }
      return s
    }
    for round in 0..<40 {
      let learned = Set((0..<Int.random(in: 1...30, using: &g)).map { _ in line() })
      let index = SiteRepetition.Index.Lines(learned)
      for _ in 0..<500 {
        var probe = Bool.random(using: &g) ? learned.randomElement(using: &g) ?? line() : line()
        if Int.random(in: 0..<4, using: &g) == 0, !probe.isEmpty {
          probe = String(probe.dropLast()) + "z"
        }
        let bytes = Array(probe.utf8)
        let answer = bytes.withUnsafeBufferPointer { index.contains($0) }
        #expect(answer == learned.contains(probe), "round \(round): \(probe.debugDescription)")
      }
    }
  }

  /// The site of a document without a host, the folder of its source: the last `/` found
  /// by bytes is the last character `/` (paths with combining marks, prepended marks and
  /// non-ASCII around the slashes).
  @Test(arguments: [
    "a/b/c.jsonl", "c.jsonl", "/x", "x/", "/", "", "日本/語/x", "a/\u{301}b", "a/b/\u{301}",
    "\u{600}/x", "a/é/b", "é/", "/é",
    "dir/\u{200D}/f", "a//b",
  ])
  func theLastSlashAsByCharacters(_ path: String) {
    #expect(BoilerplateStage.lastSlash(path) == path.lastIndex(of: "/"), "\(path.debugDescription)")
  }
}
