@_spi(WorkCounting) import Winnow

/// The pattern families: each recognizes one kind of boilerplate line and names its reason.
///
/// Every check is a constant-needle scan of the line's bytes (ASCII lowercased), so the
/// whole family runs in time linear in the line length; no regular expressions.
enum LinePatterns {
  typealias B = [[UInt8]]
  static let cookie: B = BytePatterns.list(["cookie", "使用cookie", "gdpr"])
  static let cookieContext: B = BytePatterns.list([
    "accept", "consent", "agree", "browse", "setting", "policy", "privacy", "同意", "隐私",
    // (`使用` only next to the word, `本站使用 cookie`: alone it is in every other Chinese
    // sentence, and a man page on X's `access cookie` has it.)
    "使用cookie", "使用 cookie",
    // How a banner says what the cookies are for (`We use cookies`, `use of cookies`, `This
    // site uses cookies`, `These cookies track …`) and what they collect (`cookie
    // identifiers … personal information`, `personalised ads`, `opt out`). Not `use` alone:
    // it is in `because`, `used`, `user`, and a paragraph on taste receptors that mentions
    // a chocolate chip cookie was a banner. (Not `third parties` either: `ensuring cookies
    // aren't readable by third parties` is a web developer's article.)
    "we use", "use cookies", "use of cookies", "uses cookies", "cookies use", "cookies are used",
    "these cookies", "personal information", "personal data", "personaliz", "personalis",
    "opt out", "opt-out",
    // Cookie-settings panels (`These cookies allow us to count visits …`): long, prose-like,
    // and without the banner's words, they became a page's heaviest block. (Needles opening
    // with `cookie`: one opening with `the` or `our` would be looked up at every `the`.)
    "cookies allow", "cookies enable",
  ])
  static let language: B = BytePatterns.list([
    "choose your language", "select language", "select your language", "change language",
    "choose language",
    "language:", "选择语言", "语言选择", "切换语言",
  ])
  static let registration: B = BytePatterns.list([
    "icp备", "icp证", "icp 备", "公网安备", "网安备", "互联网新闻信息", "网络文化经营", "经营许可证", "备案号", "备案编号",
    "广播电视节目制作", "视听节目许可", "出版服务许可", "药品信息服务", "增值电信业务",
  ])
  static let registrationWeak: B = BytePatterns.list(["许可证", "备案"])
  static let hotline: B = BytePatterns.list([
    "违法和不良信息举报", "不良信息举报", "举报电话", "举报邮箱", "举报中心", "举报专区", "hotline", "客服电话", "服务热线",
    "联系电话", "联系我们", "contact us", "投诉电话",
    // A news site's tip line (`澎湃新闻报料：021-962866`).
    "报料",
  ])
  static let copyright: B = BytePatterns.list([
    "all rights reserved", "copyright ©", "copyright (c)", "copyright©", "©", "版权所有", "版权声明",
    // `未经授权` / `未经许可` with what they forbid (`未经授权禁止复制`, `未经书面许可，不得…`):
    // alone the words are prose (`保护文档免受未经授权的修改`, `未经许可的访问`).
    "未经授权禁止", "未经授权，禁止", "未经授权不得", "未经授权，不得", "未经许可禁止", "未经许可，禁止",
    "未经许可不得", "未经许可，不得", "未经书面授权", "未经书面许可", "未经本网授权", "未经本站授权",
    "不得转载", "禁止转载", "转载请注明", "rights reserved",
    // (Not `转载必须注明…`: a licence line under a forum's first post, `本作品采用《CC 协议》，
    // 转载必须注明作者和本文链接`, is no footer, and the replies below it are the page.)
    "请勿转载", "严禁转载", "谢绝转载",
    // A blog's and a forum's footer without its `©` (`Awesome Inc. theme. Powered by
    // Blogger.`, `Proudly powered by WordPress`, `Powered by Discuz! X3.4`).
    "powered by blogger", "proudly powered by", "powered by discuz",
    // A wiki's licence footer (`Text is available under the Creative Commons
    // Attribution-ShareAlike License; additional terms may apply.`).
    "text is available under the creative commons",
  ])
  static let bylinePrefix: B = BytePatterns.list([
    "责任编辑", "责编", "编辑：", "编辑:", "来源：", "来源:", "作者：", "作者:", "记者：", "记者:", "原标题", "文/", "文／",
    "(责编", "（责编", "（责任编辑", "(责任编辑", "【责任编辑", "[责任编辑", "本文来源", "稿源", "发布时间", "发稿时间", "时间：",
    "editor:", "editors:", "edited by", "source:", "author:", "reporter:", "written by",
    "posted by", "published by",
    // A cnblogs post's footer (`posted @ 2024-05-09 14:45 作者 阅读(430) 评论(2) 编辑 收藏 举报`).
    "posted @",
    "reviewed by", "updated:", "published:", "posted:", "by ",
    // `Published on …` in the languages of a mixed crawl (`Veröffentlicht am 19. Dezember 2022
    // von Redaktion`, `Publié le 12 mars 2024`).
    "veröffentlicht am", "publié le", "publicado el", "publicado em", "pubblicato il",
  ])
  static let bylineAnywhere: B = BytePatterns.list(["责任编辑", "来源：", "来源:", "编辑："])
  static let photoCreditPrefix: B = BytePatterns.list([
    "photo:", "photo by", "photos:", "photo credit", "image:", "image credit", "credit:", "图片来源",
    "图/", "图：", "摄影：",
    "摄影:", "(photo", "（图片来源", "[photo", "getty images", "图片：",
    // BBC's embeds (`Image copyright Getty Images`), and other languages' photo lines.
    "image copyright", "foto:", "fotos:", "bild:", "fonte:", "crédito:", "créditos:",
  ])
  static let widget: B = BytePatterns.list([
    "sign in", "log in", "login", "sign up", "subscribe", "newsletter", "share this", "share on",
    "follow us", "follow on",
    "download the app", "get the app", "app store", "google play", "print this", "skip to",
    "toggle navigation",
    "登录", "注册", "订阅", "分享到", "关注我们", "下载客户端", "扫一扫", "扫码", "二维码", "微信公众号", "返回顶部",
    "收藏", "打印", "字号", "手机版", "客户端",
    // A forum's vote buttons (`Upvote 12 Downvote Share`) and a sponsor's slot (`Sponsored by
    // …`), short and without a sentence's end.
    "downvote", "sponsored by",
  ])
  /// Sign-up, comment and consent form notices, at any length up to the pattern limit
  /// (`Your email address will not be published.`, `By clicking …`).
  static let formNotice: B = BytePatterns.list([
    // (`By clicking …` opens a consent notice: a lead, ``consentLeads``. Inside a line it is a
    // how-to's step, `Open the Gallery by clicking the Gallery icon`, but for a button's
    // call, `… BY CLICKING HERE`, and a sign-up form's `… activation link …`.)
    "by clicking here", "activation link", "you must be logged in", "enter your email",
    "email address will not be published",
    "required fields are marked", "akismet", "all fields are required", "unsubscribe",
    "create an account",
    "sign up for our", "subscribe to our", "delivered to your inbox", "we may earn",
    "quotes delayed", "立即注册",
    // Calls to scan a QR code that a text copy does not hold (`扫描关注官方公众号`); not
    // `欢迎关注…公众号` (a blogger's sign-off, part of the post for the golds) nor the words
    // `关注` or `公众号` alone (an article about WeChat has them).
    "扫码关注", "扫描关注", "长按关注",
    // A forum's notice in place of its reply form (`Please Login or Register to reply to this
    // topic.`, `Sign in to post a reply.`), and a Q&A site's vote buttons' tooltips (`This
    // question shows research effort; it is useful and clear`): the login words together
    // with what the form is for, not `log in` alone (an article about an app has it).
    "log in to reply", "log in to post", "log in to comment", "login to reply", "login to post",
    "login to comment", "sign in to reply", "sign in to post", "sign in to comment",
    "logged in to reply", "logged in to post", "logged in to comment", "register to reply",
    "register to post", "register to comment", "to reply to this topic", "to reply to this thread",
    "question shows research effort", "show any research effort",
    // A news site's market-data notice under its quotes (`Most stock quote data provided by
    // BATS. Market indices are shown in real time, …`: long, read only as a lead) and its
    // messenger promo.
    "most stock quote data", "market data provided by", "chat with us in facebook messenger",
    // The comment form every WordPress blog shows under its posts, in the translations a
    // mixed crawl meets (`Notify me of follow-up comments by email.`, `Benachrichtige mich
    // über nachfolgende Kommentare via E-Mail.`, `Votre adresse e-mail ne sera pas publiée.`).
    // (The first sentence of each notice, as short as it is specific: every needle adds
    // states to the scanner's table.)
    "notify me of follow", "notify me of new posts", "save my name, email",
    "adresse wird nicht veröffentlicht", "(wird nicht veröffentlicht)",
    "wird niemals veröffentlicht",
    "benachrichtige mich", "bei weiteren kommentaren", "meinen namen, meine e-mail",
    "e-mail ne sera pas publiée", "prévenez-moi de tous", "electrónico no será publicada",
    "e-mail não será publicado", "email non sarà pubblicato", "mailadres wordt niet gepubliceerd",
    "email не будет опубликован", "地址不会被公开", "アドレスが公開されること",
    // The form's field labels with their notice (`Email (will not be published)`).
    "(will not be published)",
    // A form's reCAPTCHA notice (`This site is protected by reCAPTCHA and the Google Privacy
    // Policy and Terms of Service apply.`). (Not a video player's `Use Up/Down Arrow keys to
    // increase or decrease volume.`: on DEV its drop cost a Turkish page its end marker.)
    "protected by recaptcha",
    // A forum engine's notices in place of a post (NodeBB: `This topic has been deleted. Only
    // users with topic management privileges can see it.`, `Something went wrong. Please try
    // reloading.`, in its Chinese translation too), a topic's meta line (bbPress: `This topic
    // has 0 replies, 1 voice, and was last updated 7 years ago by …`), and the reply notice of
    // the `to reply to this topic` forms in Portuguese and Spanish.
    "topic management privileges", "主题管理权限", "please try reloading", "请尝试重新加载",
    "voice, and was last updated", "voices, and was last updated",
    "replies, and was last updated", "para responder a este tópico", "para responder a este tema",
    // A newsletter form's confirmation (`Thanks! Please check your inbox to confirm your
    // subscription.`), a donation appeal (`Please consider making a completely voluntary
    // contribution …`; not `voluntary contribution` alone: a pension fund takes them), and
    // Baidu's note on its authors' medals (`由内容质量、互动评论、分享传播等多维度分值决定，
    // 勋章级别越高…`).
    "to confirm your subscription", "please consider making a", "please consider donating",
    "勋章级别越高",
    // The chrome of platforms a crawl meets on every other page, in their own words: Blogger's
    // feed widget and post footer (`An error has occurred; the feed is probably down. Try
    // again later.`, in Indonesian too; `Subscribe to: Post Comments (Atom)`, `Email This
    // BlogThis! Share to X`), Stack Exchange's (`Not the answer you're looking for? Browse
    // other questions tagged …`, `To subscribe to this RSS feed, copy and paste this URL into
    // your RSS reader.`, `Stack Exchange network consists of 183 Q&A communities …`),
    // Medium's (`Sign up to discover human stories that deepen your understanding of the
    // world.`, `Distraction-free reading. No ads.`, `Read member-only stories`), X's (`People
    // on X are the first to know.`, `Don’t miss what’s happening`, and its Chinese),
    // Substack's (`Subscribe for free to receive new posts and support my work.`), a comment
    // form's `All comments are moderated before …`, Baidu Baike's call to edit (`本词条缺少
    // 概述图…`), a podcast's (`Listen to every episode … sponsor-free and support our work …`)
    // and IMDb's chart note. (Not a forum's posting rule under its replies, `请勿发布不友善…`:
    // on DEV the replies above it, short, went with it.)
    "the feed is probably down", "umpan tersebut kemungkinan sedang anjlok",
    "subscribe to: post comments", "blogthis!",
    "not the answer you're looking for", "not the answer you’re looking for",
    "copy and paste this url into your rss reader", "stack exchange network consists of",
    "sign up to discover human stories", "distraction-free reading", "read member-only stories",
    "people on x are the first to know", "x 上的用户能够抢先知道", "don’t miss what’s happening",
    "don't miss what's happening", "subscribe for free to receive new posts",
    "all comments are moderated", "本词条缺少", "sponsor-free and support",
    "our most popular charts use data",
    // MediaWiki's page chrome (`From Wikipedia, the free encyclopedia`, `Jump to navigation
    // Jump to search`, `This article needs additional citations for verification.`, `This
    // page was last edited on …`; not `Retrieved from "…"`: a wiki's gold keeps it), Reddit's
    // (`Archived post. New comments cannot be posted …`, `Continue browsing in r/…`, `Get the
    // Reddit app`), a forum engine's browser notices (`You are using an out of date browser.`,
    // `JavaScript is disabled. For a better experience, …`, `This thread is archived`),
    // Disqus's (`Please enable JavaScript to view the comments powered by Disqus.`), a video
    // player's fallback text, and Zhihu's column note (`文章被收录于专栏：`).
    "from wikipedia, the free encyclopedia", "jump to navigation",
    "needs additional citations for verification", "this page was last edited on",
    "archived post. new comments cannot be posted", "continue browsing in r/",
    "go to reddit home", "get the reddit app", "you are using an out of date browser",
    "upgrade or use an alternative browser", "javascript is disabled. for a better experience",
    "this thread is archived", "enable javascript to view the comments",
    "comments powered by disqus", "your browser does not support the video",
    "this video can not be played", "this video cannot be played", "文章被收录于专栏",
    // Stack Exchange's sidebar ads for its own product (`Ask questions, find answers and
    // collaborate at work with Stack Overflow for Teams.`, `Connect and share knowledge within
    // a single location that is structured and easy to search.`), a news site's newsletter
    // box (`… delivered weekday mornings.`, `Let our news meet your inbox.`), and a call to
    // comment (`Be the first to comment`, in Turkish too). (Not Haber7's count line `Bu
    // Habere 21 Yorum Yapılmış`: on DEV it is what ends the article, as an end marker.)
    "stack overflow for teams", "structured and easy to search", "delivered weekday mornings",
    "let our news meet your inbox", "be the first to comment", "ilk yorum yapan sen ol",
    "İlk yorum yapan sen ol",
    // Chinese article pages' chrome: a comment box's `登录后才能查看或发表评论`, WeChat's
    // (`分享让更多人看到`, `继续滑动看下一个`, `轻触阅读原文`), NetEase's stand-in for a picture
    // (`打开网易新闻 查看精彩图片`).
    "登录后才能", "分享让更多人看到", "滑动看下一个", "轻触阅读原文", "查看精彩图片",
    // WordPress's share buttons as a text copy reads them (`Click to share on Twitter (Opens
    // in new window)`).
    "click to share on", "(opens in new window)",
  ])
  /// Consent notices that open with what the reader does or agrees to (`By signing up you
  /// agree to our Terms of Use and Privacy Policy.`, `I agree to the Privacy Policy & Terms of
  /// use.`): a notice only with one of ``consentWords`` in the line (`By continuing the
  /// talks, …`, `I agree to some extent with …` are prose).
  static let consentLeads: B = BytePatterns.list([
    "by clicking", "by signing up", "by signing in", "by subscribing", "by registering",
    "by submitting",
    "by creating", "by continuing", "by using", "i agree to", "i consent to", "i'm okay with",
    "i’m okay with",
  ])
  static let consentWords: B = BytePatterns.list(["terms", "privacy", "consent", "personal data"])
  /// Site disclaimers (`平台声明：该文观点仅代表作者本人…`).
  static let disclaimer: B = BytePatterns.list([
    "仅代表作者", "免责声明", "不代表本站", "不代表本网",
    // A platform's notice on its users' posts (`…本平台仅提供信息存储空间服务。`).
    "仅提供信息存储空间",
    // An Indonesian news network's syndication note under the article, with its title again
    // (`Artikel ini telah tayang di Kompas.com dengan judul "…"`).
    "artikel ini telah tayang di",
    // The self-media platforms' notices in their other wordings (`特别声明：本文为网易自媒体
    // 平台“网易号”作者上传并发布，仅代表该作者观点。网易仅提供信息发布平台。`, The Paper's
    // `本文为澎湃号作者或机构在澎湃新闻上传并发布，…`), and an AI summary's (`以上内容由AI
    // 生成，仅供参考`).
    "上传并发布", "仅代表该作者", "信息发布平台", "以上内容由ai生成",
  ])
  static let relatedHeader: B = BytePatterns.list(
    [
      "related", "you may also like", "recommended", "more from", "read more", "see also",
      "most popular", "trending",
      "相关阅读", "相关新闻", "相关文章", "相关推荐", "热门文章", "热点推荐", "推荐阅读", "延伸阅读", "猜你喜欢", "热门点击", "排行榜",
      "精彩推荐", "更多精彩", "you might also like", "you may like", "more stories", "more news",
      "more articles",
      "more like this", "more on this", "latest news", "latest stories", "top stories",
      "other news",
      "editor's picks",
      "editors' picks", "don't miss", "read next", "what to read next", "相关链接", "热门推荐", "大家都在看",
      "最新文章",
      "热门排行", "阅读排行", "编辑推荐",
      // Other languages (`BytePatterns.list` adds their non-ASCII capitals; Turkish `İ` is
      // listed as written: it is no capital of `i` in the root locale).
      "lesen sie auch", "mehr zum thema", "ähnliche artikel",
      "das könnte sie auch interessieren",
      "articles similaires", "à lire aussi", "a lire aussi", "sur le même sujet",
      "artículos relacionados", "noticias relacionadas", "te puede interesar",
      "también te puede interesar",
      "leia também", "notícias relacionadas", "leggi anche", "articoli correlati",
      "potrebbe interessarti",
      "lees ook", "gerelateerde artikelen", "ilgili haberler", "İlgili haberler", "benzer haberler",
      "czytaj także",
      "zobacz też", "baca juga", "berita terkait", "artikel terkait", "читайте также",
      "похожие статьи",
      // The accounts X lists beside a post (`Relevant people`, `Who to follow`, and their
      // Chinese), and Stack Exchange's sidebar of other sites' questions.
      "relevant people", "who to follow", "相关用户", "推荐关注", "hot network questions",
    ] + prevNextWords)
  /// The related headers that may carry a title after them, up to a teaser's length
  /// (`上一篇：国务院常务会议部署稳就业工作`, `Next Post: How to boil eggs`): a blog's and a
  /// news site's links to the posts beside this one, under the article. They are
  /// ``relatedHeader``s too (so its first-byte gate opens for them).
  static let prevNextPrefix: B = BytePatterns.list(prevNextWords)
  private static let prevNextWords = [
    "上一篇", "下一篇", "previous post", "next post", "previous article", "next article",
  ]
  static let teaserSuffix: B = BytePatterns.list([
    "…", "...", "【详细】", "[详细]", "查看更多", "更多>>", "更多>", "read more", "more »", "more>>", "»", "阅读全文",
  ])
  static let breadcrumbMarks: B = BytePatterns.list([
    " > ", ">>", " » ", " › ", "you are here",
    // The Chinese label with its colon (`当前位置：首页 > 新闻`): alone, `当前位置` is an
    // editor manual's `选择当前位置与行尾之间的内容`.
    "当前位置：", "当前位置:", "您的位置：", "您的位置:", "您现在的位置",
  ])
  static let homePrefix: B = BytePatterns.list(["首页", "home"])
  static let referencePrefix: B = BytePatterns.list(["^ ", "↑ "])
  static let separators: B = BytePatterns.list(["|", "｜", " · ", "•"])

