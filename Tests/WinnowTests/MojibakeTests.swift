import Foundation
import Testing

@testable import Winnow

/// The non-comment lines of a corpus file, split on tabs and unescaped.
private func corpusRows(_ relative: String) throws -> [[String]] {
  try corpusText(relative).split(separator: "\n").filter { !$0.hasPrefix("#") }
    .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(unescapeFixture) }
}

/// Applies a step; returns the output (the input when the step returns nil) and checks
/// that the alignment covers input and output exactly.
private func applyStep(_ step: some LineStep, _ input: String) -> String {
  let bytes = Array(input.utf8)
  let r = bytes.withUnsafeBufferPointer { step.apply($0, tracking: true) }
  guard let r else { return input }
  #expect(r.alignment.inputLength == bytes.count, "\(input)")
  #expect(r.alignment.outputLength == r.bytes.count, "\(input)")
  #expect(!r.alignment.isIdentity, "\(input)")
  // Untracked runs give the same bytes.
  let fast = bytes.withUnsafeBufferPointer { step.apply($0, tracking: false) }
  #expect(fast?.bytes == r.bytes, "\(input)")
  return String(decoding: r.bytes, as: UTF8.self)
}

private func codePoints(_ s: String) -> String {
  s.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
}

@Suite struct MojibakeTests {
  @Test(arguments: [
    ("â€™", "’"),
    ("Ã©", "é"),
    ("Ã¼", "ü"),
    ("ÃƒÂ©", "é"),
    ("ä¸­æ–‡", "中文"),
    ("It’s cafÃ© “ok”", "It’s café “ok”"),
    ("donâ€™t", "don’t"),
    ("â€œquotedâ€\u{9D}", "“quoted”"),
    ("Ã‰cole", "École"),
    ("Ã–sterreich", "Österreich"),
    ("voilÃ\u{A0}", "voilà"),
    ("Ã\u{A0} Paris", "à Paris"),
    ("Â©2024", "©2024"),
    ("50Â°C", "50°C"),
    ("ÐŸÑ€Ð¸Ð²ÐµÑ‚", "Привет"),
    ("ðŸ˜€", "😀"),
    ("â\u{80}\u{99}", "’"),  // Latin-1: C1 controls
    ("Ã¢â‚¬â„¢", "’"),  // two layers
    ("Ãƒâ€šÃ‚Â©", "©"),  // three layers
    ("CAFÃ‰ and NoÃ«l", "CAFÉ and Noël"),
  ])
  func repairs(input: String, expected: String) {
    #expect(applyStep(MojibakeStep(), input) == expected)
  }

  @Test(arguments: [
    "Ça", "naïve", "Straße", "AMANHÃ”", "VIÐ”", "«CAFÉ»", "café…”", "“sí…”", "Ç’a été",
  ])
  func keepsLookAlikes(input: String) {
    #expect(applyStep(MojibakeStep(), input) == input)
  }

  /// Every look-alike of `Corpora/messy/mojibake-lookalikes.txt` (≥ 60 real words and
  /// phrases from many languages, symbols, and the hard cases) is left unchanged.
  @Test func lookAlikesCorpusIsUnchanged() throws {
    let cases = try corpusRows("messy/mojibake-lookalikes.txt").map { $0[0] }
    #expect(cases.count >= 60)
    var changed: [String] = []
    for input in cases {
      let output = applyStep(MojibakeStep(), input)
      if output != input { changed.append("\(input) → \(output)") }
    }
    print("mojibake look-alikes: \(changed.count) of \(cases.count) changed (false positives)")
    #expect(changed.isEmpty, "\(changed)")
  }

  /// Every pair of `Corpora/messy/mojibake-pairs.tsv` (real text really mis-decoded by
  /// Python as Windows-1252, Latin-1, or Windows-1252 twice) is repaired.
  @Test func pairsCorpusIsRepaired() throws {
    let rows = try corpusRows("messy/mojibake-pairs.tsv")
    #expect(rows.count >= 40)
    var failed: [String] = []
    var byKind: [String: (Int, Int)] = [:]
    for row in rows {
      let (kind, bad, good) = (row[0], row[1], row[2])
      let output = applyStep(MojibakeStep(), bad)
      var tally = byKind[kind, default: (0, 0)]
      tally.1 += 1
      if output == good {
        tally.0 += 1
      } else {
        failed.append("[\(kind)] \(bad) → \(output) (\(codePoints(output)))")
      }
      byKind[kind] = tally
    }
    for (kind, (ok, all)) in byKind.sorted(by: { $0.key < $1.key }) {
      print("mojibake repair rate [\(kind)]: \(ok)/\(all)")
    }
    #expect(failed.isEmpty, "\(failed.joined(separator: "\n"))")
  }

  /// The originals of the pairs are themselves left unchanged (real text in 25 scripts).
  @Test func pairOriginalsAreUnchanged() throws {
    for original in Set(try corpusRows("messy/mojibake-pairs.tsv").map { $0[2] }) {
      #expect(applyStep(MojibakeStep(), original) == original)
    }
  }

