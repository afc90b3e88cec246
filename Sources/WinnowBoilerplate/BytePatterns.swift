@_spi(WorkCounting) import Winnow

/// Linear-time substring checks over UTF-8 bytes (no regular expressions).
///
/// Needles are short constants; UTF-8 is self-synchronizing, so a byte match of a whole
/// needle is a match of its scalars.
enum BytePatterns {
  @inline(__always)
  static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }

  // The ASCII classes of a byte, for the rules that read a line's bytes (a byte of a
  // multi-byte UTF-8 sequence is in none of them). One set, so that every rule means the
  // same by "a digit" or "a letter".

  /// `0`–`9`.
  @inline(__always)
  static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }
  /// `A`–`Z`.
  @inline(__always)
  static func isUpper(_ b: UInt8) -> Bool { b &- 0x41 < 26 }
  /// `a`–`z`.
  @inline(__always)
  static func isLower(_ b: UInt8) -> Bool { b &- 0x61 < 26 }
  /// An ASCII letter, either case.
  @inline(__always)
  static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- 0x61 < 26 }
  /// An ASCII letter (either case) or digit.
  @inline(__always)
  static func isAlphanumeric(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) }

  // Eight bytes at a time (SWAR: a `UInt64` read from the bytes, each byte a lane; no sum
  // carries out of its byte). A flag is bit 7 of a byte.

  /// The flags of the bytes of `w` that are ASCII and in `lo...hi` (`0 < lo <= hi < 0x7F`):
  /// at least `lo` (its low 7 bits plus `0x80 - lo` reach bit 7), not above `hi`, and bit 7
  /// clear.
  @inline(__always)
  static func rangeFlags(_ w: UInt64, _ lo: UInt8, _ hi: UInt8) -> UInt64 {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let low7 = w & 0x7F7F_7F7F_7F7F_7F7F
    return (low7 &+ ones &* UInt64(0x80 &- lo)) & ~(low7 &+ ones &* UInt64(0x7F &- hi)) & ~w
      & 0x8080_8080_8080_8080
  }

  /// The zero-byte test of `x`: the flags of its zero bytes, of which the lowest is exact (a
  /// borrow can flag a byte 01 above a zero byte). Nonzero exactly when a byte is zero.
  @inline(__always)
  static func zeroByteFlags(_ x: UInt64) -> UInt64 {
    (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
  }

  /// The bytes of `u` with ASCII capitals lowered (``lower(_:)`` of each), into `out` (at
  /// least as long): eight bytes a step.
  static func lowerASCII(
    _ u: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>
  ) {
    let n = u.count
    precondition(out.count >= n)
    var i = 0
    if let source = UnsafeRawPointer(u.baseAddress),
      let target = UnsafeMutableRawPointer(out.baseAddress)
    {
      while i &+ 8 <= n {
        let w = source.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        // A capital's flag (bit 7) moved to bit 5 sets it.
        let capitals = rangeFlags(w, 0x41, 0x5A)
        target.storeBytes(of: w | (capitals >> 2), toByteOffset: i, as: UInt64.self)
        i &+= 8
      }
    }
    while i < n {
      out[i] = lower(u[i])
      i &+= 1
    }
  }

  /// The scalar whose UTF-8 sequence ends just before byte `end` of `u`, and where that
  /// sequence starts, reading no byte before `lower`: a walk back over a line, scalar by
  /// scalar, without decoding it forwards first. Nil at `lower`, and where the bytes before
  /// `end` are not one sequence of a lead byte and its continuation bytes (a lone
  /// continuation or lead byte, a surrogate, a value above U+10FFFF).
  ///
  /// ```swift
  /// let bytes = Array("a。".utf8)   // 61 E3 80 82
  /// bytes.withUnsafeBufferPointer { BytePatterns.scalar(endingAt: 4, in: $0) }
  /// // (value: "。", start: 1)
  /// ```
  static func scalar(
    endingAt end: Int, in u: UnsafeBufferPointer<UInt8>, from lower: Int = 0
  ) -> (value: Unicode.Scalar, start: Int)? {
    guard end > lower else { return nil }
    let byte = u[end - 1]
    if byte < 0x80 { return (Unicode.Scalar(byte), end - 1) }
    var s = end - 1
    while s > lower && end - s < 4 && u[s] & 0xC0 == 0x80 { s -= 1 }
    let lead = u[s]
    let k = end - s - 1  // continuation bytes
    let expected = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
    guard k > 0, k == expected, lead < 0xF8 else { return nil }
    var v = UInt32(lead) & (k == 3 ? 0x07 : k == 2 ? 0x0F : 0x1F)
    for j in (s + 1)..<end { v = v << 6 | UInt32(u[j] & 0x3F) }
    guard let c = Unicode.Scalar(v) else { return nil }
    return (c, s)
  }

  /// Whether `b` holds the bytes of `needle` (a plain scan for short needles in short lines).
  static func contains(_ b: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    guard b.count >= needle.count, let head = needle.first else { return false }
    var i = 0
    while i + needle.count <= b.count {
      if b[i] == head {
        var k = 1
        while k < needle.count && b[i + k] == needle[k] { k += 1 }
        if k == needle.count { return true }
      }
      i += 1
    }
    return false
  }

  /// Whether `hay` starts with any of `prefixes`.
  static func hasAnyPrefix(_ hay: UnsafeBufferPointer<UInt8>, _ prefixes: [[UInt8]]) -> Bool {
    WorkCounter.add(prefixes.count)
    guard let first = hay.first else { return prefixes.contains { $0.isEmpty } }
    for p in prefixes where p.count <= hay.count && (p.isEmpty || p[0] == first) {
      var k = 1
      while k < p.count && hay[k] == p[k] { k += 1 }
      if k >= p.count { return true }
    }
    return false
  }

  /// Whether `hay` ends with any of `suffixes`.
  static func hasAnySuffix(_ hay: UnsafeBufferPointer<UInt8>, _ suffixes: [[UInt8]]) -> Bool {
    WorkCounter.add(suffixes.count)
    let n = hay.count
    guard let last = hay.last else { return suffixes.contains { $0.isEmpty } }
    for p in suffixes where p.count <= n && (p.isEmpty || p[p.count - 1] == last) {
      var k = 0
      while k < p.count && hay[n - p.count + k] == p[k] { k += 1 }
      if k == p.count { return true }
    }
    return false
  }

  /// Whether `hay` starts with any of the prefixes of `set`.
  @inline(__always)
  static func hasAnyPrefix(_ hay: UnsafeBufferPointer<UInt8>, _ set: PrefixSet) -> Bool {
    guard let first = hay.first else { return false }
    return set.strings.anyMatch(keyedBy: first) { p in
      guard p.count <= hay.count else { return false }
      var k = 1
      while k < p.count && hay[k] == p[k] { k += 1 }
      return k >= p.count
    }
  }

  /// Whether `hay` ends with any of the suffixes of `set`.
  @inline(__always)
  static func hasAnySuffix(_ hay: UnsafeBufferPointer<UInt8>, _ set: SuffixSet) -> Bool {
    guard let last = hay.last else { return false }
    let n = hay.count
    return set.strings.anyMatch(keyedBy: last) { p in
      guard p.count <= n else { return false }
      var k = 0
      while k < p.count && hay[n - p.count + k] == p[k] { k += 1 }
      return k == p.count
    }
  }

  /// Needles from words written in lowercase, with the non-ASCII capitals they take.
  ///
  /// The lines are lowercased ASCII only (``lower(_:)``: a byte at a time, no tables), so a
  /// needle with a non-ASCII letter is looked for in the forms a header or title gives it:
  /// each word's bytes as written, then — ASCII lowered, when different and new — all
  /// lowercase, its first letter capitalized, every word capitalized and all capitals
  /// (`ähnliche artikel` also gives `Ähnliche artikel`; `об авторе` gives `Об авторе`,
  /// `Об Авторе` and `ОБ АВТОРЕ`). Case mappings are the root locale's: Turkish `İ` is no
  /// capital of `i`, and a needle with it is listed as written.
  ///
  /// - Parameter words: the needles, lowercase.
  /// - Returns: their UTF-8 bytes and those of their variants, each once, a word's variants
  ///   right after it.
  static func list(_ words: [String]) -> [[UInt8]] {
    var out: [[UInt8]] = []
    var seen = Set<[UInt8]>()
    for word in words {
      // (A word without a cased letter, say a Chinese one, has no other forms: its variants
      // would all be its own bytes. Asked of its scalars, not found by making them.)
      let variants =
        word.utf8.allSatisfy { $0 < 0x80 } || !hasOtherForms(word)
        ? [word]
        : [
          word, word.lowercased(), capitalized(word.lowercased()), titled(word.lowercased()),
          word.uppercased(),
        ]
      for (k, v) in variants.enumerated() {
        let bytes = k == 0 ? Array(v.utf8) : v.utf8.map(lower)
        if seen.insert(bytes).inserted { out.append(bytes) }
      }
    }
    return out
  }

  /// Whether a case mapping of `word` followed by ``lower(_:)`` can give other bytes than
  /// its own: it has an ASCII capital, or a non-ASCII scalar that changes when case-mapped.
  static func hasOtherForms(_ word: String) -> Bool {
    word.unicodeScalars.contains {
      $0.isASCII ? isUpper(UInt8($0.value)) : $0.properties.changesWhenCaseMapped
    }
  }

  /// `s` with its first character capitalized.
  private static func capitalized(_ s: String) -> String {
    guard let first = s.first else { return s }
    return first.uppercased() + s.dropFirst()
  }

  /// `s` with the first character of each space-separated word capitalized.
  private static func titled(_ s: String) -> String {
    s.split(separator: " ", omittingEmptySubsequences: false).map { capitalized(String($0)) }
      .joined(separator: " ")
  }
}

