/// The `entities` step: HTML character references decoded exactly as Python 3.11's
/// `html.unescape` decodes them (the HTML5 rules).
///
/// - Named references: the 2,231 names of the WHATWG list (``HTMLEntityTable``). A name is
///   up to 32 characters other than tab, LF, FF, space, `<`, `&`, `#` and `;`, optionally
///   followed by `;`. If the whole name is unknown, the longest known prefix of 2+
///   characters that is a legacy name (accepted without `;`) is decoded and the rest kept:
///   `&notit;` → `¬it;`, `&ampfoo` → `&foo`.
/// - Numeric references: `&#39;`, `&#x27;`, `&#X27` (`;` optional). 0 becomes U+FFFD,
///   0x0D a carriage return, 0x80–0x9F the Windows-1252 character of that byte
///   (`&#150;` → `–`); surrogates and numbers above 0x10FFFF become U+FFFD; the other C0
///   and C1 controls but tab, LF, FF, CR, and the noncharacters are removed.
/// - Anything else (`&;`, `&#;`, `&#x;`, `AT&T`) is left as is.
///
/// Differences from Python: a reference to a line break (`&NewLine;`, `&#10;`, `&#13;`,
/// `&#x2028;`, `&#x2029;`) decodes to a space, so that one input line stays one output
/// line; and a decimal reference of more than 4,300 digits makes
/// Python 3.11 raise (its `int` digit limit); here it decodes to U+FFFD like any other
/// out-of-range number.
///
/// One pass: `&amp;lt;` → `&lt;` (``Normalizer`` repeats the step to a fixed point).
/// Each decoded reference is one changed run of the alignment.
struct HTMLEntityStep: LineStep {
  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    guard var amp = Self.firstAmpersand(line, from: 0) else { return nil }
    var out: EditBuffer? = nil
    var copied = 0
    let n = line.count
    while true {
      if let ref = Self.reference(line, at: amp) {
        if out == nil { out = EditBuffer(capacity: n, tracking: tracking) }
        out?.copy(line, copied..<amp)
        // A decoded line break (`&NewLine;`, `&#13;`, `&#x2028;`) would split the line and
        // break the one-line-in, one-line-out contract: it becomes a space instead.
        let first = Self.isLineBreak(ref.first) ? 0x20 : ref.first
        out?.replaceReference(length: ref.length, first, ref.second)
        copied = amp + ref.length
      }
      guard let next = Self.firstAmpersand(line, from: amp + 1) else { break }
      amp = next
    }
    guard var result = out else { return nil }
    result.copy(line, copied..<n)
    return result
  }

  /// LF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR.
  @inline(__always)
  static func isLineBreak(_ c: UInt32) -> Bool {
    c == 0x0A || c == 0x0D || c == 0x85 || c == 0x2028 || c == 0x2029
  }

  /// The offset of the first `&` at or after `start`, or nil.
  @inline(__always)
  static func firstAmpersand(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    ByteScan.first(0x26, in: p, from: start)
  }

  /// A decoded reference: `length` input bytes (from the `&`) became the scalars `first`
  /// and `second` (0: none; `first == 0` means the reference is removed).
  struct Reference {
    var length: Int
    var first: UInt32
    var second: UInt32
  }

  /// Decodes the reference starting at the `&` at `amp`, or nil if there is none (the
  /// text is then kept as is).
  static func reference(_ p: UnsafeBufferPointer<UInt8>, at amp: Int) -> Reference? {
    let n = p.count
    let start = amp + 1
    guard start < n else { return nil }
    if p[start] == UInt8(ascii: "#") {
      return numericReference(p, at: amp)
    }
    // A name: up to 32 characters (code points) outside [\t\n\f <&#;], then maybe ';'.
    var i = start
    var characters = 0
    while i < n {
      let b = p[i]
      if b & 0xC0 != 0x80 {  // the first byte of a character
        if isNameStop(b) || characters == 32 { break }
        characters += 1
      }
      i += 1
    }
    WorkCounter.add(i - start + 1)
    guard characters > 0 else { return nil }
    var end = i
    if end < n && p[end] == UInt8(ascii: ";") { end += 1 }
    if let v = HTMLEntityTable.lookup(p, start..<end) {
      return Reference(length: end - amp, first: v.0, second: v.1)
    }
    // The longest prefix (2+ characters, shorter than the name) that is a legacy name.
    var x = min(end - start - 1, HTMLEntityTable.maxLegacyNameLength)
    while x >= 2 {
      if let v = HTMLEntityTable.lookup(p, start..<start + x) {
        return Reference(length: 1 + x, first: v.0, second: v.1)
      }
      x -= 1
    }
    return nil
  }

  /// Whether `b` ends a name: tab, LF, FF, space, `<`, `&`, `#`, `;`.
  @inline(__always)
  static func isNameStop(_ b: UInt8) -> Bool {
    switch b {
    case 0x09, 0x0A, 0x0C, 0x20, 0x3C, 0x26, 0x23, 0x3B: true
    default: false
    }
  }

  /// `&#digits;?` or `&#[xX]hexdigits;?` at `amp`.
  static func numericReference(_ p: UnsafeBufferPointer<UInt8>, at amp: Int) -> Reference? {
    let n = p.count
    var i = amp + 2
    var value: UInt32 = 0
    var digits = 0
    let overflow: UInt32 = 0x11_0000
    if i < n && (p[i] == UInt8(ascii: "x") || p[i] == UInt8(ascii: "X")) {
      i += 1
      while i < n, let d = hexDigit(p[i]) {
        value = value >= overflow ? overflow : min(value &* 16 &+ d, overflow)
        digits += 1
        i += 1
      }
    } else {
      while i < n, p[i] >= 0x30, p[i] <= 0x39 {
        value = value >= overflow ? overflow : min(value &* 10 &+ UInt32(p[i] - 0x30), overflow)
        digits += 1
        i += 1
      }
    }
    WorkCounter.add(i - amp)
    guard digits > 0 else { return nil }
    if i < n && p[i] == UInt8(ascii: ";") { i += 1 }
    return Reference(length: i - amp, first: numericValue(value), second: 0)
  }

  @inline(__always)
  static func hexDigit(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: UInt32(b - 0x30)
    case 0x41...0x46: UInt32(b - 0x41 + 10)
    case 0x61...0x66: UInt32(b - 0x61 + 10)
    default: nil
    }
  }

  /// What the number of a numeric reference decodes to (0: nothing), as Python's
  /// `_replace_charref` does with `_invalid_charrefs` and `_invalid_codepoints`.
  static func numericValue(_ v: UInt32) -> UInt32 {
    switch v {
    case 0: return 0xFFFD
    case 0x0D: return 0x0D
    case 0x80...0x9F: return windows1252[Int(v - 0x80)]
    case 0xD800...0xDFFF, 0x11_0000...: return 0xFFFD
    case 0x01...0x08, 0x0B, 0x0E...0x1F, 0x7F, 0xFDD0...0xFDEF: return 0
    default: return v & 0xFFFE == 0xFFFE ? 0 : v
    }
  }

  /// Bytes 0x80–0x9F in Windows-1252 (the five undefined ones stay C1 controls).
  static let windows1252: [UInt32] = [
    0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
    0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
  ]
}

