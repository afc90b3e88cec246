@_spi(WorkCounting) import Winnow

/// An entity found by a pattern, with offsets into the scanned (folded) bytes.
struct RawEntity {
  var kind: String
  var start: Int
  var end: Int
  var value: EntityValue?
}

/// Hand-written, linear-time scanners for pattern entities over folded text (NFKC_Casefold
/// and Simplified Chinese: ASCII letters are lower case, full-width digits are ASCII).
///
/// No regular expressions and no backtracking: the scan tries each scanner only where a
/// token starts, and each scanner looks a bounded distance ahead (a phone number's groups,
/// a date's few words), so the work is linear in the text.
struct PatternScanner {
  var date: CivilDate?
  var phoneRegion: String

  // MARK: Byte helpers

  typealias Bytes = UnsafeBufferPointer<UInt8>

  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
  @inline(__always) static func isLower(_ b: UInt8) -> Bool { b >= 0x61 && b <= 0x7A }
  @inline(__always) static func isAlnum(_ b: UInt8) -> Bool {
    isDigit(b) || isLower(b) || (b >= 0x41 && b <= 0x5A)
  }

  static func at(_ t: Bytes, _ i: Int) -> UInt8 { i >= 0 && i < t.count ? t[i] : 0 }

  static func hasPrefix(_ t: Bytes, _ i: Int, _ p: [UInt8]) -> Bool {
    guard i >= 0, i + p.count <= t.count else { return false }
    WorkCounter.add(p.count)
    for k in 0..<p.count where t[i + k] != p[k] { return false }
    return true
  }

  static func digitsEnd(_ t: Bytes, _ i: Int, max: Int = 20) -> Int {
    var j = i
    while j < t.count && j - i < max && isDigit(t[j]) { j += 1 }
    WorkCounter.add(j - i + 1)
    return j
  }

  static func wordEnd(_ t: Bytes, _ i: Int) -> Int {
    var j = i
    while j < t.count && isLower(t[j]) { j += 1 }
    WorkCounter.add(j - i + 1)
    return j
  }

  static func int(_ t: Bytes, _ r: Range<Int>) -> Int {
    WorkCounter.add(r.count)
    var v = 0
    for i in r { v = v * 10 + Int(t[i] - 0x30) }
    return v
  }

  static func string(_ t: Bytes, _ r: Range<Int>) -> String {
    WorkCounter.add(r.count)
    return String(decoding: UnsafeBufferPointer(rebasing: t[r]), as: UTF8.self)
  }

  static func skipSpaces(_ t: Bytes, _ i: Int) -> Int {
    var j = i
    while j < t.count && t[j] == 0x20 { j += 1 }
    WorkCounter.add(j - i + 1)
    return j
  }

  /// Whether a token boundary (for ASCII alphanumerics) is at `i`.
  static func boundaryBefore(_ t: Bytes, _ i: Int) -> Bool { i == 0 || !isAlnum(t[i - 1]) }
  static func boundaryAfter(_ t: Bytes, _ i: Int) -> Bool { i >= t.count || !isAlnum(t[i]) }

  // MARK: Vocabulary

  static let months: [String: Int] = [
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
  ]
  static let weekdays: [String: Int] = [
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
    "sunday": 7,
  ]
  static let hanWeekday: [String: Int] = [
    "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7,
  ]
  static let nian = Array("年".utf8), yue = Array("月".utf8), ri = Array("日".utf8),
    hao = Array("号".utf8)
  static let dian = Array("点".utf8), shi = Array("时".utf8), fen = Array("分".utf8)
  // Prefixes `nonASCII` and `license` test at every Han position: built once, not per call.
  static let symbolCurrencies: [([UInt8], String)] = [("£", "GBP"), ("€", "EUR"), ("¥", "CNY")].map
  { (Array($0.0.utf8), $0.1) }
  static let shang = Array("上".utf8), xia = Array("下".utf8), ben = Array("本".utf8),
    zhe = Array("这".utf8)
  static let weekdayPrefixes: [[UInt8]] = ["星期", "礼拜", "周"].map { Array($0.utf8) }
  static let zhou = Array("周".utf8)
  static let relativeDays: [([UInt8], Int)] = [("今天", 0), ("昨天", -1), ("明天", 1)].map {
    (Array($0.0.utf8), $0.1)
  }
  static let icp = Array("icp".utf8), bei = Array("备".utf8), zheng = Array("证".utf8)
  static let gongAnBei = Array("公网安备".utf8), bianHao = Array("编号".utf8)
  static let wan = Array("万".utf8), yi = Array("亿".utf8)
  static let httpPrefix = Array("http://".utf8), httpsPrefix = Array("https://".utf8),
    wwwPrefix = Array("www.".utf8)