  /// The prefix families by first byte.
  enum PrefixSets {
    static let photoCreditPrefix = PrefixSet(LinePatterns.photoCreditPrefix)
    static let bylinePrefix = PrefixSet(LinePatterns.bylinePrefix)
    static let referencePrefix = PrefixSet(LinePatterns.referencePrefix)
    static let homePrefix = PrefixSet(LinePatterns.homePrefix)
    static let relatedHeader = PrefixSet(LinePatterns.relatedHeader)
    static let prevNextPrefix = PrefixSet(LinePatterns.prevNextPrefix)
    static let teaserSuffix = SuffixSet(LinePatterns.teaserSuffix)
    static let formNotice = PrefixSet(LinePatterns.formNotice)
    static let consentLeads = PrefixSet(LinePatterns.consentLeads)
  }

  /// The bits of ``setGate``.
  enum Gate {
    static let photoCredit: UInt8 = 1
    static let byline: UInt8 = 2
    static let reference: UInt8 = 4
    static let home: UInt8 = 8
    static let relatedHeader: UInt8 = 16
    static let teaser: UInt8 = 32
    static let formNoticeLead: UInt8 = 64
    static let consentLead: UInt8 = 128
  }

  /// Per byte, which of ``match``'s prefix sets hold a string opening with it (``Gate``'s
  /// photo credit, byline, reference, home and related-header bits) and whether a teaser
  /// suffix ends with it (``Gate/teaser``). A set whose bit the line's first (last) byte
  /// lacks cannot match, and `match` skips its look-up (six per line were ≈ 40
  /// instructions each).
  static let setGate: [UInt8] = {
    var g = [UInt8](repeating: 0, count: 256)
    let prefixes: [(B, UInt8)] = [
      (photoCreditPrefix, Gate.photoCredit), (bylinePrefix, Gate.byline),
      (referencePrefix, Gate.reference),
      (homePrefix, Gate.home), (relatedHeader, Gate.relatedHeader),
      (formNotice + consentLeads, Gate.formNoticeLead), (consentLeads, Gate.consentLead),
    ]
    for (list, bit) in prefixes { for p in list { if let b = p.first { g[Int(b)] |= bit } } }
    for p in teaserSuffix { if let b = p.last { g[Int(b)] |= Gate.teaser } }
    return g
  }()

