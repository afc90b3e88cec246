/// The title a page's URL names: the words of its slug (`…/michigan-officials-6th-fatality-
/// linked-to-eastern-equine-encephalitis-reported/`), and the test of whether a line of the
/// page is that title.
///
/// A crawled page's URL usually spells its article's headline; on a page of several stories
/// (a section front with the article in the middle, a slideshow, a forum listing) the line
/// that holds every slug word is where the article starts. Text only gives no such signal:
/// it comes from the document's metadata (`url` in JSONL), like the site key.
///
/// Words are maximal runs of letters and digits (Unicode), lowercased; a slug's words leave
/// out stop words (English and the common Western European articles and prepositions, which
/// slugs keep or drop at will), numbers, single letters and hash-like ids (eight or more
/// characters mixing letters and digits: `429fab868ca8`). The slug is the path segment with
/// the most such words (a file extension such as `.html` cut off, `%`-escapes decoded); it
/// names a title only with at least ``minSlugWords`` of them.
struct URLTitle: Sendable, Equatable {
  /// The slug's distinct words.
  let words: Set<String>
  /// The slug's ASCII words as bytes, longest first: a title line holds each of them (as
  /// bytes, ASCII case folded), which ``mayBeTitle(_:)`` checks before any line is tokenized.
  let probes: [[UInt8]]

  /// Fewer slug words name nothing (`/about`, `/products/42`, `/doc/index.html`).
  static let minSlugWords = 3
  /// A title line has at most this many words (stop words and numbers included).
  static let maxTitleWords = 25
  /// A line longer than this many bytes is no title (and is not tokenized).
  static let maxTitleBytes = 400
  /// At least this share of a title line's words (without stop words, numbers and single
  /// letters) must be slug words: the line is the headline, not a sentence that happens to
  /// use the slug's words.
  static let minTitleShare = 0.5

  /// The slug's words, or nil when the URL's path has no segment with
  /// ``minSlugWords`` of them.
  init?(url: String) {
    var best: Set<String> = []
    for segment in Self.pathSegments(url) {
      let decoded = Self.percentDecoded(Self.withoutExtension(segment))
      var found: Set<String> = []
      Self.forEachWord(in: decoded) { w in
        if Self.isContentWord(w) && !Self.isHashLike(w) { found.insert(w) }
        return true
      }
      if found.count > best.count { best = found }
    }
    guard best.count >= Self.minSlugWords else { return nil }
    words = best
    probes = best.filter { $0.utf8.allSatisfy { $0 < 0x80 } }.map { Array($0.utf8) }
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
  }

  /// Whether `line` (its bytes) holds every ASCII slug word, ASCII case folded: a line
  /// without one is no title (``isTitle(_:)`` would find it missing), so most lines are
  /// ruled out by a byte scan.
  func mayBeTitle(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    probes.allSatisfy { Self.contains(line, $0) }
  }

