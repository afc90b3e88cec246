import Winnow

/// Lines that recur across many pages of one site, learned in a corpus pass.
///
/// Learn with ``Learner`` (one page at a time), keep the result as JSON (``jsonValue``,
/// ``init(json:)``) to save it to a file and load it later; the classifier drops a page's
/// lines found here as `site-repeated`.
///
/// ```swift
/// var l = SiteRepetition.Learner(minPages: 2)
/// l.observe(lines: ["Home", "Story one."], host: "a.com")
/// l.observe(lines: ["Home", "Story two."], host: "a.com")
/// l.finish().lines(forHost: "a.com")   // ["Home"]
/// ```
public struct SiteRepetition: Sendable, Hashable {
  /// Per host: the pages seen and the repeated lines (trimmed).
  public var sites: [String: Site]

  /// One site's learned lines.
  public struct Site: Sendable, Hashable {
    /// Pages of this site seen in the corpus pass.
    public var pages: Int
    /// Lines found on at least the minimum number of its pages.
    public var lines: Set<String>
    /// Creates a site entry.
    public init(pages: Int, lines: Set<String>) {
      self.pages = pages
      self.lines = lines
    }
  }

  /// Creates a model.
  public init(sites: [String: Site] = [:]) { self.sites = sites }

  /// The repeated lines of `host`, if any were learned.
  public func lines(forHost host: String) -> Set<String>? {
    guard let s = sites[host], !s.lines.isEmpty else { return nil }
    return s.lines
  }

  /// The state as JSON: `{"version": 1, "sites": {host: {"pages": N, "lines": [...]}}}`,
  /// hosts and lines sorted (stable files).
  public var jsonValue: JSONValue {
    var o = JSONObject()
    for host in sites.keys.sorted() {
      guard let s = sites[host] else { continue }
      o.members.append(
        .init(
          key: host,
          value: .object([
            "pages": .number(JSONNumber(s.pages)),
            "lines": .array(s.lines.sorted().map { .string($0) }),
          ])))
    }
    return .object(["version": 1, "sites": .object(o)])
  }

  /// Reads the state written by ``jsonValue``.
  /// - Throws: `WinnowError` (`.invalidData`) when the JSON is not such a state.
  public init(json: JSONValue) throws(WinnowError) {
    guard json["version"]?.intValue == 1, let sites = json["sites"]?.objectValue else {
      throw WinnowError(
        .invalidData,
        "boilerplate: the corpus state is not a version-1 site-repetition object; learn it again with the corpus pass"
      )
    }
    var out: [String: Site] = [:]
    for m in sites {
      guard let pages = m.value["pages"]?.intValue, let lines = m.value["lines"]?.arrayValue else {
        throw WinnowError(
          .invalidData, "boilerplate: the corpus state's site '\(m.key)' lacks 'pages' or 'lines'")
      }
      out[m.key] = Site(pages: pages, lines: Set(lines.compactMap(\.stringValue)))
    }
    self.sites = out
  }

  /// The lines of each site indexed by a hash of their bytes, for the classifier.
  ///
  /// `contains` answers exactly what `Set<String>.contains` answers (canonical
  /// equivalence) without making a `String` of the line: byte-equal lines match; lines
  /// whose scalars are all NFC-inert (see ``nfcInert(_:)``) are in NFC, where canonical
  /// equivalence is byte equality with a learned line or its NFC form (added when that
  /// form is NFC-inert; a learned line whose NFC form is not inert matches no inert line,
  /// unless it has scalars newer than ICU's Unicode 15.0, which keep the fallback); only
  /// other lines fall back to the string set.
  struct Index: Sendable {
    struct Lines: Sendable {
      /// Open addressing: slot → 1 + index into `bytes` (0 = empty), by ``quickHash(_:)``.
      var slots: [Int32] = []
      var hashes: [UInt64] = []
      var bytes: [[UInt8]] = []
      var strings: Set<String>
      /// Whether some learned line is not NFC-inert.
      var anyNotInert = false
      /// The learned lines' ``skeleton(_:)``s: a line whose skeleton is none of them is
      /// canonically equivalent to no learned line, and the string set is not asked (its
      /// hashing normalizes the line: ≈ 17,000 instructions for a paragraph).
      var skeletons: Set<UInt64> = []
      /// The byte lengths of the lines in ``bytes``: bit `k` for a length `k` below 1,023,
      /// bit 1,023 for any longer one. A line of another length is equal to none of them:
      /// it is not hashed.
      var lengths = [UInt64](repeating: 0, count: 16)

