#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

#if !_endian(little)
  #error(
    "NameAutomaton reads the packed child bytes of its node words in memory order: little-endian hosts only"
  )
#endif

/// How a ``NameAutomaton`` reports matches that overlap.
///
/// ```swift
/// // keys "new", "new york", "york"; text "new york"
/// // .leftmostLongest -> "new york"
/// // .allOverlapping  -> "new", "new york", "york"
/// ```
public enum MatchKind: String, Sendable, Hashable, Codable, CaseIterable {
  /// Of the matches starting leftmost, the longest; then the next match starting at or
  /// after its end. Matches never overlap. The default.
  case leftmostLongest = "leftmost-longest"
  /// Every match of every key, overlapping or not, ordered by start then end.
  case allOverlapping = "all-overlapping"
}

/// One match of a key in a searched byte buffer.
public struct AutomatonMatch: Sendable, Hashable, Comparable {
  /// Start UTF-8 byte offset in the searched bytes.
  public var start: Int
  /// End UTF-8 byte offset (exclusive) in the searched bytes.
  public var end: Int
  /// The matched key's index (see ``NameAutomaton/values(ofKey:)``).
  public var key: Int

  /// Creates a match.
  public init(start: Int, end: Int, key: Int) {
    self.start = start
    self.end = end
    self.key = key
  }

  /// Orders by start, then end, then key.
  public static func < (a: AutomatonMatch, b: AutomatonMatch) -> Bool {
    (a.start, a.end, a.key) < (b.start, b.end, b.key)
  }
}

/// Collects keys (UTF-8 byte strings, each with a `UInt32` value) and compiles them into a
/// ``NameAutomaton``.
///
/// Keys are matched byte for byte: normalize keys and text the same way first (see
/// ``Gazetteer``, which folds both under NFKC_Casefold and Traditional → Simplified).
/// The same key added twice keeps all its values (one surface, several entries).
///
/// ```swift
/// var b = NameAutomatonBuilder(matchKind: .leftmostLongest)
/// b.add(Array("new york".utf8), value: 7)
/// b.add(Array("york".utf8), value: 8)
/// let a = b.build()
/// a.matches(in: Array("new york!".utf8)).map { ($0.start, $0.end) }  // [(0, 8)]
/// ```
public struct NameAutomatonBuilder: Sendable {
  /// The default match kind of the built automaton.
  public var matchKind: MatchKind
  /// Whether keys that start (end) with a letter or digit of a spaced script (Latin,
  /// Cyrillic, Greek, …) match only where the text has no such character just before
  /// (after) them: `iran` does not match in `irani`. Han, kana and other unspaced text
  /// never blocks a match. Default `true`.
  public var tokenBoundaries: Bool
  /// How many states (in breadth-first order, root first) get a full 256-entry
  /// transition row: the dense fast lane (the root and the first bytes of names).
  /// Default 256 (256 KB); at least 1 (the root).
  public var denseStates: Int

  /// The smallest trie (in node words) that gets a word table (see ``NameAutomaton``);
  /// tests lower it to exercise the table on small gazetteers.
  var wordTableMinimumNodes = NameAutomaton.wordTableMinimumNodes
  /// The smallest trie (in node words) that gets a phrase table; tests lower it.
  var phraseTableMinimumNodes = NameAutomaton.phraseTableMinimumNodes

  var bytes: [UInt8] = []
  var offsets: [UInt32] = [0]
  var vals: [UInt32] = []

  /// A builder.
  /// - Parameters:
  ///   - matchKind: the default match kind (explicit, as in the `aho-corasick` crate).
  ///   - tokenBoundaries: see ``tokenBoundaries``.
  public init(matchKind: MatchKind, tokenBoundaries: Bool = true) {
    self.matchKind = matchKind
    self.tokenBoundaries = tokenBoundaries
    self.denseStates = 256
  }

  /// The number of (key, value) pairs added.
  public var count: Int { vals.count }

  /// Adds a key with its value. Empty keys are ignored.
  /// - Parameters:
  ///   - key: the key's bytes (already normalized).
  ///   - value: the value reported with it (e.g. an entry index).
  public mutating func add(_ key: some Collection<UInt8>, value: UInt32) {
    guard !key.isEmpty else { return }
    bytes.append(contentsOf: key)
    offsets.append(UInt32(bytes.count))
    vals.append(value)
  }

  /// Compiles the automaton: a trie in breadth-first order laid out in one flat `UInt32`
  /// array (see ``NameAutomaton``), with full 256-entry rows for the first
  /// ``denseStates`` states.
  /// - Returns: the automaton. Time O(total key bytes × log keys) plus 256 per dense state.
  public func build() -> NameAutomaton {
    bytes.withUnsafeBufferPointer { kb in
      offsets.withUnsafeBufferPointer { off in
        buildImpl(kb, off)
      }
    }
  }

