extension BoilerplateClassifier {
  /// Sentences that trail off inside the article (`context`, see
  /// ``BoilerplateOptions/keepEllipsisLines``): a line the teaser pattern dropped for ending
  /// in an ellipsis (`…`, `...`; `related-links`) comes back when the non-empty lines on both
  /// sides of it are kept as `content` or `context`, and it reads as a clause: at least
  /// ``ellipsisLineMinUnits`` words or CJK characters, a stop word or a function character,
  /// and no pattern once its ellipsis is cut off (`Read more…` is still a teaser's button,
  /// `更多推荐…` a related header), nor a button's label (`Click to expand...`, with
  /// ``BoilerplateOptions/dropButtonLabels``). A writer's lead-in (`Here's the thing …`, `If
  /// you are …`), a quoted sentence cut off, a Chinese clause ending in `…` stand between
  /// paragraphs; a teaser's snippet stands among other teasers, headlines and dates. (A line
  /// ending in the Chinese ellipsis `……` is no teaser in the first place:
  /// ``LinePatterns/endsWithChineseEllipsis(_:)``.) Runs after the other
  /// rules, on their decisions. One pass over the lines; only the candidates are measured
  /// again.
  func ellipsisLines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let n = lines.count
    // Whether line `k` (the nearest non-empty line before or after a candidate) is kept as
    // content or context.
    func keptProse(_ k: Int?) -> Bool {
      guard let k else { return false }
      return keep[k] && (reasons[k] == .content || reasons[k] == .context)
    }
    var previous: Int?  // the last non-empty line before `i`
    var i = 0
    while i < n {
      if fixed[i] == .empty {
        i += 1
        continue
      }
      defer {
        previous = i
        i += 1
      }
      guard fixed[i] == .relatedLinks, !keep[i], keptProse(previous),
        features[i].units >= Self.ellipsisLineMinUnits,
        features[i].stopWords + features[i].functionCharacters > 0,
        let cut = Self.beforeEllipsis(u, lines[i])
      else { continue }
      var next = i + 1
      while next < n && fixed[next] == .empty { next += 1 }
      guard next < n, keptProse(next), !matchesPattern(u, cut) else { continue }
      if options.dropButtonLabels
        && Self.buttonLabelHeaders.hasCore(u, HeaderSet.core(u, cut), counting: cut.count)
      {
        continue
      }
      keep[i] = true
      reasons[i] = .context
    }
  }

  /// The fewest text units (words and CJK characters) of a line brought back by
  /// ``ellipsisLines(_:_:_:_:_:_:)``: `Read more …`, `So frustrating …` are two.
  static let ellipsisLineMinUnits = 3

  /// The line `r` of `u` without its closing ellipsis (`…` or `...`, spaces around it
  /// trimmed), or nil when it ends in none or nothing stands before it.
  static func beforeEllipsis(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Range<Int>? {
    let s = r.lowerBound
    var e = r.upperBound
    while e > s && (u[e &- 1] == 0x20 || u[e &- 1] == 0x09) { e &-= 1 }
    var cut = e
    // One or more ellipses (`……`, `…...`, `....`).
    var k = ellipsisLength(u, s, cut)
    while k > 0 {
      cut &-= k
      while cut > s && u[cut &- 1] == 0x2E { cut &-= 1 }
      k = ellipsisLength(u, s, cut)
    }
    guard cut < e else { return nil }
    while cut > s && (u[cut &- 1] == 0x20 || u[cut &- 1] == 0x09) { cut &-= 1 }
    return cut > s ? s..<cut : nil
  }

  /// Whether the bytes `r` of `u` match a line pattern (``LinePatterns/match(_:_:_:)``, on
  /// their lowercased copy and their own features).
  private func matchesPattern(_ u: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Bool {
    let line = UnsafeBufferPointer(rebasing: u[r])
    let f = LineFeatures(utf8: line, hanWeight: options.hanWeight)
    let low = line.map { BytePatterns.lower($0) }
    return LinePatterns.match(low, f, options) != nil
  }
}
