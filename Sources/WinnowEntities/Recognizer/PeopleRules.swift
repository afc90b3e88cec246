@_spi(WorkCounting) import Winnow

/// Finds people by rules on the original text: a title or role before capitalised names
/// (`Prime Minister Keir Starmer`, `spokesman Dmitry Peskov`), a Chinese title before a
/// Han name (`总统特朗普`), and in-document coreference (after `Keir Starmer`, a bare
/// `Starmer` is the same person). Also organisations and facilities named by a head noun
/// after capitalised words (`Northwood Headquarters`, `Defence Ministry`).
struct PeopleRules {
  struct Word {
    var start: Int
    var end: Int
    var text: String
    var capitalized: Bool
  }

  static let titles: [[String]] = [
    "prime minister", "vice president", "foreign minister", "defence minister", "defense minister",
    "secretary of state", "secretary-general", "president", "spokesman", "spokeswoman",
    "spokesperson",
    "aide", "minister", "secretary", "chancellor", "senator", "sen.", "rep.", "governor", "mayor",
    "general", "gen.", "ambassador", "king", "queen", "prince", "princess", "premier", "chairman",
    "chairwoman", "ceo", "director", "leader", "envoy", "mr.", "mrs.", "ms.", "dr.", "prof.",
    "professor", "pope", "adviser", "advisor", "commissioner", "chief", "judge", "justice",
    "lawmaker", "analyst", "correspondent", "reporter", "colonel", "admiral", "commander",
    "captain",
    "coach", "founder", "editor", "economist", "diplomat", "official", "negotiator",
  ].map { $0.split(separator: " ").map(String.init) }
  /// The titles by their last word (lowercased), for one lookup per word.
  static let titlesByLast: [String: [[String]]] = Dictionary(
    grouping: titles, by: { $0.last ?? "" })
  /// Single capitalised words that never start a name after a title.
  static let notNames: Set<String> = [
    "The", "A", "An", "And", "Of", "In", "On", "At", "For", "To", "But", "Or", "He", "She", "It",
    "This", "That",
  ]
  static let facHeads: Set<String> = [
    "Headquarters", "Airport", "Base", "Palace", "Hospital", "Stadium", "Square", "Bridge",
    "Avenue", "Station", "Port", "Harbour", "Harbor", "Embassy", "Cathedral", "Temple",
  ]
  static let orgHeads: Set<String> = [
    "Ministry", "Council", "Committee", "Agency", "Party", "Company", "Corporation", "Corp.",
    "Inc.", "Ltd", "Group", "Bank", "Institute", "Association", "Commission", "Organization",
    "Organisation", "Foundation", "Bureau", "Department", "Army", "Navy", "University", "College",
    "Parliament", "Congress", "Senate", "Court", "Times", "Post", "News", "Agency",
  ]
  static let hanTitles: [String] = [
    "副总统", "总统", "首相", "总理", "发言人", "国家主席", "主席", "外长", "外交部长", "部长", "国务卿", "大使", "议员", "市长", "州长",
    "省长", "书记", "国王", "女王", "王储", "助理",
  ]
  static let hanStops: Set<Character> = Set(
    "说表示在的和与对将已于是也称指出认为会了向就还都曾等、，。：:“”\"（(及同时近日当天今天昨天日前此前并为被把从到")

  /// Splits ASCII/Latin words (letters, digits, `'`, `.` inside abbreviations, `-`).
  static func words(_ text: [UInt8]) -> [Word] {
    var out: [Word] = []
    text.withUnsafeBufferPointer { t in
      var i = 0
      while i < t.count {
        let c = TokenBoundary.scalar(at: i, in: t)
        let len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
        if TokenBoundary.isSpacedWordScalar(c) {
          var j = i
          while j < t.count {
            let d = TokenBoundary.scalar(at: j, in: t)
            let dl = d < 0x80 ? 1 : d < 0x800 ? 2 : d < 0x10000 ? 3 : 4
            if TokenBoundary.isSpacedWordScalar(d)
              || ((d == 0x2D) && j + 1 < t.count
                && TokenBoundary.isSpacedWordScalar(TokenBoundary.scalar(at: j + 1, in: t)))
            {
              j += dl
            } else {
              break
            }
          }
          WorkCounter.add(j - i)
          // Keep a final '.' of short abbreviations (Mr., Dr., Gen.).
          var end = j
          if j < t.count && t[j] == 0x2E && j - i <= 4 { end = j + 1 }
          let s = String(decoding: UnsafeBufferPointer(rebasing: t[i..<end]), as: UTF8.self)
          let first = s.unicodeScalars.first.map { Character($0) }
          out.append(Word(start: i, end: end, text: s, capitalized: first?.isUppercase ?? false))
          i = j
        } else {
          i += len
        }
      }
      WorkCounter.add(t.count)
    }
    return out
  }