  private func buildImpl(_ kb: UnsafeBufferPointer<UInt8>, _ off: UnsafeBufferPointer<UInt32>)
    -> NameAutomaton
  {
    let n = vals.count
    func key(_ i: Int) -> UnsafeBufferPointer<UInt8> {
      UnsafeBufferPointer(rebasing: kb[Int(off[i])..<Int(off[i + 1])])
    }
    var order = Array(0..<n)
    order.sort { a, b in
      let x = key(a), y = key(b)
      let m = min(x.count, y.count)
      let c = memcmp(x.baseAddress!, y.baseAddress!, m)  // keys are never empty
      if c != 0 { return c < 0 }
      if x.count != y.count { return x.count < y.count }
      return a < b
    }

    // Trie in depth-first order from the sorted keys: edges (parent, byte); the child of
    // edge e is state e + 1.
    var edgeParent: [UInt32] = []
    var edgeByte: [UInt8] = []
    edgeParent.reserveCapacity(kb.count)
    edgeByte.reserveCapacity(kb.count)
    var terminalKey: [UInt32] = [NameAutomaton.none]  // per DFS state
    var keyLength: [UInt32] = []
    var keyFlags: [UInt8] = []
    var valueStart: [UInt32] = [0]
    var values: [UInt32] = []
    var illFormedStarts = false
    var stack: [UInt32] = [0]  // states along the previous key
    var previous: UnsafeBufferPointer<UInt8>? = nil
    for idx in order {
      let k = key(idx)
      if let p = previous, p.elementsEqual(k) {
        values.append(vals[idx])
        valueStart[valueStart.count - 1] = UInt32(values.count)
        continue
      }
      var common = 0
      if let p = previous {
        let m = min(p.count, k.count)
        while common < m && p[common] == k[common] { common += 1 }
      }
      stack.removeLast(stack.count - 1 - common)
      for i in common..<k.count {
        let child = UInt32(terminalKey.count)
        edgeParent.append(stack[stack.count - 1])
        edgeByte.append(k[i])
        terminalKey.append(NameAutomaton.none)
        stack.append(child)
      }
      terminalKey[Int(stack[stack.count - 1])] = UInt32(keyLength.count)
      keyLength.append(UInt32(k.count))
      values.append(vals[idx])
      valueStart.append(UInt32(values.count))
      let first = TokenBoundary.firstScalar(k)
      if first == 0xFFFD { illFormedStarts = true }
      var f: UInt8 = 0
      if tokenBoundaries {
        if TokenBoundary.isSpacedWordScalar(first) { f |= 1 }
        if TokenBoundary.isSpacedWordScalar(TokenBoundary.lastScalar(k)) { f |= 2 }
      }
      keyFlags.append(f)
      previous = k
    }
    let stateCount = terminalKey.count

    // Children lists in DFS numbering (edges come grouped by parent, in byte order, when
    // counted out by parent).
    var childStart = [UInt32](repeating: 0, count: stateCount + 1)
    for p in edgeParent { childStart[Int(p) + 1] += 1 }
    for i in 0..<stateCount { childStart[i + 1] += childStart[i] }
    var fill = childStart
    var childOf = [UInt32](repeating: 0, count: edgeParent.count)
    for e in 0..<edgeParent.count {
      let p = Int(edgeParent[e])
      childOf[Int(fill[p])] = UInt32(e)  // edge e: its child is state e + 1
      fill[p] += 1
    }
    fill = []
    edgeParent = []

    // Breadth-first order, and each state's offset in the flat node array.
    let dense = min(max(denseStates, 1), stateCount)
    var bfs = [UInt32](repeating: 0, count: stateCount)  // bfs index -> dfs id
    var head = 0, tail = 1
    while head < tail {
      let s = Int(bfs[head])
      head += 1
      for c in Int(childStart[s])..<Int(childStart[s + 1]) {
        bfs[tail] = childOf[c] + 1
        tail += 1
      }
    }
    var offsetOf = [UInt32](repeating: 0, count: stateCount)  // dfs id -> node offset
    var total = 0
    for b in 0..<stateCount {
      let s = Int(bfs[b])
      offsetOf[s] = UInt32(total)
      let k = Int(childStart[s + 1] - childStart[s])
      total += b < dense ? 2 : 2 + (k + 3) >> 2 + k
    }
    var nodes = [UInt32](repeating: 0, count: total)
    var table = [UInt32](repeating: 0, count: dense << 8)
    for b in 0..<stateCount {
      let s = Int(bfs[b])
      let o = Int(offsetOf[s])
      let lo = Int(childStart[s]), k = Int(childStart[s + 1]) - lo
      nodes[o + 1] = terminalKey[s]
      if b < dense {
        nodes[o] = UInt32(k) | NameAutomaton.denseBit | UInt32(b) << NameAutomaton.rowShift
        for c in 0..<k {
          let e = Int(childOf[lo + c])
          table[b << 8 | Int(edgeByte[e])] = offsetOf[e + 1]
        }
      } else {
        nodes[o] = UInt32(k)
        let targets = o + 2 + (k + 3) >> 2
        for c in 0..<k {
          let e = Int(childOf[lo + c])
          nodes[o + 2 + c >> 2] |= UInt32(edgeByte[e]) << (8 * UInt32(c & 3))
          nodes[targets + c] = offsetOf[e + 1]
        }
      }
    }
    return NameAutomaton(
      matchKind: matchKind, tokenBoundaries: tokenBoundaries, illFormedStarts: illFormedStarts,
      stateCount: stateCount, denseCount: dense, nodes: nodes, table: table, keyLength: keyLength,
      keyFlags: keyFlags, valueStart: valueStart, values: values,
      wordTableMinimumNodes: wordTableMinimumNodes,
      phraseTableMinimumNodes: phraseTableMinimumNodes)
  }
}

/// A compiled multi-key matcher over UTF-8 bytes: a byte trie walked from each position
/// where a name may start, with a dense fast lane near the root.
///
/// Semantics (all offsets are UTF-8 byte offsets into the searched bytes, end exclusive):
/// - keys match byte for byte (normalize keys and text alike before);
/// - with token boundaries on (the default), a key that starts with a letter or digit of a
///   spaced script matches only where no such character precedes it, and likewise at its
///   end, so `europe` is not found in `european` nor `don` in `donald`; Han keys match
///   anywhere (`北京` in `北京欢迎你`);
/// - ``MatchKind/leftmostLongest`` (default) reports non-overlapping matches, leftmost
///   first and longest among those; ``MatchKind/allOverlapping`` reports every match.
///
/// How it searches: because a Latin name can only start where a word starts, the trie is
/// walked from the root only at positions that are not inside a word of a spaced script
/// (every Han character, every word start, every punctuation mark), until the text leaves
/// the trie. Inside-word positions cost one table test, and the walk needs no failure links:
/// the states visited are the names' prefixes actually present in the text. Worst case
/// O(text × longest name).
///
/// So that the time per byte hardly depends on the number of names (a big trie's steps
/// miss the cache), derived tables (rebuilt on load, not saved) cut walks short:
/// - a word table (tries of 64 Ki node words and more): a Latin name matches only where
///   its first word is a whole word of the text, so at an ASCII word start the text's word
///   (up to 10 bytes) is looked up once — a word no name starts with is skipped whole.
///   Its entry says whether a key ends at the word and whether keys go on after it with a
///   space or another ASCII mark, so a word that ends a name, or starts only names that go
///   on differently from the text, costs no trie access;
/// - a phrase table (tries of 4 Mi node words and more): each later word of a name after
///   one space, keyed by the state after the previous word, so that a walk goes on from
///   word to word with one lookup a word (each entry with the same flags), and in-cache
///   filters in front of both tables (most lookups find nothing);
/// - a table from each CJK character (U+3000–U+9FFF) to the state after it;
/// - a filter of the CJK character pairs that start a name, up to a cache line of bits per
///   first character, so that a Han character whose pair no name has is skipped, and (with
///   the phrase table) a table of those pairs with the state after each and whether a key
///   ends there or goes on.
///
/// The trie is walked byte by byte only where these tables cannot tell.
///
/// Layout: one flat `UInt32` array of states in breadth-first order (a state is its offset):
/// a header word (child count; for the first ``NameAutomatonBuilder/denseStates`` states a
/// dense flag and a row of the 256-entry transition table), the key it ends (or none), then
/// for sparse states the children's bytes packed four a word and their target offsets. The
/// automaton is immutable and `Sendable`; save it with ``serialized()`` and load it with
/// ``init(serialized:)`` (a copy of the arrays and one validation pass).
///
/// ```swift
/// var b = NameAutomatonBuilder(matchKind: .leftmostLongest)
/// for (i, k) in ["北京", "欢迎", "你"].enumerated() { b.add(Array(k.utf8), value: UInt32(i)) }
/// b.build().matches(in: Array("北京欢迎你".utf8)).count  // 3
/// ```
public struct NameAutomaton: Sendable {
  static let none = UInt32.max
  static let magic: [UInt8] = Array("WNAC0002".utf8)
  static let countMask: UInt32 = 0x1FF
  static let denseBit: UInt32 = 0x200
  static let rowShift: UInt32 = 10

