/// The names of the normalizer's steps, in the order they run.
///
/// Decoding (BOM removal, invalid UTF-8 to U+FFFD, legacy charsets) always runs before
/// these; see ``TextDecoder``. Each step can be used and tested alone
/// (`winnow normalize --steps width`).
public enum NormalizationStep: String, CaseIterable, Sendable, Codable, Hashable {
  /// Line endings (`\r\n`, `\r`, U+0085, U+2028, U+2029) become `\n`.
  case newlines
  /// C0 and C1 control characters are removed, except tab and newline.
  case controls
  /// Zero-width characters (U+200B, U+2060, inner U+FEFF, soft hyphen, …) are removed;
  /// ZWJ and ZWNJ are kept where they are meaningful (emoji sequences, joining scripts).
  case zeroWidth = "zero-width"
  /// HTML character references are decoded by the HTML5 rules (as Python's `html.unescape`).
  case entities
  /// Conservative repair of UTF-8 that was decoded as Windows-1252 or Latin-1 (`â€™` → `’`).
  case mojibake
  /// Opt-in repair of UTF-8 that was decoded as GBK (strict round trip, else unchanged).
  case mojibakeGBK = "mojibake-gbk"
  /// The Unicode normalization form chosen by ``NormalizerOptions/form`` (default NFC).
  case form
  /// CJK-aware width folding: full-width ASCII to ASCII, punctuation only away from CJK,
  /// half-width katakana to full-width.
  case width
  /// Space separators to ASCII space, runs collapsed, lines trimmed, blank-line runs
  /// collapsed to one.
  case spaces
  /// Optional punctuation folding: curly quotes, dashes and ellipsis to ASCII.
  case punct
  /// Optional Traditional → Simplified Chinese through OpenCC (`t2s.json`).
  case t2s
  /// Optional full Unicode case folding.
  case casefold
}

/// The Unicode normalization forms the `form` step can apply.
public enum NormalizationForm: String, CaseIterable, Sendable, Codable, Hashable {
  /// Canonical composition (the default).
  case nfc
  /// Canonical decomposition.
  case nfd
  /// Compatibility composition.
  case nfkc
  /// Compatibility decomposition.
  case nfkd
  /// NFKC with case folding and removal of default ignorables (for search keys).
  case nfkcCasefold = "nfkc-casefold"
}

/// A step of the normalizer over one line of valid UTF-8 (never containing `\n`).
///
/// Internal: built-in steps implement it; the order is fixed by ``Normalizer``.
protocol LineStep: Sendable {
  /// Applies the step to `line`.
  /// - Returns: the new line (with its alignment when `tracking`), or `nil` if the line
  ///   is unchanged. Returning `nil` for unchanged input is what keeps clean text cheap.
  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer?

  /// Whether the step can change a line with the contents `scan` found (see ``LineScan``);
  /// when false, ``apply(_:tracking:)`` is skipped for an unchanged line.
  func isNeeded(_ scan: LineScan) -> Bool

  /// The ``CharClass`` trigger bits of the lines the step can change: a line whose scan
  /// has none of them is left unchanged by ``apply(_:tracking:)``.
  var triggers: UInt16 { get }
}
