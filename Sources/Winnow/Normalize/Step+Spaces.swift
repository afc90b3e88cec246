/// Whitespace cleanup within a line: space separators (U+00A0 NO-BREAK SPACE, U+1680,
/// U+2000–U+200A, U+202F, U+205F, U+3000 IDEOGRAPHIC SPACE) become ASCII spaces, runs of
/// spaces collapse to one, and spaces and tabs at both ends of the line are trimmed.
/// Tabs inside a line are kept (they may separate fields).
///
/// Collapsing runs of blank lines to one is done by ``Normalizer`` (it needs the
/// previous line).
struct SpacesStep: LineStep {
  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    let n = line.count
    guard n > 0 else { return nil }
    // Quick check: no leading/trailing blank, no double space, no non-ASCII space lead byte.
    var needs = Self.isEdgeBlank(line[0]) || Self.isEdgeBlank(line[n - 1])
    if !needs {
      // A double space, or a real space separator (not merely a byte that could start one:
      // most Chinese lines hold E3 bytes, U+3000–U+3FFF, without any U+3000).
      var i = 0
      while i < n {
        let b = line[i]
        if b == 0x20 {
          if i + 1 < n && line[i + 1] == 0x20 { needs = true; break }
        } else if b >= 0xC2 && b <= 0xE3 && Self.spaceLength(line, i) > 0 {
          needs = true
          break
        }
        i += 1
      }
    }
    guard needs else { return nil }
    var out = EditBuffer(capacity: n, tracking: tracking)
    // Trim: find the first and last non-blank character (space separators count as blank).
    var lo = 0
    while lo < n {
      let l = Self.spaceLength(line, lo)
      if l == 0 { break }
      lo += l
    }
    var hi = n
    while hi > lo {
      let (c, s) = UTF8Encoding.decodeBefore(line, hi)
      if c == 0x20 || c == 0x09 || Self.isSpaceSeparator(c) { hi = s } else { break }
    }
    out.replace(lo, with: EmptyCollection())
    var i = lo
    var copied = lo
    while i < hi {
      let l = Self.spaceLength(line, i)
      if l == 0 || line[i] == 0x09 {
        i += 1
        continue
      }
      // A run of spaces and space separators (tabs end it).
      var j = i
      while j < hi {
        let m = Self.spaceLength(line, j)
        if m == 0 || line[j] == 0x09 { break }
        j += m
      }
      if j - i == 1 && line[i] == 0x20 {
        i = j
        continue
      }
      out.copy(line, copied..<i)
      out.replace(j - i, with: CollectionOfOne(UInt8(0x20)))
      i = j
      copied = j
    }
    out.copy(line, copied..<hi)
    out.replace(n - hi, with: EmptyCollection())
    if out.bytes.count == n && !tracking { return out.bytes.elementsEqual(line) ? nil : out }
    return out.alignment.isIdentity && tracking ? nil : out
  }

  /// Whether a first or last byte may start trimmable blank (space, tab, or the lead byte of
  /// a space separator).
  @inline(__always)
  static func isEdgeBlank(_ b: UInt8) -> Bool {
    b == 0x20 || b == 0x09 || b == 0xC2 || b == 0xE1 || b == 0xE2 || b == 0xE3
  }

  /// Unicode space separators other than U+0020.
  @inline(__always)
  static func isSpaceSeparator(_ c: UInt32) -> Bool {
    c == 0xA0 || c == 0x1680 || (0x2000...0x200A).contains(c) || c == 0x202F || c == 0x205F
      || c == 0x3000
  }

  /// The byte length of a space, tab or space separator at `i`, else 0.
  @inline(__always)
  static func spaceLength(_ p: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
    let b = p[i]
    if b == 0x20 || b == 0x09 { return 1 }
    if b < 0xC2 || b > 0xE3 { return 0 }
    let (c, len) = UTF8Encoding.decode(p, at: i)
    return isSpaceSeparator(c) ? len : 0
  }
}

/// Optional punctuation folding to ASCII: single curly quotes and primes → `'`, double
/// curly quotes → `"`, hyphens and dashes (U+2010–U+2015, U+2212 MINUS SIGN) → `-`,
/// U+2026 HORIZONTAL ELLIPSIS → `...`.
struct PunctStep: LineStep {
  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    let n = line.count
    var i = 0
    var out: EditBuffer? = nil
    var copied = 0
    while i < n {
      guard line[i] == 0xE2 else {
        i += 1
        continue
      }
      let (c, len) = UTF8Encoding.decode(line, at: i)
      if let replacement = Self.replacement(c) {
        if out == nil { out = EditBuffer(capacity: n, tracking: tracking) }
        out?.copy(line, copied..<i)
        out?.replace(
          len,
          with: UnsafeBufferPointer(
            start: replacement.utf8Start, count: replacement.utf8CodeUnitCount))
        copied = i + len
      }
      i += len
    }
    guard var result = out else { return nil }
    result.copy(line, copied..<n)
    return result
  }

  /// The ASCII folding of `c`, or nil when the step leaves it alone.
  @inline(__always)
  static func replacement(_ c: UInt32) -> StaticString? {
    switch c {
    case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032: "'"
    case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033: "\""
    case 0x2010...0x2015, 0x2212: "-"
    case 0x2026: "..."
    default: nil
    }
  }
}
