/// The class a line gets from its own features, before its neighbours are looked at
/// (the jusText scheme).
public enum LineClass: String, Sendable, Hashable, Codable {
  /// Long, prose-like: kept unless a pattern or the corpus says otherwise.
  case good
  /// Prose-like but short, or long without sentence punctuation: kept unless both
  /// neighbours are bad.
  case nearGood = "near-good"
  /// Too short to judge: follows its neighbours.
  case short
  /// Boilerplate by a pattern or its features.
  case bad
}

/// The decision for one line.
public struct LineDecision: Sendable, Hashable {
  /// Whether the line is kept.
  public var keep: Bool
  /// Why (a stable code, e.g. `content`, `cookie-banner`, `short-context`).
  public var reason: BoilerplateReason
  /// The class from the line's own features.
  public var initialClass: LineClass
  /// A content score in 0...1 from the line's features (length, terminal punctuation,
  /// stop-word density); 0 for pattern matches. Informational: the decision comes from the
  /// classes and the context, not from a threshold on this score. With
  /// ``BoilerplateOptions/lineModel``, lines no pattern fixed get the model's probability.
  public var score: Double
  /// A photo credit cut off the end of the line, if any.
  public var credit: CaptionCredit?

  /// Creates a decision.
  public init(
    keep: Bool, reason: BoilerplateReason, initialClass: LineClass, score: Double,
    credit: CaptionCredit? = nil
  ) {
    self.keep = keep
    self.reason = reason
    self.initialClass = initialClass
    self.score = score
    self.credit = credit
  }
}

/// Keeps the main text of a page and drops the boilerplate, one decision per line.
///
/// The input is the page's text with one block per line, as a browser's "select all, copy"
/// or an HTML-to-text dump gives it. Each line is measured (``LineFeatures``) and matched
/// against the pattern families (cookie banners, language pickers, licence lines, …); lines
/// are classed good / near-good / short / bad; runs of headline-like lines become
/// `related-links`; then short and near-good lines are re-classed by their neighbours, so a
/// short line inside the article stays and a short line among menus goes. Lines learned as
/// repeating across a site (``SiteRepetition``) are dropped as `site-repeated`.
///
/// ```swift
/// let c = BoilerplateClassifier()
/// let lines = ["CHOOSE YOUR LANGUAGE", "Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition."]
/// c.classify(lines: lines).map(\.keep)   // [false, true]
/// ```
public struct BoilerplateClassifier: Sendable {
  /// The options.
  public var options: BoilerplateOptions
  /// Lines known to repeat across a site's pages, or nil.
  public var siteRepetition: SiteRepetition? {
    didSet { siteIndex = siteRepetition.map(SiteRepetition.Index.init) }
  }
  /// ``siteRepetition`` indexed by the lines' bytes.
  private var siteIndex: SiteRepetition.Index?

  /// Creates a classifier.
  /// - Parameters:
  ///   - options: the parameters (defaults documented on ``BoilerplateOptions``).
  ///   - siteRepetition: lines learned in a corpus pass, or nil to work on single pages.
  public init(
    options: BoilerplateOptions = BoilerplateOptions(), siteRepetition: SiteRepetition? = nil
  ) {
    self.options = options
    self.siteRepetition = siteRepetition
    siteIndex = siteRepetition.map(SiteRepetition.Index.init)
  }

  /// Decides every line of a page.
  ///
  /// - Parameters:
  ///   - lines: the page's lines, without terminators.
  ///   - host: the page's site (for `site-repeated`), if known.
  ///   - url: the page's URL (for `title` and `above-title`, see
  ///     ``BoilerplateOptions/dropAboveURLTitle``), if known.
  /// - Returns: one decision per line, in order.
  public func classify<S: StringProtocol>(lines: [S], host: String? = nil, url: String? = nil)
    -> [LineDecision]
  {
    // One contiguous copy of the page; the lines become byte ranges of it.
    var joined = ""
    joined.reserveCapacity(lines.reduce(0) { $0 + $1.utf8.count + 1 })
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(lines.count)
    var at = 0
    for l in lines {
      joined += l
      joined += "\n"
      let c = l.utf8.count
      ranges.append(at..<(at + c))
      at += c + 1
    }
    let text = joined
    return joined.withUTF8 {
      classify(utf8: $0, lines: ranges, text: text, host: host, url: url)
    }
  }