extension EditBuffer {
  /// Replaces a reference of `length` input bytes with up to two scalars (0: none).
  @inline(__always)
  mutating func replaceReference(length: Int, _ first: UInt32, _ second: UInt32) {
    let before = bytes.count
    if first != 0 { UTF8Encoding.append(first, to: &bytes) }
    if second != 0 { UTF8Encoding.append(second, to: &bytes) }
    if tracking { alignment.appendChange(input: length, output: bytes.count - before) }
  }
}

extension HTMLEntityTable {
  /// The value of the name `p[range]` (`;` included if it has one), or nil.
  /// Binary search over the sorted names; no allocation.
  static func lookup(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (UInt32, UInt32)? {
    let len = range.count
    guard len > 0, len <= maxNameLength, let key = p.baseAddress?.advanced(by: range.lowerBound)
    else {
      return nil
    }
    let blob = names.utf8Start
    var lo = 0
    var hi = count
    while lo < hi {
      let mid = (lo + hi) / 2
      let s = mid == 0 ? 0 : Int(nameEnds[mid - 1])
      let e = Int(nameEnds[mid])
      let c = compare(blob + s, e - s, key, len)
      if c == 0 { return (values[2 * mid], values[2 * mid + 1]) }
      if c < 0 { lo = mid + 1 } else { hi = mid }
    }
    return nil
  }

  /// Byte-wise comparison of two strings (negative, zero, positive).
  @inline(__always)
  static func compare(_ a: UnsafePointer<UInt8>, _ an: Int, _ b: UnsafePointer<UInt8>, _ bn: Int)
    -> Int
  {
    let m = min(an, bn)
    var i = 0
    while i < m {
      if a[i] != b[i] { return Int(a[i]) - Int(b[i]) }
      i += 1
    }
    return an - bn
  }
}

/// Fast byte search over UTF-8 lines.
enum ByteScan {
  /// The offset of the first `byte` at or after `start` in `p`, or nil.
  ///
  /// Reads eight bytes at a time (SWAR: a zero byte in `word ^ pattern` marks a match),
  /// then finishes byte by byte.
  @inline(__always)
  static func first(_ byte: UInt8, in p: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
    var i = max(start, 0)
    let n = p.count
    if let base = p.baseAddress {
      let raw = UnsafeRawPointer(base)
      let ones: UInt64 = 0x0101_0101_0101_0101
      let highs: UInt64 = 0x8080_8080_8080_8080
      let pattern = UInt64(byte) &* ones
      while i + 8 <= n {
        let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ pattern
        if (x &- ones) & ~x & highs != 0 { break }
        i += 8
      }
    }
    while i < n {
      if p[i] == byte { return i }
      i += 1
    }
    return nil
  }
}
