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
  /// transition row: the dense fast lane. Default 1024 (1 MB).
  public var denseStates: Int

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
    self.denseStates = 1024
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

  /// Compiles the automaton: a trie in breadth-first order with failure and output links
  /// (Aho-Corasick), sparse sorted transitions, and full rows for the first
  /// ``denseStates`` states.
  /// - Returns: the automaton. Time O(total key bytes × log) plus 256 per dense state.
  public func build() -> NameAutomaton {
    bytes.withUnsafeBufferPointer { kb in
      offsets.withUnsafeBufferPointer { off in
        buildImpl(kb, off)
      }
    }
  }

  private func buildImpl(_ kb: UnsafeBufferPointer<UInt8>, _ off: UnsafeBufferPointer<UInt32>) -> NameAutomaton {
    let n = vals.count
    func key(_ i: Int) -> UnsafeBufferPointer<UInt8> {
      UnsafeBufferPointer(rebasing: kb[Int(off[i])..<Int(off[i + 1])])
    }
    func less(_ a: Int, _ b: Int) -> Bool {
      let x = key(a), y = key(b)
      let m = min(x.count, y.count)
      var i = 0
      while i < m {
        if x[i] != y[i] { return x[i] < y[i] }
        i += 1
      }
      if x.count != y.count { return x.count < y.count }
      return a < b
    }
    var order = Array(0..<n)
    order.sort(by: less)

    // Trie in depth-first order from the sorted keys: edges (parent, byte, child).
    var edgeParent: [UInt32] = []
    var edgeByte: [UInt8] = []
    var depth: [UInt32] = [0]
    var terminalKey: [UInt32] = [NameAutomaton.none]  // per DFS state
    var keyLength: [UInt32] = []
    var valueStart: [UInt32] = [0]
    var values: [UInt32] = []
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
        let child = UInt32(depth.count)
        edgeParent.append(stack[stack.count - 1])
        edgeByte.append(k[i])
        depth.append(UInt32(i + 1))
        terminalKey.append(NameAutomaton.none)
        stack.append(child)
      }
      let keyIndex = UInt32(keyLength.count)
      terminalKey[Int(stack[stack.count - 1])] = keyIndex
      keyLength.append(UInt32(k.count))
      values.append(vals[idx])
      valueStart.append(UInt32(values.count))
      previous = k
    }
    let stateCount = depth.count

    // Children lists in DFS numbering (edges are already grouped by parent in byte order
    // when stably sorted by parent).
    var childStartDFS = [UInt32](repeating: 0, count: stateCount + 1)
    for p in edgeParent { childStartDFS[Int(p) + 1] += 1 }
    for i in 0..<stateCount { childStartDFS[i + 1] += childStartDFS[i] }
    var fillPos = childStartDFS
    var childDFS = [UInt32](repeating: 0, count: edgeParent.count)
    var childByteDFS = [UInt8](repeating: 0, count: edgeParent.count)
    for e in 0..<edgeParent.count {
      let p = Int(edgeParent[e])
      let pos = Int(fillPos[p])
      childDFS[pos] = UInt32(e + 1)  // DFS child id of edge e is e + 1
      childByteDFS[pos] = edgeByte[e]
      fillPos[p] += 1
    }

    // Breadth-first renumbering.
    var bfs = [UInt32](repeating: 0, count: stateCount)  // bfs index -> dfs id
    var newID = [UInt32](repeating: 0, count: stateCount)
    var head = 0, tail = 1
    while head < tail {
      let s = Int(bfs[head])
      newID[s] = UInt32(head)
      head += 1
      for c in Int(childStartDFS[s])..<Int(childStartDFS[s + 1]) {
        bfs[tail] = childDFS[c]
        tail += 1
      }
    }
    var childStart = [UInt32](repeating: 0, count: stateCount + 1)
    var childTarget = [UInt32](repeating: 0, count: edgeParent.count)
    var childByte = [UInt8](repeating: 0, count: edgeParent.count)
    var terminal = [UInt32](repeating: NameAutomaton.none, count: stateCount)
    var pos = 0
    for b in 0..<stateCount {
      let s = Int(bfs[b])
      childStart[b] = UInt32(pos)
      terminal[b] = terminalKey[s]
      for c in Int(childStartDFS[s])..<Int(childStartDFS[s + 1]) {
        childTarget[pos] = newID[Int(childDFS[c])]
        childByte[pos] = childByteDFS[c]
        pos += 1
      }
    }
    childStart[stateCount] = UInt32(pos)

    // Failure and output links, and dense rows, in BFS order.
    let dense = min(max(denseStates, 1), stateCount)
    var fail = [UInt32](repeating: 0, count: stateCount)
    var outLink = [UInt32](repeating: NameAutomaton.none, count: stateCount)
    var table = [UInt32](repeating: 0, count: dense * 256)
    func sparse(_ s: Int, _ byte: UInt8) -> UInt32? {
      var lo = Int(childStart[s]), hi = Int(childStart[s + 1])
      while lo < hi {
        let mid = (lo + hi) >> 1
        let b = childByte[mid]
        if b == byte { return childTarget[mid] }
        if b < byte { lo = mid + 1 } else { hi = mid }
      }
      return nil
    }
    func next(_ s0: Int, _ byte: UInt8) -> UInt32 {
      var s = s0
      while true {
        if s < dense { return table[s << 8 | Int(byte)] }
        if let t = sparse(s, byte) { return t }
        s = Int(fail[s])
      }
    }
    for s in 0..<stateCount {
      // fail[s] and outLink[s] were set when its parent was processed (root: 0, none).
      if s < dense {
        for byte in 0..<256 {
          let b = UInt8(byte)
          table[s << 8 | byte] = sparse(s, b) ?? (s == 0 ? 0 : next(Int(fail[s]), b))
        }
      }
      for c in Int(childStart[s])..<Int(childStart[s + 1]) {
        let child = Int(childTarget[c])
        let f: UInt32 = s == 0 ? 0 : next(Int(fail[s]), childByte[c])
        fail[child] = f
        outLink[child] = terminal[Int(f)] != NameAutomaton.none ? f : outLink[Int(f)]
      }
    }

    var flags = [UInt8](repeating: 0, count: keyLength.count)
    if tokenBoundaries {
      var k = 0
      var previous: UnsafeBufferPointer<UInt8>? = nil
      for idx in order {
        let kk = key(idx)
        if let p = previous, p.elementsEqual(kk) { continue }
        previous = kk
        var f: UInt8 = 0
        if TokenBoundary.isSpacedWordScalar(TokenBoundary.firstScalar(kk)) { f |= 1 }
        if TokenBoundary.isSpacedWordScalar(TokenBoundary.lastScalar(kk)) { f |= 2 }
        flags[k] = f
        k += 1
      }
    }
    return NameAutomaton(
      matchKind: matchKind, denseCount: dense, childStart: childStart, childByte: childByte,
      childTarget: childTarget, fail: fail, table: table, terminal: terminal, outLink: outLink,
      keyLength: keyLength, keyFlags: flags, valueStart: valueStart, values: values)
  }
}

