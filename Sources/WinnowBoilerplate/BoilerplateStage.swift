import Winnow

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `boilerplate` pipeline stage: removes a page's boilerplate lines with a reason
/// code each, keeping the main text.
///
/// Dropped lines (with their newline) become ``Document/dropped`` records whose reason is
/// the line's ``BoilerplateReason``; a kept caption loses its credit (reason `photo-credit`).
/// `results.boilerplate` holds `credits` (the cut-off photo credits) and `dropped` (lines
/// per reason). With a corpus pass (`winnow run` learns it, `--save-state` keeps it), lines
/// recurring across a site's pages are dropped as `site-repeated`; the site is the
/// document's host, else the folder of its source file.
///
/// ```swift
/// var doc = Document(text: "CHOOSE YOUR LANGUAGE\nMilitary chiefs from around 30 countries gathered in Britain on Thursday.\n")
/// try BoilerplateStage().process(&doc)
/// doc.text                // "Military chiefs from around 30 countries gathered in Britain on Thursday.\n"
/// doc.dropped[0].reason   // "language-picker"
/// ```
public struct BoilerplateStage: Stage {
  /// The classifier (options and learned site lines).
  public var classifier: BoilerplateClassifier
  /// Corpus pass: a line must be on at least this many pages of its site.
  public var minSitePages: Int
  /// Corpus pass: …and on at least this share of them.
  public var minSiteShare: Double

  /// Creates the stage.
  public init(
    options: BoilerplateOptions = BoilerplateOptions(), siteRepetition: SiteRepetition? = nil,
    minSitePages: Int = 3, minSiteShare: Double = 0.1
  ) {
    classifier = BoilerplateClassifier(options: options, siteRepetition: siteRepetition)
    self.minSitePages = minSitePages
    self.minSiteShare = minSiteShare
  }

  public var name: String { "boilerplate" }

  public var options: JSONObject {
    let o = classifier.options
    return JSONObject(
      Self.optionFields.map { JSONObject.Member(key: $0.name, value: $0.value(in: o)) } + [
        JSONObject.Member(key: "min_site_pages", value: .number(JSONNumber(minSitePages))),
        JSONObject.Member(key: "min_site_share", value: .number(JSONNumber(minSiteShare))),
      ])
  }

  /// The site key of a document: its host, else the folder of its source file.
  public static func site(of document: Document) -> String? {
    if let h = document.metadata.host { return h }
    guard let s = document.metadata.source else { return nil }
    if let slash = lastSlash(s) { return String(s[..<slash]) }
    return "."
  }

  /// `s.lastIndex(of: "/")` (the last character `/`): the last `/` byte when the bytes
  /// around it are ASCII or absent (it is a character of its own then), else the search by
  /// characters (a combining mark after it, say).
  static func lastSlash(_ s: String) -> String.Index? {
    let u = s.utf8
    guard let i = u.lastIndex(of: 0x2F) else { return nil }
    let next = u.index(after: i)
    if (i == u.startIndex || u[u.index(before: i)] < 0x80) && (next == u.endIndex || u[next] < 0x80)
    {
      return i
    }
    return s.lastIndex(of: "/")
  }