  /// Whether a word starts a sentence (only spaces and quotes after `.`, `!`, `?`, a line
  /// break, or the start of the text).
  static func sentenceInitial(_ word: Word, _ text: [UInt8]) -> Bool {
    var j = word.start - 1
    while j >= 0 && (text[j] == 0x20 || text[j] == 0x22 || text[j] == 0x27) { j -= 1 }
    return j < 0 || text[j] == 0x2E || text[j] == 0x21 || text[j] == 0x3F || text[j] == 0x0A
  }

  /// Whether only one space separates two words.
  static func adjacent(_ a: Word, _ b: Word, _ text: [UInt8]) -> Bool {
    b.start == a.end + 1 && text[a.end] == 0x20
  }

  /// Finds people and head-noun organisations/facilities.
  static func find(in text: [UInt8]) -> [RawEntity] {
    let w = words(text)
    // Each word lowercased once (a title is matched against the words before each word).
    let lower = w.map { $0.text.lowercased() }
    var out: [RawEntity] = []
    var fullNames: [(name: String, last: String)] = []
    var k = 0
    while k < w.count {
      // A title ending at word k-1 … then names from k.
      var matchedTitle = false
      WorkCounter.add(titles.count)
      // A title ends at word k-1: only titles whose last word is that word can match.
      for title in k > 0 ? titlesByLast[lower[k - 1]] ?? [] : [] where title.count <= k {
        var ok = true
        for (n, part) in title.enumerated() {
          let word = w[k - title.count + n]
          if lower[k - title.count + n] != part { ok = false; break }
          if n > 0 && !adjacent(w[k - title.count + n - 1], word, text) { ok = false; break }
        }
        if ok { matchedTitle = true; break }
      }
      if matchedTitle, k < w.count, w[k].capitalized, !notNames.contains(w[k].text),
        adjacent(w[k - 1], w[k], text)
      {
        var e = k
        while e + 1 < w.count && e - k < 2 && w[e + 1].capitalized && adjacent(w[e], w[e + 1], text)
          && !notNames.contains(w[e + 1].text)
        { e += 1 }
        let count = e - k + 1
        let nextLower = e + 1 >= w.count || !w[e + 1].capitalized
        if count >= 2 || nextLower {
          let name = w[k...e].map {
            $0.text.hasSuffix("'s") ? String($0.text.dropLast(2)) : $0.text
          }.joined(separator: " ")
          var end = w[e].end
          if w[e].text.hasSuffix("'s") { end -= 2 }
          out.append(
            RawEntity(kind: "PERSON", start: w[k].start, end: end, value: .object([("name", name)]))
          )
          if count >= 2, let last = name.split(separator: " ").last {
            fullNames.append((name, String(last)))
          }
          k = e + 1
          continue
        }
      }
      // Head nouns: Capitalised+ Head
      if k > 0, w[k].capitalized, facHeads.contains(w[k].text) || orgHeads.contains(w[k].text) {
        var s = k - 1
        if w[s].capitalized && adjacent(w[s], w[k], text) && !notNames.contains(w[s].text) {
          while s > 0 && k - s < 3 && w[s - 1].capitalized && adjacent(w[s - 1], w[s], text)
            && !notNames.contains(w[s - 1].text)
          { s -= 1 }
          let kind = facHeads.contains(w[k].text) ? "FAC" : "ORG"
          let name = w[s...k].map(\.text).joined(separator: " ")
          out.append(
            RawEntity(
              kind: kind, start: w[s].start, end: w[k].end, value: .object([("name", name)])))
        }
      }
      k += 1
    }
    // Coreference: later bare surnames and repeated full names, in one pass over the words
    // (issue 7: linear time; a loop per full name over all words was quadratic). A word
    // that is the surname of a full name found above is that person: the first such name,
    // or, when the word follows another capitalised word (not at a sentence start), the
    // first name ending in both words, else none (another person with the same surname).
    var firstByLast: [String: String] = [:]
    var firstByLastTwo: [String: String] = [:]
    for (name, last) in fullNames {
      if firstByLast[last] == nil { firstByLast[last] = name }
      let parts = name.split(separator: " ")
      if parts.count >= 2 {
        let key = String(parts[parts.count - 2] + " " + parts[parts.count - 1])
        if firstByLastTwo[key] == nil { firstByLastTwo[key] = name }
      }
    }
    WorkCounter.add(fullNames.count + w.count)
    // The entities above, by start; `maxEnd` is the largest end of those starting before
    // the current word's end (words come in order, so the sweep only moves forward).
    let ruleRanges = out.map { $0.start..<$0.end }.filter { !$0.isEmpty }.sorted {
      $0.lowerBound < $1.lowerBound
    }
    var nextRange = 0
    var maxEnd = Int.min
    for (i, word) in w.enumerated() where word.capitalized {
      let bare = word.text.hasSuffix("'s") ? String(word.text.dropLast(2)) : word.text
      guard var name = firstByLast[bare] else { continue }
      let end = word.start + bare.utf8.count
      while nextRange < ruleRanges.count && ruleRanges[nextRange].lowerBound < end {
        maxEnd = max(maxEnd, ruleRanges[nextRange].upperBound)
        nextRange += 1
      }
      if maxEnd > word.start { continue }
      if i > 0, w[i - 1].capitalized, adjacent(w[i - 1], word, text),
        !sentenceInitial(w[i - 1], text)
      {
        guard let both = firstByLastTwo[w[i - 1].text + " " + bare] else { continue }
        name = both
      }
      out.append(
        RawEntity(kind: "PERSON", start: word.start, end: end, value: .object([("name", name)])))
    }
    out.append(contentsOf: hanPeople(text))
    return out
  }

