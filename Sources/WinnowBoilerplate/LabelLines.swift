extension BoilerplateClassifier {
  /// Advertisement labels and ad slots' markers, as whole lines (``HeaderSet``: the core
  /// without leading and trailing punctuation, digits and full-width forms, so `- Anzeige -`
  /// and `ADVERTISEMENT:` match). Words that also name a topic or a section (`Advertising`,
  /// `Ads`, `Promoted`) are left out.
  static let adLabelHeaders = HeaderSet(
    BytePatterns.list([
      "advertisement", "advertisements", "sponsored", "sponsored content", "sponsored post",
      "sponsored links", "paid content", "paid post", "story continues below advertisement",
      "article continues below advertisement", "continue reading below",
      "scroll to continue with content", "advertisement - scroll to continue",
      "article continues below this ad", "içeriğin devamı aşağıda", "İçeriğin devamı aşağıda", "广告",
      "anzeige", "werbung", "publicidad", "publicité",
      "publicidade", "pubblicità", "advertentie", "reklam", "reklama", "iklan", "реклама",
    ]))

  /// Buttons and their labels, as whole lines (as ``adLabelHeaders``, so `Reply 3` and
  /// `Share:` match): what a copy of a post, a product card or a how-to holds between its
  /// paragraphs (`Reply Quote`, `Add to Wishlist`, `Download Article`, `回复`). Words that also
  /// move through a text (`Next`, `Previous`, `Top 5`, `More`) are left out: the golds keep
  /// them in slideshows and ranked lists.
  static let buttonLabelHeaders = HeaderSet(
    BytePatterns.list([
      "share", "reply", "quote", "reply quote", "report", "report abuse", "permalink", "follow",
      "save", "print", "email", "tweet", "copy link", "add to wishlist", "add to cart",
      "add to basket", "add to bag", "download article", "yes no", "read in english",
      "tweet may have been deleted", "add a comment", "show activity on this post", "read the rest",
      // A blog's links to the posts beside this one (`Newer Post Older Post Home`; `Previous
      // post`, `Next article`, `上一篇` are related headers: ``LinePatterns/prevNextPrefix``), a
      // thread's and a list's controls (`Sort by:`, `Continue this thread`, `Load more`, `Back
      // to top`, `Was this review helpful?`), a forum's quote expander (`Click to expand...`),
      // WordPress's like and share buttons (`Like this: Like Loading...`, `Share this:`), and
      // the buttons of Chinese article pages that open or fold the rest of the text
      // (`展开全文`, `阅读原文`, `收起`), load or write comments (`查看更多评论`, `写留言`,
      // `添加评论`), page through (`上一页 下一页`) and report the page (`举报/反馈`).
      "newer post", "older post", "newer post older post", "newer post older post home",
      "newer posts", "older posts", "sort by", "continue this thread",
      "展开全文", "阅读原文", "点击展开全文", "收起", "back to top", "load more", "show more replies",
      "view more comments", "was this review helpful", "click to expand", "like this: like loading",
      "写留言", "举报/反馈", "点击加载更多", "查看更多评论", "添加评论", "share this", "tweet this",
      "pin it", "上一页 下一页", "上一篇 下一篇",
      // The links to the posts beside this one in the languages of a mixed crawl.
      "artículo anterior", "artículo siguiente", "article précédent", "article suivant",
      "vorheriger artikel", "nächster artikel", "предыдущая статья", "следующая статья",
      "前の記事", "次の記事",
      "回复", "引用",
      "举报", "分享", "点赞",
      // A share button's network alone.
      "facebook", "twitter", "linkedin", "whatsapp", "pinterest", "reddit", "telegram",
      "instagram",
      // Share, reply and print in the languages of a mixed crawl.
      "teilen", "antworten", "drucken", "partager", "répondre", "imprimer", "compartir",
      "responder", "imprimir", "compartilhar", "condividi", "rispondi", "delen", "reageren",
      "paylaş", "yanıtla", "içeriği görüntüle", "İçeriği görüntüle", "bagikan", "balas",
      "поделиться", "ответить", "シェア", "返信", "공유",
      "답글",
    ]))

  /// The longest line (in characters) that can be a label.
  static let labelMaxCharacters = 40

  /// Label lines that the other rules kept (see ``BoilerplateOptions/dropAdLabels`` and
  /// ``BoilerplateOptions/dropButtonLabels``): a kept line that is only an ad label or an ad
  /// slot's marker is dropped as `advertisement`, one that is only a button's label as
  /// `widget`. It runs last, so the rules before it read a label as any short line: between
  /// two paragraphs it keeps them one block, and the inner gaps and runs see it as before.
  /// (A label the other rules dropped keeps their reason: only kept lines are looked up.)
  /// The same pass drops inline related links (``inlineRelated(_:_:)``, option
  /// ``BoilerplateOptions/dropInlineRelated``): one walk over the kept lines for both.
  func labelLines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?], _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let (ads, buttons, inline) =
      (options.dropAdLabels, options.dropButtonLabels, options.dropInlineRelated)
    guard ads || buttons || inline else { return }
    let longest = inline ? Self.inlineRelatedMaxCharacters : Self.labelMaxCharacters
    for i in features.indices
    where keep[i] && features[i].characters <= longest && fixed[i] == nil {
      if inline && Self.inlineRelated(u, lines[i]) {
        keep[i] = false
        reasons[i] = .relatedLinks
        continue
      }
      guard features[i].characters <= Self.labelMaxCharacters else { continue }
      let core = HeaderSet.core(u, lines[i])
      if ads && Self.adLabelHeaders.hasCore(u, core, counting: lines[i].count) {
        keep[i] = false
        reasons[i] = .advertisement
      } else if buttons && Self.buttonLabelHeaders.hasCore(u, core, counting: lines[i].count) {
        keep[i] = false
        reasons[i] = .widget
      }
    }
  }
}

