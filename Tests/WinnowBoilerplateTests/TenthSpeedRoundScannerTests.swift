import Testing
import WinnowTestSupport

@testable import WinnowBoilerplate

/// Speed round 10: the needle scanner's table of 16-bit states on a power-of-two row width
/// finds what a substring search finds.
@Suite("Tenth speed round: the needle scanner's 16-bit table")
struct TenthSpeedRoundScannerTests {
  /// Whether `needle` occurs in `hay`.
  static func occurs(_ needle: [UInt8], in hay: [UInt8]) -> Bool {
    guard needle.count <= hay.count else { return false }
    return (0...(hay.count - needle.count)).contains {
      hay[$0..<($0 + needle.count)].elementsEqual(needle)
    }
  }

  /// Greedy leftmost non-overlapping occurrences of `needle` in `hay`.
  static func count(_ needle: [UInt8], in hay: [UInt8]) -> Int {
    guard !needle.isEmpty, needle.count <= hay.count else { return 0 }
    var n = 0
    var i = 0
    while i + needle.count <= hay.count {
      if hay[i..<(i + needle.count)].elementsEqual(needle) {
        n += 1
        i += needle.count
      } else {
        i += 1
      }
    }
    return n
  }

  @Test(
    "scan = substring search: family bits and counts (few start bytes, many, wide alphabets)",
    arguments: [(4, 3, 6), (40, 12, 60), (120, 30, 200)])
  func scanAgainstSearch(needlesPerFamily: Int, maxLength: Int, alphabet: Int) {
    var rng = SplitMix64(seed: UInt64(needlesPerFamily * 1000 + alphabet))
    // Bytes from `alphabet` values spread over 0–255 (ASCII, UTF-8 leads and continuations).
    let bytes = (0..<alphabet).map { UInt8(($0 * 37 + 11) % 256) }
    func randomBytes(_ n: Int, from pool: Int) -> [UInt8] {
      (0..<n).map { _ in bytes[Int(rng.next() % UInt64(pool))] }
    }
    for _ in 0..<6 {
      let families = (0..<5).map { _ in
        (0..<needlesPerFamily).map { _ in
          randomBytes(
            1 + Int(rng.next() % UInt64(maxLength)),
            from: min(alphabet, 8 + Int(rng.next() % UInt64(alphabet))))
        }
      }
      let counted = (0..<3).map { _ in randomBytes(1 + Int(rng.next() % 3), from: min(alphabet, 6))
      }
      let scanner = NeedleScanner(families: families, counted: counted)
      for _ in 0..<300 {
        // Haystacks built partly of needles, so matches are common.
        var hay: [UInt8] = []
        for _ in 0..<Int(rng.next() % 12) {
          if rng.next() % 2 == 0 {
            let f = families[Int(rng.next() % 5)]
            hay += f[Int(rng.next() % UInt64(f.count))]
          } else if rng.next() % 2 == 0 {
            hay += counted[Int(rng.next() % 3)]
          } else {
            hay += randomBytes(Int(rng.next() % 20), from: alphabet)
          }
        }
        var counts = 0
        let found = hay.withUnsafeBufferPointer { scanner.scan($0, counts: &counts) }
        var expected: UInt32 = 0
        for (k, list) in families.enumerated()
        where list.contains(where: { Self.occurs($0, in: hay) }) {
          expected |= 1 << UInt32(k)
        }
        #expect(found == expected, "\(hay)")
        #expect(counts == counted.reduce(0) { $0 + Self.count($1, in: hay) }, "\(hay)")
      }
    }
  }
}
