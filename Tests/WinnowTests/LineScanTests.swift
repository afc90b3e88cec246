import Testing

@testable import Winnow

@Suite struct LineScanTests {
  /// The word-at-a-time scan agrees with a byte-by-byte reference on random lines.
  @Test func matchesByteByByteReference() {
    var rng = SplitMix64(seed: 0x5CA9)
    let alphabet: [UInt8] = [0x20, 0x20, 0x20, 0x09, 0x26, 0x41, 0x61, 0x7F, 0x01, 0x1F, 0xC3, 0xA9, 0x2E]
    for i in 0..<20_000 {
      let line = (0..<Int.random(in: 0...40, using: &rng)).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] }
      let s = line.withUnsafeBufferPointer { LineScan($0) }
      let double = zip(line, line.dropFirst()).contains { $0 == 0x20 && $1 == 0x20 }
      let edge = [line.first, line.last].contains { (b: UInt8?) in b == 0x20 || b == 0x09 }
      #expect(s.nonASCII == line.contains { $0 >= 0x80 }, "case \(i): \(line)")
      #expect(s.control == line.contains { $0 < 0x20 || $0 == 0x7F }, "case \(i): \(line)")
      #expect(s.ampersand == line.contains(0x26), "case \(i): \(line)")
      #expect(s.doubleSpace == double, "case \(i): \(line)")
      #expect(s.edgeBlank == edge, "case \(i): \(line)")
      if s.nonASCII != line.contains(where: { $0 >= 0x80 }) || s.doubleSpace != double { return }
    }
  }
}
