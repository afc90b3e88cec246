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

  for name in Corpus.names {
    let text = Corpus.load(name)
    FileHandle.standardError.write(Data("corpus \(name): \(text.count) bytes\n".utf8))

    // The whole `default` profile, as `winnow normalize` runs it (no alignment).
    Benchmark("normalize/default/\(name)") { benchmark in
      let n = try Normalizer(NormalizerOptions(profile: .default))
      benchmark.startMeasurement()
      blackHole(n.normalize(text, tracking: false).bytes.count)
    }

    // The same with the alignment tracked (what the pipeline does).
    Benchmark("normalize/default+alignment/\(name)") { benchmark in
      let n = try Normalizer(NormalizerOptions(profile: .default))
      benchmark.startMeasurement()
      blackHole(n.normalize(text, tracking: true).alignment.runs.count)
    }

    // ICU NFC alone through the C API: UTF-8 → UTF-16 → unorm2_normalize → UTF-8.
    Benchmark("normalize/icu-nfc-utf16/\(name)") { benchmark in
      blackHole(try UnicodeNormalizer(.nfc).normalizeUTF16Reference(text).count)
    }
  }
}
