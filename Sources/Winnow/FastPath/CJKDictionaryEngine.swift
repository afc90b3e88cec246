internal import CICU

// How ICU 72's word break iterator (locale "zh", also "ja"/root) segments Han and kana, and
// what a scanner must do to hand this engine the right runs. Established by reading ICU 72
// (rbbi_cache.cpp, dictbe.cpp, dictionarydata.cpp, word.txt) and checked against ICU itself
// by the differential tests in Tests/WinnowTests/CJKDictionaryEngineTests.swift.
//
// 1. Rules first. The word rules chain Han/Hiragana/Word_Break=Katakana characters into
//    one rule segment (`$KanaKanji $KanaKanji {400}`), attach Extend/Format/ZWJ (WB4), and
//    break everywhere else. A rule segment that contains a dictionary character is then
//    subdivided by the CJK dictionary engine; every boundary inside it, and its end, gets
//    the *rule segment's* status.
// 2. Boundaries at the edges of a run are rule boundaries: Han/kana next to digits, Latin,
//    spaces, punctuation (including U+30FB KATAKANA MIDDLE DOT, which is not in the engine
//    set and not Word_Break=Katakana) always break: `中文123` -> [中文]400 [123]100,
//    `中文abc` -> [中文]400 [abc]200, `中・文` -> [中]400 [・]0 [文]400.
// 3. A combining mark (Extend/Format/ZWJ) after a Han/kana character attaches to it (WB4)
//    and then forces a rule boundary before the next Han/kana character: `中\u{301}文` ->
//    [中́]400 [文]400, `中文\u{301}中国` -> [中文́]400 [中国]400. The mark is not a
//    dictionary character, so the dictionary sees the two sides as separate ranges. For a
//    scanner: end the run before such a mark, hand the run to this engine, then move the
//    run's last boundary past the marks (same status), and start a new run after them.
//    The handled sound marks U+FF9E/U+FF9F behave the same way except between katakana
//    (WB13 chains Word_Break=Katakana across Extend): `かﾞき` -> [かﾞ]400 [き]400 but
//    `ｶﾞｷ` -> [ｶﾞｷ]400; this engine implements that split itself, as it does ICU's
//    treatment of the Han Extend marks U+16FF0/U+16FF1 (a new segment after a sound mark).
// 4. Statuses: a rule segment of two or more chained Han/kana characters, or a lone
//    Ideographic, Hiragana or Word_Break=Katakana character, has status 400
//    (UBRK_WORD_IDEO); a lone Han-script character that is not Ideographic (々 U+3005,
//    Kangxi radicals U+2F00…) or a lone sound mark has status 0: `々` -> [々]0, `日々` ->
//    [日々]400, `ﾞ中` -> [ﾞ]0 [中]400. Precisely, it is the status of the segment's *last*
//    rule match: `日々ﾞ` ends with `々ﾞ` (WB4 rule, no status), so all its boundaries get 0.
// 5. The dictionary (cjdict, a UCharsTrie whose values are costs) never matches
//    supplementary characters (ICU passes the code point to `UCharsTrie::first/next`, which
//    take UTF-16 units), so Ext B+ ideographs are single-character words unless a rule
//    or the katakana heuristic joins them; words are at most 20 UTF-16 units long.
// 6. NFKC: the run is normalized chunk by chunk; every position inside an expanded chunk
//    maps back to the chunk's start, so a dictionary break inside e.g. ㌀ (アパート) lands
//    before ㌀, and duplicate positions are dropped.
// 7. ICU picks the engine by the first dictionary character of a rule segment. A segment
//    that starts with U+30FC or U+FF70 (script Common) is handled only once ICU has loaded
//    the CJK engine for some Han/kana character in the process (its engine cache is
//    global); before that ICU leaves such a segment unsplit. This engine always splits.