  static let licenseKinds: [[UInt8]] = [
    "互联网新闻信息服务许可证", "互联网新闻信息许可证", "网络文化经营许可证", "信息网络传播视听节目许可证",
    "广播电视节目制作经营许可证", "增值电信业务经营许可证", "出版物经营许可证", "网络出版服务许可证",
    "互联网药品信息服务资格证书", "互联网宗教信息服务许可证", "网络视听许可证", "营业执照",
  ].map { Array($0.utf8) }
  static let currencyWords: [String: String] = [
    "dollars": "USD", "dollar": "USD", "usd": "USD", "euros": "EUR", "euro": "EUR", "eur": "EUR",
    "pounds": "GBP", "pound": "GBP", "gbp": "GBP", "yuan": "CNY", "rmb": "CNY", "cny": "CNY",
    "yen": "JPY", "jpy": "JPY",
  ]
  static let hanCurrencies: [([UInt8], String)] = [
    ("美元", "USD"), ("欧元", "EUR"), ("英镑", "GBP"), ("日元", "JPY"), ("港元", "HKD"), ("港币", "HKD"),
    ("人民币", "CNY"), ("元", "CNY"), ("块", "CNY"),
  ].map { (Array($0.0.utf8), $0.1) }
  static let scales: [String: Double] = [
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9, "m": 1e6,
    "k": 1e3,
  ]

  // MARK: Scan

  /// All pattern entities of `t`, non-overlapping, in order.
  func scan(_ t: Bytes) -> [RawEntity] {
    var out: [RawEntity] = []
    var i = 0
    let n = t.count
    while i < n {
      let b = t[i]
      var found: RawEntity? = nil
      if b < 0x80 {
        if PatternScanner.boundaryBefore(t, i) {
          if PatternScanner.isDigit(b) {
            found = digitStart(t, i)
          } else if PatternScanner.isLower(b) {
            found = url(t, i) ?? email(t, i) ?? wordStart(t, i)
          } else if b == 0x2B || (b == 0x28 && PatternScanner.isDigit(PatternScanner.at(t, i + 1)))
          {  // '+', '('
            found = phone(t, i)
          } else if b == 0x24 {  // '$'
            found = money(t, i, symbolEnd: i + 1, currency: "USD")
          }
        }
      } else if b >= 0xC0 {  // a lead byte: no pattern starts inside a character
        found = nonASCII(t, i)
      }
      if let f = found, f.end > i {
        out.append(f)
        i = f.end
      } else {
        i += 1
        while i < n && t[i] & 0xC0 == 0x80 { i += 1 }
      }
    }
    WorkCounter.add(n)
    return out
  }

  // MARK: Words (dates, weekdays, URLs, e-mail)

