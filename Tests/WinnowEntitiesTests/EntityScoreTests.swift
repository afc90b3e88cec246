import Foundation
import Testing
import WinnowEntities

/// Scores the recognizer on the sample page's gold (Corpora/entities-gold) and checks the
/// acceptance thresholds of issue 6. Run: `swift test --filter EntityScoreTests`.
@Suite struct EntityScoreTests {
  // swift-format-ignore: AlwaysUseLowerCamelCase
  // (The gold files' JSON keys.)
  struct Gold: Decodable {
    struct Mention: Decodable {
      var type: String
      var text: String
      var byte_start: Int
      var byte_end: Int
      var optional: Bool?
      var alt_types: [String]?
      var normalized: [String: JSONAny]?
    }
    var document_date: String
    var entities: [Mention]
  }

  /// Enough of JSON to read the gold's `normalized` objects.
  enum JSONAny: Decodable {
    case string(String), number(Double), bool(Bool), other
    init(from decoder: Decoder) throws {
      let c = try decoder.singleValueContainer()
      if let s = try? c.decode(String.self) {
        self = .string(s)
      } else if let b = try? c.decode(Bool.self) {
        self = .bool(b)
      } else if let d = try? c.decode(Double.self) {
        self = .number(d)
      } else {
        self = .other
      }
    }
    var string: String? { if case .string(let s) = self { return s }; return nil }
  }

  static func group(_ t: String) -> String { t == "GPE" || t == "LOC" ? "GPE/LOC" : t }

  @Test func samplePage() throws {
    let r = try #require(sharedRecognizer)
    let dir = packageRoot().appendingPathComponent("Corpora/entities-gold")
    let gold = try JSONDecoder().decode(
      Gold.self,
      from: Data(contentsOf: dir.appendingPathComponent("cgtn-coalition-2025-03-20.gold.json")))
    let text = try String(
      contentsOf: dir.appendingPathComponent("cgtn-coalition-2025-03-20.txt"), encoding: .utf8)
    let found = r.recognize(text, date: CivilDate(iso: gold.document_date))
    var hits: [String: Int] = [:], totals: [String: Int] = [:]
    var valueErrors: [String] = []
    var matched = Set<Int>()
    for g in gold.entities {
      let types = Set([g.type] + (g.alt_types ?? []))
      let p = found.firstIndex {
        $0.start == g.byte_start && $0.end == g.byte_end
          && (types.contains($0.kind) || Self.group($0.kind) == Self.group(g.type))
      }
      if let p { matched.insert(p) }
      if g.optional == true { continue }
      let key = Self.group(g.type)
      totals[key, default: 0] += 1
      guard let p else { print("missed \(g.type) \(g.text) @\(g.byte_start)"); continue }
      hits[key, default: 0] += 1
      let e = found[p]
      switch g.type {
      case "DATE":
        if case .string(let v) = e.value, v == g.normalized?["iso"]?.string {
        } else {
          valueErrors.append("\(g.text): \(String(describing: e.value))")
        }
      case "PHONE":
        if case .string(let v) = e.value, v == g.normalized?["e164"]?.string {
        } else {
          valueErrors.append("\(g.text): \(String(describing: e.value))")
        }
      case "LICENSE":
        if e.value?["kind"] != "互联网新闻信息许可证" || e.value?["number"] != g.normalized?["number"]?.string
        {
          valueErrors.append("\(g.text): \(String(describing: e.value))")
        }
      default: break
      }
    }
    let falseHits = found.indices.filter { !matched.contains($0) }
    for f in falseHits { print("false hit \(found[f].kind) \(found[f].text) @\(found[f].start)") }
    for k in totals.keys.sorted() {
      print("score \(k): \(hits[k, default: 0])/\(totals[k, default: 0])")
    }
    print("score false hits: \(falseHits.count); value errors: \(valueErrors)")
    #expect(hits["GPE/LOC", default: 0] >= 30)
    #expect(hits["ORG", default: 0] >= 3)
    #expect(hits["PERSON", default: 0] >= 9)
    #expect(hits["DATE", default: 0] == 6)
    #expect(hits["PHONE", default: 0] == 1)
    #expect(hits["LICENSE", default: 0] == 1)
    #expect(valueErrors.isEmpty)
    #expect(falseHits.count <= 5)
    // Every reported span slices the original to its surface.
    let bytes = Array(text.utf8)
    for e in found { #expect(String(decoding: bytes[e.start..<e.end], as: UTF8.self) == e.text) }
  }

  /// The three Chinese pages: report recall per type (no threshold yet; see docs).
  @Test func chinesePages() throws {
    let r = try #require(sharedRecognizer)
    let dir = packageRoot().appendingPathComponent("Corpora/entities-gold")
    let pagesDir = dir.appendingPathComponent("pages")
    for file in try FileManager.default.contentsOfDirectory(atPath: dir.path)
    where file.hasSuffix(".gold.json") && !file.hasPrefix("cgtn") {
      let gold = try JSONDecoder().decode(
        Gold.self, from: Data(contentsOf: dir.appendingPathComponent(file)))
      let name = String(file.dropLast(".gold.json".count))
      guard
        let text = try? String(
          contentsOf: pagesDir.appendingPathComponent(name + ".txt"), encoding: .utf8)
      else {
        print("chinese \(name): page text not available"); continue
      }
      let found = r.recognize(text, date: CivilDate(iso: gold.document_date))
      var hits: [String: Int] = [:], totals: [String: Int] = [:]
      for g in gold.entities where g.optional != true {
        totals[Self.group(g.type), default: 0] += 1
        if found.contains(where: { $0.start == g.byte_start && $0.end == g.byte_end }) {
          hits[Self.group(g.type), default: 0] += 1
        }
      }
      print(
        "chinese \(name.prefix(40)): "
          + totals.keys.sorted().map { "\($0) \(hits[$0, default: 0])/\(totals[$0]!)" }.joined(
            separator: ", ") + "; predicted \(found.count)")
    }
  }
}
