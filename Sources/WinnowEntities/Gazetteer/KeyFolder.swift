import Winnow

/// Folds names and text alike for matching: Traditional → Simplified (OpenCC `t2s`) and
/// NFKC_Casefold (ICU), with the alignment back to the original bytes.
///
/// `Ｌｏｎｄｏｎ`, `LONDON` and `london` fold to `london`; `倫敦` to `伦敦`; NFD `Zu\u{308}rich` to
/// `zürich`.
///
/// ```swift
/// let f = try KeyFolder()
/// f.fold(Array("倫敦".utf8)).bytes == Array("伦敦".utf8)   // true
/// ```
public struct KeyFolder: Sendable {
  /// The whole fold (t2s, then NFKC_Casefold): the reference, and the keys' fold.
  let normalizer: Normalizer
  /// Its two halves, run one after the other on the non-ASCII pieces of a line.
  let t2s: Normalizer
  let form: Normalizer

  /// A folder.
  /// - Throws: `WinnowError` when ICU or OpenCC's `t2s.json` cannot be loaded.
  public init() throws(WinnowError) {
    normalizer = try Normalizer(NormalizerOptions(steps: [.t2s, .form], form: .nfkcCasefold))
    t2s = try Normalizer(NormalizerOptions(steps: [.t2s]))
    form = try Normalizer(NormalizerOptions(steps: [.form], form: .nfkcCasefold))
  }

  /// Folds UTF-8 text: the same bytes and the same alignment as the normalizer with the
  /// `t2s` and `form` (NFKC_Casefold) steps (``foldReference(_:tracking:)``), faster.
  ///
  /// ASCII is folded here by lowercasing its bytes (ASCII is NFKC-stable and OpenCC maps
  /// only non-ASCII text); only the non-ASCII pieces of a line go to OpenCC and ICU. See
  /// ``foldLine(_:into:alignment:tracking:)`` for why the pieces fold as the whole line does.
  /// - Parameters:
  ///   - text: valid UTF-8.
  ///   - tracking: whether to compute the alignment (default true).
  /// - Returns: the folded bytes and their alignment to `text`.
  ///
  /// ```swift
  /// try KeyFolder().fold(Array("LONDON 倫敦".utf8)).text   // "london 伦敦"
  /// ```
  public func fold(_ text: [UInt8], tracking: Bool = true) -> NormalizedText {
    var out: [UInt8] = []
    out.reserveCapacity(text.count)
    var alignment = Alignment()
    text.withUnsafeBufferPointer { p in
      var start = 0
      while start < p.count {
        // Lines end at `\n` only: the fold has no `newlines` step.
        var end = start
        while end < p.count && p[end] != 0x0A { end += 1 }
        foldLine(
          UnsafeBufferPointer(rebasing: p[start..<end]), into: &out, alignment: &alignment,
          tracking: tracking)
        if end < p.count {
          out.append(0x0A)
          if tracking { alignment.appendUnchanged(1) }
        }
        start = end + 1
      }
    }
    // `NormalizedText`'s initializer is internal to Winnow: fill an empty result's fields.
    var result = t2s.normalizeLine([], tracking: false)
    result.bytes = out
    result.alignment = alignment
    return result
  }

  /// The reference fold: the whole normalizer (OpenCC `t2s` + ICU NFKC_Casefold) on every
  /// line. ``fold(_:tracking:)`` gives the same result; tests compare the two.
  /// - Parameters:
  ///   - text: valid UTF-8.
  ///   - tracking: whether to compute the alignment (default true).
  /// - Returns: the folded bytes and their alignment to `text`.
  public func foldReference(_ text: [UInt8], tracking: Bool = true) -> NormalizedText {
    normalizer.normalize(text, tracking: tracking)
  }

  /// ASCII runs shorter than this stay inside the neighbouring non-ASCII piece (one OpenCC
  /// and ICU call for `中文 abc 中文`, not two).
  static let minASCIIRun = 24

