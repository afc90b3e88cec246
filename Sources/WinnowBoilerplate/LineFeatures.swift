/// The measurements the classifier takes of one line, for Chinese and English alike.
///
/// Computed in one pass over the line's UTF-8 bytes (no `Character` grouping, no
/// allocation, no Unicode property calls below U+10000).
///
/// ```swift
/// let f = LineFeatures(of: "这是一个测试。", hanWeight: 2.5)
/// f.han              // 6
/// f.endsWithTerminal // true
/// ```
public struct LineFeatures: Sendable, Hashable {
  /// Non-space scalars.
  public var characters = 0
  /// Han, kana and hangul scalars.
  public var han = 0
  /// Words of letters outside CJK (runs of letters, apostrophes inside).
  public var words = 0
  /// English stop words among ``words``.
  public var stopWords = 0
  /// Chinese function characters (的 了 是 在 …) among ``han``.
  public var functionCharacters = 0
  /// ASCII and other decimal digits.
  public var digits = 0
  /// Uppercase letters.
  public var capitals = 0
  /// Letters (including CJK).
  public var letters = 0
  /// Clause punctuation inside the line (`,` `，` `、` `;` `；` `。`).
  public var clausePunctuation = 0
  /// Whether the last non-space scalar is sentence-final punctuation (`.` `!` `?` `。` `！`
  /// `？` `…` `:` `;`) or a closing quote or parenthesis.
  public var endsWithTerminal = false
  /// Effective length: non-CJK characters + `hanWeight` × CJK characters.
  public var effectiveLength: Double = 0
  /// `@` in a word, `://` or `www.`: a URL or e-mail address.
  public var hasURLOrEmail = false
  /// A run of at least 7 digits (with `-` or spaces between): a phone-like number.
  public var hasPhoneLikeNumber = false

  /// Text units: words plus CJK characters.
  public var units: Int { words + han }
  /// Whether the line is mostly Chinese (or Japanese, Korean): more CJK characters than words.
  public var isCJK: Bool { han > words }
  /// Stop words and function characters per text unit (0 when the line has no text).
  public var stopDensity: Double {
    units == 0 ? 0 : Double(stopWords + functionCharacters) / Double(units)
  }
  /// Digits per non-space character.
  public var digitShare: Double { characters == 0 ? 0 : Double(digits) / Double(characters) }
  /// Capitals per letter.
  public var capitalShare: Double { letters == 0 ? 0 : Double(capitals) / Double(letters) }

  /// Whether the line ends with sentence punctuation followed only by citation markers
  /// (`… in 2024.[3]`, `…启动。 [1][2]`, `… ［12］`): wiki-style paragraphs end so.
  static func terminalBeforeCitations(_ line: Substring) -> Bool {
    var s = line.unicodeScalars[...]
    var sawCitation = false
    while true {
      while let c = s.last, Lexicon.isSpace(c) { s = s.dropLast() }
      guard let close = s.last, close == "]" || close == "\u{FF3D}" else { break }
      var t = s.dropLast()
      var inner = 0
      while let c = t.last, inner <= 12, c != "[" && c != "\u{FF3B}" {
        guard
          c.properties.numericType == .decimal || c == "," || c == "-" || c == "\u{2013}"
            || c.properties.isAlphabetic
        else { return false }
        t = t.dropLast()
        inner += 1
      }
      guard inner > 0, let open = t.last, open == "[" || open == "\u{FF3B}" else { return false }
      s = t.dropLast()
      sawCitation = true
    }
    guard sawCitation, let last = s.last else { return false }
    return Lexicon.isTerminal(last)
  }

  /// Measures a line.
  /// - Parameters:
  ///   - line: the line, without its terminator.
  ///   - hanWeight: weight of a CJK character in ``effectiveLength``.
  public init(of line: Substring, hanWeight: Double) {
    var copy = line
    let measured: LineFeatures? = copy.withUTF8 { LineFeatures(utf8: $0, hanWeight: hanWeight) }
    self = measured ?? LineFeatures(counting: ())
  }

