@_spi(WorkCounting) import Winnow

/// Header lines matched whole (`Comments (12)`, `About the author:`, `标签：`): a line is one
/// of the headers when its core — the line without the ASCII other than letters and the
/// full-width forms (U+FF00–U+FF3F: `（3）`, `：`) that lead and trail it — is one of them,
/// ASCII letters compared lowercased (the headers are written lowercase; see
/// ``BytePatterns/list(_:)`` for their non-ASCII capitals).
///
/// The headers are grouped by byte count, and a bit set of the counts and a table of first
/// bytes reject most lines before any comparison.
struct HeaderSet: Sendable {
  /// The headers by their byte count (`0...maxBytes`).
  private let byLength: [[[UInt8]]]
  /// The byte counts of the headers, as a bit set (all are under 64 bytes).
  private let lengths: UInt64
  /// Whether a header opens with this byte.
  private let firstBytes: [Bool]

  /// The longest core that can match, in bytes.
  let maxBytes: Int

  /// - Parameter headers: the headers' bytes, lowercase; empty ones and ones of 64 bytes or
  ///   more are left out.
  init(_ headers: [[UInt8]]) {
    let kept = headers.filter { !$0.isEmpty && $0.count < 64 }
    let maxBytes = kept.map(\.count).max() ?? 0
    var byLength = [[[UInt8]]](repeating: [], count: maxBytes + 1)
    var lengths: UInt64 = 0
    var firstBytes = [Bool](repeating: false, count: 256)
    for h in kept {
      byLength[h.count].append(h)
      lengths |= 1 << UInt64(h.count)
      firstBytes[Int(h[0])] = true
    }
    (self.byLength, self.lengths, self.firstBytes, self.maxBytes) =
      (byLength, lengths, firstBytes, maxBytes)
  }

  /// The core of `bytes[range]`: without the leading and trailing ASCII other than letters
  /// (digits, punctuation, spaces) and full-width forms (EF BC xx).
  static func core(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    var a = range.lowerBound
    var b = range.upperBound
    @inline(__always) func isOther(_ c: UInt8) -> Bool {
      c < 0x80 && !BytePatterns.isLetter(c)
    }
    while a < b {
      if isOther(bytes[a]) {
        a += 1
      } else if bytes[a] == 0xEF && a + 2 < b && bytes[a + 1] == 0xBC {
        a += 3
      } else {
        break
      }
    }
    while b > a {
      if isOther(bytes[b - 1]) {
        b -= 1
      } else if b - a >= 3 && bytes[b - 3] == 0xEF && bytes[b - 2] == 0xBC {
        b -= 3
      } else {
        break
      }
    }
    return a..<b
  }

  /// Whether the core of `bytes[range]` is one of the headers (ASCII letters compared
  /// lowercased, so `bytes` may be the line as written or already lowercased).
  func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    hasCore(bytes, Self.core(bytes, range), counting: range.count)
  }

  /// Whether `bytes[core]`, a line's ``core(_:_:)``, is one of the headers (for a line
  /// looked up in several sets: its core found once). `counting`: the line's bytes, for the
  /// work counter.
  @inline(__always)
  func hasCore(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, counting: Int) -> Bool {
    let n = r.count
    guard n > 0 && n <= maxBytes && lengths & (1 << UInt64(n)) != 0,
      firstBytes[Int(BytePatterns.lower(bytes[r.lowerBound]))]
    else { return false }
    WorkCounter.add(counting)
    let start = r.lowerBound
    for h in byLength[n] {
      var k = 0
      while k < n && BytePatterns.lower(bytes[start + k]) == h[k] { k += 1 }
      if k == n { return true }
    }
    return false
  }

  /// Whether a header opens with `byte` (an ASCII letter in either case): for a line that
  /// must open with its header, a test before its core is found.
  func mayOpen(with byte: UInt8) -> Bool { firstBytes[Int(BytePatterns.lower(byte))] }

  /// Whether the whole of `bytes` has one of the headers as its core.
  func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { contains(bytes, 0..<bytes.count) }
}

extension BytePatterns {
  /// Whether `bytes[range]` ends with a colon, `:` or `：` (EF BC 9A): a line that
  /// introduces what follows (a list, a code block, a quote).
  static func endsWithColon(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    guard let end = range.last else { return false }
    if bytes[end] == UInt8(ascii: ":") { return true }
    return range.count >= 3 && bytes[end] == 0x9A && bytes[end - 1] == 0xBC
      && bytes[end - 2] == 0xEF
  }
}
