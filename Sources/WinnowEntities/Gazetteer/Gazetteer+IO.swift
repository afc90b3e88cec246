import FoundationEssentials
import Winnow

extension Gazetteer {
  /// Parses a TSV gazetteer: one entry a line, `name<TAB>kind<TAB>id[<TAB>alias|alias…]`;
  /// blank lines and lines starting with `#` are skipped.
  /// - Parameters:
  ///   - text: the file's text.
  ///   - path: the file name, for errors.
  /// - Returns: the entries.
  /// - Throws: `WinnowError(.invalidData)` naming the line when it has fewer than 3 fields.
  ///
  /// ```swift
  /// try Gazetteer.parseTSV("United Kingdom\tGPE\tGB\tBritain|UK|英国\n")
  /// ```
  public static func parseTSV(_ text: String, path: String = "<tsv>") throws(WinnowError)
    -> [GazetteerEntry]
  {
    var text = text
    var result: Result<[GazetteerEntry], WinnowError> = .success([])
    text.withUTF8 { u in
      result = Result { () throws(WinnowError) in try parseTSV(bytes: u, path: path) }
    }
    return try result.get()
  }

  /// Parses TSV bytes, scanning them (not `Character`s): fields split at tabs, aliases at `|`.
  static func parseTSV(bytes u: UnsafeBufferPointer<UInt8>, path: String) throws(WinnowError)
    -> [GazetteerEntry]
  {
    var out: [GazetteerEntry] = []
    var lineNumber = 0
    var start = 0
    func string(_ r: Range<Int>) -> String {
      String(decoding: UnsafeBufferPointer(rebasing: u[r]), as: UTF8.self)
    }
    while start < u.count {
      lineNumber += 1
      var end = start
      while end < u.count && u[end] != 0x0A { end += 1 }
      let next = end + 1
      if end > start && u[end - 1] == 0x0D { end -= 1 }
      defer { start = next }
      if end == start || u[start] == UInt8(ascii: "#") { continue }
      var fields: [Range<Int>] = []
      var f = start
      for i in start..<end where u[i] == 0x09 {
        fields.append(f..<i)
        f = i + 1
      }
      fields.append(f..<end)
      guard fields.count >= 3, !fields[0].isEmpty else {
        throw WinnowError(
          .invalidData,
          "\(path):\(lineNumber): a gazetteer line needs name<TAB>kind<TAB>id[<TAB>aliases]",
          path: path, line: lineNumber)
      }
      var aliases: [String] = []
      if fields.count > 3 {
        var a = fields[3].lowerBound
        for i in fields[3] where u[i] == UInt8(ascii: "|") {
          if i > a { aliases.append(string(a..<i)) }
          a = i + 1
        }
        if fields[3].upperBound > a { aliases.append(string(a..<fields[3].upperBound)) }
      }
      out.append(
        GazetteerEntry(
          name: string(fields[0]), kind: string(fields[1]), id: string(fields[2]), aliases: aliases)
      )
    }
    return out
  }

  /// Parses a JSONL gazetteer: one object a line with `name`, `kind`, `id` and optional
  /// `aliases` (an array of strings).
  /// - Throws: `WinnowError(.invalidData)` naming the line of a bad object.
  ///
  /// ```swift
  /// try Gazetteer.parseJSONL(#"{"name":"Kremlin","kind":"ORG","id":"kremlin","aliases":["the Kremlin"]}"#)
  /// ```
  public static func parseJSONL(_ text: String, path: String = "<jsonl>") throws(WinnowError)
    -> [GazetteerEntry]
  {
    struct Row: Decodable {
      var name: String
      var kind: String
      var id: String?
      var aliases: [String]?
    }
    var out: [GazetteerEntry] = []
    var lineNumber = 0
    let decoder = JSONDecoder()
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.allSatisfy({ $0 == " " || $0 == "\r" || $0 == "\t" }) { continue }
      do {
        let r = try decoder.decode(Row.self, from: Data(line.utf8))
        out.append(
          GazetteerEntry(name: r.name, kind: r.kind, id: r.id ?? r.name, aliases: r.aliases ?? []))
      } catch {
        throw WinnowError(
          .invalidData,
          "\(path):\(lineNumber): a gazetteer object needs \"name\" and \"kind\" (and optional \"id\", \"aliases\")",
          path: path, line: lineNumber, cause: "\(error)")
      }
    }
    return out
  }

  /// Loads a gazetteer file: `.jsonl`/`.json` as JSONL, `.wngz` as a compiled gazetteer,
  /// anything else as TSV.
  /// - Parameter path: the file.
  /// - Returns: the compiled gazetteer.
  /// - Throws: `WinnowError(.cannotOpenInput)` if it cannot be read, `.invalidData` if it
  ///   does not parse.
  public static func load(path: String) throws(WinnowError) -> Gazetteer {
    let data: Data
    do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
      throw WinnowError(
        .cannotOpenInput, "\(path): cannot read the gazetteer", path: path, cause: "\(error)")
    }
    if path.hasSuffix(".wngz") { return try Gazetteer(serialized: [UInt8](data)) }
    let text = String(decoding: data, as: UTF8.self)
    if path.hasSuffix(".jsonl") || path.hasSuffix(".json") {
      return try Gazetteer(entries: parseJSONL(text, path: path))
    }
    return try Gazetteer(entries: parseTSV(text, path: path))
  }

  static let magic: [UInt8] = Array("WNGZ0001".utf8)

  /// The compiled gazetteer as bytes (entries without aliases, then the automaton); load it
  /// with ``init(serialized:)`` instead of compiling again.
  public func serialized() -> [UInt8] {
    var w = ByteWriter()
    w.bytes.append(contentsOf: Gazetteer.magic)
    w.u32(UInt32(entries.count))
    for e in entries {
      w.string(e.name)
      w.string(e.kind)
      w.string(e.id)
    }
    w.bytes(automaton.serialized())
    return w.bytes
  }

  /// Loads a gazetteer saved by ``serialized()``.
  /// - Throws: `WinnowError(.invalidData)` for a truncated or foreign file.
  public init(serialized bytes: [UInt8]) throws(WinnowError) {
    guard bytes.count >= 8, Array(bytes[0..<8]) == Gazetteer.magic else {
      throw WinnowError(
        .invalidData, "not a compiled Winnow gazetteer (bad magic); compile it again")
    }
    var r = ByteReader(bytes: bytes)
    r.pos = 8
    let n = Int(try r.u32())
    guard n <= bytes.count else { throw ByteReader.truncated() }
    var entries: [GazetteerEntry] = []
    entries.reserveCapacity(n)
    for _ in 0..<n {
      let name = try r.string(), kind = try r.string(), id = try r.string()
      entries.append(GazetteerEntry(name: name, kind: kind, id: id))
    }
    let automaton = try NameAutomaton(serialized: try r.byteArray())
    guard automaton.values.allSatisfy({ Int($0) < n }) else {
      throw WinnowError(
        .invalidData, "compiled gazetteer refers to missing entries; compile it again")
    }
    try self.init(entries: entries, automaton: automaton)
  }
}
