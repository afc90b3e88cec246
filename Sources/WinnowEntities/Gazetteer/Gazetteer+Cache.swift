import Foundation
import Winnow

/// The on-disk cache of the compiled built-in gazetteer (issue 6).
///
/// Compiling the built-in gazetteer (ICU's CLDR names and the shipped `gazetteer.tsv`,
/// ~196k keys) costs about a second of CPU in a release build and several in a debug
/// build; loading it compiled costs about a tenth of that. So the first process compiles
/// it and saves it, and later ones load it.
///
/// - **Where:** `$WINNOW_CACHE_DIR` if set (`off` turns the cache off), else
///   `$XDG_CACHE_HOME/winnow`, else `~/.cache/winnow`.
/// - **Which file:** `gazetteer-<sources>-<hash>.wngc`: `<sources>` is a hash of the sources
///   chosen (ICU names and their locales, shipped entries), `<hash>` a hash of the whole
///   key: the cache format version, the gazetteer and automaton format magics, the ICU
///   version, a probe of OpenCC's `t2s` conversion, the sources and a fingerprint of the
///   shipped TSV's bytes. The file repeats the key, so a stale or foreign file is never
///   used; a change of any part gives another file.
/// - **Pruning:** saving a file removes the other files of the same sources (stale
///   versions: another ICU, TSV or Winnow) and the cache's files from before the
///   sources were in the name (`gazetteer-<hash>.wngc`), plus its own temporary files
///   older than an hour (left by a killed process). Nothing else in the directory is
///   touched: only regular files with exactly those names. A process still reading a
///   removed file keeps its data (unlinking an open file is safe on Linux); one that had
///   not opened it yet compiles and saves again.
/// - **Safety:** written to a temporary file in the same directory and renamed into place
///   (concurrent processes never see half a file); a checksum covers the whole file, and
///   the automaton is validated as it loads. A corrupt, truncated or stale file is
///   compiled again and replaced, never trusted. When the directory cannot be written,
///   the gazetteer is simply compiled in memory, as without a cache.
///
/// ```swift
/// GazetteerCache.directory(environment: ["WINNOW_CACHE_DIR": "/tmp/wc"])  // "/tmp/wc"
/// GazetteerCache.directory(environment: ["WINNOW_CACHE_DIR": "off"])      // nil
/// ```
public enum GazetteerCache {
  /// The version of the cache file's layout (bump it when ``encode(_:key:)`` changes).
  /// 2: the four-lane ``fingerprint(_:)-([UInt8])``.
  static let formatVersion: UInt32 = 2
  static let magic: [UInt8] = Array("WNGC".utf8)

