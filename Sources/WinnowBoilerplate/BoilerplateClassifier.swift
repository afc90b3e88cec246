/// The class a line gets from its own features, before its neighbours are looked at
/// (the jusText scheme).
public enum LineClass: String, Sendable, Hashable, Codable {
  /// Long, prose-like: kept unless a pattern or the corpus says otherwise.
  case good
  /// Prose-like but short, or long without sentence punctuation: kept unless both
  /// neighbours are bad.
  case nearGood = "near-good"
  /// Too short to judge: follows its neighbours.
  case short
  /// Boilerplate by a pattern or its features.
  case bad
}

/// The decision for one line.
public struct LineDecision: Sendable, Hashable {
  /// Whether the line is kept.
  public var keep: Bool
  /// Why (a stable code, e.g. `content`, `cookie-banner`, `short-context`).
  public var reason: BoilerplateReason
  /// The class from the line's own features.
  public var initialClass: LineClass
  /// A content score in 0...1 from the line's features (length, terminal punctuation,
  /// stop-word density); 0 for pattern matches. Informational: the decision comes from the
  /// classes and the context, not from a threshold on this score.
  public var score: Double
  /// A photo credit cut off the end of the line, if any.
  public var credit: CaptionCredit?

  /// Creates a decision.
  public init(keep: Bool, reason: BoilerplateReason, initialClass: LineClass, score: Double, credit: CaptionCredit? = nil) {
    self.keep = keep
    self.reason = reason
    self.initialClass = initialClass
    self.score = score
    self.credit = credit
  }
}

/// Keeps the main text of a page and drops the boilerplate, one decision per line.
///
/// The input is the page's text with one block per line, as a browser's "select all, copy"
/// or an HTML-to-text dump gives it. Each line is measured (``LineFeatures``) and matched
/// against the pattern families (cookie banners, language pickers, licence lines, …); lines
/// are classed good / near-good / short / bad; runs of headline-like lines become
/// `related-links`; then short and near-good lines are re-classed by their neighbours, so a
/// short line inside the article stays and a short line among menus goes. Lines learned as
/// repeating across a site (``SiteRepetition``) are dropped as `site-repeated`.
///
/// ```swift
/// let c = BoilerplateClassifier()
/// let lines = ["CHOOSE YOUR LANGUAGE", "Military chiefs from around 30 countries gathered in Britain on Thursday to discuss the coalition."]
/// c.classify(lines: lines).map(\.keep)   // [false, true]
/// ```
public struct BoilerplateClassifier: Sendable {
  /// The options.
  public var options: BoilerplateOptions
  /// Lines known to repeat across a site's pages, or nil.
  public var siteRepetition: SiteRepetition?

  /// Creates a classifier.
  /// - Parameters:
  ///   - options: the parameters (defaults documented on ``BoilerplateOptions``).
  ///   - siteRepetition: lines learned in a corpus pass, or nil to work on single pages.
  public init(options: BoilerplateOptions = BoilerplateOptions(), siteRepetition: SiteRepetition? = nil) {
    self.options = options
    self.siteRepetition = siteRepetition
  }

