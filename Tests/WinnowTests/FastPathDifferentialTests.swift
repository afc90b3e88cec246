import Foundation
import Testing
import Winnow

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()

/// Shows bytes as text with every non-ASCII or invisible scalar escaped, for failure messages.
func escaped(_ bytes: [UInt8]) -> String {
  var out = ""
  var i = 0
  while i < bytes.count {
    let b = bytes[i]
    if b >= 0x20 && b < 0x7F {
      out.append(Character(Unicode.Scalar(b)))
      i += 1
      continue
    }
    // Decode one scalar, or show one raw byte.
    var it = bytes[i...].makeIterator()
    var dec = UTF8()
    if case .scalarValue(let s) = dec.decode(&it) {
      out += "\\u{\(String(s.value, radix: 16, uppercase: true))}"
      i += String(Character(s)).utf8.count
    } else {
      out += "\\x\(String(b, radix: 16, uppercase: true))"
      i += 1
    }
  }
  return out
}

/// Fragments the random strings are made of: every kind of text the contract covers.
let randomFragments: [[UInt8]] = {
  var f: [String] = [
    "a", "Z", "hello", "U.S.", "Britain's", "can't", "e.g.", "x_y", "snake_case", "IBM360",
    "0", "7", "1,234.56", "010-85061466", "10120180008", "3.14", "2025", "1'000", "v2.0",
    " ", "  ", "\t", "\n", "\r\n", "\r", ".", ",", "'", "\"", ":", ";", "-", "/", "@", "#", "$",
    "%", "&", "*", "(", ")", "[", "]", "!", "?", "_",
    "é", "ü", "ß", "Ñ", "×", "·", "©", "®", "\u{A0}", "\u{AD}",
    "中", "国", "人", "我们是中国人", "的", "一", "〇", "々", "〆", "𠀀", "〻", "中华人民共和国",
    "ひらがな", "は", "カタカナ", "ー", "ｶ", "ﾞ", "ﾟ", "ｰ", "ヽ", "ゝ", "㋐", "㌀",
    "한국어", "가", "ᄀ", "ᅡ", "ᆨ",
    "👍", "🏽", "👨\u{200D}👩\u{200D}👧", "❤", "\u{FE0F}", "🇨🇳", "🇺", "#\u{FE0F}\u{20E3}",
    "1\u{FE0F}\u{20E3}", "☺", "™", "👩🏾\u{200D}💻", "🏳\u{FE0F}\u{200D}🌈",
    "\u{301}", "\u{308}", "\u{5B9}", "\u{200D}", "\u{200C}", "\u{2060}", "\u{FEFF}", "\u{200B}",
    "العربية", "٣", "عَ", "עברית", "״", "׳", "\u{200F}", "\u{202E}",
    "ภาษาไทย", "ไทย", "ພາສາລາວ", "ភាសាខ្មែរ", "မြန်မာ", "ᨠᩮ",
    "\u{378}", "\u{E0080}", "\u{10FFFF}", "\u{2FFFF}", "\u{FFFD}", "\u{E000}", "\u{E0041}",
    "。", "，", "！", "？", "；", "“", "”", "「", "」", "、", "\u{3000}", "１２３", "ＡＢＣ",
  ]
  f += ["Keir Starmer", "Britain's Prime Minister", "after U.S. President Donald Trump"]
  var bytes = f.map { Array($0.utf8) }
  // Ill-formed UTF-8: lone continuation, overlong, surrogate, truncated, out of range.
  bytes += [
    [0x80], [0xFF], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xF4, 0x90, 0x80, 0x80],
    [0xF0, 0x9F, 0x98], [0xC2], [0xE0, 0x80],
  ]
  return bytes
}()

func randomInput(_ rng: inout SplitMix64) -> [UInt8] {
  var out: [UInt8] = []
  for _ in 0..<Int.random(in: 1...12, using: &rng) {
    out += randomFragments[Int.random(in: 0..<randomFragments.count, using: &rng)]
  }
  return out
}

/// Files for the differential run: everything under Corpora/ and every .txt/.jsonl under
/// ../shared/data (beside the clone in CI); the latter may be absent.
func differentialFiles() -> [URL] {
  var out: [URL] = []
  let fm = FileManager.default
  for (dir, filter) in [
    (packageRoot.appendingPathComponent("Corpora"), false),
    (packageRoot.appendingPathComponent("../shared/data").standardized, true),
  ] {
    guard let e = fm.enumerator(at: dir, includingPropertiesForKeys: nil) else { continue }
    for case let url as URL in e {
      var isDir: ObjCBool = false
      guard fm.fileExists(atPath: url.path, isDirectory: &isDir), !isDir.boolValue else { continue }
      if filter && !["txt", "jsonl"].contains(url.pathExtension) { continue }
      // Open fuzz findings fail until fixed; FuzzRegressionTests replays them as known issues.
      if url.lastPathComponent.hasPrefix("open-") { continue }
      out.append(url)
    }
  }
  return out.sorted { $0.path < $1.path }
}

@Suite struct FastPathDifferentialTests {
  let fast: any Tokenizer
  let icu: any Tokenizer

  init() throws {
    // with the CJK engine
    fast = try makeTokenizer(.fast, options: TokenizerOptions(includePunctuation: true))
    icu = try ICUWordTokenizer(options: TokenizerOptions(includePunctuation: true))
  }

