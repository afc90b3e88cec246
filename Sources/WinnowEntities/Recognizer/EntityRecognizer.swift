@_spi(WorkCounting) import Winnow

/// What an ``EntityRecognizer`` looks for.
public struct EntityOptions: Sendable, Hashable {
  /// Kinds to report (nil: all). Default nil.
  public var kinds: Set<String>?
  /// Whether CLDR region and city names are asked from ICU. Default true.
  public var icuGazetteer: Bool
  /// Locales for the ICU names. Default English, Simplified and Traditional Chinese.
  public var locales: [String]
  /// Whether the shipped gazetteer is loaded. Default true.
  public var shippedGazetteer: Bool
  /// Extra entries (user gazetteers); they come first, so their kind and id win.
  public var extraEntries: [GazetteerEntry]
  /// The region whose national phone formats are recognised without `+` (ISO 3166-1).
  /// Default `CN`.
  public var phoneRegion: String

  /// Options with the defaults above.
  public init(
    kinds: Set<String>? = nil, icuGazetteer: Bool = true,
    locales: [String] = ["en", "zh_Hans", "zh_Hant"],
    shippedGazetteer: Bool = true, extraEntries: [GazetteerEntry] = [], phoneRegion: String = "CN"
  ) {
    self.kinds = kinds
    self.icuGazetteer = icuGazetteer
    self.locales = locales
    self.shippedGazetteer = shippedGazetteer
    self.extraEntries = extraEntries
    self.phoneRegion = phoneRegion
  }
}

/// Finds entities: gazetteer names (places, countries, organisations), people by rules,
/// and pattern entities with normalized values (dates, times, phones, licences, URLs,
/// e-mail, money, percentages).
///
/// Overlaps resolve by priority — patterns, then rule-found people and head-noun names,
/// then gazetteer names — and then length. Offsets are UTF-8 bytes into the original text.
///
/// ```swift
/// let r = try EntityRecognizer()
/// let es = r.recognize("Britain's Prime Minister Keir Starmer spoke on Thursday.", date: CivilDate(iso: "2025-03-20"))
/// // GPE Britain (GB), PERSON Keir Starmer, DATE Thursday (2025-03-20)
/// ```
public struct EntityRecognizer: Sendable {
  /// The options.
  public let options: EntityOptions
  /// The compiled gazetteer (user, ICU and shipped entries).
  public let gazetteer: Gazetteer

  /// Builds the gazetteer (the built-in one is compiled once per process and shared; see
  /// ``Gazetteer/builtIn(icu:locales:shipped:cacheDirectory:)``; it is also cached on disk).
  /// - Parameters:
  ///   - options: what to look for.
  ///   - cacheDirectory: the on-disk cache of the compiled built-in gazetteer (default
  ///     ``GazetteerCache/directory(environment:)``: `$WINNOW_CACHE_DIR`,
  ///     `$XDG_CACHE_HOME/winnow` or `~/.cache/winnow`; nil: none). Unused with
  ///     ``EntityOptions/extraEntries``, whose gazetteer is compiled in memory.
  /// - Throws: `WinnowError` when ICU, OpenCC or the shipped gazetteer cannot be loaded.
  ///
  /// ```swift
  /// let r = try EntityRecognizer(cacheDirectory: "/tmp/winnow-cache")  // never ~/.cache
  /// r.recognize("London").first?.kind   // "GPE"
  /// ```
  public init(
    options: EntityOptions = EntityOptions(), cacheDirectory: String? = GazetteerCache.directory()
  ) throws(WinnowError) {
    if options.extraEntries.isEmpty {
      let g = try Gazetteer.builtIn(
        icu: options.icuGazetteer, locales: options.locales, shipped: options.shippedGazetteer,
        cacheDirectory: cacheDirectory)
      try self.init(options: options, gazetteer: g)
      return
    }
    var entries = options.extraEntries
    if options.icuGazetteer { entries += try Gazetteer.icuEntries(locales: options.locales) }
    if options.shippedGazetteer { entries += try Gazetteer.shippedEntries() }
    try self.init(options: options, gazetteer: Gazetteer(entries: entries))
  }

  /// Uses an already compiled gazetteer (for example one loaded with
  /// ``Gazetteer/init(serialized:)``).
  public init(options: EntityOptions = EntityOptions(), gazetteer: Gazetteer) throws(WinnowError) {
    self.options = options
    self.gazetteer = gazetteer
  }

