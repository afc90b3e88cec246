extension BoilerplateClassifier {
  /// Short date lines kept by context (`date-meta`, see
  /// ``BoilerplateOptions/dropDateMetaLines``): a line the context pass kept only for its
  /// neighbours (`context`), of at most 40 characters (``ThreadRecords/maxDateLineCharacters``),
  /// without terminal punctuation, that holds a date — numeric or relative, as the thread
  /// records read them (``ThreadRecords/hasDate(_:)``: `2019-03-01 12:34`, `3 days ago`,
  /// `5分钟前`), or a dateline's date (``containsDate(_:_:)``: `Jul 28, 2016 at 13:13`) — is
  /// dropped. Such lines are the meta lines of posts and teasers (`Posted 03/12/2014`,
  /// `#3 2014-05-06 10:21`, `Updated Oct 18, 2019`) that the golds leave out; a sentence with a
  /// date ends with punctuation or is long enough to be `content`, so it stays. Runs after the
  /// head datelines (which take the first one above the article). Only lines with an ASCII
  /// digit are scanned.
  func dateMetaLines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    for i in keep.indices
    where keep[i] && reasons[i] == .context && features[i].digits > 0
      && features[i].characters > 0
      && features[i].characters <= ThreadRecords.maxDateLineCharacters
      && !features[i].endsWithTerminal
    {
      if ThreadRecords.hasDate(UnsafeBufferPointer(rebasing: u[lines[i]]))
        || Self.containsDate(u, lines[i])
      {
        keep[i] = false
        reasons[i] = .dateMeta
      }
    }
  }
}
