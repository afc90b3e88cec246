import CWinnowData
import Foundation
import Winnow

extension Gazetteer {
  /// Entries for CLDR regions and time-zone exemplar cities, asked from ICU at run time.
  ///
  /// Territories become `GPE` entries with their ISO 3166-1 code as id; continents and
  /// subcontinents `LOC` entries with their UN M.49 code; exemplar cities `GPE` entries
  /// with their zone id. Names are those of every locale in `locales`; a name with a
  /// parenthesised variant (`Myanmar (Burma)`) gives both.
  /// - Parameter locales: display locales (default English, Simplified and Traditional Chinese).
  /// - Returns: the entries (about 290 regions and 430 cities).
  /// - Throws: `WinnowError` when ICU's locale data cannot be loaded.
  ///
  /// ```swift
  /// let g = try Gazetteer(entries: Gazetteer.icuEntries())
  /// g.matches(in: "英國與法国").count   // 2
  /// ```
  public static func icuEntries(locales: [String] = ["en", "zh_Hans", "zh_Hant"])
    throws(WinnowError) -> [GazetteerEntry]
  {
    do {
      var out: [GazetteerEntry] = []
      func names(_ code: String) throws(ICUError) -> [String] {
        var result: [String] = []
        for l in locales {
          let n = try LocaleDisplayNames.regionName(code, locale: l)
          guard n != code else { continue }
          for part in n.split(separator: "(").map({
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " )"))
          }) where !part.isEmpty && !result.contains(part) {
            result.append(part)
          }
        }
        return result
      }
      for code in try LocaleDisplayNames.regionCodes(.territory)
      where !["EU", "EZ", "UN", "QO", "ZZ"].contains(code) {
        let n = try names(code)
        if let first = n.first {
          out.append(
            GazetteerEntry(name: first, kind: "GPE", id: code, aliases: Array(n.dropFirst())))
        }
      }
      for type in [LocaleDisplayNames.RegionType.continent, .subcontinent] {
        for code in try LocaleDisplayNames.regionCodes(type) {
          let n = try names(code)
          if let first = n.first {
            out.append(
              GazetteerEntry(name: first, kind: "LOC", id: code, aliases: Array(n.dropFirst())))
          }
        }
      }
      for zone in try LocaleDisplayNames.zoneIDs() {
        var n: [String] = []
        for l in locales {
          if let c = try LocaleDisplayNames.exemplarCity(zone: zone, locale: l), !n.contains(c) {
            n.append(c)
          }
        }
        if let first = n.first {
          out.append(
            GazetteerEntry(name: first, kind: "GPE", id: zone, aliases: Array(n.dropFirst())))
        }
      }
      return out
    } catch {
      throw WinnowError(error, "cannot read CLDR region and zone names from ICU")
    }
  }

  /// The built-in gazetteer — CLDR names from ICU (``icuEntries(locales:)``) and/or the
  /// shipped entries (``shippedEntries()``) — compiled once per process and shared: every
  /// ``EntityRecognizer`` and `entities` stage with the same choice reuses it.
  ///
  /// Compiled once per machine, too: the compiled gazetteer is saved in the on-disk cache
  /// (``GazetteerCache``: `$WINNOW_CACHE_DIR`, `$XDG_CACHE_HOME/winnow` or
  /// `~/.cache/winnow`) and later processes load it (~0.1 s instead of ~1 s of CPU in a
  /// release build). A missing, stale or corrupt cache file is compiled again; an
  /// unwritable cache directory only costs the compile.
  /// - Parameters:
  ///   - icu: include the ICU names.
  ///   - locales: their locales.
  ///   - shipped: include the shipped entries.
  ///   - cacheDirectory: the on-disk cache (default ``GazetteerCache/directory(environment:)``;
  ///     nil: none).
  /// - Returns: the compiled gazetteer.
  /// - Throws: `WinnowError` when ICU, OpenCC or the shipped resource cannot be loaded
  ///   (not cached: the next call tries again).
  ///
  /// ```swift
  /// let g = try Gazetteer.builtIn()
  /// g.matches(in: "倫敦").first?.entries.count   // ≥ 1
  /// ```
  public static func builtIn(
    icu: Bool = true, locales: [String] = ["en", "zh_Hans", "zh_Hant"], shipped: Bool = true,
    cacheDirectory: String? = GazetteerCache.directory()
  ) throws(WinnowError) -> Gazetteer {
    let memoryKey = "\(icu)|\(locales.joined(separator: ","))|\(shipped)|\(cacheDirectory ?? "-")"
    BuiltInCache.shared.lock.lock()
    defer { BuiltInCache.shared.lock.unlock() }
    if let g = BuiltInCache.shared.compiled[memoryKey] { return g }
    let g = try GazetteerCache.builtIn(
      icu: icu, locales: locales, shipped: shipped, directory: cacheDirectory
    ).gazetteer
    BuiltInCache.shared.compiled[memoryKey] = g
    return g
  }

  /// What the compiled built-in gazetteer depends on (see ``GazetteerCache``).
  /// - Parameters:
  ///   - icu: include ICU's names.
  ///   - locales: their locales.
  ///   - tsv: the shipped TSV's ``shippedTSVKey(file:)`` (nil: not included).
  static func cacheKey(icu: Bool, locales: [String], tsv: String?) throws(WinnowError) -> String {
    // OpenCC's data has no version to ask for: a probe of its t2s conversion stands in.
    let probe = try OpenCCConverter.shared(config: "t2s.json").convert("臺灣發展乾隆後著名麵條")
    var parts = [
      "cache=\(GazetteerCache.formatVersion)",
      "gazetteer=" + String(decoding: Gazetteer.magic, as: UTF8.self),
      "automaton=" + String(decoding: NameAutomaton.magic, as: UTF8.self),
      "icu=\(ICUVersion.icu)/\(ICUVersion.unicode)",
      "opencc=\(probe)",
      "names=" + (icu ? locales.joined(separator: ",") : "-"),
    ]
    parts.append("tsv=" + (tsv ?? "-"))
    return parts.joined(separator: "|")
  }

  /// The shipped gazetteer's entries (`gazetteer.tsv`, generated by
  /// `scripts/gen-gazetteer.sh` from iso-codes, GeoNames, countrynames and WordNet; see
  /// `Sources/CWinnowData/NOTICE.md`): about 120k entries and 216k names. The file is
  /// compiled into the library (``shippedTSVSource``), so a copied binary or `libWinnowC.so`
  /// needs nothing beside it; `$WINNOW_DATA_DIR/gazetteer.tsv`, when set, replaces it.
  /// - Throws: `WinnowError(.cannotOpenInput)` when `$WINNOW_DATA_DIR` is set and its
  ///   `gazetteer.tsv` cannot be read; `WinnowError(.invalidData)` naming the line of a
  ///   malformed row.
  public static func shippedEntries() throws(WinnowError) -> [GazetteerEntry] {
    let tsv = try shippedTSV()
    return try parseTSV(tsv.bytes, path: tsv.path)
  }

  /// Parses TSV bytes; see ``parseTSV(_:path:)``.
  static func parseTSV(_ bytes: [UInt8], path: String) throws(WinnowError) -> [GazetteerEntry] {
    var result: Result<[GazetteerEntry], WinnowError> = .success([])
    bytes.withUnsafeBufferPointer { u in
      result = Result { () throws(WinnowError) in try parseTSV(bytes: u, path: path) }
    }
    return try result.get()
  }

  /// Where the shipped gazetteer's rows come from: `$WINNOW_DATA_DIR/gazetteer.tsv` when
  /// that variable is set (to try a regenerated file without rebuilding), else the copy
  /// compiled into the library (named `<built-in gazetteer.tsv>` in messages).
  /// - Parameter environment: the process environment.
  /// - Returns: the file's path, or nil for the compiled-in copy.
  public static func shippedTSVSource(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> String? {
    guard let d = environment["WINNOW_DATA_DIR"], !d.isEmpty else { return nil }
    return d + "/gazetteer.tsv"
  }

  /// The shipped TSV's bytes and the name messages use for it (see ``shippedTSVSource``).
  static func shippedTSV(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(WinnowError) -> (bytes: [UInt8], path: String)
  {
    try shippedTSVFile(environment: environment) ?? builtInTSV()
  }

  /// The `$WINNOW_DATA_DIR/gazetteer.tsv` that replaces the compiled-in TSV, read; nil
  /// when the variable is not set.
  /// - Throws: `WinnowError(.cannotOpenInput)` when the file cannot be read.
  static func shippedTSVFile(environment: [String: String] = ProcessInfo.processInfo.environment)
    throws(WinnowError) -> (bytes: [UInt8], path: String)?
  {
    guard let path = shippedTSVSource(environment: environment) else { return nil }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw WinnowError(
        .cannotOpenInput,
        "\(path): cannot read the gazetteer named by WINNOW_DATA_DIR; unset it to use the built-in one"
      )
    }
    return ([UInt8](data), path)
  }

  /// A copy of the TSV compiled into the library.
  static func builtInTSV() -> (bytes: [UInt8], path: String) {
    var count = 0
    guard let base = winnow_data_gazetteer_tsv(&count) else {
      return ([], "<built-in gazetteer.tsv>")
    }
    return (Array(UnsafeBufferPointer(start: base, count: count)), "<built-in gazetteer.tsv>")
  }

  /// The shipped TSV's part of the cache key: `<size>:<fingerprint>` of `file`'s bytes, or
  /// of the compiled-in TSV when `file` is nil (``builtInTSVKey``).
  static func shippedTSVKey(file: (bytes: [UInt8], path: String)?) -> String {
    guard let file else { return builtInTSVKey }
    return "\(file.bytes.count):" + String(GazetteerCache.fingerprint(file.bytes), radix: 16)
  }

  /// The compiled-in TSV's part of the cache key, fingerprinted in place (no copy), once
  /// per process.
  static let builtInTSVKey: String = {
    var count = 0
    guard let base = winnow_data_gazetteer_tsv(&count) else { return "0:-" }
    return "\(count):"
      + String(
        GazetteerCache.fingerprint(UnsafeRawBufferPointer(start: base, count: count)), radix: 16)
  }()
}

/// Compiled built-in gazetteers, by choice of sources and cache (see
/// ``Gazetteer/builtIn(icu:locales:shipped:cacheDirectory:)``).
final class BuiltInCache: @unchecked Sendable {
  static let shared = BuiltInCache()
  /// Guards `compiled`; held while one is built, so it is built once.
  let lock = NSLock()
  var compiled: [String: Gazetteer] = [:]
}
