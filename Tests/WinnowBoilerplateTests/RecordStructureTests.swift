import Testing

@testable import WinnowBoilerplate

@Suite("Boilerplate: record structure (forum threads)")
struct RecordStructureTests {
  @Test(arguments: [
    ("2021-01-01 10:34:38", true), ("发布于 2020-12-30 19:24:15", true), ("2019/11/20", true),
    ("2020.1.5", true),
    ("2020年1月5日", true), ("2020 - 01 - 05", true), ("11/20/2019 01:14 PM", true),
    ("Posted 3/4/21", true),
    ("Room 101", false), ("10:34:38", false), ("1/2", false), ("2020-123-4", false),
    ("v1.2.3", false), ("", false),
  ])
  func numericDates(_ line: String, _ expected: Bool) {
    #expect(ThreadRecords.hasNumericDate(line) == expected, "\(line)")
  }

  /// A thread page: an opening post, then replies as user / date / post / chrome records.
  static func thread(posts: [String], chrome: [String] = ["点赞", "评论"], byline: Bool = false)
    -> [String]
  {
    var lines = [
      "话题文章BBS-GO", "登录", "鹿小町", "发布于 2020-12-30 19:24:15", "又 双 叒 要放假了 元旦要来啦！！！！！", "8条评论",
    ]
    for (k, p) in posts.enumerated() {
      lines.append(byline ? "By STAFF" : "user\(k)")
      lines.append("2021-01-0\(k % 9 + 1) 10:3\(k % 10):38")
      lines.append(p)
      lines += chrome
    }
    lines += ["关于 友链", "© 2022 Powered by BBS-GO"]
    return lines
  }

  static let replies = [
    "可以的 好好休息开开心心过年 年后继续努力", "元旦快乐", "我是年前彻底放假了，华为外包释放，一点补偿都没有；年前不找了，过了年再找吧",
    "这放假方式有点奇特啊", "我们放一天上一天再放一天", "我已经放假了， 哈哈哈",
  ]

