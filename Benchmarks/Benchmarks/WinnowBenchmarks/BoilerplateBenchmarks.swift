import Benchmark
import Foundation
import Winnow
import WinnowBoilerplate

/// The boilerplate stage in-process, without JSONL reading or writing: the `mixed` corpus
/// (one block per line) cut into page-sized documents of 200 lines, as
/// `Benchmarks/peers/boilerplate.py` cuts it, all of one site. Three benchmarks:
/// `boilerplate/corpus-pass/mixed` (the learner observing every document, then `finish`),
/// `boilerplate/documents/mixed` (every document through the stage with the learned state),
/// `boilerplate/both/mixed` (the two, as `winnow run` does them). MB/s = the corpus's MB
/// (printed at start-up) / the time of one iteration.
func boilerplateBenchmarks(_ configuration: Benchmark.Configuration) {
  let text = Corpus.load("mixed")
  let documents = BoilerplatePages.cut(text, lines: 200)
  FileHandle.standardError.write(
    Data("boilerplate: \(text.count) bytes in \(documents.count) documents of 200 lines\n".utf8))
  let stage = BoilerplateStage()
  boilerplateDevPagesBenchmark(configuration)

  Benchmark("boilerplate/corpus-pass/mixed", configuration: configuration) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(try BoilerplatePages.learn(stage, documents))
    }
  }

  Benchmark("boilerplate/documents/mixed", configuration: configuration) { benchmark in
    let learned = try stage.applying(state: BoilerplatePages.learn(stage, documents))
    benchmark.startMeasurement()
    for _ in benchmark.scaledIterations {
      blackHole(try BoilerplatePages.process(learned, documents))
    }
    benchmark.stopMeasurement()
  }

  Benchmark("boilerplate/both/mixed", configuration: configuration) { benchmark in
    for _ in benchmark.scaledIterations {
      let learned = try stage.applying(state: BoilerplatePages.learn(stage, documents))
      blackHole(try BoilerplatePages.process(learned, documents))
    }
  }
}

/// The stage on the DEV pages (`../shared/data/boilerplate/pages`, or the folder in
/// `WINNOW_BOILERPLATE_PAGES`), corpus pass included, as `winnow run` does them:
/// `boilerplate/dev-pages` (pages/s = 244 / the time of one iteration; trafilatura's
/// in-process `extract()` on the same pages is timed by `Benchmarks/peers/boilerplate.py`).
/// Not registered when the pages are not there.
func boilerplateDevPagesBenchmark(_ configuration: Benchmark.Configuration) {
  let env = ProcessInfo.processInfo.environment["WINNOW_BOILERPLATE_PAGES"] ?? ""
  let folder =
    env.isEmpty
    ? Corpus.repoRoot.deletingLastPathComponent().appendingPathComponent(
      "shared/data/boilerplate/pages")
    : URL(fileURLWithPath: env)
  guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
    return
  }
  var documents: [Document] = []
  var bytes = 0
  for name in names.sorted() where name.hasSuffix(".txt") {
    guard let d = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path)
    else { continue }
    bytes += d.count
    documents.append(
      Document(
        id: String(name.dropLast(4)), text: String(decoding: d, as: UTF8.self),
        metadata: .init(source: "bench/dev-pages.jsonl", line: documents.count + 1)))
  }
  guard !documents.isEmpty else { return }
  FileHandle.standardError.write(
    Data("boilerplate: \(documents.count) DEV pages, \(bytes) bytes\n".utf8))
  let stage = BoilerplateStage()
  Benchmark("boilerplate/dev-pages", configuration: configuration) { benchmark in
    for _ in benchmark.scaledIterations {
      let learned = try stage.applying(state: BoilerplatePages.learn(stage, documents))
      blackHole(try BoilerplatePages.process(learned, documents))
    }
  }
}

enum BoilerplatePages {
  /// `text` cut into documents of `lines` lines each (each ending with a newline), with a
  /// source file so that they all belong to one site (the file's folder).
  static func cut(_ text: [UInt8], lines: Int) -> [Document] {
    var documents: [Document] = []
    var start = 0
    var count = 0
    var i = 0
    func emit(_ end: Int) {
      var page = Array(text[start..<end])
      if page.last != 0x0A { page.append(0x0A) }
      documents.append(
        Document(
          id: String(documents.count * lines), text: String(decoding: page, as: UTF8.self),
          metadata: .init(source: "bench/mixed.jsonl", line: documents.count + 1)))
      start = end
      count = 0
    }
    while i < text.count {
      if text[i] == 0x0A {
        count += 1
        if count == lines { emit(i + 1) }
      }
      i += 1
    }
    if start < text.count { emit(text.count) }
    return documents
  }

  /// The corpus pass: the learned state.
  static func learn(_ stage: BoilerplateStage, _ documents: [Document]) throws -> JSONValue {
    guard var learner = stage.makeCorpusLearner() else { return .null }
    for d in documents { try learner.observe(d) }
    return learner.finish()
  }

  /// Every document through the stage; the bytes kept (so nothing is optimized away).
  static func process(_ stage: any Stage, _ documents: [Document]) throws -> Int {
    var kept = 0
    for d in documents {
      var d = d
      try stage.process(&d)
      kept += d.text.utf8.count
    }
    return kept
  }
}
