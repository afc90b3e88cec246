import Foundation
import Testing
import Winnow

@testable import WinnowBoilerplate

/// The twenty-first round: the chrome of platforms a crawl meets on every other page
/// (Blogger, WordPress, Stack Exchange, Medium, X, Substack, Baidu Baike) is a pattern —
/// notices as `widget`, footers as `copyright`, sidebars' headers as `related-links`, comment
/// headers as `comment-section`, and buttons between paragraphs as `widget`.
@Suite("Boilerplate: platform chrome (twenty-first round)")
struct PlatformChromeTests {
  static let article = TeaserListTests.article
  static let menu = TeaserListTests.menu

  @Test(
    "platforms' notices are widgets",
    arguments: [
      "An error has occurred; the feed is probably down. Try again later.",
      "Sebuah galat telah terjadi; umpan tersebut kemungkinan sedang anjlok. Coba lagi nanti.",
      "Subscribe to: Post Comments (Atom)",
      "Email ThisBlogThis!Share to XShare to FacebookShare to Pinterest",
      "Not the answer you're looking for? Browse other questions tagged python pandas or ask your own question.",
      "Not the answer you’re looking for? Browse other questions tagged",
      "To subscribe to this RSS feed, copy and paste this URL into your RSS reader.",
      "Stack Exchange network consists of 183 Q&A communities including Stack Overflow, the largest, most trusted online community for developers to learn, share their knowledge, and build their careers.",
      "Sign up to discover human stories that deepen your understanding of the world.",
      "Distraction-free reading. No ads.",
      "Read member-only stories",
      "People on X are the first to know.",
      "X 上的用户能够抢先知道。",
      "Don’t miss what’s happening",
      "Thanks for reading Field Notes! Subscribe for free to receive new posts and support my work.",
      "All comments are moderated before being published.",
      "本词条缺少 概述图 ，补充相关内容使词条更完整，还能快速升级，赶紧来 编辑 吧！",
      "Listen to every episode of Short Wave sponsor-free and support our work at NPR by signing up for Short Wave+ at plus.npr.org.",
      "Our Most Popular charts use data from the search behavior of IMDb's more than 250 million monthly unique visitors to rank the hottest, most buzzed about movies and TV shows.",
      "From Wikipedia, the free encyclopedia", "Jump to navigation Jump to search",
      "This article needs additional citations for verification. Please help improve this article by adding citations to reliable sources.",
      "This page was last edited on 3 May 2024, at 10:12 (UTC).",
      "Archived post. New comments cannot be posted and votes cannot be cast.",
      "Continue browsing in r/AskReddit", "Open menu Open navigation Go to Reddit Home",
      "You are using an out of date browser. It may not display this or other websites correctly.",
      "You should upgrade or use an alternative browser.",
      "JavaScript is disabled. For a better experience, please enable JavaScript in your browser before proceeding.",
      "This thread is archived",
      "Please enable JavaScript to view the comments powered by Disqus.",
      "Your browser does not support the video tag.", "This video can not be played",
      "文章被收录于专栏：", "Upvote 12 Downvote Share", "Sponsored by Grammarly",
      "Ask questions, find answers and collaborate at work with Stack Overflow for Teams. Explore Teams",
      "Connect and share knowledge within a single location that is structured and easy to search.",
      "Get breaking news alerts and special reports. The news and stories that matter, delivered weekday mornings.",
      "Let our news meet your inbox.", "Be the first to comment", "İlk Yorum Yapan Sen Ol",
      "登录后才能查看或发表评论，立即 登录 或者 逛逛 博客园首页", "分享让更多人看到", "继续滑动看下一个",
      "轻触阅读原文", "打开网易新闻 查看精彩图片", "Click to share on Twitter (Opens in new window)",
    ])
  func notices(_ line: String) {
    #expect(reasonAlone(line) == .widget, "\(line)")
  }