  /// The families searched anywhere in a line, in one scan (``NeedleScanner``).
  enum Family: Int, CaseIterable {
    case cookie, cookieContext, language, registration, registrationWeak, hotline, copyright,
      bylineAnywhere,
      breadcrumbMarks, widget, formNotice, disclaimer
  }

  /// All the anywhere-needles with their family, and the separators (counted, not just found).
  static let scanner = NeedleScanner(
    families: [
      cookie, cookieContext, language, registration, registrationWeak, hotline, copyright,
      bylineAnywhere,
      breadcrumbMarks, widget, formNotice, disclaimer,
    ],
    counted: separators)

  /// The reason a line is boilerplate by its own patterns, or nil.
  ///
  /// - Parameters:
  ///   - bytes: the trimmed line's UTF-8 with ASCII letters lowercased.
  ///   - f: its features.
  ///   - options: the classifier options.
  static func match(_ bytes: [UInt8], _ f: LineFeatures, _ options: BoilerplateOptions)
    -> BoilerplateReason?
  {
    bytes.withUnsafeBufferPointer { match($0, f, options) }
  }

  /// ``match(_:_:_:)`` over a buffer: one scan finds every family's needles and counts the
  /// separators, then the rules run in their fixed order on the result.
  ///
  /// - Parameters:
  ///   - scanned: the line's full scan by ``scanner`` when the caller made it (a line
  ///     ``scansInFull(_:_:)`` says is scanned in full; ``fullScans(_:_:)``).
  ///   - original: the line as written (`bytes` before lowering), when the caller has it:
  ///     a byline's `Written by` then reads the case of the word after `by`
  ///     (``isCreditPhrase(_:_:)``).
  static func match(
    _ bytes: UnsafeBufferPointer<UInt8>, _ f: LineFeatures, _ options: BoilerplateOptions,
    scanned: NeedleScanner.Result? = nil, original: UnsafeBufferPointer<UInt8>? = nil
  ) -> BoilerplateReason? {
    // One scan answers the rules; a line too long for the rules below the cookie banner's is
    // first scanned for the cookie needles alone (most have none), and then fully only if a
    // rule asks more (``Scan``).
    let scan =
      scanned.map { Scan(bytes, complete: $0) }
      ?? Scan(bytes, cookieFirst: !scansInFull(f, options))
    @inline(__always) func has(_ family: Family) -> Bool { scan.has(family) }
    var seps: Int { scan.separators }
    if has(.cookie) && has(.cookieContext) && hasCookieWord(bytes) { return .cookieBanner }
    // (A copyright lead opens with `©` (C2 A9) or `copyright`: other first bytes skip the call.)
    if let b = bytes.first, b == 0x63 || b == 0xC2, isCopyrightLead(bytes) { return .copyright }
    // Which prefix sets the first byte can open, and whether the last can end a teaser.
    let (first, last) =
      bytes.isEmpty ? (0, 0) : (setGate[Int(bytes[0])], setGate[Int(bytes[bytes.count - 1])])
    let short = f.effectiveLength <= Double(options.patternMaxLength)
    guard short else {
      // Too long for the needles found anywhere: a notice only when one opens the line.
      return first & Gate.formNoticeLead != 0 && isFormNoticeLead(bytes) ? .widget : nil
    }
    let veryShort = f.effectiveLength <= 60
    // (A line that ends like a sentence, `…选择语言特定的命令。`, is prose naming a picker.)
    if has(.language) && f.effectiveLength <= 80
      && BoilerplateClassifier.lineEnd(bytes, 0..<bytes.count) == .open
    {
      return .languagePicker
    }
    if has(.registration) { return .licenseRegistration }
    if has(.registrationWeak) && f.digits >= 4 && !f.endsWithTerminal {
      return .licenseRegistration
    }
    if has(.hotline) && (f.hasPhoneLikeNumber || f.hasURLOrEmail || veryShort) {
      return .hotlineContact
    }
    if has(.copyright) { return .copyright }
    if has(.formNotice) || (first & Gate.consentLead != 0 && isConsentLead(bytes)) {
      return .widget
    }
    if has(.disclaimer) { return .disclaimer }
    if first & Gate.photoCredit != 0
      && BytePatterns.hasAnyPrefix(bytes, PrefixSets.photoCreditPrefix) && f.effectiveLength <= 100
    {
      return .photoCredit
    }
    if first & Gate.byline != 0 && f.effectiveLength <= 120
      && BytePatterns.hasAnyPrefix(bytes, PrefixSets.bylinePrefix) && !readsAsCJKSentence(f)
      && !(f.clausePunctuation > 0 && readsAsSentence(f)
        && original.map { isCreditPhrase(bytes, $0) } ?? false)
    {
      // "By the way, …" is prose: a byline after "by " is short and has no clause punctuation.
      if bytes.count >= 3 && bytes[0] == 0x62 && bytes[1] == 0x79 && bytes[2] == 0x20 {
        if f.words <= 6 && f.clausePunctuation <= 1 && !f.endsWithTerminal { return .byline }
      } else {
        return .byline
      }
    }
    if f.isCJK && f.han <= 60 && has(.bylineAnywhere) && !readsAsCJKSentence(f) { return .byline }
    if first & Gate.reference != 0 && BytePatterns.hasAnyPrefix(bytes, PrefixSets.referencePrefix) {
      return .references
    }
    // (A date needs two ASCII digits, and `f.digits` counts them and other digits.)
    if f.digits >= 2 && isDateOnly(bytes) { return .dateOnly }
    if has(.breadcrumbMarks) && f.effectiveLength <= 150 && !f.endsWithTerminal
      && !isGuillemetQuote(bytes) && !isPromptLine(bytes)
    {
      return .breadcrumb
    }
    if seps >= 2 && !(f.clausePunctuation >= 2 && f.endsWithTerminal) && !readsAsSentence(f) {
      return .navigation
    }
    if first & Gate.home != 0 && seps >= 1
      && BytePatterns.hasAnyPrefix(bytes, PrefixSets.homePrefix)
    {
      return .breadcrumb
    }
    if veryShort && !f.endsWithTerminal && has(.widget) { return .widget }
    if last & Gate.teaser != 0 && f.effectiveLength <= 200
      && BytePatterns.hasAnySuffix(bytes, PrefixSets.teaserSuffix)
      && !endsWithChineseEllipsis(bytes)
    {
      return .relatedLinks
    }
    if first & Gate.relatedHeader != 0 && !f.endsWithTerminal
      && (f.effectiveLength <= 40 && BytePatterns.hasAnyPrefix(bytes, PrefixSets.relatedHeader)
        || f.effectiveLength <= 150 && BytePatterns.hasAnyPrefix(bytes, PrefixSets.prevNextPrefix))
    {
      return .relatedLinks
    }
    if !f.endsWithTerminal && isCJKMenuRow(bytes) { return .navigation }
    if f.effectiveLength <= 40 && isCommentHeader(bytes) { return .commentSection }
    return nil
  }