/// Word segmentation of Han and kana runs that reproduces ICU 72's `CjkBreakEngine`
/// exactly (boundaries and rule statuses), reading ICU's own `cjdict` dictionary.
///
/// The engine is built once (it reads ICU's break-iterator data and builds a table of the
/// characters it handles) and is then shared by any number of threads. Segmenting makes no
/// ICU calls except for the rare half-width sound mark sequences NFKC must compose in a
/// way the start-up tables do not cover.
///
/// ```swift
/// let engine = try CJKDictionaryEngine()
/// let run = Array("我们是中国人".utf8)
/// var boundaries: [Int32] = [], statuses: [Int32] = []
/// run.withUnsafeBufferPointer { engine.segment($0, boundaries: &boundaries, statuses: &statuses) }
/// // boundaries == [6, 9, 18], statuses == [400, 400, 400]  (我们 | 是 | 中国人)
/// ```
public final class CJKDictionaryEngine: DictionaryEngine, @unchecked Sendable {
  // @unchecked: all stored properties are immutable after init; the trie's memory (a copy
  // of ICU's data with its lookup tables) is only read after init and freed in deinit.

  /// The dictionary's trie, copied out of ICU's data, with lookup tables this object owns.
  private let trie: CJKUCharsTrie
  private let table: CJKCharacterTable

  /// ICU's `maxWordSize` for the CJK engine, in UTF-16 units.
  private static let maxWordUnits = 20
  /// ICU's cost of a character that starts no one-character dictionary word.
  private static let maxSnlp: UInt32 = 255
  /// ICU's katakana run limits (`kMaxKatakanaLength`, `kMaxKatakanaGroupLength`).
  private static let maxKatakanaLength = 8
  private static let maxKatakanaGroupLength = 20
  /// Rule status of a Han/kana word (UBRK_WORD_IDEO).
  static let ideographicStatus: Int32 = 400

  /// Loads ICU's `cjdict` dictionary and builds the character tables.
  ///
  /// Calls `udata_open("icudt72l-brkitr", "dict", "cjdict")` and ICU's property and NFKC
  /// functions for the handled characters (about 100k code points), and builds lookup tables
  /// over the trie: about 0.1 s and 10 MB, once per process.
  ///
  /// - Throws: ``ICUError`` if the data cannot be opened or is not a UTF-16 trie
  ///   dictionary (`U_INVALID_FORMAT_ERROR`), or if normalization fails.
  public init() throws(ICUError) {
    var status: Int32 = 0
    let opened = cicu_data_open(cicu_brkitr_package(), "dict", "cjdict", &status)
    try checkICU(status, "udata_open")
    guard let data = opened, let memory = cicu_data_memory(data) else {
      throw ICUError(code: 4, function: "udata_open")  // U_FILE_ACCESS_ERROR
    }
    // DictionaryData indexes: [0] trie offset, [1] end of the trie, [4] trie type.
    let indexes = memory.assumingMemoryBound(to: Int32.self)
    let trieOffset = Int(indexes[0])
    let trieType = indexes[4] & 7
    guard trieType == 1, trieOffset >= 32, trieOffset % 2 == 0, indexes[1] > indexes[0] else {
      cicu_data_close(data)
      throw ICUError(code: 3, function: "udata_open")  // U_INVALID_FORMAT_ERROR
    }
    defer { cicu_data_close(data) }  // the trie is copied out of it
    let root = (memory + trieOffset).assumingMemoryBound(to: UInt16.self)
    let table = try CJKCharacterTable()
    let trie: CJKUCharsTrie
    do {
      trie = try CJKUCharsTrie.make(
        root: UnsafePointer(root), unitCount: (Int(indexes[1]) - trieOffset) / 2)
    } catch {
      throw ICUError(code: 3, function: "udata_open")  // U_INVALID_FORMAT_ERROR: too large
    }
    self.trie = trie
    self.table = table
  }

  deinit {
    trie.release()
  }

