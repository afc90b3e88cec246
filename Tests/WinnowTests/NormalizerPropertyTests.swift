import Testing

@testable import Winnow

/// Pieces random texts are built from: every kind of mess the normalizer handles.
private let pieces: [String] = [
  "word", "Hello", " ", "  ", "\t", "\n", "\r\n", "\r", "\n\n\n", ".", ",", "'", "\"",
  "café", "naïve", "Straße", "Ça", "É", "e\u{0301}", "A\u{030A}", "\u{0301}", "ñ",
  "中文", "互联网", "臺灣", "，", "。", "「", "」", "、", "！",
  "ＡＢＣ", "１２３", "，", "ｄｅｆ", "！", "＆", "；", "ｌｔ", "ｶﾞ", "ﾊﾟ", "ｱ", "ﾞ", "｡",
  "\u{00A0}", "\u{3000}", "\u{2003}", "\u{200B}", "\u{2060}", "\u{FEFF}", "\u{00AD}",
  "\u{200D}", "\u{200C}", "👩", "💻", "🏽", "\u{FE0F}", "🇬🇧",
  "&amp;", "&lt;", "&gt", "&#x41;", "&#65;", "&nbsp;", "&notit;", "&#xFF21;", "&", "#", "x",
  "&amp;amp;", "AT&T", "&#150;", "&#0;", "&NewLine;", "&#13;", "&#x2028;", "&Atilde;&copy;",
  "Ã©", "â€™", "â€œ", "Ã¼", "ä¸­æ–‡",
  "\u{0001}", "\u{007F}", "\u{0085}", "\u{009F}",
  "مرحبا", "می", "क्", "ष", "한국어", "ｶﾀｶﾅ", "カタカナ", "ﬁ", "Ⅻ", "ẞ", "İ", "ǅ",
  "“", "”", "–", "…", "½", "x²",
]

private func randomText(_ rng: inout SplitMix64) -> String {
  var s = ""
  for _ in 0..<Int.random(in: 0...24, using: &rng) {
    s += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
  }
  return s
}

@Suite struct NormalizerPropertyTests {
  static let profiles: [(String, NormalizerOptions)] = [
    ("default", NormalizerOptions(profile: .default)),
    ("none", NormalizerOptions(profile: .none)),
    (
      "all-but-t2s",
      NormalizerOptions(
        steps: Set(NormalizationStep.allCases).subtracting([.t2s, .mojibakeGBK]), form: .nfc)
    ),
    ("nfkc", NormalizerOptions(steps: NormalizationProfile.default.steps, form: .nfkc)),
    ("nfd", NormalizerOptions(steps: NormalizationProfile.default.steps, form: .nfd)),
  ]

  /// normalize(normalize(x)) == normalize(x), for every profile, on 2,000 random texts each.
  @Test(arguments: 0..<profiles.count)
  func idempotent(profileIndex: Int) throws {
    let (name, options) = Self.profiles[profileIndex]
    let n = try Normalizer(options)
    var rng = SplitMix64(seed: 0xC0FFEE + UInt64(profileIndex))
    for i in 0..<2_000 {
      let x = randomText(&rng)
      let once = n.normalize(x, tracking: false).bytes
      let twice = n.normalize(once, tracking: false).bytes
      #expect(
        once == twice,
        "profile \(name), case \(i): \(x.unicodeScalars.map { String($0.value, radix: 16) })")
      if once != twice { return }
    }
  }

  /// Every output position maps into the input, and each unchanged run's input bytes are
  /// its output bytes; the alignment covers both texts exactly.
  @Test(arguments: 0..<profiles.count)
  func alignmentIsConsistent(profileIndex: Int) throws {
    let (name, options) = Self.profiles[profileIndex]
    let n = try Normalizer(options)
    var rng = SplitMix64(seed: 0xA11CE + UInt64(profileIndex))
    for i in 0..<2_000 {
      let x = Array(randomText(&rng).utf8)
      let r = n.normalize(x)
      let a = r.alignment
      #expect(
        a.inputLength == x.count && a.outputLength == r.bytes.count, "profile \(name), case \(i)")
      var inPos = 0, outPos = 0
      for run in a.runs {
        if !run.changed {
          #expect(
            Array(x[inPos..<inPos + run.inputLength])
              == Array(r.bytes[outPos..<outPos + run.outputLength]),
            "profile \(name), case \(i)")
        }
        inPos += run.inputLength
        outPos += run.outputLength
      }
      // Every output character maps to a non-inverted range inside the input.
      var o = 0
      while o < r.bytes.count {
        let len = r.bytes.withUnsafeBufferPointer { UTF8Encoding.decode($0, at: o).length }
        let ir = a.inputRange(forOutput: o..<o + len)
        #expect(ir.lowerBound >= 0 && ir.upperBound <= x.count, "profile \(name), case \(i)")
        o += len
      }
    }
  }
}
