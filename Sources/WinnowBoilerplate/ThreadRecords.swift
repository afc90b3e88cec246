/// Record structure on a page: runs of short dated lines at a steady spacing (user / date /
/// post, title / byline / date), found from the lines' bytes.
///
/// A forum thread of one-line replies reads as boilerplate line by line (every post is
/// short), but its shape gives it away: a date line every few lines, the same chrome
/// (`点赞`, `Reply`) in every record, and one line per record that varies and carries the
/// text. ``BoilerplateClassifier`` keeps those lines (`thread-post`) when they outweigh the
/// rest of the kept text by ``BoilerplateOptions/threadPostShare``.
///
/// ```swift
/// ThreadRecords.hasNumericDate("2021-01-01 10:34:38")   // true
/// ThreadRecords.hasNumericDate("Posted 11/20/2019")     // true
/// ThreadRecords.hasNumericDate("Room 101")              // false
/// ```
enum ThreadRecords {
  /// Date lines of a record run are at most this many lines apart (and at least 2).
  static let maxRecordSpacing = 8
  /// A record run has at least this many date lines.
  static let minRecords = 3
  /// Lines at most this many characters long can be a record's date line.
  static let maxDateLineCharacters = 40

  /// Whether the text holds a numeric date: `2020-12-30`, `2019/11/20`, `2020.1.5`,
  /// `2020年1月5日`, `11/20/2019` (spaces allowed around the separators of the first forms).
  static func hasNumericDate(_ s: String) -> Bool {
    var copy = s
    return copy.withUTF8 { hasNumericDate($0) }
  }

  /// ``hasNumericDate(_:)`` on UTF-8 bytes.
  static func hasNumericDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = b.count
    @inline(__always) func isDigit(_ i: Int) -> Bool { i < n && BytePatterns.isDigit(b[i]) }
    @inline(__always) func digitRun(_ i: Int) -> Int {
      var j = i
      while isDigit(j) { j += 1 }
      return j - i
    }
    @inline(__always) func spaces(_ i: Int) -> Int {
      var j = i
      while j < n && b[j] == 0x20 { j += 1 }
      return j
    }
    /// The index after a separator at `i` (`-` `/` `.` or the 3-byte `cjk`), or nil.
    @inline(__always) func separator(_ i: Int, _ cjk: (UInt8, UInt8, UInt8)) -> Int? {
      guard i < n else { return nil }
      if b[i] == 0x2D || b[i] == 0x2F || b[i] == 0x2E { return i + 1 }
      if i + 2 < n && b[i] == cjk.0 && b[i + 1] == cjk.1 && b[i + 2] == cjk.2 { return i + 3 }
      return nil
    }
    var i = 0
    while i < n {
      guard isDigit(i) else {
        i += 1
        // On to the next ASCII digit eight bytes at a time.
        if let p = UnsafeRawPointer(b.baseAddress) {
          while i &+ 8 <= n {
            let w = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let digits = BytePatterns.rangeFlags(w, 0x30, 0x39)
            if digits != 0 {
              i &+= digits.trailingZeroBitCount &>> 3
              break
            }
            i &+= 8
          }
        }
        continue
      }
      let run = digitRun(i)
      let end = i + run
      // yyyy-m-d, yyyy/mm/dd, yyyy.m.d, yyyy年m月d
      if run >= 4, let s1 = separator(spaces(end), (0xE5, 0xB9, 0xB4)) {
        let m = spaces(s1)
        let mr = digitRun(m)
        if mr >= 1 && mr <= 2, let s2 = separator(spaces(m + mr), (0xE6, 0x9C, 0x88)),
          isDigit(spaces(s2))
        {
          return true
        }
      }
      // m/d/yy or m/d/yyyy
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

  /// Units of a relative date before ` ago` (`12d ago`, `3 hours ago`).
  /// (Lowercase, packed 5 bits a letter.)
  static let agoUnits: Set<UInt64> = Set(
    [
      "s", "m", "h", "d", "w", "mo", "y", "sec", "secs", "min", "mins", "hr", "hrs", "hour",
      "hours", "day", "days", "week",
      "weeks", "month", "months", "year", "years",
    ].map { w in w.utf8.reduce(UInt64(0)) { ($0 << 5) | UInt64($1 - 0x60) } })
  /// Units of a Chinese relative date before `前` (`3天前`, `5 分钟前`).
  static let chineseAgoUnits: [[UInt8]] = ["秒", "分钟", "小时", "天", "周", "个月", "年"].map {
    Array($0.utf8)
  }
  static let chineseAgo = Array("前".utf8)

  /// Whether the text holds a relative date: a number, a unit and `ago` (`• 12d ago`,
  /// `3 hours ago`, case-insensitive) or `前` (`3天前`, `5 分钟前`).
  static func hasRelativeDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = b.count
    // Either form ends with `ago` or `前` (E5 89 8D): without a `g`/`G` or a byte 8D, no date.
    guard mayHoldAgo(b) else { return false }
    @inline(__always) func isSpace(_ x: UInt8) -> Bool { x == 0x20 || x == 0x09 }
    @inline(__always) func matches(_ i: Int, _ w: [UInt8]) -> Bool {
      guard i + w.count <= n else { return false }
      for k in 0..<w.count where b[i + k] != w[k] { return false }
      return true
    }
    var i = 0
    while i < n {
      guard BytePatterns.isDigit(b[i]) else {
        i += 1
        continue
      }
      var j = i
      while j < n && BytePatterns.isDigit(b[j]) { j += 1 }
      i = j
      while j < n && isSpace(b[j]) { j += 1 }
      // number, unit, whitespace, "ago" at a word end
      var e = j
      while e < n && BytePatterns.isLetter(b[e]) && e - j <= 6 { e += 1 }
      if e > j && e - j <= 6 && e < n && isSpace(b[e]) {
        // (`ago` first, the unit's set look-up only then: both must hold.)
        var a = e
        while a < n && isSpace(b[a]) { a += 1 }
        if a + 3 <= n && BytePatterns.lower(b[a]) == 0x61 && BytePatterns.lower(b[a + 1]) == 0x67
          && BytePatterns.lower(b[a + 2]) == 0x6F
          && (a + 3 == n
            || !(BytePatterns.isAlphanumeric(b[a + 3]) || b[a + 3] == 0x5F
              || b[a + 3] >= 0x80))
        {
          var unit: UInt64 = 0
          for k in j..<e { unit = (unit << 5) | UInt64(BytePatterns.lower(b[k]) - 0x60) }
          if agoUnits.contains(unit) { return true }
        }
      }
      // (The Chinese units open with lead bytes E4–E7: other bytes skip the loop.)
      guard j < n && b[j] &- 0xE4 < 4 else { continue }
      for w in chineseAgoUnits where matches(j, w) {
        if matches(j + w.count, chineseAgo) { return true }
      }
    }
    return false
  }

