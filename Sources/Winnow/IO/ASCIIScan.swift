/// Word-at-a-time ASCII scanning over UTF-8 bytes.
enum ASCIIScan {
  /// The high bit of every byte of a word.
  static let highBits: UInt64 = 0x8080_8080_8080_8080

  /// The index of the first byte ≥ 0x80 in `p[from...]`, or `p.count` when there is none.
  /// Checks 16 bytes per step.
  @inline(__always)
  static func firstNonASCII(_ p: UnsafeBufferPointer<UInt8>, from: Int = 0) -> Int {
    let n = p.count
    var i = from
    guard let base = p.baseAddress, i < n else { return n }
    let raw = UnsafeRawPointer(base)
    while i + 16 <= n {
      let a = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
      let b = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
      if (a | b) & highBits != 0 { break }
      i += 16
    }
    if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & highBits == 0 { i += 8 }
    while i < n && p[i] < 0x80 { i += 1 }
    return i
  }

  /// Whether every byte of `p` is ASCII.
  @inline(__always)
  static func isASCII(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    firstNonASCII(p) == p.count
  }
}