  /// Whether `hay`, ASCII lowercased, holds `needle` (lowercase ASCII, not empty).
  static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
    let m = needle.count
    guard m <= hay.count else { return false }
    let first = needle[0]
    var i = 0
    while i <= hay.count - m {
      if BytePatterns.lower(hay[i]) == first {
        var k = 1
        while k < m && BytePatterns.lower(hay[i + k]) == needle[k] { k += 1 }
        if k == m { return true }
      }
      i += 1
    }
    return false
  }

  /// Whether `line` is the title: every slug word is one of its words, it has at most
  /// ``maxTitleWords`` words, and at least ``minTitleShare`` of its content words are slug
  /// words.
  func isTitle(_ line: Substring) -> Bool {
    guard line.utf8.count <= Self.maxTitleBytes else { return false }
    var count = 0
    var content: Set<String> = []
    let fits = Self.forEachWord(in: line) { w in
      count += 1
      if Self.isContentWord(w) { content.insert(w) }
      return count <= Self.maxTitleWords
    }
    guard fits, !content.isEmpty, words.isSubset(of: content) else { return false }
    return Double(words.count) >= Self.minTitleShare * Double(content.count)
  }

  /// Whether a word counts: no stop word, number or single letter.
  static func isContentWord(_ w: String) -> Bool {
    w.unicodeScalars.count > 1 && !stopWords.contains(w)
      && !w.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
  }

  /// An id rather than a word: eight or more characters, letters and digits mixed.
  static func isHashLike(_ w: String) -> Bool {
    w.unicodeScalars.count >= 8 && w.utf8.contains { $0 >= 0x30 && $0 <= 0x39 }
      && w.utf8.contains { !($0 >= 0x30 && $0 <= 0x39) }
  }

  /// Calls `body` with each word of `text`, lowercased, until it returns false; returns
  /// whether it never did.
  @discardableResult
  static func forEachWord<S: StringProtocol>(in text: S, _ body: (String) -> Bool) -> Bool {
    var word = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      if isWordScalar(s) {
        word.append(s)
      } else if !word.isEmpty {
        let w = String(word).lowercased()
        word = String.UnicodeScalarView()
        if !body(w) { return false }
      }
    }
    if !word.isEmpty { return body(String(word).lowercased()) }
    return true
  }

  /// Letters and digits (and the marks that belong to them) make words.
  @inline(__always)
  static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    if s.isASCII {
      let v = s.value
      return (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A)
    }
    switch s.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark:
      return true
    default:
      return false
    }
  }

  /// The path's segments: the URL without scheme, host, query and fragment, split at `/`.
  static func pathSegments(_ url: String) -> [Substring] {
    var rest = Substring(url)
    if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
    if let scheme = rest.firstRange(of: "://") {
      rest = rest[scheme.upperBound...]
      guard let slash = rest.firstIndex(of: "/") else { return [] }
      rest = rest[slash...]
    }
    return rest.split(separator: "/")
  }

  /// File extensions that are no part of a slug.
  static let extensions: Set<Substring> = [
    "html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "cms", "ece",
  ]

  /// `segment` without a file extension (`…-reported.html` → `…-reported`).
  static func withoutExtension(_ segment: Substring) -> Substring {
    guard let dot = segment.lastIndex(of: ".") else { return segment }
    let ext = segment[segment.index(after: dot)...].lowercased()
    return extensions.contains(Substring(ext)) ? segment[..<dot] : segment
  }

  /// `%`-escapes decoded as UTF-8 (an ill-formed sequence becomes U+FFFD); `+` stays a
  /// separator.
  static func percentDecoded(_ s: Substring) -> String {
    guard s.utf8.contains(0x25) else { return String(s) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(s.utf8.count)
    var it = Array(s.utf8)[...]
    while let b = it.popFirst() {
      if b == 0x25, it.count >= 2, let hi = hexValue(it[it.startIndex]),
        let lo = hexValue(it[it.startIndex + 1])
      {
        bytes.append(hi << 4 | lo)
        it = it.dropFirst(2)
      } else {
        bytes.append(b)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  static func hexValue(_ b: UInt8) -> UInt8? {
    switch b {
    case 0x30...0x39: b - 0x30
    case 0x41...0x46: b - 0x41 + 10
    case 0x61...0x66: b - 0x61 + 10
    default: nil
    }
  }

  /// Words a slug may keep or drop: English, French, Spanish, German, Italian and
  /// Portuguese articles, prepositions and conjunctions, and URL words (`www`, `index`).
  static let stopWords: Set<String> = Set(
    """
    a an the of to in on for and or is are was were be by with at from as it its this that into \
    www com html htm index amp \
    de la le les des du et en un une au aux sur pour par que qui dans \
    el los las del y con por para al lo una \
    der die das und den dem ein eine im mit von zu für \
    il di e da per dei delle della \
    o os do dos em um uma no na
    """.split(separator: " ").map(String.init))
}

extension BoilerplateClassifier {
  /// The title its URL names and what lies above it (`title`, `above-title`; see
  /// ``BoilerplateOptions/dropAboveURLTitle``): the first line that is the title
  /// (``URLTitle/isTitle(_:)``) starts the article when a kept line follows it, so the kept
  /// lines above it (menus and teasers that read as prose, another story's paragraphs) go
  /// as `above-title`, and the title line itself, if kept, as `title` (the golds of the DEV
  /// set leave the headline out on most pages). Only lines with text are tested, and only
  /// those holding the slug's ASCII words (``URLTitle/mayBeTitle(_:)``) are tokenized;
  /// without a title line nothing changes.
  func aboveURLTitle(
    _ title: URLTitle, _ u: UnsafeBufferPointer<UInt8>, _ text: String, _ lines: [Range<Int>],
    _ features: [LineFeatures], _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    guard
      let a = lines.indices.first(where: {
        features[$0].characters > 0 && lines[$0].count <= URLTitle.maxTitleBytes
          && title.mayBeTitle(UnsafeBufferPointer(rebasing: u[lines[$0]]))
          && title.isTitle(Self.substring(text, lines[$0]))
      }),
      keep[(a + 1)...].contains(true)
    else { return }
    for i in 0..<a where keep[i] {
      keep[i] = false
      reasons[i] = .aboveTitle
    }
    if keep[a] {
      keep[a] = false
      reasons[a] = .title
    }
  }
}