  func wordStart(_ t: Bytes, _ i: Int) -> RawEntity? {
    let we = PatternScanner.wordEnd(t, i)
    let w = PatternScanner.string(t, i..<we)
    if w == "us", PatternScanner.at(t, we) == 0x24 {
      return money(t, i, symbolEnd: we + 1, currency: "USD")
    }
    guard PatternScanner.boundaryAfter(t, we) else { return nil }
    if let m = PatternScanner.months[w] {
      var j = we
      if PatternScanner.at(t, j) == 0x2E { j += 1 }  // "Sept."
      let k = PatternScanner.skipSpaces(t, j)
      let de = PatternScanner.digitsEnd(t, k, max: 4)
      guard de > k, k > j || j > we else { return nil }
      if de - k == 4 {  // "March 2025"
        let y = PatternScanner.int(t, k..<de)
        guard w != "may" || true else { return nil }
        return RawEntity(
          kind: "DATE", start: i, end: de,
          value: .string(String(y) + "-" + (m < 10 ? "0" : "") + String(m)))
      }
      guard de - k <= 2 else { return nil }
      let d = PatternScanner.int(t, k..<de)
      var end = de
      for suffix in ["st", "nd", "rd", "th"]
      where PatternScanner.hasPrefix(t, end, Array(suffix.utf8))
        && PatternScanner.boundaryAfter(t, end + 2)
      {
        end += 2
      }
      guard PatternScanner.boundaryAfter(t, end) else { return nil }
      // ", 2025" or " 2025"
      var yearEnd = end, year: Int? = nil
      var p = end
      if PatternScanner.at(t, p) == 0x2C { p += 1 }
      p = PatternScanner.skipSpaces(t, p)
      let ye = PatternScanner.digitsEnd(t, p, max: 5)
      if ye - p == 4 && PatternScanner.boundaryAfter(t, ye) && p > end {
        year = PatternScanner.int(t, p..<ye); yearEnd = ye
      }
      guard let yy = year ?? date?.year, let cd = CivilDate(year: yy, month: m, day: d) else {
        return RawEntity(kind: "DATE", start: i, end: yearEnd, value: nil)
      }
      return RawEntity(kind: "DATE", start: i, end: yearEnd, value: .string(cd.iso))
    }
    if let wd = PatternScanner.weekdays[w] {
      return weekday(t, start: i, wordEnd: we, weekday: wd, weekShift: 0)
    }
    if w == "next" || w == "last" || w == "this" {
      let k = PatternScanner.skipSpaces(t, we)
      guard k > we else { return nil }
      let we2 = PatternScanner.wordEnd(t, k)
      if let wd = PatternScanner.weekdays[PatternScanner.string(t, k..<we2)],
        PatternScanner.boundaryAfter(t, we2)
      {
        let shift = w == "next" ? 1 : w == "last" ? -1 : 0
        return weekday(t, start: i, wordEnd: we2, weekday: wd, weekShift: shift, allowSuffix: false)
      }
      return nil
    }
    if w == "today" || w == "yesterday" || w == "tomorrow" {
      let v = date.map { d in
        EntityValue.string(d.adding(days: w == "today" ? 0 : w == "yesterday" ? -1 : 1).iso)
      }
      return RawEntity(kind: "DATE", start: i, end: we, value: v)
    }
    return nil
  }

  /// A weekday, with an optional "next week" / "last week" / "this week" after it,
  /// resolved in the document date's Monday-to-Sunday week.
  func weekday(
    _ t: Bytes, start: Int, wordEnd: Int, weekday wd: Int, weekShift: Int, allowSuffix: Bool = true
  ) -> RawEntity {
    var end = wordEnd
    var shift = weekShift
    if allowSuffix {
      for (phrase, s) in [(" next week", 1), (" last week", -1), (" this week", 0)]
      where PatternScanner.hasPrefix(t, wordEnd, Array(phrase.utf8))
        && PatternScanner.boundaryAfter(t, wordEnd + phrase.utf8.count)
      {
        end = wordEnd + phrase.utf8.count
        shift = s
      }
    }
    return RawEntity(
      kind: "DATE", start: start, end: end, value: resolve(weekday: wd, weekShift: shift))
  }

  func resolve(weekday wd: Int, weekShift: Int) -> EntityValue? {
    guard let d = date else { return nil }
    return .string(d.adding(days: wd - d.weekday + 7 * weekShift).iso)
  }