  /// Measures a line given as UTF-8 bytes (valid UTF-8, no terminator): one pass over the
  /// bytes, ASCII by a byte-class table, other scalars below U+10000 by
  /// ``Lexicon/scalarFlags`` (no Unicode property calls on the hot path).
  init(utf8 bytes: UnsafeBufferPointer<UInt8>, hanWeight: Double) {
    var inert = false
    self.init(utf8: bytes, hanWeight: hanWeight, nfcInert: &inert)
  }

  /// ``init(utf8:hanWeight:)`` that also tells, from the same pass, whether every scalar of
  /// the line is NFC-inert (``SiteRepetition/nfcInert(_:)``'s answer, for the site-line
  /// lookup).
  init(utf8 bytes: UnsafeBufferPointer<UInt8>, hanWeight: Double, nfcInert: inout Bool) {
    var f = LineFeatures(counting: ())
    // The tables as buffers: no bounds checks on the indices the loop computes.
    let (last, inert) = Lexicon.scalarFlags.withUnsafeBufferPointer { flags in
      Lexicon.functionBitmap.withUnsafeBufferPointer { function in
        Self.stopTable.slots.withUnsafeBufferPointer { stop in
          Self.count(
            bytes, flags, function, StopSlots(slots: stop, multiplier: Self.stopTable.multiplier),
            into: &f)
        }
      }
    }
    nfcInert = inert
    self = f
    effectiveLength = Double(characters - han) + hanWeight * Double(han)
    let s = Unicode.Scalar(last) ?? " "
    endsWithTerminal =
      Lexicon.isTerminal(s)
      || ((last == 0x5D || last == 0xFF3D) && Self.terminalBeforeCitations(utf8: bytes))
      || (effectiveLength >= Self.hashtagTailMinLength && Self.terminalBeforeHashtags(utf8: bytes))
  }

  /// The shortest line (``effectiveLength``) whose hashtags are looked behind
  /// (``terminalBeforeHashtags(utf8:)``): a shorter line is no paragraph with or without
  /// its end, and the walk back is spared on most lines.
  static let hashtagTailMinLength: Double = 40

  /// Whether the line ends with sentence punctuation followed only by hashtags
  /// (`… connect global minds. #PKU126 #Beida`, `＃话题`): a social post's sentence ends
  /// before its tags, as a wiki paragraph's before its citations. A tag is a word (no space
  /// inside) starting with `#` or `＃` and something after it.
  static func terminalBeforeHashtags(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
    var e = b.count
    var tags = 0
    while true {
      while e > 0 && (b[e &- 1] == 0x20 || b[e &- 1] == 0x09) { e &-= 1 }
      var start = e
      while start > 0 && b[start &- 1] != 0x20 && b[start &- 1] != 0x09 { start &-= 1 }
      guard start < e,
        (b[start] == 0x23 && e &- start > 1)
          || (e &- start > 3 && b[start] == 0xEF && b[start &+ 1] == 0xBC
            && b[start &+ 2] == 0x83)
      else { break }
      tags &+= 1
      e = start
    }
    guard tags > 0, let (c, _) = BytePatterns.scalar(endingAt: e, in: b) else { return false }
    return Lexicon.isTerminal(c)
  }