  @Test func aThreadOfOneLineRepliesKeepsThePosts() {
    let lines = Self.thread(posts: Self.replies)
    let d = BoilerplateClassifier().classify(lines: lines)
    for p in Self.replies {
      let i = lines.firstIndex(of: p) ?? -1
      #expect(
        i >= 0 && d[i].keep && d[i].reason == .threadPost,
        "\(p): \(i >= 0 ? d[i].reason.rawValue : "?")")
    }
    // The users, dates, chrome and footer still go, each with its reason.
    for (i, l) in lines.enumerated()
    where l.hasPrefix("user") || l == "点赞" || l.hasPrefix("2021-") || l.hasPrefix("©") {
      #expect(!d[i].keep, "\(l): \(d[i].reason)")
    }
    var o = BoilerplateOptions()
    o.threadPostShare = 0
    let off = BoilerplateClassifier(options: o).classify(lines: lines)
    #expect(!off.contains { $0.reason == .threadPost })
  }

  @Test func aTeaserListWithBylinesIsNoThread() {
    // title / byline / date records: a list of other stories, not replies.
    let lines = Self.thread(posts: Self.replies, chrome: [], byline: true)
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(!d.contains { $0.reason == .threadPost }, "\(d.map(\.reason))")
  }

  @Test func anArticleHeavierThanTheRepliesKeepsThemDropped() {
    // The replies add less than twice the kept text: the page is an article with comments.
    let article = Array(
      repeating:
        "Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition.",
      count: 8)
    let lines = article + Self.thread(posts: Self.replies).dropFirst(6)
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[0..<8].allSatisfy { $0.keep })
    #expect(!d.contains { $0.reason == .threadPost }, "\(d.map(\.reason))")
  }

  @Test(arguments: [
    ("• 12d ago", true), ("3 hours ago", true), ("Posted 5 mins ago", true), ("2 Days Ago", true),
    ("3天前", true),
    ("5 分钟前", true), ("2 weeks agonizing", false), ("12 apples ago", false), ("ago 12d", false),
    ("3天", false),
  ])
  func relativeDates(_ line: String, _ expected: Bool) {
    #expect(ThreadRecords.hasDate(line) == expected, "\(line)")
  }

  @Test(arguments: [
    ("Reply", true), ("Reply reply", true), ("回复 引用 4", true), ("1 条回复", true), ("Quote", true),
    ("Share this", true),
    ("Replying to everyone who asked, here it is", false), ("Reporter", false), ("Shared", false),
    ("回复数很多的帖子在这里", false),
  ])
  func replyChrome(_ line: String, _ expected: Bool) {
    var copy = line
    let got = copy.withUTF8 {
      ThreadRecords.isReplyChrome($0, characters: line.unicodeScalars.count)
    }
    #expect(got == expected, "\(line)")
  }

  @Test func repliesWithReplyChromeAreKeptBelowAnArticle() {
    // A Reddit-like page: the post, then user / date / comment / `Reply reply` records; the
    // comments are part of the thread even when the post outweighs them.
    let post = Array(
      repeating:
        "Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition.",
      count: 6)
    let comments = [
      "Genius lol", "Biden is putting flags in the mail again, be careful", "Throw bread on him",
      "That is a lot of flags",
    ]
    var lines = ["r/BoomersBeingFools", "Log In"] + post + ["Add a Comment", "Sort by:"]
    for (k, c) in comments.enumerated() {
      lines += ["user_\(k)", "• \(k + 2)d ago", c, "Reply reply"]
    }
    let d = BoilerplateClassifier().classify(lines: lines)
    for c in comments {
      let i = lines.firstIndex(of: c) ?? -1
      #expect(
        i >= 0 && d[i].keep
          && (d[i].reason == .threadPost || d[i].reason == .context || d[i].reason == .content),
        "\(c): \(i >= 0 ? d[i].reason.rawValue : "?")")
    }
    #expect(d.contains { $0.reason == .threadPost }, "\(d.map(\.reason))")
    for (i, l) in lines.enumerated() where l == "Reply reply" || l.hasSuffix("ago") {
      #expect(!d[i].keep, "\(l)")
    }
  }

  /// A chart page: menus, then rank / title / year / rating / `Mark as watched` rows.
  static func chart(rows: Int, article: [String] = []) -> [String] {
    var lines = ["Menu", "Movies", "Sign in", "IMDb Charts", "Share"] + article
    let titles = [
      "Scream 7", "The Bluff", "Wuthering Heights", "Marty Supreme", "The Housemaid", "Shelter",
      "Hamnet", "GOAT",
    ]
    for k in 0..<rows {
      lines += [
        "#\(k + 1)", titles[k % titles.count] + " \(k)", "2026 1h \(40 + k)m R", "Mark as watched",
      ]
    }
    return lines + ["Privacy policy", "© 1990-2026 by IMDb.com, Inc."]
  }

  @Test func aChartKeepsItsRows() {
    let lines = Self.chart(rows: 8)
    let d = BoilerplateClassifier().classify(lines: lines)
    // Records follow the chrome line, so the row above its first copy is not one (adding it
    // cost a page on DEV).
    for (i, l) in lines.enumerated()
    where (l.contains(" 1h ") && l != "2026 1h 40m R") || l.hasPrefix("The Bluff")
      || l.hasPrefix("Hamnet")
    {
      #expect(d[i].keep && d[i].reason == .recordList, "\(l): \(d[i].reason)")
    }
    for (i, l) in lines.enumerated() where l == "Mark as watched" || l == "Menu" || l.hasPrefix("©")
    {
      #expect(!d[i].keep, "\(l): \(d[i].reason)")
    }
    var o = BoilerplateOptions()
    o.recordListShare = 0
    #expect(
      !BoilerplateClassifier(options: o).classify(lines: lines).contains {
        $0.reason == .recordList
      })
  }

  @Test func fewRowsOrAHeavierArticleKeepTheListDropped() {
    // Five copies of the chrome line are no list; a real article outweighs a short list.
    #expect(
      !BoilerplateClassifier().classify(lines: Self.chart(rows: 5)).contains {
        $0.reason == .recordList
      })
    let article = Array(
      repeating:
        "Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition.",
      count: 6)
    let d = BoilerplateClassifier().classify(lines: Self.chart(rows: 8, article: article))
    #expect(d[5..<11].allSatisfy { $0.keep })
    #expect(!d.contains { $0.reason == .recordList }, "\(d.map(\.reason))")
  }
}