  /// Whether a mostly-CJK line reads as a sentence of prose rather than a meta line: at
  /// least ``cjkSentenceHan`` ideographs, two clause marks (`，` `、` `；` `。`), two
  /// function characters (`的` `是` `在` …) and terminal punctuation (`。` `！` `？`, a closing
  /// bracket). A byline's words inside a story (`他说，作为责任编辑，他每天都要审读大量稿件，…`,
  /// a paragraph that ends with `（数据来源：国家统计局）`) are the story's; a byline line
  /// (`来源：人民网 作者：张三 责任编辑：李四`, `本文来源：新华社，作者：张三`) is shorter or has
  /// no clauses.
  @inline(__always)
  static func readsAsCJKSentence(_ f: LineFeatures) -> Bool {
    f.isCJK && f.endsWithTerminal && f.han >= cjkSentenceHan && f.clausePunctuation >= 2
      && f.functionCharacters >= 2
  }

  /// Whether a line opens with a credit's verb and `by` followed by a word in lowercase
  /// (`Written by hand in 1850, …`, `Posted by a soldier to his mother …`, `Published by
  /// the university's press, …`): a sentence's participle phrase, where a byline names
  /// someone (`Written by Guido van Rossum, …`, `Posted by admin`). `lower` is the line
  /// lowercased, `original` as written (the same length).
  static func isCreditPhrase(
    _ lower: UnsafeBufferPointer<UInt8>, _ original: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    for p in creditPhrases where p.count < lower.count && lower.starts(with: p) {
      return p.count < original.count && BytePatterns.isLower(original[p.count])
    }
    return false
  }