  /// Finds the entities of a text.
  /// - Parameters:
  ///   - text: the text.
  ///   - date: the document's date, for resolving `Thursday`, `3月20日`, `next week`.
  /// - Returns: non-overlapping entities ordered by start.
  public func recognize(_ text: String, date: CivilDate? = nil) -> [Entity] {
    recognize(Array(text.utf8), date: date)
  }

  /// Finds the entities of UTF-8 text; see ``recognize(_:date:)-(String,_)``.
  public func recognize(_ text: [UInt8], date: CivilDate? = nil) -> [Entity] {
    let folded = gazetteer.folder.fold(text)
    // Candidates: (priority, start, end, kind, value, id, source) in original offsets.
    struct Candidate {
      var priority: Int
      var start: Int
      var end: Int
      var kind: String
      var value: EntityValue?
      var id: String?
      var source: String
    }
    var cands: [Candidate] = []
    let scanner = PatternScanner(date: date, phoneRegion: options.phoneRegion)
    let raw = folded.bytes.withUnsafeBufferPointer { scanner.scan($0) }
    for r in raw {
      let o = folded.alignment.inputRange(forOutput: r.start..<r.end)
      cands.append(
        Candidate(
          priority: 3, start: o.lowerBound, end: o.upperBound, kind: r.kind, value: r.value,
          id: nil, source: "pattern"))
    }
    for r in PeopleRules.find(in: text) {
      cands.append(
        Candidate(
          priority: 2, start: r.start, end: r.end, kind: r.kind, value: r.value, id: nil,
          source: "rule"))
    }
    // All overlapping hits: a longer hit the surface filter rejects (`the Netherlands`)
    // must not hide a shorter good one (`Netherlands`); overlaps resolve below.
    for m in gazetteer.matches(folded: folded, kind: .allOverlapping) {
      guard let first = m.entries.first, acceptGazetteerSurface(text, m.start..<m.end) else {
        continue
      }
      let e = gazetteer.entries[first]
      cands.append(
        Candidate(
          priority: 1, start: m.start, end: m.end, kind: e.kind, value: nil, id: e.id,
          source: "gazetteer"))
    }
    if let kinds = options.kinds { cands.removeAll { !kinds.contains($0.kind) } }
    cands.sort {
      ($0.priority, $0.end - $0.start, -$0.start) > ($1.priority, $1.end - $1.start, -$1.start)
    }
    // Bytes already in a chosen entity (issue 7: a list of chosen ranges searched for each
    // candidate was quadratic in the number of candidates; this is linear in their length).
    var taken = [Bool](repeating: false, count: text.count)
    var out: [Entity] = []
    for c in cands where c.end > c.start && c.start >= 0 && c.end <= text.count {
      let r = c.start..<c.end
      WorkCounter.add(r.count)
      if taken[r].contains(true) { continue }
      for k in r { taken[k] = true }
      let surface = String(decoding: text[r], as: UTF8.self)
      out.append(
        Entity(
          kind: c.kind, text: surface, start: c.start, end: c.end, value: c.value, id: c.id,
          source: c.source))
    }
    out.sort { $0.start < $1.start }
    return out
  }

  /// Gazetteer hits in spaced scripts must look like names: a capital first letter, and
  /// all capitals for names of three letters or fewer (`US`, not `us`).
  func acceptGazetteerSurface(_ text: [UInt8], _ r: Range<Int>) -> Bool {
    guard r.lowerBound >= 0, r.upperBound <= text.count else { return false }
    let s = String(decoding: text[r], as: UTF8.self)
    guard let first = s.unicodeScalars.first else { return false }
    // Han, kana
    if first.value >= 0x2E80 && first.value < 0xA000 || first.value >= 0x20000 { return true }
    guard first.properties.isUppercase || first.properties.numericType != nil else { return false }
    let letters = s.unicodeScalars.filter { $0.properties.isAlphabetic }
    if letters.count <= 3 && !letters.allSatisfy({ $0.properties.isUppercase }) { return false }
    return true
  }

  /// The entities of a text as JSON lines (`kind`, `text`, `start`, `end`, `value`, `id`),
  /// for `winnow entities --format jsonl`.
  /// - Parameters:
  ///   - text: the text.
  ///   - date: the document date, if known.
  /// - Returns: one JSON object per entity.
  ///
  /// ```swift
  /// try EntityRecognizer().jsonLines("热线：010-85061466")
  /// // [#"{"kind":"PHONE","text":"010-85061466","start":9,"end":21,"value":"+861085061466"}"#]
  /// ```
  public func jsonLines(_ text: String, date: CivilDate? = nil) -> [String] {
    recognize(text, date: date).map(\.jsonLine)
  }
}
