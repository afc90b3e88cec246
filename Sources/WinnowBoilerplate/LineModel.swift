import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The learned line model: the last step of the classifier (the boilerpipe idea, shallow
/// text features and a small learned model on top of the rules).
///
/// Every line that no pattern fixed (``BoilerplateClassifier``'s cookie, licence, copyright,
/// … families keep their drops and codes) is decided again by a small gradient-boosted tree
/// ensemble over ``featureCount`` numbers: the line's own features (``LineFeatures``), what
/// the rules decided (class, final keep, reason), the same for its neighbours ±1 and ±2, and
/// its place on the page (position, main block, distance to the kept text). A line the model
/// drops gets `low-score`, a line it brings back `model-content`; the decision's score is the
/// model's probability. The trees are generated (`LineModel+Generated.swift`, by
/// `scripts/train-boilerplate-model.py`), so CI never trains.
///
/// Inference is one flat feature matrix per page (no allocation per line) and a walk of
/// each tree: a few hundred instructions per line.
enum LineModel {
  /// The names of the features, in the order of a row (what the training script reads).
  static let featureNames: [String] = {
    var names =
      ownNames + [
        "rules_keep", "fixed_kind", "r_content", "r_context", "r_inner_gap", "r_off_main",
        "r_after_article",
        "r_short_context", "r_related_links", "r_thread_or_record", "r_no_prose",
      ]
    for d in ["m2", "m1", "p1", "p2"] {
      names += ["\(d)_keep", "\(d)_class", "\(d)_fixed", "\(d)_length", "\(d)_terminal"]
    }
    names += [
      "position", "in_main", "before_main", "after_main", "distance_main", "before_first_kept",
      "after_last_kept",
      "distance_kept", "block_share", "kept_share", "page_cjk_share", "same_keep_run",
      "kept_before_share",
      "near3_kept", "near10_kept", "near10_good_units", "near10_units", "near5_fixed",
      "near5_terminal",
      "near10_kept_units",
    ]
    return names
  }()

  /// The line's own features.
  static let ownNames = [
    "length", "characters", "units", "han_share", "stop_density", "terminal", "clauses",
    "digit_share",
    "capital_share", "letter_share", "url_or_email", "phone", "content_score", "class",
  ]

  /// Features per line.
  static let featureCount = 65

  /// The rules' decisions before the model, with every line's feature row: what the
  /// training export records (see ``dump``).
  struct PageRows: Sendable {
    /// Whether a pattern (or no text, or the corpus) fixed the line: the model leaves it.
    var fixed: [Bool]
    /// The rules' keep.
    var rulesKeep: [Bool]
    /// `featureCount` numbers per line, row after row.
    var rows: [Float]
  }

  /// Collects the pages' feature rows (the training export, a test with `$dump` bound).
  final class Dump: Sendable {
    /// The pages seen, in order.
    let pages = Mutex<[PageRows]>([])
    init() {}
  }

  /// Set (by the training export) to record every page's rows.
  @TaskLocal static var dump: Dump?

  /// A class as a number: bad 0, short 1, near-good 2, good 3.
  @inline(__always)
  static func ordinal(_ c: LineClass) -> Float {
    switch c {
    case .bad: 0
    case .short: 1
    case .nearGood: 2
    case .good: 3
    }
  }

  /// 0 no fixed reason, 1 number-only (`low-text-density`), 2 empty, 3 a pattern or the corpus.
  @inline(__always)
  static func fixedKind(_ r: BoilerplateReason?) -> Float {
    guard let r else { return 0 }
    if r == .lowTextDensity { return 1 }
    if r == .empty { return 2 }
    return 3
  }

  /// Fills the feature matrix of a page: `featureCount` numbers per line.
  ///
  /// - Parameters:
  ///   - features: the lines' features.
  ///   - fixed: the pattern reasons (nil: none).
  ///   - classes: the classes of the context pass.
  ///   - scores: the rules' content scores.
  ///   - keep: the rules' final keep.
  ///   - reasons: the rules' final reasons.
  ///   - blockGap: ``BoilerplateOptions/blockGap``.
  ///   - rows: the matrix, `featureCount × lines` long.
  static func fill(
    _ features: [LineFeatures], _ fixed: [BoilerplateReason?], _ classes: [LineClass],
    _ scores: [Double],
    _ keep: [Bool], _ reasons: [BoilerplateReason], blockGap: Int, into rows: inout [Float]
  ) {
    let n = features.count
    let width = featureCount
    // Page level: units, kept units, blocks of the kept lines (as the main-block rule
    // splits them), the heaviest one.
    var units = 0
    var han = 0
    var keptUnits = 0
    var firstKept = -1
    var lastKept = -1
    for i in 0..<n {
      units += features[i].units
      han += features[i].han
      if keep[i] {
        keptUnits += features[i].units
        if firstKept < 0 { firstKept = i }
        lastKept = i
      }
    }
    // Block of each line (kept lines and the gaps of at most `blockGap` inside a block): its
    // weight in good units; the main block is the first heaviest.
    var blockWeight = [Int](repeating: 0, count: n)
    var mainStart = -1
    var mainEnd = -1
    var heaviest = 0
    do {
      var start = -1
      var end = -1
      var weight = 0
      var i = 0
      func close() {
        guard start >= 0 else { return }
        for k in start...end { blockWeight[k] = weight }
        // The first heaviest, as the main-block rule picks it.
        if weight > heaviest || mainStart < 0 {
          heaviest = weight
          mainStart = start
          mainEnd = end
        }
      }
      var gap = 0
      while i < n {
        if keep[i] {
          if start < 0 || gap > blockGap {
            close()
            start = i
            weight = 0
          }
          end = i
          if classes[i] == .good { weight += features[i].units }
          gap = 0
        } else {
          gap += 1
        }
        i += 1
      }
      close()
    }
    // Distance to the nearest other kept line, both ways.
    var keptBefore = [Int](repeating: -1, count: n)
    var keptAfter = [Int](repeating: -1, count: n)
    var last = -1
    for i in 0..<n {
      keptBefore[i] = last
      if keep[i] { last = i }
    }
    last = -1
    for i in stride(from: n - 1, through: 0, by: -1) {
      keptAfter[i] = last
      if keep[i] { last = i }
    }
    // Runs of equal keep.
    var run = [Int](repeating: 0, count: n)
    var s = 0
    for i in 0...n where i == n || (i > 0 && keep[i] != keep[i - 1]) {
      for k in s..<i { run[k] = i - s }
      s = i
    }

    // Prefix sums for the windows around each line: kept lines, kept units, good units,
    // units, pattern-fixed lines, lines with terminal punctuation.
    var prefix = [Int](repeating: 0, count: 6 * (n + 1))
    for i in 0..<n {
      let f = features[i]
      let at = 6 * i
      prefix[at + 6] = prefix[at] + (keep[i] ? 1 : 0)
      prefix[at + 7] = prefix[at + 1] + (keep[i] ? f.units : 0)
      prefix[at + 8] = prefix[at + 2] + (classes[i] == .good ? f.units : 0)
      prefix[at + 9] = prefix[at + 3] + f.units
      prefix[at + 10] = prefix[at + 4] + (fixedKind(fixed[i]) == 3 ? 1 : 0)
      prefix[at + 11] = prefix[at + 5] + (f.endsWithTerminal ? 1 : 0)
    }
    // The sum of column `c` over the lines within `r` of `i`, without `i`, and the lines counted.
    func window(_ i: Int, _ r: Int, _ c: Int) -> (sum: Int, lines: Int) {
      let a = max(0, i - r)
      let b = min(n, i + r + 1)
      let own = prefix[6 * (i + 1) + c] - prefix[6 * i + c]
      return (prefix[6 * b + c] - prefix[6 * a + c] - own, b - a - 1)
    }
    let goodUnits = prefix[6 * n + 2]

    let pageCJK: Float = units == 0 ? 0 : Float(han) / Float(units)
    let keptShare: Float = units == 0 ? 0 : Float(keptUnits) / Float(units)
    var keptUnitsBefore = 0
    rows.withUnsafeMutableBufferPointer { out in
      func own(_ j: Int, _ at: Int) {
        let f = features[j]
        let chars = Float(f.characters)
        out[at] = Float(f.effectiveLength)
        out[at + 1] = chars
        out[at + 2] = Float(f.units)
        out[at + 3] = f.characters == 0 ? 0 : Float(f.han) / chars
        out[at + 4] = Float(f.stopDensity)
        out[at + 5] = f.endsWithTerminal ? 1 : 0
        out[at + 6] = Float(min(f.clausePunctuation, 10))
        out[at + 7] = Float(f.digitShare)
        out[at + 8] = Float(f.capitalShare)
        out[at + 9] = f.characters == 0 ? 0 : Float(f.letters) / chars
        out[at + 10] = f.hasURLOrEmail ? 1 : 0
        out[at + 11] = f.hasPhoneLikeNumber ? 1 : 0
        out[at + 12] = Float(scores[j])
        out[at + 13] = ordinal(classes[j])
      }
      for i in 0..<n {
        let at = i * width
        own(i, at)
        var k = at + ownNames.count
        let r = reasons[i]
        @inline(__always) func flag(_ code: BoilerplateReason) -> Float { r == code ? 1 : 0 }
        out[k] = keep[i] ? 1 : 0
        out[k + 1] = fixedKind(fixed[i])
        for m in 2...10 { out[k + m] = 0 }
        if fixed[i] == nil {  // pattern lines keep their pattern's code: none of these
          out[k + 2] = flag(.content)
          out[k + 3] = flag(.context)
          out[k + 4] = flag(.innerGap)
          out[k + 5] = flag(.offMain)
          out[k + 6] = flag(.afterArticle)
          out[k + 7] = flag(.shortContext)
          out[k + 8] = flag(.relatedLinks)
          out[k + 9] = max(flag(.threadPost), flag(.recordList))
          out[k + 10] = flag(.noProse)
        }
        k += 11
        for m in 0..<4 {
          let j = i + (m < 2 ? m - 2 : m - 1)  // -2, -1, +1, +2
          if j >= 0 && j < n {
            out[k] = keep[j] ? 1 : 0
            out[k + 1] = ordinal(classes[j])
            out[k + 2] = fixedKind(fixed[j])
            out[k + 3] = Float(features[j].effectiveLength)
            out[k + 4] = features[j].endsWithTerminal ? 1 : 0
          } else {
            out[k] = 0
            out[k + 1] = -1
            out[k + 2] = 4
            out[k + 3] = 0
            out[k + 4] = 0
          }
          k += 5
        }
        out[k] = n <= 1 ? 0 : Float(i) / Float(n - 1)
        let inMain = mainStart >= 0 && i >= mainStart && i <= mainEnd
        out[k + 1] = inMain ? 1 : 0
        out[k + 2] = mainStart >= 0 && i < mainStart ? 1 : 0
        out[k + 3] = mainStart >= 0 && i > mainEnd ? 1 : 0
        out[k + 4] =
          mainStart < 0
          ? Float(n) : i < mainStart ? Float(mainStart - i) : i > mainEnd ? Float(i - mainEnd) : 0
        out[k + 5] = firstKept < 0 || i < firstKept ? 1 : 0
        out[k + 6] = lastKept < 0 || i > lastKept ? 1 : 0
        let b = keptBefore[i]
        let a = keptAfter[i]
        let db = b < 0 ? n : i - b
        let da = a < 0 ? n : a - i
        out[k + 7] = Float(min(db, da))
        out[k + 8] = heaviest == 0 ? 0 : Float(blockWeight[i]) / Float(heaviest)
        out[k + 9] = keptShare
        out[k + 10] = pageCJK
        out[k + 11] = Float(run[i])
        out[k + 12] = keptUnits == 0 ? 0 : Float(keptUnitsBefore) / Float(keptUnits)
        let k3 = window(i, 3, 0)
        out[k + 13] = k3.lines == 0 ? 0 : Float(k3.sum) / Float(k3.lines)
        let k10 = window(i, 10, 0)
        out[k + 14] = k10.lines == 0 ? 0 : Float(k10.sum) / Float(k10.lines)
        out[k + 15] = goodUnits == 0 ? 0 : Float(window(i, 10, 2).sum) / Float(goodUnits)
        let u10 = window(i, 10, 3).sum
        out[k + 16] = units == 0 ? 0 : Float(u10) / Float(units)
        let f5 = window(i, 5, 4)
        out[k + 17] = f5.lines == 0 ? 0 : Float(f5.sum) / Float(f5.lines)
        let t5 = window(i, 5, 5)
        out[k + 18] = t5.lines == 0 ? 0 : Float(t5.sum) / Float(t5.lines)
        out[k + 19] = u10 == 0 ? 0 : Float(window(i, 10, 1).sum) / Float(u10)
        if keep[i] { keptUnitsBefore += features[i].units }
      }
    }
  }

  /// The model's raw score (log-odds) of one feature row: each tree walked `depth` levels
  /// by index arithmetic (children `2n+1`, `2n+2`), no child tables.
  @inline(__always)
  static func raw(
    _ x: UnsafeBufferPointer<Float>, _ feature: UnsafeBufferPointer<Int16>,
    _ threshold: UnsafeBufferPointer<Double>,
    _ value: UnsafeBufferPointer<Double>
  ) -> Double {
    let depth = Generated.depth
    let inner = (1 << depth) - 1
    var sum = Generated.base
    var at = 0
    var leaf = 0
    for _ in 0..<Generated.trees {
      var node = 0
      for _ in 0..<depth {
        // As scikit-learn compares: the float32 feature against a float64 threshold.
        let left = Double(x[Int(feature[at + node])]) <= threshold[at + node]
        node = 2 * node + (left ? 1 : 2)
      }
      sum += value[leaf + node - inner]
      at += inner
      leaf += inner + 1
    }
    return sum
  }

  /// The model's probability that each row is main text, `featureCount` numbers a row.
  static func probabilities(_ rows: [Float]) -> [Double] {
    let n = rows.count / featureCount
    var p = [Double](repeating: 0, count: n)
    rows.withUnsafeBufferPointer { x in
      Generated.feature.withUnsafeBufferPointer { f in
        Generated.threshold.withUnsafeBufferPointer { t in
          Generated.value.withUnsafeBufferPointer { v in
            for i in 0..<n {
              let row = UnsafeBufferPointer(
                rebasing: x[(i * featureCount)..<((i + 1) * featureCount)])
              p[i] = 1 / (1 + exp(-raw(row, f, t, v)))
            }
          }
        }
      }
    }
    return p
  }

  /// The classifier's last step: records the rows when ``dump`` is bound, and with `apply`
  /// re-decides every line no pattern fixed (`low-score` / `model-content`, the score the
  /// model's probability).
  static func decide(
    _ features: [LineFeatures], _ fixed: [BoilerplateReason?], _ classes: [LineClass],
    _ options: BoilerplateOptions,
    apply: Bool, _ scores: inout [Double], _ keep: inout [Bool],
    _ reasons: inout [BoilerplateReason]
  ) {
    let n = features.count
    guard n > 0 else { return }
    var rows = [Float](repeating: 0, count: n * featureCount)
    fill(features, fixed, classes, scores, keep, reasons, blockGap: options.blockGap, into: &rows)
    if let d = dump {
      let page = PageRows(fixed: fixed.map { $0 != nil }, rulesKeep: keep, rows: rows)
      d.pages.withLock { $0.append(page) }
    }
    guard apply else { return }
    let p = probabilities(rows)
    for i in 0..<n where fixed[i] == nil {
      scores[i] = p[i]
      // Asymmetric cuts: a kept line goes only below `cut`, a dropped one comes back only
      // from `add` (both chosen by the training script on held-out pages).
      let k = p[i] >= (keep[i] ? Generated.cut : Generated.add)
      if k != keep[i] {
        keep[i] = k
        reasons[i] = k ? .modelContent : .lowScore
      }
    }
  }
}
