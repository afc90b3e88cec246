extension BoilerplateClassifier {
  /// Teaser lists at the end of the kept text (`related-list`, see
  /// ``BoilerplateOptions/teaserListPairs``): a run of at least that many headline / snippet
  /// pairs among the non-empty lines — a headline (no pattern, no terminal punctuation, not
  /// ending in `:`, effective length ``teaserHeadlineLengths``) followed by a one-sentence
  /// snippet (no pattern, terminal punctuation, effective length ``teaserSnippetLengths``,
  /// at least one stop word or function character) — is dropped when the kept text after it
  /// weighs at most ``teaserTailShare`` of its kept units and the kept text outside it at
  /// least as much as it (the article above is the page's main text). A related-stories grid
  /// below the article reads as prose line by line; the strict alternation of a title and a
  /// snippet of one sentence is what the article's own subheadings rarely keep up for three
  /// sections in a row. One pass over the lines; the runs are looked at once.
  func teaserLists(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let pairs = options.teaserListPairs
    guard pairs > 0 else { return }
    var nonEmpty: [Int] = []
    nonEmpty.reserveCapacity(features.count)
    for i in features.indices where fixed[i] != .empty { nonEmpty.append(i) }
    let kept = Self.keptUnits(features, keep)
    guard kept > 0 else { return }
    let m = nonEmpty.count
    var a = 0
    while a < m {
      var b = a
      var count = 0
      while b + 1 < m && isTeaserHeadline(u, lines, features, fixed, nonEmpty[b])
        && isTeaserSnippet(features, fixed, nonEmpty[b + 1])
      {
        b += 2
        count += 1
      }
      guard count >= pairs else {
        a += 1
        continue
      }
      let first = nonEmpty[a]
      let last = nonEmpty[b - 1]
      let run = Self.keptUnits(features, keep, first..<(last + 1))
      let after = Self.keptUnits(features, keep, (last + 1)..<keep.count)
      if run > 0 && kept - run >= run && Double(after) <= Self.teaserTailShare * Double(run) {
        for i in first...last where keep[i] {
          keep[i] = false
          reasons[i] = .relatedList
        }
      }
      a = b
    }
  }

  /// A teaser's headline: no pattern, text, no terminal punctuation, not ending in `:` or
  /// `：` (a line that introduces a list or a code block), effective length in
  /// ``teaserHeadlineLengths``.
  private func isTeaserHeadline(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?], _ i: Int
  ) -> Bool {
    let f = features[i]
    guard fixed[i] == nil, f.units > 0, !f.endsWithTerminal,
      Self.teaserHeadlineLengths.contains(f.effectiveLength)
    else { return false }
    return !lines[i].isEmpty && !BytePatterns.endsWithColon(u, lines[i])
  }

  /// A teaser's snippet: no pattern, terminal punctuation, effective length in
  /// ``teaserSnippetLengths``, at least one stop word or function character.
  private func isTeaserSnippet(
    _ features: [LineFeatures], _ fixed: [BoilerplateReason?], _ i: Int
  ) -> Bool {
    let f = features[i]
    return fixed[i] == nil && f.endsWithTerminal
      && Self.teaserSnippetLengths.contains(f.effectiveLength)
      && f.stopWords + f.functionCharacters > 0
  }

  /// Effective lengths of a teaser headline (on DEV a lower bound of 10 or 20 finds the same
  /// runs at the end of the kept text).
  static let teaserHeadlineLengths: ClosedRange<Double> = 20...150
  /// Effective lengths of a teaser snippet (one or two sentences; on DEV 0 or 40 as the lower
  /// bound, the same runs; 300 as the upper one lets the sections of articles in).
  static let teaserSnippetLengths: ClosedRange<Double> = 40...200
  /// Most kept text after a teaser run, as a share of its own kept units: the run must end
  /// the kept text (without this condition the rule also drops sections of wiki pages and
  /// tutorials, and loses held out).
  static let teaserTailShare = 0.5
}
