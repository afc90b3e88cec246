import Foundation
import Testing
import Winnow
@testable import WinnowEntities

/// One recognizer for all tests (building the full gazetteer takes a few seconds).
let sharedRecognizer: EntityRecognizer? = try? EntityRecognizer()

func packageRoot() -> URL {
  var url = URL(fileURLWithPath: #filePath)
  while url.path != "/" {
    url.deleteLastPathComponent()
    if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
  }
  return url
}

@Suite struct RecognizerTests {
  @Test func samplePageDump() throws {
    let r = try #require(sharedRecognizer)
    let text = try String(contentsOf: packageRoot().appendingPathComponent("Corpora/entities-gold/cgtn-coalition-2025-03-20.txt"), encoding: .utf8)
    for e in r.recognize(text, date: CivilDate(iso: "2025-03-20")) { print(e.jsonLine) }
  }
}
