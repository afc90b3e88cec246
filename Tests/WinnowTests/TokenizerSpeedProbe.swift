import Foundation
import Testing
import Winnow

/// A rough speed probe for the two word tokenizers, off by default:
/// `WINNOW_TOK_SPEED=1 WINNOW_BENCH_CORPUS=.corpus swift test -c release --filter TokenizerSpeedProbe`.
/// Optional: `WINNOW_TOK_CORPORA=en,zh`, `WINNOW_TOK_ENGINES=fast`, `WINNOW_TOK_MIB=8`,
/// `WINNOW_TOK_ROUNDS=3`. Each round tokenizes the corpus into a reused token array (as the
/// harness does); it prints the best round. The benchmark harness owns the real numbers.
@Suite struct TokenizerSpeedProbe {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["WINNOW_TOK_SPEED"] != nil))
  func speed() throws {
    let env = ProcessInfo.processInfo.environment
    let dir = env["WINNOW_BENCH_CORPUS"] ?? ".corpus"
    let corpora = (env["WINNOW_TOK_CORPORA"] ?? "en,zh,mixed").split(separator: ",").map(
      String.init)
    let engines = (env["WINNOW_TOK_ENGINES"] ?? "fast,icu").split(separator: ",")
      .compactMap { TokenizerEngine(rawValue: String($0)) }
    let rounds = env["WINNOW_TOK_ROUNDS"].flatMap { Int($0) } ?? 3
    let mib = env["WINNOW_TOK_MIB"].flatMap { Int($0) } ?? 64
    for name in corpora {
      guard let d = FileManager.default.contents(atPath: "\(dir)/\(name).txt") else { continue }
      let text = [UInt8](d.prefix(mib << 20))
      var counts: [Int] = []
      for engine in engines {
        let tok = try makeTokenizer(engine)
        var tokens: [Token] = []
        var best = Double.infinity
        for _ in 0..<rounds {
          tokens.removeAll(keepingCapacity: true)
          let t0 = DispatchTime.now().uptimeNanoseconds
          try text.withUnsafeBufferPointer { try tok.tokenize($0, into: &tokens) }
          best = min(best, Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9)
        }
        counts.append(tokens.count)
        print(
          "speed \(name) \(engine): \(tokens.count) tokens, \(String(format: "%.0f", best * 1000)) ms, "
            + "\(String(format: "%.1f", Double(text.count) / best / 1e6)) MB/s")
      }
      #expect(Set(counts).count <= 1, "token counts differ on \(name): \(counts)")
    }
  }
}
