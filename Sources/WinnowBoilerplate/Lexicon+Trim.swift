extension Lexicon {
  /// ``trimmed(_:_:)`` with a shortcut for the common line: one that opens with an ASCII
  /// byte other than a space or control, or a CJK ideograph's lead byte (E4–E9), and ends
  /// with such an ASCII byte or a three-byte scalar of those lead bytes, has no space to
  /// trim at either end (every space scalar is ASCII or opens with C2, E2, E3 or EF). Other
  /// lines (and empty ones) go to ``trimmed(_:_:)``. `u` is valid UTF-8.
  @inline(__always)
  static func trimmedQuickly(_ u: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    let a = range.lowerBound
    let b = range.upperBound
    if a < b {
      let first = u[a]
      let last = u[b &- 1]
      if (first &- 0x21 < 0x5F || first &- 0xE4 < 6)
        && (last &- 0x21 < 0x5F || (last >= 0x80 && b &- a >= 3 && u[b &- 3] &- 0xE4 < 6))
      {
        return range
      }
    }
    return trimmed(u, range)
  }
}
