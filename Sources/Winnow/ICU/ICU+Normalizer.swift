internal import CICU

/// Unicode normalization of UTF-8 through ICU 72's `icu::Normalizer2` (Unicode 15.0).
///
/// A thin value over ICU's shared normalizer instances (`Normalizer2::getNFCInstance` and
/// friends), which ICU creates once and which are safe to use from any thread; so a
/// `UnicodeNormalizer` is a plain `Sendable` value with nothing to open or close.
///
/// Offsets in the returned ``Alignment`` are UTF-8 byte offsets; its runs are ICU's
/// fine-grained `icu::Edits` (an unchanged run maps byte for byte, a changed run as a
/// whole).
///
/// ```swift
/// let nfc = UnicodeNormalizer(.nfc)
/// let (bytes, alignment) = try nfc.normalize(Array("e\u{301}x".utf8))
/// // bytes == Array("éx".utf8); alignment.runs == [changed 3→2, unchanged 1→1]
/// try nfc.isNormalized(Array("éx".utf8))   // true
/// ```
public struct UnicodeNormalizer: Sendable, Hashable {
  /// The normalization form applied.
  public let form: NormalizationForm

  /// A normalizer for `form`.
  /// - Parameter form: NFC, NFD, NFKC, NFKD or NFKC_Casefold.
  public init(_ form: NormalizationForm) {
    self.form = form
  }

  var cForm: cicu_norm_form {
    switch form {
    case .nfc: CICU_NFC
    case .nfd: CICU_NFD
    case .nfkc: CICU_NFKC
    case .nfkd: CICU_NFKD
    case .nfkcCasefold: CICU_NFKC_CASEFOLD
    }
  }

  /// Whether UTF-8 `bytes` are already in this form (`Normalizer2::isNormalizedUTF8`).
  ///
  /// A quick check that copies nothing. Ill-formed UTF-8 counts as U+FFFD.
  /// - Parameter bytes: UTF-8 text.
  /// - Returns: `true` when normalizing would not change `bytes`.
  /// - Throws: `ICUError` if ICU's normalization data cannot be loaded.
  ///
  /// ```swift
  /// try UnicodeNormalizer(.nfd).isNormalized(Array("é".utf8))  // false
  /// ```
  public func isNormalized(_ bytes: UnsafeBufferPointer<UInt8>) throws(ICUError) -> Bool {
    let n = try icuLength(bytes.count, "Normalizer2::isNormalizedUTF8")
    var status: Int32 = 0
    let result = cicu_is_normalized_utf8(cForm, bytes.baseAddress, n, &status)
    try checkICU(status, "Normalizer2::isNormalizedUTF8")
    return result
  }

  /// Whether UTF-8 `bytes` are already in this form; see ``isNormalized(_:)-(UnsafeBufferPointer<UInt8>)``.
  public func isNormalized(_ bytes: [UInt8]) throws(ICUError) -> Bool {
    try bytes.withUnsafeBufferPointer { (p) throws(ICUError) in try isNormalized(p) }
  }

  /// Normalizes UTF-8 text (`Normalizer2::normalizeUTF8` with `icu::Edits`).
  ///
  /// - Parameters:
  ///   - bytes: UTF-8 text. Ill-formed sequences pass through unchanged.
  ///   - tracking: whether to compute the alignment (default `true`); without, the
  ///     returned alignment is empty and the call is cheaper.
  /// - Returns: the normalized bytes, and their alignment to `bytes`
  ///   (`alignment.inputLength == bytes.count`, `alignment.outputLength == result.count`).
  /// - Throws: `ICUError` if ICU fails (its normalization data missing, out of memory).
  ///
  /// ```swift
  /// try UnicodeNormalizer(.nfkc).normalize(Array("ﬁ".utf8)).bytes  // Array("fi".utf8)
  /// ```
  public func normalize(
    _ bytes: UnsafeBufferPointer<UInt8>, tracking: Bool = true
  ) throws(ICUError) -> (bytes: [UInt8], alignment: Alignment) {
    if bytes.isEmpty { return ([], Alignment()) }
    let n = try icuLength(bytes.count, "Normalizer2::normalizeUTF8")
    let form = cForm
    return try icuEditingFill(
      "Normalizer2::normalizeUTF8", sourceCount: bytes.count, tracking: tracking
    ) {
      dst, cap, edits, editsCap, editsCount, status in
      cicu_normalize_utf8(
        form, bytes.baseAddress, n, dst, cap, edits, editsCap, editsCount, &status)
    }
  }