  /// Decides every line of a page.
  ///
  /// - Parameters:
  ///   - lines: the page's lines, without terminators.
  ///   - host: the page's site (for `site-repeated`), if known.
  /// - Returns: one decision per line, in order.
  public func classify<S: StringProtocol>(lines: [S], host: String? = nil) -> [LineDecision] {
    let n = lines.count
    var classes = [LineClass](repeating: .short, count: n)
    var reasons = [BoilerplateReason](repeating: .context, count: n)
    var scores = [Double](repeating: 0, count: n)
    var credits = [CaptionCredit?](repeating: nil, count: n)
    var features = [LineFeatures]()
    features.reserveCapacity(n)
    var seen: [Substring: Int] = [:]
    let siteLines = host.flatMap { siteRepetition?.lines(forHost: $0) }

    for (i, raw) in lines.enumerated() {
      var line = Substring(raw)
      trim(&line)
      if let c = CaptionCredit.split(line) {
        credits[i] = c
        line = c.caption
      }
      let f = LineFeatures(of: line, hanWeight: options.hanWeight)
      features.append(f)
      scores[i] = contentScore(f)
      if f.characters == 0 {
        classes[i] = .bad
        reasons[i] = .empty
        continue
      }
      if f.units == 0 {
        classes[i] = .bad
        reasons[i] = .lowTextDensity
        continue
      }
      let bytes = line.utf8.map(BytePatterns.lower)
      if let r = LinePatterns.match(bytes, f, options) {
        classes[i] = .bad
        reasons[i] = r
        scores[i] = 0
        continue
      }
      if let set = siteLines, set.contains(String(line)) {
        classes[i] = .bad
        reasons[i] = .siteRepeated
        continue
      }
      let long = f.isCJK ? f.han >= options.goodHanCount : f.effectiveLength >= Double(options.goodLength)
      if long && f.endsWithTerminal {
        classes[i] = .good
        reasons[i] = .content
      } else if long || (f.effectiveLength >= Double(options.nearGoodLength) && f.endsWithTerminal) {
        classes[i] = .nearGood
      } else {
        classes[i] = .short
      }
      if options.dropPageRepeated && classes[i] != .good {
        seen[line, default: 0] += 1
      }
    }
    // Short lines that occur more than once on the page: menus at head and foot.
    if options.dropPageRepeated {
      for (i, raw) in lines.enumerated() where classes[i] == .short || classes[i] == .nearGood {
        var line = Substring(raw)
        trim(&line)
        if let c = credits[i] { line = c.caption }
        if (seen[line] ?? 0) > 1 {
          classes[i] = .bad
          reasons[i] = .pageRepeated
        }
      }
    }
    // Runs of headline-like lines: link lists.
    var i = 0
    while i < n {
      var j = i
      while j < n && features[j].units > 0 && !features[j].endsWithTerminal
        && features[j].effectiveLength < Double(options.headlineMaxLength)
      {
        j += 1
      }
      if j - i >= options.headlineRunLength {
        for k in i..<j where classes[k] != .bad {
          classes[k] = .bad
          reasons[k] = .relatedLinks
        }
      }
      i = max(j, i + 1)
    }
    // Context: short lines follow their neighbours, near-good ones go only between bad ones.
    var final = classes
    for k in 0..<n where classes[k] == .short {
      let p = neighbour(classes, k, -1, ignoreNearGood: true)
      let q = neighbour(classes, k, 1, ignoreNearGood: true)
      if p == .good && q == .good {
        final[k] = .good
      } else if p == .bad && q == .bad {
        final[k] = .bad
      } else if (p == .bad && neighbour(classes, k, -1, ignoreNearGood: false) == .nearGood)
        || (q == .bad && neighbour(classes, k, 1, ignoreNearGood: false) == .nearGood)
      {
        final[k] = .good
      } else if features[k].endsWithTerminal && ((k > 0 && classes[k - 1] == .good) || (k + 1 < n && classes[k + 1] == .good)) {
        // A short sentence right next to a good paragraph belongs to it.
        final[k] = .good
      } else {
        final[k] = .bad
      }
      reasons[k] = final[k] == .good ? .context : .shortContext
    }
    for k in 0..<n where classes[k] == .nearGood {
      let p = neighbour(classes, k, -1, ignoreNearGood: true)
      let q = neighbour(classes, k, 1, ignoreNearGood: true)
      final[k] = (p == .bad && q == .bad) ? .bad : .good
      reasons[k] = final[k] == .good ? .context : .shortContext
    }
    var out: [LineDecision] = []
    out.reserveCapacity(n)
    for k in 0..<n {
      var keep = final[k] == .good
      var reason = reasons[k]
      if keep, credits[k] != nil {
        if options.keepCaptions {
          reason = .caption
        } else {
          keep = false
          reason = .photoCredit
        }
      }
      out.append(LineDecision(keep: keep, reason: reason, initialClass: classes[k], score: scores[k], credit: credits[k]))
    }
    return out
  }

  /// The nearest good or bad line (or near-good, unless ignored) in direction `step`;
  /// the page edges count as bad.
  private func neighbour(_ c: [LineClass], _ i: Int, _ step: Int, ignoreNearGood: Bool) -> LineClass {
    var j = i + step
    while j >= 0 && j < c.count {
      switch c[j] {
      case .good, .bad: return c[j]
      case .nearGood where !ignoreNearGood: return .nearGood
      default: j += step
      }
    }
    return .bad
  }

  private func contentScore(_ f: LineFeatures) -> Double {
    let length = min(1, f.effectiveLength / Double(2 * options.goodLength))
    let density = min(1, f.stopDensity / 0.3)
    let score = 0.5 * length + 0.3 * (f.endsWithTerminal ? 1 : 0) + 0.2 * density
    return (score * 100).rounded() / 100
  }

  private func trim(_ s: inout Substring) {
    while let c = s.unicodeScalars.first, Lexicon.isSpace(c) { s = Substring(s.unicodeScalars.dropFirst()) }
    while let c = s.unicodeScalars.last, Lexicon.isSpace(c) { s = Substring(s.unicodeScalars.dropLast()) }
  }
}
