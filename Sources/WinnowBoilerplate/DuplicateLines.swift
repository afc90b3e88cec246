extension BoilerplateClassifier {
  /// A long line kept more than once is kept once (`duplicate`, see
  /// ``BoilerplateOptions/duplicateLineLength``): of the kept lines at least that long
  /// (effective length) with the same bytes (trimmed), the first stays and the later copies
  /// go — a caption repeated by a slideshow, a standfirst repeated under the headline, a
  /// product description in two templates. The gold texts hold such a line once (on DEV the
  /// pages that lose are forum threads that quote a post, whose gold keeps the quote).
  /// Linear: the lines are bucketed by a hash of their bytes.
  func duplicateLines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let minimum = Double(options.duplicateLineLength)
    guard minimum > 0 else { return }
    // Hash of a kept long line's bytes → the first lines with that hash.
    var firsts: [Int: [Int]] = [:]
    for i in keep.indices where keep[i] && features[i].effectiveLength >= minimum {
      let r = lines[i]
      let bytes = UnsafeBufferPointer(rebasing: u[r])
      var h = Hasher()
      h.combine(bytes: UnsafeRawBufferPointer(bytes))
      let key = h.finalize()
      if let earlier = firsts[key],
        earlier.contains(where: { lines[$0].count == r.count && u[lines[$0]].elementsEqual(bytes) })
      {
        keep[i] = false
        reasons[i] = .duplicate
      } else {
        firsts[key, default: []].append(i)
      }
    }
  }
}
