import Foundation
import Testing
import Winnow
import WinnowEntities

/// The matching semantics of issue 6 at the gazetteer level, each checked by slicing the
/// original text.
@Suite struct GazetteerSemanticsTests {
  static let gazetteer: Gazetteer? = try? Gazetteer(entries: [
    GazetteerEntry(name: "Europe", kind: "LOC", id: "150"),
    GazetteerEntry(name: "Don", kind: "LOC", id: "don"),
    GazetteerEntry(name: "北京", kind: "GPE", id: "beijing"),
    GazetteerEntry(name: "欢迎", kind: "X", id: "huanying"),
    GazetteerEntry(name: "你", kind: "X", id: "ni"),
    GazetteerEntry(name: "Zürich", kind: "GPE", id: "zurich"),
    GazetteerEntry(name: "London", kind: "GPE", id: "2643743", aliases: ["伦敦"]),
    GazetteerEntry(name: "İstanbul", kind: "GPE", id: "istanbul"),
    GazetteerEntry(
      name: "United Kingdom", kind: "GPE", id: "GB", aliases: ["Britain", "UK", "英国"]),
    GazetteerEntry(name: "Georgia", kind: "GPE", id: "GE"),
    GazetteerEntry(name: "Georgia", kind: "GPE", id: "US-GA"),
  ])

  static func found(_ text: String) -> [String] {
    guard let g = gazetteer else { return ["<no gazetteer>"] }
    let bytes = Array(text.utf8)
    return g.matches(in: bytes).map { m in
      String(decoding: bytes[m.start..<m.end], as: UTF8.self) + "="
        + m.entries.map { g.entries[$0].id }.joined(separator: ",")
    }
  }

  @Test(
    "semantics",
    arguments: [
      ("European countries", [String]()),
      ("Donald Trump", []),
      ("the Don river", ["Don=don"]),
      ("北京欢迎你", ["北京=beijing", "欢迎=huanying", "你=ni"]),
      ("in Zu\u{308}rich today", ["Zu\u{308}rich=zurich"]),
      ("ＬＯＮＤＯＮ calling", ["ＬＯＮＤＯＮ=2643743"]),
      ("倫敦的天氣", ["倫敦=2643743"]),
      ("ZÜRICH/İSTANBUL", ["ZÜRICH=zurich", "İSTANBUL=istanbul"]),
      ("Visit İstanbul.", ["İstanbul=istanbul"]),
      (
        "Britain, UK, 英国 and the United Kingdom",
        ["Britain=GB", "UK=GB", "英国=GB", "United Kingdom=GB"]
      ),
      ("Georgia", ["Georgia=GE,US-GA"]),
    ])
  func semantics(text: String, expected: [String]) {
    #expect(Self.found(text) == expected)
  }

  @Test func serializedGazetteerLoads() throws {
    let g = try #require(Self.gazetteer)
    let bytes = g.serialized()
    let h = try Gazetteer(serialized: bytes)
    #expect(h.entries.map(\.id) == g.entries.map(\.id))
    #expect(h.matches(in: "倫敦 and Zürich").count == 2)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "winnow-test-\(getpid()).wngz"
    ).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    #expect(try Gazetteer.load(path: path).entries.count == g.entries.count)
  }

  @Test func userGazetteerFormats() throws {
    let tsv = try Gazetteer.parseTSV(
      "# comment\nUnited Kingdom\tGPE\tGB\tBritain|UK\n\nKremlin\tORG\tkremlin\n")
    #expect(
      tsv == [
        GazetteerEntry(name: "United Kingdom", kind: "GPE", id: "GB", aliases: ["Britain", "UK"]),
        GazetteerEntry(name: "Kremlin", kind: "ORG", id: "kremlin"),
      ])
    let jsonl = try Gazetteer.parseJSONL(
      #"{"name":"Kremlin","kind":"ORG","id":"kremlin","aliases":["the Kremlin"]}"# + "\n")
    #expect(
      jsonl == [
        GazetteerEntry(name: "Kremlin", kind: "ORG", id: "kremlin", aliases: ["the Kremlin"])
      ])
    #expect(throws: WinnowError.self) { try Gazetteer.parseTSV("only-a-name\n", path: "g.tsv") }
    #expect(throws: WinnowError.self) { try Gazetteer.parseJSONL("{\"kind\":1}\n") }
  }

  @Test func icuDisplayNames() throws {
    #expect(try LocaleDisplayNames.regionName("GB", locale: "zh_Hans") == "英国")
    #expect(try LocaleDisplayNames.regionName("GB", locale: "zh_Hant") == "英國")
    #expect(try LocaleDisplayNames.regionName("150", locale: "en") == "Europe")
    #expect(try LocaleDisplayNames.exemplarCity(zone: "Europe/London", locale: "en") == "London")
    #expect(try LocaleDisplayNames.region(ofZone: "Asia/Shanghai") == "CN")
    let territories = try LocaleDisplayNames.regionCodes(.territory)
    #expect(territories.count > 240 && territories.contains("GB"))
    #expect(try LocaleDisplayNames.zoneIDs().count > 300)
    let entries = try Gazetteer.icuEntries()
    #expect(entries.contains { $0.id == "GB" && $0.surfaces.contains("英國") })
  }
}

/// Pattern entities and their normalized values.
@Suite struct PatternTests {
  static let recognizer: EntityRecognizer? = try? EntityRecognizer(
    options: EntityOptions(icuGazetteer: false, shippedGazetteer: false),
    gazetteer: Gazetteer(entries: []))
  static let date = CivilDate(iso: "2025-03-20")