/// Byte strings grouped by one byte of theirs (the first, or the last), in one flat array:
/// a lookup retains no inner array.
struct KeyedByteStrings: Sendable {
  /// The strings' bytes, one after another, grouped by key.
  private let bytes: [UInt8]
  /// Where each string starts in ``bytes``, and where the last one ends.
  private let starts: [Int]
  /// Per key byte: the first string of its group, and one past its last (`group[k]..<group[k + 1]`).
  private let group: [Int]

  /// - Parameters:
  ///   - strings: the byte strings (empty ones are left out).
  ///   - key: the byte a string is grouped by.
  init(_ strings: [[UInt8]], key: ([UInt8]) -> UInt8) {
    var byKey = [[[UInt8]]](repeating: [], count: 256)
    for p in strings where !p.isEmpty { byKey[Int(key(p))].append(p) }
    var bytes: [UInt8] = []
    var starts = [0]
    var group = [0]
    for list in byKey {
      for p in list {
        bytes += p
        starts.append(bytes.count)
      }
      group.append(starts.count - 1)
    }
    (self.bytes, self.starts, self.group) = (bytes, starts, group)
  }

  /// Whether `test` holds for some string of key `key` (each given as a buffer).
  @inline(__always)
  func anyMatch(keyedBy key: UInt8, _ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
    let lo = group[Int(key)]
    let hi = group[Int(key) + 1]
    WorkCounter.add(hi - lo + 1)
    guard lo < hi else { return false }
    return bytes.withUnsafeBufferPointer { all in
      for s in lo..<hi where test(UnsafeBufferPointer(rebasing: all[starts[s]..<starts[s + 1]])) {
        return true
      }
      return false
    }
  }
}