  /// `总统特朗普`, `发言人佩斯科夫`: a Chinese title, then 2–4 Han characters (a `·` may join
  /// parts) up to a function word or punctuation.
  ///
  /// Scans UTF-8 bytes: a title is tried only where a Han character that starts one
  /// begins (issue 6: comparing 21 titles as `String`s at every `Character` was most of
  /// the entities stage's time).
  static func hanPeople(_ text: [UInt8]) -> [RawEntity] {
    var out: [RawEntity] = []
    text.withUnsafeBufferPointer { t in
      let n = t.count
      var i = 0
      while i < n {
        WorkCounter.add(hanTitles.count)
        let b = t[i]
        // Titles start with a Han character (lead byte E4–E9).
        guard b >= 0xE4 && b <= 0xE9, i + 2 < n,
          hanTitleStarts.contains(UInt32(b) << 16 | UInt32(t[i + 1]) << 8 | UInt32(t[i + 2]))
        else {
          i += b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
          continue
        }
        var matched = 0
        for title in hanTitleBytes where title.count <= n - i {
          var k = 0
          while k < title.count && t[i + k] == title[k] { k += 1 }
          if k == title.count { matched = k; break }
        }
        guard matched > 0 else { i += 3; continue }
        var j = i + matched
        let nameStart = j
        var count = 0
        while j < n, count < 8 {
          let c = TokenBoundary.scalar(at: j, in: t)
          let len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4
          if c == 0xB7 || c == 0x2022 { j += len; continue }  // `·`, `•`
          guard c >= 0x4E00 && c <= 0x9FFF, !hanStopScalars.contains(c) else { break }
          count += 1
          j += len
          if count >= 4 && (j >= n || TokenBoundary.scalar(at: j, in: t) != 0xB7) { break }
        }
        if count >= 2 {
          let name = String(
            decoding: UnsafeBufferPointer(rebasing: t[nameStart..<j]), as: UTF8.self)
          out.append(
            RawEntity(kind: "PERSON", start: nameStart, end: j, value: .object([("name", name)])))
        }
        i = j
      }
    }
    return out
  }

  /// The Han titles as UTF-8, in ``hanTitles`` order (the first that matches wins).
  static let hanTitleBytes: [[UInt8]] = hanTitles.map { Array($0.utf8) }
  /// The first characters of the Han titles, as their three UTF-8 bytes in one number.
  static let hanTitleStarts: Set<UInt32> = Set(
    hanTitleBytes.compactMap { b in
      b.count >= 3 ? UInt32(b[0]) << 16 | UInt32(b[1]) << 8 | UInt32(b[2]) : nil
    })
  /// ``hanStops`` as scalar values (each stop is one scalar).
  static let hanStopScalars: Set<Int32> = Set(
    hanStops.flatMap { $0.unicodeScalars.map { Int32($0.value) } })
}
