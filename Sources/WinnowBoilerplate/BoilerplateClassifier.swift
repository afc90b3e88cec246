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
  public init(keep: Bool, reason: BoilerplateReason, initialClass: LineClass, score: Double, credit: CaptionCredit? = nil) {
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
  public init(options: BoilerplateOptions = BoilerplateOptions(), siteRepetition: SiteRepetition? = nil) {
    self.options = options
    self.siteRepetition = siteRepetition
    siteIndex = siteRepetition.map(SiteRepetition.Index.init)
  }

  /// Decides every line of a page.
  ///
  /// - Parameters:
  ///   - lines: the page's lines, without terminators.
  ///   - host: the page's site (for `site-repeated`), if known.
  /// - Returns: one decision per line, in order.
  public func classify<S: StringProtocol>(lines: [S], host: String? = nil) -> [LineDecision] {
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
    return joined.withUTF8 { classify(utf8: $0, lines: ranges, text: text, host: host) }
  }

  /// ``classify(lines:host:)`` on a page given as its UTF-8 bytes and line ranges.
  ///
  /// - Parameters:
  ///   - utf8: the page's bytes (valid UTF-8, the bytes of `text`).
  ///   - lines: the lines' byte ranges in `utf8`, without terminators, in order.
  ///   - text: the page as a string (for the captions and credits of the decisions).
  ///   - host: the page's site, if known.
  func classify(utf8 u: UnsafeBufferPointer<UInt8>, lines: [Range<Int>], text: String, host: String?) -> [LineDecision] {
    let n = lines.count
    // Reasons fixed by a line's own text (patterns, no text, site repetition); nil elsewhere.
    var fixed = [BoilerplateReason?](repeating: nil, count: n)
    // Related-articles and comment-section headers, copyright and licence lines (the footer):
    // below the main block, the article ends at the first of them.
    var sectionHeader = [Bool](repeating: false, count: n)
    var scores = [Double](repeating: 0, count: n)
    var credits = [CaptionCredit?](repeating: nil, count: n)
    var trimmedLines = [Range<Int>](repeating: 0..<0, count: n)
    var features = [LineFeatures]()
    features.reserveCapacity(n)
    let siteLines = host.flatMap { siteIndex?.lines(forHost: $0) }
    // The lowered bytes of the current line (one buffer for the page).
    let longest = lines.reduce(0) { max($0, $1.count) }
    var lowered = [UInt8](repeating: 0, count: longest)
    let hanWeight = options.hanWeight

    lowered.withUnsafeMutableBufferPointer { low in
      for i in 0..<n {
        var r = Lexicon.trimmed(u, lines[i])
        if let o = CaptionCredit.offsets(UnsafeBufferPointer(rebasing: u[r])),
          var c = CaptionCredit.make(Self.substring(text, r), o)
        {
          // `offsets` measured the trimmed line; the decision's offset is into the whole line.
          c.cutOffset += r.lowerBound - lines[i].lowerBound
          credits[i] = c
          r = r.lowerBound..<(r.lowerBound + o.captionEnd)
        }
        trimmedLines[i] = r
        let line = UnsafeBufferPointer(rebasing: u[r])
        let f = LineFeatures(utf8: line, hanWeight: hanWeight)
        features.append(f)
        scores[i] = contentScore(f)
        if f.characters == 0 {
          fixed[i] = .empty
          continue
        }
        if f.units == 0 {
          fixed[i] = .lowTextDensity
          continue
        }
        for k in 0..<line.count { low[k] = BytePatterns.lower(line[k]) }
        let lowLine = UnsafeBufferPointer(rebasing: low[0..<line.count])
        if let reason = LinePatterns.match(lowLine, f, options) {
          fixed[i] = reason
          scores[i] = 0
          // A teaser line longer than `Self.longTeaserLength` (a paragraph cut off with `…`,
          // several sentences long) is a truncated paragraph, not a header: it does not end
          // the article.
          sectionHeader[i] =
            (reason == .relatedLinks && f.effectiveLength <= Self.longTeaserLength) || reason == .commentSection
            || reason == .copyright || reason == .licenseRegistration
        } else if let set = siteLines, set.contains(line) {
          fixed[i] = .siteRepeated
        }
        if fixed[i] != nil && !sectionHeader[i] && f.effectiveLength <= 40 && LinePatterns.isCommentHeader(lowLine) {
          sectionHeader[i] = true  // e.g. a header the corpus pass learned as site-repeated
        }
      }
    }
    if options.dropPageRepeated {
      // Short lines that occur more than once on the page: menus at head and foot.
      var seen: [Substring: Int] = [:]
      var keys = [Substring?](repeating: nil, count: n)
      for i in 0..<n where fixed[i] == nil && !isLong(features[i], options.goodLength, options.goodHanCount) {
        let line = Self.substring(text, trimmedLines[i])
        keys[i] = line
        seen[line, default: 0] += 1
      }
      for i in 0..<n { if let k = keys[i], (seen[k] ?? 0) > 1 { fixed[i] = .pageRepeated } }
    }

    var pass = contextPass(features, fixed, good: options.goodLength, goodHan: options.goodHanCount, nearGood: options.nearGoodLength)
    if pass.goodCount < options.sparsePageGoodLines {
      // A page of short paragraphs (forum posts, captions, lists): judge it by half lengths.
      let s = options.sparsePageScale
      pass = contextPass(
        features, fixed, good: Int(Double(options.goodLength) * s), goodHan: Int(Double(options.goodHanCount) * s),
        nearGood: Int(Double(options.nearGoodLength) * s))
    }
    var keep = pass.final.map { $0 == .good }
    var reasons = pass.reasons
    mainBlocks(features, pass.classes, fixed, options.endAtSectionHeader ? sectionHeader : nil, &keep, &reasons)
    if options.keepInnerGaps {
      innerGaps(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if options.threadPostShare > 0 {
      threadPosts(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if options.recordListShare > 0 {
      recordLists(u, trimmedLines, features, fixed, &keep, &reasons)
    }
    if !keep.contains(true) {
      // Nothing reads as prose (a table of contents, a list page): keep what no pattern
      // or the corpus dropped, rather than nothing.
      for i in 0..<n where fixed[i] == nil {
        keep[i] = true
        reasons[i] = .noProse
      }
    }
    if options.lineModel || LineModel.dump != nil {
      LineModel.decide(features, fixed, pass.classes, options, apply: options.lineModel, &scores, &keep, &reasons)
    }

    var out: [LineDecision] = []
    out.reserveCapacity(n)
    for k in 0..<n {
      var keep = keep[k]
      var reason = reasons[k]
      // Moved out, not copied (a copy and a destroy of the credit per line).
      let credit = credits[k].take()
      if keep, credit != nil {
        if options.keepCaptions {
          reason = .caption
        } else {
          keep = false
          reason = .photoCredit
        }
      }
      out.append(LineDecision(keep: keep, reason: reason, initialClass: pass.classes[k], score: scores[k], credit: credit))
    }
    return out
  }

  private func isLong(_ f: LineFeatures, _ good: Int, _ goodHan: Int) -> Bool {
    f.isCJK ? f.han >= goodHan : f.effectiveLength >= Double(good)
  }

  /// Classes from the line features at the given lengths, headline runs, then the context
  /// rules (jusText): short lines follow their neighbours, near-good ones go only between bad ones.
  private func contextPass(
    _ features: [LineFeatures], _ fixed: [BoilerplateReason?], good: Int, goodHan: Int, nearGood: Int
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
    let needDensity = options.goodStopDensity > 0 && Double(stops) >= 2 * options.goodStopDensity * Double(units)
    for i in 0..<n {
      let f = features[i]
      if let r = fixed[i] {
        classes[i] = .bad
        reasons[i] = r
        continue
      }
      let long = isLong(f, good, goodHan)
      let prose = (options.proseClauseMarks > 0 && f.isCJK && f.clausePunctuation >= options.proseClauseMarks
        && f.functionCharacters >= options.proseClauseMarks)
        || (options.longProseLength > 0 && f.effectiveLength >= Double(options.longProseLength)
          && f.stopDensity >= options.longProseStopDensity)
      if long && (f.endsWithTerminal || prose) && !(needDensity && f.stopDensity < options.goodStopDensity) {
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
        && (features[j].clausePunctuation == 0 || features[j].effectiveLength < Double(options.headlineClauseMaxLength))
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
      } else if (p == .bad && looseBefore[k] == .nearGood) || (q == .bad && looseAfter[k] == .nearGood) {
        final[k] = .good
      } else if features[k].endsWithTerminal && ((k > 0 && classes[k - 1] == .good) || (k + 1 < n && classes[k + 1] == .good)) {
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
      final[k] = isolated && !(options.nearGoodRun > 0 && runOf[k] >= options.nearGoodRun) ? .bad : .good
      reasons[k] = final[k] == .good ? .context : .shortContext
    }
    return (classes, final, reasons, goodCount)
  }

  /// The main blocks: kept lines form blocks split by more than ``BoilerplateOptions/blockGap``
  /// dropped lines; a block weighs the text units of its good lines. Blocks lighter than
  /// ``BoilerplateOptions/minBlockShare`` of the heaviest go (`off-main`: teasers, comments,
  /// sidebars); inside the blocks that stay, lines dropped by context or by a headline run
  /// come back (the short lines, list items and subheadings of the article). With
  /// `sectionHeader`, the first such header (related articles, comments, copyright or
  /// licence line) below the main block ends the article: kept lines from it on go
  /// (`after-article`). One pass each.
  private func mainBlocks(
    _ features: [LineFeatures], _ classes: [LineClass], _ fixed: [BoilerplateReason?], _ sectionHeader: [Bool]?,
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
    guard let heaviest = blocks.map(\.weight).max(), let main = blocks.firstIndex(where: { $0.weight == heaviest })
    else { return }
    for (index, b) in blocks.enumerated() {
      // Ledes, standfirsts and intros come before the body (a table of contents may sit
      // between); teasers, comments and sidebars mostly after it.
      let share = index < main ? options.minLeadBlockShare : options.minBlockShare
      if Double(b.weight) < share * Double(heaviest)
        || (index != main && Double(b.weight) < options.minBlockGoodShare * Double(b.total))
      {
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
    if let headers = sectionHeader, let end = headers[(blocks[main].end + 1)...].firstIndex(of: true) {
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
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures], _ fixed: [BoilerplateReason?],
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

  /// The bytes `r` of `text` (on scalar boundaries) as a substring.
  static func substring(_ text: String, _ r: Range<Int>) -> Substring {
    let v = text.utf8
    let a = v.index(v.startIndex, offsetBy: r.lowerBound)
    let b = v.index(a, offsetBy: r.count)
    return Substring(v[a..<b])
  }
}