/// Prefixes grouped by their first byte, so a line is compared only with the prefixes
/// that start with its own first byte.
struct PrefixSet: Sendable {
  let strings: KeyedByteStrings
  init(_ prefixes: [[UInt8]]) { strings = KeyedByteStrings(prefixes) { $0[0] } }
}

/// Suffixes grouped by their last byte, so a line is compared only with the suffixes that
/// end with its own last byte.
struct SuffixSet: Sendable {
  let strings: KeyedByteStrings
  init(_ suffixes: [[UInt8]]) { strings = KeyedByteStrings(suffixes) { $0[$0.count - 1] } }
}

/// Finds, in one left-to-right scan of a line, which needle families occur in it, and
/// counts the non-overlapping occurrences of some needles (greedy leftmost, each needle on
/// its own), replacing one substring search per needle.
///
/// An Aho–Corasick automaton, made deterministic: two table loads per byte of the line (the
/// byte's class, then the next state's row), whatever the needles. The states at which
/// some needle ends are numbered last, so one comparison tells when to look at the
/// outputs; each group is numbered breadth first (the shallow states, which most bytes
/// visit, sit together at the front). Bytes no needle holds share one class. When few bytes
/// start a needle (a scanner for a few needles), the scan skips 8 bytes at a time to the
/// next of them while in the start state. Work is the line length: linear.
struct NeedleScanner: Sendable {
  /// Byte → class (0: a byte no needle holds).
  private var classOf = [UInt8](repeating: 0, count: 256)
  private var classCount = 1
  /// `row + class` → the next state's row (a state's row: its number × ``classCount``).
  private var transitions: [UInt32] = []
  /// The first row of the states at which some needle ends (numbered last).
  private var firstOutputRow: UInt32 = 0
  /// Per state: the family bits of the needles ending there (through the suffix links).
  private var masks: [UInt32] = []
  /// Per state: bit `c` when counted needle `c` ends there.
  private var countedEnds: [UInt8] = []
  /// Length of each counted needle.
  private var countedLengths: [Int] = []
  /// The bytes needles start with, each repeated in the 8 bytes of a word, when there are at
  /// most 4 of them: in the start state, positions are skipped 8 at a time.
  private var startWords: [UInt64] = []

