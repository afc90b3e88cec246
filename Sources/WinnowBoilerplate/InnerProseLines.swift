extension BoilerplateClassifier {
  /// Sentences between two paragraphs that a pattern dropped for words inside them
  /// (`inner-prose`, see ``BoilerplateOptions/keepInnerProse``): a line that one of
  /// ``innerProseReasons`` dropped comes back when it reads as a long sentence of prose — at
  /// least ``innerProseLength`` long (effective length), with ``innerProseClauses`` clause
  /// marks, terminal punctuation and a stop-word density of at least
  /// ``innerProseStopDensity`` —, does not open with a notice's lead (`©`, `Copyright`,
  /// `By clicking`, `Your email address`, …), and the lines right above and below it are
  /// kept as paragraphs (`content`). A form's, a copyright's, a disclaimer's or a hotline's
  /// words inside a news story (`… must first create an account on the city's website, …`,
  /// `Anyone with information is asked to call …`, a FAQ's `… the copyright notices of each
  /// package …`) are the story's; the notices themselves stand below the article, open with
  /// their lead, or are shorter (an affiliate disclosure, a newsletter box's line). Lines
  /// dropped by context or by a page-level rule are not looked at.
  func innerProseLines(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ fixed: [BoilerplateReason?], _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let n = keep.count
    guard n >= 3 else { return }
    for i in 1..<(n - 1) where !keep[i] {
      guard let r = fixed[i], reasons[i] == r, Self.innerProseReasons.contains(r) else {
        continue
      }
      let f = features[i]
      guard
        f.endsWithTerminal && f.clausePunctuation >= Self.innerProseClauses
          && f.effectiveLength >= Self.innerProseLength
          && f.stopDensity >= Self.innerProseStopDensity,
        keep[i - 1] && reasons[i - 1] == .content && keep[i + 1] && reasons[i + 1] == .content
      else { continue }
      // The leads are matched on lowercased bytes, as the patterns read them.
      let lower = [UInt8](unsafeUninitializedCapacity: lines[i].count) { buffer, count in
        BytePatterns.lowerASCII(UnsafeBufferPointer(rebasing: u[lines[i]]), into: buffer)
        count = lines[i].count
      }
      let opensWithLead = lower.withUnsafeBufferPointer {
        LinePatterns.isCopyrightLead($0) || LinePatterns.isFormNoticeLead($0)
      }
      guard !opensWithLead else { continue }
      keep[i] = true
      reasons[i] = .innerProse
    }
  }

  /// The pattern reasons whose words can stand inside a sentence about something else: a
  /// form's (`create an account`), a copyright notice's (`all rights reserved`), a
  /// disclaimer's and a hotline's. Not the reasons of a line's lead (bylines, photo
  /// credits, references), nor those of its shape (navigation, breadcrumbs, dates, related
  /// links), nor registration numbers, cookie banners and language pickers.
  static let innerProseReasons: [BoilerplateReason] = [
    .widget, .copyright, .disclaimer, .hotlineContact,
  ]

  /// The shortest line ``innerProseLines(_:_:_:_:_:_:)`` brings back (effective length:
  /// spaces not counted, a CJK character 2.5): a sentence of some 140 characters, longer
  /// than the notices that read as sentences (`When you purchase through links on our
  /// site, we may earn an affiliate commission.`). On DEV the rule changes no page from 60
  /// on.
  static let innerProseLength: Double = 120

  /// The fewest clause marks (`,` `;` `，` `、` …) of a line ``innerProseLines`` brings back.
  static let innerProseClauses = 2

  /// The lowest stop-word density of a line ``innerProseLines`` brings back (English stop
  /// words, Chinese function characters per text unit).
  static let innerProseStopDensity = 0.2
}
