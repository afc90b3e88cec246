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
/// bytes mixing letters and digits: `429fab868ca8`). The slug is the path segment with
/// the most such words (a file extension such as `.html` cut off, `%`-escapes decoded); it
/// names a title only with at least ``minSlugWords`` of them.
struct URLTitle: Sendable, Equatable {
  /// A word: its lowercased UTF-8 bytes (hashed in one call, not byte by byte).
  struct Word: Hashable, Sendable {
    var bytes: [UInt8]
    init(_ bytes: [UInt8]) { self.bytes = bytes }
    init(_ s: String) { bytes = Array(s.utf8) }
    func hash(into h: inout Hasher) { bytes.withUnsafeBytes { h.combine(bytes: $0) } }
  }

  /// The slug's distinct words.
  let words: Set<Word>
  /// The slug's ASCII and caseless words (those whose bytes a title line holds as they
  /// are, but for ASCII case: `fatality`, `سوريا`, `北京`), longest first; ``mayBeTitle(_:)``
  /// looks for them before a line is split into words.
  let probes: [[UInt8]]
  /// Each probe's Horspool shifts, by lowercased byte.
  let shifts: [[UInt16]]

  /// Fewer slug words name nothing (`/about`, `/products/42`, `/doc/index.html`).
  static let minSlugWords = 3
  /// A title line has at most this many words (stop words and numbers included).
  static let maxTitleWords = 25
  /// A line longer than this many bytes is no title (and is not split into words).
  static let maxTitleBytes = 400
  /// At least this share of a title line's words (without stop words, numbers and single
  /// letters) must be slug words: the line is the headline, not a sentence that happens to
  /// use the slug's words.
  static let minTitleShare = 0.5

  /// The slug's words, or nil when the URL's path has no segment with
  /// ``minSlugWords`` of them.
  init?(url: String) {
    var best: Set<Word> = []
    for segment in Self.pathSegments(Array(url.utf8)) {
      let decoded = Self.percentDecoded(Self.withoutExtension(segment))
      var found: Set<Word> = []
      decoded.withUnsafeBufferPointer { b in
        _ = Self.forEachWord(in: b) { w in
          if Self.isContentWord(w) && !Self.isHashLike(w) { found.insert(Word(w)) }
          return true
        }
      }
      if found.count > best.count { best = found }
    }
    guard best.count >= Self.minSlugWords else { return nil }
    words = best
    probes = best.map(\.bytes).filter(Self.isCaseless)
      .sorted { $0.count != $1.count ? $0.count > $1.count : $0.lexicographicallyPrecedes($1) }
    shifts = probes.map { p in
      var t = [UInt16](repeating: UInt16(p.count), count: 256)
      for (k, b) in p.dropLast().enumerated() { t[Int(b)] = UInt16(p.count - 1 - k) }
      return t
    }
  }

  /// Whether a lowercased word's bytes are the same in every case of it: ASCII, or
  /// non-ASCII letters without case (Arabic, Han), so a title line holds them as they are
  /// (ASCII case folded).
  static func isCaseless(_ w: [UInt8]) -> Bool {
    if w.allSatisfy({ $0 < 0x80 }) { return true }
    let s = String(decoding: w, as: UTF8.self)
    return s.uppercased() == s
  }

  /// Whether `line` (its bytes) holds every probe (``probes``), ASCII case folded: a line
  /// without one is no title (``isTitle(_:)`` would find the word missing; a non-ASCII
  /// letter whose lowercase is ASCII, such as the Kelvin sign, is no ASCII letter here), so
  /// most lines are ruled out by a byte scan.
  func mayBeTitle(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = shifts.first else { return true }
    return first.withUnsafeBufferPointer { mayBeTitle(line, $0) }
  }

  /// ``mayBeTitle(_:)`` with the first probe's shifts at hand (the later probes are looked
  /// for only in the few lines that hold the first).
  @inline(__always)
  func mayBeTitle(_ line: UnsafeBufferPointer<UInt8>, _ firstShifts: UnsafeBufferPointer<UInt16>)
    -> Bool
  {
    guard let first = probes.first else { return true }
    guard Self.contains(line, first, firstShifts) else { return false }
    for k in probes.indices.dropFirst() {
      guard shifts[k].withUnsafeBufferPointer({ Self.contains(line, probes[k], $0) }) else {
        return false
      }
    }
    return true
  }

