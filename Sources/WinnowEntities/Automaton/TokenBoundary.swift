/// The token-boundary rule of ``NameAutomaton``, on UTF-8 scalars.
///
/// A *spaced word scalar* is a letter, digit or combining mark of a script written with
/// spaces between words (Latin, Greek, Cyrillic, Arabic, Hangul, …). Han, kana, Yi-less
/// CJK punctuation, symbols and spaces are not: Chinese and Japanese names match anywhere.
public enum TokenBoundary {
  /// Whether scalar `c` is a letter, digit or mark of a spaced script (see the type).
  /// - Parameter c: a Unicode scalar value (`-1` for none).
  /// - Returns: `true` for `a`, `É`, `ж`, `7`, U+0301; `false` for `北`, `-`, ` `, `'`.
  public static func isSpacedWordScalar(_ c: Int32) -> Bool {
    if c < 0x80 {
      return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }
    switch c {
    case 0xAA, 0xB5, 0xBA: return true
    case 0x80...0xBF, 0xD7, 0xF7: return false
    case 0xC0...0x1FFF: return true  // Latin … Greek Extended (incl. combining marks)
    case 0x2000...0x2BFF: return false  // punctuation, symbols, arrows, …
    case 0x2C00...0x2DFF: return true  // Glagolitic, Latin Extended-C, Coptic, …
    case 0x2E00...0x2E7F: return false
    case 0x2E80...0x9FFF: return false  // CJK radicals, kana, Han
    case 0xA000...0xABFF: return true
    case 0xAC00...0xD7FF: return true  // Hangul
    case 0xF900...0xFAFF: return false  // CJK compatibility ideographs
    case 0xFB00...0xFDFF, 0xFE00...0xFE0F, 0xFE20...0xFE2F, 0xFE70...0xFEFE: return true
    case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A: return true
    case 0xFE10...0xFFFF: return false
    case 0x1F000...0x1FFFF: return false  // emoji, symbols
    case 0x20000...0x3FFFF: return false  // Han extensions
    case 0x10000...0x1EFFF: return true
    default: return false
    }
  }

  /// Decodes the scalar starting at byte `i` (`-1` past the end; U+FFFD if ill-formed).
  @inline(__always)
  public static func scalar(at i: Int, in text: UnsafeBufferPointer<UInt8>) -> Int32 {
    guard i >= 0, i < text.count else { return -1 }
    let b0 = Int32(text[i])
    if b0 < 0x80 { return b0 }
    var len = 0
    var c: Int32 = 0
    if b0 & 0xE0 == 0xC0 {
      len = 2; c = b0 & 0x1F
    } else if b0 & 0xF0 == 0xE0 {
      len = 3; c = b0 & 0x0F
    } else if b0 & 0xF8 == 0xF0 {
      len = 4; c = b0 & 0x07
    } else {
      return 0xFFFD
    }
    guard i + len <= text.count else { return 0xFFFD }
    for k in 1..<len {
      let b = Int32(text[i + k])
      guard b & 0xC0 == 0x80 else { return 0xFFFD }
      c = c << 6 | (b & 0x3F)
    }
    return c
  }

  /// Decodes the scalar that ends just before byte `i` (`-1` at the start).
  @inline(__always)
  public static func scalar(before i: Int, in text: UnsafeBufferPointer<UInt8>) -> Int32 {
    guard i > 0, i <= text.count else { return -1 }
    var j = i - 1
    var steps = 0
    while j > 0 && text[j] & 0xC0 == 0x80 && steps < 3 { j -= 1; steps += 1 }
    return scalar(at: j, in: text)
  }

  /// The first scalar of `bytes` (`-1` if empty).
  public static func firstScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    scalar(at: 0, in: bytes)
  }

  /// The last scalar of `bytes` (`-1` if empty).
  public static func lastScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
    scalar(before: bytes.count, in: bytes)
  }
}