  /// The credits' verbs with `by ` (``isCreditPhrase(_:_:)``).
  static let creditPhrases: [[UInt8]] = [
    "written by ", "posted by ", "published by ", "edited by ", "reviewed by ",
  ].map { Array($0.utf8) }

  /// The fewest ideographs of a line ``readsAsCJKSentence(_:)`` reads as a sentence.
  static let cjkSentenceHan = 24

  /// Whether ``match(_:_:_:scanned:)`` scans a line with these features in full with
  /// ``scanner`` (a line short enough for every rule), rather than for the cookie needles
  /// first.
  @inline(__always)
  static func scansInFull(_ f: LineFeatures, _ options: BoilerplateOptions) -> Bool {
    f.effectiveLength <= Double(options.patternMaxLength)
  }

  /// The full scans by ``scanner`` of the lines `ranges` of the lowered page `low`, in
  /// order: two lines at a time (``NeedleScanner/scan(_:_:)``: a walk through the table
  /// waits on each of its loads, two overlap).
  static func fullScans(_ low: UnsafeBufferPointer<UInt8>, _ ranges: [Range<Int>])
    -> [NeedleScanner.Result]
  {
    let scanner = Self.scanner
    var results: [NeedleScanner.Result] = []
    results.reserveCapacity(ranges.count)
    var k = 0
    while k + 1 < ranges.count {
      let (a, b) = scanner.scan(
        UnsafeBufferPointer(rebasing: low[ranges[k]]),
        UnsafeBufferPointer(rebasing: low[ranges[k + 1]]))
      results.append(a)
      results.append(b)
      k += 2
    }
    if k < ranges.count {
      var counted = 0
      let found = scanner.scan(UnsafeBufferPointer(rebasing: low[ranges[k]]), counts: &counted)
      results.append(NeedleScanner.Result(found: found, counted: counted))
    }
    return results
  }