  func url(_ t: Bytes, _ i: Int) -> RawEntity? {
    let http =
      PatternScanner.hasPrefix(t, i, PatternScanner.httpPrefix)
      || PatternScanner.hasPrefix(t, i, PatternScanner.httpsPrefix)
    let www = PatternScanner.hasPrefix(t, i, PatternScanner.wwwPrefix)
    guard http || www else { return nil }
    var j = i
    while j < t.count, t[j] > 0x20, t[j] < 0x7F, !"\"<>`{}|\\^".utf8.contains(t[j]) { j += 1 }
    WorkCounter.add(j - i)
    while j > i, ".,;:!?)]'".utf8.contains(t[j - 1]) { j -= 1 }
    let s = PatternScanner.string(t, i..<j)
    guard s.count > (www ? 6 : 10) else { return nil }
    return RawEntity(kind: "URL", start: i, end: j, value: .string(www ? "http://" + s : s))
  }

  static func isEmailLocal(_ b: UInt8) -> Bool { isAlnum(b) || "._%+-".utf8.contains(b) }

  func email(_ t: Bytes, _ i: Int) -> RawEntity? {
    var j = i
    while j < t.count && j - i < 64 && PatternScanner.isEmailLocal(t[j]) { j += 1 }
    WorkCounter.add(j - i + 1)
    guard PatternScanner.at(t, j) == 0x40, j > i else { return nil }
    var k = j + 1
    while k < t.count && (PatternScanner.isAlnum(t[k]) || t[k] == 0x2D || t[k] == 0x2E) { k += 1 }
    while k > j + 1 && t[k - 1] == 0x2E { k -= 1 }
    var lastDot = -1
    for q in (j + 1)..<max(j + 1, k) where t[q] == 0x2E { lastDot = q }
    WorkCounter.add(2 * (k - j))
    guard lastDot > j + 1, lastDot < k - 2 else { return nil }
    return RawEntity(
      kind: "EMAIL", start: i, end: k, value: .string(PatternScanner.string(t, i..<k)))
  }

  // MARK: Numbers (dates, times, phones, money, percentages)

  func digitStart(_ t: Bytes, _ i: Int) -> RawEntity? {
    let de = PatternScanner.digitsEnd(t, i)
    let len = de - i
    // ISO-like dates: 2025-03-20, 2025/03/20, 2025.03.20
    if len == 4, let sep = Optional(PatternScanner.at(t, de)),
      sep == 0x2D || sep == 0x2F || sep == 0x2E
    {
      let me = PatternScanner.digitsEnd(t, de + 1, max: 2)
      if me > de + 1, PatternScanner.at(t, me) == sep {
        let dd = PatternScanner.digitsEnd(t, me + 1, max: 2)
        if dd > me + 1, PatternScanner.boundaryAfter(t, dd),
          !PatternScanner.isDigit(PatternScanner.at(t, dd)),
          let cd = CivilDate(
            year: PatternScanner.int(t, i..<de), month: PatternScanner.int(t, de + 1..<me),
            day: PatternScanner.int(t, me + 1..<dd))
        {
          return RawEntity(kind: "DATE", start: i, end: dd, value: .string(cd.iso))
        }
      }
    }
    // Chinese dates: 2025年3月20日, 2025年3月, 3月20日
    if let r = hanDate(t, i, de) { return r }
    // Times: 10:30, 9:05 pm, 10点30分
    if let r = time(t, i, de) { return r }
    // Phones (before money/percent: a phone has no unit).
    if let r = phone(t, i) { return r }
    if let r = percentOrMoney(t, i) { return r }
    // "20 March 2025"
    if len <= 2 {
      let k = PatternScanner.skipSpaces(t, de)
      if k > de {
        let we = PatternScanner.wordEnd(t, k)
        if let m = PatternScanner.months[PatternScanner.string(t, k..<we)],
          PatternScanner.boundaryAfter(t, we)
        {
          let d = PatternScanner.int(t, i..<de)
          var end = we
          var year = date?.year
          let p = PatternScanner.skipSpaces(t, we)
          let ye = PatternScanner.digitsEnd(t, p, max: 5)
          if p > we, ye - p == 4 { year = PatternScanner.int(t, p..<ye); end = ye }
          let v = year.flatMap { CivilDate(year: $0, month: m, day: d) }.map {
            EntityValue.string($0.iso)
          }
          return RawEntity(kind: "DATE", start: i, end: end, value: v)
        }
      }
    }
    return nil
  }