  /// - Parameters:
  ///   - families: the needle lists; a match of list `k` sets bit `k` of the scan's result.
  ///   - counted: needles whose occurrences are counted (at most 8).
  init(families: [[[UInt8]]], counted: [[UInt8]]) {
    precondition(families.count <= 32 && counted.count <= 8)
    var all: [([UInt8], UInt32, UInt8)] = []
    for (k, list) in families.enumerated() {
      for n in list where !n.isEmpty { all.append((n, 1 << UInt32(k), 0)) }
    }
    for (c, n) in counted.enumerated() where !n.isEmpty { all.append((n, 0, 1 << UInt8(c))) }
    countedLengths = counted.map(\.count)
    // Byte classes.
    var used = [Bool](repeating: false, count: 256)
    for (n, _, _) in all { for b in n { used[Int(b)] = true } }
    for b in 0..<256 where used[b] {
      classOf[b] = UInt8(classCount)
      classCount += 1
    }
    precondition(classCount <= 256)
    // The trie: `child[state * classCount + class]`, -1 for none. Room for the most states
    // the needles can make (the root and one per byte) is made at once, and cut to the
    // states made (a row appended per state copied the table as it grew).
    let width = classCount
    let classes = classOf
    var child = [Int32](repeating: -1, count: all.reduce(1) { $0 + $1.0.count } * width)
    var ownMask: [UInt32] = [0]
    var ownCounted: [UInt8] = [0]
    child.withUnsafeMutableBufferPointer { child in
      for (n, mask, counter) in all {
        var s = 0
        for b in n {
          let c = Int(classes[Int(b)])
          if child[s * width + c] >= 0 {
            s = Int(child[s * width + c])
          } else {
            let t = ownMask.count
            child[s * width + c] = Int32(t)
            ownMask.append(0)
            ownCounted.append(0)
            s = t
          }
        }
        ownMask[s] |= mask
        ownCounted[s] |= counter
      }
    }
    let stateCount = ownMask.count
    child.removeSubrange((stateCount * width)...)
    precondition(stateCount * width < Int(UInt32.max))
    // Breadth first: the state order, the suffix links, the outputs through them and the
    // full transitions (`delta`, in place of the trie's missing children). Through buffers:
    // the table has states × classes cells (≈ 494,000 for the line patterns: 4,183 states ×
    // 118 classes).
    var order = [Int](repeating: 0, count: stateCount)
    // (The root's children are kept for the start bytes below; the trie itself becomes
    // `delta`, in place: no copy.)
    let rootChildren = Array(child[0..<width])
    var delta = child
    child = []
    var outMask = ownMask
    var outCounted = ownCounted
    var fail = [Int32](repeating: 0, count: stateCount)
    order.withUnsafeMutableBufferPointer { order in
      delta.withUnsafeMutableBufferPointer { delta in
        fail.withUnsafeMutableBufferPointer { fail in
          var head = 0
          var tail = 1
          while head < tail {
            let s = order[head]
            head += 1
            let f = Int(fail[s])
            if s != 0 {
              outMask[s] |= outMask[f]
              outCounted[s] |= outCounted[f]
            }
            for c in 0..<width {
              let t = Int(delta[s * width + c])
              if t >= 0 {
                // A child's link is the transition of its parent's link (shallower: done).
                fail[t] = s == 0 ? 0 : delta[f * width + c]
                order[tail] = t
                tail += 1
              } else {
                delta[s * width + c] = s == 0 ? 0 : delta[f * width + c]
              }
            }
          }
        }
      }
    }
    // Numbers: the states without outputs first, then those with (so a state number at or
    // above ``firstOutputRow`` flags an output), each group breadth first; a transition
    // holds the next state's row (number × classes).
    let hasOutput = (0..<stateCount).map { outMask[$0] != 0 || outCounted[$0] != 0 }
    let numbered = order.filter { !hasOutput[$0] } + order.filter { hasOutput[$0] }
    var row = [UInt32](repeating: 0, count: stateCount)
    for (k, s) in numbered.enumerated() { row[s] = UInt32(k * width) }
    firstOutputRow = UInt32((stateCount - hasOutput.count { $0 }) * width)
    transitions = [UInt32](repeating: 0, count: stateCount * width)
    masks = [UInt32](repeating: 0, count: stateCount)
    countedEnds = [UInt8](repeating: 0, count: stateCount)
    transitions.withUnsafeMutableBufferPointer { table in
      delta.withUnsafeBufferPointer { delta in
        row.withUnsafeBufferPointer { row in
          for (k, s) in numbered.enumerated() {
            for c in 0..<width { table[k * width + c] = row[Int(delta[s * width + c])] }
          }
        }
      }
    }
    for (k, s) in numbered.enumerated() {
      masks[k] = outMask[s]
      countedEnds[k] = outCounted[s]
    }
    let startBytes = (0..<256).filter { classOf[$0] != 0 && rootChildren[Int(classOf[$0])] >= 0 }
    if startBytes.count <= 4 { startWords = startBytes.map { UInt64($0) &* 0x0101_0101_0101_0101 } }
  }

