extension BoilerplateOptions {
  /// The good and near-good lengths the context pass uses on a page: ``goodLength`` and
  /// ``nearGoodLength``, or on a dense page (see ``densePageLineLength``)
  /// ``densePageGoodLength`` and the near-good length scaled alike.
  ///
  /// A page counts as dense when it has at least 10 lines with text that no pattern fixed
  /// and that are not mostly CJK, and at least ``densePageShare`` of them are at least
  /// ``densePageLineLength`` long: on such a page a line of 60 is a teaser or a caption
  /// more often than a paragraph. Chinese lines are judged by ``goodHanCount`` and are not
  /// counted.
  ///
  /// - Parameters:
  ///   - features: the page's line features.
  ///   - fixed: the pattern reasons (nil: none), as many as `features`.
  /// - Returns: the good and near-good effective lengths for the page.
  func pageLengths(_ features: [LineFeatures], _ fixed: [BoilerplateReason?]) -> (
    good: Int, nearGood: Int
  ) {
    guard densePageLineLength > 0, densePageGoodLength != goodLength, goodLength > 0 else {
      return (goodLength, nearGoodLength)
    }
    let long = Double(densePageLineLength)
    var lines = 0
    var longLines = 0
    for i in 0..<min(features.count, fixed.count) where fixed[i] == nil {
      let f = features[i]
      guard f.effectiveLength > 0, !f.isCJK else { continue }
      lines += 1
      if f.effectiveLength >= long { longLines += 1 }
    }
    guard lines >= Self.densePageMinLines, Double(longLines) >= densePageShare * Double(lines)
    else {
      return (goodLength, nearGoodLength)
    }
    let nearGood = Int(Double(nearGoodLength) * Double(densePageGoodLength) / Double(goodLength))
    return (densePageGoodLength, nearGood)
  }

  /// Lines with text (not CJK, no pattern) a page needs before it can count as dense.
  static let densePageMinLines = 10
}
