@_spi(WorkCounting) import Winnow

/// Linear-time substring checks over UTF-8 bytes (no regular expressions).
///
/// Needles are short constants, so the naive scan is O(line length × needle length) with a
/// small constant; UTF-8 is self-synchronizing, so a byte match of a whole needle is a
/// match of its scalars.
enum BytePatterns {
  @inline(__always)
  static func lower(_ b: UInt8) -> UInt8 { (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b }

  /// Whether `hay` contains `needle`, ASCII letters compared case-insensitively
  /// (`needle` must be lowercase).
  static func containsASCIICaseless(_ hay: some Collection<UInt8>, _ needle: String) -> Bool {
    let n = Array(needle.utf8)
    guard let first = n.first else { return true }
    let h = Array(hay)
    if h.count < n.count { return false }
    var i = 0
    let last = h.count - n.count
    while i <= last {
      if lower(h[i]) == first {
        var j = 1
        while j < n.count && lower(h[i + j]) == n[j] { j += 1 }
        WorkCounter.add(j)
        if j == n.count { return true }
      }
      i += 1
    }
    WorkCounter.add(h.count)
    return false
  }

  /// Whether the lowered bytes `hay` contain any of `needles`.
  static func containsAny(_ hay: [UInt8], _ needles: [[UInt8]]) -> Bool {
    for n in needles where contains(hay, n) { return true }
    return false
  }

  /// The same, skipping without a scan every needle with a byte pair that `hay` lacks
  /// (`present` = the ``BigramSet`` of `hay`): most needles of most lines.
  static func containsAny(_ hay: [UInt8], _ needles: [[UInt8]], present: BigramSet) -> Bool {
    for n in needles where present.containsAll(n) && contains(hay, n) { return true }
    return false
  }

  /// Whether `hay` contains `needle` (exact bytes).
  static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
    guard let first = needle.first else { return true }
    if hay.count < needle.count { return false }
    var i = 0
    let last = hay.count - needle.count
    while i <= last {
      if hay[i] == first {
        var j = 1
        while j < needle.count && hay[i + j] == needle[j] { j += 1 }
        WorkCounter.add(j)
        if j == needle.count { return true }
      }
      i += 1
    }
    WorkCounter.add(i)
    return false
  }

  /// Whether `hay` starts with any of `prefixes`.
  static func hasAnyPrefix(_ hay: [UInt8], _ prefixes: [[UInt8]]) -> Bool {
    WorkCounter.add(prefixes.reduce(0) { $0 + $1.count })
    for p in prefixes where hay.count >= p.count && hay[0..<p.count].elementsEqual(p) { return true }
    return false
  }

  /// Whether `hay` ends with any of `suffixes`.
  static func hasAnySuffix(_ hay: [UInt8], _ suffixes: [[UInt8]]) -> Bool {
    WorkCounter.add(suffixes.reduce(0) { $0 + $1.count })
    for p in suffixes where hay.count >= p.count && hay[(hay.count - p.count)...].elementsEqual(p) { return true }
    return false
  }

  /// Occurrences of `needle` in `hay`.
  static func count(_ hay: [UInt8], _ needle: [UInt8]) -> Int {
    guard !needle.isEmpty, hay.count >= needle.count else { return 0 }
    var c = 0
    var i = 0
    while i <= hay.count - needle.count {
      if hay[i] == needle[0] && hay[i..<(i + needle.count)].elementsEqual(needle) {
        c += 1
        i += needle.count
      } else {
        i += 1
      }
    }
    WorkCounter.add(i + c * needle.count)
    return c
  }

  static func list(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }
}

/// The adjacent byte pairs occurring in a line, hashed into 512 bits, built in one pass: a
/// needle with a pair outside the set cannot occur in the line (a 1-byte needle always
/// passes). Far more selective than single bytes on ASCII text, where most letters occur.
struct BigramSet {
  private var bits = InlineArray<8, UInt64>(repeating: 0)

  init(_ bytes: [UInt8]) {
    var previous: UInt8? = nil
    for b in bytes {
      if let a = previous {
        let k = Self.slot(a, b)
        bits[k >> 6] |= 1 << UInt64(k & 63)
      }
      previous = b
    }
  }

  @inline(__always)
  static func slot(_ a: UInt8, _ b: UInt8) -> Int {
    Int(((UInt32(a) << 8 | UInt32(b)) &* 0x9E37_79B1) >> 23)
  }

  /// Whether every adjacent pair of `needle` may occur in the line (no false negatives).
  @inline(__always)
  func containsAll(_ needle: [UInt8]) -> Bool {
    var i = needle.count - 1
    while i > 0 {
      let k = Self.slot(needle[i - 1], needle[i])
      if bits[k >> 6] & (1 << UInt64(k & 63)) == 0 { return false }
      i -= 1
    }
    return true
  }
}