  /// ``terminalBeforeCitations(_:)`` on the line's UTF-8 bytes: the same walk back, scalar by
  /// scalar, decoded backwards from the bytes (no string made; properties asked only of
  /// non-ASCII scalars inside brackets). Bytes that are not well-formed UTF-8 where the walk
  /// reads them go to ``terminalBeforeCitations(_:)`` on the repaired string.
  static func terminalBeforeCitations(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
    var malformed = false
    // The scalar that ends at byte `e` and where it starts; nil at the start of the line,
    // and (noted) where the bytes are not well-formed.
    func scalar(before e: Int) -> (value: Unicode.Scalar, start: Int)? {
      guard e > 0, !malformed else { return nil }
      guard let found = BytePatterns.scalar(endingAt: e, in: b) else {
        malformed = true
        return nil
      }
      return found
    }
    var e = b.count
    var sawCitation = false
    var result: Bool? = nil
    walk: while true {
      while let (c, s) = scalar(before: e), Lexicon.isSpace(c) { e = s }
      guard let (close, s) = scalar(before: e), close == "]" || close == "\u{FF3D}" else { break }
      var t = s
      var inner = 0
      while let (c, cs) = scalar(before: t), inner <= 12, c != "[" && c != "\u{FF3B}" {
        let ok =
          c.isASCII
          ? (c.value &- 0x30 < 10 || (c.value | 0x20) &- 0x61 < 26 || c == "," || c == "-")
          : (c == "\u{2013}" || c.properties.numericType == .decimal || c.properties.isAlphabetic)
        guard ok else {
          result = false
          break walk
        }
        t = cs
        inner += 1
      }
      guard inner > 0, let (open, os) = scalar(before: t), open == "[" || open == "\u{FF3B}" else {
        result = false
        break
      }
      e = os
      sawCitation = true
    }
    if malformed { return terminalBeforeCitations(Substring(String(decoding: b, as: UTF8.self))) }
    if let result { return result }
    guard sawCitation, let (last, _) = scalar(before: e) else {
      return malformed
        ? terminalBeforeCitations(Substring(String(decoding: b, as: UTF8.self))) : false
    }
    return Lexicon.isTerminal(last)
  }

  /// The low 5 bits of each byte of `w` (a letter's place in the alphabet, either case),
  /// packed 5 bits each, the first byte lowest: the word key of up to 8 letters.
  @inline(__always)
  static func pack(_ w: UInt64) -> UInt64 {
    var t = w & 0x1F1F_1F1F_1F1F_1F1F
    t = (t & 0x001F_001F_001F_001F) | ((t & 0x1F00_1F00_1F00_1F00) >> 3)
    t = (t & 0x0000_03FF_0000_03FF) | ((t & 0x03FF_0000_03FF_0000) >> 6)
    return (t & 0x0000_0000_000F_FFFF) | ((t & 0x000F_FFFF_0000_0000) >> 12)
  }

  /// ``Lexicon/englishStopWords`` keyed as ``count(_:_:_:_:into:)`` keys words
  /// (``pack(_:)``: the first letter lowest), hashed into 1024 slots so that every word sits
  /// in its own slot or the one after it (slot 1024 is the overflow of slot 1023): a lookup
  /// compares two slots without a branch. Whether a word is a stop word was the loop's least
  /// predictable branch (a probe loop ending on a hit or on an empty slot).
  struct StopWordTable: Sendable {
    /// 1025 slots: keys, 0 where empty.
    let slots: [UInt64]
    /// The hash multiplier (the first of a fixed sequence that puts every word within one
    /// slot of its own).
    let multiplier: UInt64

    /// The key of a word of ASCII letters, as the features' loop packs it (``pack(_:)``):
    /// its first 10 letters, 5 bits each, the first lowest.
    static func key(_ word: String) -> UInt64 {
      var key: UInt64 = 0
      for (k, b) in word.utf8.prefix(10).enumerated() { key |= UInt64(b & 31) << UInt64(5 * k) }
      return key
    }

    /// Keys `words` (ASCII letters, at most 10 each) into the table.
    init(_ words: [String]) {
      let keys = words.map(Self.key)
      var multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
      while true {
        var t = [UInt64](repeating: 0, count: 1025)
        var fits = true
        for key in keys {
          let s = LineFeatures.stopSlot(key, multiplier)
          if t[s] == 0 || t[s] == key {
            t[s] = key
          } else if t[s + 1] == 0 || t[s + 1] == key {
            t[s + 1] = key
          } else {
            fits = false
            break
          }
        }
        if fits {
          slots = t
          self.multiplier = multiplier
          return
        }
        // (Odd multipliers from a linear congruential sequence; the first fits today.)
        multiplier = (multiplier &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) | 1
      }
    }
  }

