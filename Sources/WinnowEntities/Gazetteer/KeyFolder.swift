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
    let folded = normalizer.normalize(Array(name.utf8), tracking: false).bytes
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