  func hanDate(_ t: Bytes, _ i: Int, _ de: Int) -> RawEntity? {
    typealias P = PatternScanner
    var y: Int? = nil, m: Int? = nil, d: Int? = nil
    var j = i
    var e = de
    if e - j == 4 && P.hasPrefix(t, e, P.nian) {
      y = P.int(t, j..<e)
      j = e + 3
      e = P.digitsEnd(t, j, max: 2)
      if e == j { return RawEntity(kind: "DATE", start: i, end: j, value: .string(String(y ?? 0))) }
    }
    if e - j >= 1 && e - j <= 2 && P.hasPrefix(t, e, P.yue) {
      m = P.int(t, j..<e)
      j = e + 3
      let de2 = P.digitsEnd(t, j, max: 2)
      if de2 > j && (P.hasPrefix(t, de2, P.ri) || P.hasPrefix(t, de2, P.hao)) {
        d = P.int(t, j..<de2)
        j = de2 + 3
      }
    } else if y == nil {
      return nil
    }
    guard let mm = m else { return nil }
    let year = y ?? date?.year
    if let dd = d {
      let v = year.flatMap { CivilDate(year: $0, month: mm, day: dd) }.map {
        EntityValue.string($0.iso)
      }
      return RawEntity(kind: "DATE", start: i, end: j, value: v)
    }
    guard (1...12).contains(mm) else { return nil }
    let v = year.map { EntityValue.string(String($0) + "-" + (mm < 10 ? "0" : "") + String(mm)) }
    return RawEntity(kind: "DATE", start: i, end: j, value: v)
  }

  func time(_ t: Bytes, _ i: Int, _ de: Int) -> RawEntity? {
    typealias P = PatternScanner
    guard de - i <= 2 else { return nil }
    var h = P.int(t, i..<de)
    var minute = 0
    var end = de
    var isTime = false
    if P.at(t, de) == 0x3A {  // h:mm(:ss)
      let me = P.digitsEnd(t, de + 1, max: 2)
      guard me - (de + 1) == 2 else { return nil }
      minute = P.int(t, de + 1..<me)
      end = me
      if P.at(t, me) == 0x3A, P.digitsEnd(t, me + 1, max: 2) == me + 3 { end = me + 3 }
      isTime = true
    } else if P.hasPrefix(t, de, P.dian) || P.hasPrefix(t, de, P.shi) {
      end = de + 3
      let me = P.digitsEnd(t, end, max: 2)
      if me > end && P.hasPrefix(t, me, P.fen) { minute = P.int(t, end..<me); end = me + 3 }
      isTime = true
    }
    // am / pm
    let k = P.skipSpaces(t, end)
    for (word, add) in [("a.m.", 0), ("p.m.", 12), ("am", 0), ("pm", 12)]
    where P.hasPrefix(t, k, Array(word.utf8))
      && (word.hasSuffix(".") || P.boundaryAfter(t, k + word.utf8.count))
    {
      if h == 12 { h = 0 }
      h += add
      end = k + word.utf8.count
      isTime = true
      break
    }
    guard isTime, h < 24, minute < 60, P.boundaryAfter(t, end) || end > de else { return nil }
    let v = (h < 10 ? "0" : "") + String(h) + ":" + (minute < 10 ? "0" : "") + String(minute)
    return RawEntity(kind: "TIME", start: i, end: end, value: .string(v))
  }

