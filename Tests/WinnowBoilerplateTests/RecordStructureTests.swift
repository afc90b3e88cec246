import Testing
@testable import WinnowBoilerplate

@Suite("Boilerplate: record structure (forum threads)")
struct RecordStructureTests {
  @Test(arguments: [
    ("2021-01-01 10:34:38", true), ("发布于 2020-12-30 19:24:15", true), ("2019/11/20", true), ("2020.1.5", true),
    ("2020年1月5日", true), ("2020 - 01 - 05", true), ("11/20/2019 01:14 PM", true), ("Posted 3/4/21", true),
    ("Room 101", false), ("10:34:38", false), ("1/2", false), ("2020-123-4", false), ("v1.2.3", false), ("", false),
  ])
  func numericDates(_ line: String, _ expected: Bool) {
    #expect(ThreadRecords.hasNumericDate(line) == expected, "\(line)")
  }

  /// A thread page: an opening post, then replies as user / date / post / chrome records.
  static func thread(posts: [String], chrome: [String] = ["点赞", "评论"], byline: Bool = false) -> [String] {
    var lines = ["话题文章BBS-GO", "登录", "鹿小町", "发布于 2020-12-30 19:24:15", "又 双 叒 要放假了 元旦要来啦！！！！！", "8条评论"]
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
      #expect(i >= 0 && d[i].keep && d[i].reason == .threadPost, "\(p): \(i >= 0 ? d[i].reason.rawValue : "?")")
    }
    // The users, dates, chrome and footer still go, each with its reason.
    for (i, l) in lines.enumerated() where l.hasPrefix("user") || l == "点赞" || l.hasPrefix("2021-") || l.hasPrefix("©") {
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
    let article = Array(repeating: "Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition.", count: 8)
    let lines = article + Self.thread(posts: Self.replies).dropFirst(6)
    let d = BoilerplateClassifier().classify(lines: lines)
    #expect(d[0..<8].allSatisfy { $0.keep })
    #expect(!d.contains { $0.reason == .threadPost }, "\(d.map(\.reason))")
  }
}