  /// Whether `scalar` is in ICU's CJK engine set,
  /// `[[:Han:][:Hiragana:][:Katakana:]\u30fc\uff70\uff9e\uff9f]`.
  ///
  /// - Parameter scalar: A Unicode scalar value.
  /// - Returns: `true` for Han, Hiragana and Katakana (by Script) and U+30FC, U+FF70,
  ///   U+FF9E, U+FF9F; e.g. `true` for 中 (U+4E2D), `false` for ・ (U+30FB).
  public func handles(_ scalar: UInt32) -> Bool {
    table.flags(scalar) & CJKCharacterTable.handled != 0
  }

  /// Appends the word boundaries inside `run` and at its end, with ICU's rule statuses.
  ///
  /// `run` should consist of characters ``handles(_:)`` accepts; boundaries are exactly
  /// those ICU 72's word break iterator reports for the same text on its own. Any other
  /// character (or ill-formed byte) becomes a segment of its own with status 0.
  ///
  /// - Parameters:
  ///   - run: UTF-8 bytes of a run of Han/kana characters.
  ///   - boundaries: Receives ascending UTF-8 offsets relative to the run's start; the last
  ///     appended one is `run.count`.
  ///   - statuses: Receives one status per boundary: 400 for words, 0 for a lone
  ///     non-word character (e.g. a lone 々 or sound mark).
  ///
  /// Example: `"我们是中国人"` appends `[6, 9, 18]` and `[400, 400, 400]`.
  public func segment(
    _ run: UnsafeBufferPointer<UInt8>, boundaries: inout [Int32], statuses: inout [Int32]
  ) {
    var sink = ArrayBoundarySink()
    swap(&sink.boundaries, &boundaries)
    swap(&sink.statuses, &statuses)
    segment(run, into: &sink)
    swap(&sink.boundaries, &boundaries)
    swap(&sink.statuses, &statuses)
  }

