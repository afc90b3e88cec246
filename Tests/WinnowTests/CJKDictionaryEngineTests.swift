import CICU
import Foundation
import Testing

@testable import Winnow

/// Differential tests: ``CJKDictionaryEngine`` against ICU 72's own word break iterator
/// (locale "zh") run on exactly the same text.
@Suite("CJKDictionaryEngine")
struct CJKDictionaryEngineTests {
  /// One engine for all tests (building it reads ICU data and tables).
  static let engine: CJKDictionaryEngine? = try? CJKDictionaryEngine()

  /// The package root, from this file's path.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  // MARK: Helpers

  /// ICU's boundaries (excluding 0) and statuses for `text` alone.
  final class ICUWords {
    let handle: OpaquePointer

    init() throws {
      var status: Int32 = 0
      guard let h = cicu_break_open(CICU_BREAK_WORD, "zh", &status), status <= 0 else {
        throw ICUError(code: status, function: "ubrk_open")
      }
      handle = h
      // Load ICU's CJK engine before any run that starts with U+30FC (see the notes in
      // CJKDictionaryEngine.swift, item 7).
      _ = split(Array("中文".utf8))
    }

    deinit { cicu_break_close(handle) }

    func split(_ bytes: [UInt8]) -> (boundaries: [Int32], statuses: [Int32]) {
      var b = [Int32](repeating: 0, count: 256)
      var s = [Int32](repeating: 0, count: 256)
      var outB: [Int32] = []
      var outS: [Int32] = []
      bytes.withUnsafeBufferPointer { buf in
        var status: Int32 = 0
        cicu_break_set_text(handle, buf.baseAddress, Int32(buf.count), &status)
        while true {
          let n = cicu_break_next_batch(handle, &b, &s, Int32(b.count))
          if n <= 0 { break }
          outB += b[0..<Int(n)]
          outS += s[0..<Int(n)]
        }
      }
      return (outB, outS)
    }
  }

  static func engineSplit(_ engine: CJKDictionaryEngine, _ bytes: [UInt8]) -> (
    boundaries: [Int32], statuses: [Int32]
  ) {
    var b: [Int32] = []
    var s: [Int32] = []
    bytes.withUnsafeBufferPointer { engine.segment($0, boundaries: &b, statuses: &s) }
    return (b, s)
  }

