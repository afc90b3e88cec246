import Winnow

/// A property checked on one fuzz input: the shared body of a libFuzzer target
/// (`Sources/Fuzz*/`) and of the regression test that replays `Corpora/fuzz-findings/`.
///
/// Checks never trap on their own: ``check(_:)`` returns a description of the broken
/// property, and the fuzz entry point turns it into a crash (``run(_:_:)``), so the same
/// code serves libFuzzer and Swift Testing.
///
/// ```swift
/// let c = try NormalizeFuzzCheck()
/// c.check(Array("ＡＢＣ".utf8))   // nil: every property holds
/// ```
public protocol FuzzCheck: AnyObject {
  /// The fuzz target's name, also its folder under `Corpora/fuzz/` and `Corpora/fuzz-findings/`.
  static var target: String { get }
  /// Sets up the engines once (ICU, OpenCC, tokenizers).
  /// - Throws: `WinnowError` when an engine cannot be loaded.
  init() throws(WinnowError)
  /// Checks one input.
  /// - Parameter input: arbitrary bytes.
  /// - Returns: nil when every property holds, else what broke (with the bytes involved).
  func check(_ input: [UInt8]) -> String?
}

extension FuzzCheck {
  /// The libFuzzer body: checks `size` bytes at `data` and traps with the finding.
  /// - Returns: 0 (libFuzzer's "keep going").
  public func run(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    if let finding = check(input) {
      fatalError("\(Self.target) finding: \(finding)\ninput (\(input.count) bytes): \(hex(input))")
    }
    return 0
  }

  /// Makes the check or stops the fuzzer with the setup error (not an input finding).
  public static func make() -> Self {
    do {
      return try Self()
    } catch {
      fatalError("\(target): setup failed: \(error)")
    }
  }
}

/// Every check, by target name.
public var allFuzzChecks: [any FuzzCheck.Type] {
  [
    NormalizeFuzzCheck.self, TokenizeFuzzCheck.self, JSONLFuzzCheck.self,
    PipelineConfigFuzzCheck.self, EntitiesFuzzCheck.self, BoilerplateFuzzCheck.self,
  ]
}

/// Bytes as hex, at most `limit` of them, for messages.
public func hex(_ bytes: some Collection<UInt8>, limit: Int = 256) -> String {
  let digits = Array("0123456789abcdef".utf8)
  var out: [UInt8] = []
  for (i, b) in bytes.enumerated() {
    if i == limit { return String(decoding: out, as: UTF8.self) + " … (\(bytes.count) bytes)" }
    if i > 0 { out.append(0x20) }
    out.append(digits[Int(b >> 4)])
    out.append(digits[Int(b & 0xF)])
  }
  return String(decoding: out, as: UTF8.self)
}

/// Whether `bytes` is well-formed UTF-8.
func isValidUTF8(_ bytes: [UInt8]) -> Bool {
  String(validating: bytes, as: UTF8.self) != nil
}

/// What is wrong with `a` as the alignment of `output` to `input`, or nil: it covers both
/// exactly, unchanged runs copy bytes, every output scalar maps into the input, and output
/// offsets map to non-decreasing input offsets.
func alignmentProblem(_ a: Alignment, input: [UInt8], output: [UInt8]) -> String? {
  guard a.inputLength == input.count, a.outputLength == output.count else {
    return
      "alignment covers \(a.inputLength)→\(a.outputLength) bytes, texts are \(input.count)→\(output.count)"
  }
  var i = 0
  var o = 0
  for (k, run) in a.runs.enumerated() {
    guard run.inputLength >= 0, run.outputLength >= 0 else {
      return "run \(k) has a negative length"
    }
    if !run.changed {
      guard run.inputLength == run.outputLength,
        input[i..<i + run.inputLength].elementsEqual(output[o..<o + run.outputLength])
      else { return "unchanged run \(k) (input \(i), output \(o)) does not copy its bytes" }
    }
    i += run.inputLength
    o += run.outputLength
  }
  guard i == input.count, o == output.count else { return "runs sum to \(i)→\(o)" }
  // Every output scalar maps to a range inside the input.
  var pos = 0
  while pos < output.count {
    let len = utf8Length(output[pos])
    let end = min(pos + max(len, 1), output.count)
    let r = a.inputRange(forOutput: pos..<end)
    guard r.lowerBound >= 0, r.upperBound <= input.count else {
      return "output \(pos)..<\(end) maps to \(r), outside the input's \(input.count) bytes"
    }
    pos = end
  }
  // Start offsets and end offsets each map monotonically into the input.
  var lastLo = 0
  var lastHi = 0
  for off in 0...output.count {
    let lo = a.inputOffset(forOutput: off, roundingUp: false)
    let hi = a.inputOffset(forOutput: off, roundingUp: true)
    guard lo >= lastLo, hi >= lastHi, lo <= input.count, hi <= input.count else {
      return
        "output offset \(off) maps to start \(lo) / end \(hi) (previous \(lastLo) / \(lastHi), input \(input.count) bytes)"
    }
    lastLo = lo
    lastHi = hi
  }
  return nil
}

/// The length of the UTF-8 sequence a lead byte starts (1 for anything else).
func utf8Length(_ b: UInt8) -> Int {
  switch b {
  case 0xC0...0xDF: 2
  case 0xE0...0xEF: 3
  case 0xF0...0xF7: 4
  default: 1
  }
}

/// A split point inside `bytes` chosen by its first byte (for chunked-equals-whole checks).
func splitPoint(_ bytes: [UInt8]) -> Int {
  guard let first = bytes.first else { return 0 }
  return Int(first) * bytes.count / 256
}
