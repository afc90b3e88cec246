/// UTF-8 decoding with ICU's `U8_NEXT_OR_FFFD` semantics: an ill-formed sequence yields
/// U+FFFD and consumes its maximal subpart (Unicode §3.9, "best practice"), exactly as ICU's
/// UTF-8 `UText` reads it, so byte offsets agree with ICU's break iterators.
enum UTF8Cursor {
  /// Decodes the scalar starting at byte `i` of `p` (`i < p.count`).
  ///
  /// - Returns: The scalar (U+FFFD for ill-formed input) and how many bytes it spans (≥ 1).
  @inline(__always)
  static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
    let n = p.count
    let b0 = UInt32(p[i])
    if b0 < 0x80 { return (b0, 1) }
    return decodeMultibyte(p, i, n, b0)
  }

  @inline(__always)
  static func decodeMultibyte(
    _ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ n: Int, _ b0: UInt32
  ) -> (scalar: UInt32, length: Int) {
    if b0 < 0xC2 { return (0xFFFD, 1) }
    guard i + 1 < n else { return (0xFFFD, 1) }
    let t1 = UInt32(p[i + 1])
    if b0 < 0xE0 {
      return t1 & 0xC0 == 0x80 ? ((b0 & 0x1F) << 6 | (t1 & 0x3F), 2) : (0xFFFD, 1)
    }
    if b0 < 0xF0 {
      let lo: UInt32 = b0 == 0xE0 ? 0xA0 : 0x80
      let hi: UInt32 = b0 == 0xED ? 0x9F : 0xBF
      guard t1 >= lo && t1 <= hi else { return (0xFFFD, 1) }
      guard i + 2 < n, p[i + 2] & 0xC0 == 0x80 else { return (0xFFFD, 2) }
      return ((b0 & 0x0F) << 12 | (t1 & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
    }
    if b0 < 0xF5 {
      let lo: UInt32 = b0 == 0xF0 ? 0x90 : 0x80
      let hi: UInt32 = b0 == 0xF4 ? 0x8F : 0xBF
      guard t1 >= lo && t1 <= hi else { return (0xFFFD, 1) }
      guard i + 2 < n, p[i + 2] & 0xC0 == 0x80 else { return (0xFFFD, 2) }
      guard i + 3 < n, p[i + 3] & 0xC0 == 0x80 else { return (0xFFFD, 3) }
      return (
        (b0 & 0x07) << 18 | (t1 & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
          | UInt32(p[i + 3] & 0x3F), 4
      )
    }
    return (0xFFFD, 1)
  }
}