  /// The default match kind (from the builder).
  public let matchKind: MatchKind
  /// Whether token boundaries are checked (from the builder).
  public let tokenBoundaries: Bool
  /// Whether some key starts with an ill-formed or truncated UTF-8 sequence (then
  /// non-ASCII positions inside words are tried too, so that such keys match exactly as
  /// the byte-wise reference says).
  let illFormedStarts: Bool
  /// The number of trie states.
  public let stateCount: Int
  let denseCount: Int
  let nodes: [UInt32]
  let table: [UInt32]
  let keyLength: [UInt32]
  let keyFlags: [UInt8]
  let valueStart: [UInt32]
  let values: [UInt32]
  /// The state after each whole scalar U+3000–U+9FFF (CJK punctuation, kana, Han) read
  /// from the root (0: none; ``hanEnds`` set when a key ends there), so that a Chinese
  /// name's first character costs one lookup instead of three, and a character that ends
  /// no key and whose pair with the next is in no key costs no trie access at all. Derived
  /// from the trie (not saved); empty when some key starts with an ill-formed sequence.
  let hanTable: [UInt32]
  static let hanBase = 0x3000
  /// The flag on a ``hanTable`` entry whose state ends a key (the offset is the rest).
  static let hanEnds: UInt32 = 0x8000_0000
  /// A block of bits per first CJK character (U+3000–U+9FFF), a bit per hashed second
  /// character of the keys that start with that pair: when a walk has read a first
  /// character and the text's second is CJK too, an unset bit ends the walk at once (no
  /// key continues that way). A character's bits share one cache line, so the frequent
  /// characters' blocks stay in cache. A power of two of words (a small gazetteer's
  /// characters share words). Empty when ``hanTable`` is.
  let hanPairs: [UInt64]
  /// `log2(64-bit words a block)`: the blocks are sized to about 16 bits per pair present
  /// (one word a character for small gazetteers, up to eight, a cache line, with a
  /// million names).
  let pairShift: UInt64
  /// The pair table (with the phrase table, for big tries): each pair of CJK characters
  /// (U+3000–U+9FFF) that starts a key, as `u1 << 16 | u2`, with the state after the pair
  /// and two flags (``pairEnds``, ``pairGoesOn``), in an open-addressed table of 2 words a
  /// slot (0 when empty). A pair that passes ``hanPairs`` is looked up once instead of
  /// walking its second character's three bytes through the trie (three cache misses with
  /// a million names), and a two-character name that no longer name extends matches with no
  /// trie access but its key. Empty when ``hanPairs`` is, or for smaller tries.
  let pairSlots: [UInt32]
  /// The number of slots of ``pairSlots``.
  let pairCapacity: Int
  /// The flag on a ``pairSlots`` state that ends a key.
  static let pairEnds: UInt32 = 0x8000_0000
  /// The flag on a ``pairSlots`` state with children.
  static let pairGoesOn: UInt32 = 0x4000_0000
  /// The word table: every ASCII first word of a key (its first run of ASCII letters and
  /// digits, up to ``tokenMaxLength`` bytes, when the key ends there or goes on with an ASCII
  /// non-word byte) packed six bits a byte into a `UInt64`, with the trie state after it, in
  /// an open-addressed table of 3 words a slot (packed low, packed high, state; all 0 when
  /// empty). A Latin name matches only where its first word is a whole word of the text, so
  /// at an ASCII word start the text's word is looked up once: a word that starts no name
  /// is skipped without touching the trie, and one that does resumes the walk after it
  /// (with a million names a walk of one trie step, one cache miss, per byte otherwise).
  /// Derived from the trie (not saved); empty without token boundaries.
  let tokenSlots: [UInt32]
  /// The number of slots of ``tokenSlots``.
  let tokenCapacity: Int
  /// The phrase table (tries of 4 Mi node words and more): the words after the first of
  /// each name, found the same way, for the walk to go from word to word: each word of a
  /// key that follows one space after an earlier word, keyed by the state after that
  /// earlier word (its anchor) and the packed word, in an open-addressed table of 4 words a
  /// slot (packed low, packed high with the flags, anchor, state). So a name of several
  /// words costs a lookup a word rather than a trie step (a cache miss in a big trie) a
  /// byte. Derived from the trie (not saved); empty for smaller tries (it would hold about
  /// as many entries as the word table, and those tries stay closer to the cache).
  let phraseSlots: [UInt32]
  /// The number of slots of ``phraseSlots``.
  let phraseCapacity: Int
  /// Filters of the word and phrase tables' hashes (with the phrase table): most lookups
  /// find no entry, and a filter small enough to stay in cache says so without reading the
  /// table (a cache miss). Empty without the phrase table.
  let wordFilter: [UInt64]
  let phraseFilter: [UInt64]
  /// The phrase table is made for tries of at least 4 Mi node words (16 MB).
  static let phraseTableMinimumNodes = 1 << 22
  /// The longest first word the word table holds (longer text words walk the trie).
  static let tokenMaxLength = 10
  /// The word table is made for tries of at least 64 Ki node words (256 KB, beyond what
  /// stays in a core's cache): a smaller trie's walk hits the cache and is cheaper than
  /// hashing the word (1k names: −15 % with the table; 10k names: +17 %).
  static let wordTableMinimumNodes = 1 << 16

  /// The 6-bit code (1…62) of an ASCII letter or digit.
  @inline(__always)
  static func tokenCode(_ b: UInt8) -> UInt64 {
    UInt64(b <= 0x39 ? b &- 0x2F : (b <= 0x5A ? b &- 0x36 : b &- 0x3C))
  }

  /// The slot where the search for packed word `w` starts.
  @inline(__always)
  static func tokenSlot(_ w: UInt64, _ capacity: Int) -> Int {
    slot(tokenHash(w), capacity)
  }

  /// The hash of packed word `w` (a slot from its high bits, filter bits from its low bits).
  @inline(__always)
  static func tokenHash(_ w: UInt64) -> UInt64 {
    let h = w &* 0x9E37_79B9_7F4A_7C15
    return h ^ h >> 29
  }

  /// The hash of packed word `w` after state `anchor` (phrase table).
  @inline(__always)
  static func phraseHash(_ w: UInt64, _ anchor: UInt32) -> UInt64 {
    tokenHash(w ^ (UInt64(anchor) &* 0xD6E8_FEB8_6659_FD93))
  }

  /// The slot of hash `h` in a table of `capacity` slots.
  @inline(__always)
  static func slot(_ h: UInt64, _ capacity: Int) -> Int {
    Int(truncatingIfNeeded: h.multipliedFullWidth(by: UInt64(capacity)).high)
  }

  /// Whether hash `h` may be in `filter` (a power of two of words; two bits of one word a
  /// hash): `false` means surely not.
  @inline(__always)
  static func mayContain(_ filter: UnsafePointer<UInt64>, _ mask: Int, _ h: UInt64) -> Bool {
    let bits: UInt64 = 1 << (h & 63) | 1 << (h >> 6 & 63)
    return filter[Int(truncatingIfNeeded: h >> 12) & mask] & bits == bits
  }