      init(_ set: Set<String>) {
        strings = set
        for s in set {
          let b = Array(s.utf8)
          add(b)
          skeletons.insert(b.withUnsafeBufferPointer { Lines.skeleton($0) })
          if !b.withUnsafeBufferPointer({ SiteRepetition.nfcInert($0) }) {
            // An NFC-inert line equals this one exactly when it equals its NFC form; when
            // that form is not NFC-inert itself (or ICU cannot tell), keep the fallback.
            if let nfc = Lines.nfc?.normalizeLine(b, tracking: false).bytes {
              if nfc.withUnsafeBufferPointer({ SiteRepetition.nfcInert($0) }) {
                add(nfc)
              } else if !s.unicodeScalars.allSatisfy({ Lines.knownToICU($0) }) {
                anyNotInert = true
              }
              // Else no NFC-inert line is equivalent to it: its NFC form (the same in ICU
              // and in Swift for scalars both know) keeps a scalar that is not inert.
            } else {
              anyNotInert = true
            }
          }
        }
        buildSlots()
      }

      private mutating func add(_ b: [UInt8]) {
        bytes.append(b)
        let k = min(b.count, 1023)
        lengths[k >> 6] |= 1 << UInt64(k & 63)
        hashes.append(b.withUnsafeBufferPointer { Lines.quickHash($0) })
      }

      /// Fills ``slots`` once all lines are added.
      private mutating func buildSlots() {
        var capacity = 16
        while capacity < 2 * bytes.count { capacity *= 2 }
        slots = [Int32](repeating: 0, count: capacity)
        for (k, h) in hashes.enumerated() {
          var i = Int(truncatingIfNeeded: h) & (capacity - 1)
          while slots[i] != 0 { i = (i + 1) & (capacity - 1) }
          slots[i] = Int32(k + 1)
        }
      }

      /// A hash of the bytes, eight at a time (a multiply-xorshift mix; the index compares
      /// the bytes on a hash match, so only speed depends on it).
      @inline(__always)
      static func quickHash(_ u: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(u.count)
        var i = 0
        let n = u.count
        if let p = UnsafeRawPointer(u.baseAddress) {
          while i + 8 <= n {
            h = (h ^ p.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 32
            i += 8
          }
        }
        var tail: UInt64 = 0
        if i < n, n >= 8, let p = UnsafeRawPointer(u.baseAddress) {
          // The last 1–7 bytes, the first lowest: the line's last eight bytes shifted down
          // (one load instead of a loop per byte).
          tail =
            p.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            &>> UInt64(8 &* (8 &- (n &- i)))
        } else {
          var shift: UInt64 = 0
          while i < n {
            tail |= UInt64(u[i]) << shift
            shift += 8
            i += 1
          }
        }
        h = (h ^ tail) &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 29
        return h
      }

      /// A hash of the line's bytes that are ASCII but for letters and `;` `<` `=` `>` `` ` ``
      /// (digits, spaces, controls, the other punctuation), in order. No scalar's canonical
      /// decomposition holds one of them (the letters and those five are in some: `é`,
      /// U+037E → `;`, `≠` → `=` + U+0338), none decomposes, and all are starters (canonical
      /// reordering moves combining marks only): canonically equivalent strings have the same
      /// sequence of them, so equal skeletons are necessary for `String` equality.
      static func skeleton(_ u: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in u where b < 0x80 {
          let bit = UInt64(1) &<< UInt64(b & 63)
          if (b < 64 ? skeletonLow : skeletonHigh) & bit != 0 {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
          }
        }
        return h
      }

      /// ``skeleton(_:)``'s bytes 0–63 (all but `;` `<` `=` `>`) and 64–127 (`@` `[` `\` `]`
      /// `^` `_` `{` `|` `}` `~` DEL) as bit masks.
      static let skeletonLow: UInt64 = 0x87FF_FFFF_FFFF_FFFF
      static let skeletonHigh: UInt64 = 0xF800_0000_F800_0001

      /// Whether two byte strings are equal: eight bytes at a time (`elementsEqual` went
      /// through the iterators byte by byte).
      @inline(__always)
      static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = a.count
        guard n == b.count else { return false }
        var i = 0
        if let p = UnsafeRawPointer(a.baseAddress), let q = UnsafeRawPointer(b.baseAddress) {
          while i + 8 <= n {
            if p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
              != q.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            {
              return false
            }
            i += 8
          }
        }
        while i < n {
          if a[i] != b[i] { return false }
          i += 1
        }
        return true
      }