  /// Whether `hay`, ASCII lowercased, holds `needle` (a probe: lowercase, not empty), by
  /// Horspool's skips (`shifts`: the needle's table).
  static func contains(
    _ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], _ shifts: UnsafeBufferPointer<UInt16>
  ) -> Bool {
    let m = needle.count
    guard m <= hay.count else { return false }
    return needle.withUnsafeBufferPointer { p in
      let last = m - 1
      var i = 0
      while i <= hay.count - m {
        let c = BytePatterns.lower(hay[i + last])
        if c == p[last] {
          var k = last - 1
          while k >= 0 && BytePatterns.lower(hay[i + k]) == p[k] { k -= 1 }
          if k < 0 { return true }
        }
        i += Int(shifts[Int(c)])
      }
      return false
    }
  }

  /// Whether `line` (valid UTF-8) is the title: every slug word is one of its words, it has
  /// at most ``maxTitleWords`` words, and at least ``minTitleShare`` of its content words
  /// are slug words.
  func isTitle(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    guard line.count <= Self.maxTitleBytes else { return false }
    var count = 0
    var content: Set<Word> = []
    let fits = Self.forEachWord(in: line) { w in
      count += 1
      if Self.isContentWord(w) { content.insert(Word(w)) }
      return count <= Self.maxTitleWords
    }
    guard fits, !content.isEmpty, words.isSubset(of: content) else { return false }
    return Double(words.count) >= Self.minTitleShare * Double(content.count)
  }

  /// Whether a word counts: no stop word, number or single letter.
  static func isContentWord(_ w: [UInt8]) -> Bool {
    guard w.count > 1 else { return false }
    // One character of several bytes is a single letter too.
    if w[0] >= 0x80 && scalarLength(w[0]) == w.count { return false }
    return !w.allSatisfy(BytePatterns.isDigit)
      && !(w.count <= maxStopWordBytes && stopWords.contains(Word(w)))
  }

  /// An id rather than a word: eight or more bytes, letters and digits mixed.
  static func isHashLike(_ w: [UInt8]) -> Bool {
    w.count >= 8 && w.contains(where: BytePatterns.isDigit)
      && w.contains { !BytePatterns.isDigit($0) }
  }

  /// Calls `body` with each word of `text` (UTF-8; an ill-formed byte parts words),
  /// lowercased, until it returns false; returns whether it never did. Words are maximal
  /// runs of letters, digits and marks; ASCII bytes are judged and lowercased by themselves,
  /// other characters by their Unicode properties.
  @discardableResult
  static func forEachWord(in text: UnsafeBufferPointer<UInt8>, _ body: ([UInt8]) -> Bool)
    -> Bool
  {
    var word: [UInt8] = []
    var i = 0
    let n = text.count
    while i < n {
      let b = text[i]
      if b < 0x80 {
        i += 1
        if BytePatterns.isDigit(b) || BytePatterns.isLower(b) {
          word.append(b)
          continue
        }
        if BytePatterns.isUpper(b) {
          word.append(b | 0x20)
          continue
        }
      } else if let (s, length) = decodeScalar(text, at: i) {
        i += length
        if isWordScalar(s) {
          word.append(contentsOf: s.properties.lowercaseMapping.utf8)
          continue
        }
      } else {
        i += 1
      }
      if !word.isEmpty {
        if !body(word) { return false }
        word.removeAll(keepingCapacity: true)
      }
    }
    if !word.isEmpty { return body(word) }
    return true
  }

  /// The bytes of a scalar opened by `lead` (1 for a byte that opens none).
  static func scalarLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0xC2...0xDF: 2
    case 0xE0...0xEF: 3
    case 0xF0...0xF4: 4
    default: 1
    }
  }

  /// The scalar whose UTF-8 starts at `i` and its length, or nil when the bytes there are
  /// no well-formed scalar.
  static func decodeScalar(_ u: UnsafeBufferPointer<UInt8>, at i: Int)
    -> (Unicode.Scalar, Int)?
  {
    let lead = u[i]
    let length = scalarLength(lead)
    guard length > 1, i + length <= u.count else { return nil }
    var value = UInt32(lead) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for k in 1..<length {
      let c = u[i + k]
      guard c & 0xC0 == 0x80 else { return nil }
      value = value << 6 | UInt32(c & 0x3F)
    }
    // Overlong forms and values past U+10FFFF are ill-formed; `Unicode.Scalar` rejects
    // surrogates.
    let least: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
    guard value >= least, value <= 0x10FFFF, let s = Unicode.Scalar(value) else { return nil }
    return (s, length)
  }

  /// Non-ASCII letters, digits and marks make words.
  @inline(__always)
  static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
    switch s.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark:
      return true
    default:
      return false
    }
  }

  /// The path's segments: the URL without scheme, host, query and fragment, split at `/`.
  static func pathSegments(_ url: [UInt8]) -> [ArraySlice<UInt8>] {
    var rest = url[...]
    // The query (`?`) and the fragment (`#`) are no path.
    if let end = rest.firstIndex(where: { $0 == 0x3F || $0 == 0x23 }) { rest = rest[..<end] }
    // After `scheme://`, the host runs to the first `/`.
    if let colon = rest.firstIndex(of: 0x3A), colon > rest.startIndex,
      rest[colon...].starts(with: [0x3A, 0x2F, 0x2F]), rest[..<colon].allSatisfy(Self.isSchemeByte)
    {
      rest = rest[(colon + 3)...]
      guard let slash = rest.firstIndex(of: 0x2F) else { return [] }
      rest = rest[slash...]
    }
    return rest.split(separator: 0x2F)
  }

  /// A byte of a URL scheme (RFC 3986: letters, digits, `+`, `-`, `.`).
  static func isSchemeByte(_ b: UInt8) -> Bool {
    return BytePatterns.isAlphanumeric(b) || b == 0x2B || b == 0x2D
      || b == 0x2E
  }

  /// File extensions that are no part of a slug.
  static let extensions: Set<Word> = Set(
    ["html", "htm", "shtml", "xhtml", "php", "asp", "aspx", "jsp", "cms", "ece"].map(Word.init))

  /// `segment` without a file extension (`…-reported.html` → `…-reported`).
  static func withoutExtension(_ segment: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    guard let dot = segment.lastIndex(of: 0x2E) else { return segment }
    let ext = segment[(dot + 1)...].map(BytePatterns.lower)
    return extensions.contains(Word(ext)) ? segment[..<dot] : segment
  }

  /// `%`-escapes decoded (`+` stays a separator).
  static func percentDecoded(_ s: ArraySlice<UInt8>) -> [UInt8] {
    guard s.contains(0x25) else { return Array(s) }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(s.count)
    var i = s.startIndex
    while i < s.endIndex {
      if s[i] == 0x25, i + 2 < s.endIndex, let hi = hexValue(s[i + 1]), let lo = hexValue(s[i + 2])
      {
        bytes.append(hi << 4 | lo)
        i += 3
      } else {
        bytes.append(s[i])
        i += 1
      }
    }
    return bytes
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
  static let stopWords: Set<Word> = Set(
    """
    a an the of to in on for and or is are was were be by with at from as it its this that into \
    www com html htm index amp \
    de la le les des du et en un une au aux sur pour par que qui dans \
    el los las del y con por para al lo una \
    der die das und den dem ein eine im mit von zu für \
    il di e da per dei delle della \
    o os do dos em um uma no na
    """.split(separator: " ").map { Word(String($0)) })

  /// The longest stop word's bytes (longer words are not looked up).
  static let maxStopWordBytes = stopWords.map(\.bytes.count).max() ?? 0
}