  /// A filter for `count` hashes: 8–16 bits a hash (a power of two of words: 2–5 % false
  /// positives), small enough to stay in a core's cache with a million names (512 KB).
  static func emptyFilter(_ count: Int) -> [UInt64] {
    var words = 1
    while 8 * words < count { words <<= 1 }
    return [UInt64](repeating: 0, count: words)
  }

  /// Adds hash `h` to `filter`.
  static func insert(_ h: UInt64, into filter: inout [UInt64]) {
    filter[Int(truncatingIfNeeded: h >> 12) & (filter.count - 1)] |=
      1 << (h & 63) | 1 << (h >> 6 & 63)
  }

  /// Flags of a word-table entry, in the top four bits of its second word (a packed word
  /// uses 60 bits): the state after the word ends a key…
  static let wordEnds: UInt32 = 1 << 28
  /// …it has a child by a space…
  static let wordSpace: UInt32 = 1 << 29
  /// …that child (the state after the word and a space) ends a key…
  static let wordSpaceEnds: UInt32 = 1 << 30
  /// …it has a child by another ASCII byte that is not a letter or digit.
  static let wordOther: UInt32 = 1 << 31
  static let wordFlags: UInt32 = 0xF000_0000

  /// Builds ``tokenSlots`` and, when `phrases`, ``phraseSlots``: a depth-first walk of the
  /// trie along ASCII letters and digits from the root (and, for the phrase table, from
  /// the state after each listed word and a space), with bounds checks and at most one
  /// visit per state (a corrupt trie yields empty tables, and is then rejected by
  /// validation).
  static func tokenTables(nodes: [UInt32], table: [UInt32], phrases: Bool)
    -> (
      words: [UInt32], wordCapacity: Int, phrases: [UInt32], phraseCapacity: Int,
      wordFilter: [UInt64], phraseFilter: [UInt64]
    )
  {
    // Run twice (count, then fill) rather than collecting the words: the table is made
    // while a loaded file is still in memory, at the peak of a load.
    // `body(anchor, word, state, flags, first)`: anchor 0 for a name's first word, else the
    // state after the previous word (the word follows it and one space); `first`: that
    // previous word, when it is a first word (else 0).
    func forEachEntry(_ body: (UInt32, UInt64, UInt32, UInt32, UInt64) -> Void) -> Bool {
      var stack: [(state: Int, depth: Int, word: UInt64)] = []
      var anchors: [(anchor: Int, start: Int, first: UInt64)] = [(0, 0, 0)]
      var visits = 0
      while let (anchor, start, first) = anchors.popLast() {
        if start == 0 {
          for b in 0..<min(128, table.count) where isASCIIWord(UInt8(b)) && table[b] != 0 {
            stack.append((Int(table[b]), 1, tokenCode(UInt8(b))))
          }
        } else {
          forEachChild(nodes, table, start) { b, t in
            if isASCIIWord(b) { stack.append((t, 1, tokenCode(b))) }
          }
        }
        while let (s, depth, word) = stack.popLast() {
          visits += 1
          guard visits <= nodes.count, s > 0, s + 1 < nodes.count else { return false }
          var flags: UInt32 = nodes[s + 1] != none ? wordEnds : 0
          var space = 0
          forEachChild(nodes, table, s) { b, t in
            if isASCIIWord(b) {
              if depth < tokenMaxLength { stack.append((t, depth + 1, word << 6 | tokenCode(b))) }
            } else if b == 0x20 {
              flags |= wordSpace
              space = t
              if t + 1 < nodes.count && nodes[t + 1] != none { flags |= wordSpaceEnds }
            } else if b < 0x80 {
              flags |= wordOther
            }
          }
          guard flags != 0 else { continue }
          body(UInt32(anchor), word, UInt32(s), flags, first)
          if phrases, space != 0, flags & wordSpaceEnds == 0 {
            anchors.append((s, space, anchor == 0 ? word : 0))
          }
        }
      }
      return true
    }
    var wordCount = 0, phraseCount = 0
    guard forEachEntry({ a, _, _, _, _ in if a == 0 { wordCount += 1 } else { phraseCount += 1 } }),
      wordCount > 0
    else {
      return ([], 0, [], 0, [], [])
    }
    let capacity = wordCount + wordCount / 3 + 1
    // With the phrase table a slot has a fourth word: two bits of each phrase-table hash of
    // the words that follow this one (see ``nextWordBits(_:)``), a filter in the same cache
    // line.
    let stride = phrases ? 4 : 3
    var slots = [UInt32](repeating: 0, count: stride * capacity)
    let phraseCapacity = phraseCount == 0 ? 0 : phraseCount + phraseCount / 3 + 1
    var phraseSlots = [UInt32](repeating: 0, count: 4 * phraseCapacity)
    var wordFilter = phrases ? emptyFilter(wordCount) : []
    var phraseFilter = phrases && phraseCount > 0 ? emptyFilter(phraseCount) : []
    _ = forEachEntry { a, w, s, flags, first in
      let lo = UInt32(truncatingIfNeeded: w), hi = UInt32(truncatingIfNeeded: w >> 32) | flags
      if a == 0 {
        let h = tokenHash(w)
        if !wordFilter.isEmpty { insert(h, into: &wordFilter) }
        var i = slot(h, capacity)
        while slots[stride * i] | slots[stride * i + 1] != 0 {
          i += 1
          if i == capacity { i = 0 }
        }
        slots[stride * i] = lo
        slots[stride * i + 1] = hi
        slots[stride * i + 2] = s
      } else {
        let h = phraseHash(w, a)
        if !phraseFilter.isEmpty { insert(h, into: &phraseFilter) }
        if first != 0 {
          // The first word's slot (filled before: anchors are expanded after their word).
          var i = slot(tokenHash(first), capacity)
          while slots[stride * i] | slots[stride * i + 1] != 0 {
            if slots[stride * i + 2] == a {
              slots[stride * i + 3] |= nextWordBits(h)
              break
            }
            i += 1
            if i == capacity { i = 0 }
          }
        }
        var i = slot(h, phraseCapacity)
        while phraseSlots[4 * i] | phraseSlots[4 * i + 1] != 0 {
          i += 1
          if i == phraseCapacity { i = 0 }
        }
        phraseSlots[4 * i] = lo
        phraseSlots[4 * i + 1] = hi
        phraseSlots[4 * i + 2] = a
        phraseSlots[4 * i + 3] = s
      }
    }
    return (slots, capacity, phraseSlots, phraseCapacity, wordFilter, phraseFilter)
  }

  /// The bits of phrase-table hash `h` in the filter word of a first word's slot.
  @inline(__always)
  static func nextWordBits(_ h: UInt64) -> UInt32 {
    1 << UInt32(truncatingIfNeeded: h >> 20 & 31) | 1 << UInt32(truncatingIfNeeded: h >> 26 & 31)
  }