      /// Whether ICU 72 (Unicode 15.0) has the scalar: normalization is stable for the
      /// scalars assigned in a version, so ICU's NFC and Swift's agree on them.
      static func knownToICU(_ s: Unicode.Scalar) -> Bool {
        guard let age = s.properties.age else { return false }
        return age.major < 15 || (age.major == 15 && age.minor == 0)
      }

      /// NFC alone (ICU), for the learned lines that are not NFC-inert.
      static let nfc: Normalizer? = try? Normalizer(NormalizerOptions(steps: [.form], form: .nfc))

      /// Whether the line (its UTF-8 bytes) is one of the lines, as `Set<String>` decides.
      func contains(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        contains(line, nfcInert: SiteRepetition.nfcInert(line))
      }

      /// ``contains(_:)`` with the line's ``SiteRepetition/nfcInert(_:)`` known (the
      /// classifier has it from the line's features).
      func contains(_ line: UnsafeBufferPointer<UInt8>, nfcInert: Bool) -> Bool {
        let k = min(line.count, 1023)
        if !slots.isEmpty && lengths[k >> 6] & (1 << UInt64(k & 63)) != 0 {
          let h = Lines.quickHash(line)
          let mask = slots.count - 1
          var i = Int(truncatingIfNeeded: h) & mask
          while slots[i] != 0 {
            let k = Int(slots[i]) - 1
            if hashes[k] == h && bytes[k].withUnsafeBufferPointer({ Lines.equal($0, line) }) {
              return true
            }
            i = (i + 1) & mask
          }
        }
        if anyNotInert || !nfcInert {
          return skeletons.contains(Lines.skeleton(line))
            && strings.contains(String(decoding: line, as: UTF8.self))
        }
        return false
      }
    }
    var sites: [String: Lines] = [:]

    init(_ model: SiteRepetition) {
      for (host, s) in model.sites where !s.lines.isEmpty { sites[host] = Lines(s.lines) }
    }

    func lines(forHost host: String) -> Lines? { sites[host] }
  }

