@_spi(WorkCounting) import Winnow

/// Linear-time substring checks over UTF-8 bytes (no regular expressions).
///
/// Needles are short constants; UTF-8 is self-synchronizing, so a byte match of a whole
/// needle is a match of its scalars.
enum BytePatterns {
  @inline(__always)
  static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

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
    let candidates = set.byFirst[Int(first)]
    WorkCounter.add(candidates.count + 1)
    for p in candidates where p.count <= hay.count {
      var k = 1
      while k < p.count && hay[k] == p[k] { k += 1 }
      if k >= p.count { return true }
    }
    return false
  }

  static func list(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }
}

/// Prefixes grouped by their first byte, so a line is compared only with the prefixes
/// that start with its own first byte.
struct PrefixSet: Sendable {
  let byFirst: [[[UInt8]]]
  init(_ prefixes: [[UInt8]]) {
    var t = [[[UInt8]]](repeating: [], count: 256)
    for p in prefixes where !p.isEmpty { t[Int(p[0])].append(p) }
    byFirst = t
  }
}

/// Finds, in one left-to-right scan of a line, which needle families occur in it, and
/// counts the non-overlapping occurrences of some needles (greedy leftmost, each needle on
/// its own), replacing one substring search per needle.
///
/// A bitmap of the byte pairs needles start with (8 KB; a 1-byte needle marks every pair it
/// starts) rejects most positions with one load. Needles of 3 bytes or more are then found
/// by a hash of their first 3 bytes: a bitmap of the hashes (2 KB) rejects most of the
/// rest, and the needles in that hash's chain are compared. Needles of 1 or 2 bytes are
/// compared where their first byte occurs. Work is at most the line length times the
/// longest chain times the longest needle: linear.
struct NeedleScanner: Sendable {
  private static let slotBits = 14
  private var bits = [UInt64](repeating: 0, count: (1 << slotBits) / 64)
  private var head = [Int32](repeating: -1, count: 1 << slotBits)
  private var next: [Int32] = []
  /// The needles' bytes, one after another (no array per needle to retain in the scan).
  private var needleBytes: [UInt8] = []
  /// Where each needle starts in ``needleBytes``, and where the last one ends.
  private var needleStarts: [Int] = [0]
  /// Family bit of each needle (0 for a counted one).
  private var masks: [UInt32] = []
  /// Counter slot of each needle, or -1.
  private var counters: [Int] = []
  /// Needles of 1–2 bytes.
  private var shortNeedles: [Int] = []
  /// Bytes a needle starts with (1: a short one, 2: a long one); a position holding
  /// another byte (a UTF-8 continuation byte, for one) is skipped without hashing.
  private var starts = [UInt8](repeating: 0, count: 256)
  /// The bytes needles start with, each repeated in the 8 bytes of a word, when there are at
  /// most 4 of them (a scanner for a few needles): positions are then skipped 8 at a time
  /// up to the next byte that starts a needle.
  private var startWords: [UInt64] = []
  /// Bit `a << 8 | b`: some needle starts with the bytes `a b` (or is the byte `a`).
  private var pairs = [UInt64](repeating: 0, count: 65536 / 64)

  /// - Parameters:
  ///   - families: the needle lists; a match of list `k` sets bit `k` of the scan's result.
  ///   - counted: needles whose occurrences are counted (at most 8).
  init(families: [[[UInt8]]], counted: [[UInt8]]) {
    precondition(families.count <= 32 && counted.count <= 8)
    var all: [([UInt8], UInt32, Int)] = []
    for (k, list) in families.enumerated() { for n in list where !n.isEmpty { all.append((n, 1 << UInt32(k), -1)) } }
    for (c, n) in counted.enumerated() where !n.isEmpty { all.append((n, 0, c)) }
    for (id, (n, mask, counter)) in all.enumerated() {
      needleBytes += n
      needleStarts.append(needleBytes.count)
      masks.append(mask)
      counters.append(counter)
      next.append(-1)
      if n.count == 1 {
        for b in 0..<256 { Self.mark(&pairs, Int(n[0]) << 8 | b) }
      } else {
        Self.mark(&pairs, Int(n[0]) << 8 | Int(n[1]))
      }
      if n.count < 3 {
        shortNeedles.append(id)
        starts[Int(n[0])] |= 1
      } else {
        starts[Int(n[0])] |= 2
        let h = Self.slot(n[0], n[1], n[2])
        bits[h >> 6] |= 1 << UInt64(h & 63)
        next[id] = head[h]
        head[h] = Int32(id)
      }
    }
    let startBytes = (0..<256).filter { starts[$0] != 0 }
    if startBytes.count <= 4 { startWords = startBytes.map { UInt64($0) &* 0x0101_0101_0101_0101 } }
  }