  /// Phone numbers: `+CC …` international, and for region CN landlines with an area code
  /// (`010-85061466`, `0755 1234 5678`) and mobiles (`13812345678`). Value: E.164.
  func phone(_ t: Bytes, _ i: Int) -> RawEntity? {
    typealias P = PatternScanner
    var j = i
    let plus = P.at(t, i) == 0x2B
    if plus { j += 1 }
    // Collect digit groups separated by one space, '-' or '.'; "(010)" parentheses allowed.
    var digits: [UInt8] = []
    var ends: [(Int, Int)] = []  // (byte end, digit count) after each group
    var groups = 0
    while j < t.count && groups < 6 {
      var k = j
      if P.at(t, k) == 0x28 { k += 1 }  // '('
      let ge = P.digitsEnd(t, k, max: 15)
      guard ge > k else { break }
      digits.append(contentsOf: t[k..<ge])
      var after = ge
      if P.at(t, after) == 0x29 { after += 1 }  // ')'
      groups += 1
      ends.append((after, digits.count))
      let sep = P.at(t, after)
      if (sep == 0x20 || sep == 0x2D || sep == 0x2E) && P.isDigit(P.at(t, after + 1))
        || (sep == 0x20 && P.at(t, after + 1) == 0x28)
      {
        j = after + 1
      } else {
        break
      }
      if digits.count > 15 { break }
    }
    // Longest prefix of groups that makes a valid number.
    for (end, count) in ends.reversed() {
      guard P.boundaryAfter(t, end), !P.isDigit(P.at(t, end)) else { continue }
      let d = Array(digits.prefix(count))
      if plus {
        if (8...15).contains(d.count) {
          return RawEntity(
            kind: "PHONE", start: i, end: end,
            value: .string("+" + String(decoding: d, as: UTF8.self)))
        }
        continue
      }
      guard phoneRegion == "CN" else { continue }
      let s = String(decoding: d, as: UTF8.self)
      if d.first == 0x30 && d.count >= 10 && d.count <= 12 {
        let area = d.count > 1 && (d[1] == 0x31 || d[1] == 0x32) ? 3 : 4
        let local = d.count - area
        if (area == 3 && local == 8) || (area == 4 && (local == 7 || local == 8)) {
          // Require a separator or parentheses after the area code, or the plain 11–12 digit form.
          return RawEntity(kind: "PHONE", start: i, end: end, value: .string("+86" + s.dropFirst()))
        }
      }
      if d.count == 11 && d[0] == 0x31 && d[1] >= 0x33 && groups <= 3 {
        return RawEntity(kind: "PHONE", start: i, end: end, value: .string("+86" + s))
      }
    }
    return nil
  }

  /// A decimal number with thousands separators at `i`: (value text, end). At most 64
  /// bytes are read: the scan restarts at each group of `1,000,000,…`, so an unbounded
  /// number would make that text quadratic (issue 7).
  static func number(_ t: Bytes, _ i: Int) -> (String, Int)? {
    var j = i
    var s = ""
    guard isDigit(at(t, j)) else { return nil }
    while j < t.count && j - i < 64 {
      let b = t[j]
      if isDigit(b) {
        s.unicodeScalars.append(UnicodeScalar(b)); j += 1
      } else if b == 0x2C && isDigit(at(t, j + 1)) && isDigit(at(t, j + 2)) && isDigit(at(t, j + 3))
        && !isDigit(at(t, j + 4))
      {
        j += 1
      } else if b == 0x2E && isDigit(at(t, j + 1)) && !s.contains(".") {
        s += "."; j += 1
      } else {
        break
      }
    }
    WorkCounter.add(j - i + 1)
    return (s, j)
  }

  static func formatAmount(_ s: String, scale: Double) -> String {
    guard scale != 1, let v = Double(s) else { return s }
    let x = v * scale
    if x == x.rounded() && x < 1e18 { return String(Int64(x)) }
    return String(x)
  }

