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
      "tweet may have been deleted", "回复", "引用", "举报", "分享", "点赞",
    ]))

  /// The longest line (in characters) that can be a label.
  static let labelMaxCharacters = 40

  /// Label lines that the other rules kept (see ``BoilerplateOptions/dropAdLabels`` and
  /// ``BoilerplateOptions/dropButtonLabels``): a kept line that is only an ad label or an ad
  /// slot's marker is dropped as `advertisement`, one that is only a button's label as
  /// `widget`. It runs last, so the rules before it read a label as any short line: between
  /// two paragraphs it keeps them one block, and the inner gaps and runs see it as before.
  /// (A label the other rules dropped keeps their reason: only kept lines are looked up.)
  func labelLines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?], _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let (ads, buttons) = (options.dropAdLabels, options.dropButtonLabels)
    guard ads || buttons else { return }
    for i in features.indices
    where keep[i] && features[i].characters <= Self.labelMaxCharacters && fixed[i] == nil {
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