  /// The word of ``hanPairs`` and the bit in it for the pair (`u1`, `u2`).
  @inline(__always)
  static func pairBit(_ u1: Int, _ u2: Int, _ log: UInt64) -> (word: Int, bit: UInt64) {
    let h = Int(truncatingIfNeeded: (UInt64(u2) &* 0x9E37_79B9_7F4A_7C15) >> (58 &- log))
    return ((u1 - hanBase) << log | h >> 6, UInt64(h & 63))
  }

  /// An automaton from its tables (the builder's output, or a serialized file's), with the
  /// lookup tables derived from them (``hanTable``, ``hanPairs``, the token tables) unless
  /// `derivedTables` is false: then only the trie is there, enough for ``validate(_:)``
  /// before the derived tables are built.
  init(
    matchKind: MatchKind, tokenBoundaries: Bool, illFormedStarts: Bool, stateCount: Int,
    denseCount: Int,
    nodes: [UInt32], table: [UInt32], keyLength: [UInt32], keyFlags: [UInt8], valueStart: [UInt32],
    values: [UInt32], wordTableMinimumNodes: Int = NameAutomaton.wordTableMinimumNodes,
    phraseTableMinimumNodes: Int = NameAutomaton.phraseTableMinimumNodes,
    derivedTables: Bool = true
  ) {
    self.matchKind = matchKind
    self.tokenBoundaries = tokenBoundaries
    self.illFormedStarts = illFormedStarts
    self.stateCount = stateCount
    self.denseCount = denseCount
    self.nodes = nodes
    self.table = table
    self.keyLength = keyLength
    self.keyFlags = keyFlags
    self.valueStart = valueStart
    self.values = values
    let han = illFormedStarts || !derivedTables ? [] : Self.hanTable(nodes: nodes, table: table)
    self.hanTable = han
    let pairs: (bits: [UInt64], shift: UInt64, slots: [UInt32], capacity: Int) =
      han.isEmpty
      ? ([], 0, [], 0)
      : Self.hanPairs(
        nodes: nodes, table: table, han: han,
        slots: tokenBoundaries && nodes.count >= phraseTableMinimumNodes)
    self.hanPairs = pairs.bits
    self.pairShift = pairs.shift
    self.pairSlots = pairs.slots
    self.pairCapacity = pairs.capacity
    let words:
      (
        words: [UInt32], wordCapacity: Int, phrases: [UInt32], phraseCapacity: Int,
        wordFilter: [UInt64], phraseFilter: [UInt64]
      ) =
        derivedTables && tokenBoundaries && nodes.count >= wordTableMinimumNodes
        ? Self.tokenTables(
          nodes: nodes, table: table, phrases: nodes.count >= phraseTableMinimumNodes)
        : ([], 0, [], 0, [], [])
    self.tokenSlots = words.words
    self.tokenCapacity = words.wordCapacity
    self.phraseSlots = words.phrases
    self.phraseCapacity = words.phraseCapacity
    self.wordFilter = words.wordFilter
    self.phraseFilter = words.phraseFilter
  }

  /// Builds ``hanPairs`` from the states after each first character (bounds-checked, like
  /// ``hanTable(nodes:table:)``).
  /// With `slots`, builds ``pairSlots`` too.
  static func hanPairs(nodes: [UInt32], table: [UInt32], han: [UInt32], slots: Bool)
    -> (bits: [UInt64], shift: UInt64, slots: [UInt32], capacity: Int)
  {
    // A key ending inside the second character (ill-formed) would be cut off by the
    // filter: then there is no filter.
    var partialEnd = false
    func ends(_ s: Int) -> Bool { s + 1 < nodes.count && nodes[s + 1] != none }
    // Run twice (count, then set bits) rather than collecting the pairs (see tokenTable).
    func forEachPair(_ body: (Int, Int, Int) -> Void) {
      for (i, e) in han.enumerated() where e != 0 {
        let u1 = hanBase + i
        forEachChild(nodes, table, Int(e & ~hanEnds)) { lead, s4 in
          if ends(s4) { partialEnd = true }
          guard lead &- 0xE3 < 7 else { return }
          forEachChild(nodes, table, s4) { b1, s5 in
            if ends(s5) { partialEnd = true }
            guard b1 & 0xC0 == 0x80 else { return }
            forEachChild(nodes, table, s5) { b2, s6 in
              guard b2 & 0xC0 == 0x80 else { return }
              let u2 = Int(lead & 0x0F) << 12 | Int(b1 & 0x3F) << 6 | Int(b2 & 0x3F)
              body(u1, u2, s6)
            }
          }
        }
      }
    }
    var count = 0
    forEachPair { _, _, _ in count += 1 }
    if partialEnd { return ([], 0, [], 0) }
    var log: UInt64 = 0
    while log < 3 && (64 * han.count) << log < 16 * count { log += 1 }
    // Blocks for all characters (32 Ki, a power of two ≥ the 28 Ki characters) or, for
    // few pairs, fewer words that the characters share (≥ 16 bits a pair, ≥ 512 bytes).
    var words = 64
    while words < 32768 << log && 64 * words < 16 * count { words <<= 1 }
    var bits = [UInt64](repeating: 0, count: words)
    // The pair table's states must leave two bits free; only pairs of CJK characters
    // (a pair with a CJK second character but U+A000 and up is never looked up).
    guard slots, count > 0, nodes.count < 1 << 30 else {
      forEachPair { u1, u2, _ in
        let (w, b) = pairBit(u1, u2, log)
        bits[w & (words - 1)] |= 1 << b
      }
      return (bits, log, [], 0)
    }
    let capacity = count + count / 3 + 1
    var pairSlots = [UInt32](repeating: 0, count: 2 * capacity)
    forEachPair { u1, u2, s6 in
      let (w, b) = pairBit(u1, u2, log)
      bits[w & (words - 1)] |= 1 << b
      guard u2 < 0xA000, s6 > 0, s6 + 1 < nodes.count else { return }
      let key = UInt32(u1 << 16 | u2)
      var i = slot(tokenHash(UInt64(key)), capacity)
      while pairSlots[2 * i] != 0 {
        i += 1
        if i == capacity { i = 0 }
      }
      pairSlots[2 * i] = key
      pairSlots[2 * i + 1] =
        UInt32(s6) | (nodes[s6 + 1] != none ? pairEnds : 0)
        | (nodes[s6] & countMask != 0 ? pairGoesOn : 0)
    }
    return (bits, log, pairSlots, capacity)
  }

