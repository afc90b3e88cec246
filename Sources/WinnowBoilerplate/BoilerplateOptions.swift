/// The parameters of the boilerplate classifier, with their documented defaults.
///
/// Lengths are *effective* lengths: non-space characters outside Han/kana/hangul count 1,
/// each CJK character counts ``hanWeight`` (a Chinese character carries about as much text
/// as two or three Latin letters).
///
/// ```swift
/// var o = BoilerplateOptions()
/// o.keepCaptions = false        // drop photo captions instead of keeping them without their credit
/// let c = BoilerplateClassifier(options: o)
/// ```
public struct BoilerplateOptions: Sendable, Hashable, Codable {
  /// Effective length from which a line with terminal punctuation is `good`. Default 60.
  public var goodLength: Int = 60
  /// Han characters from which a Chinese line (more Han than Latin words) with terminal
  /// punctuation is `good`. Default 25.
  public var goodHanCount: Int = 25
  /// Effective length from which a line with terminal punctuation is `near-good`. Default 40.
  public var nearGoodLength: Int = 40
  /// Weight of one CJK character in effective lengths. Default 2.5.
  public var hanWeight: Double = 2.5
  /// A run of at least this many consecutive headline-like lines (no terminal or clause
  /// punctuation, shorter than ``headlineMaxLength``) is a link list (`related-links`). Default 8.
  public var headlineRunLength: Int = 8
  /// Longest effective length of a headline-like line. Default 150.
  public var headlineMaxLength: Int = 150
  /// Longest effective length at which the pattern families (copyright, registration,
  /// hotline, byline, widgets) apply; longer lines are prose that mentions such words.
  /// Cookie banners apply at any length. Default 300.
  public var patternMaxLength: Int = 300
  /// Keep photo captions (with their credit cut off) rather than dropping them. Default true.
  public var keepCaptions: Bool = true
  /// Drop short lines that occur more than once on the page (menus repeated at head and
  /// foot). Default false: on the DEV set it costs more recall than it gains precision.
  public var dropPageRepeated: Bool = false
  /// A page with fewer good lines than this is judged again with every length scaled by
  /// ``sparsePageScale`` (pages of short posts or paragraphs). Default 3.
  public var sparsePageGoodLines: Int = 3
  /// The length scale for sparse pages. Default 0.5.
  public var sparsePageScale: Double = 0.5
  /// More than this many dropped lines in a row split the kept lines into blocks. Default 4
  /// (5 before the sixth round: with ``keepInnerGaps`` the clean gaps between blocks come
  /// back, so a smaller gap mostly parts teasers from the article).
  public var blockGap: Int = 4
  /// A block whose good lines hold less than this share of the heaviest block's text units
  /// is dropped (`off-main`); the others get back their lines dropped by context. Default 0.2.
  public var minBlockShare: Double = 0.2

  /// The same share for blocks *before* the heaviest block (a lede or an intro above a
  /// table of contents). Default 0.05.
  public var minLeadBlockShare: Double = 0.05
  /// A block other than the heaviest must also have at least this share of its kept text
  /// units in good lines (else `off-main`: lists of teasers with a few sentence-like
  /// headlines). Default 0 (off).
  public var minBlockGoodShare: Double = 0
  /// A long mostly-CJK line without terminal punctuation but with at least this many clause
  /// marks (`，` `、` `；`) and function characters is prose (`good`): paragraphs that end in
  /// a citation or lost their full stop. 0 turns the rule off. Default 0.
  public var proseClauseMarks: Int = 0

  /// Near-good lines between two bad ones are kept anyway when at least this many of them
  /// stand together (only short lines between): a run of unpunctuated paragraphs. 0 turns
  /// the rule off. Default 0.
  public var nearGoodRun: Int = 0
  /// Lines shorter than this effective length count as headline-like even with clause
  /// punctuation (numbered teaser lists `3 利率迈进2字头，消费贷…`). 0: only lines without
  /// clause punctuation are headline-like. Default 0.
  public var headlineClauseMaxLength: Int = 0

  /// A line at least this long (effective length) whose stop-word density is at least
  /// ``longProseStopDensity`` is `good` without terminal punctuation: a paragraph whose
  /// full stop was lost or replaced by a hashtag, an emoji or a link. 0 turns the rule off.
  /// Default 0.
  public var longProseLength: Int = 0
  /// See ``longProseLength``. Default 0.15.
  public var longProseStopDensity: Double = 0.15