  /// Whether `b` holds a `g` or `G` (of `ago`) or a byte 8D (the last of `前`): a necessary
  /// condition of ``hasRelativeDate(_:)``, 8 bytes at a time (zero-byte tests of
  /// `(word | 0x20…) ^ 0x67…` and `word ^ 0x8D…`; any flag means such a byte, since a false
  /// flag needs a true one below it).
  @inline(__always)
  static func mayHoldAgo(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = b.count
    var i = 0
    if let base = UnsafeRawPointer(b.baseAddress) {
      while i + 8 <= n {
        let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let g = (w | 0x2020_2020_2020_2020) ^ 0x6767_6767_6767_6767
        let c = w ^ 0x8D8D_8D8D_8D8D_8D8D
        if BytePatterns.zeroByteFlags(g) | BytePatterns.zeroByteFlags(c) != 0 {
          return true
        }
        i += 8
      }
    }
    while i < n {
      if b[i] | 0x20 == 0x67 || b[i] == 0x8D { return true }
      i += 1
    }
    return false
  }

  /// A numeric or relative date (`hasNumericDate`, `hasRelativeDate`).
  static func hasDate(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    hasNumericDate(b) || hasRelativeDate(b)
  }

  /// ``hasDate(_:)`` on a string.
  static func hasDate(_ s: String) -> Bool {
    var copy = s
    return copy.withUTF8 { hasDate($0) }
  }

  /// Reply chrome that starts a line (`Reply`, `回复 引用 4`, `Quote`, `Report`, `举报`, `Share`).
  static let replyWords: [[UInt8]] = ["reply", "回复", "引用", "quote", "report", "举报", "share"].map {
    Array($0.utf8)
  }

