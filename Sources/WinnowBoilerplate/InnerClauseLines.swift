extension BoilerplateClassifier {
  /// Clause lines inside the kept text (`inner-clause`, see
  /// ``BoilerplateOptions/keepInnerClauseLines``): a line that the context pass dropped as
  /// too short (`short-context`) and that lies between the first and the last kept line of
  /// the page comes back when it holds clause punctuation (``LineFeatures/clausePunctuation``:
  /// `,` `;` `，` `、` `；` `。`) and no date (``containsDate(_:_:)``). Such lines are the
  /// article's own short text in the gaps the main-block rule leaves — forum replies (`Hi,`,
  /// `不维护了已经。`), product features (`Smooth, soft, lustrous`), addresses, code lines,
  /// captions with a comma — while the menus, teasers and chrome around the article are
  /// mostly lists of words without commas, and post meta lines with a comma hold a date
  /// (`edited Jul 28, 2016 at 13:13`). Lines a pattern, a headline run (`related-links`) or a
  /// page-level rule dropped, and lines before the first or after the last kept line, stay
  /// dropped. One pass over the kept span; only the candidates are scanned for a date.
  func innerClauseLines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    guard let first = keep.firstIndex(of: true), let last = keep.lastIndex(of: true),
      last - first > 1
    else { return }
    for i in (first + 1)..<last
    where !keep[i] && fixed[i] == nil && features[i].clausePunctuation > 0
      && reasons[i] == .shortContext && !Self.containsDate(u, lines[i])
    {
      keep[i] = true
      reasons[i] = .innerClause
    }
  }
}