extension BoilerplateClassifier {
  /// The labels of a forum member's statistics under each post (`Posts: 16,487`, `Joined: Jan
  /// 2013`, `注册时间：2019-03-15`): words only a member's card uses, not `Points` or
  /// `Likes` (a match report's table has those).
  static let memberStatLabels = HeaderSet(
    BytePatterns.list([
      "posts", "joined", "join date", "member since", "reputation", "reaction score",
      "likes received", "karma", "注册时间", "帖子", "积分", "威望",
    ]))

  /// How many member statistics lines a page needs before they go: each post's card has
  /// them, so they repeat; a single `Posts: 12` line is no card.
  static let memberStatMinLines = 2

  /// Member statistics lines kept by the other rules (`byline`, see
  /// ``BoilerplateOptions/dropMemberStatLines``): a kept line of at most
  /// ``labelMaxCharacters`` characters that opens with one of ``memberStatLabels``, a colon (`:` or
  /// `：`) and a count (`16,487`, `1.2k`) or a date (`Jan 2013`, `Apr. 2014`, `2019-03-15`,
  /// `2019年3月`), or a Q&A site's reputation and badges line (``isBadgeLine(_:_:)``), is
  /// dropped when the page holds at least ``memberStatMinLines`` of them.
  func memberStatLines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?], _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    guard options.dropMemberStatLines else { return }
    var found: [Int] = []
    for i in features.indices where keep[i] && features[i].digits > 0 && fixed[i] == nil {
      let n = features[i].characters
      if n <= Self.labelMaxCharacters && Self.isMemberStat(u, lines[i])
        || n <= Self.badgeLineMaxCharacters && Self.isBadgeLine(u, lines[i])
      {
        found.append(i)
      }
    }
    guard found.count >= Self.memberStatMinLines else { return }
    for i in found {
      keep[i] = false
      reasons[i] = .byline
    }
  }

  /// Whether `u[r]` is a member statistics line: a label of ``memberStatLabels``, a colon and
  /// a count or a date (see ``memberStatLines(_:_:_:_:_:_:)``).
  static func isMemberStat(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    guard let first = r.first, memberStatLabels.mayOpen(with: u[first]),
      let (colon, after) = firstColon(u, r, before: r.upperBound),
      memberStatLabels.contains(u, r.lowerBound..<colon)
    else { return false }
    var v = after
    while v < r.upperBound && u[v] == 0x20 { v += 1 }
    guard v < r.upperBound else { return false }
    return isCount(u, v..<r.upperBound) || isMonthYear(u, v..<r.upperBound)
      || isNumericDate(u, v..<r.upperBound)
  }

  /// The first colon of `u[r]` that starts before `limit` — `:`, or `：` (EF BC 9A) — and
  /// where what follows it starts; nil if there is none.
  static func firstColon(
    _ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, before limit: Int
  ) -> (at: Int, after: Int)? {
    var i = r.lowerBound
    while i < limit {
      if u[i] == 0x3A { return (i, i + 1) }
      if u[i] == 0xEF && i + 2 < r.upperBound && u[i + 1] == 0xBC && u[i + 2] == 0x9A {
        return (i, i + 3)
      }
      i += 1
    }
    return nil
  }

  /// The longest line (in characters) that can be a badges line: a reputation and three
  /// counts of badges.
  static let badgeLineMaxCharacters = 100

  /// `gold`, `silver`, `bronze`: the badges' kinds; and the noun after them.
  static let badgeKinds = HeaderSet(BytePatterns.list(["gold", "silver", "bronze"]))
  static let badgeNouns = HeaderSet(BytePatterns.list(["badge", "badges"]))

  /// A Q&A site's reputation and badges under a user's name (`7,138 3 3 gold badges 13 13
  /// silver badges 61 61 bronze badges`, `43 4 4 bronze badges`): a count (``isCount``),
  /// then one or more groups of two numbers, a kind (`gold`, `silver`, `bronze`, any case)
  /// and `badge` or `badges`, separated by single spaces. Most lines are told by their last
  /// bytes; no allocation.
  static func isBadgeLine(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    @inline(__always) func lower(_ i: Int) -> UInt8 { BytePatterns.lower(u[i]) }
    func isNumber(_ w: Range<Int>) -> Bool { w.allSatisfy { BytePatterns.isDigit(u[$0]) } }
    // The last word is `badge` or `badges`.
    var end = r.upperBound
    if end > r.lowerBound && lower(end - 1) == 0x73 { end -= 1 }  // `s`
    guard end - r.lowerBound >= 5, lower(end - 1) == 0x65, lower(end - 5) == 0x62 else {
      return false
    }
    var p = r.lowerBound
    guard let reputation = word(u, r, from: &p), isCount(u, reputation) else { return false }
    var groups = 0
    while p < r.upperBound {
      // ` N N kind badge(s)`
      guard let a = spacedWord(u, r, from: &p), isNumber(a), let b = spacedWord(u, r, from: &p),
        isNumber(b), let kind = spacedWord(u, r, from: &p),
        badgeKinds.hasCore(u, kind, counting: kind.count),
        let noun = spacedWord(u, r, from: &p), badgeNouns.hasCore(u, noun, counting: noun.count)
      else { return false }
      groups += 1
    }
    return groups > 0
  }

  /// The word of `u[r]` at `p` (up to the next space or the end), nil if empty; `p` moves
  /// past it.
  @inline(__always)
  private static func word(
    _ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, from p: inout Int
  ) -> Range<Int>? {
    let start = p
    while p < r.upperBound && u[p] != 0x20 { p += 1 }
    return p > start ? start..<p : nil
  }

  /// One space and the word after it (``word(_:_:from:)``), nil if either is missing.
  @inline(__always)
  private static func spacedWord(
    _ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, from p: inout Int
  ) -> Range<Int>? {
    guard p < r.upperBound, u[p] == 0x20 else { return nil }
    p += 1
    return word(u, r, from: &p)
  }

  /// `16,487`, `22`, `1.2k`: digits with `,` or `.` between them, then `k`, `K`, `m` or `M`
  /// at most.
  static func isCount(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    var end = r.upperBound
    if end > r.lowerBound, "kKmM".utf8.contains(u[end - 1]) { end -= 1 }
    guard end > r.lowerBound, BytePatterns.isDigit(u[r.lowerBound]),
      BytePatterns.isDigit(u[end - 1])
    else {
      return false
    }
    return (r.lowerBound..<end).allSatisfy {
      BytePatterns.isDigit(u[$0]) || u[$0] == 0x2C || u[$0] == 0x2E
    }
  }

  /// The months' first three letters, lowercase.
  static let monthStems: [[UInt8]] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ].map { Array($0.utf8) }

  /// `Jan 2013`, `Apr. 2014`, `January, 2006`: a month's name (its first three letters and
  /// more letters at most), `.` or `,` at most, spaces, four digits.
  static func isMonthYear(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    guard r.count >= 8 else { return false }
    let a = r.lowerBound
    let stem = [
      BytePatterns.lower(u[a]), BytePatterns.lower(u[a + 1]), BytePatterns.lower(u[a + 2]),
    ]
    guard monthStems.contains(stem) else { return false }
    var i = a + 3
    while i < r.upperBound && BytePatterns.isLetter(u[i]) { i += 1 }
    if i < r.upperBound && (u[i] == 0x2E || u[i] == 0x2C) { i += 1 }
    let spaces = i
    while i < r.upperBound && u[i] == 0x20 { i += 1 }
    guard i > spaces, r.upperBound - i == 4 else { return false }
    return (i..<r.upperBound).allSatisfy { BytePatterns.isDigit(u[$0]) }
  }

  /// `2019-03-15`, `15.03.2019`, `2019/3/15`, `2019年3月15日`, `2019年3月`: digits and the
  /// separators `-`, `.`, `/`, `年`, `月`, `日` (E5 B9 B4, E6 9C 88, E6 97 A5), starting with a
  /// digit, with at least five digits and one separator.
  static func isNumericDate(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    guard let first = r.first, BytePatterns.isDigit(u[first]) else { return false }
    var digits = 0
    var separators = 0
    var i = r.lowerBound
    while i < r.upperBound {
      let b = u[i]
      if BytePatterns.isDigit(b) {
        digits += 1
        i += 1
      } else if b == 0x2D || b == 0x2E || b == 0x2F {
        separators += 1
        i += 1
      } else {
        guard i + 3 <= r.upperBound else { return false }
        let (b1, b2) = (u[i + 1], u[i + 2])
        let han =
          (b == 0xE5 && b1 == 0xB9 && b2 == 0xB4) || (b == 0xE6 && b1 == 0x9C && b2 == 0x88)
          || (b == 0xE6 && b1 == 0x97 && b2 == 0xA5)
        guard han else { return false }
        separators += 1
        i += 3
      }
    }
    return digits >= 5 && separators >= 1
  }
}