  /// Calls `body` with each (byte, child) of state `s`, with bounds checks.
  static func forEachChild(
    _ nodes: [UInt32], _ table: [UInt32], _ s: Int, _ body: (UInt8, Int) -> Void
  ) {
    guard s > 0, s + 1 < nodes.count else { return }
    let h = nodes[s]
    if h & denseBit != 0 {
      let row = Int(h >> rowShift) << 8
      guard row + 256 <= table.count else { return }
      for b in 0..<256 where table[row + b] != 0 { body(UInt8(b), Int(table[row + b])) }
      return
    }
    let count = Int(h & countMask)
    let targets = s + 2 + (count + 3) >> 2
    guard targets + count <= nodes.count else { return }
    for c in 0..<count {
      body(
        UInt8(truncatingIfNeeded: nodes[s + 2 + c >> 2] >> (8 * UInt32(c & 3))),
        Int(nodes[targets + c]))
    }
  }

  /// One transition with bounds checks (0: none), for the derived tables.
  static func step(_ nodes: [UInt32], _ table: [UInt32], _ s: Int, _ b: UInt8) -> Int {
    guard s > 0, s + 1 < nodes.count else { return 0 }
    let h = nodes[s]
    if h & denseBit != 0 {
      let i = Int(h >> rowShift) << 8 | Int(b)
      return i < table.count ? Int(table[i]) : 0
    }
    let count = Int(h & countMask)
    let targets = s + 2 + (count + 3) >> 2
    guard targets + count <= nodes.count else { return 0 }
    for c in 0..<count
    where UInt8(truncatingIfNeeded: nodes[s + 2 + c >> 2] >> (8 * UInt32(c & 3))) == b {
      return Int(nodes[targets + c])
    }
    return 0
  }

  /// Builds ``hanTable`` by walking the trie with bounds checks (it runs before a loaded
  /// automaton is validated, and a corrupt one is then discarded).
  static func hanTable(nodes: [UInt32], table: [UInt32]) -> [UInt32] {
    func step(_ s: Int, _ b: UInt8) -> Int { Self.step(nodes, table, s, b) }
    guard nodes.count < 1 << 31 else { return [] }  // offsets must leave the top bit free
    var han = [UInt32](repeating: 0, count: 0xA000 - hanBase)
    for lead in UInt8(0xE3)...0xE9 where Int(lead) < table.count {
      let s1 = Int(table[Int(lead)])
      guard s1 != 0 else { continue }
      for b1 in UInt8(0x80)...0xBF {
        let s2 = step(s1, b1)
        guard s2 != 0 else { continue }
        for b2 in UInt8(0x80)...0xBF {
          let u = Int(lead & 0x0F) << 12 | Int(b1 & 0x3F) << 6 | Int(b2 & 0x3F)
          let s3 = step(s2, b2)
          han[u - hanBase] =
            s3 == 0 ? 0 : UInt32(s3) | (s3 + 1 < nodes.count && nodes[s3 + 1] != none ? hanEnds : 0)
        }
      }
    }
    return han
  }

  /// The number of distinct keys.
  public var keyCount: Int { keyLength.count }
  /// Approximate memory held by the automaton's tables, in bytes.
  public var memoryBytes: Int {
    4
      * (nodes.count + table.count + pairSlots.count + keyLength.count + valueStart.count
        + values.count + hanTable.count + tokenSlots.count + phraseSlots.count)
      + 8 * (hanPairs.count + wordFilter.count + phraseFilter.count) + keyFlags.count
  }

  /// The values added with key number `key` (a match's ``AutomatonMatch/key``), in the
  /// order they were added.
  public func values(ofKey key: Int) -> ArraySlice<UInt32> {
    guard key >= 0, key + 1 < valueStart.count else { return [] }
    return values[Int(valueStart[key])..<Int(valueStart[key + 1])]
  }

  /// The byte length of key number `key`.
  public func length(ofKey key: Int) -> Int {
    guard key >= 0, key < keyLength.count else { return 0 }
    return Int(keyLength[key])
  }

  /// Finds the keys in `text`.
  /// - Parameters:
  ///   - text: UTF-8 bytes, normalized like the keys.
  ///   - kind: the match kind; default the automaton's ``matchKind``.
  /// - Returns: the matches, ordered by start (then end).
  ///
  /// ```swift
  /// automaton.matches(in: Array("new york".utf8), kind: .allOverlapping)
  /// ```
  public func matches(in text: UnsafeBufferPointer<UInt8>, kind: MatchKind? = nil)
    -> [AutomatonMatch]
  {
    var all: [AutomatonMatch] = []
    scan(text, leftmostLongest: (kind ?? matchKind) == .leftmostLongest) { all.append($0) }
    return all
  }

  /// Finds the keys in `text`; see ``matches(in:kind:)-(UnsafeBufferPointer<UInt8>,_)``.
  public func matches(in text: [UInt8], kind: MatchKind? = nil) -> [AutomatonMatch] {
    text.withUnsafeBufferPointer { matches(in: $0, kind: kind) }
  }

