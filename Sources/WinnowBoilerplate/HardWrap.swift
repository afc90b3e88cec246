/// Paragraphs a text dump wrapped at a fixed width (`w3m -dump`, `lynx -dump`, `fold`,
/// e-mail), found so that each is judged as the one line it was.
///
/// The classifier reads a line as a paragraph: its length, its stop words, whether it ends a
/// sentence. A dump wrapped at 80 columns cuts every paragraph into lines of at most 80
/// columns that mostly end mid-sentence, and reads like a page of menus and teasers (the DEV
/// pages wrapped at 80 columns, `scripts/wrap-pages.py`: F1 0.884 → 0.809 without this).
///
/// A page is taken as wrapped when its lines have a ceiling
/// (``ceiling(of:loose:continued:)``): the widest width, up to 200 columns (a wide CJK
/// character counting two), that three lines reach within 3 columns; at most one line, or
/// 1 % of them, wider (a long URL); at least five lines within 12 columns of it, ending at
/// three widths or more; and those full lines in runs, as a paragraph's lines are (a third
/// of them followed by another), or, where paragraphs wrap into two lines, most full lines
/// that stop mid-sentence going on with a lowercase word or, in Chinese, with an ideograph
/// after one (``continuesMidSentence(_:_:_:)``). CJK text, which breaks between any two
/// characters, fills its lines to the ceiling or one column short: eight lines at those
/// widths with fewer than three widths in all are a wrap when most of them read as prose
/// (``hasClauseMark(_:_:)``) and go on mid-sentence. A
/// browser's copy has no such ceiling: its paragraphs are as long as they are, and a site
/// that cuts its teasers at a length makes lone lines. The widths the line features give
/// screen every page at no cost; the few that pass are measured exactly.
///
/// Then a line continues on the next one when the break was the wrapper's: the line is
/// full, does not end a sentence or with a photo credit, the next one is indented no
/// deeper, and the next one's first word (a CJK character alone) would not have fitted
/// after it.
///
/// ```swift
/// var s = "中文 ok"
/// s.withUTF8 { HardWrap.width($0, 0..<$0.count) }   // 7
/// ```
enum HardWrap {
  /// The widest ceiling taken for a wrap width; wider pages are not dumps.
  static let maxWidth = 200
  /// The narrowest.
  static let minWidth = 40
  /// How far below the ceiling a full line may end (the longest word that did not fit).
  static let fullSlack = 12