  /// Lines of the platforms' chrome that other families than the notices take.
  static let familyLines: [(String, BoilerplateReason)] =
    [
      "特别声明：本文为网易自媒体平台“网易号”作者上传并发布，仅代表该作者观点。网易仅提供信息发布平台。",
      "本文为澎湃号作者或机构在澎湃新闻上传并发布，仅代表该作者或机构观点，不代表澎湃新闻的观点或立场，澎湃新闻仅提供信息发布平台。",
      "以上内容由AI生成，仅供参考",
    ].map { ($0, .disclaimer) }
    + [
      "Awesome Inc. theme. Powered by Blogger.", "Proudly powered by WordPress",
      "Powered by Discuz! X3.4",
      "Text is available under the Creative Commons Attribution-ShareAlike License 4.0; additional terms may apply.",
    ].map { ($0, .copyright) }
    + [
      // Sidebars' headers, and the links to the posts beside this one with their titles.
      "Relevant people", "Who to follow", "相关用户", "推荐关注", "Hot Network Questions",
      "上一篇：国务院常务会议部署稳就业工作", "下一篇：教育部发布2024年高考报名人数",
      "Next Post: How to boil eggs without cracking them", "Previous article: The budget vote",
      "Previous article", "Next post", "Previous article Next article",
    ].map { ($0, .relatedLinks) }
    + [
      "No comments:", "Leave a Reply Cancel reply", "Load more comments", "Deja un comentario",
      "Laisser un commentaire", "Kommentar hinterlassen", "Оставить комментарий",
    ].map { ($0, .commentSection) }
    + [
      ("澎湃新闻报料：021-962866", .hotlineContact),
      ("posted @ 2024-05-09 14:45 好看的hk 阅读( 430 ) 评论( 2 ) 编辑 收藏 举报", .byline),
    ]

  @Test(
    "disclaimers, footers, sidebar headers, comment headers, tip lines and blog footers take their family",
    arguments: familyLines)
  func families(_ line: String, _ reason: BoilerplateReason) {
    #expect(reasonAlone(line) == reason, "\(line): \(reasonAlone(line))")
  }

  @Test(
    "buttons between paragraphs are dropped",
    arguments: [
      "Newer Post Older Post Home", "Older Posts", "Sort by:", "Continue this thread", "展开全文",
      "阅读原文", "收起",
      "Back to top", "Load more", "Show more replies", "View more comments",
      "Was this review helpful?", "写留言", "举报/反馈", "点击加载更多", "查看更多评论", "添加评论",
      "Share this:", "Tweet this", "Pin it", "上一页 下一页", "Artículo anterior", "Nächster Artikel",
      "Следующая статья", "次の記事",
    ])
  func buttons(_ line: String) {
    AdLabelTests.expectDroppedInsideTheArticle(line, rule: \.dropButtonLabels, as: .widget)
  }

  @Test(
    "ad slots' notes between paragraphs are ads",
    arguments: ["Advertisement - Scroll to continue", "Article continues below this ad"])
  func adNotes(_ line: String) {
    AdLabelTests.expectDroppedInsideTheArticle(line, rule: \.dropAdLabels, as: .advertisement)
  }