  static func one(_ text: String) -> String {
    guard let r = recognizer else { return "<no recognizer>" }
    return r.recognize(text, date: date).map { e in "\(e.kind) \(e.text) \(e.value?.json ?? "-")" }
      .joined(separator: "; ")
  }

  @Test(
    "patterns",
    arguments: [
      ("March 20, 2025", #"DATE March 20, 2025 "2025-03-20""#),
      ("on 20 March 2025.", #"DATE 20 March 2025 "2025-03-20""#),
      ("2025-03-20", #"DATE 2025-03-20 "2025-03-20""#),
      ("2025年3月20日", #"DATE 2025年3月20日 "2025-03-20""#),
      ("3月20日", #"DATE 3月20日 "2025-03-20""#),
      ("on Thursday", #"DATE Thursday "2025-03-20""#),
      ("星期四", #"DATE 星期四 "2025-03-20""#),
      ("周四", #"DATE 周四 "2025-03-20""#),
      ("下周一", #"DATE 下周一 "2025-03-24""#),
      ("for Monday next week in", #"DATE Monday next week "2025-03-24""#),
      ("next Monday", #"DATE next Monday "2025-03-24""#),
      ("On Tuesday,", #"DATE Tuesday "2025-03-18""#),
      ("at 10:30 pm", #"TIME 10:30 pm "22:30""#),
      ("上午10点30分", #"TIME 10点30分 "10:30""#),
      ("hotline: 010-85061466", #"PHONE 010-85061466 "+861085061466""#),
      ("电话：(0755) 8888 1234", #"PHONE (0755) 8888 1234 "+8675588881234""#),
      ("手机13812345678", #"PHONE 13812345678 "+8613812345678""#),
      ("call +44 20 7946 0958 now", #"PHONE +44 20 7946 0958 "+442079460958""#),
      (
        "互联网新闻信息许可证10120180008",
        #"LICENSE 互联网新闻信息许可证10120180008 {"kind":"互联网新闻信息许可证","number":"10120180008"}"#
      ),
      (
        "京ICP备12345678号-1",
        #"LICENSE 京ICP备12345678号-1 {"kind":"ICP备案","number":"12345678-1","region":"京"}"#
      ),
      (
        "京公网安备 11010502000001号",
        #"LICENSE 京公网安备 11010502000001号 {"kind":"公网安备","number":"11010502000001","region":"京"}"#
      ),
      (
        "網絡文化經營許可證：京网文〔2023〕1234-056号",
        #"LICENSE 網絡文化經營許可證：京网文〔2023〕1234-056号 {"kind":"网络文化经营许可证","number":"京网文〔2023〕1234-056"}"#
      ),
      (
        "see https://example.com/a?b=1.",
        #"URL https://example.com/a?b=1 "https://example.com/a?b=1""#
      ),
      ("www.cgtn.com", #"URL www.cgtn.com "http://www.cgtn.com""#),
      ("mail Press@Example.org.", #"EMAIL Press@Example.org "press@example.org""#),
      ("$1.5 billion", #"MONEY $1.5 billion {"currency":"USD","amount":"1500000000"}"#),
      ("300 million euros", #"MONEY 300 million euros {"currency":"EUR","amount":"300000000"}"#),
      ("5000万元", #"MONEY 5000万元 {"currency":"CNY","amount":"50000000"}"#),
      ("up 12.5% on", #"PERCENT 12.5% "12.5%""#),
      ("３０％", #"PERCENT ３０％ "30%""#),
      ("7 percent", #"PERCENT 7 percent "7%""#),
    ])
  func pattern(text: String, expected: String) {
    #expect(Self.one(text) == expected)
  }

  @Test func notPatterns() {
    for text in ["10120180008 is a number", "pay 2025 dollars"]
    where Self.one(text).hasPrefix("PHONE") {
      Issue.record("phone in \(text)")
    }
    #expect(Self.one("the year 2025 was") == "")
  }

  @Test func civilDate() throws {
    let d = try #require(CivilDate(iso: "2025-03-20"))
    #expect(d.weekday == 4)
    #expect(d.adding(days: 4).iso == "2025-03-24")
    #expect(CivilDate(daysSinceEpoch: 0).iso == "1970-01-01")
    #expect(CivilDate(year: 2025, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 2024, month: 2, day: 29)?.adding(days: 1).iso == "2024-03-01")
  }

  @Test func peopleAndJSON() throws {
    let r = try #require(Self.recognizer)
    let text = "Prime Minister Keir Starmer spoke. Later Starmer's aide left. 美国总统特朗普表示"
    let people = r.recognize(text).filter { $0.kind == "PERSON" }
    #expect(people.map(\.text) == ["Keir Starmer", "Starmer", "特朗普"])
    #expect(people.allSatisfy { Array(text.utf8)[$0.start..<$0.end].elementsEqual($0.text.utf8) })
    let line = r.jsonLines("热线：010-85061466")
    #expect(
      line == [
        #"{"kind":"PHONE","text":"010-85061466","start":9,"end":21,"value":"+861085061466"}"#
      ])
  }

  /// Batched key folding gives exactly what folding one key at a time gives, on tricky
  /// names and on a sample of the shipped gazetteer's surfaces.
  @Test func batchedFoldingEqualsOneByOne() throws {
    let f = try KeyFolder()
    var names = [
      "Ｌｏｎｄｏｎ", "倫敦", "  New   York ", "Zu\u{308}rich", "İstanbul", "ǅemal", "a\nb", "x\r", "", "ß",
      "ＡＢＣ 123", "臺灣", "Côte d’Ivoire",
    ]
    let shipped = try Gazetteer.shippedEntries()
    for (i, e) in shipped.enumerated() where i % 97 == 0 { names += e.surfaces }
    #expect(f.foldKeys(names) == names.map(f.foldKey))
  }
}