/// A compiled multi-key matcher over UTF-8 bytes (Aho-Corasick with a dense fast lane).
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
/// Search time is linear in the text (plus the matches) and does not depend on the number
/// of keys: each byte costs one dense-row lookup near the root, or a short binary search in
/// a sparse state. The automaton is immutable and `Sendable`; save it with
/// ``serialized()`` and load it with ``init(serialized:)``.
///
/// ```swift
/// var b = NameAutomatonBuilder(matchKind: .leftmostLongest)
/// for (i, k) in ["北京", "欢迎", "你"].enumerated() { b.add(Array(k.utf8), value: UInt32(i)) }
/// b.build().matches(in: Array("北京欢迎你".utf8)).count  // 3
/// ```
public struct NameAutomaton: Sendable {
  static let none = UInt32.max
  static let magic: [UInt8] = Array("WNAC0001".utf8)

  /// The default match kind (from the builder).
  public let matchKind: MatchKind
  let denseCount: Int
  let childStart: [UInt32]
  let childByte: [UInt8]
  let childTarget: [UInt32]
  let fail: [UInt32]
  let table: [UInt32]
  let terminal: [UInt32]
  let outLink: [UInt32]
  let keyLength: [UInt32]
  let keyFlags: [UInt8]
  let valueStart: [UInt32]
  let values: [UInt32]

  init(
    matchKind: MatchKind, denseCount: Int, childStart: [UInt32], childByte: [UInt8],
    childTarget: [UInt32], fail: [UInt32], table: [UInt32], terminal: [UInt32],
    outLink: [UInt32], keyLength: [UInt32], keyFlags: [UInt8], valueStart: [UInt32],
    values: [UInt32]
  ) {
    self.matchKind = matchKind
    self.denseCount = denseCount
    self.childStart = childStart
    self.childByte = childByte
    self.childTarget = childTarget
    self.fail = fail
    self.table = table
    self.terminal = terminal
    self.outLink = outLink
    self.keyLength = keyLength
    self.keyFlags = keyFlags
    self.valueStart = valueStart
    self.values = values
  }

