import Winnow

/// One gazetteer entry: a name, its kind (`GPE`, `LOC`, `ORG`, …), its id, and other names
/// for the same thing.
///
/// ```swift
/// GazetteerEntry(name: "United Kingdom", kind: "GPE", id: "GB", aliases: ["Britain", "UK", "英国"])
/// ```
public struct GazetteerEntry: Sendable, Hashable, Codable {
  /// The canonical name.
  public var name: String
  /// The entity kind (OntoNotes labels: `GPE`, `LOC`, `ORG`, `FAC`, `NORP`, `PERSON`, …).
  public var kind: String
  /// The entry's id (ISO 3166 code, zone id, GeoNames id, …), reported with each match.
  public var id: String
  /// Other surfaces that name the same entry.
  public var aliases: [String]

  /// Creates an entry.
  public init(name: String, kind: String, id: String, aliases: [String] = []) {
    self.name = name
    self.kind = kind
    self.id = id
    self.aliases = aliases
  }

  /// The name and the aliases.
  public var surfaces: [String] { [name] + aliases }
}

/// A match of a gazetteer in a text.
public struct GazetteerMatch: Sendable, Hashable {
  /// Start UTF-8 byte offset in the original text.
  public var start: Int
  /// End UTF-8 byte offset (exclusive) in the original text.
  public var end: Int
  /// Indexes into ``Gazetteer/entries`` of every entry with this surface.
  public var entries: [Int]

  /// Creates a match.
  public init(start: Int, end: Int, entries: [Int]) {
    self.start = start
    self.end = end
    self.entries = entries
  }
}

/// Entries compiled into a ``NameAutomaton`` over folded keys (see ``KeyFolder``).
///
/// Matching is case-, width-, normalization- and Traditional/Simplified-insensitive; spans
/// are mapped back through the fold's alignment, so they always slice the original text.
///
/// ```swift
/// let g = try Gazetteer(entries: [GazetteerEntry(name: "London", kind: "GPE", id: "2643743")])
/// let text = "Ｌｏｎｄｏｎ calling"
/// let m = g.matches(in: text)                  // one match, start 0, end 18
/// ```
public struct Gazetteer: Sendable {
  /// The entries.
  public let entries: [GazetteerEntry]
  /// The compiled automaton (values are entry indexes).
  public let automaton: NameAutomaton
  let folder: KeyFolder

  /// Compiles entries.
  /// - Parameters:
  ///   - entries: the entries; every surface of every entry becomes a key.
  ///   - matchKind: the default match kind (leftmost-longest).
  /// - Throws: `WinnowError` when ICU or OpenCC cannot be loaded.
  public init(entries: [GazetteerEntry], matchKind: MatchKind = .leftmostLongest)
    throws(WinnowError)
  {
    let folder = try KeyFolder()
    var b = NameAutomatonBuilder(matchKind: matchKind)
    var surfaces: [String] = []
    var owner: [UInt32] = []
    for (i, e) in entries.enumerated() {
      for s in e.surfaces {
        surfaces.append(s)
        owner.append(UInt32(i))
      }
    }
    let keys = folder.foldKeys(surfaces)
    surfaces = []
    // An entry's surfaces are adjacent: skip a key its entry already has.
    var start = 0
    while start < keys.count {
      var end = start + 1
      while end < keys.count && owner[end] == owner[start] { end += 1 }
      for k in start..<end where !(start..<k).contains(where: { keys[$0] == keys[k] }) {
        b.add(keys[k], value: owner[k])
      }
      start = end
    }
    self.entries = entries
    self.automaton = b.build()
    self.folder = folder
  }

  init(entries: [GazetteerEntry], automaton: NameAutomaton) throws(WinnowError) {
    self.entries = entries
    self.automaton = automaton
    self.folder = try KeyFolder()
  }

  /// Finds the gazetteer's names in `text`.
  /// - Parameters:
  ///   - text: valid UTF-8.
  ///   - kind: the match kind; default the automaton's.
  /// - Returns: matches with original-text byte spans, ordered by start.
  public func matches(in text: [UInt8], kind: MatchKind? = nil) -> [GazetteerMatch] {
    let folded = folder.fold(text)
    return matches(folded: folded, kind: kind)
  }

  /// Finds the gazetteer's names in `text`; see ``matches(in:kind:)-([UInt8],_)``.
  public func matches(in text: String, kind: MatchKind? = nil) -> [GazetteerMatch] {
    matches(in: Array(text.utf8), kind: kind)
  }

  /// Finds the names in text already folded by ``KeyFolder/fold(_:tracking:)`` (reuse one
  /// fold for several gazetteers).
  public func matches(folded: NormalizedText, kind: MatchKind? = nil) -> [GazetteerMatch] {
    automaton.matches(in: folded.bytes, kind: kind).map { m in
      let r = folded.alignment.inputRange(forOutput: m.start..<m.end)
      return GazetteerMatch(
        start: r.lowerBound, end: r.upperBound,
        entries: automaton.values(ofKey: m.key).map { Int($0) })
    }
  }

  /// A gazetteer with the entries of both (the automaton is rebuilt).
  public func merging(_ other: Gazetteer) throws(WinnowError) -> Gazetteer {
    try Gazetteer(entries: entries + other.entries, matchKind: automaton.matchKind)
  }
}
