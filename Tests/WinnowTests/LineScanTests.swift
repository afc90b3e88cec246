import Testing

@testable import Winnow

@Suite struct LineScanTests {
  /// The word-at-a-time scan agrees with a byte-by-byte reference on random lines.
  @Test func matchesByteByByteReference() {
    var rng = SplitMix64(seed: 0x5CA9)
    let alphabet: [UInt8] = [
      0x20, 0x20, 0x20, 0x09, 0x26, 0x41, 0x61, 0x7F, 0x01, 0x1F, 0xC3, 0xA9, 0x2E,
    ]
    for i in 0..<20_000 {
      let line = (0..<Int.random(in: 0...40, using: &rng)).map { _ in
        alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
      }
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

/// The gates are sound: a step that ``LineScan`` says is not needed leaves the line
/// unchanged, for every BMP code point (and a sample above it) alone, after `a`, before a
/// combining mark and next to CJK text.
@Suite struct LineScanGateTests {
  @Test func skippedStepsWouldNotHaveChangedTheLine() throws {
    let steps: [(String, any LineStep)] = [
      ("controls", ControlsStep()), ("zero-width", ZeroWidthStep()), ("mojibake", MojibakeStep()),
      ("width", WidthStep()), ("spaces", SpacesStep()), ("punct", PunctStep()),
      ("form nfc", try FormStep(.nfc)), ("form nfd", try FormStep(.nfd)),
      ("form nfkc", try FormStep(.nfkc)),
    ]
    var scalars = Array(0x80...0xFFFF).filter { !(0xD800...0xDFFF).contains($0) }
    scalars += Array(stride(from: 0x10000, through: 0x10FFFF, by: 97))
    var skipped = 0
    for v in scalars {
      guard let u = Unicode.Scalar(UInt32(v)) else { continue }
      let c = String(u)
      for line in [c, "a" + c, c + "\u{3099}", "中" + c + "文", c + c] {
        let bytes = Array(line.utf8)
        try bytes.withUnsafeBufferPointer { p in
          let scan = LineScan(p)
          for (name, step) in steps where !step.isNeeded(scan) {
            skipped += 1
            if step.apply(p, tracking: false) != nil {
              Issue.record(
                "\(name) skipped but changes U+\(String(v, radix: 16, uppercase: true)) in \(line.unicodeScalars.map { String($0.value, radix: 16) })"
              )
              throw CancellationError()
            }
          }
        }
      }
    }
    #expect(skipped > 100_000)
  }
}