  func percentOrMoney(_ t: Bytes, _ i: Int) -> RawEntity? {
    typealias P = PatternScanner
    guard let (num, ne) = P.number(t, i) else { return nil }
    if P.at(t, ne) == 0x25 {
      return RawEntity(kind: "PERCENT", start: i, end: ne + 1, value: .string(num + "%"))
    }
    let k = P.skipSpaces(t, ne)
    for word in ["percent", "per cent"]
    where P.hasPrefix(t, k, Array(word.utf8)) && P.boundaryAfter(t, k + word.utf8.count) {
      return RawEntity(
        kind: "PERCENT", start: i, end: k + word.utf8.count, value: .string(num + "%"))
    }
    // number [scale] currency-word
    var p = k
    var scale = 1.0
    let we = P.wordEnd(t, p)
    if let sc = P.scales[P.string(t, p..<we)], P.boundaryAfter(t, we), we - p > 1 {
      scale = sc
      p = P.skipSpaces(t, we)
    }
    let ce = P.wordEnd(t, p)
    if let cur = P.currencyWords[P.string(t, p..<ce)], P.boundaryAfter(t, ce) {
      return RawEntity(
        kind: "MONEY", start: i, end: ce,
        value: .object([("currency", cur), ("amount", P.formatAmount(num, scale: scale))]))
    }
    // Chinese: 5000万元, 3亿美元, 100元
    var q = ne
    var hanScale = 1.0
    if P.hasPrefix(t, q, P.wan) {
      hanScale = 1e4; q += 3
    } else if P.hasPrefix(t, q, P.yi) {
      hanScale = 1e8; q += 3
    }
    for (cur, code) in P.hanCurrencies where P.hasPrefix(t, q, cur) {
      return RawEntity(
        kind: "MONEY", start: i, end: q + cur.count,
        value: .object([("currency", code), ("amount", P.formatAmount(num, scale: hanScale))]))
    }
    return nil
  }

  func money(_ t: Bytes, _ i: Int, symbolEnd: Int, currency: String) -> RawEntity? {
    typealias P = PatternScanner
    let k = P.skipSpaces(t, symbolEnd)
    guard let (num, ne) = P.number(t, k) else { return nil }
    var end = ne
    var scale = 1.0
    let p = P.skipSpaces(t, ne)
    let we = P.wordEnd(t, p)
    if let sc = P.scales[P.string(t, p..<we)], P.boundaryAfter(t, we) { scale = sc; end = we }
    return RawEntity(
      kind: "MONEY", start: i, end: end,
      value: .object([("currency", currency), ("amount", P.formatAmount(num, scale: scale))]))
  }

  // MARK: Non-ASCII starts (currency symbols, Chinese weekdays, licences)

  func nonASCII(_ t: Bytes, _ i: Int) -> RawEntity? {
    typealias P = PatternScanner
    for (sym, code) in P.symbolCurrencies where P.hasPrefix(t, i, sym) {
      return money(t, i, symbolEnd: i + sym.count, currency: code)
    }
    if let r = license(t, i) { return r }
    // Chinese weekdays: 星期四, 周四, 礼拜四, 上周四, 下星期一
    var j = i
    var shift = 0
    if P.hasPrefix(t, j, P.shang) {
      shift = -1; j += 3
    } else if P.hasPrefix(t, j, P.xia) {
      shift = 1; j += 3
    } else if P.hasPrefix(t, j, P.ben) || P.hasPrefix(t, j, P.zhe) {
      j += 3
    }
    for prefix in P.weekdayPrefixes where P.hasPrefix(t, j, prefix) {
      let k = j + prefix.count
      guard k + 3 <= t.count else { break }
      let ch = P.string(t, k..<k + 3)
      if let wd = P.hanWeekday[ch], !(prefix == P.zhou && ch == "天") {
        return RawEntity(
          kind: "DATE", start: i, end: k + 3, value: resolve(weekday: wd, weekShift: shift))
      }
    }
    if shift == 0 && j == i {
      for (word, days) in P.relativeDays where P.hasPrefix(t, i, word) {
        return RawEntity(
          kind: "DATE", start: i, end: i + 6, value: date.map { .string($0.adding(days: days).iso) }
        )
      }
    }
    return nil
  }

