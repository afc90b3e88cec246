import Foundation
import Testing

@testable import Winnow

/// A rough per-step speed probe, off by default (`WINNOW_SPEED=1 swift test -c release
/// --filter NormalizerSpeedProbe`). Real numbers come from the benchmark harness.
@Suite struct NormalizerSpeedProbe {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["WINNOW_SPEED"] != nil))
  func perStep() throws {
    let dir = ProcessInfo.processInfo.environment["WINNOW_BENCH_CORPUS"] ?? ".corpus"
    for name in ["en", "mixed"] {
      guard let d = FileManager.default.contents(atPath: "\(dir)/\(name).txt") else { continue }
      let text = [UInt8](d.prefix(8 << 20))
      var configs: [(String, NormalizerOptions)] = [
        ("none", NormalizerOptions(profile: .none)),
        ("default", NormalizerOptions(profile: .default)),
      ]
      for s in NormalizationProfile.default.steps.sorted(by: { $0.rawValue < $1.rawValue }) {
        configs.append((s.rawValue, NormalizerOptions(steps: [s])))
      }
      for (label, o) in configs {
        let n = try Normalizer(o)
        let t0 = Date()
        let out = n.normalize(text, tracking: false)
        let dt = Date().timeIntervalSince(t0)
        print(
          "\(name) \(label): \(String(format: "%.0f", Double(text.count) / dt / 1e6)) MB/s (\(out.bytes.count))"
        )
      }
      let t0 = Date()
      let r = try UnicodeNormalizer(.nfc).normalizeUTF16Reference(text)
      print(
        "\(name) icu-nfc-utf16: \(String(format: "%.0f", Double(text.count) / Date().timeIntervalSince(t0) / 1e6)) MB/s (\(r.count))"
      )
    }
  }
}