extension BoilerplateClassifier {
  /// The title its URL names and what lies above it (`title`, `above-title`; see
  /// ``BoilerplateOptions/dropAboveURLTitle``): the first line that is the title
  /// (``URLTitle/isTitle(_:)``) starts the article when a kept line follows it, so the kept
  /// lines above it (menus and teasers that read as prose, another story's paragraphs) go
  /// as `above-title`, and the title line itself, if kept, as `title` (the golds of the DEV
  /// set leave the headline out on most pages). Only lines with text are tested, and only
  /// those holding the slug's probe words (``URLTitle/mayBeTitle(_:)``) are split into
  /// words; without a title line nothing changes.
  func aboveURLTitle(
    _ title: URLTitle, _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>],
    _ features: [LineFeatures], _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    // A line shorter than the longest probe cannot hold it.
    let minBytes = title.probes.first?.count ?? 1
    let found: Int? = (title.shifts.first ?? []).withUnsafeBufferPointer { shifts in
      for i in lines.indices
      where lines[i].count >= minBytes && lines[i].count <= URLTitle.maxTitleBytes
        && features[i].characters > 0
      {
        let line = UnsafeBufferPointer(rebasing: u[lines[i]])
        if title.mayBeTitle(line, shifts) && title.isTitle(line) { return i }
      }
      return nil
    }
    guard let a = found, keep[(a + 1)...].contains(true) else { return }
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
