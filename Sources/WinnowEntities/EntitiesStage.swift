import Foundation
import Winnow

/// The `entities` pipeline stage: finds entities in the document's current text and adds
/// them to ``Document/annotations``, each with its span in the current and the original
/// text, its kind (PERSON, GPE, DATE, PHONE, LICENSE, …), normalized value and entry id.
///
/// Relative dates resolve against the stage's `date` option, else the document's date
/// (``Document/Metadata/date``). Written only against Winnow's public Stage API.
///
/// ```yaml
/// stages:
///   - normalize
///   - {stage: entities, kinds: "GPE,DATE", gazetteer: my-names.tsv}
/// ```
public struct EntitiesStage: Stage {
  /// The recognizer (gazetteers compiled once, shared by all workers).
  public let recognizer: EntityRecognizer
  /// A fixed document date (`YYYY-MM-DD`) overriding the documents' own, if set.
  public let date: CivilDate?

  /// Creates the stage.
  /// - Parameters:
  ///   - recognizer: the recognizer to run.
  ///   - date: a fixed document date for relative dates, else each document's own.
  public init(recognizer: EntityRecognizer, date: CivilDate? = nil) {
    self.recognizer = recognizer
    self.date = date
  }

  public var name: String { "entities" }

  public var options: JSONObject {
    var o: JSONObject = [
      "icu_gazetteer": .bool(recognizer.options.icuGazetteer),
      "shipped_gazetteer": .bool(recognizer.options.shippedGazetteer),
    ]
    if let k = recognizer.options.kinds { o["kinds"] = .string(k.sorted().joined(separator: ",")) }
    if let date { o["date"] = .string(date.description) }
    return o
  }

  public func process(_ document: inout Document) throws(WinnowError) {
    let day = date ?? document.metadata.date.flatMap(CivilDate.init(iso:))
    for e in recognizer.recognize(document.text, date: day) {
      document.annotations.append(
        Document.Annotation(
          kind: e.kind, span: document.span(e.start..<e.end), text: e.text,
          value: e.value.map(Self.jsonValue), id: e.id, source: "entities/\(e.source)"))
    }
  }

  /// An ``EntityValue`` as a JSON value.
  static func jsonValue(_ v: EntityValue) -> JSONValue {
    switch v {
    case .string(let s): return .string(s)
    case .object(let fields):
      return .object(
        JSONObject(fields.map { JSONObject.Member(key: $0.key, value: .string($0.value)) }))
    }
  }

  /// The registry entry (register with `StageRegistry.shared.register(EntitiesStage.descriptor)`).
  public static let descriptor = StageDescriptor(
    name: "entities",
    summary:
      "Finds entities (places, organisations, people, dates, phones, licence numbers, URLs, money, …) with normalized values.",
    options: [
      StageOptionInfo(
        "kinds", type: "string", default: "all",
        help:
          "Comma-separated kinds to report (PERSON,GPE,LOC,ORG,FAC,DATE,TIME,MONEY,PERCENT,PHONE,EMAIL,URL,LICENSE)."
      ),
      StageOptionInfo(
        "date", type: "string", default: "the document's",
        help: "Document date (YYYY-MM-DD) for relative dates like `Thursday`."),
      StageOptionInfo(
        "gazetteer", type: "string", default: "none",
        help: "A user gazetteer file (TSV, JSONL or compiled .wngz) added to the built-in ones."),
      StageOptionInfo(
        "icu_gazetteer", type: "bool", default: "true",
        help: "Region and city names from ICU's CLDR data (en, zh_Hans, zh_Hant)."),
      StageOptionInfo(
        "shipped_gazetteer", type: "bool", default: "true",
        help: "The shipped generated gazetteer (places, organisations)."),
    ]
  ) { (o: StageOptions) throws(WinnowError) -> any Stage in
    var options = EntityOptions()
    if let k = try o.string("kinds") {
      options.kinds = Set(
        k.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
    }
    options.icuGazetteer = try o.bool("icu_gazetteer", default: true)
    options.shippedGazetteer = try o.bool("shipped_gazetteer", default: true)
    var date: CivilDate? = nil
    if let d = try o.string("date") {
      guard let parsed = CivilDate(iso: d) else {
        throw WinnowError(
          .usage, "stage 'entities', option 'date': '\(d)' is not a YYYY-MM-DD date")
      }
      date = parsed
    }
    if let path = try o.string("gazetteer") {
      let user = try Gazetteer.load(path: path)
      options.extraEntries = user.entries
    }
    return EntitiesStage(recognizer: try EntityRecognizer(options: options), date: date)
  }
}
