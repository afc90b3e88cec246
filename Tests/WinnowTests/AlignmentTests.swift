import Testing

@testable import Winnow

/// Applies an alignment-producing edit list to a text, as a reference for composition.
private struct Edit {
  var input: Int
  var output: [UInt8]?  // nil: unchanged
}

private func apply(_ edits: [Edit], to text: [UInt8]) -> ([UInt8], Alignment) {
  var out: [UInt8] = []
  var a = Alignment()
  var pos = 0
  for e in edits {
    if let o = e.output {
      out += o
      a.appendChange(input: e.input, output: o.count)
    } else {
      out += text[pos..<pos + e.input]
      a.appendUnchanged(e.input)
    }
    pos += e.input
  }
  return (out, a)
}

private func randomEdits(length: Int, using rng: inout some RandomNumberGenerator) -> [Edit] {
  var edits: [Edit] = []
  var left = length
  while left > 0 {
    let k = Int.random(in: 1...min(left, 4), using: &rng)
    if Bool.random(using: &rng) {
      edits.append(Edit(input: k, output: nil))
    } else {
      let outLen = Int.random(in: 0...3, using: &rng)
      edits.append(
        Edit(input: k, output: (0..<outLen).map { _ in UInt8.random(in: 0x61...0x7A, using: &rng) })
      )
    }
    left -= k
  }
  if Int.random(in: 0..<4, using: &rng) == 0 { edits.append(Edit(input: 0, output: [0x21])) }
  return edits
}

@Suite struct AlignmentTests {
  @Test func identityMapsOffsetsToThemselves() {
    let a = Alignment(identity: 10)
    #expect(a.inputRange(forOutput: 2..<5) == 2..<5)
    #expect(a.isIdentity)
  }

  @Test func changedRunMapsAsAWhole() {
    var a = Alignment()
    a.appendUnchanged(3)
    a.appendChange(input: 5, output: 1)  // "&amp;" -> "&"
    a.appendUnchanged(2)
    #expect(a.inputRange(forOutput: 3..<4) == 3..<8)
    #expect(a.inputRange(forOutput: 4..<6) == 8..<10)
    #expect(a.inputRange(forOutput: 0..<6) == 0..<10)
  }

  @Test func deletionsAreNotSwallowedByNeighbours() {
    // "a\u{200B}b" -> "ab": "b" maps to the input "b" only.
    var a = Alignment()
    a.appendUnchanged(1)
    a.appendChange(input: 3, output: 0)
    a.appendUnchanged(1)
    #expect(a.inputRange(forOutput: 1..<2) == 4..<5)
    #expect(a.inputRange(forOutput: 0..<1) == 0..<1)
  }

  /// Composition agrees with applying two edit lists in sequence: every unchanged output
  /// byte maps to an input byte with the same value.
  @Test(arguments: 0..<200)
  func compositionMatchesSequentialApplication(seed: Int) {
    var rng = SplitMix64(seed: UInt64(seed))
    let text = (0..<Int.random(in: 0...30, using: &rng)).map { _ in
      UInt8.random(in: 0x41...0x5A, using: &rng)
    }
    let (mid, a) = apply(randomEdits(length: text.count, using: &rng), to: text)
    let (end, b) = apply(randomEdits(length: mid.count, using: &rng), to: mid)
    let c = a.then(b)
    #expect(c.inputLength == text.count, "seed \(seed)")
    #expect(c.outputLength == end.count, "seed \(seed)")
    // Walk the composed runs: unchanged runs copy input bytes verbatim.
    var i = 0, o = 0
    for r in c.runs {
      if !r.changed {
        #expect(
          Array(text[i..<i + r.inputLength]) == Array(end[o..<o + r.outputLength]), "seed \(seed)")
      }
      i += r.inputLength
      o += r.outputLength
    }
  }
}
