/// A seeded SplitMix64, so a failing random input can be reproduced from its seed.
/// Every randomized test prints its seed on failure.
///
/// ```swift
/// var rng = SplitMix64(seed: 1)
/// Int.random(in: 0..<10, using: &rng)  // the same number at every run
/// ```
public struct SplitMix64: RandomNumberGenerator {
  /// The generator's state (the seed, then advanced at each draw).
  public var state: UInt64

  /// A generator starting from `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
