import Foundation
import Testing
import Winnow

@testable import WinnowEntities

/// Issue 6: the compiled built-in gazetteer is cached on disk; a cache hit must match
/// exactly as a fresh compile does, and a corrupt, truncated or stale file is compiled
/// again, never trusted or crashed on.
@Suite(.serialized) struct GazetteerCacheTests {
  /// A fresh temporary directory.
  static func temporaryDirectory() -> String {
    let d =
      NSTemporaryDirectory()
      + "winnow-gazetteer-cache-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    try? FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
    return d
  }

  static func summary(_ g: Gazetteer, _ text: String) -> [String] {
    let bytes = Array(text.utf8)
    return g.matches(in: bytes, kind: .allOverlapping).map { m in
      "\(m.start)-\(m.end):"
        + m.entries.map { g.entries[$0].kind + "/" + g.entries[$0].id }.joined(separator: ",")
    }
  }

  static let sampleText =
    "倫敦 and London, 英國 (UK), 臺北 and Paris; ＬＯＮＤＯＮ calling Zu\u{308}rich, 北京欢迎你, New York City."

  @Test(
    "cache directory from the environment",
    arguments: [
      (["WINNOW_CACHE_DIR": "/x/y", "XDG_CACHE_HOME": "/c", "HOME": "/h"], "/x/y"),
      (["WINNOW_CACHE_DIR": "off", "XDG_CACHE_HOME": "/c", "HOME": "/h"], nil),
      (["WINNOW_CACHE_DIR": "OFF"], nil),
      (["WINNOW_CACHE_DIR": ""], nil),
      (["XDG_CACHE_HOME": "/c", "HOME": "/h"], "/c/winnow"),
      (["XDG_CACHE_HOME": "relative", "HOME": "/h"], "/h/.cache/winnow"),
      (["HOME": "/h"], "/h/.cache/winnow"),
      ([:], nil),
    ] as [([String: String], String?)])
  func directory(_ environment: [String: String], _ expected: String?) {
    #expect(GazetteerCache.directory(environment: environment) == expected)
  }