  /// Chinese licence and registration numbers; value `{kind, number}`.
  func license(_ t: Bytes, _ i: Int) -> RawEntity? {
    typealias P = PatternScanner
    // 京ICP备12345678号-1, 京ICP证000000号 (folded: "icp")
    if P.hasPrefix(t, i + 3, P.icp) {
      let k = i + 6
      for (mark, kind) in [(P.bei, "ICP备案"), (P.zheng, "ICP证")] where P.hasPrefix(t, k, mark) {
        var j = P.skipSpaces(t, k + 3)
        let de = P.digitsEnd(t, j)
        guard de > j else { return nil }
        var number = P.string(t, j..<de)
        j = de
        if P.hasPrefix(t, j, P.hao) { j += 3 }
        if P.at(t, j) == 0x2D, P.isDigit(P.at(t, j + 1)) {
          let se = P.digitsEnd(t, j + 1)
          number += "-" + P.string(t, j + 1..<se)
          j = se
        }
        let region = P.string(t, i..<i + 3)
        return RawEntity(
          kind: "LICENSE", start: i, end: j,
          value: .object([("kind", kind), ("number", number), ("region", region)]))
      }
    }
    // 京公网安备 11010502000001号
    if P.hasPrefix(t, i + 3, P.gongAnBei) {
      let k = P.skipSpaces(t, i + 15)
      let de = P.digitsEnd(t, k)
      guard de - k >= 8 else { return nil }
      var end = de
      if P.hasPrefix(t, end, P.hao) { end += 3 }
      return RawEntity(
        kind: "LICENSE", start: i, end: end,
        value: .object([
          ("kind", "公网安备"), ("number", P.string(t, k..<de)), ("region", P.string(t, i..<i + 3)),
        ]))
    }
    for kind in P.licenseKinds where P.hasPrefix(t, i, kind) {
      var j = i + kind.count
      // Optional "：", ":", "编号", spaces.
      while true {
        if P.at(t, j) == 0x3A || P.at(t, j) == 0x20 { j += 1; continue }
        if P.hasPrefix(t, j, P.bianHao) { j += 6; continue }
        if P.hasPrefix(t, j, P.hao) && !P.isDigit(P.at(t, j - 1)) { j += 3; continue }
        break
      }
      // The number: ASCII alphanumerics, '-', brackets, and Han (京网文〔2023〕1234-056号),
      // up to a space or punctuation; it must contain a digit.
      let start = j
      var hasDigit = false
      var han = 0
      while j < t.count {
        let b = t[j]
        if P.isAlnum(b) || b == 0x2D { hasDigit = hasDigit || P.isDigit(b); j += 1; continue }
        if b >= 0xE0 {
          let s = P.string(t, j..<min(j + 3, t.count))
          if "〔〕［］（）【】".contains(s) { j += 3; continue }
          if s == "号" { j += 3; break }
          let c = TokenBoundary.scalar(at: j, in: t)
          if c >= 0x4E00 && c <= 0x9FFF && han < 6 && !hasDigit { han += 1; j += 3; continue }
        }
        break
      }
      WorkCounter.add(j - start + 1)
      guard hasDigit else { return nil }
      var numEnd = j
      if P.hasPrefix(t, numEnd - 3, P.hao) && numEnd - 3 > start { numEnd -= 3 }
      let number = P.string(t, start..<numEnd).uppercased()
      return RawEntity(
        kind: "LICENSE", start: i, end: j,
        value: .object([("kind", P.string(t, i..<i + kind.count)), ("number", number)]))
    }
    return nil
  }
}
