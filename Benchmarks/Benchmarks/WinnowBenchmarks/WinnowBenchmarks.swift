import Benchmark
import Foundation
import Winnow

/// Winnow's benchmarks. Names are `area/engine/corpus`; each iteration processes the
/// whole corpus once, so MB/s = corpus MB / wall-clock time (see BENCHMARKS.md, which
/// lists the corpus sizes printed at start-up).
let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
    timeUnits: .milliseconds,
    warmupIterations: 1,
    maxDuration: .seconds(10),
    maxIterations: 20
  )

  // Normalization also records CPU time: on a shared machine, wall-clock time swings with
  // the load while CPU time stays comparable with ftfy's (measured the same way).
  var normalization = Benchmark.defaultConfiguration
  normalization.metrics = [.wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident]

  // The boilerplate stage in-process (BoilerplateBenchmarks.swift), in CPU time too.
  boilerplateBenchmarks(normalization)

  for name in Corpus.names {
    let text = Corpus.load(name)
    FileHandle.standardError.write(Data("corpus \(name): \(text.count) bytes\n".utf8))
    // The whole `default` profile, as `winnow normalize` runs it (no alignment).
    Benchmark("normalize/default/\(name)", configuration: normalization) { benchmark in
      let n = try Normalizer(NormalizerOptions(profile: .default))
      benchmark.startMeasurement()
      blackHole(n.normalize(text, tracking: false).bytes.count)
    }

    // The same with the alignment tracked (what the pipeline does).
    Benchmark("normalize/default+alignment/\(name)", configuration: normalization) { benchmark in
      let n = try Normalizer(NormalizerOptions(profile: .default))
      benchmark.startMeasurement()
      blackHole(n.normalize(text, tracking: true).alignment.runs.count)
    }

    // Word tokenization: the fast path and the ICU reference (same tokens, checked first).
    // Both engines run the same public call, `tokenize(_:into:)`, into a token array kept
    // across iterations (as `winnow tokenize` keeps one per line): every token is
    // materialized, but the array's growth and page faults are not timed.
    for engine in [TokenizerEngine.fast, .icu] {
      Benchmark(
        "tokenize/\(engine)/\(name)",
        configuration: .init(metrics: [
          .wallClock, .cpuTotal, .mallocCountTotal, .peakMemoryResident,
        ])
      ) { benchmark in
        let tokenizer = try makeTokenizer(engine)
        if engine == .fast { try checkSameTokens(name, text) }
        var tokens: [Token] = []
        try text.withUnsafeBufferPointer { try tokenizer.tokenize($0, into: &tokens) }
        try text.withUnsafeBufferPointer { buffer in
          benchmark.startMeasurement()
          for _ in benchmark.scaledIterations {
            tokens.removeAll(keepingCapacity: true)
            try tokenizer.tokenize(buffer, into: &tokens)
            blackHole(tokens.count)
          }
          benchmark.stopMeasurement()
        }
      }
    }

    // Sentence splitting (ICU, en@ss=standard with Winnow's additions).
    Benchmark("sentences/icu/\(name)") { benchmark in
      let segmenter = try Segmenter(options: SegmenterOptions())
      benchmark.startMeasurement()
      blackHole(try segmenter.sentences(text).count)
    }

    // ICU NFC alone through the C API: UTF-8 → UTF-16 → unorm2_normalize → UTF-8.
    Benchmark("normalize/icu-nfc-utf16/\(name)", configuration: normalization) { benchmark in
      blackHole(try UnicodeNormalizer(.nfc).normalizeUTF16Reference(text).count)
    }
  }
}

/// Corpora whose fast-path tokens were already compared with ICU's in this process.
nonisolated(unsafe) private var checkedCorpora = Set<String>()

/// Checks, once per corpus and process and outside the measurement, that the fast path
/// gives exactly the ICU reference's tokens on the corpus (a benchmark of wrong output
/// would be meaningless).
func checkSameTokens(_ name: String, _ text: [UInt8]) throws {
  guard !checkedCorpora.contains(name) else { return }
  checkedCorpora.insert(name)
  let a = try makeTokenizer(.fast).tokens(text)
  let b = try makeTokenizer(.icu).tokens(text)
  FileHandle.standardError.write(
    Data("corpus \(name): \(b.count) tokens; fast == icu: \(a == b)\n".utf8))
  precondition(a == b, "fast path differs from the ICU reference on corpus \(name)")
}