  /// On a page whose text has at least twice this stop-word density (English stop words,
  /// Chinese function characters: a language the lists know), a long line with terminal
  /// punctuation is `good` only with at least this density, else `near-good` (teaser
  /// headlines, product rows, captions). 0 turns the rule off. Default 0.
  public var goodStopDensity: Double = 0

  /// Below the main block, the first related-articles or comments header or footer line (a
  /// line the patterns drop as `related-links`, `comment-section`, `copyright` or
  /// `license-registration`: `Related stories`, `Comments (12)`, `发表评论`, `© 2024 …`) ends
  /// the article: kept lines from there on are dropped (`after-article`). Default true.
  public var endAtSectionHeader: Bool = true

  /// The posts of a thread of dated records (user / date / post, at a steady spacing; see
  /// `ThreadRecords`) are kept (`thread-post`) when the ones not yet kept hold at least this
  /// many times the text units of everything else kept (a forum of one-line replies whose
  /// lines all look like boilerplate), or at any weight when half the records hold reply
  /// chrome (`Reply`, `回复 引用`). 0 turns the rule off. Default 2.
  public var threadPostShare: Double = 2

  /// The rows of a record list (a short chrome line such as `Mark as watched` repeated at a
  /// constant spacing at least 6 times; see `ThreadRecords.listLines`) are kept
  /// (`record-list`) when they hold at least this many times the text units of everything
  /// else kept: a chart or a product list. 0 turns the rule off. Default 2.
  public var recordListShare: Double = 2

  /// A run of at least this many consecutive lines numbered without a gap (`1.`, `2.`, …;
  /// `第1章`, `第2章`, …; `Chapter 1`, …) that holds at least as many text units as the kept
  /// text outside it is kept (`numbered-list`): a novel's table of contents, a long ranking.
  /// Rows a pattern dropped stay dropped. 0 turns the rule off. Default 50 (eighteenth
  /// round: a book's chapter menu beside its text is shorter).
  public var numberedListRows: Int = 50

  /// A run of at least this many lines that read as headlines (not mostly CJK, effective
  /// length 40 or more, no full stop and no `!` / `?` at the end; `!` / `?` lines and lines
  /// a pattern or a label dropped may stand between them) is dropped as `related-links`: a
  /// news site's column of a hundred headlines under the article, too long and too
  /// punctuated for a headline run (``headlineRunLength``). 0 turns the rule off. Default 12
  /// (nineteenth round: LLM-written golds keep lists of ten).
  public var teaserRunLines: Int = 12

  /// A line the teaser pattern dropped for ending in an ellipsis (`…`, `...`) comes back as
  /// `context` when the lines on both sides of it are kept as content or context and it
  /// reads as a clause (three words or CJK characters, a stop word or a function character,
  /// no pattern without its ellipsis): a writer's `Here's the thing …` between paragraphs.
  /// Default true (nineteenth round).
  public var keepEllipsisLines: Bool = true

  /// Between two kept lines, a run of dropped lines is part of the article (`inner-gap`)
  /// when no pattern dropped any of its lines except number-only ones (`low-text-density`:
  /// table cells, prices; a gap of 20 lines or more may hold one other pattern drop per 20
  /// lines, a stray `Share` button in a long table), none of them is part of a headline run (a link list) and none is
  /// a date (`2020-12-30`, `3 hours ago`: the user / date lines of a forum): a table, a
  /// product list or a list of short items between two parts of the article. Its lines with
  /// text and its number-only lines are kept. Default true.
  public var keepInnerGaps: Bool = true

  /// Below the main block, a block too light to stay (`off-main`) stays after all when the gap
  /// between it and the kept block before it is a table: at most 200 lines, no pattern drop
  /// but number-only lines (at least 30 % of its non-empty lines), dates and bylines, and no
  /// headline run (`Release` / `Date` / `4.2.3` / `April 2014` …, then more of the article).
  /// The gap's lines with text, numbers and dates are kept (`table-gap`). Default true
  /// (seventh round).
  public var keepTableGaps: Bool = true