  /// ``classify(lines:host:url:)`` on a page given as its UTF-8 bytes and line ranges.
  ///
  /// - Parameters:
  ///   - utf8: the page's bytes (valid UTF-8, the bytes of `text`).
  ///   - lines: the lines' byte ranges in `utf8`, without terminators, in order.
  ///   - text: the page as a string (for the captions and credits of the decisions).
  ///   - host: the page's site, if known.
  ///   - url: the page's URL, if known.
  func classify(
    utf8 u: UnsafeBufferPointer<UInt8>, lines: [Range<Int>], text: String, host: String?,
    url: String? = nil
  ) -> [LineDecision] {
    let d = decide(utf8: u, lines: lines, text: text, host: host, url: url, scoring: true)
    var out: [LineDecision] = []
    out.reserveCapacity(lines.count)
    var next = 0
    for k in 0..<lines.count {
      var credit: CaptionCredit? = nil
      if next < d.credits.count && d.credits[next].line == k {
        credit = d.credits[next].credit
        next += 1
      }
      out.append(
        LineDecision(
          keep: d.keep[k], reason: d.reasons[k], initialClass: d.classes[k], score: d.scores[k],
          credit: credit))
    }
    return out
  }

  /// A page's decisions in columns, one entry per line (``classify(utf8:lines:text:host:url:)``
  /// makes a ``LineDecision`` of each line's entries; the stage reads the columns and makes
  /// none).
  struct PageDecisions {
    /// ``LineDecision/keep``.
    var keep: [Bool]
    /// ``LineDecision/reason``.
    var reasons: [BoilerplateReason]
    /// ``LineDecision/initialClass``.
    var classes: [LineClass]
    /// ``LineDecision/score``; empty unless asked for (`scoring`) or the line model ran.
    var scores: [Double]
    /// The lines with a photo credit (``LineDecision/credit``), in line order.
    var credits: [(line: Int, credit: CaptionCredit)]
  }

