import Synchronization

/// A stable reason code for a line decision (`cookie-banner`, `site-repeated`, …).
///
/// Codes are part of the output (`--explain`, drop records) and never change meaning.
/// Kept lines have ``content`` (good on their own) or ``context`` (short or near-good lines
/// kept because of their neighbours), or ``caption``.
///
/// ```swift
/// BoilerplateReason.cookieBanner.rawValue   // "cookie-banner"
/// ```
///
/// A reason is stored as a small number (copies are plain integers, comparisons integer
/// comparisons): the codes this module defines are numbered in a table, and a code made from
/// any other string is registered once per process (its exact string kept) and numbered after
/// them. Equality and hashing are by ``rawValue`` as before (two custom codes that are equal
/// strings are equal). The registry keeps every distinct custom code for the life of the
/// process: make custom codes from a fixed set of names, not from input data.
public struct BoilerplateReason: RawRepresentable, Sendable, Hashable, Codable,
  CustomStringConvertible
{
  /// The reason's number: below ``knownCount`` one of the codes defined here (``knownName(_:)``),
  /// from it up a custom code's place in ``registry`` (+ ``knownCount``).
  var code: UInt32

  /// The code.
  public var rawValue: String {
    get {
      code < Self.knownCount
        ? Self.knownName(code) : Self.registry.withLock { $0[Int(code - Self.knownCount)] }
    }
    set { code = Self.intern(newValue) }
  }
  /// Wraps a code.
  public init(rawValue: String) { code = Self.intern(rawValue) }
  /// The code.
  public var description: String { rawValue }

  /// Equal codes: the same number, or two custom codes that are equal strings (a custom code
  /// is never equal to a known one: those are ASCII, and an equal string would have been
  /// given the known number).
  public static func == (a: Self, b: Self) -> Bool {
    a.code == b.code || (a.code >= knownCount && b.code >= knownCount && a.rawValue == b.rawValue)
  }
  /// Hashes ``rawValue`` (as the type did when it stored the string).
  public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }
  /// Decodes the code as a single string (as `RawRepresentable`'s default did).
  public init(from decoder: any Decoder) throws {
    self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
  }
  /// Encodes the code as a single string (as `RawRepresentable`'s default did).
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rawValue)
  }

  /// The codes defined here. A code's number is its case's place in this list (the
  /// declaration order): new codes go at the end, so the numbers of the others never change.
  enum Known: UInt32, CaseIterable {
    // Kept.
    case content, context, noProse, threadPost, recordList, innerGap, tableGap, listTail,
      modelContent, caption
    // Dropped by pattern.
    case cookieBanner, languagePicker, navigation, widget, copyright, disclaimer,
      licenseRegistration, hotlineContact, byline, photoCredit, relatedLinks, references, dateOnly,
      commentSection, breadcrumb
    // Dropped by context or corpus.
    case shortContext, lowTextDensity, pageRepeated, offMain, afterArticle, lowScore, siteRepeated,
      empty, relatedList, endMarker, duplicate, dateline
    // Kept: brought back after the context pass (numbered last, so no other number changes).
    case innerClause
    // Dropped after the context pass (numbered last, so no other number changes).
    case dateMeta
    // Dropped by the title the page's URL names (numbered last, so no other number changes).
    case title, aboveTitle
    // Dropped: an advertisement label (numbered last, so no other number changes).
    case advertisement
    // Kept: a long numbered list (numbered last, so no other number changes).
    case numberedList
    // Kept: a sentence between paragraphs that a pattern had dropped (numbered last).
    case innerProse

    /// Whether a line with this code is kept (every case listed, so that a new code must
    /// say).
    var keeps: Bool {
      switch self {
      case .content, .context, .noProse, .threadPost, .recordList, .innerGap, .tableGap,
        .listTail, .modelContent, .caption, .innerClause, .numberedList, .innerProse:
        true
      case .cookieBanner, .languagePicker, .navigation, .widget, .copyright, .disclaimer,
        .licenseRegistration, .hotlineContact, .byline, .photoCredit, .relatedLinks, .references,
        .dateOnly, .commentSection, .breadcrumb, .shortContext, .lowTextDensity, .pageRepeated,
        .offMain, .afterArticle, .lowScore, .siteRepeated, .empty, .relatedList, .endMarker,
        .duplicate, .dateline, .dateMeta, .title, .aboveTitle, .advertisement:
        false
      }
    }

    /// The code's string (part of the output: never changes).
    var name: String {
      switch self {
      case .content: "content"
      case .context: "context"
      case .noProse: "no-prose"
      case .threadPost: "thread-post"
      case .recordList: "record-list"
      case .innerGap: "inner-gap"
      case .tableGap: "table-gap"
      case .listTail: "list-tail"
      case .modelContent: "model-content"
      case .caption: "caption"
      case .cookieBanner: "cookie-banner"
      case .languagePicker: "language-picker"
      case .navigation: "navigation"
      case .widget: "widget"
      case .copyright: "copyright"
      case .disclaimer: "disclaimer"
      case .licenseRegistration: "license-registration"
      case .hotlineContact: "hotline-contact"
      case .byline: "byline"
      case .photoCredit: "photo-credit"
      case .relatedLinks: "related-links"
      case .references: "references"
      case .dateOnly: "date-only"
      case .commentSection: "comment-section"
      case .breadcrumb: "breadcrumb"
      case .shortContext: "short-context"
      case .lowTextDensity: "low-text-density"
      case .pageRepeated: "page-repeated"
      case .offMain: "off-main"
      case .afterArticle: "after-article"
      case .lowScore: "low-score"
      case .siteRepeated: "site-repeated"
      case .empty: "empty"
      case .relatedList: "related-list"
      case .endMarker: "end-marker"
      case .duplicate: "duplicate"
      case .dateline: "dateline"
      case .innerClause: "inner-clause"
      case .dateMeta: "date-meta"
      case .title: "title"
      case .aboveTitle: "above-title"
      case .advertisement: "advertisement"
      case .numberedList: "numbered-list"
      case .innerProse: "inner-prose"
      }
    }
  }

  /// How many codes are defined here (numbered 0 ..< knownCount).
  static let knownCount = UInt32(Known.allCases.count)

  /// Whether the classifier keeps a line with this reason (`content`, `context`,
  /// `inner-clause`, …) or drops it (`cookie-banner`, `short-context`, …); nil for a custom
  /// code, which only its stage knows.
  public var keepsLine: Bool? { Known(rawValue: code)?.keeps }

  /// The defined code numbered `code` (< ``knownCount``), or "" for another number.
  static func knownName(_ code: UInt32) -> String { Known(rawValue: code)?.name ?? "" }

  /// A defined code.
  init(_ known: Known) { code = known.rawValue }

  /// Custom codes (strings that are no defined code), in the order first made; never shrinks
  /// (a process makes few).
  static let registry = Mutex<[String]>([])

  /// The number of `s`: a defined code's when `s` has its bytes, else its place among the
  /// custom codes (registered if new; the same bytes get the same number).
  static func intern(_ s: String) -> UInt32 {
    let count = s.utf8.count
    for c in 0..<knownCount {
      let name = knownName(c)
      if name.utf8.count == count && name.utf8.elementsEqual(s.utf8) { return c }
    }
    return registry.withLock { r in
      if let k = r.firstIndex(where: { $0.utf8.count == count && $0.utf8.elementsEqual(s.utf8) }) {
        return knownCount + UInt32(k)
      }
      r.append(s)
      return knownCount + UInt32(r.count - 1)
    }
  }

  // Kept.
  /// A good line (long, prose-like).
  public static var content: Self { Self(.content) }
  /// A short or near-good line kept because of its neighbours.
  public static var context: Self { Self(.context) }
  /// A line kept on a page where no line reads as prose (a table of contents, a list):
  /// every line no pattern dropped is kept rather than none.
  public static var noProse: Self { Self(.noProse) }
  /// A post of a forum thread: the varying line of each record in a run of dated records
  /// (user / date / post), kept on a page whose other kept text is far lighter (see
  /// ``BoilerplateOptions/threadPostShare``).
  public static var threadPost: Self { Self(.threadPost) }
  /// A row of a record list: the varying lines between copies of a short chrome line
  /// repeated at a constant spacing (`Mark as watched`, `Add to cart`), kept on a page whose
  /// other kept text is far lighter (see ``BoilerplateOptions/recordListShare``).
  public static var recordList: Self { Self(.recordList) }
  /// A line of a gap inside the article: between two kept lines, a run of dropped lines
  /// that holds no pattern drop other than number-only lines, no headline run and no date
  /// line (a table, a
  /// product list, a list of short items that split the article in two blocks); see
  /// ``BoilerplateOptions/keepInnerGaps``.
  public static var innerGap: Self { Self(.innerGap) }
  /// A line of a table that splits the article below its main block: the gap between a kept
  /// block and a lighter prose block after it holds only number-only lines (at least 30 %),
  /// dates, bylines and short lines; the block after it stays too. See
  /// ``BoilerplateOptions/keepTableGaps``.
  public static var tableGap: Self { Self(.tableGap) }
  /// A line of a list that runs on below the article's last kept line: the article ends with
  /// list items kept by context, and the lines after it have the same shape (`June 24 --
  /// Jiffy Lube Live, Bristow, VA`). See ``BoilerplateOptions/keepListTails``.
  public static var listTail: Self { Self(.listTail) }
  /// A line the learned line model (``BoilerplateOptions/lineModel``) keeps although the
  /// rules dropped it by context or by its block (a short line of the article, a paragraph
  /// of a block the rules took for a sidebar).
  public static var modelContent: Self { Self(.modelContent) }
  /// A photo caption, kept without its credit.
  public static var caption: Self { Self(.caption) }

  // Dropped by pattern.
  /// Cookie and consent banners.
  public static var cookieBanner: Self { Self(.cookieBanner) }
  /// Language pickers.
  public static var languagePicker: Self { Self(.languagePicker) }
  /// Menus, separator-joined link rows, "skip to content".
  public static var navigation: Self { Self(.navigation) }
  /// Login, subscribe, share, "follow us", app download; sign-up and comment form notices
  /// (`Your email address will not be published.`).
  public static var widget: Self { Self(.widget) }
  /// Copyright and "all rights reserved", 版权所有.
  public static var copyright: Self { Self(.copyright) }
  /// Site disclaimers (`该文观点仅代表作者本人`, `免责声明`).
  public static var disclaimer: Self { Self(.disclaimer) }
  /// Site registration and licence lines: ICP/公网安备/互联网新闻信息许可证/网络文化经营许可证.
  public static var licenseRegistration: Self { Self(.licenseRegistration) }
  /// Report hotlines and contact lines (违法和不良信息举报).
  public static var hotlineContact: Self { Self(.hotlineContact) }
  /// Bylines and editor/source lines (`Editor:`, `责任编辑：`, `来源：`).
  public static var byline: Self { Self(.byline) }
  /// A line that is only a photo credit, or a caption when captions are not kept.
  public static var photoCredit: Self { Self(.photoCredit) }
  /// Related-article lists, teasers, runs of headline-like lines.
  public static var relatedLinks: Self { Self(.relatedLinks) }
  /// Reference and citation lists (`^ …`).
  public static var references: Self { Self(.references) }
  /// Lines holding only a date or time.
  public static var dateOnly: Self { Self(.dateOnly) }
  /// Comment-section headers (`12 Comments`, `Leave a Reply`, `评论（3）`, `发表评论`).
  public static var commentSection: Self { Self(.commentSection) }
  /// Breadcrumbs (`Home > News > World`, `首页>>新闻`).
  public static var breadcrumb: Self { Self(.breadcrumb) }

  // Dropped by context or corpus.
  /// A short or near-good line dropped because of its neighbours.
  public static var shortContext: Self { Self(.shortContext) }
  /// A line with no letters or too few words for its length.
  public static var lowTextDensity: Self { Self(.lowTextDensity) }
  /// A short line repeated on the same page.
  public static var pageRepeated: Self { Self(.pageRepeated) }
  /// A kept line in a block far lighter than the page's main block (teasers, comments, sidebars).
  public static var offMain: Self { Self(.offMain) }
  /// A kept line after the article's end: below the main block, at or after the first
  /// related-articles or comments header or footer line (`Related stories`, `… Read more`,
  /// `12 Comments`, `发表评论`, `© 2024 …`, `京ICP备…`).
  public static var afterArticle: Self { Self(.afterArticle) }
  /// A line the learned line model (``BoilerplateOptions/lineModel``) drops although the
  /// rules kept it: its probability of being main text is below the model's cut (teasers,
  /// comments, sidebars that read as prose). No pattern fixed the line.
  public static var lowScore: Self { Self(.lowScore) }
  /// A line recurring across many pages of one site (learned in a corpus pass).
  public static var siteRepeated: Self { Self(.siteRepeated) }
  /// An empty line.
  public static var empty: Self { Self(.empty) }
  /// A kept line of a teaser list that ends the kept text: a run of headline / one-sentence
  /// snippet pairs (`vivo X100 Ultra prices leak` / `All three will become official on May
  /// 13.` …) below the article. See ``BoilerplateOptions/teaserListPairs``. (Numbered after
  /// ``empty``: the codes before it keep their numbers.)
  public static var relatedList: Self { Self(.relatedList) }
  /// A kept line at or after an end marker below the article: an author-box header (`About
  /// the author`, `Editör Hakkında`, `关于作者`) or a tags header (`Tags:`, `标签`) — the
  /// author's biography, the tags and what follows them. See
  /// ``BoilerplateOptions/endAtEndMarkers``.
  public static var endMarker: Self { Self(.endMarker) }
  /// A later copy of a long kept line (a caption repeated by a slideshow, a standfirst
  /// repeated under the headline): the first copy stays. See
  /// ``BoilerplateOptions/duplicateLineLength``.
  public static var duplicate: Self { Self(.duplicate) }
  /// A short line with a date that opens the article (`November 20, 2019 Emiliano Bellini`,
  /// `16 November 2017 • 2:15pm`, `2024年4月3日`): the first one in the head of the kept
  /// text with the first paragraph right below it. See
  /// ``BoilerplateOptions/dropHeadDatelines``.
  public static var dateline: Self { Self(.dateline) }
  /// A short line with clause punctuation (`Hi,`, `Smooth, soft, lustrous`, `不维护了已经。`)
  /// between the first and the last kept line, which the context pass had dropped
  /// (`short-context`) and which holds no date. See
  /// ``BoilerplateOptions/keepInnerClauseLines``.
  public static var innerClause: Self { Self(.innerClause) }
  /// A short line kept only by context that holds a date and no terminal punctuation — the
  /// meta line of a post or teaser (`Posted 03/12/2014`, `3 days ago`, `5分钟前`). See
  /// ``BoilerplateOptions/dropDateMetaLines``.
  public static var dateMeta: Self { Self(.dateMeta) }
  /// The page's headline, found by its URL: the first line that holds every word of the
  /// URL's slug (`…/michigan-officials-6th-fatality-linked-to-eastern-equine-encephalitis-reported/`
  /// names `Michigan Officials: 6th Fatality Linked To Eastern Equine Encephalitis Reported`).
  /// See ``BoilerplateOptions/dropAboveURLTitle``.
  public static var title: Self { Self(.title) }
  /// A line kept by the other rules above the page's headline (``title``): menus, teasers and
  /// other stories that read as prose. See ``BoilerplateOptions/dropAboveURLTitle``.
  public static var aboveTitle: Self { Self(.aboveTitle) }
  /// A line that is only an advertisement label or an ad slot's marker (`Advertisement`,
  /// `- Anzeige -`, `Sponsored Content`, `Story continues below advertisement`, `广告`)
  /// that the other rules kept. See ``BoilerplateOptions/dropAdLabels``.
  public static var advertisement: Self { Self(.advertisement) }
  /// A line of a long list numbered without a gap (`1.第1章 林轩`, `2.第2章 …`, … for at
  /// least 50 rows: a novel's table of contents) that the context pass dropped as a link
  /// list. See ``BoilerplateOptions/numberedListRows``.
  public static var numberedList: Self { Self(.numberedList) }
  /// A long sentence of prose between two paragraphs that a pattern had dropped for words
  /// inside it (`Residents must first create an account on the city's website, …`, a
  /// hotline's number in a news story). See ``BoilerplateOptions/keepInnerProse``.
  public static var innerProse: Self { Self(.innerProse) }
}
