import Foundation
import Testing
import Winnow
import WinnowEntities
import WinnowTestSupport

/// Issue 6: the entities stage's fold takes an ASCII fast lane (lowercasing bytes) and
/// hands only non-ASCII pieces to OpenCC and ICU. It must give exactly what the whole
/// normalizer gives — the same bytes and the same alignment runs.
@Suite struct KeyFolderFastPathTests {
  static let folder: KeyFolder? = try? KeyFolder()

  /// Compares the fast fold with the reference on `text`; returns a description of the
  /// first difference, or nil.
  static func difference(_ text: [UInt8], folder f: KeyFolder) -> String? {
    for tracking in [true, false] {
      let fast = f.fold(text, tracking: tracking)
      let reference = f.foldReference(text, tracking: tracking)
      if fast.bytes != reference.bytes {
        let at = zip(fast.bytes, reference.bytes).prefix { $0 == $1 }.count
        return
          "tracking \(tracking): bytes differ at \(at): fast \(String(decoding: fast.bytes[at...].prefix(40), as: UTF8.self).debugDescription) reference \(String(decoding: reference.bytes[at...].prefix(40), as: UTF8.self).debugDescription)"
      }
      if fast.alignment != reference.alignment {
        let at = zip(fast.alignment.runs, reference.alignment.runs).prefix { $0 == $1 }.count
        return
          "tracking \(tracking): alignment runs differ at run \(at): fast \(fast.alignment.runs.dropFirst(at).prefix(3)) reference \(reference.alignment.runs.dropFirst(at).prefix(3))"
      }
    }
    return nil
  }

  @Test(
    "fast fold == reference fold",
    arguments: [
      ("empty", ""),
      ("ASCII", "LONDON calling, London Bridge"),
      ("ASCII lines", "ABC\n\ndef\nGhI\n"),
      ("CR kept", "A\r\nB\rC"),
      ("Traditional", "倫敦的天氣，臺灣發展"),
      ("mixed short runs", "新華社 Xinhua 報道"),
      ("long ASCII run then Han", "The Prime Minister of the United Kingdom said 倫敦 is FINE"),
      (
        "combining after a long run",
        "Some long English text before Zu\u{308}RICH and more ASCII text after it"
      ),
      (
        "combining at a cut",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJ\u{301}KLMNOPQRSTUVWXYZ ABCDEFGHIJKLMN"
      ),
      ("full width", "ＬＯＮＤＯＮ is written in full width in this sentence ＬＯＮＤＯＮ"),
      (
        "smart quotes",
        "“Britain’s Prime Minister Keir Starmer spoke on Thursday,” the BBC reported — and İstanbul, ΣΑΣ, Straße, ﬁne."
      ),
      (
        "Hangul jamo",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG\u{1100}\u{1161}\u{11A8} ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG"
      ),
      ("controls", "\u{0}\u{1}ABC\u{7F}\u{85}\u{2028}DEF"),
    ])
  func table(_ name: String, _ text: String) throws {
    let f = try #require(Self.folder)
    let d = Self.difference(Array(text.utf8), folder: f)
    #expect(d == nil, "\(name): \(d ?? "")")
  }

  @Test(
    "Corpora files",
    arguments: [
      "Corpora/pages/cgtn-coalition-2025-03-20.txt",
      "Corpora/messy/messy-page.txt",
      "Corpora/messy/mojibake-lookalikes.txt",
      "Corpora/messy/gb18030-sample.txt",
      "Corpora/entities-gold/cgtn-coalition-2025-03-20.txt",
      "Corpora/boilerplate/people-health-page.txt",
    ])
  func corpora(_ path: String) throws {
    let f = try #require(Self.folder)
    let data = try Data(contentsOf: packageRoot().appendingPathComponent(path))
    let text = Array(String(decoding: data, as: UTF8.self).utf8)
    let d = Self.difference(text, folder: f)
    #expect(d == nil, "\(path): \(d ?? "")")
  }