  /// Whether a line is reply chrome: at most 20 characters, opening with a reply word (as a
  /// whole word) or ending with `reply` or `回复` (`Reply reply`, `1 条回复`), case-insensitive.
  static func isReplyChrome(_ b: UnsafeBufferPointer<UInt8>, characters: Int) -> Bool {
    guard characters <= 20 else { return false }
    let n = b.count
    @inline(__always) func at(_ i: Int, _ w: [UInt8]) -> Bool {
      guard i >= 0 && i + w.count <= n else { return false }
      for k in 0..<w.count where BytePatterns.lower(b[i + k]) != w[k] { return false }
      return true
    }
    var s = 0
    while s < n && (b[s] == 0x20 || b[s] == 0x09) { s += 1 }
    for w in replyWords where at(s, w) {
      let e = s + w.count
      if e == n { return true }
      let x = b[e]
      let word = BytePatterns.isAlphanumeric(x) || x == 0x5F || x >= 0x80
      if !word { return true }
    }
    return at(n - 5, replyWords[0]) || at(n - 6, replyWords[1])
  }

  /// A 64-bit hash of some bytes (to count a line's repeats without copying it): the site
  /// index's, 8 bytes at a time (FNV-1a byte by byte was ≈ 1.5 % of a run's instructions;
  /// only equality of the hashes is used, so the results do not depend on the function).
  @inline(__always)
  static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
    SiteRepetition.Index.Lines.quickHash(b)
  }

  /// The post lines of the thread-like record runs, and whether a run has reply chrome.
  ///
  /// A run is at least ``minRecords`` date lines (`isDate`), each 2 to ``maxRecordSpacing``
  /// lines after the previous one; a record is the lines after a date line up to the next
  /// one (the last record as long as the median spacing). Runs where at least half the
  /// records hold a `byline` (title / byline / date: a teaser list) are no thread. In each
  /// record the post is the line with the most text units among those no pattern dropped,
  /// holding no date and whose text is not repeated in half the records (the chrome); a
  /// run gives its posts only when at least half its records have one. `forum` tells
  /// whether half the records of a thread run hold reply chrome (``isReplyChrome(_:characters:)``).
  static func posts(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], isDate: [Bool],
    fixed: [BoilerplateReason?],
    features: [LineFeatures], hashes: [UInt64]
  ) -> (posts: [Int], forum: Bool) {
    let n = isDate.count
    var posts: [Int] = []
    var forum = false
    var run: [Int] = []
    var previous = -1
    var counts: [UInt64: Int] = [:]
    var gaps: [Int] = []
    var got: [Int] = []
    func finish() {
      defer { run.removeAll(keepingCapacity: true) }
      guard run.count >= minRecords else { return }
      gaps.removeAll(keepingCapacity: true)
      for k in 1..<run.count { gaps.append(run[k] - run[k - 1]) }
      gaps.sort()
      let median = gaps[gaps.count / 2]
      let records = run.count
      @inline(__always) func bounds(_ k: Int) -> Range<Int> {
        let a = run[k] + 1
        return k + 1 < records ? a..<run[k + 1] : a..<max(a, min(n, run[k] + median))
      }
      var teasers = 0
      var replies = 0
      for k in 0..<records {
        let r = bounds(k)
        if (r.lowerBound - 1..<r.upperBound).contains(where: { fixed[$0] == .byline }) {
          teasers += 1
        }
        if r.contains(where: {
          isReplyChrome(
            UnsafeBufferPointer(rebasing: u[lines[$0]]), characters: features[$0].characters)
        }) {
          replies += 1
        }
      }
      if 2 * teasers >= records { return }
      if 2 * replies >= records { forum = true }
      counts.removeAll(keepingCapacity: true)
      for k in 0..<records { for i in bounds(k) { counts[hashes[i], default: 0] += 1 } }
      let chrome = max(2.0, 0.5 * Double(records))
      got.removeAll(keepingCapacity: true)
      for k in 0..<records {
        var best = -1
        for i in bounds(k)
        where fixed[i] == nil && features[i].units > 0 && Double(counts[hashes[i]] ?? 0) < chrome {
          if best >= 0 && features[i].units <= features[best].units { continue }
          if features[i].digits > 0 && hasDate(UnsafeBufferPointer(rebasing: u[lines[i]])) {
            continue
          }
          best = i
        }
        if best >= 0 { got.append(best) }
      }
      if 2 * got.count >= records { posts += got }
    }
    for i in 0..<n where isDate[i] {
      if previous >= 0 && i - previous >= 2 && i - previous <= maxRecordSpacing {
        run.append(i)
      } else {
        finish()
        run.append(i)
      }
      previous = i
    }
    finish()
    return (posts, forum)
  }
}

