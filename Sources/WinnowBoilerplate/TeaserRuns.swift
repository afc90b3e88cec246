extension BoilerplateClassifier {
  /// Drops long runs of headlines (`related-links`, see
  /// ``BoilerplateOptions/teaserRunLines``): at least that many lines in a row that each
  /// read as a headline or a teaser — not mostly CJK, effective length at least
  /// ``teaserRunMinLength`` with a stop word and mostly letters, ending neither in a full
  /// stop (`.`, `。`, `．`, before any closing quotes or brackets) nor in `!` / `?` — where
  /// the lines between them are only lines of that shape ending in `!` / `?` (a headline may
  /// ask or exclaim: dropped with the run), empty lines and lines a pattern or a label
  /// dropped. A truncated teaser (`…`, `...`) counts as a headline.
  ///
  /// A news site's "more stories" column under the article (a hundred headlines of 80–170
  /// characters with commas, quotes and colons) is too long and too punctuated for a
  /// headline run (``BoilerplateOptions/headlineRunLength``) and reads as prose line by
  /// line; an article's paragraphs end in full stops, so a dozen long lines in a row
  /// without one are a list. Mostly-CJK lines end the run: a hard-wrapped Chinese text
  /// breaks its sentences at any character. Runs as the last pass, on the decisions the
  /// other rules made (what they dropped for a pattern or a label stands aside); the run's
  /// kept lines are dropped, its dropped lines keep their reasons. One pass over the lines.
  func teaserRuns(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let minimum = options.teaserRunLines
    guard minimum > 0 else { return }
    let n = lines.count
    // A line a pattern, the corpus or a label dropped (or an empty one) stands aside.
    func standsAside(_ j: Int) -> Bool {
      fixed[j] != nil || (!keep[j] && !Self.isContextDrop(reasons[j]))
    }
    var i = 0
    while i < n {
      // The run from `i`: its headlines counted, the first and the last one's index.
      var j = i
      var count = 0
      var first = -1
      var last = -1
      scan: while j < n {
        if standsAside(j) {
          j += 1
          continue
        }
        guard isTeaserRunLine(features[j]) else { break }
        switch Self.lineEnd(u, lines[j]) {
        case .open:
          count += 1
          if first < 0 { first = j }
          last = j
        case .exclamation: break
        case .fullStop: break scan
        }
        j += 1
      }
      if count >= minimum {
        // The headlines, and the ones that ask or exclaim between them.
        for k in first...last where keep[k] && !standsAside(k) {
          keep[k] = false
          reasons[k] = .relatedLinks
        }
      }
      i = max(j, i + 1)
    }
  }

  /// A line long enough and shaped for a run of headlines (``teaserRuns(_:_:_:_:_:_:)``): not
  /// mostly CJK, effective length at least ``teaserRunMinLength``, a stop word, letters at
  /// least ``teaserRunLetterShare`` of its characters.
  private func isTeaserRunLine(_ f: LineFeatures) -> Bool {
    !f.isCJK && f.effectiveLength >= Self.teaserRunMinLength && f.stopWords > 0
      && Double(f.letters) >= Self.teaserRunLetterShare * Double(f.characters)
  }

  /// The shortest line (effective length) that counts in a run of headlines
  /// (``teaserRuns(_:_:_:_:_:_:)``): the menu items and labels between a site's teasers are
  /// shorter and end the run.
  static let teaserRunMinLength: Double = 40

  /// The least share of letters among a headline's characters (not spaces)
  /// (``teaserRuns(_:_:_:_:_:_:)``): a command line or a line of code (`docker run -p
  /// 8080:8080 \`, `-e JAVA_OPTS='-Xmx128m'`) is long and ends without a full stop too.
  static let teaserRunLetterShare: Double = 0.75

  /// Whether `r` is a drop of the context pass or the blocks (what a run of headlines may
  /// hold): every other drop reason is a pattern's, the corpus's or a label's. (Integer
  /// compares: a set of reasons would hash each code's string.)
  static func isContextDrop(_ r: BoilerplateReason) -> Bool {
    r == .shortContext || r == .relatedLinks || r == .offMain || r == .afterArticle
      || r == .aboveTitle || r == .lowTextDensity
  }

  /// The bytes of the ellipsis that ends `u[s..<e]` (`...` or `…`, E2 80 A6): 3, or 0 when
  /// it ends in none.
  @inline(__always)
  static func ellipsisLength(_ u: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Int {
    guard e - s >= 3 else { return 0 }
    let a = u[e &- 3]
    let m = u[e &- 2]
    let b = u[e &- 1]
    return (a == 0x2E && m == 0x2E && b == 0x2E) || (a == 0xE2 && m == 0x80 && b == 0xA6) ? 3 : 0
  }

  /// How a line ends, for ``teaserRuns(_:_:_:_:_:_:)``.
  enum LineEnd: Equatable {
    /// A full stop (`.`, `。`, `．`), closing quotes and brackets after it skipped.
    case fullStop
    /// `!`, `?`, `！` or `？`, closing quotes and brackets after it skipped.
    case exclamation
    /// Anything else, and an ellipsis (`…`, `...`): a truncated teaser.
    case open
  }

  /// How the line `r` of `u` ends (trailing spaces and tabs skipped; then an ellipsis is
  /// `open`; then closing quotes and brackets `"` `'` `)` `”` `’` `）` `」` `』` `》` are
  /// skipped before the last character is read), walking back scalar by scalar
  /// (``BytePatterns/scalar(endingAt:in:from:)``).
  static func lineEnd(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> LineEnd {
    let s = r.lowerBound
    var e = r.upperBound
    while e > s && (u[e &- 1] == 0x20 || u[e &- 1] == 0x09) { e &-= 1 }
    if ellipsisLength(u, s, e) > 0 { return .open }
    while let (c, start) = BytePatterns.scalar(endingAt: e, in: u, from: s) {
      switch c {
      case "\"", "'", ")", " ", "\t", "\u{201D}", "\u{2019}", "\u{FF09}", "\u{300D}", "\u{300F}",
        "\u{300B}":
        e = start  // a closer (or a space before it)
      case ".", "\u{3002}", "\u{FF0E}": return .fullStop
      case "!", "?", "\u{FF01}", "\u{FF1F}": return .exclamation
      default: return .open
      }
    }
    return .open
  }
}