  /// Whether every scalar of the UTF-8 `bytes` is NFC-inert: assigned (in Unicode 14),
  /// NFC_Quick_Check = Yes, canonical combining class 0 and the second part of no canonical
  /// composition — so a text of them is in NFC. The table: all of U+0000–U+02FF, then the
  /// runs of 64 or more such scalars below U+10000 (Greek capitals too, Cyrillic, Arabic,
  /// Ethiopic, general punctuation, arrows and symbols, kana, CJK, Hangul syllables,
  /// full-width forms; computed with Python's `unicodedata`), plus U+3001–U+3029. A
  /// sufficient test: other scalars (combining marks, emoji) say no. Unicode's
  /// normalization stability makes it hold in later versions for these assigned scalars.
  static func nfcInert(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    let n = bytes.count
    let base = UnsafeRawPointer(bytes.baseAddress)
    while i < n {
      // Eight ASCII bytes at a time.
      if let p = base, i + 8 <= n,
        p.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        i += 8
        continue
      }
      let b = bytes[i]
      if b < 0x80 { i += 1; continue }
      if b >= 0xC2 && b <= 0xCB { i += 2; continue }  // U+0080–U+02FF
      var v: UInt32
      if b >= 0xCC && b < 0xE0 {
        guard i + 1 < n else { return false }
        v = (UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
      } else if b >= 0xE0 && b < 0xF0 {
        guard i + 2 < n else { return false }
        v =
          (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6)
          | UInt32(bytes[i + 2] & 0x3F)
      } else {
        return false
      }
      if v >= 0x4E00 && v <= 0x9FFF {
        // CJK ideographs first, the common case, and the rest of their run (lead bytes
        // E4–E9, at or above U+4E00).
        i += 3
        while i + 2 < n, bytes[i] &- 0xE4 < 6, bytes[i] > 0xE4 || bytes[i + 1] >= 0xB8 { i += 3 }
        continue
      }
      guard isInertScalar(v) else { return false }
      i += v < 0x800 ? 2 : 3
    }
    return true
  }

  /// Whether a scalar at or above U+0300 (below U+10000) is in ``nfcInert(_:)``'s table.
  @inline(__always)
  static func isInertScalar(_ v: UInt32) -> Bool {
    if v >= 0x4E00 && v <= 0x9FFF { return true }
    switch v {
    case 0x0386, 0x0388...0x038A, 0x038C, 0x038E...0x03A1, 0x03A3...0x0482, 0x0488...0x052F,
      0x0671...0x06D5, 0x074D...0x07B1, 0x103B...0x108C, 0x10D0...0x1248,
      0x1318...0x135A, 0x13A0...0x13F5, 0x1400...0x169C, 0x16A0...0x16F8, 0x1780...0x17D1,
      0x1820...0x1878,
      0x18B0...0x18F5, 0x1A1E...0x1A5E, 0x1D00...0x1DBF, 0x1E00...0x1F15, 0x2002...0x2064,
      0x212C...0x218B,
      0x2190...0x2328, 0x232B...0x2426, 0x2460...0x2ADB, 0x2ADD...0x2B73, 0x2B97...0x2CEE,
      0x2E00...0x2E5D,
      0x2E9B...0x2EF3, 0x2F00...0x2FD5, 0x3001...0x3029, 0x3041...0x3096, 0x309B...0x30FF,
      0x3131...0x318E,
      0x3190...0x31E3, 0x3220...0xA48C, 0xA4D0...0xA62B, 0xA6A0...0xA6EF, 0xA700...0xA7CA,
      0xA880...0xA8C3,
      0xAA5C...0xAAAF, 0xAB70...0xABEC, 0xAC00...0xD7A3, 0xFB4F...0xFBC2, 0xFBD3...0xFD8F,
      0xFE76...0xFEFC,
      0xFF01...0xFFBE:
      return true
    default: return false
    }
  }

  /// Counts, per site, on how many pages each line occurs.
  public struct Learner: Sendable {
    /// A line must be on at least this many pages of its site. Default 3.
    public var minPages: Int
    /// …and on at least this share of the site's pages. Default 0.1.
    public var minShare: Double
    private var pages: [String: Int] = [:]
    /// Per site: pages per line, keyed by a 64-bit hash of the line's bytes (hashing a
    /// `String` normalizes it first, which made the corpus pass the slowest part).
    private var counts: [String: LineCounts] = [:]
    /// What ``LineCounts/touch(_:)`` returned, kept so its loads are not dropped.
    private var touched: UInt64 = 0