extension BoilerplateClassifier {
  /// Related-articles headers that open an inline link to another story, before a colon
  /// (`Read more: …`, `Baca juga: …`), and tags labels (`Tags: …`, `Filed under: …`), as
  /// ``HeaderSet`` matches them (ASCII letters in any case, with the non-ASCII capitals
  /// ``BytePatterns/list(_:)`` adds: `À lire aussi`).
  static let inlineRelatedHeaders = HeaderSet(inlineRelatedHeaderBytes)

  /// ``inlineRelatedHeaderWords`` with their non-ASCII capitals (``BytePatterns/list(_:)``),
  /// built once for the header set and the two prefix tables.
  static let inlineRelatedHeaderBytes = BytePatterns.list(inlineRelatedHeaderWords)

  /// The words of ``inlineRelatedHeaders``, lowercase.
  static let inlineRelatedHeaderWords = [
    "read more", "read also", "also read", "related", "see also", "recommended",
    "baca juga", "lesen sie auch", "mehr zum thema", "lire aussi", "à lire aussi",
    "a lire aussi", "leia também", "leia mais", "leggi anche", "te puede interesar",
    "también te puede interesar", "相关阅读", "延伸阅读", "推荐阅读", "相关新闻", "相关链接", "相关文章",
    // A post's tags as links after their label (`Tags: BGR Deals`, `Filed Under: Eastern Equine
    // Encephalitis, EEE, health`, `标签：容器技术`): links to topic pages, not text. (Not
    // `关键字：`/`关键词：`: the golds keep a Chinese article's keywords line.)
    "tags", "tagged", "filed under", "标签", "schlagwörter", "etiketler", "étiquettes",
    "etiquetas", "теги",
  ]

