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
  /// A reason by its number (``knownName(_:)``).
  init(code: UInt32) { self.code = code }
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

  /// How many codes are defined here (numbered 0 ..< knownCount).
  static let knownCount: UInt32 = 38

  /// The defined code numbered `code` (< ``knownCount``).
  static func knownName(_ code: UInt32) -> String {
    switch code {
    case 0: "content"
    case 1: "context"
    case 2: "no-prose"
    case 3: "thread-post"
    case 4: "record-list"
    case 5: "inner-gap"
    case 6: "table-gap"
    case 7: "list-tail"
    case 8: "model-content"
    case 9: "caption"
    case 10: "cookie-banner"
    case 11: "language-picker"
    case 12: "navigation"
    case 13: "widget"
    case 14: "copyright"
    case 15: "disclaimer"
    case 16: "license-registration"
    case 17: "hotline-contact"
    case 18: "byline"
    case 19: "photo-credit"
    case 20: "related-links"
    case 21: "references"
    case 22: "date-only"
    case 23: "comment-section"
    case 24: "breadcrumb"
    case 25: "short-context"
    case 26: "low-text-density"
    case 27: "page-repeated"
    case 28: "off-main"
    case 29: "after-article"
    case 30: "low-score"
    case 31: "site-repeated"
    case 32: "empty"
    case 33: "related-list"
    case 34: "end-marker"
    case 35: "duplicate"
    case 36: "dateline"
    case 37: "inner-clause"
    default: ""
    }
  }

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
  public static var content: Self { Self(code: 0) }
  /// A short or near-good line kept because of its neighbours.
  public static var context: Self { Self(code: 1) }
  /// A line kept on a page where no line reads as prose (a table of contents, a list):
  /// every line no pattern dropped is kept rather than none.
  public static var noProse: Self { Self(code: 2) }
  /// A post of a forum thread: the varying line of each record in a run of dated records
  /// (user / date / post), kept on a page whose other kept text is far lighter (see
  /// ``BoilerplateOptions/threadPostShare``).
  public static var threadPost: Self { Self(code: 3) }
  /// A row of a record list: the varying lines between copies of a short chrome line
  /// repeated at a constant spacing (`Mark as watched`, `Add to cart`), kept on a page whose
  /// other kept text is far lighter (see ``BoilerplateOptions/recordListShare``).
  public static var recordList: Self { Self(code: 4) }
  /// A line of a gap inside the article: between two kept lines, a run of dropped lines
  /// that holds no pattern drop other than number-only lines, no headline run and no date
  /// line (a table, a
  /// product list, a list of short items that split the article in two blocks); see
  /// ``BoilerplateOptions/keepInnerGaps``.
  public static var innerGap: Self { Self(code: 5) }
  /// A line of a table that splits the article below its main block: the gap between a kept
  /// block and a lighter prose block after it holds only number-only lines (at least 30 %),
  /// dates, bylines and short lines; the block after it stays too. See
  /// ``BoilerplateOptions/keepTableGaps``.
  public static var tableGap: Self { Self(code: 6) }
  /// A line of a list that runs on below the article's last kept line: the article ends with
  /// list items kept by context, and the lines after it have the same shape (`June 24 --
  /// Jiffy Lube Live, Bristow, VA`). See ``BoilerplateOptions/keepListTails``.
  public static var listTail: Self { Self(code: 7) }
  /// A line the learned line model (``BoilerplateOptions/lineModel``) keeps although the
  /// rules dropped it by context or by its block (a short line of the article, a paragraph
  /// of a block the rules took for a sidebar).
  public static var modelContent: Self { Self(code: 8) }
  /// A photo caption, kept without its credit.
  public static var caption: Self { Self(code: 9) }

  // Dropped by pattern.
  /// Cookie and consent banners.
  public static var cookieBanner: Self { Self(code: 10) }
  /// Language pickers.
  public static var languagePicker: Self { Self(code: 11) }
  /// Menus, separator-joined link rows, "skip to content".
  public static var navigation: Self { Self(code: 12) }
  /// Login, subscribe, share, "follow us", app download; sign-up and comment form notices
  /// (`Your email address will not be published.`).
  public static var widget: Self { Self(code: 13) }
  /// Copyright and "all rights reserved", 版权所有.
  public static var copyright: Self { Self(code: 14) }
  /// Site disclaimers (`该文观点仅代表作者本人`, `免责声明`).
  public static var disclaimer: Self { Self(code: 15) }
  /// Site registration and licence lines: ICP/公网安备/互联网新闻信息许可证/网络文化经营许可证.
  public static var licenseRegistration: Self { Self(code: 16) }
  /// Report hotlines and contact lines (违法和不良信息举报).
  public static var hotlineContact: Self { Self(code: 17) }
  /// Bylines and editor/source lines (`Editor:`, `责任编辑：`, `来源：`).
  public static var byline: Self { Self(code: 18) }
  /// A line that is only a photo credit, or a caption when captions are not kept.
  public static var photoCredit: Self { Self(code: 19) }
  /// Related-article lists, teasers, runs of headline-like lines.
  public static var relatedLinks: Self { Self(code: 20) }
  /// Reference and citation lists (`^ …`).
  public static var references: Self { Self(code: 21) }
  /// Lines holding only a date or time.
  public static var dateOnly: Self { Self(code: 22) }
  /// Comment-section headers (`12 Comments`, `Leave a Reply`, `评论（3）`, `发表评论`).
  public static var commentSection: Self { Self(code: 23) }
  /// Breadcrumbs (`Home > News > World`, `首页>>新闻`).
  public static var breadcrumb: Self { Self(code: 24) }

  // Dropped by context or corpus.
  /// A short or near-good line dropped because of its neighbours.
  public static var shortContext: Self { Self(code: 25) }
  /// A line with no letters or too few words for its length.
  public static var lowTextDensity: Self { Self(code: 26) }
  /// A short line repeated on the same page.
  public static var pageRepeated: Self { Self(code: 27) }
  /// A kept line in a block far lighter than the page's main block (teasers, comments, sidebars).
  public static var offMain: Self { Self(code: 28) }
  /// A kept line after the article's end: below the main block, at or after the first
  /// related-articles or comments header or footer line (`Related stories`, `… Read more`,
  /// `12 Comments`, `发表评论`, `© 2024 …`, `京ICP备…`).
  public static var afterArticle: Self { Self(code: 29) }
  /// A line the learned line model (``BoilerplateOptions/lineModel``) drops although the
  /// rules kept it: its probability of being main text is below the model's cut (teasers,
  /// comments, sidebars that read as prose). No pattern fixed the line.
  public static var lowScore: Self { Self(code: 30) }
  /// A line recurring across many pages of one site (learned in a corpus pass).
  public static var siteRepeated: Self { Self(code: 31) }
  /// An empty line.
  public static var empty: Self { Self(code: 32) }
  /// A kept line of a teaser list that ends the kept text: a run of headline / one-sentence
  /// snippet pairs (`vivo X100 Ultra prices leak` / `All three will become official on May
  /// 13.` …) below the article. See ``BoilerplateOptions/teaserListPairs``. (Numbered after
  /// ``empty``: the codes before it keep their numbers.)
  public static var relatedList: Self { Self(code: 33) }
  /// A kept line at or after an end marker below the article: an author-box header (`About
  /// the author`, `Editör Hakkında`, `关于作者`) or a tags header (`Tags:`, `标签`) — the
  /// author's biography, the tags and what follows them. See
  /// ``BoilerplateOptions/endAtEndMarkers``.
  public static var endMarker: Self { Self(code: 34) }
  /// A later copy of a long kept line (a caption repeated by a slideshow, a standfirst
  /// repeated under the headline): the first copy stays. See
  /// ``BoilerplateOptions/duplicateLineLength``.
  public static var duplicate: Self { Self(code: 35) }
  /// A short line with a date that opens the article (`November 20, 2019 Emiliano Bellini`,
  /// `16 November 2017 • 2:15pm`, `2024年4月3日`): the first one in the head of the kept
  /// text with the first paragraph right below it. See
  /// ``BoilerplateOptions/dropHeadDatelines``.
  public static var dateline: Self { Self(code: 36) }
  /// A short line with clause punctuation (`Hi,`, `Smooth, soft, lustrous`, `不维护了已经。`)
  /// between the first and the last kept line, which the context pass had dropped
  /// (`short-context`) and which holds no date. See
  /// ``BoilerplateOptions/keepInnerClauseLines``.
  public static var innerClause: Self { Self(code: 37) }
}
