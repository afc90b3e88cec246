import Foundation
import Testing
import Winnow
import WinnowEntities
import WinnowTestSupport

/// One recognizer for all tests (building the full gazetteer takes a few seconds), cached
/// in the tests' folder, not in `~/.cache/winnow`.
let sharedRecognizer: EntityRecognizer? = try? EntityRecognizer(cacheDirectory: TestCache.directory)

func packageRoot() -> URL {
  var url = URL(fileURLWithPath: #filePath)
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
      return url
    }
  }
  return url
}

@Suite struct RecognizerTests {
  @Test func samplePageDump() throws {
    let r = try #require(sharedRecognizer)
    let text = try String(
      contentsOf: packageRoot().appendingPathComponent(
        "Corpora/entities-gold/cgtn-coalition-2025-03-20.txt"), encoding: .utf8)
    for e in r.recognize(text, date: CivilDate(iso: "2025-03-20")) { print(e.jsonLine) }
  }

  /// Stats of the full gazetteer and a save/load round trip (printed for docs/quality-entities.md).
  @Test func fullGazetteerSaveLoad() throws {
    let r = try #require(sharedRecognizer)
    let a = r.gazetteer.automaton
    print(
      "gazetteer entries \(r.gazetteer.entries.count) keys \(a.keyCount) states \(a.stateCount) memory \(a.memoryBytes / 1_000_000) MB"
    )
    let clock = ContinuousClock()
    let bytes = r.gazetteer.serialized()
    let t0 = clock.now
    let loaded = try Gazetteer(serialized: bytes)
    print("gazetteer compiled file \(bytes.count / 1_000_000) MB, load \(clock.now - t0)")
    #expect(loaded.entries.count == r.gazetteer.entries.count)
    let text = "倫敦 and ＬＯＮＤＯＮ and 巴彦淖尔"
    #expect(loaded.matches(in: text).map(\.start) == r.gazetteer.matches(in: text).map(\.start))
  }
}