  /// Maximal runs of characters the engine handles, in `text`.
  static func runs(in text: String, _ engine: CJKDictionaryEngine) -> [String] {
    var out: [String] = []
    var current = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      if engine.handles(scalar.value) {
        current.append(scalar)
      } else if !current.isEmpty {
        out.append(String(current))
        current = String.UnicodeScalarView()
      }
    }
    if !current.isEmpty { out.append(String(current)) }
    return out
  }

  /// Renders a run with its segmentation, e.g. `中文|是|…`, with statuses.
  static func render(_ text: String, _ b: [Int32], _ s: [Int32]) -> String {
    let bytes = Array(text.utf8)
    var out = ""
    var start = 0
    for (end, status) in zip(b, s) {
      let e = min(max(Int(end), start), bytes.count)
      out += String(decoding: bytes[start..<e], as: UTF8.self) + "/\(status) "
      start = e
    }
    return out
  }

  static func codePoints(_ text: String) -> String {
    text.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
  }

  /// Compares engine and ICU on each run; returns the descriptions of the first mismatches.
  static func compare(_ runs: [String], limit: Int = 10) throws -> (
    compared: Int, failures: [String]
  ) {
    let engine = try #require(Self.engine)
    let icu = try ICUWords()
    var failures: [String] = []
    for run in runs {
      let bytes = Array(run.utf8)
      let expected = icu.split(bytes)
      let actual = engineSplit(engine, bytes)
      if expected.boundaries != actual.boundaries || expected.statuses != actual.statuses {
        if failures.count < limit {
          failures.append(
            "run [\(codePoints(run))] \(run)\n  ICU:    \(render(run, expected.boundaries, expected.statuses))\n  engine: \(render(run, actual.boundaries, actual.statuses))"
          )
        } else {
          failures.append("…")
        }
      }
    }
    return (runs.count, failures)
  }

  static func textFiles(_ directory: String, suffix: String) -> [URL] {
    let url = URL(fileURLWithPath: directory)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.filter { $0.hasSuffix(suffix) }.sorted().map { url.appendingPathComponent($0) }
  }

  // MARK: Tests

  @Test("the documented example: 我们是中国人")
  func documentedExample() throws {
    let engine = try #require(Self.engine)
    let r = Self.engineSplit(engine, Array("我们是中国人".utf8))
    #expect(r.boundaries == [6, 9, 18])
    #expect(r.statuses == [400, 400, 400])
  }

  @Test(
    "handles exactly ICU's CJK engine set",
    arguments: [
      (UInt32(0x4E2D), true), (0x3042, true), (0x30A2, true), (0x30FC, true), (0xFF70, true),
      (0xFF9E, true), (0xFF9F, true), (0x3005, true), (0x2F00, true), (0x20000, true),
      (0x30FB, false), (0x3001, false), (0x41, false), (0xAC00, false), (0x3099, false),
      (0xFF10, false),
    ])
  func handlesSet(scalar: UInt32, expected: Bool) throws {
    let engine = try #require(Self.engine)
    #expect(engine.handles(scalar) == expected)
  }

  @Test(
    "Japanese and edge-case runs match ICU",
    arguments: [
      "日本語の文章を書きます", "ひらがなだけのぶんしょう", "カタカナ", "コンピューター",
      "インターナショナルビジネスマシーンズコーポレーションアンドカンパニー",  // > 20 katakana
      "アイウエオカキクケコサシスセソタチツテトナニヌネノ", "ｶﾀｶﾅﾃﾞｽ", "ﾊﾟｿｺﾝ", "ｶﾞｷﾞｸﾞｹﾞｺﾞ",
      "ﾞ", "ﾞﾞ", "ﾞ中", "かﾞき", "中ﾞﾟ文", "ｱﾞﾞ", "時々", "々", "日々の暮らし", "いすゞ自動車",
      "こゝろ", "ヽヾ", "ゝゞ", "ー", "ーー", "ｰ", "ラーメン", "東京都庁", "㌀", "㌀㌁",
      "🈀", "⼀⼀", "⼀", "⺀", "𠀀𠀁中文", "中𖿰文", "𖿰中", "⼀𖿰", "中文𖿰中文",
      "私は東京大学の学生です", "今日は良い天気ですね", "お問い合わせ", "ヴァイオリン",
      "ゟ", "ヿ", "ｦ", "中華人民共和国国務院総理", "我们是中国人", "北京大学生前来应聘",
    ])
  func curated(run: String) throws {
    let (_, failures) = try Self.compare([run])
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  /// In context, ICU breaks on both edges of a Han/kana run and splits its inside as it
  /// splits the run alone (the notes at the top of CJKDictionaryEngine.swift, item 2).
  @Test(
    "a run inside other text splits as the run alone",
    arguments: [
      ("", "中华人民共和国成立了", "123"), ("2024年", "我们是中国人", ""), ("abc", "北京大学生", "def"),
      ("ＡＢＣ", "東京都庁", "１２３"), ("Hello ", "世界你好", "!"), ("（", "研究生命起源", "）"),
      ("“", "日本語の文章", "”。"), ("中文・", "カタカナ", "・中文"), ("😀", "中文", "😀"),
      ("中文 ", "中国", " 中文"), ("。", "ｶﾀｶﾅﾃﾞｽ", "、"), ("_", "中文", "_"),
    ])
  func inContext(prefix: String, run: String, suffix: String) throws {
    let engine = try #require(Self.engine)
    let icu = try ICUWords()
    let whole = icu.split(Array((prefix + run + suffix).utf8))
    let start = Int32(prefix.utf8.count)
    let end = start + Int32(run.utf8.count)
    #expect(whole.boundaries.contains(start) || start == 0, "ICU does not break before the run")
    let inside = zip(whole.boundaries, whole.statuses).filter { $0.0 > start && $0.0 <= end }
    let alone = Self.engineSplit(engine, Array(run.utf8))
    #expect(inside.map { $0.0 - start } == alone.boundaries)
    #expect(inside.map { $0.1 } == alone.statuses)
  }

  /// ICU's behaviour at marks and the middle dot, which a scanner must reproduce (item 3 of
  /// the notes): these document ICU itself.
  @Test(
    "ICU: marks end a rule segment, the middle dot is not a dictionary character",
    arguments: [
      ("中\u{301}文", [5, 8], [400, 400]), ("中文\u{301}中国", [8, 14], [400, 400]),
      ("中・文", [3, 6, 9], [400, 0, 400]), ("中文123", [6, 9], [400, 100]),
      ("中文abc", [6, 9], [400, 200]), ("々", [3], [0]), ("日々", [6], [400]),
    ] as [(String, [Int32], [Int32])])
  func icuEdges(text: String, boundaries: [Int32], statuses: [Int32]) throws {
    let icu = try ICUWords()
    let r = icu.split(Array(text.utf8))
    #expect(r.boundaries == boundaries)
    #expect(r.statuses == statuses)
  }

  @Test("all Han/kana runs of the UD Chinese dev sets match ICU")
  func udChinese() throws {
    let engine = try #require(Self.engine)
    // The raw dev texts are copied into Corpora/segmentation (with their notice), so a clone
    // without ../shared still runs this test.
    let files = Self.textFiles(
      Self.packageRoot.appendingPathComponent("Corpora/segmentation").path, suffix: ".raw.txt")
    try #require(!files.isEmpty, "no UD Chinese data under Corpora/segmentation")
    var runs: [String] = []
    for file in files {
      let text = try String(contentsOf: file, encoding: .utf8)
      runs += Self.runs(in: text, engine)
    }
    let (compared, failures) = try Self.compare(runs)
    print("UD Chinese: compared \(compared) runs, \(failures.count) differ")
    #expect(compared > 1000)
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  /// The boilerplate dev pages (3.4 MB, not copied into the repository).
  static let sharedPages = textFiles(
    packageRoot.appendingPathComponent("../shared/data/boilerplate/pages").standardized.path,
    suffix: ".txt")

  /// Runs where `../shared` is laid beside the package (as CI lays it); skipped elsewhere.
  @Test(
    "all Han/kana runs of the Chinese web pages match ICU",
    .enabled(if: !sharedPages.isEmpty, "needs ../shared/data/boilerplate/pages"))
  func webPages() throws {
    let engine = try #require(Self.engine)
    let files = Self.sharedPages
    var runs: [String] = []
    for file in files {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
      runs += Self.runs(in: text, engine)
    }
    let (compared, failures) = try Self.compare(runs)
    print("web pages: compared \(compared) runs, \(failures.count) differ")
    #expect(compared > 1000)
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }

  @Test("seeded random Han/kana runs match ICU", arguments: [UInt64(0x5EED_0001), 0x5EED_0002])
  func random(seed: UInt64) throws {
    var rng = SplitMix64(seed: seed)
    // Real words make the dictionary matter; random code points cover the whole set.
    let pool = Array("我们是中国人北京大学生前来应聘的研究所和平民主共和国际关系日本語東京都庁私は学生ですお問い合わせ".unicodeScalars)
    let ranges: [(ClosedRange<UInt32>, Int)] = [
      (0x4E00...0x9FFF, 30), (0x3400...0x4DBF, 4), (0x20000...0x2A6DF, 4),
      (0x3041...0x3096, 10), (0x309D...0x309F, 2), (0x30A1...0x30FA, 12), (0x30FC...0x30FF, 3),
      (0xFF66...0xFF9F, 5), (0xF900...0xFAD9, 2), (0x2F00...0x2FD5, 1), (0x3005...0x3005, 1),
      (0x3300...0x3357, 1), (0x32D0...0x32FE, 1), (0x16FF0...0x16FF1, 1), (0x31F0...0x31FF, 1),
    ]
    let totalWeight = ranges.reduce(0) { $0 + $1.1 }
    var runs: [String] = []
    for _ in 0..<25_000 {
      var scalars = String.UnicodeScalarView()
      let length = Int.random(in: 1...24, using: &rng)
      for _ in 0..<length {
        if Int.random(in: 0..<3, using: &rng) == 0 {
          scalars.append(pool[Int.random(in: 0..<pool.count, using: &rng)])
          continue
        }
        var pick = Int.random(in: 0..<totalWeight, using: &rng)
        for (range, weight) in ranges {
          if pick < weight {
            if let s = Unicode.Scalar(UInt32.random(in: range, using: &rng)) { scalars.append(s) }
            break
          }
          pick -= weight
        }
      }
      let run = String(scalars)
      let engine = try #require(Self.engine)
      // Keep only runs of handled characters (a few code points in the ranges are not).
      if run.unicodeScalars.allSatisfy({ engine.handles($0.value) }) { runs.append(run) }
    }
    let (compared, failures) = try Self.compare(runs)
    print(
      "random seed \(String(seed, radix: 16)): compared \(compared) runs, \(failures.count) differ")
    #expect(compared > 20_000)
    #expect(
      failures.isEmpty, "seed 0x\(String(seed, radix: 16)):\n\(failures.joined(separator: "\n"))")
  }
}