  private static func mark(_ bits: inout [UInt64], _ k: Int) { bits[k >> 6] |= 1 << UInt64(k & 63) }

  @inline(__always)
  private static func slot(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> Int {
    Int(((UInt32(a) << 16 | UInt32(b) << 8 | UInt32(c)) &* 0x9E37_79B1) >> UInt32(32 - slotBits))
  }

  /// The family bits of the needles occurring in `hay`; adds the counted needles'
  /// occurrences to `counts`.
  func scan(_ hay: UnsafeBufferPointer<UInt8>, counts: inout Int) -> UInt32 {
    var found: UInt32 = 0
    var nextAllowed = InlineArray<8, Int>(repeating: 0)
    var work = hay.count
    let n = hay.count
    guard n > 0 else { return 0 }
    needleBytes.withUnsafeBufferPointer { needleBytes in
      @inline(__always) func verify(_ id: Int, at i: Int) {
        let a = needleStarts[id]
        let count = needleStarts[id + 1] - a
        guard i + count <= n else { return }
        var k = 0
        while k < count && hay[i + k] == needleBytes[a + k] { k += 1 }
        work += k
        guard k == count else { return }
        found |= masks[id]
        let c = counters[id]
        if c >= 0 && i >= nextAllowed[c] {
          counts += 1
          nextAllowed[c] = i + count
        }
      }
      starts.withUnsafeBufferPointer { starts in
        bits.withUnsafeBufferPointer { bits in
          pairs.withUnsafeBufferPointer { pairs in
            @inline(__always) func test(_ at: Int, _ b0: UInt8) {
              let start = starts[Int(b0)]
              if start & 1 != 0 { for id in shortNeedles { verify(id, at: at) } }
              if start & 2 != 0 && at + 2 < n {
                let h = Self.slot(b0, hay[at + 1], hay[at + 2])
                if bits[h >> 6] & (1 << UInt64(h & 63)) != 0 {
                  var id = Int(head[h])
                  while id >= 0 {
                    verify(id, at: at)
                    id = Int(next[id])
                  }
                }
              }
            }
            // Each position's byte and the next one index the pair bitmap; the last byte
            // pairs with 0 (which no needle holds).
            if !startWords.isEmpty, let base = UnsafeRawPointer(hay.baseAddress) {
              startWords.withUnsafeBufferPointer { startWords in
                var i = 0
                while i < n {
                  if i + 8 <= n {
                    // The zero-byte test of `word ^ start`: its lowest flag is exact.
                    let w = base.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    var z: UInt64 = 0
                    for s in startWords {
                      let x = w ^ s
                      z |= (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
                    }
                    if z == 0 {
                      i += 8
                      continue
                    }
                    i += z.trailingZeroBitCount >> 3
                  }
                  let b0 = hay[i]
                  let p = Int(b0) << 8 | (i + 1 < n ? Int(hay[i + 1]) : 0)
                  if pairs[p >> 6] & (1 << UInt64(p & 63)) != 0 { test(i, b0) }
                  i += 1
                }
              }
              return
            }
            var b0 = hay[0]
            var i = 0
            while i + 1 < n {
              let b1 = hay[i + 1]
              let p = Int(b0) << 8 | Int(b1)
              if pairs[p >> 6] & (1 << UInt64(p & 63)) != 0 { test(i, b0) }
              b0 = b1
              i += 1
            }
            if pairs[Int(b0) << 2] & (1 << UInt64(0)) != 0 { test(n - 1, b0) }
          }
        }
      }
    }
    WorkCounter.add(work)
    return found
  }
}