  /// The full built-in gazetteer: compiled and saved, then loaded; the loaded one finds
  /// the same entries (with aliases) on the sample page as a compile without cache.
  @Test func hitMatchesFreshCompile() throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let locales = ["en", "zh_Hans", "zh_Hant"]
    let fresh = try GazetteerCache.builtIn(
      icu: true, locales: locales, shipped: true, directory: nil)
    #expect(fresh.outcome == .compiled)
    let first = try GazetteerCache.builtIn(
      icu: true, locales: locales, shipped: true, directory: dir)
    #expect(first.outcome == .compiledAndSaved)
    let second = try GazetteerCache.builtIn(
      icu: true, locales: locales, shipped: true, directory: dir)
    #expect(second.outcome == .loaded)
    let page = try String(
      contentsOf: packageRoot().appendingPathComponent(
        "Corpora/pages/cgtn-coalition-2025-03-20.txt"), encoding: .utf8)
    for text in [Self.sampleText, page] {
      let expected = Self.summary(fresh.gazetteer, text)
      #expect(!expected.isEmpty)
      #expect(Self.summary(second.gazetteer, text) == expected)
    }
    #expect(second.gazetteer.entries == fresh.gazetteer.entries)
    #expect(second.gazetteer.automaton.keyCount == fresh.gazetteer.automaton.keyCount)
  }

  /// Ways a cache file goes bad; each must be compiled again (and the file replaced).
  enum Damage: String, CaseIterable, CustomTestStringConvertible {
    case truncated, flippedByte, empty, garbage, otherKey, otherVersion
    var testDescription: String { rawValue }

    func apply(_ bytes: [UInt8]) -> [UInt8] {
      switch self {
      case .truncated: return Array(bytes.prefix(bytes.count / 2))
      case .flippedByte:
        var b = bytes
        b[b.count / 2] ^= 0x5A
        return b
      case .empty: return []
      case .garbage: return Array(repeating: 0xFF, count: 4096)
      case .otherKey:
        // A well-formed file (its checksum recomputed) for another configuration.
        var b = bytes
        if let i = b.firstIndex(of: UInt8(ascii: "|")) { b[i + 1] ^= 0x01 }
        return Self.resum(b)
      case .otherVersion:
        var b = bytes
        b[4] &+= 1
        return Self.resum(b)
      }
    }

    /// Recomputes the trailing checksum, as the cache writes it (see `GazetteerCache`).
    static func resum(_ bytes: [UInt8]) -> [UInt8] {
      guard bytes.count >= 8 else { return bytes }
      var body = Array(bytes.dropLast(8))
      withUnsafeBytes(of: GazetteerCache.fingerprint(body).littleEndian) {
        body.append(contentsOf: $0)
      }
      return body
    }
  }

  @Test(arguments: Damage.allCases)
  func damagedFileIsRebuilt(_ damage: Damage) throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // ICU names only: quick to compile.
    let first = try GazetteerCache.builtIn(
      icu: true, locales: ["en", "zh_Hans"], shipped: false, directory: dir)
    #expect(first.outcome == .compiledAndSaved)
    let path = try GazetteerCache.path(
      icu: true, locales: ["en", "zh_Hans"], shipped: false, directory: dir)
    let good = try #require(FileManager.default.contents(atPath: path))
    try Data(damage.apply([UInt8](good))).write(to: URL(fileURLWithPath: path))
    let again = try GazetteerCache.builtIn(
      icu: true, locales: ["en", "zh_Hans"], shipped: false, directory: dir)
    #expect(again.outcome == .compiledAndSaved)
    #expect(
      Self.summary(again.gazetteer, Self.sampleText)
        == Self.summary(first.gazetteer, Self.sampleText))
    #expect(FileManager.default.contents(atPath: path) == good)
    #expect(
      try GazetteerCache.builtIn(
        icu: true, locales: ["en", "zh_Hans"], shipped: false, directory: dir
      ).outcome == .loaded)
  }

  /// Another configuration gets another file; an unwritable directory only costs the compile.
  @Test func configurationsAndUnwritableDirectory() throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let a = try GazetteerCache.path(icu: true, locales: ["en"], shipped: false, directory: dir)
    let b = try GazetteerCache.path(icu: true, locales: ["zh_Hans"], shipped: false, directory: dir)
    let c = try GazetteerCache.path(icu: true, locales: ["en"], shipped: true, directory: dir)
    #expect(Set([a, b, c]).count == 3)
    // A regular file where the directory should be.
    let file = dir + "/not-a-directory"
    try Data("x".utf8).write(to: URL(fileURLWithPath: file))
    let r = try GazetteerCache.builtIn(
      icu: true, locales: ["en"], shipped: false, directory: file + "/winnow")
    #expect(r.outcome == .compiled)
    #expect(!Self.summary(r.gazetteer, "London and Paris").isEmpty)
  }

  /// The shipped TSV's part of the cache key is cheap (the compiled-in copy is fingerprinted
  /// in place, once) and still changes with any change of the TSV: one byte anywhere (in
  /// each of the fingerprint's four lanes, the tail words and the tail bytes), words
  /// swapped between lanes, a byte added or removed.
  @Test(
    "a changed TSV gives another cache key",
    arguments: [
      "first byte", "lane 1", "lane 2", "lane 3", "middle", "tail word", "tail byte", "last byte",
      "lanes swapped", "byte appended", "NUL appended", "byte removed",
    ])
  func changedTSVChangesKey(_ change: String) throws {
    let builtIn = Gazetteer.builtInTSV()
    // The in-place key is the key of the copy.
    #expect(Gazetteer.shippedTSVKey(file: nil) == Gazetteer.shippedTSVKey(file: builtIn))
    for original in [builtIn.bytes, Array(builtIn.bytes.prefix(1_003))] {
      var b = original
      let n = b.count
      let tailStart = n - n % 32
      switch change {
      case "first byte": b[0] ^= 1
      case "lane 1": b[8 + 3] ^= 0x80
      case "lane 2": b[16 + 7] ^= 0x01
      case "lane 3": b[24] &+= 1
      case "middle": b[n / 2] ^= 0x20
      case "tail word": b[tailStart] ^= 0x04
      case "tail byte": b[n - n % 8] ^= 0x40
      case "last byte": b[n - 1] ^= 0x10
      case "lanes swapped":
        let first = Array(b[32..<40])
        b[32..<40] = b[40..<48]
        b[40..<48] = ArraySlice(first)
        try #require(b != original)
      case "byte appended": b.append(UInt8(ascii: "\n"))
      case "NUL appended": b.append(0)
      case "byte removed": b.removeLast()
      default: Issue.record("unknown change \(change)")
      }
      #expect(
        Gazetteer.shippedTSVKey(file: (b, "x")) != Gazetteer.shippedTSVKey(file: (original, "x")),
        "\(change), \(n) bytes")
      #expect(
        GazetteerCache.fingerprint(b) != GazetteerCache.fingerprint(original),
        "\(change), \(n) bytes")
    }
  }

  /// A recognizer saves its compiled gazetteer where it is told (the tests tell theirs to
  /// use a temporary folder, never `~/.cache/winnow`).
  @Test func recognizerUsesTheCacheDirectoryItIsGiven() throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let options = EntityOptions(locales: ["en"], shippedGazetteer: false)
    let path = try GazetteerCache.path(icu: true, locales: ["en"], shipped: false, directory: dir)
    #expect(!FileManager.default.fileExists(atPath: path))
    let r = try EntityRecognizer(options: options, cacheDirectory: dir)
    #expect(FileManager.default.fileExists(atPath: path))
    #expect(r.recognize("London").first?.kind == "GPE")
    #expect(
      try GazetteerCache.builtIn(icu: true, locales: ["en"], shipped: false, directory: dir).outcome
        == .loaded)
  }

  /// Saving a compiled gazetteer removes the cache's stale files of the same sources, its
  /// files named before the sources were in the name, and its old temporary files, and
  /// nothing else: not other sources' files, not files of other names or kinds.
  @Test func savePrunesStaleFilesOnly() throws {
    let dir = Self.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let fm = FileManager.default
    let sources = GazetteerCache.sourcesName(icu: true, locales: ["en"], shipped: false)
    let other = GazetteerCache.sourcesName(icu: true, locales: ["zh_Hans"], shipped: false)
    #expect(sources != other)
    let stale = [
      "gazetteer-\(sources)-1234abcd.wngc", "gazetteer-e1d2be3f7b863a52.wngc",
      ".gazetteer-77-12345.tmp",
    ]
    let kept = [
      "gazetteer-\(other)-1234abcd.wngc",  // other sources
      ".gazetteer-78-999.tmp",  // a temporary file being written now
      "gazetteer-\(sources)-1234abcd.wngc.bak", "gazetteer-\(sources)-xyz.wngc",
      "my-gazetteer-\(sources)-12.wngc",
      "gazetteer-\(sources)-12-34.wngc", "gazetteer-.wngc", "notes.txt", "Gazetteer-1234.wngc",
    ]
    for name in stale + kept {
      try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/" + name))
    }
    // A directory and a symbolic link with cache names are left alone.
    try fm.createDirectory(
      atPath: dir + "/gazetteer-\(sources)-abc.wngc", withIntermediateDirectories: false)
    try fm.createSymbolicLink(
      atPath: dir + "/gazetteer-\(sources)-def.wngc", withDestinationPath: dir + "/notes.txt")
    let hourAgo = Date(timeIntervalSinceNow: -3700)
    try fm.setAttributes(
      [.modificationDate: hourAgo], ofItemAtPath: dir + "/.gazetteer-77-12345.tmp")

    let r = try GazetteerCache.builtIn(icu: true, locales: ["en"], shipped: false, directory: dir)
    #expect(r.outcome == .compiledAndSaved)
    let path = try GazetteerCache.path(icu: true, locales: ["en"], shipped: false, directory: dir)
    let left = Set(try fm.contentsOfDirectory(atPath: dir))
    let expected = Set(
      kept + [
        String(path.split(separator: "/").last ?? ""), "gazetteer-\(sources)-abc.wngc",
        "gazetteer-\(sources)-def.wngc",
      ])
    #expect(left == expected)
    #expect(
      try GazetteerCache.builtIn(icu: true, locales: ["en"], shipped: false, directory: dir).outcome
        == .loaded)
  }

  @Test(
    "the cache's own file names",
    arguments: [
      (
        "gazetteer-0123456789abcdef-fedcba9876543210.wngc",
        GazetteerCache.CacheFileName.current(sources: "0123456789abcdef")
      ),
      ("gazetteer-a-b.wngc", .current(sources: "a")),
      ("gazetteer-e1d2be3f7b863a52.wngc", .unsourced),
      (".gazetteer-123-18446744073709551615.tmp", .temporary),
      ("gazetteer-0123456789abcdef0-1.wngc", nil),  // 17 hex digits
      ("gazetteer-A-1.wngc", nil),
      ("gazetteer--1.wngc", nil),
      ("gazetteer-1-.wngc", nil),
      ("gazetteer-1.wngcx", nil),
      (".gazetteer-12.tmp", nil),
      (".gazetteer-a-1.tmp", nil),
      ("gazetteer.tsv", nil),
    ] as [(String, GazetteerCache.CacheFileName?)])
  func cacheFileNames(_ name: String, _ expected: GazetteerCache.CacheFileName?) {
    #expect(GazetteerCache.cacheFileName(name) == expected)
  }

  /// The shipped TSV is compiled in (nothing to find beside a copied binary);
  /// `WINNOW_DATA_DIR` replaces it, and an unreadable one is an error naming the path.
  @Test func shippedTSVSource() throws {
    #expect(Gazetteer.shippedTSVSource(environment: [:]) == nil)
    let builtIn = try Gazetteer.shippedTSV(environment: [:])
    #expect(builtIn.bytes.count > 1_000_000)
    #expect(builtIn.path == "<built-in gazetteer.tsv>")
    #expect(
      Gazetteer.shippedTSVSource(environment: ["WINNOW_DATA_DIR": "/nonexistent/data"])
        == "/nonexistent/data/gazetteer.tsv")
    do {
      _ = try Gazetteer.shippedTSV(environment: ["WINNOW_DATA_DIR": "/nonexistent/data"])
      Issue.record("an unreadable WINNOW_DATA_DIR gazetteer must throw")
    } catch {
      #expect(error.message.contains("/nonexistent/data/gazetteer.tsv"))
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "winnow-data-\(getpid())"
    ).path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try Data("Zzyzxville\tGPE\tX1\t\n".utf8).write(to: URL(fileURLWithPath: dir + "/gazetteer.tsv"))
    let replaced = try Gazetteer.shippedTSV(environment: ["WINNOW_DATA_DIR": dir])
    #expect(replaced.bytes.count < 100)
  }
}