  /// The first four bytes of each of ``inlineRelatedHeaders``' words (ASCII lowercased),
  /// little-endian: a line whose first four bytes are none of them is no inline link, told
  /// before its colon is looked for.
  static let inlineRelatedPrefixes: [UInt32] = {
    var out: [UInt32] = []
    for h in inlineRelatedHeaderBytes where h.count >= 4 {
      let v = prefix32(h[0], h[1], h[2], h[3])
      if !out.contains(v) { out.append(v) }
    }
    return out
  }()

  /// The first two bytes of each of ``inlineRelatedHeaders``' words (ASCII lowercased), as
  /// a bit set over the 65,536 pairs: most lines are told by one look-up.
  static let inlineRelatedPairs: [UInt64] = {
    var bits = [UInt64](repeating: 0, count: 1024)
    for h in inlineRelatedHeaderBytes where h.count >= 2 {
      let k = Int(BytePatterns.lower(h[0])) << 8 | Int(BytePatterns.lower(h[1]))
      bits[k >> 6] |= 1 << UInt64(k & 63)
    }
    return bits
  }()

  /// Whether a header of ``inlineRelatedHeaders`` opens with the two bytes (ASCII in any
  /// case).
  @inline(__always)
  static func hasInlineRelatedPair(_ a: UInt8, _ b: UInt8) -> Bool {
    let k = Int(BytePatterns.lower(a)) << 8 | Int(BytePatterns.lower(b))
    return inlineRelatedPairs[k >> 6] & (1 << UInt64(k & 63)) != 0
  }

