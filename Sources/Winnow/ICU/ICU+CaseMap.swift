internal import CICU

/// Full Unicode case folding of UTF-8 (`icu::CaseMap::utf8Fold`, default options: not
/// the Turkic variant), per ICU 72 / Unicode 15.0 `CaseFolding.txt` statuses C and F.
///
/// Stateless and `Sendable`: ICU's case-mapping data is shared and read-only.
///
/// ```swift
/// let folder = CaseFolder()
/// try folder.fold("Straße ΣΑΣ")   // "strasse σασ"
/// ```
public struct CaseFolder: Sendable, Hashable {
  /// A case folder.
  public init() {}

  /// Folds UTF-8 text.
  ///
  /// - Parameters:
  ///   - bytes: UTF-8 text. Ill-formed sequences pass through unchanged.
  ///   - tracking: whether to compute the alignment (default `true`).
  /// - Returns: the folded bytes and, when `tracking`, their alignment to `bytes`.
  /// - Throws: `ICUError` if ICU fails.
  ///
  /// ```swift
  /// try CaseFolder().fold(Array("ß".utf8)).bytes   // Array("ss".utf8)
  /// ```
  public func fold(
    _ bytes: UnsafeBufferPointer<UInt8>, tracking: Bool = true
  ) throws(ICUError) -> (bytes: [UInt8], alignment: Alignment) {
    if bytes.isEmpty { return ([], Alignment()) }
    let n = try icuLength(bytes.count, "CaseMap::utf8Fold")
    return try icuEditingFill("CaseMap::utf8Fold", sourceCount: bytes.count, tracking: tracking) {
      dst, cap, edits, editsCap, editsCount, status in
      cicu_fold_case_utf8(bytes.baseAddress, n, dst, cap, edits, editsCap, editsCount, &status)
    }
  }

  /// Folds UTF-8 text; see ``fold(_:tracking:)-(UnsafeBufferPointer<UInt8>,_)``.
  public func fold(
    _ bytes: [UInt8], tracking: Bool = true
  ) throws(ICUError) -> (bytes: [UInt8], alignment: Alignment) {
    try bytes.withUnsafeBufferPointer { (p) throws(ICUError) in try fold(p, tracking: tracking) }
  }

  /// Folds a string.
  public func fold(_ text: String) throws(ICUError) -> String {
    String(decoding: try fold(Array(text.utf8), tracking: false).bytes, as: UTF8.self)
  }
}
