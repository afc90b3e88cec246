/// How a text was edited into another: a sequence of runs, each saying that
/// `inputLength` bytes of the input became `outputLength` bytes of the output.
///
/// An unchanged run maps byte for byte (its two lengths are equal); a changed run maps
/// as a whole (a span inside it maps to the whole run). This is the edit script of ICU's
/// `icu::Edits` and the idea of Hugging Face tokenizers' `NormalizedString` alignments,
/// kept compact: text that no step touched costs one run.
///
/// All offsets are UTF-8 byte offsets.
///
/// ```swift
/// var a = Alignment()
/// a.appendUnchanged(3)              // "abc"
/// a.appendChange(input: 6, output: 1) // "&amp;" -> "&"   (6 bytes incl. ';' -> 1)
/// a.inputRange(forOutput: 3..<4)    // 3..<9
/// ```
public struct Alignment: Sendable, Hashable, Codable {
  /// One run of the edit script.
  public struct Run: Sendable, Hashable, Codable {
    /// Bytes of input this run covers.
    public var inputLength: Int
    /// Bytes of output this run covers.
    public var outputLength: Int
    /// Whether the run was changed (else the bytes are identical).
    public var changed: Bool

    /// Creates a run.
    public init(inputLength: Int, outputLength: Int, changed: Bool) {
      self.inputLength = inputLength
      self.outputLength = outputLength
      self.changed = changed
    }
  }

  /// The runs, in order. Adjacent unchanged runs are always merged.
  public private(set) var runs: [Run] = []
  /// Total input bytes covered.
  public private(set) var inputLength: Int = 0
  /// Total output bytes covered.
  public private(set) var outputLength: Int = 0

  /// An empty alignment (for empty text).
  public init() {}

  /// The identity alignment over `length` bytes.
  public init(identity length: Int) {
    appendUnchanged(length)
  }

  /// Whether the output equals the input (no changed run).
  public var isIdentity: Bool { !runs.contains { $0.changed } }

  /// Appends `count` bytes copied unchanged.
  public mutating func appendUnchanged(_ count: Int) {
    guard count > 0 else { return }
    inputLength += count
    outputLength += count
    if let last = runs.last, !last.changed {
      runs[runs.count - 1].inputLength += count
      runs[runs.count - 1].outputLength += count
    } else {
      runs.append(Run(inputLength: count, outputLength: count, changed: false))
    }
  }

  /// Reserves room for `count` runs (a caller that knows how many it appends).
  mutating func reserveRuns(_ count: Int) { runs.reserveCapacity(count) }

  /// Appends a change: `input` bytes became `output` bytes (either may be 0).
  public mutating func appendChange(input: Int, output: Int) {
    guard input > 0 || output > 0 else { return }
    inputLength += input
    outputLength += output
    runs.append(Run(inputLength: input, outputLength: output, changed: true))
  }

  /// Appends another alignment after this one (for concatenated texts).
  public mutating func append(_ other: Alignment) {
    for r in other.runs {
      if r.changed {
        appendChange(input: r.inputLength, output: r.outputLength)
      } else {
        appendUnchanged(r.inputLength)
      }
    }
  }