  /// The result of the families' scanner over a line. With `cookieFirst`, the line is first
  /// scanned for the cookie needles alone; when it has none (most long lines), the full scan
  /// is left out and run only if a question other than `has(.cookie)` comes (each time:
  /// the rules ask none for such lines).
  struct Scan {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Whether ``found`` and ``counted`` hold the full scan.
    let complete: Bool
    let found: UInt32
    let counted: Int

    /// A line's full scan, made by the caller.
    init(_ bytes: UnsafeBufferPointer<UInt8>, complete scan: NeedleScanner.Result) {
      self.bytes = bytes
      (complete, found, counted) = (true, scan.found, scan.counted)
    }

    init(_ bytes: UnsafeBufferPointer<UInt8>, cookieFirst: Bool) {
      self.bytes = bytes
      var none = 0
      if cookieFirst && LinePatterns.cookieScanner.scan(bytes, counts: &none) == 0 {
        (complete, found, counted) = (false, 0, 0)
      } else {
        var c = 0
        found = LinePatterns.scanner.scan(bytes, counts: &c)
        (complete, counted) = (true, c)
      }
    }

    @inline(__always)
    func has(_ family: Family) -> Bool {
      if complete { return found & (1 << UInt32(family.rawValue)) != 0 }
      if family == .cookie { return false }
      var c = 0
      return LinePatterns.scanner.scan(bytes, counts: &c) & (1 << UInt32(family.rawValue)) != 0
    }

    /// The separators counted.
    var separators: Int {
      if complete { return counted }
      var c = 0
      _ = LinePatterns.scanner.scan(bytes, counts: &c)
      return c
    }
  }

  /// Whether a line ends with the Chinese ellipsis, `……` (two U+2026), after a CJK
  /// character or CJK punctuation (U+3000–U+9FFF) or a full-width form (`！`, `）`): a
  /// sentence trailing off in narrative and dialogue (a novel's `……还能再来次冒险……`), not a
  /// snippet cut off by a site (`…`, `...`). `bytes` is the trimmed line, read back scalar
  /// by scalar (``BytePatterns/scalar(endingAt:in:from:)``).
  static func endsWithChineseEllipsis(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let (last, a) = BytePatterns.scalar(endingAt: bytes.count, in: bytes),
      last == "\u{2026}",
      let (second, b) = BytePatterns.scalar(endingAt: a, in: bytes), second == "\u{2026}",
      let (before, _) = BytePatterns.scalar(endingAt: b, in: bytes)
    else { return false }
    return (0x3000...0x9FFF).contains(before.value) || (0xFF00...0xFFEF).contains(before.value)
  }