  /// The number of distinct keys.
  public var keyCount: Int { keyLength.count }
  /// The number of trie states.
  public var stateCount: Int { fail.count }
  /// Approximate memory held by the automaton's tables, in bytes.
  public var memoryBytes: Int {
    4 * (childStart.count + childTarget.count + fail.count + table.count + terminal.count
      + outLink.count + keyLength.count + valueStart.count + values.count)
      + childByte.count + keyFlags.count
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
  /// - Returns: the matches, ordered by start.
  ///
  /// ```swift
  /// automaton.matches(in: Array("new york".utf8), kind: .allOverlapping)
  /// ```
  public func matches(in text: UnsafeBufferPointer<UInt8>, kind: MatchKind? = nil) -> [AutomatonMatch] {
    var all: [AutomatonMatch] = []
    forEachMatch(in: text) { all.append($0) }
    return Self.select(all, kind: kind ?? matchKind)
  }

  /// Finds the keys in `text`; see ``matches(in:kind:)-(UnsafeBufferPointer<UInt8>,_)``.
  public func matches(in text: [UInt8], kind: MatchKind? = nil) -> [AutomatonMatch] {
    text.withUnsafeBufferPointer { matches(in: $0, kind: kind) }
  }

  /// Orders matches and, for leftmost-longest, keeps the non-overlapping leftmost-longest
  /// ones.
  static func select(_ found: [AutomatonMatch], kind: MatchKind) -> [AutomatonMatch] {
    var all = found
    switch kind {
    case .allOverlapping:
      all.sort()
      return all
    case .leftmostLongest:
      all.sort { ($0.start, -$0.end) < ($1.start, -$1.end) }
      var out: [AutomatonMatch] = []
      var end = 0
      for m in all where m.start >= end {
        out.append(m)
        end = m.end
      }
      return out
    }
  }

  /// Calls `body` with every match (all overlapping, honouring token boundaries), in
  /// order of end offset. The allocation-free core of ``matches(in:kind:)-(UnsafeBufferPointer<UInt8>,_)``.
  public func forEachMatch(in text: UnsafeBufferPointer<UInt8>, _ body: (AutomatonMatch) -> Void) {
    childStart.withUnsafeBufferPointer { cs in
    childByte.withUnsafeBufferPointer { cb in
    childTarget.withUnsafeBufferPointer { ct in
    fail.withUnsafeBufferPointer { fl in
    table.withUnsafeBufferPointer { tb in
    terminal.withUnsafeBufferPointer { term in
    outLink.withUnsafeBufferPointer { ol in
      let dense = denseCount
      var s = 0
      var i = 0
      let n = text.count
      while i < n {
        let byte = text[i]
        // Transition: dense row, else sparse binary search, else follow failure links.
        var t = s
        while true {
          if t < dense { s = Int(tb[t << 8 | Int(byte)]); break }
          var lo = Int(cs[t]), hi = Int(cs[t + 1])
          var found = -1
          while lo < hi {
            let mid = (lo + hi) >> 1
            let b = cb[mid]
            if b == byte { found = Int(ct[mid]); break }
            if b < byte { lo = mid + 1 } else { hi = mid }
          }
          if found >= 0 { s = found; break }
          t = Int(fl[t])
        }
        i += 1
        var o = term[s] != NameAutomaton.none ? UInt32(s) : ol[s]
        while o != NameAutomaton.none {
          let key = Int(term[Int(o)])
          let start = i - Int(keyLength[key])
          let f = keyFlags[key]
          if f == 0 || boundaryOK(text, start: start, end: i, flags: f) {
            body(AutomatonMatch(start: start, end: i, key: key))
          }
          o = ol[Int(o)]
        }
      }
    }}}}}}}
  }

  @inline(__always)
  func boundaryOK(_ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, flags: UInt8) -> Bool {
    if flags & 1 != 0, start > 0, TokenBoundary.isSpacedWordScalar(TokenBoundary.scalar(before: start, in: text)) {
      return false
    }
    if flags & 2 != 0, end < text.count, TokenBoundary.isSpacedWordScalar(TokenBoundary.scalar(at: end, in: text)) {
      return false
    }
    return true
  }
}
