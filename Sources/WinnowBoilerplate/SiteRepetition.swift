import Winnow

/// Lines that recur across many pages of one site, learned in a corpus pass.
///
/// Learn with ``Learner`` (one page at a time), keep the result as JSON (``jsonValue``,
/// ``init(json:)``) to save it to a file and load it later; the classifier drops a page's
/// lines found here as `site-repeated`.
///
/// ```swift
/// var l = SiteRepetition.Learner(minPages: 2)
/// l.observe(lines: ["Home", "Story one."], host: "a.com")
/// l.observe(lines: ["Home", "Story two."], host: "a.com")
/// l.finish().lines(forHost: "a.com")   // ["Home"]
/// ```
public struct SiteRepetition: Sendable, Hashable {
  /// Per host: the pages seen and the repeated lines (trimmed).
  public var sites: [String: Site]

  /// One site's learned lines.
  public struct Site: Sendable, Hashable {
    /// Pages of this site seen in the corpus pass.
    public var pages: Int
    /// Lines found on at least the minimum number of its pages.
    public var lines: Set<String>
    /// Creates a site entry.
    public init(pages: Int, lines: Set<String>) {
      self.pages = pages
      self.lines = lines
    }
  }

  /// Creates a model.
  public init(sites: [String: Site] = [:]) { self.sites = sites }

  /// The repeated lines of `host`, if any were learned.
  public func lines(forHost host: String) -> Set<String>? {
    guard let s = sites[host], !s.lines.isEmpty else { return nil }
    return s.lines
  }

  /// The state as JSON: `{"version": 1, "sites": {host: {"pages": N, "lines": [...]}}}`,
  /// hosts and lines sorted (stable files).
  public var jsonValue: JSONValue {
    var o = JSONObject()
    for host in sites.keys.sorted() {
      guard let s = sites[host] else { continue }
      o.members.append(.init(key: host, value: .object([
        "pages": .number(JSONNumber(s.pages)), "lines": .array(s.lines.sorted().map { .string($0) }),
      ])))
    }
    return .object(["version": 1, "sites": .object(o)])
  }

  /// Reads the state written by ``jsonValue``.
  /// - Throws: `WinnowError` (`.invalidData`) when the JSON is not such a state.
  public init(json: JSONValue) throws(WinnowError) {
    guard json["version"]?.intValue == 1, let sites = json["sites"]?.objectValue else {
      throw WinnowError(.invalidData, "boilerplate: the corpus state is not a version-1 site-repetition object; learn it again with the corpus pass")
    }
    var out: [String: Site] = [:]
    for m in sites {
      guard let pages = m.value["pages"]?.intValue, let lines = m.value["lines"]?.arrayValue else {
        throw WinnowError(.invalidData, "boilerplate: the corpus state's site '\(m.key)' lacks 'pages' or 'lines'")
      }
      out[m.key] = Site(pages: pages, lines: Set(lines.compactMap(\.stringValue)))
    }
    self.sites = out
  }

  /// Counts, per site, on how many pages each line occurs.
  public struct Learner: Sendable {
    /// A line must be on at least this many pages of its site. Default 3.
    public var minPages: Int
    /// …and on at least this share of the site's pages. Default 0.1.
    public var minShare: Double
    private var pages: [String: Int] = [:]
    /// Per site: pages per line, keyed by a 64-bit hash of the line's bytes (hashing a
    /// `String` normalizes it first, which made the corpus pass the slowest part), and the
    /// line's text for the first page it was seen on.
    private var counts: [String: [UInt64: (pages: Int, text: Substring)]] = [:]

    /// Creates a learner.
    public init(minPages: Int = 3, minShare: Double = 0.1) {
      self.minPages = minPages
      self.minShare = minShare
    }

    /// FNV-1a over the bytes.
    private static func hash(_ line: Substring) -> UInt64 {
      var h: UInt64 = 0xcbf2_9ce4_8422_2325
      for b in line.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
      return h
    }

    /// Looks at one page: each distinct non-empty trimmed line counts once.
    public mutating func observe<S: StringProtocol>(lines: [S], host: String) {
      pages[host, default: 0] += 1
      var seen = Set<UInt64>()
      var site = counts[host] ?? [:]
      counts[host] = nil  // unique storage while it is updated
      for raw in lines {
        var line = Substring(raw)
        while let c = line.unicodeScalars.first, Lexicon.isSpace(c) { line = Substring(line.unicodeScalars.dropFirst()) }
        while let c = line.unicodeScalars.last, Lexicon.isSpace(c) { line = Substring(line.unicodeScalars.dropLast()) }
        let h = Self.hash(line)
        if line.isEmpty || !seen.insert(h).inserted { continue }
        if let e = site[h] {
          site[h] = (e.pages + 1, e.text)
        } else {
          site[h] = (1, Substring(String(line)))  // a copy: the page's text is not kept alive
        }
      }
      counts[host] = site
    }

    /// The learned model.
    public func finish() -> SiteRepetition {
      var sites: [String: Site] = [:]
      for (host, n) in pages {
        let need = max(minPages, Int((minShare * Double(n)).rounded(.up)))
        let lines = (counts[host] ?? [:]).values.filter { $0.pages >= need }.map { String($0.text) }
        sites[host] = Site(pages: n, lines: Set(lines))
      }
      return SiteRepetition(sites: sites)
    }
  }
}