  /// The fast path: lines without a lead character are not even looked at.
  @Test(arguments: ["", "plain ASCII", "中文文本", "“quotes” – dashes…", "é but no Ã-range lead"])
  func fastPath(input: String) {
    let bytes = Array(input.utf8)
    #expect(bytes.withUnsafeBufferPointer { MojibakeStep().apply($0, tracking: true) } == nil)
  }

  /// Each repaired character is one changed run; the rest is copied.
  @Test func alignmentRuns() {
    let input = Array("It’s cafÃ© ok".utf8)
    let r = input.withUnsafeBufferPointer { MojibakeStep().apply($0, tracking: true) }
    let a = try? #require(r?.alignment)
    #expect(
      a?.runs == [
        .init(inputLength: 10, outputLength: 10, changed: false),
        .init(inputLength: 4, outputLength: 2, changed: true),
        .init(inputLength: 3, outputLength: 3, changed: false),
      ])
    // Two layers compose into one alignment over the original input.
    let two = Array("x ÃƒÂ© y".utf8)
    let r2 = two.withUnsafeBufferPointer { MojibakeStep().apply($0, tracking: true) }
    #expect(r2.map { String(decoding: $0.bytes, as: UTF8.self) } == "x é y")
    #expect(r2?.alignment.inputLength == two.count)
    #expect(r2?.alignment.inputRange(forOutput: 2..<4) == 2..<10)
  }

  /// Through the normalizer (mojibake alone, and in the default profile).
  @Test(arguments: [
    ([NormalizationStep.mojibake], "cafÃ© â€œokâ€\u{9D}\nÃ‰tÃ©", "café “ok”\nÉté"),
    ([.mojibake], "Straße naïve Ça", "Straße naïve Ça"),
    // Entities can spell mojibake; the normalizer runs mojibake again after them.
    ([.mojibake, .entities], "&Atilde;&copy; cafÃ©", "é café"),
    // Mojibake runs before controls and zero-width, which would delete its C1 controls
    // and soft hyphens.
    ([.mojibake, .controls, .zeroWidth], "dÃ\u{AD}a Lâ\u{80}\u{99}Ã\u{89}tat", "día L’État"),
  ])
  func throughNormalizer(steps: [NormalizationStep], input: String, expected: String) throws {
    let n = try Normalizer(NormalizerOptions(steps: Set(steps)))
    let r = n.normalize(input)
    #expect(r.text == expected)
    #expect(r.alignment.inputLength == input.utf8.count)
    #expect(r.alignment.outputLength == r.bytes.count)
  }
}

@Suite struct GBKMojibakeTests {
  @Test(arguments: [
    ("涓\u{E15F}枃", "中文"),
    ("鏃ユ湰瑾炪伄銉嗐偔銈广儓", "日本語のテキスト"),
    ("sch枚n", "schön"),
    ("S茫o Paulo", "São Paulo"),
  ])
  func repairs(input: String, expected: String) throws {
    #expect(applyStep(try GBKMojibakeStep(), input) == expected)
  }

  /// Through the normalizer: each repaired span is one changed run.
  @Test func throughNormalizer() throws {
    let n = try Normalizer(NormalizerOptions(steps: [.mojibakeGBK]))
    let input = "title: 涓\u{E15F}枃 and sch枚n\n中文 stays"
    let r = n.normalize(input)
    #expect(r.text == "title: 中文 and schön\n中文 stays")
    #expect(r.alignment.inputLength == input.utf8.count)
    #expect(r.alignment.outputLength == r.bytes.count)
    #expect(r.alignment.runs.filter(\.changed).count == 2)
  }

  /// Real Chinese (and other) text is left alone: it round-trips through GBK but its
  /// bytes are not UTF-8, or decode to something implausible.
  @Test(arguments: [
    "中文", "你好，世界", "互联网上的中文文本", "茅台", "眉毛", "一", "么", "没有", "毛泽东",
    "Python和Java", "iPhone的App", "Straße", "naïve", "日本語", "한국어", "Привет",
  ])
  func keepsRealText(input: String) throws {
    #expect(applyStep(try GBKMojibakeStep(), input) == input)
  }

  /// Every pair of `Corpora/messy/mojibake-gbk-pairs.tsv` (UTF-8 decoded as GBK by ICU) is
  /// repaired, and every original is kept.
  @Test func pairsCorpus() throws {
    let step = try GBKMojibakeStep()
    let rows = try corpusRows("messy/mojibake-gbk-pairs.tsv")
    #expect(rows.count >= 20)
    // Lines whose only clue is a lone Latin-1 symbol: ambiguous with real Chinese (`陆`
    // is "land", `卤` "brine"), so they are left alone on purpose.
    let ambiguous: Set<String> = ["« Bonjour », dit-il.", "50 °C", "±5 %", "½ cup"]
    var failed: [String] = []
    var repaired = 0
    for row in rows {
      let output = applyStep(step, row[0])
      if output == row[1] {
        repaired += 1
      } else if ambiguous.contains(row[1]) {
        #expect(output == row[0], "an ambiguous line is left as is")
      } else {
        failed.append("\(row[0]) → \(output)")
      }
      #expect(applyStep(step, row[1]) == row[1])
    }
    print("GBK mojibake repair rate: \(repaired)/\(rows.count)")
    #expect(failed.isEmpty, "\(failed.joined(separator: "\n"))")
  }
}