  public func process(_ document: inout Document) throws(WinnowError) {
    let text = document.text
    var buffer = text
    // The decisions in columns (no `LineDecision` made, no scores computed).
    let (ranges, decisions) = buffer.withUTF8 {
      u -> ([Range<Int>], BoilerplateClassifier.PageDecisions) in
      let ranges = Self.lineRanges(u)
      return (
        ranges,
        classifier.decide(
          utf8: u, lines: ranges, text: text, host: Self.site(of: document),
          url: document.metadata.url, scoring: false)
      )
    }
    let n = text.utf8.count
    var credits: [JSONValue] = []
    // One removal per reason, in the order the reasons first occur on the page, all in one
    // edit of the text; the dropped lines counted per reason. A page has a few reasons: a
    // linear search of them is cheaper than hashing each line's reason string, and the
    // last one found is tried first (dropped lines come in runs of one reason).
    var removals: [Document.Removal] = []
    var removalReasons: [BoilerplateReason] = []  // each removal's reason (compared as numbers)
    var dropCounts: [Int] = []
    var last = -1
    var nextCredit = 0
    for i in 0..<ranges.count {
      let r = ranges[i]
      // (No optional credit per line: its destroy went through a value witness.)
      let credited = nextCredit < decisions.credits.count && decisions.credits[nextCredit].line == i
      if credited { credits.append(.string(String(decisions.credits[nextCredit].credit.credit))) }
      if !decisions.keep[i] {
        Self.cut(
          r.lowerBound..<min(n, r.upperBound + 1), decisions.reasons[i], dropped: true, &removals,
          &removalReasons, &dropCounts, &last)
      } else if credited {
        Self.cut(
          (r.lowerBound + decisions.credits[nextCredit].credit.cutOffset)..<r.upperBound,
          .photoCredit,
          dropped: false, &removals, &removalReasons, &dropCounts, &last)
      }
      if credited { nextCredit += 1 }
    }
    try document.remove(removals, stage: name)
    var dropped = JSONObject()
    for k in removals.indices.filter({ dropCounts[$0] > 0 }).sorted(by: {
      removals[$0].reason < removals[$1].reason
    }) {
      dropped.members.append(
        .init(key: removals[k].reason, value: .number(JSONNumber(dropCounts[k]))))
    }
    document.results.members.removeAll { $0.key == name }
    document.results.members.append(
      .init(key: name, value: .object(["credits": .array(credits), "dropped": .object(dropped)])))
  }

  /// Adds `range` to the removal for `reason` (a new one at the end if the reason is new),
  /// and counts a dropped line for it.
  @inline(__always)
  private static func cut(
    _ range: Range<Int>, _ reason: BoilerplateReason, dropped: Bool,
    _ removals: inout [Document.Removal],
    _ reasons: inout [BoilerplateReason], _ dropCounts: inout [Int], _ last: inout Int
  ) {
    var k = last
    if k < 0 || reasons[k] != reason {
      k = 0
      while k < reasons.count && reasons[k] != reason { k += 1 }
      if k == reasons.count {
        removals.append(Document.Removal([], reason: reason.rawValue))
        reasons.append(reason)
        dropCounts.append(0)
      }
      last = k
    }
    removals[k].ranges.append(range)
    if dropped { dropCounts[k] += 1 }
  }

  /// The line ranges of a text's bytes, as ``Document/lineRanges()`` gives them
  /// (terminators excluded; a last line without `\n` included).
  static func lineRanges(_ u: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
    var start = 0
    // Written through a buffer with room for a line per 32 bytes (an append per line checked
    // the array's uniqueness and capacity); the lines past that room are appended.
    var result = [Range<Int>](unsafeUninitializedCapacity: u.count / 32 + 16) {
      buffer, count in
      var c = 0
      while c < buffer.count, let r = nextLine(u, &start) {
        buffer.initializeElement(at: c, to: r)
        c &+= 1
      }
      count = c
    }
    while let r = nextLine(u, &start) { result.append(r) }
    return result
  }

  /// The line that starts at `start` (without its `\n`), moving `start` past its `\n`;
  /// nil at the end of the text. The `\n` is found by `memchr` (vector loads: an 8-byte
  /// loop cost ≈ 2 instructions a byte).
  @inline(__always)
  private static func nextLine(_ u: UnsafeBufferPointer<UInt8>, _ start: inout Int) -> Range<Int>? {
    let s = start
    let n = u.count
    guard s < n, let base = UnsafeRawPointer(u.baseAddress) else { return nil }
    if let hit = memchr(base + s, 0x0A, n &- s) {
      let at = base.distance(to: UnsafeRawPointer(hit))
      start = at &+ 1
      return s..<at
    }
    start = n
    return s..<n
  }

  struct Learner: CorpusLearner {
    var inner: SiteRepetition.Learner
    mutating func observe(_ document: Document) throws(WinnowError) {
      guard let site = BoilerplateStage.site(of: document) else { return }
      var text = document.text
      text.withUTF8 { inner.observe(utf8: $0, lines: BoilerplateStage.lineRanges($0), host: site) }
    }
    func finish() -> JSONValue { inner.finish().jsonValue }
  }

  public func makeCorpusLearner() -> (any CorpusLearner)? {
    Learner(inner: SiteRepetition.Learner(minPages: minSitePages, minShare: minSiteShare))
  }