  /// The cache directory for an environment, or nil when the cache is off.
  /// - Parameter environment: the process environment (default: this process's).
  /// - Returns: `WINNOW_CACHE_DIR` (nil if it is `off` or empty), else
  ///   `$XDG_CACHE_HOME/winnow` (an absolute `XDG_CACHE_HOME` only, as the XDG spec says),
  ///   else `$HOME/.cache/winnow`; nil without any of them.
  public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment)
    -> String?
  {
    if let d = environment["WINNOW_CACHE_DIR"] {
      if d.isEmpty || d.lowercased() == "off" { return nil }
      return d
    }
    if let x = environment["XDG_CACHE_HOME"], x.hasPrefix("/") { return x + "/winnow" }
    if let h = environment["HOME"], !h.isEmpty { return h + "/.cache/winnow" }
    return nil
  }

  /// How ``builtIn(icu:locales:shipped:directory:)`` got its gazetteer.
  public enum Outcome: Sendable, Hashable {
    /// Loaded from the cache file.
    case loaded
    /// Compiled (no usable cache file) and saved to the cache.
    case compiledAndSaved
    /// Compiled; not saved (no cache directory, or it cannot be written).
    case compiled
  }

  /// The built-in gazetteer through the disk cache, without the in-process one (for tests
  /// and tools; ``Gazetteer/builtIn(icu:locales:shipped:cacheDirectory:)`` adds the
  /// in-process sharing).
  /// - Parameters:
  ///   - icu: include ICU's CLDR names.
  ///   - locales: their locales.
  ///   - shipped: include the shipped TSV's entries.
  ///   - directory: the cache directory (nil: compile without a cache).
  /// - Returns: the gazetteer and whether it was loaded or compiled.
  /// - Throws: `WinnowError` when ICU, OpenCC or the shipped TSV cannot be loaded; never
  ///   for a bad cache file (that is compiled again).
  ///
  /// ```swift
  /// try GazetteerCache.builtIn(icu: true, locales: ["en"], shipped: false, directory: "/tmp/wc").outcome
  /// // .compiledAndSaved the first time, .loaded after
  /// ```
  public static func builtIn(icu: Bool, locales: [String], shipped: Bool, directory: String?)
    throws(WinnowError) -> (gazetteer: Gazetteer, outcome: Outcome)
  {
    // A `WINNOW_DATA_DIR` file is read once: the key and the compile see the same bytes.
    // The compiled-in copy is not copied for the key, only for a compile.
    let file = shipped ? try Gazetteer.shippedTSVFile() : nil
    let sources = sourcesName(icu: icu, locales: locales, shipped: shipped)
    var key: String? = nil
    if let directory {
      let k = try Gazetteer.cacheKey(
        icu: icu, locales: locales, tsv: shipped ? Gazetteer.shippedTSVKey(file: file) : nil)
      key = k
      if let g = load(directory: directory, sources: sources, key: k) { return (g, .loaded) }
    }
    var entries: [GazetteerEntry] = []
    if icu { entries += try Gazetteer.icuEntries(locales: locales) }
    if shipped {
      let tsv = file ?? Gazetteer.builtInTSV()
      entries += try Gazetteer.parseTSV(tsv.bytes, path: tsv.path)
    }
    let g = try Gazetteer(entries: entries)
    if let directory, let key, save(g, directory: directory, sources: sources, key: key) {
      return (g, .compiledAndSaved)
    }
    return (g, .compiled)
  }

  /// The path of the cache file for a configuration (whether or not it exists).
  /// - Throws: `WinnowError` when OpenCC or the shipped TSV cannot be loaded.
  public static func path(icu: Bool, locales: [String], shipped: Bool, directory: String)
    throws(WinnowError) -> String
  {
    let tsv = shipped ? Gazetteer.shippedTSVKey(file: try Gazetteer.shippedTSVFile()) : nil
    let key = try Gazetteer.cacheKey(icu: icu, locales: locales, tsv: tsv)
    return path(
      directory: directory, sources: sourcesName(icu: icu, locales: locales, shipped: shipped),
      key: key)
  }

  /// The name part for a choice of sources: a hash of the ICU locales (or none) and
  /// whether the shipped entries are in.
  static func sourcesName(icu: Bool, locales: [String], shipped: Bool) -> String {
    let sources = "names=" + (icu ? locales.joined(separator: ",") : "-") + "|shipped=\(shipped)"
    return String(fingerprint(Array(sources.utf8)), radix: 16)
  }

  /// The path of the cache file for `key` (of sources `sources`) in `directory`.
  static func path(directory: String, sources: String, key: String) -> String {
    directory + "/gazetteer-" + sources + "-" + String(fingerprint(Array(key.utf8)), radix: 16)
      + ".wngc"
  }

  /// A 64-bit fingerprint of bytes (not cryptographic: it tells versions apart and catches
  /// corruption), eight bytes at a time in four independent lanes (so the multiplications
  /// overlap: ~4x the speed of one chain; the 4 MB shipped TSV takes well under a
  /// millisecond). Each step is a bijection of its lane's state, so bytes that differ in
  /// one lane (any change within one aligned 8-byte word, for instance) always give
  /// another fingerprint; the length is mixed in first.
  static func fingerprint(_ bytes: [UInt8]) -> UInt64 {
    bytes.withUnsafeBytes { fingerprint($0) }
  }

  /// ``fingerprint(_:)-([UInt8])`` of raw bytes.
  static func fingerprint(_ raw: UnsafeRawBufferPointer) -> UInt64 {
    let prime: UInt64 = 0x0000_0100_0000_01B3
    let n = raw.count
    var a: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(n)
    var b = a ^ 0x9E37_79B9_7F4A_7C15
    var c = a ^ 0xBF58_476D_1CE4_E5B9
    var d = a ^ 0x94D0_49BB_1331_11EB
    var i = 0
    while i + 32 <= n {
      a = (a ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
      b = (b ^ raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) &* prime
      c = (c ^ raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)) &* prime
      d = (d ^ raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)) &* prime
      a ^= a >> 29
      b ^= b >> 29
      c ^= c >> 29
      d ^= d >> 29
      i += 32
    }
    while i + 8 <= n {
      a = (a ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* prime
      a ^= a >> 29
      i += 8
    }
    while i < n {
      a = (a ^ UInt64(raw[i])) &* prime
      i += 1
    }
    var h = a
    for lane in [b, c, d] {
      h = (h &* 0xFF51_AFD7_ED55_8CCD) ^ lane
      h ^= h >> 31
    }
    h ^= h >> 33
    h = h &* 0xC4CE_B9FE_1A85_EC53
    h ^= h >> 33
    return h
  }

  /// The compiled gazetteer as cache file bytes: magic, version, key, entries (with
  /// aliases), the automaton, and a trailing fingerprint of everything before it.
  static func encode(_ g: Gazetteer, key: String) -> [UInt8] {
    var w = ByteWriter()
    w.bytes.append(contentsOf: magic)
    w.u32(formatVersion)
    w.string(key)
    w.u32(UInt32(g.entries.count))
    for e in g.entries {
      w.string(e.name)
      w.string(e.kind)
      w.string(e.id)
      w.u32(UInt32(e.aliases.count))
      for a in e.aliases { w.string(a) }
    }
    w.bytes(g.automaton.serialized())
    let sum = fingerprint(w.bytes)
    withUnsafeBytes(of: sum.littleEndian) { w.bytes.append(contentsOf: $0) }
    return w.bytes
  }

  /// Reads cache file bytes written by ``encode(_:key:)`` for the same key.
  /// - Throws: `WinnowError(.invalidData)` for another key or version, a bad checksum, or
  ///   a truncated or inconsistent file.
  static func decode(_ bytes: inout [UInt8], key: String) throws(WinnowError) -> Gazetteer {
    guard bytes.count >= 16, bytes[0..<4].elementsEqual(magic) else {
      throw WinnowError(.invalidData, "not a Winnow gazetteer cache file (bad magic)")
    }
    let bodyCount = bytes.count - 8
    var stored: UInt64 = 0
    for k in 0..<8 { stored |= UInt64(bytes[bodyCount + k]) << (8 * UInt64(k)) }
    guard
      bytes.withUnsafeBytes({ fingerprint(UnsafeRawBufferPointer(rebasing: $0[0..<bodyCount])) })
        == stored
    else {
      throw WinnowError(.invalidData, "gazetteer cache file is corrupt (checksum mismatch)")
    }
    let (entries, automatonBytes) = try decodeEntries(bytes, key: key)
    // Free the file's bytes before the automaton is unpacked (peak memory).
    bytes = []
    let automaton = try NameAutomaton(serialized: automatonBytes)
    guard automaton.values.allSatisfy({ Int($0) < entries.count }) else {
      throw WinnowError(.invalidData, "gazetteer cache file refers to missing entries")
    }
    return try Gazetteer(entries: entries, automaton: automaton)
  }

  /// The entries and the automaton's bytes of a checksummed cache file. The reader sees the
  /// checksum too; the layout is validated field by field anyway.
  private static func decodeEntries(_ body: [UInt8], key: String) throws(WinnowError) -> (
    [GazetteerEntry], [UInt8]
  ) {
    var r = ByteReader(bytes: body)
    r.pos = 4
    guard try r.u32() == formatVersion, try r.string() == key else {
      throw WinnowError(
        .invalidData, "gazetteer cache file is for another version or configuration")
    }
    let n = Int(try r.u32())
    guard n <= body.count else { throw ByteReader.truncated() }
    var entries: [GazetteerEntry] = []
    entries.reserveCapacity(n)
    for _ in 0..<n {
      let name = try r.string(), kind = try r.string(), id = try r.string()
      let aliasCount = Int(try r.u32())
      guard aliasCount <= body.count - r.pos else { throw ByteReader.truncated() }
      var aliases: [String] = []
      aliases.reserveCapacity(aliasCount)
      for _ in 0..<aliasCount { aliases.append(try r.string()) }
      entries.append(GazetteerEntry(name: name, kind: kind, id: id, aliases: aliases))
    }
    return (entries, try r.byteArray())
  }

  /// Loads the cache file for `key`, or nil when there is none or it cannot be used.
  static func load(directory: String, sources: String, key: String) -> Gazetteer? {
    let file = path(directory: directory, sources: sources, key: key)
    guard var bytes = readFile(file) else { return nil }
    return try? decode(&bytes, key: key)
  }

  /// A whole file's bytes, read straight into an array (no `Data` copy); nil on failure.
  static func readFile(_ path: String) -> [UInt8]? {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_size >= 0, st.st_size < Int(Int32.max) else { return nil }
    let size = Int(st.st_size)
    var ok = true
    let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
      var done = 0
      while done < size, let base = buffer.baseAddress {
        let r = read(fd, base + done, size - done)
        if r < 0 && errno == EINTR { continue }
        if r <= 0 { break }
        done += r
      }
      ok = done == size
      count = done
    }
    return ok ? bytes : nil
  }

  /// Saves `g` for `key` atomically (temporary file, then rename), then prunes the
  /// directory (``prune(directory:keeping:sources:now:)``). Failures are ignored: the cache
  /// is an optimisation.
  /// - Returns: whether the file was written.
  @discardableResult
  static func save(_ g: Gazetteer, directory: String, sources: String, key: String) -> Bool {
    let file = path(directory: directory, sources: sources, key: key)
    let temporary =
      directory
      + "/.gazetteer-\(ProcessInfo.processInfo.processIdentifier)-\(UInt64.random(in: 0...UInt64.max)).tmp"
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
      try Data(encode(g, key: key)).write(to: URL(fileURLWithPath: temporary))
      guard rename(temporary, file) == 0 else {
        try? FileManager.default.removeItem(atPath: temporary)
        return false
      }
      prune(directory: directory, keeping: file, sources: sources)
      return true
    } catch {
      try? FileManager.default.removeItem(atPath: temporary)
      return false
    }
  }

  /// Removes the cache's own stale files from `directory` (see ``GazetteerCache``,
  /// Pruning): `gazetteer-<sources>-<hex>.wngc` other than `keeping`, the older naming
  /// `gazetteer-<hex>.wngc`, and `.gazetteer-<pid>-<n>.tmp` older than an hour. Only
  /// regular files (never a directory or a symbolic link) with exactly those names.
  /// Errors are ignored.
  /// - Returns: the names removed (for tests).
  @discardableResult
  static func prune(directory: String, keeping: String, sources: String, now: Date = Date())
    -> [String]
  {
    let kept = String(keeping.split(separator: "/").last ?? "")
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
      return []
    }
    var removed: [String] = []
    for name in names where name != kept {
      let path = directory + "/" + name
      var st = stat()
      guard lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
      let stale: Bool
      switch cacheFileName(name) {
      case .current(let s): stale = s == sources
      case .unsourced: stale = true
      case .temporary: stale = now.timeIntervalSince1970 - Double(st.st_mtim.tv_sec) > 3600
      case nil: stale = false
      }
      if stale && unlink(path) == 0 { removed.append(name) }
    }
    return removed
  }

  /// The kinds of names the cache gives its files.
  enum CacheFileName: Equatable {
    /// `gazetteer-<sources>-<hex>.wngc`.
    case current(sources: String)
    /// `gazetteer-<hex>.wngc` (before the sources were in the name).
    case unsourced
    /// `.gazetteer-<digits>-<digits>.tmp`.
    case temporary
  }

  /// Which of the cache's names `name` is, or nil for any other name.
  static func cacheFileName(_ name: String) -> CacheFileName? {
    func isHex(_ s: Substring) -> Bool {
      (1...16).contains(s.utf8.count)
        && s.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
    func isDigits(_ s: Substring) -> Bool {
      (1...20).contains(s.utf8.count) && s.utf8.allSatisfy { (0x30...0x39).contains($0) }
    }
    if name.hasPrefix("gazetteer-") && name.hasSuffix(".wngc") {
      let middle = name.dropFirst("gazetteer-".count).dropLast(".wngc".count)
      let parts = middle.split(separator: "-", omittingEmptySubsequences: false)
      if parts.count == 1, isHex(parts[0]) { return .unsourced }
      if parts.count == 2, isHex(parts[0]), isHex(parts[1]) {
        return .current(sources: String(parts[0]))
      }
      return nil
    }
    if name.hasPrefix(".gazetteer-") && name.hasSuffix(".tmp") {
      let parts = name.dropFirst(".gazetteer-".count).dropLast(".tmp".count).split(
        separator: "-", omittingEmptySubsequences: false)
      if parts.count == 2, isDigits(parts[0]), isDigits(parts[1]) { return .temporary }
    }
    return nil
  }
}
