/// The `casefold` step: full Unicode case folding (ICU `CaseMap::utf8Fold`, default
/// options, CaseFolding.txt statuses C and F).
///
/// ASCII lines are folded here without calling ICU (A–Z → a–z is all full folding does
/// to ASCII); a line with no uppercase ASCII letter returns unchanged at once.
struct CaseFoldStep: LineStep {
  let folder = CaseFolder()

  /// - Throws: `WinnowError` (`.internal`) if ICU's case-folding data cannot be loaded.
  init() throws(WinnowError) {
    do {
      _ = try folder.fold([0xC3, 0x89], tracking: false)
    } catch {
      throw WinnowError(error, "cannot load ICU's case-folding data")
    }
  }

  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    if ASCIIScan.isASCII(line) { return foldASCII(line, tracking: tracking) }
    guard let (bytes, alignment) = try? folder.fold(line, tracking: tracking) else { return nil }
    if tracking ? alignment.isIdentity : bytes.elementsEqual(line) { return nil }
    var out = EditBuffer(capacity: 0, tracking: tracking)
    out.bytes = bytes
    out.alignment = alignment
    return out
  }

  /// Lowercases A–Z; nil when there is none.
  private func foldASCII(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    guard let first = line.firstIndex(where: { $0 &- 0x41 < 26 }) else { return nil }
    var out = EditBuffer(capacity: line.count, tracking: tracking)
    out.copy(line, 0..<first)
    var i = first
    while i < line.count {
      let b = line[i]
      if b &- 0x41 < 26 {
        // One changed run per letter keeps offsets exact.
        out.replace(1, withScalar: UInt32(b | 0x20))
        i += 1
      } else {
        var j = i
        while j < line.count && line[j] &- 0x41 >= 26 { j += 1 }
        out.copy(line, i..<j)
        i = j
      }
    }
    return out
  }
}