  /// The display width of the UTF-8 bytes `b[r]`: a column a scalar, two for the wide
  /// ones (CJK ideographs and punctuation, kana, hangul, fullwidth forms, planes 2 and 3).
  static func width(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int {
    // ASCII, eight bytes at a time: a column a byte.
    var i = r.lowerBound
    if let base = UnsafeRawPointer(b.baseAddress) {
      while i &+ 8 <= r.upperBound
        && base.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
      {
        i &+= 8
      }
    }
    var w = i &- r.lowerBound
    let end = r.upperBound
    while i < end {
      let c = b[i]
      if c < 0xE0 {
        // ASCII, a two-byte lead (one column each) or a continuation byte (none).
        w &+= c & 0xC0 == 0x80 ? 0 : 1
        i &+= 1
      } else {
        // A three- or four-byte scalar (a missing continuation byte read as 0x80).
        let c1 = UInt32(i &+ 1 < end ? b[i &+ 1] : 0x80) & 0x3F
        let c2 = UInt32(i &+ 2 < end ? b[i &+ 2] : 0x80) & 0x3F
        let v: UInt32
        if c < 0xF0 {
          v = (UInt32(c & 0x0F) << 12) | (c1 << 6) | c2
          i &+= 3
        } else {
          let c3 = UInt32(i &+ 3 < end ? b[i &+ 3] : 0x80) & 0x3F
          v = (UInt32(c & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
          i &+= 4
        }
        w &+= isWide(v) ? 2 : 1
      }
    }
    return w
  }

  /// Whether the scalar `v` is wide (two columns): U+1100–U+115F (hangul leading jamo),
  /// U+2E80–U+A4CF (CJK radicals, punctuation, kana, ideographs, Yi), U+AC00–U+D7A3 (hangul
  /// syllables), U+F900–U+FAFF, U+FE30–U+FE4F, U+FF00–U+FF60, U+FFE0–U+FFE6 (fullwidth
  /// forms) and U+20000–U+3FFFD (planes 2 and 3).
  @inline(__always)
  static func isWide(_ v: UInt32) -> Bool {
    if v < 0x2E80 { return v &- 0x1100 <= 0x115F - 0x1100 }
    if v <= 0xA4CF { return true }
    if v < 0xF900 { return v &- 0xAC00 <= 0xD7A3 - 0xAC00 }
    if v < 0x10000 {
      return v <= 0xFAFF || (v &- 0xFE30 <= 0xFE4F - 0xFE30) || (v &- 0xFF00 <= 0xFF60 - 0xFF00)
        || (v &- 0xFFE0 <= 0xFFE6 - 0xFFE0)
    }
    return v &- 0x20000 <= 0x3FFFD - 0x20000
  }

  /// A trimmed line's width for the screen (``groups(_:_:widths:breaks:alone:)``), from its features
  /// alone (no second pass over its bytes): its characters, its CJK characters and, on a
  /// CJK line, its clause punctuation (`，` `、` `；` `。`) once more (two columns each), and a
  /// space between each two words. Spaces around numbers and punctuation and the other wide
  /// punctuation are left out: a few columns short on some lines, which the loose screen
  /// allows for; a page that passes it is measured exactly.
  static func width(of f: LineFeatures) -> Int {
    f.characters &+ f.han &+ max(f.words &- 1, 0) &+ (f.isCJK ? f.clausePunctuation : 0)
  }

  /// Whether the scalar at `b[r]` is wide (``width(_:_:)`` 2).
  private static func isWide(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    width(b, r) == 2
  }

  /// The wrap width of a page whose line widths are `widths`, or nil when they have no
  /// ceiling (see ``HardWrap``).
  ///
  /// - Parameters:
  ///   - loose: the screen on estimated widths (``width(of:)``, a few columns short on some
  ///     lines): a wider band (16 columns), a few more lines over the ceiling (5 %), runs of
  ///     two.
  ///   - continued: for a full line (by index), nil when it ends a sentence, else whether the
  ///     next line goes on with it (``continuesMidSentence(_:_:_:)``); the evidence of a
  ///     wrap whose paragraphs are too short for runs, or whose lines are CJK.
  ///   - prose: whether a line (by index) reads as Chinese prose (``hasClauseMark(_:_:)``);
  ///     asked only where the full lines have fewer than three widths (CJK text).
  static func ceiling<Widths: Collection<Int>>(
    of widths: Widths, loose: Bool = false, continued: ((Int) -> Bool?)? = nil,
    prose: ((Int) -> Bool)? = nil
  ) -> Int? {
    let slack = loose ? fullSlack + 4 : fullSlack
    // The widths as a histogram (the last bucket: wider than `maxWidth`).
    var count = [Int](repeating: 0, count: maxWidth + 2)
    var nonEmpty = 0
    var candidates = 0  // lines wide enough to be full under some ceiling
    for w in widths where w > 0 {
      count[min(w, maxWidth + 1)] &+= 1
      nonEmpty &+= 1
      if w >= minWidth - slack { candidates &+= 1 }
    }
    guard nonEmpty >= 10, candidates >= 5 else { return nil }
    // The widest width (at most `maxWidth`) that three lines reach within 3 columns.
    var ceiling = 0
    var over = count[maxWidth + 1]
    var window = count[maxWidth] + count[maxWidth - 1] + count[maxWidth - 2]
    for w in stride(from: maxWidth, through: minWidth, by: -1) {
      window += count[w - 3]  // count[w - 3 ... w]
      if count[w] > 0 && window >= 3 {
        ceiling = w
        break
      }
      window -= count[w]
      over += count[w]
    }
    guard ceiling > 0 else { return nil }
    // Hardly a line crosses it (a word longer than a line, a URL): one, or 1 % of them.
    guard over <= max(loose ? 2 : 1, nonEmpty * (loose ? 5 : 1) / 100) else { return nil }
    // Lines pile up below it, at several widths (where the words happened to end; a list of
    // items of one length is not a wrap). CJK text, which breaks between any two
    // characters, fills its lines to the ceiling or one column short of it (a wide
    // character that did not fit): eight lines or more at those widths, with fewer than
    // three widths in all, are a wrap only if they also go on mid-sentence (below).
    var full = 0
    var fullWidths = 0
    for w in (ceiling - slack)...ceiling where count[w] > 0 {
      full += count[w]
      fullWidths += 1
    }
    let cjkWidths = fullWidths < 3
    guard full >= 5, !cjkWidths || count[ceiling] + count[ceiling - 1] >= 8 else { return nil }
    if cjkWidths {
      // And most of them are prose (not a list of headlines cut at one length).
      guard let prose else { return nil }
      var atCeiling = 0
      var proseLines = 0
      for (i, w) in widths.enumerated() where w == ceiling || w == ceiling - 1 {
        atCeiling += 1
        if prose(i) { proseLines += 1 }
      }
      guard 2 * proseLines >= atCeiling else { return nil }
    }
    // And they come in runs, as the lines of a paragraph do: at least a third of them
    // (and three) are followed by another (a site cutting its teasers at a length makes a
    // ceiling of lone lines, each followed by its date or byline).
    var runs = 0
    var previous = false
    for w in widths {
      let isFull = w >= ceiling - slack && w <= ceiling
      if isFull && previous { runs += 1 }
      previous = isFull
    }
    if !cjkWidths && runs >= (loose ? 2 : 3) && 3 * runs >= full { return ceiling }
    // Paragraphs wrapped into two lines make no runs. A wrap shows too where most full lines
    // that stop mid-sentence go on with a lowercase word (a teaser cut at a length goes on
    // with its date or byline; a headline does not stop mid-sentence).
    guard let continued else { return nil }
    var open = 0
    var lowercase = 0
    for (i, w) in widths.enumerated() where w >= ceiling - slack && w <= ceiling {
      guard let next = continued(i) else { continue }
      open += 1
      if next { lowercase += 1 }
    }
    guard lowercase >= 3 && 2 * lowercase >= open else { return nil }
    return ceiling
  }

  /// ``continuesMidSentence(_:_:_:)`` on `lines`, where a line after a blank line
  /// (`breaks`) starts a paragraph: no continuation. (For ``ceiling(of:loose:continued:)``;
  /// `u` must outlive the closure's use.)
  static func continuations(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], breaks: [Bool]?
  ) -> (Int) -> Bool? {
    { i in continuesMidSentence(u, lines, i).map { $0 && breaks?[i + 1] != true } }
  }

  /// For ``ceiling(of:loose:continued:)``: nil when line `i` ends a sentence, else whether
  /// line `i + 1` goes on with it: it starts (after its indent) with a lowercase ASCII
  /// letter, or line `i` ends with a CJK ideograph, `，` or `、` and line `i + 1` starts with
  /// a CJK ideograph (Chinese has no case; a clause goes on on the next line). Lines are
  /// trimmed here (cheaply again when `lines` are trimmed already).
  static func continuesMidSentence(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ i: Int
  ) -> Bool? {
    let line = Lexicon.trimmedQuickly(u, lines[i])
    guard !endsSentence(u, line) else { return nil }
    guard i + 1 < lines.count else { return false }
    let next = Lexicon.trimmedQuickly(u, lines[i + 1])
    guard let first = next.first.map({ u[$0] }) else { return false }
    if BytePatterns.isLower(first) { return true }
    // A CJK ideograph (lead bytes E4–E9: U+4000–U+9FFF, the unified ideographs and the end
    // of extension A) after a unified ideograph, or after `，` `、`.
    guard first &- 0xE4 < 6, next.count >= 3,
      let (last, _) = BytePatterns.scalar(endingAt: line.upperBound, in: u, from: line.lowerBound)
    else { return false }
    return last.value &- 0x4E00 <= 0x9FFF - 0x4E00 || last == "，" || last == "、"
  }

  /// Whether the line `r` holds `，` or `。`: a full line of Chinese prose mostly does, a
  /// headline cut at a length (which also ends with an ideograph before another line of
  /// ideographs) mostly does not.
  static func hasClauseMark(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    let line = UnsafeBufferPointer(rebasing: u[r])
    return BytePatterns.contains(line, comma) || BytePatterns.contains(line, fullStop)
  }

  /// `，` and `。` in UTF-8.
  private static let comma = Array("，".utf8)
  private static let fullStop = Array("。".utf8)

  /// The groups of consecutive lines that are one wrapped paragraph each, as ranges of line
  /// indices covering every line in order; nil when the page is not wrapped or no line
  /// continues on the next.
  ///
  /// - Parameters:
  ///   - u: the page's bytes.
  ///   - lines: its lines (byte ranges without terminators).
  ///   - widths: the lines' widths as ``width(of:)`` estimates them from their features,
  ///     for the screen; a page that passes is measured again here, exactly.
  ///   - breaks: where a paragraph starts whatever the widths (a blank line was before the
  ///     line), if known.
  ///   - alone: whether a line stays a line of its own (a site's repeated line, learned line
  ///     by line: a wrapped footer repeats a line at a time); asked only on wrapped pages.
  static func groups<Widths: Collection<Int>>(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], widths: Widths,
    breaks: [Bool]? = nil, alone: (Int) -> Bool = { _ in false }
  ) -> [Range<Int>]? {
    let n = lines.count
    // The estimated widths screen the page (most pages end here, at no cost); a page that
    // passes is measured exactly.
    let prose = { (i: Int) in hasClauseMark(u, lines[i]) }
    guard n >= 10,
      ceiling(
        of: widths, loose: true, continued: continuations(u, lines, breaks: breaks), prose: prose)
        != nil
    else { return nil }
    // Trimmed as the features measured them.
    let trimmed = lines.map { Lexicon.trimmedQuickly(u, $0) }
    let exact = trimmed.map { width(u, $0) }
    guard
      let ceiling = ceiling(
        of: exact, continued: continuations(u, trimmed, breaks: breaks), prose: prose)
    else { return nil }
    var groups: [Range<Int>] = []
    var start = 0
    for i in 0..<n {
      let joins =
        i + 1 < n && exact[i] >= ceiling - fullSlack && breaks?[i + 1] != true
        && !alone(i) && !alone(i + 1)
        && continues(
          u, trimmed[i], exact[i], indent: trimmed[i].lowerBound - lines[i].lowerBound,
          into: trimmed[i + 1], indent: trimmed[i + 1].lowerBound - lines[i + 1].lowerBound,
          ceiling)
      if !joins {
        groups.append(start..<(i + 1))
        start = i + 1
      }
    }
    return groups.count < n ? groups : nil
  }

  /// Whether the line `r` ends with sentence-final punctuation (`.` `!` `?` `。` `！` `？`
  /// `…`), closing quotes and brackets after it aside. A paragraph may go on after one, but
  /// a break there is the author's as often as the wrapper's, and a paragraph cut in two
  /// at a sentence is still two paragraphs, where a paragraph joined to the date or byline
  /// below it is not.
  static func endsSentence(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    var e = r.upperBound
    while let (c, s) = BytePatterns.scalar(endingAt: e, in: u, from: r.lowerBound) {
      switch c.value {
      case 0x22, 0x27, 0x29, 0x5D, 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x3011:
        e = s  // a closing quote or bracket: look before it
      case 0x2E, 0x21, 0x3F, 0x3002, 0xFF01, 0xFF1F, 0x2026: return true
      default: return false
      }
    }
    return false
  }

  /// Whether line `a` (trimmed, `w` columns wide, indented by `aIndent` bytes) was broken by
  /// the wrapper before line `b` (trimmed, indented by `bIndent`): `a` reaches within
  /// ``fullSlack`` columns of the ceiling and does not end a sentence, `b` is indented no
  /// deeper than `a` (a deeper indent starts a paragraph), and `b`'s first word (its first
  /// character when that is wide) would not have fitted after `a`.
  private static func continues(
    _ u: UnsafeBufferPointer<UInt8>, _ a: Range<Int>, _ w: Int, indent aIndent: Int,
    into b: Range<Int>, indent bIndent: Int, _ ceiling: Int
  ) -> Bool {
    guard !a.isEmpty, !b.isEmpty, bIndent <= aIndent else { return false }
    // (A photo credit, ` /VCG`, `(Photo: …)`, ends its caption.)
    guard w >= ceiling - fullSlack, !endsSentence(u, a),
      CaptionCredit.offsets(UnsafeBufferPointer(rebasing: u[a])) == nil
    else { return false }
    // The first character of `b`: wide ones break anywhere, so it alone had to fit.
    var end = b.lowerBound + 1
    while end < b.upperBound && u[end] & 0xC0 == 0x80 { end += 1 }
    if isWide(u, b.lowerBound..<end) { return w + 2 > ceiling }
    // Else its first word, and a space between unless `a` ends with a wide character.
    var wordEnd = b.lowerBound
    while wordEnd < b.upperBound && u[wordEnd] != 0x20 && u[wordEnd] != 0x09 { wordEnd += 1 }
    var lastStart = a.upperBound - 1
    while lastStart > a.lowerBound && u[lastStart] & 0xC0 == 0x80 { lastStart -= 1 }
    let space = isWide(u, lastStart..<a.upperBound) ? 0 : 1
    return w + space + width(u, b.lowerBound..<wordEnd) > ceiling
  }
}

extension BoilerplateClassifier.PageDecisions {
  /// The decisions of the units `paragraphs` (byte ranges: wrapped paragraphs, or the lines
  /// that are not blank), one each, given to their lines: `groups[g]` are the indices in
  /// `lines` of unit `g`, in order; a line in no unit is blank and dropped as `empty`. A
  /// credit cut off a unit goes to its last line when the cut lies in it (else the caption
  /// keeps its credit: a cut across lines is not made).
  ///
  /// The scores are filled when `scoring` (as ``BoilerplateClassifier/decide`` fills them:
  /// asked for, or the line model's), even for a page of blank lines alone.
  func spread(
    over groups: [Range<Int>], of paragraphs: [Range<Int>], lines: [Range<Int>], scoring: Bool
  ) -> Self {
    let n = lines.count
    let withScores = scoring
    var out = Self(
      keep: [Bool](repeating: false, count: n),
      reasons: [BoilerplateReason](repeating: .empty, count: n),
      classes: [LineClass](repeating: .bad, count: n),
      scores: [Double](repeating: 0, count: withScores ? n : 0), credits: [])
    for (g, group) in groups.enumerated() {
      for k in group {
        out.keep[k] = keep[g]
        out.reasons[k] = reasons[g]
        out.classes[k] = classes[g]
        if withScores { out.scores[k] = scores[g] }
      }
    }
    for (g, credit) in credits {
      let last = groups[g].upperBound - 1
      let cut = paragraphs[g].lowerBound + credit.cutOffset
      guard cut >= lines[last].lowerBound else { continue }
      var c = credit
      c.cutOffset = cut - lines[last].lowerBound
      out.credits.append((last, c))
    }
    return out
  }
}