  /// When the article's last kept lines are at least 4 list items kept by context (no
  /// terminal punctuation, at least one with a separator such as ` -- `, `: `, `：`, `_`,
  /// ` | `), the lines after them up to the first pattern drop or headline run (at most 60)
  /// are kept (`list-tail`) when half of them have the same shape (the class of the first
  /// character and the separators): a list of tour dates cut off after its first items.
  /// Default true (seventh round).
  public var keepListTails: Bool = true

  /// A learned line model re-decides, as the last step, every line no pattern fixed
  /// (`line_model`): a small tree ensemble over the line's features, the rules' decisions
  /// and its place on the page, trained on the DEV set (see `docs/quality-boilerplate.md`).
  /// Lines it drops get `low-score`, lines it brings back `model-content`, and the score
  /// of a re-decided line is the model's probability. Default false (see the docs for the
  /// held-out numbers that decide it).
  public var lineModel: Bool = false

  /// A page counts as dense when at least ``densePageShare`` of its lines with text (no
  /// pattern, not mostly CJK; at least 10 of them) are at least this long (effective
  /// length); the context pass then judges it with ``densePageGoodLength`` instead of
  /// ``goodLength`` (and the near-good length scaled alike): on a page of long paragraphs,
  /// a 60-character line with a full stop is more often a teaser or a caption. 0 turns the
  /// rule off. Default 150 (eighth round).
  public var densePageLineLength: Int = 150
  /// See ``densePageLineLength``. Default 0.05.
  public var densePageShare: Double = 0.05
  /// The good length of a dense page (see ``densePageLineLength``). Default 70.
  public var densePageGoodLength: Int = 70

  /// A run of at least this many headline / snippet pairs (a line without terminal
  /// punctuation, 20–150 long and not ending in `:`, then a sentence 40–200 long) that ends
  /// the kept text is a teaser list (`related-list`: related stories below the article) and
  /// is dropped, when the kept text outside it outweighs it. 0 turns the rule off. Default 3
  /// (ninth round).
  public var teaserListPairs: Int = 3

  /// An end marker — an author-box header (`About the author`, `Editör Hakkında`, `关于作者`,
  /// `作者简介`, …) or a tags header (`Tags:`, `标签`), alone on its line — ends the article:
  /// at the first one, the kept lines from it on go (`end-marker`: the biography, the tags
  /// and the teasers after them) when the kept text above it weighs at least as much. A Q&A
  /// page's answer form (`Your Answer`) likewise ends the thread when the kept text above it
  /// weighs at least half as much as the rest (thirteenth round). Default true (ninth round).
  public var endAtEndMarkers: Bool = true

  /// A kept line at least this long (effective length) whose exact text was kept before on
  /// the page is dropped (`duplicate`: a caption repeated by a slideshow, a standfirst
  /// repeated under the headline); the first copy stays. 0 turns the rule off. Default 0
  /// (off; ninth round: at 60 DEV F1 +0.0017 on both halves, but recall −0.0025, Chinese
  /// −0.0003, and a paragraph that a page repeats — quoted in a forum reply, or twice in
  /// the gold — is dropped; see `docs/quality-boilerplate.md`).
  public var duplicateLineLength: Int = 0

  /// The dateline that opens the article — the first kept line of at most 60 characters
  /// with a date and without terminal punctuation (`November 20, 2019 Emiliano Bellini`, `16 November 2017 • 2:15pm`,
  /// `20.05.2024 11:26`, `2024年4月3日`) followed within 3 non-empty lines by a paragraph,
  /// with at most half of the kept text above it — is dropped (`dateline`). Default true
  /// (tenth round).
  public var dropHeadDatelines: Bool = true

  /// A line the context pass dropped as too short (`short-context`) comes back when it lies
  /// between the first and the last kept line of the page, holds clause punctuation (`,` `;`
  /// `，` `、` `；` `。`) and no date (`inner-clause`: forum replies, product features,
  /// addresses, captions inside the article). Default true (eleventh round: DEV recall
  /// +0.010, F1 +0.002 on both halves).
  public var keepInnerClauseLines: Bool = true

