import Foundation

/// The benchmark corpora: `en`, `zh`, `mixed` (32 MiB each) built by
/// `../shared/bench/make-corpus.sh` (see `scripts/make-bench-corpus.sh`).
///
/// Looked up in `$WINNOW_BENCH_CORPUS`, then `<repo>/.corpus/`. When absent, a small
/// fallback made from the committed `Corpora/` text stands in, so the harness always runs
/// (its numbers are then not comparable with BENCHMARKS.md).
enum Corpus {
  static let names = ["en", "zh", "mixed"]

  static var repoRoot: URL {
    URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
  }

  static var directory: URL? {
    if let env = ProcessInfo.processInfo.environment["WINNOW_BENCH_CORPUS"], !env.isEmpty {
      return URL(fileURLWithPath: env)
    }
    let cache = repoRoot.appendingPathComponent(".corpus")
    return FileManager.default.fileExists(atPath: cache.appendingPathComponent("en.txt").path)
      ? cache : nil
  }

  /// The bytes of corpus `name`, capped at `WINNOW_BENCH_MIB` MiB (default: all).
  static func load(_ name: String) -> [UInt8] {
    var bytes: [UInt8]
    if let dir = directory,
      let d = FileManager.default.contents(atPath: dir.appendingPathComponent("\(name).txt").path)
    {
      bytes = [UInt8](d)
    } else {
      bytes = fallback(name)
    }
    if let mib = ProcessInfo.processInfo.environment["WINNOW_BENCH_MIB"].flatMap(Int.init),
      bytes.count > mib << 20
    {
      // Cut at a line end so no character is split.
      var end = mib << 20
      while end < bytes.count && bytes[end - 1] != 0x0A { end += 1 }
      bytes = Array(bytes[..<end])
    }
    return bytes
  }

  /// Committed text, repeated to about 1 MiB: English pages for `en`, Chinese for `zh`,
  /// both for `mixed`.
  static func fallback(_ name: String) -> [UInt8] {
    let corpora = repoRoot.appendingPathComponent("Corpora")
    var en: [UInt8] = [], zh: [UInt8] = []
    if let e = FileManager.default.enumerator(atPath: corpora.path) {
      for case let rel as String in e where rel.hasSuffix(".txt") {
        guard let d = FileManager.default.contents(atPath: corpora.appendingPathComponent(rel).path)
        else { continue }
        let cjk = d.filter { $0 >= 0xE4 && $0 <= 0xE9 }.count
        if cjk * 20 > d.count { zh += d } else { en += d }
        if zh.last != 0x0A && !zh.isEmpty { zh.append(0x0A) }
        if en.last != 0x0A && !en.isEmpty { en.append(0x0A) }
      }
    }
    let base: [UInt8] = name == "en" ? en : name == "zh" ? zh : en + zh
    guard !base.isEmpty else { return Array("fallback corpus missing\n".utf8) }
    var out: [UInt8] = []
    while out.count < 1 << 20 { out += base }
    return out
  }
}
