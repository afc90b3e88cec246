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
        if j == n.count { return true }
      }
      i += 1
    }
    return false
  }

  /// Whether the lowered bytes `hay` contain any of `needles`.
  static func containsAny(_ hay: [UInt8], _ needles: [[UInt8]]) -> Bool {
    for n in needles where contains(hay, n) { return true }
    return false
  }

  /// The same, skipping without a scan every needle with a byte that `hay` lacks
  /// (`present` = ``ByteSet`` of `hay`): most needles of most lines.
  static func containsAny(_ hay: [UInt8], _ needles: [[UInt8]], present: ByteSet) -> Bool {
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
        if j == needle.count { return true }
      }
      i += 1
    }
    return false
  }

  /// Whether `hay` starts with any of `prefixes`.
  static func hasAnyPrefix(_ hay: [UInt8], _ prefixes: [[UInt8]]) -> Bool {
    for p in prefixes where hay.count >= p.count && hay[0..<p.count].elementsEqual(p) { return true }
    return false
  }

  /// Whether `hay` ends with any of `suffixes`.
  static func hasAnySuffix(_ hay: [UInt8], _ suffixes: [[UInt8]]) -> Bool {
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
    return c
  }

  static func list(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }
}

/// The set of byte values occurring in a line (256 bits), built in one pass; a needle with
/// a byte outside it cannot occur in the line.
struct ByteSet {
  private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

  init(_ bytes: [UInt8]) {
    for b in bytes {
      let bit = UInt64(1) << UInt64(b & 63)
      switch b >> 6 {
      case 0: words.0 |= bit
      case 1: words.1 |= bit
      case 2: words.2 |= bit
      default: words.3 |= bit
      }
    }
  }

  @inline(__always)
  func contains(_ b: UInt8) -> Bool {
    let bit = UInt64(1) << UInt64(b & 63)
    switch b >> 6 {
    case 0: return words.0 & bit != 0
    case 1: return words.1 & bit != 0
    case 2: return words.2 & bit != 0
    default: return words.3 & bit != 0
    }
  }

  /// Whether every byte of `needle` occurs in the set (checked last byte first: the
  /// distinguishing byte of a CJK character is its last).
  @inline(__always)
  func containsAll(_ needle: [UInt8]) -> Bool {
    var i = needle.count
    while i > 0 {
      i -= 1
      if !contains(needle[i]) { return false }
    }
    return true
  }
}