extension BoilerplateClassifier {
  /// Keeps the posts of thread-like record runs (`ThreadRecords.posts`)
  /// as `thread-post` when those not yet kept weigh at least
  /// ``BoilerplateOptions/threadPostShare`` times the kept text units.
  func threadPosts(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let n = lines.count
    var isDate = [Bool](repeating: false, count: n)
    var dates = 0
    // (A date needs an ASCII digit, and `digits` counts them: most lines are not searched.)
    for i in 0..<n
    where features[i].digits > 0 && features[i].characters <= ThreadRecords.maxDateLineCharacters {
      if ThreadRecords.hasDate(UnsafeBufferPointer(rebasing: u[lines[i]])) {
        isDate[i] = true
        dates += 1
      }
    }
    guard dates >= ThreadRecords.minRecords else { return }
    var hashes = [UInt64](repeating: 0, count: n)
    for i in 0..<n { hashes[i] = ThreadRecords.hash(UnsafeBufferPointer(rebasing: u[lines[i]])) }
    let (posts, forum) = ThreadRecords.posts(
      u, lines, isDate: isDate, fixed: fixed, features: features, hashes: hashes)
    guard !posts.isEmpty else { return }
    let kept = Self.keptUnits(features, keep)
    var added = 0
    for i in posts where !keep[i] { added += features[i].units }
    guard forum || Double(added) >= options.threadPostShare * Double(kept) else { return }
    for i in posts where !keep[i] {
      keep[i] = true
      reasons[i] = .threadPost
    }
  }
}

extension ThreadRecords {
  /// A record list repeats its chrome line at least this many times.
  static let minListRecords = 6
  /// Chrome lines of a record list are at most this many characters long.
  static let maxChromeCharacters = 30

  /// Whether a line can be a record list's chrome line: text of at most
  /// ``maxChromeCharacters`` characters.
  @inline(__always)
  static func isChromeCandidate(_ f: LineFeatures) -> Bool {
    f.characters > 0 && f.characters <= maxChromeCharacters
  }