    /// Pages per line of one site: open addressing on the lines' 64-bit hashes, each slot
    /// with its page count and the last page that counted it (so a line counts once per
    /// page without a set per page). A line's text is copied only once it is on `copyAt`
    /// pages (``Learner/minPages``: only lines on that many pages can be learned; most lines
    /// are on one page and are never copied).
    struct LineCounts: Sendable {
      /// One slot, 16 bytes: trivial (no reference), so that growing the table copies plain
      /// words, and small, so that a corpus-sized table takes fewer cache lines and pages.
      struct Slot: Sendable {
        var key: UInt64 = 0
        /// 0: an empty slot.
        var pages: Int32 = 0
        var lastPage: Int32 = 0
      }
      private var slots: [Slot] = []
      /// The copied texts by line hash (only lines on `copyAt` pages).
      private var texts: [UInt64: Substring] = [:]
      private var used = 0
      private var shift: UInt64 = 64

      @inline(__always)
      private func slot(_ h: UInt64) -> Int {
        Int(truncatingIfNeeded: (h &* 0x9E37_79B9_7F4A_7C15) >> shift)
      }

      /// Makes room for `more` lines beyond those counted, before a page's lines are counted:
      /// a site's table starts at the size its first page needs (a fixed 1,024 slots per
      /// site cost more than the counting on a corpus of many small sites) and grows once
      /// per page at most.
      mutating func reserve(_ more: Int) {
        let need = 2 * (used + more)
        guard need > slots.count else { return }
        var capacity = max(64, slots.count)
        while capacity < need { capacity *= 2 }
        grow(to: capacity)
      }

      /// Loads the slot each hash starts its probe at, all of them before any is counted:
      /// the loads are independent, so the processor overlaps their cache misses (a
      /// corpus-sized table does not fit in the cache; counting a page's lines one by one
      /// waited for each miss in turn). Returns a value built from the loads so they are
      /// not dropped. Call after ``reserve(_:)``: counting the page must not grow the table.
      func touch(_ hashes: UnsafeBufferPointer<UInt64>) -> UInt64 {
        slots.withUnsafeBufferPointer { s in
          var sink: UInt64 = 0
          for h in hashes { sink ^= s[slot(h)].key }
          return sink
        }
      }

      private mutating func grow(to capacity: Int) {
        var table = [Slot](repeating: Slot(), count: capacity)
        shift = UInt64(64 - capacity.trailingZeroBitCount)
        let mask = capacity - 1
        // Through buffers: no uniqueness or bounds check per slot moved.
        table.withUnsafeMutableBufferPointer { t in
          slots.withUnsafeBufferPointer { old in
            for e in old where e.pages != 0 {
              var i = slot(e.key)
              while t[i].pages != 0 { i = (i &+ 1) & mask }
              t[i] = e
            }
          }
        }
        slots = table
      }

      /// Counts a page's lines for page `page`, each once per page (their hashes, and their
      /// byte ranges in `u`): a line's text is copied when it reaches `copyAt` pages. Through
      /// a buffer of the table (no uniqueness or bounds check per line); makes room first
      /// (``reserve(_:)``).
      mutating func count(
        _ hashes: UnsafeBufferPointer<UInt64>, _ lines: UnsafeBufferPointer<Range<Int>>,
        in u: UnsafeBufferPointer<UInt8>, page: Int32, copyAt: Int32
      ) {
        reserve(hashes.count)
        var table = slots
        slots = []  // unique storage while it is updated
        let mask = table.count - 1
        var added = 0
        table.withUnsafeMutableBufferPointer { t in
          for k in 0..<hashes.count {
            let h = hashes[k]
            var i = slot(h)
            while true {
              if t[i].pages == 0 {
                t[i] = Slot(key: h, pages: 1, lastPage: page)
                if copyAt <= 1 { texts[h] = Self.copy(u, lines[k]) }
                added &+= 1
                break
              }
              if t[i].key == h {
                if t[i].lastPage != page {
                  t[i].lastPage = page
                  t[i].pages += 1
                  if t[i].pages == copyAt { texts[h] = Self.copy(u, lines[k]) }
                }
                break
              }
              i = (i &+ 1) & mask
            }
          }
        }
        used += added
        slots = table
      }

