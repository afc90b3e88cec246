/// The `t2s` step: Traditional → Simplified Chinese through OpenCC (`t2s.json`).
///
/// OpenCC reports no alignment, so it is rebuilt: when the output has as many code points
/// as the input (the usual case: character and same-length phrase mappings), code points
/// align one to one and each differing one is a changed run; otherwise the common prefix
/// and suffix stay unchanged and the middle is one changed run.
struct T2SStep: LineStep {
  let converter: OpenCCConverter

  /// - Throws: `WinnowError` when OpenCC's `t2s.json` cannot be loaded (the message says
  ///   to install `libopencc-data` / `libopencc-dev`).
  init() throws(WinnowError) {
    converter = try OpenCCConverter.shared(config: "t2s.json")
  }

  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    // OpenCC's dictionaries map only non-ASCII text.
    if ASCIIScan.isASCII(line) { return nil }
    guard let converted = try? converter.convert(line) else { return nil }
    if converted.elementsEqual(line) { return nil }
    var out = EditBuffer(capacity: 0, tracking: tracking)
    if tracking {
      out.alignment = converted.withUnsafeBufferPointer { T2SStep.align(line, $0) }
    }
    out.bytes = converted
    return out
  }

  /// The alignment of `output` to `input`, both valid UTF-8 (see the type's summary).
  static func align(_ input: UnsafeBufferPointer<UInt8>, _ output: UnsafeBufferPointer<UInt8>)
    -> Alignment
  {
    var alignment = Alignment()
    if scalarCount(input) == scalarCount(output) {
      var i = 0, o = 0
      while i < input.count && o < output.count {
        let li = UTF8Encoding.decode(input, at: i).length
        let lo = UTF8Encoding.decode(output, at: o).length
        let same = li == lo && (0..<li).allSatisfy { input[i + $0] == output[o + $0] }
        if same {
          alignment.appendUnchanged(li)
        } else {
          alignment.appendChange(input: li, output: lo)
        }
        i += li
        o += lo
      }
      // Only reachable for ill-formed input; keeps the lengths consistent.
      alignment.appendChange(input: input.count - i, output: output.count - o)
      return alignment
    }
    // Common prefix and suffix at code point boundaries.
    var prefix = 0
    let limit = min(input.count, output.count)
    while prefix < limit && input[prefix] == output[prefix] { prefix += 1 }
    while prefix > 0 && prefix < limit && (input[prefix] & 0xC0) == 0x80 { prefix -= 1 }
    var suffix = 0
    while suffix < limit - prefix
      && input[input.count - 1 - suffix] == output[output.count - 1 - suffix]
    {
      suffix += 1
    }
    // Move the suffix start to a code point boundary.
    while suffix > 0 && (input[input.count - suffix] & 0xC0) == 0x80 { suffix -= 1 }
    alignment.appendUnchanged(prefix)
    alignment.appendChange(
      input: input.count - prefix - suffix, output: output.count - prefix - suffix)
    alignment.appendUnchanged(suffix)
    return alignment
  }

  /// The number of code points of UTF-8 `p` (bytes that are not continuation bytes).
  static func scalarCount(_ p: UnsafeBufferPointer<UInt8>) -> Int {
    var n = 0
    for b in p where (b & 0xC0) != 0x80 { n += 1 }
    return n
  }
}