  /// The note for a document whose site (its folder: no host) the loaded state never saw
  /// (``unknownSiteNote(_:in:)``); nil without a state, with a host, or for a known site.
  public func corpusStateNote(for document: Document) -> String? {
    guard let state = classifier.siteRepetition, document.metadata.host == nil,
      let site = Self.site(of: document)
    else { return nil }
    return Self.unknownSiteNote(site, in: state)
  }

  /// The note for a page of `site` that `state` never saw (with or without repeated
  /// lines), naming a few of the state's sites; nil when it saw it. A text file's site is
  /// its folder as the path was given, so `site/p.txt` and `./site/p.txt` are two sites.
  public static func unknownSiteNote(_ site: String, in state: SiteRepetition) -> String? {
    guard state.sites[site] == nil else { return nil }
    let known = state.sites.keys.sorted()
    let shown = known.prefix(3).map { "'\($0)'" }.joined(separator: ", ")
    let more = known.count > 3 ? ", … (\(known.count) in all)" : ""
    return
      "the boilerplate state does not know the site '\(site)' (its sites: \(known.isEmpty ? "none" : shown + more)): "
      + "a text file's site is its folder as given on the command line; give the pages as "
      + "they were given to the corpus pass"
  }

  public func applying(state: JSONValue) throws(WinnowError) -> any Stage {
    var s = self
    s.classifier.siteRepetition = try SiteRepetition(json: state)
    return s
  }