  /// Every page text under Corpora/entities-gold/pages (if present).
  @Test func goldPages() throws {
    let f = try #require(Self.folder)
    let dir = packageRoot().appendingPathComponent("Corpora/entities-gold/pages")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    for name in names.sorted() where name.hasSuffix(".txt") {
      let data = try Data(contentsOf: dir.appendingPathComponent(name))
      let d = Self.difference(Array(String(decoding: data, as: UTF8.self).utf8), folder: f)
      #expect(d == nil, "\(name): \(d ?? "")")
    }
  }

  /// This thread's CPU time in seconds.
  static func threadCPU() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// The whole mixed benchmark corpus, in documents of ~4 KB cut at line ends (as
  /// `scripts/make-jsonl.py` makes them): fast fold == reference fold on every document,
  /// and the CPU time of each. Off by default (`WINNOW_SPEED=1`; corpus folder
  /// `WINNOW_BENCH_CORPUS`, default `.corpus`).
  @Test(.enabled(if: ProcessInfo.processInfo.environment["WINNOW_SPEED"] != nil))
  func mixedCorpus() throws {
    let f = try #require(Self.folder)
    let dir =
      ProcessInfo.processInfo.environment["WINNOW_BENCH_CORPUS"]
      ?? packageRoot().appendingPathComponent(".corpus").path
    let data = try #require(FileManager.default.contents(atPath: dir + "/mixed.txt"))
    let all = [UInt8](data)
    var docs: [[UInt8]] = []
    var start = 0
    while start < all.count {
      var end = min(start + 4096, all.count)
      while end < all.count && all[end - 1] != 0x0A { end += 1 }
      docs.append(Array(String(decoding: all[start..<end], as: UTF8.self).utf8))
      start = end
    }
    var t0 = Self.threadCPU()
    let fast = docs.map { f.fold($0) }
    let fastTime = Self.threadCPU() - t0
    t0 = Self.threadCPU()
    let reference = docs.map { f.foldReference($0) }
    let referenceTime = Self.threadCPU() - t0
    var differing = 0
    for i in docs.indices where fast[i] != reference[i] {
      if differing == 0 {
        print("first differing document \(i): \(Self.difference(docs[i], folder: f) ?? "")")
      }
      differing += 1
    }
    print(
      "mixed corpus, \(docs.count) documents, \(all.count) bytes: fast fold \(fastTime) s CPU, reference \(referenceTime) s CPU"
    )
    #expect(differing == 0)
  }

  /// Pieces random texts are made of: long and short ASCII runs, capitals, Traditional
  /// and Simplified Han, combining marks (alone and after ASCII), width and case variants,
  /// line breaks.
  static let atoms: [String] = [
    "a", "B", " ", "the QUICK brown Fox jumps over the lazy dog again", "XY", "\n", "\r", "\t", ".",
    "倫", "敦", "臺", "灣", "發", "髮", "後", "乾", "隆", "國", "中", "文", "的", "麼", "著",
    "\u{301}", "\u{308}", "\u{327}", "\u{1100}", "\u{1161}", "\u{11A8}", "Ａ", "ｂ", "ß", "İ", "Σ",
    "ﬁ", "ǅ",
    "’", "“", "—", "…", "①", "㈱", "\u{200B}", "\u{AD}", "😀", "é", "e\u{301}", "Å",
  ]

  @Test(arguments: [UInt64(1), 2, 3, 4, 5, 6, 7, 8])
  func randomTexts(seed: UInt64) throws {
    let f = try #require(Self.folder)
    var rng = SplitMix64(seed: seed)
    for round in 0..<300 {
      let count = Int.random(in: 0..<40, using: &rng)
      var s = ""
      for _ in 0..<count {
        // Long ASCII runs often, so that the fast lane cuts lines into pieces.
        if Int.random(in: 0..<4, using: &rng) == 0 {
          s += String(repeating: "Abc ", count: Int.random(in: 5..<12, using: &rng))
        } else {
          s += Self.atoms[Int.random(in: 0..<Self.atoms.count, using: &rng)]
        }
      }
      let d = Self.difference(Array(s.utf8), folder: f)
      #expect(d == nil, "seed \(seed) round \(round) input \(s.debugDescription): \(d ?? "")")
      if d != nil { return }
    }
  }
}
