import Foundation
import Testing
import Winnow

/// Golden files: every `Corpora/{pages,messy}/NAME.txt` with a `NAME.normalized.txt` beside it
/// must normalize (decoding + the `default` profile) to exactly that file.
///
/// `WINNOW_RECORD=1` rewrites the golden files from the current output and still fails, so the
/// diff gets read (and reviewed) before it is committed.
@Suite struct GoldenNormalizationTests {
  static let corpora = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Corpora")

  static var pairs: [String] {
    ["pages", "messy"].flatMap { dir -> [String] in
      let d = corpora.appendingPathComponent(dir)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: d.path)) ?? []
      return names.filter { $0.hasSuffix(".normalized.txt") }.sorted().map {
        "\(dir)/\($0.dropLast(".normalized.txt".count)).txt"
      }
    }
  }

  @Test func goldenFilesExist() {
    #expect(Self.pairs.contains("pages/cgtn-coalition-2025-03-20.txt"))
    #expect(Self.pairs.contains("messy/messy-page.txt"))
  }

  @Test(arguments: pairs)
  func normalizesToGolden(input: String) throws {
    let inURL = Self.corpora.appendingPathComponent(input)
    let goldURL = Self.corpora.appendingPathComponent(String(input.dropLast(4)) + ".normalized.txt")
    let raw = [UInt8](try Data(contentsOf: inURL))
    let decoded = try TextDecoder(path: input).decode(raw)
    let out = try Normalizer(NormalizerOptions(profile: .default)).normalize(decoded.bytes).bytes
    if ProcessInfo.processInfo.environment["WINNOW_RECORD"] != nil {
      try Data(out).write(to: goldURL)
      Issue.record(
        "recorded \(goldURL.lastPathComponent): review the diff, then run again without WINNOW_RECORD"
      )
      return
    }
    let gold = [UInt8](try Data(contentsOf: goldURL))
    #expect(out == gold, "\(input): got\n\(String(decoding: out, as: UTF8.self))")
  }
}
