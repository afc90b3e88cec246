import Winnow

/// Bytes → ``TextDecoder`` (non-strict) → ``Normalizer``, for the `default` profile and the
/// `search` profile without t2s (NFKC_Casefold).
///
/// Properties: decoding never throws and gives valid UTF-8 with an alignment covering the
/// raw bytes; decoding in two chunks equals decoding at once; the normalized text is valid
/// UTF-8, idempotent (normalize twice == once), the same with and without tracking and
/// through ``NormalizingStream`` in two chunks; its alignment covers input and output
/// exactly and maps every output range into the input.
public final class NormalizeFuzzCheck: FuzzCheck {
  public static let target = "FuzzNormalize"
  let normalizers: [(String, Normalizer)]

  public init() throws(WinnowError) {
    normalizers = [
      ("default", try Normalizer(NormalizerOptions(profile: .default))),
      (
        "search-without-t2s",
        try Normalizer(
          NormalizerOptions(
            steps: NormalizationProfile.search.steps.subtracting([.t2s]), form: .nfkcCasefold))
      ),
    ]
  }

  public func check(_ input: [UInt8]) -> String? {
    let decoded: DecodedText
    do {
      decoded = try TextDecoder().decode(input)
    } catch {
      return "non-strict decoding threw: \(error)"
    }
    guard isValidUTF8(decoded.bytes) else {
      return "decoder output is not valid UTF-8: \(hex(decoded.bytes))"
    }
    if let p = alignmentProblem(decoded.alignment, input: input, output: decoded.bytes) {
      return "decoder alignment: \(p)"
    }
    // Two chunks, split anywhere (even inside a sequence or the BOM), decode the same.
    let cut = splitPoint(input)
    do {
      var stream = try StreamingDecoder(TextDecoder())
      var out: [UInt8] = []
      try stream.feed(Array(input[..<cut]), into: &out)
      try stream.feed(Array(input[cut...]), into: &out)
      try stream.finish(into: &out)
      guard out == decoded.bytes else {
        return "decoding in chunks split at \(cut) gives \(hex(out)), at once \(hex(decoded.bytes))"
      }
    } catch {
      return "streaming decoding threw: \(error)"
    }
    let text = decoded.bytes
    for (name, n) in normalizers {
      let once = n.normalize(text)
      guard isValidUTF8(once.bytes) else {
        return "\(name): output is not valid UTF-8: \(hex(once.bytes))"
      }
      if let p = alignmentProblem(once.alignment, input: text, output: once.bytes) {
        return "\(name): alignment: \(p)\ntext: \(hex(text))\nout: \(hex(once.bytes))"
      }
      let untracked = n.normalize(text, tracking: false).bytes
      guard untracked == once.bytes else {
        return "\(name): tracking changes the output: \(hex(once.bytes)) vs \(hex(untracked))"
      }
      let twice = n.normalize(once.bytes, tracking: false).bytes
      guard twice == once.bytes else {
        return
          "\(name): not idempotent\ntext:  \(hex(text))\nonce:  \(hex(once.bytes))\ntwice: \(hex(twice))"
      }
      let split = splitPoint(text)
      var stream = NormalizingStream(n)
      var streamed: [UInt8] = []
      stream.feed(text[..<split], into: &streamed)
      stream.feed(text[split...], into: &streamed)
      stream.finish(into: &streamed)
      guard streamed == once.bytes else {
        return
          "\(name): NormalizingStream split at \(split) gives \(hex(streamed)), normalize gives \(hex(once.bytes))"
      }
    }
    return nil
  }
}