  /// ``segment(_:boundaries:statuses:)`` into any ``BoundarySink`` (the fast tokenizer's
  /// scratch buffer).
  func segment<Sink: BoundarySink>(_ run: UnsafeBufferPointer<UInt8>, into sink: inout Sink) {
    guard let bytes = run.baseAddress, run.count > 0 else { return }
    // Scalars and their offsets: at most one scalar per byte, plus the end offset.
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * run.count + 1) { buffer in
      guard let base = buffer.baseAddress else { return }
      let cps = base
      let offs = base + run.count
      var n = 0
      var at = 0
      while at < run.count {
        let (cp, len) = Self.decode(bytes, at, run.count)
        cps[n] = Int32(bitPattern: cp)
        offs[n] = Int32(at)
        n += 1
        at += len
      }
      offs[n] = Int32(run.count)
      segment(scalars: cps, offsets: offs, count: n, into: &sink)
    }
  }

  /// ``segment(_:into:)`` on a run the caller has already decoded (the fast tokenizer's run
  /// split): `scalars[0..<count]` with their UTF-8 offsets in the run, and
  /// `offsets[count]` = the run's length in bytes. Neither buffer is written.
  func segment<Sink: BoundarySink>(
    scalars cps: UnsafeMutablePointer<Int32>, offsets offs: UnsafeMutablePointer<Int32>,
    count n: Int, into sink: inout Sink
  ) {
    guard n > 0 else { return }
    // The most code points NFKC can produce from the run.
    var expanded = 0
    for k in 0..<n {
      let cp = UInt32(bitPattern: cps[k])
      if table.flags(cp) & CJKCharacterTable.mapped != 0 {
        table.withMapping(cp) { expanded += $0.count }
      } else {
        expanded += 1
      }
    }
    let m = expanded
    // Scratch: norm[m] nmap[m+1] best[m+1] prev[m+1] tb[m+2] lens[21] vals[21].
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 5 * m + 47) { scratch in
      guard let base = scratch.baseAddress else { return }
      let s = Scratch(
        cps: cps, offs: offs, norm: base, nmap: base + m, best: base + 2 * m + 1,
        prev: base + 3 * m + 2, tb: base + 4 * m + 3, lens: base + 5 * m + 5,
        vals: base + 5 * m + 26, normCapacity: m)
      splitRules(s, n, &sink)
    }
  }

  /// Pointers into one call's scratch memory.
  private struct Scratch {
    let cps: UnsafeMutablePointer<Int32>
    let offs: UnsafeMutablePointer<Int32>
    let norm: UnsafeMutablePointer<Int32>
    let nmap: UnsafeMutablePointer<Int32>
    let best: UnsafeMutablePointer<Int32>
    let prev: UnsafeMutablePointer<Int32>
    let tb: UnsafeMutablePointer<Int32>
    let lens: UnsafeMutablePointer<Int32>
    let vals: UnsafeMutablePointer<Int32>
    let normCapacity: Int
  }

  /// Splits the run into word-rule segments (see the notes at the top of this file) and
  /// subdivides each with the dictionary.
  ///
  /// A segment is a chain of rule matches: `$KanaKanji $KanaKanji` joins adjacent Han/kana,
  /// WB13 joins katakana across Extend characters, and Extend characters attach to what
  /// precedes them. The segment's status is that of its last rule match.
  private func splitRules<Sink: BoundarySink>(_ s: Scratch, _ n: Int, _ sink: inout Sink) {
    typealias T = CJKCharacterTable
    var segStart = 0
    var fa = table.flags(UInt32(bitPattern: s.cps[0]))
    var first = fa  // flags of the segment's first character
    var lastBase = fa  // flags of the last character that was not attached
    var lastJoin = Join.none
    var joined: UInt8 = 0  // flags of the character the last `$KanaKanji` join reached
    var trailingMarks = false  // Extend characters after the last join
    var hasDictionary = fa & T.kanaKanji != 0
    var k = 1
    while k <= n {
      var breakHere = k == n
      var fb: UInt8 = 0
      if !breakHere {
        fb = table.flags(UInt32(bitPattern: s.cps[k]))
        // A sound mark (Extend but not Han/kana) ends the segment before a Han Extend.
        let afterPlainMark = fa & T.attaches != 0 && fa & T.kanaKanji == 0
        if fa & fb & T.kanaKanji != 0 {
          lastJoin = .kanaKanji
          joined = fb
          lastBase = fb
          trailingMarks = false
          hasDictionary = true
        } else if fb & T.attaches != 0 && fa & T.handled != 0
          && !(afterPlainMark && fb & T.kanaKanji != 0)
        {
          trailingMarks = true
          if fb & T.kanaKanji != 0 { hasDictionary = true }
        } else if fb & lastBase & T.katakana != 0 && fa & T.attaches != 0 {
          lastJoin = .katakana
          lastBase = fb
          trailingMarks = false
          hasDictionary = true
        } else {
          breakHere = true
        }
      }
      if breakHere {
        let wordy: Bool
        switch lastJoin {
        case .none: wordy = first & T.wordAlone != 0
        case .kanaKanji: wordy = !trailingMarks || joined & T.wordAlone != 0
        case .katakana: wordy = true
        }
        let status: Int32 = wordy ? Self.ideographicStatus : 0
        if hasDictionary {
          var d = segStart
          while table.flags(UInt32(bitPattern: s.cps[d])) & T.kanaKanji == 0 { d += 1 }
          divide(s, d, k, status, &sink)
        }
        sink.append(s.offs[k], status)
        if k < n {
          segStart = k
          first = fb
          lastBase = fb
          lastJoin = .none
          trailingMarks = false
          hasDictionary = fb & T.kanaKanji != 0
        }
      }
      fa = fb
      k += 1
    }
  }

  /// The rule that last extended a segment.
  private enum Join {
    case none, kanaKanji, katakana
  }

  /// `CjkBreakEngine::divideUpDictionaryRange` over characters `start..<end`: appends the
  /// boundaries strictly inside the range.
  private func divide<Sink: BoundarySink>(
    _ s: Scratch, _ start: Int, _ end: Int, _ status: Int32, _ sink: inout Sink
  ) {
    // One character has no inside: every normalized position maps back to its start or
    // its end, which are never reported.
    guard end - start > 1 else { return }
    let m = normalize(s, start, end)
    // Look up the second trie step of every position first: the probes are independent, so
    // their cache misses overlap instead of each stalling the search. First pass: each
    // pair's home slot, one load and no branch on it (a branch on a missing load would
    // mispredict often and serialize the misses). Second pass, on cached slots: probe on
    // where the home slot holds another key, and load the trie unit the third step will
    // read (its own cache miss, overlapped the same way).
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: m + 1) { pairs in
      guard let pairs = pairs.baseAddress else { return }
      let norm = s.norm
      var i = 0
      while i + 1 < m {
        let a = norm[i]
        let b = norm[i + 1]
        pairs[i] = a <= 0xFFFF && b <= 0xFFFF && trie.secondIsHashed(a) ? trie.secondHome(a, b) : 0
        i += 1
      }
      if m > 0 { pairs[m - 1] = 0 }
      var touched: UInt16 = 0
      i = 0
      while i + 1 < m {
        var e = pairs[i]
        // A non-zero home slot means both units are BMP and the first is hashed.
        if e != 0 && CJKUCharsTrie.PairEntry.key(e) != UInt16(truncatingIfNeeded: norm[i + 1]) {
          e = trie.secondEntry(norm[i], norm[i + 1])
          pairs[i] = e
        }
        touched ^= trie.unitAfter(pair: e)
        i += 1
      }
      pairs[m] = UInt64(touched)  // not read: keeps the loads above
      search(s, start, end, m, pairs, status, &sink)
    }
  }

  /// The dynamic programme of `divide` over the `m` normalized code points in `s.norm`,
  /// with `pairs[i]` the second-step entry for position `i` where `matchWords` uses one.
  private func search<Sink: BoundarySink>(
    _ s: Scratch, _ start: Int, _ end: Int, _ m: Int, _ pairs: UnsafePointer<UInt64>,
    _ status: Int32, _ sink: inout Sink
  ) {
    let rangeStart = s.offs[start]
    let rangeEnd = s.offs[end]
    let best = s.best
    let prev = s.prev
    let unreachable = UInt32.max
    best[0] = 0
    prev[0] = -1
    var reset = 1
    while reset <= m {
      best[reset] = Int32(bitPattern: unreachable)
      prev[reset] = -1
      reset += 1
    }
    var isPrevKatakana = false
    var i = 0
    while i < m {
      let here = UInt32(bitPattern: best[i])
      if here == unreachable {
        i += 1
        continue
      }
      var count = matchWords(s, i, m, pairs)
      if count == 0 || s.lens[0] != 1 {
        s.vals[count] = Int32(Self.maxSnlp)
        s.lens[count] = 1
        count += 1
      }
      for j in 0..<count {
        let cost = here &+ UInt32(bitPattern: s.vals[j])
        let to = i + Int(s.lens[j])
        if cost < UInt32(bitPattern: best[to]) {
          best[to] = Int32(bitPattern: cost)
          prev[to] = Int32(i)
        }
      }
      // Katakana heuristic: a run of katakana is a candidate word with a cost by length.
      let isKatakana = Self.isKatakana(s.norm[i])
      if !isPrevKatakana && isKatakana {
        var runLength = 1
        var j = i + 1
        while j < m && runLength < Self.maxKatakanaGroupLength && Self.isKatakana(s.norm[j]) {
          j += 1
          runLength += 1
        }
        if runLength < Self.maxKatakanaGroupLength {
          let cost = here &+ Self.katakanaCost(runLength)
          if cost < UInt32(bitPattern: best[i + runLength]) {
            best[i + runLength] = Int32(bitPattern: cost)
            prev[i + runLength] = Int32(i)
          }
        }
      }
      isPrevKatakana = isKatakana
      i += 1
    }
    // Walk the best path back from the end, then map positions to the original offsets.
    let tb = s.tb
    var count = 0
    if UInt32(bitPattern: best[m]) == unreachable {
      tb[0] = Int32(m)
      count = 1
    } else {
      var j = m
      while j > 0 {
        tb[count] = Int32(j)
        count += 1
        j = Int(prev[j])
      }
    }
    tb[count] = 0
    count += 1
    var previous: Int32 = -1
    var idx = count - 1
    while idx >= 0 {
      let pos = s.nmap[Int(tb[idx])]
      if pos > previous && pos != rangeStart && pos != rangeEnd {
        sink.append(pos, status)
      }
      previous = pos
      idx -= 1
    }
  }

  /// Writes the NFKC form of characters `start..<end` to `s.norm` and, for each normalized
  /// code point, the UTF-8 offset it maps back to to `s.nmap`, as ICU does. Returns the
  /// normalized length.
  private func normalize(_ s: Scratch, _ start: Int, _ end: Int) -> Int {
    typealias T = CJKCharacterTable
    var needsNormalization = false
    for k in start..<end where table.flags(UInt32(bitPattern: s.cps[k])) & T.mapped != 0 {
      needsNormalization = true
      break
    }
    var m = 0
    if !needsNormalization {
      for k in start..<end {
        s.norm[m] = s.cps[k]
        s.nmap[m] = s.offs[k]
        m += 1
      }
      s.nmap[m] = s.offs[end]
      return m
    }
    let capacity = s.normCapacity
    var k = start
    while k < end {
      // A chunk: one character and the following ones NFKC has no boundary before.
      let chunkStart = k
      k += 1
      while k < end && table.flags(UInt32(bitPattern: s.cps[k])) & T.attaches != 0 { k += 1 }
      let first = m
      let c0 = UInt32(bitPattern: s.cps[chunkStart])
      let mark: UInt32? =
        k - chunkStart == 2
        ? Self.soundMark(UInt32(bitPattern: s.cps[chunkStart + 1])) : nil
      if k - chunkStart == 1 || mark != nil {
        table.withMapping(c0) { mapped in
          for cp in mapped where m < capacity {
            s.norm[m] = Int32(bitPattern: cp)
            m += 1
          }
        }
        if let mark {
          if m > first, let composed = table.compose(UInt32(bitPattern: s.norm[m - 1]), mark) {
            s.norm[m - 1] = Int32(bitPattern: composed)
          } else if m < capacity {
            s.norm[m] = Int32(bitPattern: mark)
            m += 1
          }
        }
      } else {
        // Rare: several marks after one character. Let ICU normalize the chunk.
        let chunk = (chunkStart..<k).map { UInt32(bitPattern: s.cps[$0]) }
        let normalized = (try? CJKCharacterTable.nfkc(chunk)) ?? chunk
        for cp in normalized where m < capacity {
          s.norm[m] = Int32(bitPattern: cp)
          m += 1
        }
      }
      let origin = s.offs[chunkStart]
      for j in first..<m { s.nmap[j] = origin }
    }
    s.nmap[m] = s.offs[end]
    return m
  }

  /// `UCharsDictionaryMatcher::matches` from normalized position `i`: writes the length
  /// (in code points) and cost of every dictionary word starting there, shortest first.
  /// `pairs[i]` is the trie's second-step entry for `s.norm[i]`, `s.norm[i + 1]` (set by
  /// `divide` whenever both are BMP units and the first ``CJKUCharsTrie/secondIsHashed(_:)``).
  @inline(__always)
  private func matchWords(_ s: Scratch, _ i: Int, _ m: Int, _ pairs: UnsafePointer<UInt64>)
    -> Int
  {
    var cursor = trie.start()
    var units = 0
    var count = 0
    var j = i
    while j < m {
      let c = s.norm[j]
      j += 1
      let step: CJKUCharsTrie.Step
      var value: Int32 = 0
      if c > 0xFFFF {
        units += 2
        step = .noMatch  // UCharsTrie::next(int32_t) never matches a supplementary value
      } else {
        units += 1
        if j == i + 1 {
          (step, value) = trie.first(&cursor, c)
        } else if j == i + 2 && s.norm[i] <= 0xFFFF && trie.secondIsHashed(s.norm[i]) {
          (step, value) = trie.second(&cursor, entry: pairs[i])
        } else {
          step = trie.next(&cursor, c)
          if step.hasValue { value = trie.value(cursor) }
        }
      }
      if step.hasValue {
        s.lens[count] = Int32(j - i)
        s.vals[count] = value
        count += 1
        if step == .finalValue { break }
      } else if step == .noMatch {
        break
      }
      if units >= Self.maxWordUnits { break }
    }
    return count
  }

  @inline(__always)
  private static func isKatakana(_ c: Int32) -> Bool {
    (c >= 0x30A1 && c <= 0x30FE && c != 0x30FB) || (c >= 0xFF66 && c <= 0xFF9F)
  }

  @inline(__always)
  private static func katakanaCost(_ length: Int) -> UInt32 {
    switch length {
    case 1: 984
    case 2: 408
    case 3: 240
    case 4: 204
    case 5: 252
    case 6: 300
    case 7: 372
    case 8: 480
    default: 8192
    }
  }

  /// The combining mark NFKC makes of a half-width sound mark, if `cp` is one.
  @inline(__always)
  private static func soundMark(_ cp: UInt32) -> UInt32? {
    cp == 0xFF9E ? 0x3099 : cp == 0xFF9F ? 0x309A : nil
  }

  /// Decodes one scalar at `i`; an ill-formed sequence decodes as U+FFFD of length 1.
  @inline(__always)
  private static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ count: Int)
    -> (UInt32, Int)
  {
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    if b0 >= 0xE0 && b0 < 0xF0 && i + 2 < count {
      let b1 = UInt32(p[i + 1])
      let b2 = UInt32(p[i + 2])
      if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 {
        let cp = (b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F)
        if cp >= 0x800 && !(0xD800...0xDFFF).contains(cp) { return (cp, 3) }
      }
    } else if b0 >= 0xC2 && b0 < 0xE0 && i + 1 < count {
      let b1 = UInt32(p[i + 1])
      if b1 & 0xC0 == 0x80 { return ((b0 & 0x1F) << 6 | (b1 & 0x3F), 2) }
    } else if b0 >= 0xF0 && b0 < 0xF5 && i + 3 < count {
      let b1 = UInt32(p[i + 1])
      let b2 = UInt32(p[i + 2])
      let b3 = UInt32(p[i + 3])
      if b1 & 0xC0 == 0x80 && b2 & 0xC0 == 0x80 && b3 & 0xC0 == 0x80 {
        let cp = (b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F)
        if cp >= 0x10000 && cp <= 0x10FFFF { return (cp, 4) }
      }
    }
    return (0xFFFD, 1)
  }
}

extension CJKDictionaryEngine {
  private static let sharedResult = Result<CJKDictionaryEngine, ICUError> { () throws(ICUError) in
    try CJKDictionaryEngine()
  }

  /// The process-wide engine, loaded once on first use (about 0.1 s) and shared: it is
  /// immutable and safe to use from any thread.
  /// - Throws: `ICUError` when ICU's `cjdict` data cannot be opened.
  public static func shared() throws(ICUError) -> CJKDictionaryEngine {
    try sharedResult.get()
  }
}
