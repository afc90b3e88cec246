import Winnow

/// Turns one input's raw bytes into valid UTF-8, chunk by chunk: the one place the CLI
/// decodes.
///
/// Interim: until the library's streaming decoder (`Sources/Winnow/IO/TextDecoder.swift`)
/// lands, this validates UTF-8 itself (a leading BOM is dropped; each maximal invalid
/// subsequence becomes one U+FFFD, or, with `strict`, an `invalidData` error naming the
/// byte offset) and accepts no other encoding. Switching means replacing the body of this
/// type only.
struct InputDecoder {
  /// The input's name for messages.
  let name: String
  let strict: Bool
  /// Bytes of an incomplete sequence at the end of the last chunk.
  var carry: [UInt8] = []
  /// The input byte offset of `carry`'s first byte (or of the next chunk when empty).
  var offset = 0
  var atStart = true
  /// How many U+FFFD were substituted so far.
  private(set) var replacements = 0

  /// The encodings accepted by `--encoding` for now.
  static let utf8Names: Set<String> = ["utf-8", "utf8"]

  /// - Throws: `WinnowError(.usage)` for an encoding other than UTF-8.
  init(encoding: String?, strict: Bool, name: String) throws(WinnowError) {
    if let encoding, !Self.utf8Names.contains(encoding.lowercased()) {
      throw WinnowError(
        .usage,
        "--encoding \(encoding): only UTF-8 input is supported in this build; "
          + "convert the input first (e.g. with iconv)")
    }
    self.name = name
    self.strict = strict
  }

  /// Decodes a chunk (which may end inside a character) and appends valid UTF-8 to `out`.
  /// - Throws: `WinnowError(.invalidData)` under `strict` at the first invalid byte.
  mutating func decode(_ chunk: UnsafeBufferPointer<UInt8>, into out: inout [UInt8])
    throws(WinnowError)
  {
    if carry.isEmpty {
      try scan(chunk, final: false, into: &out)
    } else {
      var work = carry
      work.append(contentsOf: chunk)
      carry.removeAll()
      let result: Result<Void, WinnowError> = work.withUnsafeBufferPointer { p in
        Result { () throws(WinnowError) in try scan(p, final: false, into: &out) }
      }
      try result.get()
    }
  }

  /// Ends the input: an incomplete sequence left over becomes U+FFFD (or an error).
  mutating func finish(into out: inout [UInt8]) throws(WinnowError) {
    let work = carry
    carry.removeAll()
    let result: Result<Void, WinnowError> = work.withUnsafeBufferPointer { p in
      Result { () throws(WinnowError) in try scan(p, final: true, into: &out) }
    }
    try result.get()
  }

  private mutating func scan(
    _ p: UnsafeBufferPointer<UInt8>, final: Bool, into out: inout [UInt8]
  ) throws(WinnowError) {
    var i = 0
    let n = p.count
    if atStart {
      let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
      if n < 3 && !final && p.elementsEqual(bom.prefix(n)) {
        carry.append(contentsOf: p)
        return
      }
      atStart = false
      if n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { i = 3 }
    }
    var runStart = i
    while i < n {
      let b = p[i]
      if b < 0x80 {
        i += 1
        continue
      }
      let length: Int
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch b {
      case 0xC2...0xDF: length = 2
      case 0xE0: length = 3; low = 0xA0
      case 0xED: length = 3; high = 0x9F
      case 0xE1...0xEF: length = 3
      case 0xF0: length = 4; low = 0x90
      case 0xF4: length = 4; high = 0x8F
      case 0xF1...0xF3: length = 4
      default: length = 0
      }
      // How many bytes from i form a valid prefix of a sequence.
      var valid = length == 0 ? 0 : 1
      while valid > 0 && valid < length && i + valid < n {
        let c = p[i + valid]
        let ok = valid == 1 ? (c >= low && c <= high) : (c & 0xC0 == 0x80)
        if !ok { break }
        valid += 1
      }
      if valid == length {
        i += length
        continue
      }
      if i + valid == n && !final {
        // Incomplete at the end of the chunk: keep it for the next one.
        out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i]))
        carry.append(contentsOf: UnsafeBufferPointer(rebasing: p[i..<n]))
        offset += i
        return
      }
      // Invalid: the maximal subpart (at least one byte) becomes one U+FFFD.
      let at = offset + i
      if strict {
        let hex = String(b, radix: 16, uppercase: true)
        throw WinnowError(
          .invalidData,
          "\(name): invalid UTF-8 at byte \(at) (0x\(hex)); drop --strict to replace it with U+FFFD",
          path: name, byteOffset: at)
      }
      out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<i]))
      out.append(contentsOf: [0xEF, 0xBF, 0xBD])
      replacements += 1
      i += max(valid, 1)
      runStart = i
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[runStart..<n]))
    offset += n
  }
}