  /// Folds one line (no `\n` in it) and appends it.
  ///
  /// The line is cut into ASCII pieces, lowercased here, and non-ASCII pieces, folded by
  /// OpenCC and ICU. A cut falls only between two ASCII characters, never right before a
  /// non-ASCII character (it may be a combining mark that composes with the character
  /// before it) and never right after one when a capital follows (ICU may fold that
  /// capital in the same segment). Such a cut is a normalization boundary (no composition
  /// has an ASCII second character, and ASCII has combining class 0), and no OpenCC
  /// dictionary key contains ASCII, so each piece folds alone to what it folds to inside
  /// the line; ICU's edits are per change, so each step's alignment is the concatenation
  /// of its pieces', and the two are composed once for the line, as the normalizer does.
  /// One exception: when OpenCC changes the number of code points of a piece, the `t2s`
  /// step aligns the whole line by common prefix and suffix; such a line is folded whole.
  func foldLine(
    _ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], alignment: inout Alignment,
    tracking: Bool
  ) {
    let n = line.count
    var i = 0
    // ASCII prefix test, eight bytes at a time.
    if let base = line.baseAddress {
      let raw = UnsafeRawPointer(base)
      while i + 8 <= n
        && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      { i += 8 }
    }
    while i < n && line[i] < 0x80 { i += 1 }
    if i == n {
      Self.lowercaseASCII(line, into: &out, alignment: &alignment, tracking: tracking)
      return
    }
    // Pieces: (range, ascii).
    var pieces: [(Range<Int>, Bool)] = []
    var pieceStart = 0
    var k = 0
    while k < n {
      // `k` starts a non-ASCII run here or is an ASCII byte.
      if line[k] >= 0x80 {
        k += 1
        continue
      }
      var e = k
      while e < n && line[e] < 0x80 { e += 1 }
      // The ASCII run is k..<e. Capitals right after non-ASCII text stay with it (ICU may
      // fold them in the same segment), and so does the run's last byte when non-ASCII
      // text follows (it may be a combining mark).
      var s = k
      if k > 0 { while s < e && line[s] &- 0x41 < 26 { s += 1 } }
      let cutEnd = e < n ? e - 1 : e
      if cutEnd - s >= Self.minASCIIRun {
        if s > pieceStart { pieces.append((pieceStart..<s, false)) }
        pieces.append((s..<cutEnd, true))
        pieceStart = cutEnd
      }
      k = e
    }
    if n > pieceStart { pieces.append((pieceStart..<n, false)) }
    if pieces.count == 1 {
      appendFull(line, into: &out, alignment: &alignment, tracking: tracking)
      return
    }
    let mark = out.count
    // The line's two alignments, piece by piece, composed at the end as the normalizer
    // composes its steps' (``Alignment/then(_:)`` merges adjacent changes when `t2s`
    // changed the line, so composing per piece would differ).
    var t2sAlignment = Alignment()
    var formAlignment = Alignment()
    for (r, ascii) in pieces {
      let piece = UnsafeBufferPointer(rebasing: line[r])
      if ascii {
        Self.lowercaseASCII(piece, into: &out, alignment: &formAlignment, tracking: tracking)
        if tracking { t2sAlignment.appendUnchanged(piece.count) }
        continue
      }
      let t = t2s.normalizeLine(Array(piece), tracking: tracking)
      if tracking, !t.alignment.isIdentity,
        Self.scalarCount(t.bytes[...]) != Self.scalarCount(piece[...])
      {
        // The line-wide prefix/suffix alignment of `t2s` (see above): fold it whole.
        out.removeSubrange(mark...)
        appendFull(line, into: &out, alignment: &alignment, tracking: tracking)
        return
      }
      let f = form.normalizeLine(t.bytes, tracking: tracking)
      out.append(contentsOf: f.bytes)
      if tracking {
        t2sAlignment.append(t.alignment)
        formAlignment.append(f.alignment)
      }
    }
    if tracking { alignment.append(t2sAlignment.then(formAlignment)) }
  }

  /// Folds a line with the whole normalizer.
  func appendFull(
    _ line: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], alignment: inout Alignment,
    tracking: Bool
  ) {
    let r = normalizer.normalizeLine(Array(line), tracking: tracking)
    out.append(contentsOf: r.bytes)
    if tracking { alignment.append(r.alignment) }
  }

  /// Lowercases ASCII: each capital a one-byte change (as ICU's edits record it), the
  /// rest unchanged.
  static func lowercaseASCII(
    _ p: UnsafeBufferPointer<UInt8>, into out: inout [UInt8], alignment: inout Alignment,
    tracking: Bool
  ) {
    var unchanged = 0
    for b in p {
      if b &- 0x41 < 26 {
        out.append(b | 0x20)
        if tracking {
          alignment.appendUnchanged(unchanged)
          unchanged = 0
          alignment.appendChange(input: 1, output: 1)
        }
      } else {
        out.append(b)
        unchanged += 1
      }
    }
    if tracking { alignment.appendUnchanged(unchanged) }
  }

  /// The number of code points of UTF-8 bytes.
  static func scalarCount(_ p: some Collection<UInt8>) -> Int {
    var n = 0
    for b in p where (b & 0xC0) != 0x80 { n += 1 }
    return n
  }

  /// Folds a key (a name): as ``fold(_:tracking:)`` without alignment, with surrounding
  /// spaces trimmed and inner space runs made one space.
  public func foldKey(_ name: String) -> [UInt8] {
    Self.collapseSpaces(normalizer.normalize(Array(name.utf8), tracking: false).bytes[...])
  }

  /// Folds many keys at once, each exactly as ``foldKey(_:)`` would: the names go through
  /// the normalizer as the lines of one text (lines are independent in the normalizer),
  /// which is several times faster than one call per name. Names with a line break are
  /// folded one by one.
  /// - Parameter names: the names.
  /// - Returns: their folded keys, in order.
  ///
  /// ```swift
  /// try KeyFolder().foldKeys(["Ｌｏｎｄｏｎ", "倫敦"])  // ["london", "伦敦"] as bytes
  /// ```
  public func foldKeys(_ names: [String]) -> [[UInt8]] {
    var joined: [UInt8] = []
    var batched: [Int] = []
    var out = [[UInt8]](repeating: [], count: names.count)
    for (i, name) in names.enumerated() where !name.utf8.contains(0x0A) && !name.utf8.contains(0x0D)
    {
      // ASCII folds to its lower case (ASCII is NFKC-stable, and t2s changes only Han).
      if name.utf8.allSatisfy({ $0 < 0x80 }) {
        out[i] = Self.collapseSpaces(name.utf8.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }[...])
        continue
      }
      joined.append(contentsOf: name.utf8)
      joined.append(0x0A)
      batched.append(i)
    }
    let folded = normalizer.normalize(joined, tracking: false).bytes
    let lines = folded.split(separator: 0x0A, omittingEmptySubsequences: false)
    // One output line per input line, plus the empty piece after the last terminator.
    guard lines.count == batched.count + 1 else { return names.map(foldKey) }
    for (k, i) in batched.enumerated() { out[i] = Self.collapseSpaces(lines[k]) }
    for (i, name) in names.enumerated() where name.utf8.contains(0x0A) || name.utf8.contains(0x0D) {
      out[i] = foldKey(name)
    }
    return out
  }

  /// Trims surrounding spaces and makes inner runs of spaces, tabs and line feeds one space.
  static func collapseSpaces(_ folded: ArraySlice<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(folded.count)
    var space = false
    for b in folded {
      if b == 0x20 || b == 0x09 || b == 0x0A {
        space = !out.isEmpty
      } else {
        if space { out.append(0x20); space = false }
        out.append(b)
      }
    }
    return out
  }
}
