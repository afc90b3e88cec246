/// A page with its boilerplate removed.
public struct BoilerplateResult: Sendable, Hashable {
  /// The page's lines, as given.
  public var lines: [Substring]
  /// One decision per line.
  public var decisions: [LineDecision]

  /// The kept lines joined by `\n`, no trailing newline; a caption's line up to its credit
  /// (``CaptionCredit/cutOffset``), the bytes ``BoilerplateStage`` keeps of it.
  public var text: String {
    var out = ""
    var first = true
    for (line, d) in zip(lines, decisions) where d.keep {
      if !first { out += "\n" }
      first = false
      if let c = d.credit {
        out += String(decoding: line.utf8.prefix(c.cutOffset), as: UTF8.self)
      } else {
        out += line
      }
    }
    return out
  }

  /// The photo credits cut off kept or dropped captions, in page order (`VCG`, `Xinhua`).
  public var credits: [Substring] { decisions.compactMap { $0.credit?.credit } }

  /// How many lines were dropped for each reason.
  public var dropCounts: [BoilerplateReason: Int] {
    var c: [BoilerplateReason: Int] = [:]
    for d in decisions where !d.keep { c[d.reason, default: 0] += 1 }
    return c
  }

  /// The `--explain` view: one row per line with its decision, reason, score and text.
  ///
  /// Each row reads `KEEP|DROP  reason  score  line`, the reason padded to 20 columns and
  /// the score with two decimals; a cut-off credit is shown after the line as `[credit: …]`.
  ///
  /// ```
  /// DROP cookie-banner        0.00  By continuing to browse our site you agree to …
  /// KEEP content              0.87  Military chiefs from around 30 countries …
  /// ```
  /// - Parameter width: the longest line text shown (longer text ends with `…`); nil shows all.
  public func explanation(width: Int? = nil) -> String {
    var out = ""
    for (line, d) in zip(lines, decisions) {
      out += d.keep ? "KEEP " : "DROP "
      let r = d.reason.rawValue
      out += r + String(repeating: " ", count: max(1, 21 - r.count))
      let s = Int((d.score * 100).rounded())
      out += s >= 100 ? "1.00" : "0." + (s < 10 ? "0" : "") + String(s)
      out += "  "
      // A credited line up to its credit (the line's own part: a wrapped caption's credit
      // is on its last line, and its `caption` spans the paragraph).
      var text =
        d.credit.map { String(decoding: line.utf8.prefix($0.cutOffset), as: UTF8.self) }
        ?? String(line)
      if let w = width, text.count > w { text = String(text.prefix(w)) + "…" }
      out += text
      if let c = d.credit { out += "  [credit: \(c.credit)]" }
      out += "\n"
    }
    return out
  }
}

extension BoilerplateClassifier {
  /// Splits a page into lines and decides them.
  ///
  /// - Parameters:
  ///   - text: the whole page, one block per line (`\n` or `\r\n`).
  ///   - host: the page's site (for `site-repeated`), if known.
  ///   - url: the page's URL (for `title` and `above-title`), if known.
  /// - Returns: the lines, the decisions, the kept text and the `--explain` view.
  ///
  /// ```swift
  /// let r = BoilerplateClassifier().clean("CHOOSE YOUR LANGUAGE\nA long paragraph of prose …")
  /// r.text   // the kept lines
  /// print(r.explanation())
  /// ```
  public func clean(_ text: String, host: String? = nil, url: String? = nil)
    -> BoilerplateResult
  {
    // Split by scalars, not characters: `\r\n` is one character, which a split on the
    // character `\n` would not break.
    var lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
      .map(Substring.init)
    if lines.last?.isEmpty == true { lines.removeLast() }
    for i in lines.indices where lines[i].utf8.last == 0x0D {
      lines[i] = Substring(lines[i].unicodeScalars.dropLast())
    }
    return BoilerplateResult(lines: lines, decisions: classify(lines: lines, host: host, url: url))
  }
}
