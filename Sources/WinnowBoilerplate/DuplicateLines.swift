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
    // A wrapped paragraph's bytes without the `\r` of its inner `\r\n` breaks, where it
    // has one (``withoutInnerCR(_:_:)``).
    var paragraphs: [Int: [UInt8]] = [:]
    func same(_ a: Int, _ b: Int) -> Bool {
      switch (paragraphs[a], paragraphs[b]) {
      case (nil, nil): lines[a].count == lines[b].count && u[lines[a]].elementsEqual(u[lines[b]])
      case (let x?, nil): x.elementsEqual(u[lines[b]])
      case (nil, let y?): u[lines[a]].elementsEqual(y)
      case (let x?, let y?): x == y
      }
    }
    for i in keep.indices where keep[i] && features[i].effectiveLength >= minimum {
      let r = lines[i]
      var h = Hasher()
      if let p = Self.withoutInnerCR(u, r) {
        paragraphs[i] = p
        p.withUnsafeBytes { h.combine(bytes: $0) }
      } else {
        h.combine(bytes: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: u[r])))
      }
      let key = h.finalize()
      if let earlier = firsts[key], earlier.contains(where: { same($0, i) }) {
        keep[i] = false
        reasons[i] = .duplicate
      } else {
        firsts[key, default: []].append(i)
      }
    }
  }

  /// The bytes of `u[r]` without the `\r` of each `\r\n` inside, when there is one; nil
  /// otherwise (the bytes as they are). A wrapped paragraph (``HardWrap``) spans its lines'
  /// breaks, which end as the page's lines end: on a `\r\n` page the last line has no `\r`,
  /// and ``clean(_:host:url:)`` reads the lines without theirs. Paragraphs compared for
  /// equality (copies, repeats) are compared so, however their lines end.
  static func withoutInnerCR(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> [UInt8]? {
    guard BytePatterns.crlfCount(UnsafeBufferPointer(rebasing: u[r])) > 0 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(r.count)
    for k in r where !(u[k] == 0x0D && k + 1 < r.upperBound && u[k + 1] == 0x0A) {
      out.append(u[k])
    }
    return out
  }
}