  /// A line that a pattern dropped for a form's, a copyright notice's, a disclaimer's, a
  /// hotline's, a licence's or a cookie notice's words inside it comes back when it reads as
  /// a long sentence (120 or longer, or 30 ideographs; two clause marks, terminal
  /// punctuation, stop words or function characters), does not open with a notice's lead
  /// (`©`, `By clicking`, `版权声明`, `本站`, …) and the lines right above and below it are
  /// paragraphs (`content`): `inner-prose`, a story's own sentence that names an account, a
  /// copyright or a phone number. Default true (it changes no DEV page: a safety net for
  /// body text).
  public var keepInnerProse: Bool = true

  /// Lines kept only by context (`context`) of at most 40 characters, without terminal
  /// punctuation, that hold a date (`2019-03-01 12:34`, `3 days ago`, `5分钟前`, `Jul 28,
  /// 2016 at 13:13`) are dropped when the page holds at least two of them (`date-meta`: the
  /// meta lines of posts, reviews and teasers). Default true (twelfth round: DEV precision
  /// +0.003, F1 +0.0014, both halves up, no page loses).
  public var dropDateMetaLines: Bool = true

  /// With the page's URL known (``BoilerplateClassifier/classify(lines:host:url:)``, a
  /// document's `url`), the first line that holds every word of the URL's slug and little
  /// else is the headline (``URLTitle``): when a kept line follows it, it is dropped
  /// (`title`) and so are the kept lines above it (`above-title`: menus, teasers and other
  /// stories that read as prose). Without a URL, or with no such line, nothing changes.
  /// Default true (thirteenth round: DEV F1 +0.006 with the pages' URLs, 12 pages gain, none
  /// loses).
  public var dropAboveURLTitle: Bool = true

  /// A page whose lines have a ceiling, as a text dump wrapped at a fixed width has (`w3m
  /// -dump`, `lynx -dump`, `fold`: most long lines end within a few columns of one width),
  /// is judged by paragraph: a line continues on the next when the next line's first word
  /// would not have fitted after it, and the lines of a paragraph share its decision
  /// (``HardWrap``). A page without such a ceiling (a browser's copy) is unchanged. Default
  /// true (the DEV pages wrapped at 80 columns: F1 0.809 → see QUALITY.md; the DEV pages as
  /// they are: unchanged but for the two pages that were wrapped).
  public var unwrapLines: Bool = true

  /// Blank lines (nothing but spaces) are no neighbours: the context, the blocks, the runs
  /// and every other rule read the page without them, so a page with a blank line between
  /// its paragraphs (a dump, some copies, plain-text exports) reads as the page without
  /// them; each blank line is still dropped as `empty`. Default true (the DEV pages with a
  /// blank line after every line: F1 0.856 → see QUALITY.md).
  public var skipBlankLines: Bool = true

  /// A kept line that is only an advertisement label or an ad slot's marker (`Advertisement`,
  /// `- Anzeige -`, `Sponsored`, `Story continues below advertisement`, `广告`) is dropped
  /// (`advertisement`) after the other rules, which read it as any short line: as a
  /// neighbour it still joins two paragraphs around an ad slot. Default true.
  public var dropAdLabels: Bool = true

  /// A kept line that is only a button's label (`Reply Quote`, `Share`, `Add to Wishlist`,
  /// `Download Article`, `回复`) is dropped (`widget`) after the other rules, which read it as
  /// any short line. Default true.
  public var dropButtonLabels: Bool = true

  /// A kept line of at most 200 characters that opens with a related-articles header and a
  /// colon (`Read more: Tencent profit falls as …`, `Related: The 15 Weirdest Galaxies …`,
  /// `Baca juga: …`, `Lire aussi : …`, `相关阅读：…`) is dropped (`related-links`) after
  /// the other rules: a link to another story set inside the article. So is one that opens
  /// with a tags label and a colon (`Tags: BGR Deals`, `Filed Under: …`, `标签：…`: links
  /// to topic pages). Default true (eighteenth round; tags labels in the twentieth).
  public var dropInlineRelated: Bool = true

  /// Kept lines with a forum member's statistics (`Posts: 16,487`, `Joined: Jan 2013`,
  /// `注册时间：2019-03-15`: a member label, a colon and a count or a date; a Q&A site's
  /// `7,138 3 3 gold badges 13 13 silver badges 61 61 bronze badges`) are dropped (`byline`)
  /// when the page holds at least two of them: each post's author card repeats them.
  /// Default true.
  public var dropMemberStatLines: Bool = true