  /// The stop words' table for ``count(_:_:_:_:into:)``.
  static let stopTable = StopWordTable(Lexicon.englishStopWords)

  /// A key's own slot in ``StopWordTable``.
  @inline(__always)
  static func stopSlot(_ key: UInt64, _ multiplier: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* multiplier) >> 54)
  }

  /// 1 when `key` (a word of at most 10 ASCII letters, keyed by ``pack(_:)``) is in `slots`
  /// (``StopWordTable``), else 0: two compares, no branch.
  @inline(__always)
  fileprivate static func stopWord(
    _ key: UInt64, _ slots: UnsafeBufferPointer<UInt64>, _ multiplier: UInt64
  ) -> Int {
    let s = stopSlot(key, multiplier)
    return (slots[s] == key ? 1 : 0) | (slots[s &+ 1] == key ? 1 : 0)
  }

  /// `、 。 〈 〉 《 》 「 」 『 』 【 】 ！ （ ） ， ： ； ？`: punctuation (not alphabetic, not a
  /// digit, not a space, not CJK).
  @inline(__always)
  static func isPlainCJKPunctuation(_ v: UInt32) -> Bool {
    let a = v &- 0x3001
    if a < 17 { return (0b1_1111_1111_1000_0011 as UInt32) >> a & 1 != 0 }
    let b = v &- 0xFF01
    return b < 31 && (0b100_0110_0000_0000_0000_1001_1000_0001 as UInt32) >> b & 1 != 0
  }

  /// All counts zero.
  private init(counting: Void) {}

  /// ``StopWordTable`` as the loop reads it.
  fileprivate struct StopSlots {
    let slots: UnsafeBufferPointer<UInt64>
    let multiplier: UInt64
  }

  /// The word being read and the words counted (a value the loop updates in place: a local
  /// function capturing these counts made each call check exclusive access at run time).
  private struct Word {
    /// Its ASCII letters packed 5 bits each, the first lowest (``pack(_:)``), while it has at
    /// most 10 (the longest stop word; a longer word's key is not used).
    var key: UInt64 = 0
    /// ASCII letters in it.
    var length = 0
    var isASCII = true
    /// Whether a word is being read.
    var open = false
    var words = 0
    var stopWords = 0

    /// Ends the word being read, if any: counts it, and as a stop word if it is one.
    @inline(__always)
    mutating func end(_ stopTable: StopSlots) {
      if open {
        words &+= 1
        let candidate = isASCII && length <= 10 ? 1 : 0
        stopWords &+= candidate & LineFeatures.stopWord(key, stopTable.slots, stopTable.multiplier)
      }
      open = false
      key = 0
      length = 0
      isASCII = true
    }
  }

  /// The run of CJK unified ideographs (U+4E00–U+9FFF) at `i`: where it ends, its function
  /// characters and its last scalar (0 for an empty run). A function of its own, so that
  /// its loop has the registers to itself (inlined into ``count``'s loop, its values were
  /// spilled to memory on every character).
  @inline(never)
  private static func ideographRun(
    _ bytes: UnsafeBufferPointer<UInt8>, from i: Int, _ functionBitmap: UnsafeBufferPointer<UInt64>
  ) -> (end: Int, function: Int, last: UInt32) {
    let n = bytes.count
    var j = i
    var function = 0
    while j &+ 2 < n {
      // The scalar's bits above its last 6, from U+4000 (lead byte E4): its row of 64 in
      // the function bitmap is `row - 0x38` (U+4E00 is row 0x38 from U+4000).
      let lead = UInt32(bytes[j]) &- 0xE4
      guard lead < 6 else { break }
      let row = lead << 6 | UInt32(bytes[j &+ 1] & 0x3F)
      guard row >= 0x38 else { break }  // below U+4E00 (and ≤ U+9FFF by its lead byte)
      let bit = UInt64(bytes[j &+ 2] & 0x3F)
      function &+= Int(truncatingIfNeeded: (functionBitmap[Int(row &- 0x38)] >> bit) & 1)
      j &+= 3
    }
    guard j > i else { return (j, 0, 0) }
    let v =
      (UInt32(bytes[j - 3] & 0x0F) << 12) | (UInt32(bytes[j - 2] & 0x3F) << 6)
      | UInt32(bytes[j - 1] & 0x3F)
    return (j, function, v)
  }

  /// Whether the ASCII byte at `at` (`/` or `.`) ends `://` or `www.` (letters in either
  /// case) among the line's ASCII bytes, other bytes skipped: a URL mark. Looked up only at
  /// those two bytes (instead of keeping a window of the last four ASCII bytes throughout);
  /// it reads back at most three ASCII bytes, and the runs of other bytes between them.
  static func endsURLMark(_ bytes: UnsafeBufferPointer<UInt8>, at: Int) -> Bool {
    let current = bytes[at]
    let count = current == 0x2F ? 2 : 3
    var k = at - 1
    var matched = 0
    while matched < count {
      while k >= 0 && bytes[k] >= 0x80 { k -= 1 }
      guard k >= 0 else { return false }
      let b = bytes[k]
      let ok = current == 0x2F ? (matched == 0 ? b == 0x2F : b == 0x3A) : (b | 0x20 == 0x77)
      guard ok else { return false }
      matched += 1
      k -= 1
    }
    return true
  }

  /// Counts the features of the UTF-8 `bytes` into `f`; returns the last non-space scalar's
  /// value and whether every scalar is NFC-inert (ASCII, the CJK runs and the common CJK
  /// punctuation are; other scalars are looked up as ``SiteRepetition/nfcInert(_:)`` does).
  ///
  /// The counts live in locals (registers) during the loop and the lookup tables are
  /// fetched once per line.
  @inline(__always)
  private static func count(
    _ bytes: UnsafeBufferPointer<UInt8>, _ flagTable: UnsafeBufferPointer<UInt8>,
    _ functionBitmap: UnsafeBufferPointer<UInt64>,
    _ stopTable: StopSlots, into f: inout LineFeatures
  ) -> (last: UInt32, nfcInert: Bool) {
    // `characters` is `letters + others` (every letter is a character): one count fewer to
    // update on the letter paths, and to keep in a register.
    var others = 0, han = 0, functionCharacters = 0, digits = 0
    var capitals = 0, letters = 0, clausePunctuation = 0
    var urlOrEmail = false, phoneLike = false, inert = true
    var word = Word()
    let highBits: UInt64 = 0x8080_8080_8080_8080
    var last: UInt32 = 0x20
    var digitRun = 0
    var prev: UInt32 = 0x20
    @inline(__always) func flags(_ v: UInt32) -> UInt8 {
      v < 0x10000 ? flagTable[Int(v)] : Lexicon.flags(v)
    }
    let n = bytes.count
    var i = 0
    // Decode the UTF-8 bytes directly (a String's bytes are valid UTF-8; a truncated
    // sequence reads as continuation bytes 0x80, as before).
    while i < n {
      let b0 = bytes[i]
      // Fast paths (the same counts as the general loop below, with fewer live values): a
      // run of ASCII letters, and a run of CJK unified ideographs (U+4E00–U+9FFF).
      if UInt32(b0 | 0x20) &- 0x61 < 26 {
        var j = i
        if let base = UnsafeRawPointer(bytes.baseAddress) {
          // Eight bytes at a time: the letters at the front of each word are found, counted
          // and packed with a few word operations instead of a loop per byte.
          while j &+ 8 <= n {
            let w = base.loadUnaligned(fromByteOffset: j, as: UInt64.self)
            // (Bit 5 set, a capital reads as its lowercase letter; bit 7 is unchanged.)
            let letter = BytePatterns.rangeFlags(w | 0x2020_2020_2020_2020, 0x61, 0x7A)
            let k = (~letter & highBits).trailingZeroBitCount >> 3  // letters in front, 0...8
            if k == 0 { break }
            let keep: UInt64 = k == 8 ? ~0 : (1 << UInt64(8 * k)) &- 1
            var upper = ~(w << 2) & letter & keep  // bit 5 clear: uppercase
            while upper != 0 {  // (few capitals; no popcount instruction in the baseline target)
              capitals &+= 1
              upper &= upper &- 1
            }
            // (Wrapping arithmetic: no overflow checks; the shift is below 60.)
            // (Only a word of at most 10 letters, the longest stop word, needs its key: once
            // it is longer, it is not packed any more.)
            if word.length &+ k <= 10 {
              word.key |= Self.pack(w & keep) &<< UInt64(truncatingIfNeeded: 5 &* word.length)
            }
            word.length &+= k
            j &+= k
            if k < 8 { break }
          }
        }
        if j == i || (j < n && j &+ 8 > n && UInt32(bytes[j] | 0x20) &- 0x61 < 26) {
          // The last bytes of the line, one at a time.
          var c = bytes[j]
          while true {
            if c <= 0x5A { capitals &+= 1 }
            if word.length < 10 {
              word.key |= UInt64(c & 0x1F) &<< UInt64(truncatingIfNeeded: 5 &* word.length)
            }
            word.length &+= 1
            j &+= 1
            guard j < n else { break }
            c = bytes[j]
            guard UInt32(c | 0x20) &- 0x61 < 26 else { break }
          }
        }
        letters &+= j &- i
        word.open = true
        digitRun = 0
        last = UInt32(bytes[j &- 1])
        prev = last
        if j < n && bytes[j] == 0x20 {
          // The space after the word, as the general path below takes it (the common case,
          // without the dispatch): it ends the word and is no character.
          word.end(stopTable)
          prev = 0x20
          j &+= 1
        }
        i = j
        continue
      }
      if b0 &- 0xE4 < 6 {
        let (j, function, v) = Self.ideographRun(bytes, from: i, functionBitmap)
        if j > i {
          let length = (j - i) / 3
          han &+= length
          functionCharacters &+= function
          letters &+= length
          word.end(stopTable)
          digitRun = 0
          last = v
          prev = v
          i = j
          continue
        }
      }
      i &+= 1
      var v = UInt32(b0)
      if b0 < 0x80 {
        // ASCII: a byte class, no Unicode property lookups.
        let lower = v | 0x20
        if lower &- 0x61 < 26 {
          last = v
          letters &+= 1
          if v <= 0x5A { capitals &+= 1 }
          word.open = true
          if word.length < 10 { word.key |= UInt64(lower & 0x1F) << UInt64(5 * word.length) }
          word.length &+= 1
          digitRun = 0
          prev = v
          continue
        }
        if (v == 0x2F || v == 0x2E) && !urlOrEmail && Self.endsURLMark(bytes, at: i &- 1) {
          urlOrEmail = true
        }
        if v &- 0x30 < 10 {
          others &+= 1
          last = v
          word.end(stopTable)
          digits &+= 1
          digitRun &+= 1
          if digitRun >= 7 { phoneLike = true }
          prev = v
          continue
        }
        if v == 0x20 || (v >= 0x09 && v <= 0x0D) {
          word.end(stopTable)
          prev = v
          continue  // spaces inside a phone number keep the digit run
        }
        others &+= 1
        last = v
        if v == 0x27 && word.open { prev = v; continue }  // apostrophe inside a word
        word.end(stopTable)
        switch v {
        case 0x2C, 0x3B: clausePunctuation &+= 1
        case 0x40:
          let p = prev
          urlOrEmail =
            urlOrEmail || (p &- 0x30 < 10)
            || (p < 0x80 ? ((p | 0x20) &- 0x61 < 26) : flags(p) & Lexicon.alphabeticFlag != 0)
        case 0x2D, 0x28, 0x29, 0x2B: break  // phone separators keep the digit run
        default: digitRun = 0
        }
        prev = v
        continue
      }
      if b0 >= 0xC0 {
        let k = b0 >= 0xF0 ? 3 : b0 >= 0xE0 ? 2 : 1
        v &= k == 3 ? 0x07 : k == 2 ? 0x0F : 0x1F
        if i + k <= n {
          for j in 0..<k { v = (v << 6) | UInt32(bytes[i + j] & 0x3F) }
          i += k
        } else {
          for _ in 0..<k {
            let c: UInt8 = i < n ? bytes[i] : 0x80
            if i < n { i &+= 1 }
            v = (v << 6) | UInt32(c & 0x3F)
          }
        }
      }
      if v &- 0x4E00 <= 0x9FFF - 0x4E00 {
        // CJK unified ideographs, the common case: no space, no property lookup.
        last = v
        word.end(stopTable)
        han &+= 1
        letters &+= 1
        let k = Int(v &- 0x4E00)
        if functionBitmap[k >> 6] & (1 << UInt64(k & 63)) != 0 { functionCharacters &+= 1 }
        digitRun = 0
        prev = v
        continue
      }
      if Self.isPlainCJKPunctuation(v) {
        // Common CJK punctuation (no letter, digit or space): the general case's counts
        // without its property lookups.
        others &+= 1
        last = v
        word.end(stopTable)
        switch v {
        case 0xFF0C, 0x3001, 0xFF1B, 0x3002: clausePunctuation &+= 1
        default: digitRun = 0
        }
        prev = v
        continue
      }
      // (ASCII, CJK ideographs and the punctuation above are NFC-inert, as are U+0080–U+02FF;
      // no lead byte: not a scalar.)
      if b0 < 0xC2 || b0 >= 0xF0 {
        inert = false
      } else if b0 >= 0xCC && inert {
        inert = SiteRepetition.isInertScalar(v)
      }
      // not a scalar: as a space, as before
      if (v >= 0xD800 && v < 0xE000) || v > 0x10FFFF { v = 0x20 }
      if Lexicon.isSpace(v) {
        word.end(stopTable)
        prev = v
        continue  // spaces inside a phone number keep the digit run
      }
      last = v
      if Lexicon.isCJK(v) {
        word.end(stopTable)
        han &+= 1
        letters &+= 1
        if v >= 0x4E00 && v <= 0x9FFF {
          let k = Int(v - 0x4E00)
          if functionBitmap[k >> 6] & (1 << UInt64(k & 63)) != 0 { functionCharacters &+= 1 }
        }
        digitRun = 0
        prev = v
        continue
      }
      let fl = flags(v)
      if fl & Lexicon.alphabeticFlag != 0 {
        letters &+= 1
        if fl & Lexicon.uppercaseFlag != 0 { capitals &+= 1 }
        word.open = true
        word.isASCII = false
        digitRun = 0
      } else if fl & Lexicon.decimalFlag != 0 {
        others &+= 1
        word.end(stopTable)
        digits &+= 1
        digitRun &+= 1
        if digitRun >= 7 { phoneLike = true }
      } else if v == 0x2019 && word.open {
        others &+= 1  // apostrophe inside a word
      } else {
        others &+= 1
        word.end(stopTable)
        switch v {
        case 0xFF0C, 0x3001, 0xFF1B, 0x3002: clausePunctuation &+= 1
        default: digitRun = 0
        }
      }
      prev = v
    }
    word.end(stopTable)
    f.characters = letters &+ others
    f.han = han
    f.words = word.words
    f.stopWords = word.stopWords
    f.functionCharacters = functionCharacters
    f.digits = digits
    f.capitals = capitals
    f.letters = letters
    f.clausePunctuation = clausePunctuation
    f.hasURLOrEmail = urlOrEmail
    f.hasPhoneLikeNumber = phoneLike
    return (last, inert)
  }
}