  /// What one scan found: the family bits of the needles occurring in the line, and the
  /// counted needles' occurrences.
  struct Result: Sendable, Equatable {
    var found: UInt32 = 0
    var counted = 0
  }

  /// One walk through the table over one line: its state and what it has found so far.
  private struct Walk {
    /// The current state's row.
    var row: UInt32 = 0
    var result = Result()
    /// Per counted needle: the first start at which its next occurrence may count.
    var nextAllowed = InlineArray<8, Int>(repeating: 0)

    /// Notes the outputs of the current state (at or above the first output row), reached
    /// at byte `i`: its families, and each counted needle ending there that does not
    /// overlap the last one counted.
    @inline(__always)
    mutating func output(endingAt i: Int, _ scanner: borrowing NeedleScanner) {
      let state = Int(row / UInt32(scanner.classCount))
      result.found |= scanner.masks[state]
      var ends = scanner.countedEnds[state]
      while ends != 0 {
        let c = ends.trailingZeroBitCount
        ends &= ends &- 1
        let start = i + 1 - scanner.countedLengths[c]
        if start >= nextAllowed[c] {
          result.counted += 1
          nextAllowed[c] = i + 1
        }
      }
    }

    /// Walks the bytes of `hay` from `start` on, four a turn (the same steps: one loop test per
    /// four bytes instead of one per byte).
    @inline(__always)
    mutating func walk(
      _ hay: UnsafeBufferPointer<UInt8>, from start: Int, _ table: UnsafeBufferPointer<UInt32>,
      _ classOf: UnsafeBufferPointer<UInt8>, _ scanner: borrowing NeedleScanner
    ) {
      let n = hay.count
      let firstOutputRow = scanner.firstOutputRow
      var i = start
      while i &+ 4 <= n {
        row = table[Int(row &+ UInt32(classOf[Int(hay[i])]))]
        if row >= firstOutputRow { output(endingAt: i, scanner) }
        row = table[Int(row &+ UInt32(classOf[Int(hay[i &+ 1])]))]
        if row >= firstOutputRow { output(endingAt: i &+ 1, scanner) }
        row = table[Int(row &+ UInt32(classOf[Int(hay[i &+ 2])]))]
        if row >= firstOutputRow { output(endingAt: i &+ 2, scanner) }
        row = table[Int(row &+ UInt32(classOf[Int(hay[i &+ 3])]))]
        if row >= firstOutputRow { output(endingAt: i &+ 3, scanner) }
        i &+= 4
      }
      while i < n {
        row = table[Int(row &+ UInt32(classOf[Int(hay[i])]))]
        if row >= firstOutputRow { output(endingAt: i, scanner) }
        i += 1
      }
    }
  }