  /// Hashes the chrome candidates (``isChromeCandidate(_:)``) into `hashes` and tells
  /// whether a record list can start at one of them: whether some candidate `a` has the same
  /// hash at `a + p`, `a + 2p`, … `a + (minListRecords - 1)p` for a spacing `p` of 2 to
  /// ``maxRecordSpacing``, all candidates. (A run of ``listLines`` is consecutive copies of
  /// one hash at one spacing, so this is a necessary condition of a run, and few pages meet
  /// it.) Copies have the same bytes: the lines are hashed only when a cheap key (length,
  /// first, middle and last byte) has such a run (when it does not, `hashes` is left as it
  /// was and the answer is false).
  static func hashShortLines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    into hashes: inout [UInt64]
  ) -> Bool {
    let n = lines.count
    // A cheap key first (copies have the same bytes, so the same key): the byte length and
    // the first, middle and last bytes.
    var keys = [UInt64](repeating: 0, count: n)
    for i in 0..<n where isChromeCandidate(features[i]) {
      let r = lines[i]
      let c = r.count
      guard c > 0 else { continue }
      keys[i] =
        UInt64(c) | UInt64(u[r.lowerBound]) << 32 | UInt64(u[r.lowerBound + c / 2]) << 40 | UInt64(
          u[r.upperBound - 1]) << 48
    }
    guard hasCandidateRun(keys, features) else { return false }
    for i in 0..<n where isChromeCandidate(features[i]) {
      hashes[i] = hash(UnsafeBufferPointer(rebasing: u[lines[i]]))
    }
    return hasCandidateRun(hashes, features)
  }

  /// Whether some chrome candidate `a` has the same `keys` value at `a + p`, … `a +
  /// (minListRecords - 1)p`, all candidates, for a `p` of 2 to ``maxRecordSpacing``.
  ///
  /// A byte per line first: 0 for a line that is no candidate, else bit 7 and 7 bits of its
  /// key (equal keys, equal bytes). The bytes of the 8 lines after a candidate are compared
  /// with its own in one word, and the spacings whose byte matches are checked as before
  /// (a run needs `a + p` to be a candidate with the same key): ≈ 12 instructions a
  /// candidate instead of a comparison per spacing.
  static func hasCandidateRun(_ keys: [UInt64], _ features: [LineFeatures]) -> Bool {
    guard maxRecordSpacing <= 8 else { return hasCandidateRunBySpacing(keys, features) }
    let n = keys.count
    let last = minListRecords - 1
    // Eight bytes of padding: the word after the last line is read.
    var marks = [UInt8](repeating: 0, count: n + 8)
    return keys.withUnsafeBufferPointer { hs in
      features.withUnsafeBufferPointer { fs in
        marks.withUnsafeMutableBufferPointer { m in
          for a in 0..<n where isChromeCandidate(fs[a]) {
            m[a] = 0x80 | UInt8(truncatingIfNeeded: (hs[a] &* 0x9E37_79B9_7F4A_7C15) >> 57)
          }
          guard let base = UnsafeRawPointer(m.baseAddress) else { return false }
          for a in 0..<n where m[a] != 0 {
            let h = hs[a]
            // The spacings for which `a + last * p` is a line.
            let widest = min(maxRecordSpacing, (n &- 1 &- a) / last)
            guard widest >= 2 else { continue }
            // Byte `q` of `x` is zero when line `a + 1 + q` has the same mark (exact per byte).
            let x =
              base.loadUnaligned(fromByteOffset: a &+ 1, as: UInt64.self)
              ^ (UInt64(m[a]) &* 0x0101_0101_0101_0101)
            var same =
              ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
            // Spacings 2 ... widest: bytes 1 ..< widest.
            let span: UInt64 = widest >= 8 ? ~0 : (1 &<< UInt64(8 &* widest)) &- 1
            same &= span & ~0xFF
            while same != 0 {
              let p = (same.trailingZeroBitCount &>> 3) &+ 1
              same &= same &- 1
              if hs[a &+ p] == h {
                var k = 1
                while k <= last && hs[a &+ k &* p] == h && isChromeCandidate(fs[a &+ k &* p]) {
                  k &+= 1
                }
                if k > last { return true }
              }
            }
          }
          return false
        }
      }
    }
  }

  /// ``hasCandidateRun(_:_:)`` by a comparison per spacing (for spacings past 8).
  static func hasCandidateRunBySpacing(_ keys: [UInt64], _ features: [LineFeatures]) -> Bool {
    let n = keys.count
    let last = minListRecords - 1
    return keys.withUnsafeBufferPointer { hs in
      features.withUnsafeBufferPointer { fs in
        for a in 0..<n where isChromeCandidate(fs[a]) {
          let h = hs[a]
          // The spacings for which `a + last * p` is a line.
          let widest = min(maxRecordSpacing, (n &- 1 &- a) / last)
          var p = 2
          while p <= widest {
            if hs[a &+ p] == h {
              var k = 1
              while k <= last && hs[a &+ k &* p] == h && isChromeCandidate(fs[a &+ k &* p]) {
                k &+= 1
              }
              if k > last { return true }
            }
            p &+= 1
          }
        }
        return false
      }
    }
  }

  /// The entries of `short` whose hash occurs at least `count` times in it, in their order
  /// (each hash counted once in a flat table: open addressing).
  static func frequent(_ short: [(hash: UInt64, index: Int)], atLeast count: Int) -> [(
    hash: UInt64, index: Int
  )] {
    var table = ValueCounts(capacityFor: short.count)
    for s in short { _ = table.add(s.hash) }
    let counts = table
    return short.filter { counts.count($0.hash) >= count }
  }

  /// The lines of record lists: runs of at least ``minListRecords`` copies of one short line
  /// (`Mark as watched`, `Add to cart`) at a constant spacing of 2 to ``maxRecordSpacing``
  /// lines. Each record is the lines after a copy up to the spacing; its lines no pattern
  /// dropped, with text, not kept yet and not repeated in half the records are returned
  /// (the rows of a chart, a shop's items), in no particular order, each once.
  static func listLines(
    features: [LineFeatures], fixed: [BoilerplateReason?], keep: [Bool], hashes: [UInt64]
  ) -> [Int] {
    let n = features.count
    // The short lines, grouped by text (hash), in page order within a group.
    var short: [(hash: UInt64, index: Int)] = []
    for i in 0..<n where isChromeCandidate(features[i]) {
      short.append((hashes[i], i))
    }
    guard short.count >= minListRecords else { return [] }
    // Only a text with `minListRecords` copies or more makes a run (the groups below are
    // skipped otherwise): the others are left out before the sort (most short lines).
    short = Self.frequent(short, atLeast: minListRecords)
    short.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.index < $1.index }
    var added = [Bool](repeating: false, count: n)
    var out: [Int] = []
    var counts: [UInt64: Int] = [:]
    var run: [Int] = []
    func finish() {
      defer { run.removeAll(keepingCapacity: true) }
      guard run.count >= minListRecords else { return }
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
      if e - g >= minListRecords {
        run.append(short[g].index)
        for k in (g + 1)..<e {
          let b = short[k].index
          let gap = b - run[run.count - 1]
          if gap >= 2 && gap <= maxRecordSpacing && (run.count < 2 || gap == run[1] - run[0]) {
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
}

extension BoilerplateClassifier {
  /// Keeps the rows of record lists (`ThreadRecords.listLines`) as `record-list` when they
  /// weigh at least ``BoilerplateOptions/recordListShare`` times the kept text units: a
  /// chart or a product list whose rows are all too short to read as prose. Rows of which
  /// half or more hold a date (``ThreadRecords/hasDate(_:)``) are a forum's post headers and
  /// stay as they are.
  func recordLists(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let n = lines.count
    var hashes = [UInt64](repeating: 0, count: n)
    // A record list needs `minListRecords` copies of one short line at one spacing: the
    // short lines are hashed first and searched for such copies; when there are none (most
    // pages), there is no list, and the other lines are not hashed.
    guard ThreadRecords.hashShortLines(u, lines, features, into: &hashes) else { return }
    for i in 0..<n where !ThreadRecords.isChromeCandidate(features[i]) {
      hashes[i] = ThreadRecords.hash(UnsafeBufferPointer(rebasing: u[lines[i]]))
    }
    let rows = ThreadRecords.listLines(features: features, fixed: fixed, keep: keep, hashes: hashes)
    guard !rows.isEmpty else { return }
    // Rows that mostly hold a date are a thread's post headers (`sockpuppet7 2018年6月25日
    // 21:13 最后由 编辑`, `1 条回复 最后回复 2018年6月25日 21:17` under deleted replies), not a
    // chart's or a shop's rows: the thread rule judges posts.
    var dated = 0
    for i in rows
    where features[i].digits > 0
      && ThreadRecords.hasDate(UnsafeBufferPointer(rebasing: u[lines[i]]))
    {
      dated += 1
    }
    guard 2 * dated < rows.count else { return }
    let kept = Self.keptUnits(features, keep)
    var added = 0
    for i in rows { added += features[i].units }
    guard Double(added) >= options.recordListShare * Double(kept) else { return }
    for i in rows {
      keep[i] = true
      reasons[i] = .recordList
    }
  }
}

/// How often each 64-bit value was added: a flat table (open addressing) for
/// ``ThreadRecords/frequent(_:atLeast:)``. (A value type with methods: a local function
/// over captured arrays was checked for exclusive access at run time on every probe.)
struct ValueCounts {
  private var values: [UInt64]
  private var counts: [Int]  // 0: an empty slot
  private let mask: Int

  /// A table for at most `n` distinct values.
  init(capacityFor n: Int) {
    var capacity = 16
    while capacity < 2 * n { capacity <<= 1 }
    values = [UInt64](repeating: 0, count: capacity)
    counts = [Int](repeating: 0, count: capacity)
    mask = capacity - 1
  }

  @inline(__always)
  private func slot(_ h: UInt64) -> Int {
    var i = Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    while counts[i] != 0 && values[i] != h { i = (i + 1) & mask }
    return i
  }

  /// Adds `h`; returns how often it was added.
  @inline(__always)
  mutating func add(_ h: UInt64) -> Int {
    let i = slot(h)
    values[i] = h
    counts[i] += 1
    return counts[i]
  }

  /// How often `h` was added.
  @inline(__always)
  func count(_ h: UInt64) -> Int { counts[slot(h)] }
}
