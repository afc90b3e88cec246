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
  let normalizer: Normalizer

  /// A folder.
  /// - Throws: `WinnowError` when ICU or OpenCC's `t2s.json` cannot be loaded.
  public init() throws(WinnowError) {
    normalizer = try Normalizer(NormalizerOptions(steps: [.t2s, .form], form: .nfkcCasefold))
  }

  /// Folds UTF-8 text.
  /// - Parameters:
  ///   - text: valid UTF-8.
  ///   - tracking: whether to compute the alignment (default true).
  /// - Returns: the folded bytes and their alignment to `text`.
  public func fold(_ text: [UInt8], tracking: Bool = true) -> NormalizedText {
    normalizer.normalize(text, tracking: tracking)
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
    for (i, name) in names.enumerated() where !name.utf8.contains(0x0A) && !name.utf8.contains(0x0D) {
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