  /// The alignment of applying `self` and then `next` (whose input is `self`'s output).
  ///
  /// - Precondition: `next.inputLength == outputLength`.
  public func then(_ next: Alignment) -> Alignment {
    precondition(next.inputLength == outputLength, "alignment lengths do not chain")
    if next.isIdentity { return self }
    if isIdentity { return next }
    var result = Alignment()
    // Room for a run per run of either side (each step of the loop below ends a run of at
    // least one side): the result does not regrow run by run.
    result.runs.reserveCapacity(runs.count + next.runs.count)
    var i = 0, j = 0
    // Remaining parts of the current runs (unchanged runs may be split).
    var a = runs.first, b = next.runs.first
    func nextA() { i += 1; a = i < runs.count ? runs[i] : nil }
    func nextB() { j += 1; b = j < next.runs.count ? next.runs[j] : nil }
    while a != nil || b != nil {
      if let ra = a, let rb = b, !ra.changed, !rb.changed {
        let n = min(ra.outputLength, rb.inputLength)
        result.appendUnchanged(n)
        if n == ra.outputLength { nextA() } else { a!.inputLength -= n; a!.outputLength -= n }
        if n == rb.inputLength { nextB() } else { b!.inputLength -= n; b!.outputLength -= n }
        continue
      }
      // A change group: consume runs on both sides until they meet at a boundary of the
      // middle text.
      var gx = 0, gz = 0, ya = 0, yb = 0
      while true {
        var advanced = false
        if ya <= yb, let ra = a {
          if ra.changed {
            gx += ra.inputLength; ya += ra.outputLength; nextA(); advanced = true
          } else if ya < yb {
            let n = min(ra.outputLength, yb - ya)
            gx += n; ya += n; advanced = true
            if n == ra.outputLength { nextA() } else { a!.inputLength -= n; a!.outputLength -= n }
          }
        }
        if yb <= ya, let rb = b {
          if rb.changed {
            gz += rb.outputLength; yb += rb.inputLength; nextB(); advanced = true
          } else if yb < ya {
            let n = min(rb.inputLength, ya - yb)
            gz += n; yb += n; advanced = true
            if n == rb.inputLength { nextB() } else { b!.inputLength -= n; b!.outputLength -= n }
          }
        }
        // End the group as soon as both sides meet at a boundary of the middle text, so
        // neighbouring changes stay separate runs (finer alignment).
        if ya == yb && (gx > 0 || gz > 0 || ya > 0) { break }
        if !advanced { break }
      }
      result.appendChange(input: gx, output: gz)
    }
    return result
  }

  /// Maps an output byte range back to the input range it came from.
  ///
  /// A range that starts or ends inside a changed run widens to the whole run.
  /// - Returns: the input range; ranges outside the output are clamped.
  public func inputRange(forOutput range: Range<Int>) -> Range<Int> {
    if runs.count <= 1 && !(runs.first?.changed ?? false) {
      let lo = min(max(range.lowerBound, 0), inputLength)
      return lo..<min(max(range.upperBound, lo), inputLength)
    }
    let lo = inputOffset(forOutput: range.lowerBound, roundingUp: false)
    let hi = range.isEmpty ? lo : inputOffset(forOutput: range.upperBound, roundingUp: true)
    return lo..<max(lo, hi)
  }

  /// Maps one output offset to an input offset.
  ///
  /// A start offset (`roundingUp == false`) maps as far right as it can: past deleted
  /// bytes, and to the start of a changed run it falls inside. An end offset
  /// (`roundingUp == true`) maps as far left as it can: before deleted bytes, and to the
  /// end of a changed run it falls inside. So a token never swallows deleted neighbours.
  public func inputOffset(forOutput offset: Int, roundingUp: Bool) -> Int {
    var inPos = 0, outPos = 0
    for r in runs {
      if let mapped = Self.inputOffset(
        forOutput: offset, in: r, inPos: inPos, outPos: outPos, roundingUp: roundingUp)
      {
        return mapped
      }
      inPos += r.inputLength
      outPos += r.outputLength
    }
    return inputLength
  }

  /// The rule of ``inputOffset(forOutput:roundingUp:)`` for one run `r` that starts at
  /// input offset `inPos` and output offset `outPos`: the mapped offset when `offset` is
  /// decided by this run, nil when it lies further on. Shared with the resumable mapper
  /// `Document` uses for sorted queries.
  @inline(__always)
  static func inputOffset(
    forOutput offset: Int, in r: Run, inPos: Int, outPos: Int, roundingUp: Bool
  ) -> Int? {
    let outEnd = outPos + r.outputLength
    if roundingUp {
      if r.changed {
        if offset == outPos { return inPos }
        if offset <= outEnd { return inPos + r.inputLength }
      } else if offset <= outEnd {
        return inPos + max(0, offset - outPos)
      }
    } else if offset < outEnd {
      return r.changed ? inPos : inPos + max(0, offset - outPos)
    }
    return nil
  }
}