  /// Normalizes UTF-8 text; see ``normalize(_:tracking:)-(UnsafeBufferPointer<UInt8>,_)``.
  public func normalize(
    _ bytes: [UInt8], tracking: Bool = true
  ) throws(ICUError) -> (bytes: [UInt8], alignment: Alignment) {
    try bytes.withUnsafeBufferPointer { (p) throws(ICUError) in try normalize(p, tracking: tracking)
    }
  }

  /// Normalizes a string.
  ///
  /// ```swift
  /// try UnicodeNormalizer(.nfc).normalize("Å")  // "Å" (U+00C5)
  /// ```
  public func normalize(_ text: String) throws(ICUError) -> String {
    String(decoding: try normalize(Array(text.utf8), tracking: false).bytes, as: UTF8.self)
  }

  /// The reference path: raw ICU through its UTF-16 C API.
  ///
  /// UTF-8 → UTF-16 (`u_strFromUTF8WithSub`) → `unorm2_normalize` → UTF-8
  /// (`u_strToUTF8WithSub`). Slower than ``normalize(_:tracking:)-(UnsafeBufferPointer<UInt8>,_)``;
  /// it exists as the baseline that benchmarks and tests compare with. Ill-formed UTF-8
  /// becomes U+FFFD.
  /// - Parameter bytes: UTF-8 text.
  /// - Returns: the normalized UTF-8.
  /// - Throws: `ICUError` if a conversion or the normalization fails.
  ///
  /// ```swift
  /// try UnicodeNormalizer(.nfc).normalizeUTF16Reference(Array("e\u{301}".utf8))  // Array("é".utf8)
  /// ```
  public func normalizeUTF16Reference(_ bytes: UnsafeBufferPointer<UInt8>) throws(ICUError)
    -> [UInt8]
  {
    if bytes.isEmpty { return [] }
    let n = try icuLength(bytes.count, "u_strFromUTF8WithSub")
    let utf16: [UInt16] = try icuFill("u_strFromUTF8WithSub", capacity: bytes.count) {
      dst, cap, status in
      cicu_utf8_to_utf16(bytes.baseAddress, n, dst, cap, &status)
    }
    let form = cForm
    let normalized: [UInt16] = try utf16.withUnsafeBufferPointer { (src) throws(ICUError) in
      let m = Int32(src.count)
      return try icuFill("unorm2_normalize", capacity: src.count + src.count / 2 + 16) {
        dst, cap, status in
        cicu_normalize_utf16(form, src.baseAddress, m, dst, cap, &status)
      }
    }
    return try normalized.withUnsafeBufferPointer { (src) throws(ICUError) in
      let m = try icuLength(src.count, "u_strToUTF8WithSub")
      return try icuFill("u_strToUTF8WithSub", capacity: src.count * 3) { dst, cap, status in
        cicu_utf16_to_utf8(src.baseAddress, m, dst, cap, &status)
      }
    }
  }

  /// The UTF-16 reference path over an array; see
  /// ``normalizeUTF16Reference(_:)-(UnsafeBufferPointer<UInt8>)``.
  public func normalizeUTF16Reference(_ bytes: [UInt8]) throws(ICUError) -> [UInt8] {
    try bytes.withUnsafeBufferPointer { (p) throws(ICUError) in try normalizeUTF16Reference(p) }
  }
}
