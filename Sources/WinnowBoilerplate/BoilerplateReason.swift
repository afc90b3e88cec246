/// A stable reason code for a line decision (`cookie-banner`, `site-repeated`, …).
///
/// Codes are part of the output (`--explain`, drop records) and never change meaning.
/// Kept lines have ``content`` (good on their own) or ``context`` (short or near-good lines
/// kept because of their neighbours), or ``caption``.
///
/// ```swift
/// BoilerplateReason.cookieBanner.rawValue   // "cookie-banner"
/// ```
public struct BoilerplateReason: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
  /// The code.
  public var rawValue: String
  /// Wraps a code.
  public init(rawValue: String) { self.rawValue = rawValue }
  /// The code.
  public var description: String { rawValue }

  // Kept.
  /// A good line (long, prose-like).
  public static let content = Self(rawValue: "content")
  /// A short or near-good line kept because of its neighbours.
  public static let context = Self(rawValue: "context")
  /// A line kept on a page where no line reads as prose (a table of contents, a list):
  /// every line no pattern dropped is kept rather than none.
  public static let noProse = Self(rawValue: "no-prose")
  /// A post of a forum thread: the varying line of each record in a run of dated records
  /// (user / date / post), kept on a page whose other kept text is far lighter (see
  /// ``BoilerplateOptions/threadPostShare``).
  public static let threadPost = Self(rawValue: "thread-post")
  /// A row of a record list: the varying lines between copies of a short chrome line
  /// repeated at a constant spacing (`Mark as watched`, `Add to cart`), kept on a page whose
  /// other kept text is far lighter (see ``BoilerplateOptions/recordListShare``).
  public static let recordList = Self(rawValue: "record-list")
  /// A line of a gap inside the article: between two kept lines, a run of dropped lines
  /// that holds no pattern drop other than number-only lines, no headline run and no date
  /// line (a table, a
  /// product list, a list of short items that split the article in two blocks); see
  /// ``BoilerplateOptions/keepInnerGaps``.
  public static let innerGap = Self(rawValue: "inner-gap")
  /// A line of a table that splits the article below its main block: the gap between a kept
  /// block and a lighter prose block after it holds only number-only lines (at least 30 %),
  /// dates, bylines and short lines; the block after it stays too. See
  /// ``BoilerplateOptions/keepTableGaps``.
  public static let tableGap = Self(rawValue: "table-gap")
  /// A line of a list that runs on below the article's last kept line: the article ends with
  /// list items kept by context, and the lines after it have the same shape (`June 24 --
  /// Jiffy Lube Live, Bristow, VA`). See ``BoilerplateOptions/keepListTails``.
  public static let listTail = Self(rawValue: "list-tail")
  /// A line the learned line model (``BoilerplateOptions/lineModel``) keeps although the
  /// rules dropped it by context or by its block (a short line of the article, a paragraph
  /// of a block the rules took for a sidebar).
  public static let modelContent = Self(rawValue: "model-content")
  /// A photo caption, kept without its credit.
  public static let caption = Self(rawValue: "caption")

  // Dropped by pattern.
  /// Cookie and consent banners.
  public static let cookieBanner = Self(rawValue: "cookie-banner")
  /// Language pickers.
  public static let languagePicker = Self(rawValue: "language-picker")
  /// Menus, separator-joined link rows, "skip to content".
  public static let navigation = Self(rawValue: "navigation")
  /// Login, subscribe, share, "follow us", app download; sign-up and comment form notices
  /// (`Your email address will not be published.`).
  public static let widget = Self(rawValue: "widget")
  /// Copyright and "all rights reserved", 版权所有.
  public static let copyright = Self(rawValue: "copyright")
  /// Site disclaimers (`该文观点仅代表作者本人`, `免责声明`).
  public static let disclaimer = Self(rawValue: "disclaimer")
  /// Site registration and licence lines: ICP/公网安备/互联网新闻信息许可证/网络文化经营许可证.
  public static let licenseRegistration = Self(rawValue: "license-registration")
  /// Report hotlines and contact lines (违法和不良信息举报).
  public static let hotlineContact = Self(rawValue: "hotline-contact")
  /// Bylines and editor/source lines (`Editor:`, `责任编辑：`, `来源：`).
  public static let byline = Self(rawValue: "byline")
  /// A line that is only a photo credit, or a caption when captions are not kept.
  public static let photoCredit = Self(rawValue: "photo-credit")
  /// Related-article lists, teasers, runs of headline-like lines.
  public static let relatedLinks = Self(rawValue: "related-links")
  /// Reference and citation lists (`^ …`).
  public static let references = Self(rawValue: "references")
  /// Lines holding only a date or time.
  public static let dateOnly = Self(rawValue: "date-only")
  /// Comment-section headers (`12 Comments`, `Leave a Reply`, `评论（3）`, `发表评论`).
  public static let commentSection = Self(rawValue: "comment-section")
  /// Breadcrumbs (`Home > News > World`, `首页>>新闻`).
  public static let breadcrumb = Self(rawValue: "breadcrumb")

  // Dropped by context or corpus.
  /// A short or near-good line dropped because of its neighbours.
  public static let shortContext = Self(rawValue: "short-context")
  /// A line with no letters or too few words for its length.
  public static let lowTextDensity = Self(rawValue: "low-text-density")
  /// A short line repeated on the same page.
  public static let pageRepeated = Self(rawValue: "page-repeated")
  /// A kept line in a block far lighter than the page's main block (teasers, comments, sidebars).
  public static let offMain = Self(rawValue: "off-main")
  /// A kept line after the article's end: below the main block, at or after the first
  /// related-articles or comments header or footer line (`Related stories`, `… Read more`,
  /// `12 Comments`, `发表评论`, `© 2024 …`, `京ICP备…`).
  public static let afterArticle = Self(rawValue: "after-article")
  /// A line the learned line model (``BoilerplateOptions/lineModel``) drops although the
  /// rules kept it: its probability of being main text is below the model's cut (teasers,
  /// comments, sidebars that read as prose). No pattern fixed the line.
  public static let lowScore = Self(rawValue: "low-score")
  /// A line recurring across many pages of one site (learned in a corpus pass).
  public static let siteRepeated = Self(rawValue: "site-repeated")
  /// An empty line.
  public static let empty = Self(rawValue: "empty")
}