  /// Calls `body` with every match (all overlapping, honouring token boundaries), ordered
  /// by start, then end. The allocation-free core of ``matches(in:kind:)-(UnsafeBufferPointer<UInt8>,_)``.
  public func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (AutomatonMatch) -> Void) {
    scan(text, leftmostLongest: false, body)
  }

  /// Calls `body` with the matches of one kind, in order.
  /// - Parameters:
  ///   - text: the bytes.
  ///   - leftmostLongest: report only the leftmost-longest non-overlapping matches.
  ///   - body: called with each match.
  @inline(__always)
  func scan(
    _ text: UnsafeBufferPointer<UInt8>, leftmostLongest: Bool, _ body: (AutomatonMatch) -> Void
  ) {
    guard let base = text.baseAddress, text.count > 0 else { return }
    nodes.withUnsafeBufferPointer { nodeBuffer in
      table.withUnsafeBufferPointer { tableBuffer in
        keyFlags.withUnsafeBufferPointer { flagBuffer in
          hanTable.withUnsafeBufferPointer { hanBuffer in
            hanPairs.withUnsafeBufferPointer { pairBuffer in
              pairSlots.withUnsafeBufferPointer { pairSlotBuffer in
                tokenSlots.withUnsafeBufferPointer { wordBuffer in
                  phraseSlots.withUnsafeBufferPointer { phraseBuffer in
                    wordFilter.withUnsafeBufferPointer { wordFilterBuffer in
                      phraseFilter.withUnsafeBufferPointer { phraseFilterBuffer in
                        guard let nd = nodeBuffer.baseAddress, let tb = tableBuffer.baseAddress,
                          let kf = flagBuffer.baseAddress
                        else { return }
                        // An empty array's buffer may still have a base address: test the counts.
                        let hn = hanBuffer.isEmpty ? nil : hanBuffer.baseAddress
                        let pairs = pairBuffer.isEmpty ? nil : pairBuffer.baseAddress
                        let pairShift = self.pairShift
                        let pairSlots = pairSlotBuffer.isEmpty ? nil : pairSlotBuffer.baseAddress
                        let pairCapacity = self.pairCapacity
                        let pairMask = pairBuffer.count &- 1
                        let words = wordBuffer.isEmpty ? nil : wordBuffer.baseAddress
                        let wordCapacity = tokenCapacity
                        let wordStride = wordCapacity > 0 ? wordBuffer.count / wordCapacity : 3
                        let phrases = phraseBuffer.isEmpty ? nil : phraseBuffer.baseAddress
                        let phraseCapacity = self.phraseCapacity
                        let wordFilter =
                          wordFilterBuffer.isEmpty ? nil : wordFilterBuffer.baseAddress
                        let wordFilterMask = wordFilterBuffer.count &- 1
                        let phraseFilter =
                          phraseFilterBuffer.isEmpty ? nil : phraseFilterBuffer.baseAddress
                        let phraseFilterMask = phraseFilterBuffer.count &- 1
                        let n = text.count
                        let skipWords = tokenBoundaries
                        let wordStartsOnlyNonASCII = tokenBoundaries && !illFormedStarts
                        var p = 0
                        while p < n {
                          let c = base[p]
                          var s: Int
                          var j: Int
                          var stop = n  // the walk reads no byte at or after `stop`
                          var next = p + 1  // where to go on when no match starts at p
                          var best = Found(start: p)
                          if c &- 0xE3 < 7, let hn, p + 2 < n, base[p + 1] & 0xC0 == 0x80,
                            base[p + 2] & 0xC0 == 0x80
                          {
                            // A CJK character (never inside a spaced-script word): one lookup for it.
                            let u =
                              Int(c & 0x0F) << 12 | Int(base[p + 1] & 0x3F) << 6
                              | Int(base[p + 2] & 0x3F)
                            let e = hn[u - NameAutomaton.hanBase]
                            s = Int(e & ~NameAutomaton.hanEnds)
                            if s == 0 {
                              // no key starts with a continuation byte (no ill-formed starts)
                              p += 3
                              continue
                            }
                            j = p + 3
                            // A second CJK character that no key puts after this one ends the walk here.
                            if let pairs, j + 2 < n, base[j] &- 0xE3 < 7,
                              base[j + 1] & 0xC0 == 0x80, base[j + 2] & 0xC0 == 0x80
                            {
                              let u2 =
                                Int(base[j] & 0x0F) << 12 | Int(base[j + 1] & 0x3F) << 6
                                | Int(base[j + 2] & 0x3F)
                              let (w, bit) = Self.pairBit(u, u2, pairShift)
                              var found = pairs[w & pairMask] & (1 << bit) != 0
                              if found, let pairSlots {
                                // The pair table: the state after the pair, without walking its bytes.
                                let key = UInt32(truncatingIfNeeded: u << 16 | u2)
                                var i = Self.slot(Self.tokenHash(UInt64(key)), pairCapacity)
                                var v: UInt32 = 0
                                while true {
                                  let k = pairSlots[2 * i]
                                  if k == key {
                                    v = pairSlots[2 * i + 1]
                                    break
                                  }
                                  if k == 0 { break }
                                  i += 1
                                  if i == pairCapacity { i = 0 }
                                }
                                if v == 0 {
                                  found = false  // the filter's false positive
                                } else {
                                  // Han keys need no boundary test.
                                  if e & NameAutomaton.hanEnds != 0 {
                                    best.keyEnds(at: j, state: s, leftmostLongest, nd, body)
                                  }
                                  let t = Int(
                                    v & ~(NameAutomaton.pairEnds | NameAutomaton.pairGoesOn))
                                  if v & NameAutomaton.pairGoesOn != 0 {
                                    // walk on after the pair (the walk reports a key ending at it)
                                    s = t
                                    j += 3
                                  } else {
                                    if v & NameAutomaton.pairEnds != 0 {
                                      best.keyEnds(at: j + 3, state: t, leftmostLongest, nd, body)
                                    }
                                    s = -1  // no walk
                                  }
                                }
                              }
                              if !found {
                                // No key continues: unless one ends here, skip without touching the state
                                // (with a million names it is a cache miss for nearly every Han character).
                                if e & NameAutomaton.hanEnds == 0 {
                                  p = j
                                  continue
                                }
                                stop = j
                              }
                            }
                          } else {
                            // Inside a word of a spaced script no key can start (its first letter would need
                            // a boundary before it): one test per byte on the ASCII lane.
                            if skipWords, p > 0 {
                              if c < 0x80 {
                                if Self.isASCIIWord(c), Self.wordBefore(p, base, text) {
                                  p += 1; continue
                                }
                              } else if wordStartsOnlyNonASCII, c >= 0xC0,
                                TokenBoundary.isSpacedWordScalar(
                                  TokenBoundary.scalar(at: p, in: text)),
                                Self.wordBefore(p, base, text)
                              {
                                p += 1
                                continue
                              }
                            }
                            s = 0
                            j = p + 1
                            if let words, Self.isASCIIWord(c) {
                              // An ASCII word start (p is not inside a word, see above): a key matching here
                              // has this whole word as its first word, so look the word up.
                              let (e, w) = Self.packWord(base, p, n)
                              if e - p <= Self.tokenMaxLength, e == n || base[e] < 0x80 {
                                let h = Self.tokenHash(w)
                                if let wordFilter, !Self.mayContain(wordFilter, wordFilterMask, h) {
                                  // no key has this first word; the rest of the word is inside it
                                  p = e
                                  continue
                                }
                                var i = Self.slot(h, wordCapacity)
                                let lo = UInt32(truncatingIfNeeded: w),
                                  hi = UInt32(truncatingIfNeeded: w >> 32)
                                var t = 0
                                var flags: UInt32 = 0
                                // the slot's filter of the next words' hashes
                                var nextWords: UInt32? = nil
                                while true {
                                  let slot = words + wordStride * i
                                  if slot[0] == lo && slot[1] & ~NameAutomaton.wordFlags == hi {
                                    t = Int(slot[2])
                                    flags = slot[1]
                                    if wordStride == 4 { nextWords = slot[3] }
                                    break
                                  }
                                  if slot[0] | slot[1] == 0 { break }
                                  i += 1
                                  if i == wordCapacity { i = 0 }
                                }
                                if t == 0 {
                                  // no key has this first word; the rest of the word is inside it
                                  p = e
                                  continue
                                }
                                next = e
                                // Go on from word to word with the flags and the phrase table while the text
                                // goes on the way the keys do; the trie is walked (from state t at byte e)
                                // only where they cannot tell. Keys ending at a word's end need no boundary
                                // test: the word starts after a non-word scalar and ends before one.
                                var end = e
                                var walk = false
                                while true {
                                  // the state after the text's next word, if a key goes on with it
                                  var u = 0
                                  var uFlags: UInt32 = 0
                                  var uEnd = end
                                  if end < n {
                                    let d = base[end]  // ASCII, not a letter or digit
                                    if d == 0x20 {
                                      if flags & NameAutomaton.wordSpace != 0 {
                                        walk = true
                                        if flags & NameAutomaton.wordSpaceEnds == 0, let phrases,
                                          end + 1 < n, Self.isASCIIWord(base[end + 1])
                                        {
                                          let (f, w2) = Self.packWord(base, end + 1, n)
                                          if f - end - 1 <= Self.tokenMaxLength,
                                            f == n || base[f] < 0x80
                                          {
                                            walk = false
                                            let lo2 = UInt32(truncatingIfNeeded: w2),
                                              hi2 = UInt32(truncatingIfNeeded: w2 >> 32)
                                            let anchor = UInt32(truncatingIfNeeded: t)
                                            let h2 = Self.phraseHash(w2, anchor)
                                            var k = Self.slot(h2, phraseCapacity)
                                            if let bits = nextWords {
                                              let b = Self.nextWordBits(h2)
                                              if bits & b != b { k = -1 }
                                            } else if let phraseFilter,
                                              !Self.mayContain(phraseFilter, phraseFilterMask, h2)
                                            {
                                              k = -1
                                            }
                                            while k >= 0 {
                                              let slot = phrases + 4 * k
                                              if slot[0] == lo2
                                                && slot[1] & ~NameAutomaton.wordFlags == hi2
                                                && slot[2] == anchor
                                              {
                                                u = Int(slot[3])
                                                uFlags = slot[1]
                                                uEnd = f
                                                break
                                              }
                                              if slot[0] | slot[1] == 0 { break }
                                              k += 1
                                              if k == phraseCapacity { k = 0 }
                                            }
                                          }
                                        }
                                      }
                                    } else if flags & NameAutomaton.wordOther != 0 {
                                      walk = true
                                    }
                                  }
                                  // the walk below sees the key ending at t, if any
                                  if walk { break }
                                  if flags & NameAutomaton.wordEnds != 0 {
                                    best.keyEnds(at: end, state: t, leftmostLongest, nd, body)
                                  }
                                  if u == 0 { break }
                                  nextWords = nil
                                  t = u
                                  flags = uFlags
                                  end = uEnd
                                }
                                if walk {
                                  s = t
                                  j = end
                                } else {
                                  s = -1  // no walk
                                }
                              }
                            }
                            if s == 0 {
                              s = Int(tb[Int(c)])  // the root is dense row 0; 0 means no transition
                              if s == 0 {
                                p += 1
                                continue
                              }
                            }
                          }
                          while s >= 0 {
                            let k = nd[s + 1]
                            if k != NameAutomaton.none {
                              let key = Int(k)
                              let f = kf[key]
                              if f == 0 || boundaryOK(text, start: p, end: j, flags: f) {
                                best.keyEnds(at: j, key: key, leftmostLongest, body)
                              }
                            }
                            if j >= stop { break }
                            let h = nd[s]
                            let b = base[j]
                            var t = 0
                            if h & NameAutomaton.denseBit != 0 {
                              t = Int(tb[Int(h >> NameAutomaton.rowShift) << 8 | Int(b)])
                            } else {
                              let count = Int(h & NameAutomaton.countMask)
                              if count == 0 { break }
                              let labels = UnsafeRawPointer(nd + s + 2).assumingMemoryBound(
                                to: UInt8.self)
                              let targets = s + 2 + (count + 3) >> 2
                              if count <= 8 {
                                var i = 0
                                while i < count {
                                  let l = labels[i]
                                  if l == b {
                                    t = Int(nd[targets + i])
                                    break
                                  }
                                  if l > b { break }
                                  i += 1
                                }
                              } else {
                                var lo = 0, hi = count
                                while lo < hi {
                                  let mid = (lo + hi) >> 1
                                  let l = labels[mid]
                                  if l == b {
                                    t = Int(nd[targets + mid])
                                    break
                                  }
                                  if l < b { lo = mid + 1 } else { hi = mid }
                                }
                              }
                            }
                            if t == 0 { break }
                            s = t
                            j += 1
                          }
                          if best.end >= 0 {
                            body(
                              AutomatonMatch(
                                start: p, end: best.end,
                                key: best.key < 0 ? Int(nd[best.state + 1]) : best.key))
                            p = best.end
                          } else {
                            p = next
                          }
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
  }

  /// The matches found from one start position during ``scan(_:leftmostLongest:_:)``:
  /// reported at once (all overlapping), or the longest kept until the walk from the start
  /// ends (leftmost-longest). A value updated in place, so the scan loop pays no run-time
  /// exclusivity checks (a local closure capturing these would).
  struct Found {
    /// Where the matches start.
    let start: Int
    /// The end of the longest match so far, or -1.
    var end = -1
    /// Its key; -1 when it is the key that ends at ``state`` (looked up once, at the end).
    var key = 0
    /// The node whose key ends at ``end`` when ``key`` is -1.
    var state = 0

    init(start: Int) { self.start = start }

    /// A key ends at `end`: the key of node `state`.
    @inline(__always)
    mutating func keyEnds(
      at end: Int, state: Int, _ leftmostLongest: Bool, _ nd: UnsafePointer<UInt32>,
      _ body: (AutomatonMatch) -> Void
    ) {
      if leftmostLongest {
        self.end = end
        key = -1
        self.state = state
      } else {
        body(AutomatonMatch(start: start, end: end, key: Int(nd[state + 1])))
      }
    }

    /// A key ends at `end`: `key`.
    @inline(__always)
    mutating func keyEnds(
      at end: Int, key: Int, _ leftmostLongest: Bool, _ body: (AutomatonMatch) -> Void
    ) {
      if leftmostLongest {
        self.end = end
        self.key = key
      } else {
        body(AutomatonMatch(start: start, end: end, key: key))
      }
    }
  }

  /// The end of the run of ASCII letters and digits from `p` (one at least), and its first
  /// ``tokenMaxLength`` bytes packed six bits a byte, in one pass.
  @inline(__always)
  static func packWord(_ base: UnsafePointer<UInt8>, _ p: Int, _ n: Int) -> (end: Int, word: UInt64)
  {
    var w = tokenCode(base[p])
    var e = p + 1
    while e < n {
      let d = base[e]
      guard isASCIIWord(d) else { break }
      if e - p < tokenMaxLength { w = w << 6 | tokenCode(d) }
      e += 1
    }
    return (e, w)
  }

  @inline(__always)
  static func isASCIIWord(_ c: UInt8) -> Bool {
    (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10
  }

  /// Whether the scalar before byte `p` (> 0) is a letter or digit of a spaced script.
  @inline(__always)
  static func wordBefore(_ p: Int, _ base: UnsafePointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    let q = base[p - 1]
    if q < 0x80 { return isASCIIWord(q) }
    return TokenBoundary.isSpacedWordScalar(TokenBoundary.scalar(before: p, in: text))
  }

  @inline(__always)
  func boundaryOK(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, flags: UInt8) -> Bool {
    if flags & 1 != 0, start > 0,
      TokenBoundary.isSpacedWordScalar(TokenBoundary.scalar(before: start, in: text))
    {
      return false
    }
    if flags & 2 != 0, end < text.count,
      TokenBoundary.isSpacedWordScalar(TokenBoundary.scalar(at: end, in: text))
    {
      return false
    }
    return true
  }
}