  @Test(
    "a button's label ending in an ellipsis is no clause trailing off",
    arguments: ["Click to expand...", "Like this: Like Loading..."])
  func buttonsWithAnEllipsis(_ line: String) {
    // The teaser pattern drops the line (`...`); the ellipsis rule would bring it back
    // between two paragraphs, but not a button's label — unless the labels are kept.
    let lines =
      Self.menu + Array(Self.article.prefix(2)) + [line] + Array(Self.article.suffix(2)) + Self.menu
    let at = Self.menu.count + 2
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d[at].keep && d[at].reason == .relatedLinks, "\(d[at].reason)")
    var o = BoilerplateOptions()
    o.dropButtonLabels = false
    let kept = BoilerplateClassifier(options: o).classify(lines: lines)
    #expect(kept[at].keep, "\(kept[at].reason)")
  }

  @Test(
    "prose and headings with the same words stay",
    arguments: [
      "How to sort by date in Excel",
      "The next article in this series looks at how pensions are taxed.",
      "Deciding who to follow on social media is harder than it looks, the study found.",
      "She said no comments had been received by Friday, when the consultation closed.",
      "The blog, powered by a small team of volunteers, has run since 2009.",
      "Readers asked whether all comments are read before the editors reply to them.",
      "Sponsored by the city, the festival returns in June.",
      "Back to top form after an injury, she won the final in straight sets.",
      "记者从市委宣传部获悉，该平台上线以来已收到群众报料三千余条，涉及民生、交通等多个领域。",
    ])
  func prose(_ line: String) {
    expectNone(of: [.widget, .copyright, .relatedLinks, .commentSection], for: line)
  }

  @Test func theNextPostsLinkEndsTheArticle() {
    // A Chinese news page: the article, the links to the posts beside it and a row of
    // channels, then teasers long enough to read as prose and heavy enough to stay as a
    // block of their own. The link is a related header: below the main block, the article
    // ends there.
    let article = [
      "市政府周二批准了一项新的预算，增加了对公共图书馆、公园和道路维修的资金投入，覆盖全市所有区县，预计明年起陆续实施。",
      "官员表示，这项计划的资金将来自其他方面的节余，以及停车许可证费用的适度上调，该费用已经十年没有调整过了。",
      "在会上发言的居民大多表示支持，但也有几位居民要求政府进一步说明道路维修资金将如何使用，以及何时公布具体的项目清单。",
    ]
    let teasers = [
      "教育部今天发布消息说，今年全国高考报名人数再创新高，各地考试机构已经做好了考务组织的各项准备工作，考生可以登录网站查询。",
      "气象部门预计，未来三天本市将出现一次明显的降雨过程，提醒市民出行注意安全，并提前做好城市排水设施的检查和维护工作。",
    ]
    let lines =
      ["首页", "新闻"] + article + [
        "上一篇：国务院常务会议部署稳就业工作", "下一篇：教育部发布高考报名人数", "热点", "图片", "视频", "专题",
      ] + teasers
    let d = BoilerplateClassifier().classify(lines: lines)
    for k in 2..<5 { #expect(d[k].keep, "\(k): \(d[k].reason)") }
    #expect(!d[5].keep && d[5].reason == .relatedLinks, "\(d[5].reason)")
    for k in 11..<13 { #expect(!d[k].keep && d[k].reason == .afterArticle, "\(k): \(d[k].reason)") }
    // Without the header's rule the teasers stay: the link is what ends the article.
    var o = BoilerplateOptions()
    o.endAtSectionHeader = false
    let without = BoilerplateClassifier(options: o).classify(lines: lines)
    for k in 11..<13 { #expect(without[k].keep, "\(k): \(without[k].reason)") }
  }

  @Test func anAccountsBioUnderRelevantPeopleGoes() {
    // An X post's page: the post, the reply settings, then the accounts it mentions, each
    // with a bio long enough to read as prose and as heavy as the post. The header ends the
    // article; the bio is not the page.
    let post = Array(Self.article.prefix(2))
    let bio =
      "Peking University was established in 1898. This account is dedicated to the university's global outreach, news and communications with partners around the world."
    let lines =
      Self.menu + post + [
        "Who can reply?", "Accounts @PKU1898 follows or mentioned can reply", "Relevant people",
        "Peking University", "@PKU1898", "Follow", bio,
      ] + Self.menu
    let start = Self.menu.count
    let (header, at) = (start + post.count + 2, start + post.count + 6)
    let d = BoilerplateClassifier().classify(lines: lines)
    for k in start..<(start + post.count) { #expect(d[k].keep, "\(k): \(d[k].reason)") }
    #expect(!d[header].keep && d[header].reason == .relatedLinks, "\(d[header].reason)")
    #expect(!d[at].keep && d[at].reason == .afterArticle, "\(d[at].reason)")
    // Without the header's rule the bio stays: the header is what tells it from the post.
    var o = BoilerplateOptions()
    o.endAtSectionHeader = false
    let without = BoilerplateClassifier(options: o).classify(lines: lines)
    #expect(without[at].keep, "\(without[at].reason)")
  }
}

/// The twenty-first round's false-positive audit (prose from manuals and how-tos that the
/// patterns dropped): `By clicking …` is a consent notice only when it opens the line, the
/// cookie words must be words (and Chinese `使用` must stand next to them), a sentence with
/// pipes is no menu, `未经授权` / `未经许可` are a copyright line only with what they forbid,
/// the Chinese breadcrumb labels need their colon, a Python prompt's `>>>` is no breadcrumb
/// mark, and a sentence that names a language picker's words is no picker.
@Suite("Boilerplate: prose the patterns left alone (twenty-first round)")
struct PatternProseTests {
  @Test(
    "how-to steps and technical prose stay",
    arguments: [
      "Open the Gallery by clicking the Gallery icon on the Standard bar, or by choosing Insert - Media - Gallery.",
      "After clicking the Select icon, you can select all of the lines at the same time by clicking each line while holding down the Shift key.",
      "A call to creat() is equivalent to calling open() with flags equal to O_CREAT|O_WRONLY|O_TRUNC.",
      "The infix operator delimiting alternatives matches the term preceding the \"|\" or the term following the \"|\", as in this|that.",
      "打开 TCP 同步标签(syncookie)，内核必须打开了 CONFIG_SYN_COOKIES 项进行编译，使用同步标签时客户机可能探测不到过载主机。",
      "使用 X 核心协议的本地应用，可以通过拥有 access cookie 的授权文件来授权，授权文件的位置通过环境变量确定。",
      "strict_ns_set_initial_dollar (http.cookiejar.DefaultCookiePolicy attribute)",
      "您可以创建一个密码来保护您的文档免受未经授权或意外的修改。",
      "警方表示，嫌疑人未经许可进入了仓库，目前已被依法刑事拘留。",
      "选择当前位置与行尾之间的内容，同时将光标转到行尾",
      ">>> print(Session().UserName) # object property",
      "打开子菜单，您可以在其中选择语言特定的命令。",
      "LibreOffice 软件的标准安装提供了选择语言的用户界面。",
    ])
  func prose(_ line: String) {
    expectNone(
      of: [.widget, .cookieBanner, .navigation, .copyright, .breadcrumb, .languagePicker], for: line
    )
  }

  @Test(
    "the notices stay patterns",
    arguments: [
      (
        "By clicking “Sign up”, you agree to our terms of service and acknowledge you have read our privacy policy.",
        BoilerplateReason.widget
      ),
      ("GET FOX BUSINESS ON THE GO BY CLICKING HERE", .widget),
      ("An email with an activation link has just been sent to your email address.", .widget),
      (
        "We use cookies to ensure that we give you the best experience on our website.",
        .cookieBanner
      ),
      ("本站使用 cookie 数据以确保网站正常运行。点击“同意”即表示您同意我们使用 cookie。", .cookieBanner),
      ("本网站使用Cookie来改善您的浏览体验", .cookieBanner),
      ("We comply with the GDPR and respect your privacy.", .cookieBanner),
      ("人民网版权所有，未经书面授权禁止使用", .copyright),
      ("未经授权禁止复制或建立镜像", .copyright),
      ("首页 | 新闻 | 体育 | 财经 | 娱乐", .navigation),
      ("当前位置：千千小说网 > 玄幻 > 逆剑狂神", .breadcrumb),
      ("CHOOSE YOUR LANGUAGE", .languagePicker), ("选择语言", .languagePicker),
      ("Language:", .languagePicker),
      ("您现在的位置：读书 -> 连载 -> 畅销小说 -> 正文", .breadcrumb),
    ])
  func notices(_ line: String, _ reason: BoilerplateReason) {
    #expect(reasonAlone(line) == reason, "\(line): \(reasonAlone(line))")
  }

  @Test func cookieWords() {
    func word(_ s: String) -> Bool {
      onLineBytes(s.lowercased()) { b, _ in LinePatterns.hasCookieWord(b) }
    }
    #expect(word("we use cookies."))
    #expect(word("cookie settings"))
    #expect(word("使用cookie"))
    #expect(word("gdpr"))
    #expect(!word("syncookies"))
    #expect(!word("defaultcookiepolicy"))
    #expect(!word("http.cookiejar"))
  }
}

/// The twenty-first round: a line that ends with the Chinese ellipsis `……` after a CJK
/// character is a sentence trailing off (a novel's narration, a forum reply), not a teaser
/// cut off by a site.
@Suite("Boilerplate: the Chinese ellipsis (twenty-first round)")
struct ChineseEllipsisTests {
  @Test(
    "sentences trailing off are no teasers",
    arguments: [
      "这么多年来，我们一直在站岗……保护这些坑道……结果却是这样……",
      "那个上午，韦诺主力部队的另一支先头部队抵达了……",
      "诶 李大仁 你有没有一个感觉……",
      "谢谢搭救。不过先不说这些了！……",
    ])
  func sentences(_ line: String) {
    expectNone(of: [.relatedLinks], for: line)
  }

  @Test(
    "snippets cut off by a site are teasers",
    arguments: [
      "国务院常务会议部署进一步做好稳就业工作…", "国务院常务会议部署进一步做好稳就业工作...",
      "The minister said the plan would be published in the spring……",
    ])
  func snippets(_ line: String) {
    #expect(reasonAlone(line) == .relatedLinks, "\(line): \(reasonAlone(line))")
  }

  @Test func aNovelsLineStaysWithoutTheEllipsisRule() {
    let para = [
      "这一次是她，应该在不远的将来就轮到别人了，这个问题其实已经讨论了很多年，大家的看法也各不相同，但是没有人能够给出一个让所有人都满意的答案。",
      "我要谈的几点个人感受，其实就是从一个看似很幼稚、很无聊的话题切入的，希望大家能够耐心地看完，再发表自己的意见，谢谢大家的支持和理解。",
    ]
    let lines = ["首页", "新闻"] + para + ["这么多年来，我们一直在站岗……结果却是这样……"] + para + ["版权所有 © 2024"]
    var o = BoilerplateOptions()
    o.keepEllipsisLines = false
    for options in [BoilerplateOptions(), o] {
      let d = BoilerplateClassifier(options: options).classify(lines: lines)
      #expect(d[4].keep && d[4].reason != .relatedLinks, "\(d[4].reason)")
    }
  }

  @Test func theTest() {
    func ends(_ s: String) -> Bool {
      onLineBytes(s) { b, _ in LinePatterns.endsWithChineseEllipsis(b) }
    }
    #expect(ends("结果却是这样……"))
    #expect(ends("不过先不说这些了！……"))
    #expect(!ends("结果却是这样…"))
    #expect(!ends("in the spring……"))
    #expect(!ends("……"))
  }
}