  /// At least this many lines among six long lines in a row (10 words or more, not mostly
  /// CJK, no pattern) that are each a headline glued to its standfirst
  /// (`… Student-AthleteA 24-year-old woman and a 28-year-old man have been arrested …`: a
  /// title-case headline, then with no space a sentence) are a teaser grid, and each of them
  /// is dropped (`related-links`) before the context rules run. 0 turns the rule off.
  /// Default 3 (twenty-second round).
  public var gluedTeaserLines: Int = 3

  /// Options with every default.
  public init() {}
}

extension BoilerplateOptions {
  /// Decodes options in which every key is optional: a missing key keeps its default, so
  /// options saved by an earlier version (which had fewer of them) still decode.
  ///
  /// ```swift
  /// let o = try JSONDecoder().decode(BoilerplateOptions.self, from: Data(#"{"goodLength": 70}"#.utf8))
  /// o.goodLength       // 70
  /// o.nearGoodLength   // 40 (the default)
  /// ```
  /// - Throws: `DecodingError` when a present key has a value of the wrong type.
  public init(from decoder: any Decoder) throws {
    self.init()
    let c = try decoder.container(keyedBy: CodingKeys.self)
    func read<T: Decodable>(_ key: CodingKeys, _ value: inout T) throws {
      if let v = try c.decodeIfPresent(T.self, forKey: key) { value = v }
    }
    try read(.goodLength, &goodLength)
    try read(.goodHanCount, &goodHanCount)
    try read(.nearGoodLength, &nearGoodLength)
    try read(.hanWeight, &hanWeight)
    try read(.headlineRunLength, &headlineRunLength)
    try read(.headlineMaxLength, &headlineMaxLength)
    try read(.patternMaxLength, &patternMaxLength)
    try read(.keepCaptions, &keepCaptions)
    try read(.dropPageRepeated, &dropPageRepeated)
    try read(.sparsePageGoodLines, &sparsePageGoodLines)
    try read(.sparsePageScale, &sparsePageScale)
    try read(.blockGap, &blockGap)
    try read(.minBlockShare, &minBlockShare)
    try read(.minLeadBlockShare, &minLeadBlockShare)
    try read(.minBlockGoodShare, &minBlockGoodShare)
    try read(.proseClauseMarks, &proseClauseMarks)
    try read(.nearGoodRun, &nearGoodRun)
    try read(.headlineClauseMaxLength, &headlineClauseMaxLength)
    try read(.longProseLength, &longProseLength)
    try read(.longProseStopDensity, &longProseStopDensity)
    try read(.goodStopDensity, &goodStopDensity)
    try read(.endAtSectionHeader, &endAtSectionHeader)
    try read(.threadPostShare, &threadPostShare)
    try read(.recordListShare, &recordListShare)
    try read(.numberedListRows, &numberedListRows)
    try read(.teaserRunLines, &teaserRunLines)
    try read(.keepEllipsisLines, &keepEllipsisLines)
    try read(.keepInnerGaps, &keepInnerGaps)
    try read(.keepTableGaps, &keepTableGaps)
    try read(.keepListTails, &keepListTails)
    try read(.lineModel, &lineModel)
    try read(.densePageLineLength, &densePageLineLength)
    try read(.densePageShare, &densePageShare)
    try read(.densePageGoodLength, &densePageGoodLength)
    try read(.teaserListPairs, &teaserListPairs)
    try read(.endAtEndMarkers, &endAtEndMarkers)
    try read(.duplicateLineLength, &duplicateLineLength)
    try read(.dropHeadDatelines, &dropHeadDatelines)
    try read(.keepInnerClauseLines, &keepInnerClauseLines)
    try read(.keepInnerProse, &keepInnerProse)
    try read(.dropDateMetaLines, &dropDateMetaLines)
    try read(.dropAboveURLTitle, &dropAboveURLTitle)
    try read(.unwrapLines, &unwrapLines)
    try read(.skipBlankLines, &skipBlankLines)
    try read(.dropAdLabels, &dropAdLabels)
    try read(.dropButtonLabels, &dropButtonLabels)
    try read(.dropInlineRelated, &dropInlineRelated)
    try read(.dropMemberStatLines, &dropMemberStatLines)
    try read(.gluedTeaserLines, &gluedTeaserLines)
  }
}
