extension BoilerplateClassifier {
  /// How many date meta lines a page needs before they go (``dateMetaLines(_:_:_:_:_:)``):
  /// meta lines come with records, so they repeat; a single date line is a dateline or a
  /// diary's heading.
  static let dateMetaMinLines = 2

  /// Short date lines kept by context (`date-meta`, see
  /// ``BoilerplateOptions/dropDateMetaLines``): when a page holds at least
  /// ``dateMetaMinLines`` lines that the context pass kept only for their neighbours
  /// (`context`), of at most 40 characters (``ThreadRecords/maxDateLineCharacters``), without
  /// terminal punctuation, that hold a date — numeric or relative, as the thread records read
  /// them (``ThreadRecords/hasDate(_:)``: `2019-03-01 12:34`, `3 days ago`, `5分钟前`), or a
  /// dateline's date (``containsDate(_:_:)``: `Jul 28, 2016 at 13:13`) — they are dropped.
  /// Such lines are the meta lines of posts, reviews and teasers (`Topic starter 10/05/2024
  /// 2:04 pm`, `yourmom - 2 years ago | thread`, `my38778570 （楼主） 1周前`) that the golds
  /// leave out; a sentence with a date ends with punctuation or is long enough to be
  /// `content`, so it stays. Runs after the head datelines (which take the first one above the
  /// article). Only lines with a digit are scanned for a date.
  func dateMetaLines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    var found: [Int] = []
    // (The cheap tests first: most lines have no digit or are long.)
    for i in features.indices
    where features[i].digits > 0
      && features[i].characters <= ThreadRecords.maxDateLineCharacters
      && !features[i].endsWithTerminal && keep[i] && reasons[i] == .context
    {
      if ThreadRecords.hasDate(UnsafeBufferPointer(rebasing: u[lines[i]]))
        || Self.containsDate(u, lines[i])
      {
        found.append(i)
      }
    }
    guard found.count >= Self.dateMetaMinLines else { return }
    for i in found {
      keep[i] = false
      reasons[i] = .dateMeta
    }
  }
}