  /// The registry entry (register with `StageRegistry.shared.register(BoilerplateStage.descriptor)`).
  /// The options of ``BoilerplateOptions``, each once: key, range, help and property. The
  /// stage's descriptor, its parser and its reported ``options`` are derived from them (the
  /// defaults from `BoilerplateOptions()`).
  public static let optionFields: [StageOptionField<BoilerplateOptions>] = [
    .int(
      "good_length", \.goodLength, in: 1...100_000,
      help: "Effective length from which a line with terminal punctuation is good."),
    .int(
      "good_han", \.goodHanCount, in: 1...100_000,
      help: "Han characters from which a Chinese line with terminal punctuation is good."),
    .int(
      "near_good_length", \.nearGoodLength, in: 0...100_000,
      help: "Effective length from which a line with terminal punctuation is near-good."),
    .number(
      "han_weight", \.hanWeight, in: 0...100,
      help: "Weight of a CJK character in effective lengths."),
    .int(
      "headline_run", \.headlineRunLength, in: 2...1_000_000,
      help: "Consecutive headline-like lines that make a link list."),
    .int(
      "headline_max_length", \.headlineMaxLength, in: 1...100_000,
      help: "Longest effective length of a headline-like line."),
    .int(
      "pattern_max_length", \.patternMaxLength, in: 0...100_000,
      help: "Longest effective length at which the pattern families apply."),
    .bool(
      "keep_captions", \.keepCaptions,
      help: "Keep photo captions without their credit (else drop them)."),
    .bool(
      "drop_page_repeated", \.dropPageRepeated, help: "Drop short lines repeated on the same page."),
    .int(
      "sparse_page_good_lines", \.sparsePageGoodLines, in: 0...1_000_000,
      help: "A page with fewer good lines is judged again with lengths scaled by sparse_page_scale."
    ),
    .number(
      "sparse_page_scale", \.sparsePageScale, in: 0...1, help: "Length scale for sparse pages."),
    .int(
      "block_gap", \.blockGap, in: 0...1_000_000,
      help: "More dropped lines in a row than this split the kept text into blocks."),
    .number(
      "min_block_share", \.minBlockShare, in: 0...1,
      help: "Blocks lighter than this share of the main block are dropped (off-main)."),
    .number(
      "min_lead_block_share", \.minLeadBlockShare, in: 0...1,
      help: "The same share for blocks before the main block (ledes, intros)."),
    .number(
      "min_block_good_share", \.minBlockGoodShare, in: 0...1,
      help:
        "Blocks besides the main one with less of their text in good lines are dropped (off-main)."),
    .int(
      "prose_clause_marks", \.proseClauseMarks, in: 0...1_000,
      help:
        "Long CJK lines with this many clause marks and function characters are good without a full stop (0: off)."
    ),
    .int(
      "near_good_run", \.nearGoodRun, in: 0...1_000_000,
      help: "Near-good lines standing this many together are kept between bad lines (0: off)."),
    .int(
      "headline_clause_max_length", \.headlineClauseMaxLength, in: 0...100_000,
      help: "Shorter lines count as headline-like even with clause punctuation (0: off)."),
    .int(
      "long_prose_length", \.longProseLength, in: 0...1_000_000,
      help: "Lines this long with enough stop words are good without a full stop (0: off)."),
    .number(
      "long_prose_stop_density", \.longProseStopDensity, in: 0...1,
      help: "Stop-word density a long line needs for long_prose_length."),
    .number(
      "good_stop_density", \.goodStopDensity, in: 0...1,
      help:
        "On pages in a language the stop lists know, good lines need this stop-word density (0: off)."
    ),
    .bool(
      "end_at_section_header", \.endAtSectionHeader,
      help:
        "Below the main block, a related-articles or comments header or a copyright/licence line ends the article (after-article)."
    ),
    .bool(
      "keep_inner_gaps", \.keepInnerGaps,
      help:
        "Keep a run of dropped lines between two kept lines when it holds no pattern drop but number-only lines (one stray per 20 lines), no headline run and no date (inner-gap: tables, product lists)."
    ),
    .bool(
      "keep_table_gaps", \.keepTableGaps,
      help:
        "Keep a block below the main one that a table (number-only lines ≥ 30 %, dates, bylines; no other pattern drop, no headline run) parts from the kept text, with the table (table-gap)."
    ),
    .bool(
      "keep_list_tails", \.keepListTails,
      help:
        "Keep the lines after the article's last kept list items when half of them have the items' shape (list-tail)."
    ),
    .bool(
      "line_model", \.lineModel,
      help:
        "Re-decide the lines no pattern fixed with the learned line model (low-score / model-content); off by default: it does not beat the rules on held-out pages."
    ),
    .int(
      "dense_page_line_length", \.densePageLineLength, in: 0...100_000,
      help:
        "A page where this share of the lines with text (dense_page_share) are at least this long is judged with dense_page_good_length as its good length (0: off)."
    ),
    .number(
      "dense_page_share", \.densePageShare, in: 0...1,
      help: "Share of a page's lines that must reach dense_page_line_length."),
    .int(
      "dense_page_good_length", \.densePageGoodLength, in: 1...100_000,
      help: "Good length (near-good scaled alike) on a dense page."),
    .int(
      "teaser_list_pairs", \.teaserListPairs, in: 0...1_000_000,
      help:
        "Drop a run of at least this many headline / one-sentence snippet pairs that ends the kept text (related-list: teasers below the article); 0 = off."
    ),
    .bool(
      "end_at_end_markers", \.endAtEndMarkers,
      help:
        "An author-box or tags header (About the author, Editör Hakkında, 关于作者, Tags:, 标签) ends the article when the kept text above it outweighs the rest: kept lines from it on go (end-marker)."
    ),
    .int(
      "duplicate_line_length", \.duplicateLineLength, in: 0...1_000_000,
      help:
        "A kept line at least this long whose text was kept before on the page is dropped (duplicate; the first copy stays); 0 = off (60 is the measured setting)."
    ),
    .bool(
      "drop_head_datelines", \.dropHeadDatelines,
      help:
        "Drop the first short kept line with a date (November 20, 2019 …, 20.05.2024 11:26, 2024年4月3日) that opens the article: a paragraph within 3 lines below it, at most half the kept text above it (dateline)."
    ),
    .bool(
      "keep_inner_clause_lines", \.keepInnerClauseLines,
      help:
        "Keep a short line dropped by context (short-context) that lies between the first and last kept line and has clause punctuation (, ; ， 、 ； 。) and no date (inner-clause: replies, features, addresses)."
    ),
    .bool(
      "keep_inner_prose", \.keepInnerProse,
      help:
        "Keep a line a pattern dropped for a form's, copyright's, disclaimer's, hotline's, licence's or cookie notice's words inside it when it reads as a long sentence (120 or longer, or 30 ideographs; two clause marks, terminal punctuation, stop words), opens with no notice's lead and stands between two paragraphs (inner-prose)."
    ),
    .bool(
      "drop_date_meta_lines", \.dropDateMetaLines,
      help:
        "Drop the lines kept by context (context) of at most 40 characters, without terminal punctuation, that hold a date (2019-03-01 12:34, 3 days ago, 5分钟前, Jul 28, 2016) when the page has at least two: post and teaser meta lines (date-meta)."
    ),
    .bool(
      "drop_ad_labels", \.dropAdLabels,
      help:
        "Drop the kept lines that are only an advertisement label or an ad slot's marker (Advertisement, - Anzeige -, Sponsored, Story continues below advertisement, 广告), after the other rules (advertisement)."
    ),
    .bool(
      "drop_inline_related", \.dropInlineRelated,
      help:
        "Drop the kept lines of at most 200 characters that open with a related-articles header and a colon (Read more: …, Related: …, Baca juga: …, 相关阅读：…) or a tags label and a colon (Tags: …, Filed under: …, 标签：…), after the other rules (related-links)."
    ),
    .bool(
      "drop_button_labels", \.dropButtonLabels,
      help:
        "Drop the kept lines that are only a button's label (Reply Quote, Share, Add to Wishlist, Download Article, 回复), after the other rules (widget)."
    ),
    .bool(
      "drop_member_stat_lines", \.dropMemberStatLines,
      help:
        "Drop the kept lines with a forum member's statistics (Posts: 16,487, Joined: Jan 2013, 注册时间：2019-03-15, 7,138 3 3 gold badges …) when the page has at least two (byline)."
    ),
    .int(
      "glued_teaser_lines", \.gluedTeaserLines, in: 0...6,
      help:
        "Drop the lines that are a title-case headline glued to its standfirst sentence (Student-AthleteA 24-year-old woman …) when at least this many stand among six long lines in a row (related-links: a teaser grid); 0 = off."
    ),
    .bool(
      "drop_above_url_title", \.dropAboveURLTitle,
      help:
        "With a document url, the first line holding every word of the URL's slug is the headline: drop it (title) and the kept lines above it (above-title) when a kept line follows it."
    ),
    .bool(
      "unwrap_lines", \.unwrapLines,
      help:
        "A page whose long lines end at one width (a text dump wrapped at 80 columns) is judged by paragraph: a line continues on the next when the next line's first word would not have fitted after it."
    ),
    .bool(
      "skip_blank_lines", \.skipBlankLines,
      help:
        "Blank lines are no neighbours: the rules read the page without them (a blank line between paragraphs changes nothing); each is still dropped as empty."
    ),
    .number(
      "thread_post_share", \.threadPostShare, in: 0...1_000_000,
      help:
        "Keep the posts of a thread of dated records (user / date / post) when they outweigh the other kept text this many times (thread-post); 0 = off."
    ),
    .number(
      "record_list_share", \.recordListShare, in: 0...1_000_000,
      help:
        "Keep the rows of a record list (a short chrome line repeated at a constant spacing) when they outweigh the other kept text this many times (record-list); 0 = off."
    ),
    .int(
      "numbered_list_rows", \.numberedListRows, in: 0...1_000_000,
      help:
        "Keep a run of at least this many lines numbered without a gap (1., 2., …; 第1章, 第2章, …) that outweighs the kept text outside it (numbered-list: a table of contents); 0 = off."
    ),
    .int(
      "teaser_run_lines", \.teaserRunLines, in: 0...1_000_000,
      help:
        "Drop a run of at least this many long lines that end without a full stop (headlines; not CJK) as related-links: a news site's column of more stories; 0 = off."
    ),
    .bool(
      "keep_ellipsis_lines", \.keepEllipsisLines,
      help:
        "Keep a clause ending in an ellipsis (…) that the teaser pattern dropped when the lines on both sides are kept as content or context (a writer's 'Here's the thing …')."
    ),
  ]

  public static let descriptor = StageDescriptor(
    name: "boilerplate",
    summary:
      "Drops page boilerplate (menus, banners, footers, licence lines) line by line, with a reason per line.",
    options: optionFields.map { $0.info(defaults: BoilerplateOptions()) } + [
      StageOptionInfo(
        "min_site_pages", type: "int", default: "3",
        help: "Corpus pass: pages of a site a line must be on to be site-repeated."),
      StageOptionInfo(
        "min_site_share", type: "number", default: "0.1",
        help: "Corpus pass: share of a site's pages a line must be on."),
    ]
  ) { (o: StageOptions) throws(WinnowError) -> any Stage in
    var b = BoilerplateOptions()
    for field in optionFields { try field.read(o, into: &b) }
    return BoilerplateStage(
      options: b, minSitePages: try o.int("min_site_pages", default: 3, in: 1...1_000_000),
      minSiteShare: try o.double("min_site_share", default: 0.1, in: 0...1))
  }
}