  /// The decisions of ``classify(utf8:lines:text:host:url:)`` in columns.
  ///
  /// With ``BoilerplateOptions/skipBlankLines``, a page with blank lines is decided without
  /// them; with ``BoilerplateOptions/unwrapLines``, a wrapped page is decided again by
  /// paragraph (``HardWrap``); either way the decisions come back one per line.
  ///
  /// - Parameters:
  ///   - scoring: whether to fill ``PageDecisions/scores`` (informational: no decision
  ///     depends on them, but the line model's, which fills them itself).
  ///   - breaks: where a blank line was left out before a line (no wrapped paragraph runs
  ///     across it); nil when none was.
  func decide(
    utf8 u: UnsafeBufferPointer<UInt8>, lines: [Range<Int>], text: String, host: String?,
    url: String? = nil, scoring: Bool, breaks: [Bool]? = nil
  ) -> PageDecisions {
    // (The line model reads and writes the scores.)
    let scoring = scoring || options.lineModel || LineModel.dump != nil
    if options.skipBlankLines, let (filled, breaks) = Self.nonBlankLines(u, lines) {
      // Blank lines are no neighbours: the rules read the page without them (each stays
      // dropped as `empty`).
      var without = self
      without.options.skipBlankLines = false
      let groups = filled.map { $0..<($0 + 1) }
      let kept = filled.map { lines[$0] }
      return without.decide(
        utf8: u, lines: kept, text: text, host: host, url: url, scoring: scoring, breaks: breaks
      ).spread(over: groups, of: kept, lines: lines, scoring: scoring)
    }
    let n = lines.count
    // Reasons fixed by a line's own text (patterns, no text, site repetition); nil elsewhere.
    var fixed = [BoilerplateReason?](repeating: nil, count: n)
    // Related-articles and comment-section headers, copyright and licence lines (the footer):
    // below the main block, the article ends at the first of them.
    var sectionHeader = [Bool](repeating: false, count: n)
    var scores = [Double](repeating: 0, count: scoring ? n : 0)
    // The few lines with a credit (an optional credit per line cost a copy and a destroy
    // through value witnesses per line).
    var credits: [(line: Int, credit: CaptionCredit)] = []
    var trimmedLines = [Range<Int>](repeating: 0..<0, count: n)
    var features = [LineFeatures]()
    features.reserveCapacity(n)
    let siteLines = host.flatMap { siteIndex?.lines(forHost: $0) }
    // The page's bytes with ASCII letters lowered (the patterns read lowered lines).
    let lowered = [UInt8](unsafeUninitializedCapacity: u.count) { buffer, count in
      BytePatterns.lowerASCII(u, into: buffer)
      count = u.count
    }
    let hanWeight = options.hanWeight
    // Whether each line is NFC-inert (from its features' pass; for the site-line lookup).
    var inert = [Bool](repeating: false, count: n)
    // The lines the patterns read.
    var patterned: [Int] = []
    for i in 0..<n {
      var r = Lexicon.trimmedQuickly(u, lines[i])
      if let o = CaptionCredit.offsets(UnsafeBufferPointer(rebasing: u[r])),
        var c = CaptionCredit.make(Self.substring(text, r), o)
      {
        // `offsets` measured the trimmed line; the decision's offset is into the whole line.
        c.cutOffset += r.lowerBound - lines[i].lowerBound
        credits.append((i, c))
        r = r.lowerBound..<(r.lowerBound + o.captionEnd)
      }
      trimmedLines[i] = r
      let f = LineFeatures(
        utf8: UnsafeBufferPointer(rebasing: u[r]), hanWeight: hanWeight, nfcInert: &inert[i])
      features.append(f)
      if scoring { scores[i] = contentScore(f) }
      if f.characters == 0 {
        fixed[i] = .empty
      } else if f.units == 0 {
        fixed[i] = .lowTextDensity
      } else {
        patterned.append(i)
      }
    }
    lowered.withUnsafeBufferPointer { low in
      // The needle scans the patterns read in full, two lines at a time. (The loop below
      // asks the same question of the same lines in the same order: its k-th line scanned
      // in full has the k-th scan.)
      var scannedInFull: [Range<Int>] = []
      scannedInFull.reserveCapacity(patterned.count)
      for i in patterned where LinePatterns.scansInFull(features[i], options) {
        scannedInFull.append(trimmedLines[i])
      }
      let scans = LinePatterns.fullScans(low, scannedInFull)
      var nextScan = 0
      for i in patterned {
        let f = features[i]
        let line = UnsafeBufferPointer(rebasing: u[trimmedLines[i]])
        let lowLine = UnsafeBufferPointer(rebasing: low[trimmedLines[i]])
        var scanned: NeedleScanner.Result? = nil
        if LinePatterns.scansInFull(f, options) {
          scanned = scans[nextScan]
          nextScan += 1
        }
        if let reason = LinePatterns.match(
          lowLine, f, options, scanned: scanned, original: line)
        {
          fixed[i] = reason
          if scoring { scores[i] = 0 }
          // A teaser line longer than `Self.longTeaserLength` (a paragraph cut off with `…`,
          // several sentences long) is a truncated paragraph, not a header: it does not end
          // the article.
          sectionHeader[i] =
            (reason == .relatedLinks && f.effectiveLength <= Self.longTeaserLength)
            || reason == .commentSection
            || reason == .copyright || reason == .licenseRegistration
        } else if let set = siteLines, set.contains(line, nfcInert: inert[i]) {
          fixed[i] = .siteRepeated
        }
        if fixed[i] != nil && !sectionHeader[i] && f.effectiveLength <= 40
          && LinePatterns.isCommentHeader(lowLine)
        {
          sectionHeader[i] = true  // e.g. a header the corpus pass learned as site-repeated
        }
      }
    }
    if options.unwrapLines,
      let groups = HardWrap.groups(
        u, lines, widths: features.lazy.map(HardWrap.width(of:)), breaks: breaks,
        alone: { fixed[$0] == .siteRepeated })
    {
      // A dump wrapped at a fixed width (rare: the work above is done again): each wrapped
      // paragraph is judged as one line, and its lines share the decision.
      var whole = self
      whole.options.unwrapLines = false
      // Each paragraph as one line of `t` (bytes `b`, lines `ls`), its decision spread.
      func judged(_ b: UnsafeBufferPointer<UInt8>, _ t: String, _ ls: [Range<Int>])
        -> PageDecisions
      {
        let paragraphs = groups.map {
          ls[$0.lowerBound].lowerBound..<ls[$0.upperBound - 1].upperBound
        }
        return whole.decide(
          utf8: b, lines: paragraphs, text: t, host: host, url: url, scoring: scoring
        ).spread(over: groups, of: paragraphs, lines: ls, scoring: scoring)
      }
      // A paragraph is read as `clean(_:host:url:)` reads it, its lines without their `\r`
      // (on a `\r\n` page the last line has none): its copies, its length and its words
      // are the same whatever ended its lines.
      guard let (copy, copyLines) = Self.withoutLineCRs(u, lines, groups) else {
        return judged(u, text, lines)
      }
      var buffer = copy
      return buffer.withUTF8 { judged($0, copy, copyLines) }
    }
    if options.dropPageRepeated {
      // Short lines that occur more than once on the page: menus at head and foot.
      var seen: [Substring: Int] = [:]
      var keys = [Substring?](repeating: nil, count: n)
      for i in 0..<n
      where fixed[i] == nil && !isLong(features[i], options.goodLength, options.goodHanCount) {
        let line = Self.substring(text, trimmedLines[i])
        keys[i] = line
        seen[line, default: 0] += 1
      }
      for i in 0..<n { if let k = keys[i], (seen[k] ?? 0) > 1 { fixed[i] = .pageRepeated } }
    }

    if options.gluedTeaserLines > 0 {
      gluedTeasers(u, trimmedLines, features, &fixed)
    }
    // A dense page (many long paragraphs) is judged at a higher good length.
    let (good, nearGood) = options.pageLengths(features, fixed)
    var pass = contextPass(
      features, fixed, good: good, goodHan: options.goodHanCount, nearGood: nearGood)
    if pass.goodCount < options.sparsePageGoodLines {
      // A page of short paragraphs (forum posts, captions, lists): judge it by half lengths.
      let s = options.sparsePageScale
      pass = contextPass(
        features, fixed, good: Int(Double(good) * s),
        goodHan: Int(Double(options.goodHanCount) * s),
        nearGood: Int(Double(nearGood) * s))
    }
    var keep = pass.final.map { $0 == .good }
    var reasons = pass.reasons
    mainBlocks(
      features, pass.classes, fixed, options.endAtSectionHeader ? sectionHeader : nil, &keep,
      &reasons)
    if options.keepInnerGaps {
      innerGaps(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if options.keepListTails {
      listTail(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if options.threadPostShare > 0 {
      threadPosts(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if options.recordListShare > 0 {
      recordLists(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if options.numberedListRows > 0 {
      numberedLists(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if options.teaserListPairs > 0 {
      teaserLists(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if options.endAtEndMarkers {
      endMarkers(u, trimmedLines, features, &keep, &reasons)
    }
    if options.duplicateLineLength > 0 {
      duplicateLines(u, trimmedLines, features, &keep, &reasons)
    }
    if options.dropHeadDatelines {
      headDatelines(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if options.keepInnerClauseLines {
      innerClauseLines(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if options.dropDateMetaLines {
      dateMetaLines(u, trimmedLines, features, &keep, &reasons)
    }
    if options.dropAboveURLTitle, let title = url.flatMap(URLTitle.init(url:)) {
      aboveURLTitle(title, u, trimmedLines, features, &keep, &reasons)
    }
    if !keep.contains(true) {
      // Nothing reads as prose (a table of contents, a list page): keep what no pattern
      // or the corpus dropped, rather than nothing — from the first breadcrumb on when one
      // stands in the page's first half (the menus above it are the site's, not the page's).
      let start = fixed[0..<(n / 2)].firstIndex(of: .breadcrumb).map { $0 + 1 } ?? 0
      for i in start..<n where fixed[i] == nil {
        keep[i] = true
        reasons[i] = .noProse
      }
    }
    if options.lineModel || LineModel.dump != nil {
      LineModel.decide(
        features, fixed, pass.classes, options, apply: options.lineModel, &scores, &keep, &reasons)
    }

    labelLines(u, trimmedLines, features, fixed, &keep, &reasons)
    memberStatLines(u, trimmedLines, features, fixed, &keep, &reasons)
    teaserRuns(u, trimmedLines, features, fixed, &keep, &reasons)
    if options.keepEllipsisLines {
      ellipsisLines(u, trimmedLines, features, fixed, &keep, &reasons)
    }

    if options.keepInnerProse {
      lowered.withUnsafeBufferPointer {
        innerProseLines($0, trimmedLines, features, fixed, &keep, &reasons)
      }
    }
    // A kept line with a credit is a caption (or, without `keepCaptions`, dropped as a photo
    // credit).
    for (k, _) in credits where keep[k] {
      if options.keepCaptions {
        reasons[k] = .caption
      } else {
        keep[k] = false
        reasons[k] = .photoCredit
      }
    }
    return PageDecisions(
      keep: keep, reasons: reasons, classes: pass.classes, scores: scores, credits: credits)
  }

  /// The indices of the lines that are not blank (nothing but spaces), and for each whether
  /// a blank line came before it; nil when no line is blank.
  static func nonBlankLines(_ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>]) -> (
    [Int], [Bool]
  )? {
    // Most lines start with an ASCII graphic or a CJK ideograph's lead byte: not blank,
    // told by their first byte.
    @inline(__always) func blank(_ r: Range<Int>) -> Bool {
      guard let c = r.isEmpty ? nil : u[r.lowerBound] else { return true }
      if c &- 0x21 < 0x5E || c &- 0xE4 < 6 { return false }
      return Lexicon.trimmedQuickly(u, r).isEmpty
    }
    var first = 0
    while first < lines.count && !blank(lines[first]) { first &+= 1 }
    guard first < lines.count else { return nil }
    var filled = Array(0..<first)
    var breaks = [Bool](repeating: false, count: first)
    var blankBefore = false
    for i in first..<lines.count {
      if blank(lines[i]) {
        blankBefore = true
      } else {
        filled.append(i)
        breaks.append(blankBefore)
        blankBefore = false
      }
    }
    return (filled, breaks)
  }

  private func isLong(_ f: LineFeatures, _ good: Int, _ goodHan: Int) -> Bool {
    f.isCJK ? f.han >= goodHan : f.effectiveLength >= Double(good)
  }

  /// Classes from the line features at the given lengths, headline runs, then the context
  /// rules (jusText): short lines follow their neighbours, near-good ones go only between bad ones.
  private func contextPass(
    _ features: [LineFeatures], _ fixed: [BoilerplateReason?], good: Int, goodHan: Int,
    nearGood: Int
  ) -> (classes: [LineClass], final: [LineClass], reasons: [BoilerplateReason], goodCount: Int) {
    let n = features.count
    var classes = [LineClass](repeating: .short, count: n)
    var reasons = [BoilerplateReason](repeating: .context, count: n)
    var goodCount = 0
    var stops = 0
    var units = 0
    if options.goodStopDensity > 0 {
      for f in features {
        stops += f.stopWords + f.functionCharacters
        units += f.units
      }
    }
    let needDensity =
      options.goodStopDensity > 0 && Double(stops) >= 2 * options.goodStopDensity * Double(units)
    for i in 0..<n {
      let f = features[i]
      if let r = fixed[i] {
        classes[i] = .bad
        reasons[i] = r
        continue
      }
      let long = isLong(f, good, goodHan)
      let prose =
        (options.proseClauseMarks > 0 && f.isCJK && f.clausePunctuation >= options.proseClauseMarks
          && f.functionCharacters >= options.proseClauseMarks)
        || (options.longProseLength > 0 && f.effectiveLength >= Double(options.longProseLength)
          && f.stopDensity >= options.longProseStopDensity)
      if long && (f.endsWithTerminal || prose)
        && !(needDensity && f.stopDensity < options.goodStopDensity)
      {
        classes[i] = .good
        reasons[i] = .content
        goodCount += 1
      } else if long || (f.effectiveLength >= Double(nearGood) && f.endsWithTerminal) {
        classes[i] = .nearGood
      }
    }
    // Runs of headline-like lines (no sentence or clause punctuation): link lists.
    var i = 0
    while i < n {
      var j = i
      while j < n && features[j].units > 0 && !features[j].endsWithTerminal
        && (features[j].clausePunctuation == 0
          || features[j].effectiveLength < Double(options.headlineClauseMaxLength))
        && features[j].effectiveLength < Double(options.headlineMaxLength)
      {
        j += 1
      }
      if j - i >= options.headlineRunLength {
        for k in i..<j where classes[k] != .bad {
          if classes[k] == .good { goodCount -= 1 }
          classes[k] = .bad
          reasons[k] = .relatedLinks
        }
      }
      i = max(j, i + 1)
    }
    // Nearest good-or-bad class before/after each line (`strict`, near-good skipped) and
    // nearest good, bad or near-good (`loose`); the page edges count as bad. Two linear
    // sweeps instead of a walk per line.
    var strictBefore = [LineClass](repeating: .bad, count: n)
    var looseBefore = [LineClass](repeating: .bad, count: n)
    var strictAfter = [LineClass](repeating: .bad, count: n)
    var looseAfter = [LineClass](repeating: .bad, count: n)
    var strict = LineClass.bad
    var loose = LineClass.bad
    for k in 0..<n {
      strictBefore[k] = strict
      looseBefore[k] = loose
      switch classes[k] {
      case .good, .bad: strict = classes[k]; loose = classes[k]
      case .nearGood: loose = .nearGood
      case .short: break
      }
    }
    strict = .bad
    loose = .bad
    for k in stride(from: n - 1, through: 0, by: -1) {
      strictAfter[k] = strict
      looseAfter[k] = loose
      switch classes[k] {
      case .good, .bad: strict = classes[k]; loose = classes[k]
      case .nearGood: loose = .nearGood
      case .short: break
      }
    }
    var final = classes
    for k in 0..<n where classes[k] == .short {
      let p = strictBefore[k]
      let q = strictAfter[k]
      if p == .good && q == .good {
        final[k] = .good
      } else if p == .bad && q == .bad {
        final[k] = .bad
      } else if (p == .bad && looseBefore[k] == .nearGood)
        || (q == .bad && looseAfter[k] == .nearGood)
      {
        final[k] = .good
      } else if features[k].endsWithTerminal
        && ((k > 0 && classes[k - 1] == .good) || (k + 1 < n && classes[k + 1] == .good))
      {
        // A short sentence right next to a good paragraph belongs to it.
        final[k] = .good
      } else {
        final[k] = .bad
      }
      reasons[k] = final[k] == .good ? .context : .shortContext
    }
    // Near-good lines per stretch between good or bad lines.
    var runOf = [Int](repeating: 0, count: n)
    if options.nearGoodRun > 0 {
      var start = 0
      var count = 0
      for k in 0...n {
        if k == n || classes[k] == .good || classes[k] == .bad {
          for m in start..<k { runOf[m] = count }
          start = k + 1
          count = 0
        } else if classes[k] == .nearGood {
          count += 1
        }
      }
    }
    for k in 0..<n where classes[k] == .nearGood {
      let isolated = strictBefore[k] == .bad && strictAfter[k] == .bad
      final[k] =
        isolated && !(options.nearGoodRun > 0 && runOf[k] >= options.nearGoodRun) ? .bad : .good
      reasons[k] = final[k] == .good ? .context : .shortContext
    }
    return (classes, final, reasons, goodCount)
  }

  /// The main blocks: kept lines form blocks split by more than ``BoilerplateOptions/blockGap``
  /// dropped lines; a block weighs the text units of its good lines. Blocks lighter than
  /// ``BoilerplateOptions/minBlockShare`` of the heaviest go (`off-main`: teasers, comments,
  /// sidebars); inside the blocks that stay, lines dropped by context or by a headline run
  /// come back (the short lines, list items and subheadings of the article); with
  /// ``BoilerplateOptions/keepTableGaps``, a block below the main one that a table parts from
  /// the kept text stays (``tableGaps(_:_:_:_:_:_:)``). With
  /// `sectionHeader`, the first such header (related articles, comments, copyright or
  /// licence line) below the main block ends the article: kept lines from it on go
  /// (`after-article`). One pass each.
  private func mainBlocks(
    _ features: [LineFeatures], _ classes: [LineClass], _ fixed: [BoilerplateReason?],
    _ sectionHeader: [Bool]?,
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    var blocks: [(start: Int, end: Int, weight: Int, total: Int)] = []
    var gap = 0
    for i in keep.indices {
      if keep[i] {
        if blocks.isEmpty || gap > options.blockGap { blocks.append((i, i, 0, 0)) }
        let b = blocks.count - 1
        blocks[b].end = i
        if classes[i] == .good { blocks[b].weight += features[i].units }
        blocks[b].total += features[i].units
        gap = 0
      } else {
        gap += 1
      }
    }
    guard let heaviest = blocks.map(\.weight).max(),
      let main = blocks.firstIndex(where: { $0.weight == heaviest })
    else { return }
    var dropped = [Bool](repeating: false, count: blocks.count)
    for (index, b) in blocks.enumerated() {
      // Ledes, standfirsts and intros come before the body (a table of contents may sit
      // between); teasers, comments and sidebars mostly after it.
      let share = index < main ? options.minLeadBlockShare : options.minBlockShare
      dropped[index] =
        Double(b.weight) < share * Double(heaviest)
        || (index != main && Double(b.weight) < options.minBlockGoodShare * Double(b.total))
    }
    if options.keepTableGaps {
      tableGaps(fixed, blocks, main, &dropped, &keep, &reasons)
    }
    for (index, b) in blocks.enumerated() {
      if dropped[index] {
        for i in b.start...b.end where keep[i] {
          keep[i] = false
          reasons[i] = .offMain
        }
      } else {
        for i in b.start...b.end where !keep[i] && fixed[i] == nil {
          keep[i] = true
          reasons[i] = .context
        }
      }
    }
    // Related articles, comments and the footer follow the article: nothing after their first
    // header is kept.
    if let headers = sectionHeader,
      let end = headers[(blocks[main].end + 1)...].firstIndex(of: true)
    {
      for i in end..<keep.count where keep[i] {
        keep[i] = false
        reasons[i] = .afterArticle
      }
    }
  }

  /// Keeps the gaps inside the article (`inner-gap`, see ``BoilerplateOptions/keepInnerGaps``):
  /// each run of dropped lines between two kept lines whose lines no pattern dropped, or
  /// hold only numbers and symbols (but one in ``innerGapLinesPerStrayDrop``), none is part
  /// of a headline run and none is a date line (`date-only`, or a date the thread records
  /// know). Runs before the thread posts and record lists (their chrome lines sit between kept
  /// rows). One pass; the date test runs only on the short lines of candidate runs.
  func innerGaps(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let n = keep.count
    guard var start = keep.firstIndex(of: true) else { return }
    while start < n {
      // `start` is kept; the gap is start+1 ..< end, `end` the next kept line.
      var end = start + 1
      var clean = true
      var stray = 0
      while end < n && !keep[end] {
        if let r = fixed[end] {
          if r != .empty && r != .lowTextDensity { stray += 1 }
        } else if reasons[end] == .relatedLinks {
          clean = false  // a headline run: a link list, not the article's
        }
        end += 1
      }
      guard end < n else { return }
      if clean && end > start + 1 && stray <= (end - start - 1) / Self.innerGapLinesPerStrayDrop {
        var dated = false
        for i in (start + 1)..<end where fixed[i] != .empty {
          let c = features[i].characters
          if fixed[i] == .dateOnly
            || (c > 0 && c <= ThreadRecords.maxDateLineCharacters
              && ThreadRecords.hasDate(UnsafeBufferPointer(rebasing: u[lines[i]])))
          {
            dated = true
            break
          }
        }
        if !dated {
          for i in (start + 1)..<end where fixed[i] == nil || fixed[i] == .lowTextDensity {
            keep[i] = true
            reasons[i] = .innerGap
          }
        }
      }
      start = end
    }
  }

  /// Tables that split the article below its main block (`table-gap`, see
  /// ``BoilerplateOptions/keepTableGaps``): walking down from the main block, a block about to
  /// be dropped right after a kept one stays when the gap between them is a table — at most
  /// ``tableGapMaxLines`` lines, none dropped by a pattern other than number-only lines,
  /// dates and bylines, none part of a headline run, and at least ``tableGapNumberShare`` of
  /// its non-empty lines number-only. The gap's lines with text, numbers and dates are kept.
  /// Linear: each gap is looked at once.
  func tableGaps(
    _ fixed: [BoilerplateReason?], _ blocks: [(start: Int, end: Int, weight: Int, total: Int)],
    _ main: Int,
    _ dropped: inout [Bool], _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    guard main + 1 < blocks.count else { return }
    for index in (main + 1)..<blocks.count where dropped[index] && !dropped[index - 1] {
      let gap = (blocks[index - 1].end + 1)..<blocks[index].start
      guard gap.count <= Self.tableGapMaxLines else { continue }
      var lines = 0
      var numbers = 0
      var table = true
      for i in gap where fixed[i] != .empty {
        lines += 1
        switch fixed[i] {
        case nil:
          if reasons[i] == .relatedLinks { table = false }  // a headline run: a link list
        case .lowTextDensity?: numbers += 1
        case .dateOnly?, .byline?: break
        default: table = false
        }
        if !table { break }
      }
      guard table, lines > 0, Double(numbers) >= Self.tableGapNumberShare * Double(lines) else {
        continue
      }
      dropped[index] = false
      for i in gap where fixed[i] == nil || fixed[i] == .lowTextDensity || fixed[i] == .dateOnly {
        keep[i] = true
        reasons[i] = .tableGap
      }
    }
  }

  /// Longest gap ``tableGaps(_:_:_:_:_:_:)`` takes for a table (on DEV: 60 loses the page it
  /// helps, 200 keeps it; no page has a longer table gap).
  static let tableGapMaxLines = 200
  /// Share of a table gap's non-empty lines that must be number-only (on DEV the same from
  /// 0.3 to 0.4; 0.1 lets teaser lists with a date and a count per item in, −0.001).
  static let tableGapNumberShare = 0.3

  /// Lists that run on below the article's last kept line (`list-tail`, see
  /// ``BoilerplateOptions/keepListTails``): when the last ``listTailItems`` non-empty lines
  /// up to the last kept line are list items kept by context (no terminal punctuation), at
  /// least one with a separator, the lines after it up to the first pattern drop (other than
  /// number-only lines) or headline run — at most ``listTailMaxLines`` — are kept when half
  /// of them have the shape of one of those items (``ListShape``). Runs on a handful of lines.
  func listTail(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    guard let last = keep.lastIndex(of: true) else { return }
    var shapes: [ListShape] = []
    var separated = false
    var i = last
    while i >= 0 && shapes.count < Self.listTailItems {
      if fixed[i] == .empty {
        i -= 1
        continue
      }
      guard keep[i], reasons[i] == .context || reasons[i] == .innerGap,
        !features[i].endsWithTerminal
      else { return }
      let s = ListShape(UnsafeBufferPointer(rebasing: u[lines[i]]))
      separated = separated || s.separators != 0
      shapes.append(s)
      i -= 1
    }
    guard shapes.count == Self.listTailItems, separated else { return }
    var run: [Int] = []
    var j = last + 1
    while j < keep.count {
      if fixed[j] == .empty {
        j += 1
        continue
      }
      if let r = fixed[j], r != .lowTextDensity { break }
      if fixed[j] == nil && reasons[j] == .relatedLinks { break }
      run.append(j)
      guard run.count <= Self.listTailMaxLines else { return }
      j += 1
    }
    guard !run.isEmpty else { return }
    var alike = 0
    for k in run where shapes.contains(ListShape(UnsafeBufferPointer(rebasing: u[lines[k]]))) {
      alike += 1
    }
    guard 2 * alike >= run.count else { return }
    for k in run {
      keep[k] = true
      reasons[k] = .listTail
    }
  }

  /// List items at the end of the article that ``listTail(_:_:_:_:_:_:)`` needs (on DEV: 3 or 4
  /// the same on the even half, 4 +0.0002 overall; 2 lets teaser grids in).
  static let listTailItems = 4
  /// Longest list tail (lines after the last kept one).
  static let listTailMaxLines = 60

  /// The shape of a list item: the class of its first character (digit, uppercase,
  /// lowercase, Han, other) and the separators it holds (` -- `, ` – `, ` — `, `: `, `：`,
  /// `_`, ` | `). `June 23 -- PNC Music Pavilion, Charlotte, NC` and `July 2 -- Mohegan Sun
  /// Arena, Uncasville, CT` have one shape.
  struct ListShape: Equatable {
    var first: UInt8
    var separators: UInt8

    static let needles: [[UInt8]] = [" -- ", " – ", " — ", ": ", "：", "_", " | "].map {
      Array($0.utf8)
    }

    init(_ b: UnsafeBufferPointer<UInt8>) {
      var it = b.makeIterator()
      var decoder = UTF8()
      if case .scalarValue(let c) = decoder.decode(&it) {
        let p = c.properties
        first =
          p.numericType == .decimal
          ? 1 : p.isUppercase ? 2 : p.isLowercase ? 3 : (0x4E00...0x9FFF).contains(c.value) ? 4 : 5
      } else {
        first = 0
      }
      separators = 0
      for (k, needle) in Self.needles.enumerated() where BytePatterns.contains(b, needle) {
        separators |= 1 << k
      }
    }
  }

  /// An inner gap may hold one line dropped by a pattern (other than number-only lines) per
  /// this many lines: a long table with a stray `Share` button. On DEV the result is the
  /// same from 20 to 100; 5–15 let teaser lists with a widget in.
  static let innerGapLinesPerStrayDrop = 20

  /// Longest effective length of a `related-links` line that ends the article below the
  /// main block (see ``BoilerplateOptions/endAtSectionHeader``); longer ones are paragraphs
  /// cut off with `…` (a collapsed `read more`), not headers. On DEV the result is flat
  /// from 80 to 150.
  static let longTeaserLength: Double = 100

  private func contentScore(_ f: LineFeatures) -> Double {
    let length = min(1, f.effectiveLength / Double(2 * options.goodLength))
    let density = min(1, f.stopDensity / 0.3)
    let score = 0.5 * length + 0.3 * (f.endsWithTerminal ? 1 : 0) + 0.2 * density
    return (score * 100).rounded() / 100
  }

  /// The page with each line's last `\r` left out, the lines joined by `\n` (as
  /// ``clean(_:host:url:)`` joins them), and the lines' ranges in it; nil when no paragraph
  /// of `groups` has a line ending with `\r` before its last (nothing to leave out inside a
  /// paragraph).
  static func withoutLineCRs(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ groups: [Range<Int>]
  ) -> (text: String, lines: [Range<Int>])? {
    func endsWithCR(_ r: Range<Int>) -> Bool { !r.isEmpty && u[r.upperBound - 1] == 0x0D }
    guard groups.contains(where: { g in g.dropLast().contains { endsWithCR(lines[$0]) } })
    else { return nil }
    var copy: [UInt8] = []
    copy.reserveCapacity(u.count)
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(lines.count)
    for r in lines {
      let start = copy.count
      copy.append(contentsOf: u[r.lowerBound..<(endsWithCR(r) ? r.upperBound - 1 : r.upperBound)])
      ranges.append(start..<copy.count)
      copy.append(0x0A)
    }
    // (Whole scalars left out: still UTF-8.)
    return (String(decoding: copy, as: UTF8.self), ranges)
  }

  /// The bytes `r` of `text` (on scalar boundaries) as a substring.
  static func substring(_ text: String, _ r: Range<Int>) -> Substring {
    let v = text.utf8
    let a = v.index(v.startIndex, offsetBy: r.lowerBound)
    let b = v.index(a, offsetBy: r.count)
    return Substring(v[a..<b])
  }
}