      /// A copy of the line's text (the page's text is not kept alive).
      static func copy(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Substring {
        Substring(String(decoding: UnsafeBufferPointer(rebasing: u[r]), as: UTF8.self))
      }

      /// The texts of the lines on at least `minPages` pages (at least `copyAt`: those
      /// without a copy are left out).
      func lines(onAtLeast minPages: Int) -> [String] {
        slots.compactMap {
          $0.pages != 0 && Int($0.pages) >= minPages ? texts[$0.key].map(String.init) : nil
        }
      }
    }

    /// Creates a learner.
    public init(minPages: Int = 3, minShare: Double = 0.1) {
      self.minPages = minPages
      self.minShare = minShare
    }

    /// A 64-bit hash of the bytes, eight at a time (``Index/Lines/quickHash(_:)``).
    @inline(__always)
    static func hash(_ line: UnsafeBufferPointer<UInt8>) -> UInt64 { Index.Lines.quickHash(line) }

    /// Looks at one page: each distinct non-empty trimmed line counts once.
    public mutating func observe<S: StringProtocol>(lines: [S], host: String) {
      var joined = ""
      var ranges: [Range<Int>] = []
      var at = 0
      for l in lines {
        joined += l
        joined += "\n"
        let c = l.utf8.count
        ranges.append(at..<(at + c))
        at += c + 1
      }
      joined.withUTF8 { observe(utf8: $0, lines: ranges, host: host) }
    }

    /// Looks at one page given as its text: its lines are split at `\n`.
    public mutating func observe(text: String, host: String) {
      var t = text
      t.withUTF8 { u in
        var ranges: [Range<Int>] = []
        var start = 0
        for i in 0..<u.count where u[i] == 0x0A {
          ranges.append(start..<i)
          start = i + 1
        }
        if start < u.count { ranges.append(start..<u.count) }
        observe(utf8: u, lines: ranges, host: host)
      }
    }

    /// ``observe(lines:host:)`` on the page's bytes and its lines' byte ranges.
    mutating func observe(utf8 u: UnsafeBufferPointer<UInt8>, lines: [Range<Int>], host: String) {
      pages[host, default: 0] += 1
      let page = Int32(truncatingIfNeeded: pages[host] ?? 0)
      let copyAt = Int32(clamping: max(1, minPages))
      var site = counts[host] ?? LineCounts()
      counts[host] = nil  // unique storage while it is updated
      site.reserve(lines.count)
      // Hash the page's lines first, then touch their slots, then count them (the trimmed
      // lines and their hashes written through buffers: no append per line).
      let trimmed = [Range<Int>](unsafeUninitializedCapacity: lines.count) { buffer, count in
        var c = 0
        for r in lines {
          let t = Lexicon.trimmedQuickly(u, r)
          if t.isEmpty { continue }
          buffer.initializeElement(at: c, to: t)
          c &+= 1
        }
        count = c
      }
      let hashes = [UInt64](unsafeUninitializedCapacity: trimmed.count) { buffer, count in
        for k in 0..<trimmed.count {
          buffer.initializeElement(
            at: k, to: Self.hash(UnsafeBufferPointer(rebasing: u[trimmed[k]])))
        }
        count = trimmed.count
      }
      hashes.withUnsafeBufferPointer { h in
        touched ^= site.touch(h)
        trimmed.withUnsafeBufferPointer { site.count(h, $0, in: u, page: page, copyAt: copyAt) }
      }
      counts[host] = site
    }

    /// The learned model.
    public func finish() -> SiteRepetition {
      var sites: [String: Site] = [:]
      for (host, n) in pages {
        let need = max(minPages, Int((minShare * Double(n)).rounded(.up)))
        let lines = counts[host]?.lines(onAtLeast: need) ?? []
        sites[host] = Site(pages: n, lines: Set(lines))
      }
      return SiteRepetition(sites: sites)
    }
  }
}
