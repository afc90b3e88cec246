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
      "scroll to continue with content", "广告", "anzeige", "werbung", "publicidad", "publicité",
      "publicidade", "pubblicità", "advertentie", "reklam", "reklama", "iklan", "реклама",
    ]))

  /// The longest line (in characters) that can be an advertisement label.
  static let adLabelMaxCharacters = 40

  /// Advertisement labels (`advertisement`, see ``BoilerplateOptions/dropAdLabels``): a kept
  /// line that is only an ad label or an ad slot's marker is dropped. It runs last, so the
  /// rules before it read the label as any short line: between two paragraphs it keeps them
  /// one block, and the inner gaps and runs see it as before. (A label the other rules
  /// dropped keeps their reason: only kept lines are looked up.)
  func adLabels(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?], _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    for i in features.indices
    where keep[i] && features[i].characters <= Self.adLabelMaxCharacters && fixed[i] == nil
      && Self.adLabelHeaders.contains(u, lines[i])
    {
      keep[i] = false
      reasons[i] = .advertisement
    }
  }
}
