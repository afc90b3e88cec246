import Foundation

/// A seeded SplitMix64, so a failing random input can be reproduced from its seed.
/// Every randomized test prints its seed on failure.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A text file under `Corpora/`, resolved from this source file up to the package root.
func corpusText(_ relative: String) throws -> String {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  return try String(contentsOf: root.appendingPathComponent("Corpora/" + relative), encoding: .utf8)
}

/// Undoes the escaping of the TSV fixtures in `Corpora/` (written by the generator scripts):
/// `\\` and `\u{HEX}`.
func unescapeFixture(_ s: Substring) -> String {
  var out = String.UnicodeScalarView()
  var it = s.unicodeScalars.makeIterator()
  while let c = it.next() {
    guard c == "\\" else { out.append(c); continue }
    guard let d = it.next() else { break }
    if d == "\\" { out.append(d); continue }
    _ = it.next()  // "{"
    var hex = ""
    while let h = it.next(), h != "}" { hex.unicodeScalars.append(h) }
    if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) { out.append(u) }
  }
  return String(out)
}
