extension BoilerplateClassifier {
  /// The text units of the kept lines among `range`: the weight the passes after the context
  /// pass compare (the kept text above and below a marker, a run's share of the page).
  ///
  /// - Parameters:
  ///   - features: the lines' features.
  ///   - keep: which lines are kept so far.
  ///   - range: the lines to weigh (within `keep`'s indices).
  /// - Returns: the sum of ``LineFeatures/units`` over the kept lines of `range`.
  @inline(__always)
  static func keptUnits(_ features: [LineFeatures], _ keep: [Bool], _ range: Range<Int>) -> Int {
    var units = 0
    for i in range where keep[i] { units += features[i].units }
    return units
  }

  /// ``keptUnits(_:_:_:)`` over the whole page.
  @inline(__always)
  static func keptUnits(_ features: [LineFeatures], _ keep: [Bool]) -> Int {
    keptUnits(features, keep, keep.indices)
  }
}