  /// Whether a line opens with Python's prompt, `>>>`: a line of a tutorial's interactive
  /// session, whose prompt holds the breadcrumb mark `>>`.
  static func isPromptLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    bytes.count >= 3 && bytes[0] == 0x3E && bytes[1] == 0x3E && bytes[2] == 0x3E
  }

  /// Whether a line with separators (`|`, `·`, `•`) is a sentence, not a menu: it ends like
  /// one and has a sentence's share of function words (at least 12 words, 3 of them stop
  /// words; or 20 CJK characters, 3 of them function characters). A manual's
  /// `… with flags equal to O_CREAT|O_WRONLY|O_TRUNC.` and a grammar's `(A | B | C)` explained
  /// in prose keep their pipes; a menu row seldom ends with a full stop.
  static func readsAsSentence(_ f: LineFeatures) -> Bool {
    f.endsWithTerminal
      && ((f.words >= 12 && f.stopWords >= 3) || (f.han >= 20 && f.functionCharacters >= 3))
  }

  /// Whether the lowercased `bytes` hold `cookie` or `cookies` as a word (no ASCII letter
  /// before or after it), or `gdpr`: the cookie family's needles match inside words too, and
  /// a line about `syncookies`, `http.cookiejar` or a `DefaultCookiePolicy` is no banner. A
  /// non-ASCII neighbour counts as no letter (`使用cookie`, `Cookie的`). Asked only of lines
  /// with the family's needles.
  static func hasCookieWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let word = cookieWord
    @inline(__always) func isLetter(_ k: Int) -> Bool {
      k >= 0 && k < bytes.count && BytePatterns.isLower(bytes[k])
    }
    var i = 0
    while i + 4 <= bytes.count {
      if bytes[i] == 0x67 && bytes[i + 1] == 0x64 && bytes[i + 2] == 0x70 && bytes[i + 3] == 0x72 {
        return true  // gdpr
      }
      if i + word.count <= bytes.count && bytes[i] == 0x63 && !isLetter(i - 1) {
        var k = 0
        while k < word.count && bytes[i + k] == word[k] { k += 1 }
        if k == word.count {
          var end = i + k
          if end < bytes.count && bytes[end] == 0x73 { end += 1 }  // cookies
          if !isLetter(end) { return true }
        }
      }
      i += 1
    }
    return false
  }

  private static let cookieWord: [UInt8] = Array("cookie".utf8)

  /// The cookie family's needles alone.
  static let cookieScanner = NeedleScanner(families: [cookie], counted: [])

  /// Whether a line's only breadcrumb mark is the closing guillemet of a quotation: it
  /// holds `«` (C2 AB) and no mark but ` » ` (`… pour détecter les « futurs » terroristes`:
  /// French writes its quotes with spaces inside the guillemets). `bytes` is lowercased
  /// ASCII.
  static func isGuillemetQuote(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard BytePatterns.contains(bytes, [0xC2, 0xAB]) else { return false }
    return !breadcrumbMarksBesidesGuillemet.contains { BytePatterns.contains(bytes, $0) }
  }

  /// ``breadcrumbMarks`` without ` » `.
  static let breadcrumbMarksBesidesGuillemet: [[UInt8]] = breadcrumbMarks.filter {
    $0 != Array(" » ".utf8)
  }

  /// Whether a line opens with a copyright notice, at any length: `©…`, or `Copyright`
  /// alone or followed by a year, `©`, `ⓒ` or `(` (`Copyright 2019 BGR Media, LLC`,
  /// `Copyright 1995 - 2024 . All rights reserved. The content …`), not the word in a
  /// sentence (`Copyright law protects …`). `bytes` is lowercased ASCII.
  static let copyrightWord: [UInt8] = Array("copyright".utf8)
  static func isCopyrightLead(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if bytes.count >= 2 && bytes[0] == 0xC2 && bytes[1] == 0xA9 { return true }  // ©
    let word = copyrightWord
    let n = word.count
    guard bytes.count >= n else { return false }
    for k in 0..<n where bytes[k] != word[k] { return false }
    var i = n
    while i < bytes.count && bytes[i] == 0x20 { i += 1 }
    guard i < bytes.count else { return true }
    let b = bytes[i]
    if BytePatterns.isDigit(b) || b == 0x28 { return true }  // a year or "(c)"
    if b == 0xC2 && i + 1 < bytes.count && bytes[i + 1] == 0xA9 { return true }  // ©
    // ⓒ U+24D2
    return b == 0xE2 && i + 2 < bytes.count && bytes[i + 1] == 0x93 && bytes[i + 2] == 0x92
  }

  /// Whether a line opens with a form notice, at any length (the pattern length limit keeps
  /// long prose from the needles found anywhere; a notice that opens the line is one however
  /// long its small print: `Quotes delayed at least 15 minutes. Real-time quotes provided by
  /// …`, `I agree to receive recurring automated marketing text messages …`): one of
  /// ``formNotice``, or one of ``consentLeads`` in a line that names terms, privacy or
  /// consent. `bytes` is lowercased ASCII.
  static func isFormNoticeLead(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    BytePatterns.hasAnyPrefix(bytes, PrefixSets.formNotice) || isConsentLead(bytes)
  }

  /// Whether a line opens with one of ``consentLeads`` and names terms, privacy or consent
  /// (``isFormNoticeLead(_:)`` for a line short enough for the needles found anywhere, which
  /// take the other form notices wherever they are). `bytes` is lowercased ASCII.
  static func isConsentLead(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    // Every lead opens with `by `, `i ` or `i'` / `i’` (most lines at the gate's `b` and `i`
    // do not).
    guard bytes.count >= 3,
      bytes[1] == 0x20 || bytes[1] == 0x27 || bytes[1] == 0xE2
        || (bytes[1] == 0x79 && bytes[2] == 0x20)
    else {
      return false
    }
    return BytePatterns.hasAnyPrefix(bytes, PrefixSets.consentLeads)
      && consentWords.contains { BytePatterns.contains(bytes, $0) }
  }

  /// Headers that open a comment section, matched against the whole line without counts
  /// and punctuation (`Comments (12)`, `2 comments`, `Leave a Reply`, `评论（3）`).
  static let commentHeaders: B = BytePatterns.list([
    "comments", "comment", "leave a reply", "leave a comment", "post a comment",
    "join the discussion", "responses",
    "网友评论", "发表评论", "评论", "我要评论", "留言", "全部评论", "热门评论", "最新评论", "用户评论", "相关评论", "网友留言", "读者评论",
    // Comment forms and other languages.
    "write a comment", "your answer", "kommentare", "kommentar", "kommentarer", "commentaires",
    "commentaire",
    "comentarios", "comentario", "comentários", "comentarii", "commenti", "reacties", "komentarze",
    "komentar",
    "komentáře", "yorumlar", "yorum yazın", "yorum yap", "bình luận", "комментарии",
    // Blogger's `No comments:` over its comment form, WordPress's form title with its
    // cancel link (`Leave a Reply Cancel reply`), a thread's `Load more comments`.
    "no comments", "leave a reply cancel reply", "load more comments",
    // `Leave a comment` in the languages of a mixed crawl.
    "deja un comentario", "laisser un commentaire", "kommentar hinterlassen",
    "оставить комментарий",
  ])

  /// ``commentHeaders`` as whole lines.
  static let commentHeaderSet = HeaderSet(commentHeaders)

  /// Whether a short line is a comment-section header: its core (``HeaderSet/core(_:_:)``:
  /// without leading and trailing digits, ASCII punctuation, spaces and full-width forms
  /// such as `（3）`) is one of ``commentHeaders``. `bytes` is the trimmed line.
  static func isCommentHeader(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    commentHeaderSet.contains(bytes)
  }

  /// Month and weekday names (lowercase, 3-letter prefixes suffice) and date words, packed
  /// 5 bits a letter (all are shorter than 13 letters).
  static let dateWordKeys: Set<UInt64> = Set(
    dateWordList.map { w in w.reduce(UInt64(0)) { ($0 << 5) | UInt64($1 - 0x60) } })

  /// ``dateWordKeys`` in open addressing (the keys are never 0; no `Hasher` per word).
  static let dateWordTable: [UInt64] = {
    var capacity = 16
    while capacity < 4 * dateWordKeys.count { capacity *= 2 }
    var t = [UInt64](repeating: 0, count: capacity)
    for key in dateWordKeys {
      var i = dateWordSlot(key, capacity)
      while t[i] != 0 { i = (i + 1) & (capacity - 1) }
      t[i] = key
    }
    return t
  }()

  @inline(__always)
  static func dateWordSlot(_ key: UInt64, _ capacity: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & (capacity - 1)
  }

  /// Whether `key` is in ``dateWordTable`` (`table`).
  @inline(__always)
  static func isDateWord(_ key: UInt64, _ table: UnsafeBufferPointer<UInt64>) -> Bool {
    var i = dateWordSlot(key, table.count)
    while true {
      let e = table[i]
      if e == key { return true }
      if e == 0 { return false }
      i = (i + 1) & (table.count - 1)
    }
  }

  /// A line of only digits, date/time separators, month/weekday names and 年月日时分秒星期.
  static func isDateOnly(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    dateWordTable.withUnsafeBufferPointer { isDateOnly(bytes, $0) }
  }

  private static func isDateOnly(
    _ bytes: UnsafeBufferPointer<UInt8>, _ dateWords: UnsafeBufferPointer<UInt64>
  ) -> Bool {
    var digits = 0
    var word: UInt64 = 0
    var wordLength = 0
    var ok = true
    @inline(__always) func flush() {
      if wordLength > 0 {
        if wordLength > 12 || !isDateWord(word, dateWords) { ok = false }
        word = 0
        wordLength = 0
      }
    }
    var i = 0
    while i < bytes.count && ok {
      let b = bytes[i]
      if BytePatterns.isLower(b) {
        word = (word << 5) | UInt64(b - 0x60)
        wordLength += 1
      } else {
        flush()
        if !ok { break }
        if BytePatterns.isDigit(b) {
          digits += 1
        } else if b < 0x80 {
          switch b {
          case 0x20, 0x2D, 0x2F, 0x3A, 0x2E, 0x2C, 0x28, 0x29, 0x7C: break
          default: ok = false
          }
        } else {
          // Multi-byte: allow 年 月 日 时 分 秒 星期 周 一二三四五六 and full-width separators.
          WorkCounter.add(dateCJK.count)
          var matched = false
          // Only the entries opening with this scalar's first two bytes can match (in list
          // order, as the loop over all of them found them).
          let index = dateCJKIndex
          let candidates =
            i + 1 < bytes.count
            ? index.entries[index.groups[dateCJKKey(bytes[i], bytes[i + 1])]] : index.entries[...]
          for a in candidates where i + a.count <= bytes.count {
            var k = 0
            while k < a.count && bytes[i + k] == a[k] { k += 1 }
            if k == a.count {
              i += a.count
              matched = true
              break
            }
          }
          if !matched { ok = false }
          continue
        }
      }
      i += 1
    }
    flush()
    WorkCounter.add(i)
    return ok && digits >= 2
  }

  /// ``dateCJK``'s entries that open with a byte ≥ 0x80 and have two bytes or more, grouped
  /// by their first two bytes (``dateCJKKey(_:_:)``), each group in list order: `groups[key]`
  /// is the range of `entries` holding that group (empty for other keys). At a non-ASCII
  /// byte, no other entry can match.
  static let dateCJKIndex: (entries: [[UInt8]], groups: [Range<Int>]) = {
    var byKey = [[[UInt8]]](repeating: [], count: 4096)
    for a in dateCJK where a.count >= 2 && a[0] >= 0x80 {
      byKey[dateCJKKey(a[0], a[1])].append(a)
    }
    var entries: [[UInt8]] = []
    var groups = [Range<Int>](repeating: 0..<0, count: 4096)
    for key in 0..<4096 where !byKey[key].isEmpty {
      groups[key] = entries.count..<(entries.count + byKey[key].count)
      entries += byKey[key]
    }
    return (entries, groups)
  }()

  /// The key of two bytes (a UTF-8 lead byte and the next one) in ``dateCJKIndex``: their
  /// low 6 bits each (distinct for distinct lead bytes C0–FF and continuation bytes).
  @inline(__always)
  static func dateCJKKey(_ a: UInt8, _ b: UInt8) -> Int {
    Int(a & 0x3F) << 6 | Int(b & 0x3F)
  }

  /// Month and weekday names (lowercase, 3-letter prefixes suffice) and date words.
  static let dateWordList: B = BytePatterns.list([
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "mon", "tue", "wed",
    "thu", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", "am", "pm",
    "at", "updated", "published", "posted", "on", "utc", "gmt", "est", "edt", "pst", "pdt", "bst",
    "cst", "th", "st", "nd", "rd",
  ])

  static let dateCJK: B = BytePatterns.list([
    "年", "月", "日", "时", "分", "秒", "星期", "周", "一", "二", "三", "四", "五", "六", "天", "：", "（", "）", "　",
    "上午", "下午",
  ])

  /// A row of several short space-separated CJK words with no punctuation: a menu
  /// (`政策声音 行业热点 医学前沿 观察评论`). Chinese and Japanese write no spaces between
  /// words, so short chunks between spaces are a menu's items; the scripts that do (Hangul,
  /// Cyrillic, Greek, Arabic, Hebrew, Devanagari, Thai, …) write short words between spaces in
  /// any sentence (`9 मई को 1000 अंक से ज्यादा गिरा था बाजार`, `Мы не знаем где он`): a line with a
  /// letter of theirs is no menu row. The characters counted are ASCII digits and those of U+0080–U+00BF
  /// (`·`), U+2000–U+2FFF (punctuation, arrows, CJK radicals), U+3000–U+9FFF (CJK punctuation,
  /// kana, ideographs) and U+F000–U+FFFF (compatibility ideographs, full-width forms).
  /// Verses of five characters in pairs (`床前明月光 疑是地上霜 举头望明月 低头思故乡`, a
  /// poem quoted with spaces for its line breaks) are no menu: every chunk five ideographs
  /// (no `·` bullet or digit), four or more, an even count (verses of seven are longer than
  /// a menu's items already).
  static func isCJKMenuRow(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var chunks = 0
    var chunkLength = 0
    var longest = 0
    var fives = 0
    var ideographs = 0  // in the chunk (lead bytes E4–E9: U+4000–U+9FFF)
    for b in bytes {
      if b == 0x20 {
        if chunkLength > 0 { chunks += 1 }
        if chunkLength == 5 && ideographs == 5 { fives += 1 }
        longest = max(longest, chunkLength)
        chunkLength = 0
        ideographs = 0
      } else if b < 0x80 && !BytePatterns.isDigit(b) {
        return false  // ASCII letters or punctuation: not a CJK menu row
      } else if b >= 0x80 && b < 0xC0 {
        continue  // continuation byte
      } else if b < 0x80 || b == 0xC2 || b == 0xE2 || (b >= 0xE3 && b <= 0xE9) || b == 0xEF {
        chunkLength += 1
        if b >= 0xE4 && b <= 0xE9 { ideographs += 1 }
      } else {
        return false  // a script that writes spaces between words (or not a lead byte)
      }
    }
    WorkCounter.add(bytes.count)
    if chunkLength > 0 { chunks += 1 }
    if chunkLength == 5 && ideographs == 5 { fives += 1 }
    longest = max(longest, chunkLength)
    if fives == chunks && chunks >= 4 && chunks % 2 == 0 { return false }  // five-character verses
    return chunks >= 3 && longest <= 6
  }
}