  /// Four bytes, ASCII lowercased, as one little-endian value.
  @inline(__always)
  static func prefix32(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> UInt32 {
    UInt32(BytePatterns.lower(a)) | UInt32(BytePatterns.lower(b)) << 8
      | UInt32(BytePatterns.lower(c)) << 16 | UInt32(BytePatterns.lower(d)) << 24
  }

  /// The longest line (in characters) that can be an inline related link.
  static let inlineRelatedMaxCharacters = 200

  /// Whether `u[r]`, a kept line, is an inline related link (see
  /// ``BoilerplateOptions/dropInlineRelated``): at most ``inlineRelatedMaxCharacters``
  /// characters (the caller's test) opening with one of ``inlineRelatedHeaders`` (ASCII in
  /// any case), spaces at most and `:` or `：`. Most lines are told by their first two bytes
  /// (``hasInlineRelatedPair(_:_:)``), then their first four.
  @inline(__always)
  static func inlineRelated(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    guard r.count > 4, hasInlineRelatedPair(u[r.lowerBound], u[r.lowerBound + 1]) else {
      return false
    }
    let a = r.lowerBound
    return inlineRelatedPrefixes.contains(prefix32(u[a], u[a + 1], u[a + 2], u[a + 3]))
      && isInlineRelated(u, r)
  }

  /// Whether `u[r]` opens with one of ``inlineRelatedHeaders`` (ASCII in any case), spaces
  /// at most, and `:` or `：` (EF BC 9A): the first colon within the longest header's
  /// bytes and a few spaces, and the header set asked once for what comes before it.
  static func isInlineRelated(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    let limit = min(r.upperBound, r.lowerBound + inlineRelatedHeaders.maxBytes + 4)
    guard let (colon, _) = firstColon(u, r, before: limit), colon > r.lowerBound else {
      return false
    }
    var end = colon
    while end > r.lowerBound && u[end - 1] == 0x20 { end -= 1 }
    return inlineRelatedHeaders.contains(u, r.lowerBound..<end)
  }
}
