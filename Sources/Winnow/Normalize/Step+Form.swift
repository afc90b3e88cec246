/// The `form` step: a Unicode normalization form (NFC by default) through ICU.
///
/// Cheap on clean text, in three tiers: a pure-ASCII line is already in every form (for
/// NFKC_Casefold: unless it has an uppercase letter) and returns at once; then ICU's quick
/// check (`isNormalizedUTF8`, no copy); only then the normalization with edits.
struct FormStep: LineStep {
  let normalizer: UnicodeNormalizer

  /// - Throws: `WinnowError` (`.internal`) if ICU's normalization data cannot be loaded.
  init(_ form: NormalizationForm) throws(WinnowError) {
    normalizer = UnicodeNormalizer(form)
    do {
      _ = try normalizer.isNormalized([0xC3, 0xA9])
    } catch {
      throw WinnowError(error, "cannot load ICU's \(form.rawValue) normalization data")
    }
  }

  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    let firstNonASCII = ASCIIScan.firstNonASCII(line)
    if firstNonASCII == line.count {
      if normalizer.form != .nfkcCasefold { return nil }
      var hasUpper = false
      for b in line where b &- 0x41 < 26 {
        hasUpper = true
        break
      }
      if !hasUpper { return nil }
    }
    // On an ICU failure (which valid UTF-8 cannot cause short of memory exhaustion) the
    // line is left unchanged rather than dropped.
    if (try? normalizer.isNormalized(line)) ?? true { return nil }
    guard let (bytes, alignment) = try? normalizer.normalize(line, tracking: tracking) else {
      return nil
    }
    if tracking ? alignment.isIdentity : bytes.elementsEqual(line) { return nil }
    var out = EditBuffer(capacity: 0, tracking: tracking)
    out.bytes = bytes
    out.alignment = alignment
    return out
  }
}