  /// The one comparison: boundaries, rule statuses, tokens (ranges and kinds) must be equal.
  func compare(_ text: [UInt8]) throws -> String? {
    let a = try fast.wordBoundaries(text)
    let b = try icu.wordBoundaries(text)
    if a.boundaries != b.boundaries || a.statuses != b.statuses {
      let firstDiff =
        zip(a.boundaries, b.boundaries).enumerated().first { $0.element.0 != $0.element.1 }
        .map { $0.offset } ?? min(a.boundaries.count, b.boundaries.count)
      let fromI = max(0, firstDiff - 3)
      return
        "boundaries differ at #\(firstDiff): fast \(a.boundaries[fromI..<min(a.boundaries.count, firstDiff + 3)]) "
        + "\(a.statuses[fromI..<min(a.statuses.count, firstDiff + 3)]) vs icu "
        + "\(b.boundaries[fromI..<min(b.boundaries.count, firstDiff + 3)]) \(b.statuses[fromI..<min(b.statuses.count, firstDiff + 3)])"
        + " near bytes \(firstDiff < b.boundaries.count ? Int(b.boundaries[max(0, firstDiff - 1)]) : -1): "
        + escaped(
          Array(
            text[
              max(
                0, Int(b.boundaries[max(0, fromI)]) - 40)..<min(
                  text.count, Int(b.boundaries[min(b.boundaries.count - 1, firstDiff + 2)]) + 40)]))
    }
    let ta = try fast.tokens(text)
    let tb = try icu.tokens(text)
    if ta != tb { return "tokens differ: fast \(ta.prefix(10)) vs icu \(tb.prefix(10))" }
    return nil
  }

  @Test("fast == ICU on every file of Corpora/ and ../shared/data")
  func files() throws {
    let files = differentialFiles()
    if files.isEmpty {
      print("FastPathDifferentialTests: no Corpora/ or ../shared/data files found; skipped")
      return
    }
    var failures: [String] = []
    for url in files {
      let data = try Data(contentsOf: url)
      if let d = try compare(Array(data)) { failures.append("\(url.path): \(d)") }
    }
    #expect(
      failures.isEmpty,
      "\(failures.count) of \(files.count) files differ:\n\(failures.prefix(10).joined(separator: "\n"))"
    )
  }

  /// Seeded random strings (ASCII, Latin-1, CJK, kana, Hangul, emoji ZWJ/skin tones, marks,
  /// RTL, Thai/Lao/Khmer/Myanmar, separators in numbers, unassigned, U+FFFD, ill-formed
  /// UTF-8). Count: 100 000, or `WINNOW_DIFF_COUNT`; seed: `WINNOW_DIFF_SEED`.
  @Test("fast == ICU on seeded random strings")
  func random() throws {
    let env = ProcessInfo.processInfo.environment
    let count = env["WINNOW_DIFF_COUNT"].flatMap { Int($0) } ?? 100_000
    let seed = env["WINNOW_DIFF_SEED"].flatMap { UInt64($0) } ?? 0x5EED_2025
    var rng = SplitMix64(seed: seed)
    var failures: [String] = []
    for i in 0..<count {
      let input = randomInput(&rng)
      if let d = try compare(input) {
        failures.append("seed \(seed) case \(i): \"\(escaped(input))\": \(d)")
        if failures.count >= 10 { break }
      }
    }
    #expect(
      failures.isEmpty,
      "seed \(seed): \(failures.count) failing inputs:\n\(failures.joined(separator: "\n"))")
  }
}

/// A rough speed check, only with `WINNOW_SPEED=1` (run it in release: `swift test -c release`):
/// prints MB/s of both engines on the sample page repeated. The benchmark harness owns the
/// real numbers; this exists so the ratio can be seen without it.
@Test("rough speed: fast vs ICU on the sample page (WINNOW_SPEED=1)")
func roughSpeed() throws {
  guard ProcessInfo.processInfo.environment["WINNOW_SPEED"] == "1" else { return }
  let page = try Data(
    contentsOf: packageRoot.appendingPathComponent(
      "Corpora/segmentation/cgtn-coalition-2025-03-20.txt"))
  // The English article lines only (lines 6–17), and the whole page.
  let lines = page.split(separator: 0x0A, omittingEmptySubsequences: false)
  let english = Array(lines[5...].joined(separator: [0x0A]))
  for (name, unit) in [("en", english), ("page", Array(page))] {
    var text: [UInt8] = []
    while text.count < 2_000_000 { text += unit + [0x0A] }
    for engine in TokenizerEngine.allCases {
      let tok = try makeTokenizer(engine)
      var tokens: [Token] = []
      tokens.reserveCapacity(500_000)
      var best = Double.infinity
      for _ in 0..<5 {
        tokens.removeAll(keepingCapacity: true)
        let t0 = DispatchTime.now().uptimeNanoseconds
        try text.withUnsafeBufferPointer { try tok.tokenize($0, into: &tokens) }
        best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
      }
      print(
        "speed \(name) \(engine): \(tokens.count) tokens, \(String(format: "%.1f", Double(text.count) / best / 1e6)) MB/s"
      )
    }
  }
}