  /// The family bits of the needles occurring in `hay`; adds the counted needles'
  /// occurrences to `counts`.
  func scan(_ hay: UnsafeBufferPointer<UInt8>, counts: inout Int) -> UInt32 {
    let n = hay.count
    guard n > 0 else { return 0 }
    WorkCounter.add(n)
    var w = Walk()
    let firstOutputRow = self.firstOutputRow
    classOf.withUnsafeBufferPointer { classOf in
      transitions.withUnsafeBufferPointer { table in
        guard !startWords.isEmpty, let base = UnsafeRawPointer(hay.baseAddress) else {
          w.walk(hay, from: 0, table, classOf, self)
          return
        }
        var i = 0
        startWords.withUnsafeBufferPointer { startWords in
          while i < n {
            if w.row == 0 && i + 8 <= n {
              // The zero-byte test of `word ^ start`: its lowest flag is exact.
              let x8 = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
              var z: UInt64 = 0
              for s in startWords { z |= BytePatterns.zeroByteFlags(x8 ^ s) }
              if z == 0 {
                i += 8
                continue
              }
              i += z.trailingZeroBitCount >> 3
            }
            w.row = table[Int(w.row &+ UInt32(classOf[Int(hay[i])]))]
            if w.row >= firstOutputRow { w.output(endingAt: i, self) }
            i += 1
          }
        }
      }
    }
    counts += w.result.counted
    return w.result.found
  }

  /// ``scan(_:counts:)`` of two lines in one loop. A walk through the table waits on each
  /// load before its next step; two independent walks let the processor overlap their
  /// loads, about twice the bytes per cycle while both lines last. (A scanner that skips
  /// to its few start bytes scans them one after the other.)
  func scan(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> (Result, Result) {
    guard startWords.isEmpty else {
      var ca = 0
      var cb = 0
      let fa = scan(a, counts: &ca)
      let fb = scan(b, counts: &cb)
      return (Result(found: fa, counted: ca), Result(found: fb, counted: cb))
    }
    WorkCounter.add(a.count + b.count)
    var wa = Walk()
    var wb = Walk()
    let firstOutputRow = self.firstOutputRow
    classOf.withUnsafeBufferPointer { classOf in
      transitions.withUnsafeBufferPointer { table in
        let m = min(a.count, b.count)
        var i = 0
        while i < m {
          wa.row = table[Int(wa.row &+ UInt32(classOf[Int(a[i])]))]
          wb.row = table[Int(wb.row &+ UInt32(classOf[Int(b[i])]))]
          if wa.row >= firstOutputRow { wa.output(endingAt: i, self) }
          if wb.row >= firstOutputRow { wb.output(endingAt: i, self) }
          i &+= 1
        }
        if a.count > m {
          wa.walk(a, from: m, table, classOf, self)
        } else if b.count > m {
          wb.walk(b, from: m, table, classOf, self)
        }
      }
    }
    return (wa.result, wb.result)
  }
}
