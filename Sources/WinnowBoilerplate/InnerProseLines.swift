extension BoilerplateClassifier {
  /// Sentences between two paragraphs that a pattern dropped for words inside them
  /// (`inner-prose`, see ``BoilerplateOptions/keepInnerProse``): a line that one of
  /// ``innerProseReasons`` dropped comes back when it reads as a long sentence of prose —
  /// at least ``innerProseLength`` long (effective length; a mostly-CJK line
  /// ``innerProseHan`` ideographs), ``innerProseClauses`` clause marks, terminal
  /// punctuation, a stop-word density of at least ``innerProseStopDensity`` (a CJK line's
  /// function characters ``innerProseFunctionDensity``) —, does not open with a notice's
  /// lead (`©`, `Copyright`, `By clicking`, `Your email address`, `版权声明`, `本站`, …), and
  /// the lines right above and below it are kept as paragraphs (`content`). A form's, a
  /// copyright's, a disclaimer's, a hotline's, a licence's or a cookie notice's words inside
  /// a story (`… must first create an account on the city's website, …`, `Anyone with
  /// information is asked to call …`, `专家提醒，未经许可不得擅自使用他人的作品，…`,
  /// `A CookieJar which can load cookies from, and perhaps save cookies to, a file on disk.`)
  /// are the story's; the notices themselves stand below the article, open with their lead,
  /// or are shorter (an affiliate disclosure, a newsletter box's line). Lines dropped by
  /// context or by a page-level rule are not looked at.
  ///
  /// - Parameter low: the page's bytes with ASCII letters lowered (the patterns' leads read
  ///   them so).
  func innerProseLines(
    _ low: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
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
          && (f.isCJK ? f.han >= Self.innerProseHan : f.effectiveLength >= Self.innerProseLength)
          && f.stopDensity
            >= (f.isCJK ? Self.innerProseFunctionDensity : Self.innerProseStopDensity),
        keep[i - 1] && reasons[i - 1] == .content && keep[i + 1] && reasons[i + 1] == .content
      else { continue }
      let line = UnsafeBufferPointer(rebasing: low[lines[i]])
      guard
        !(LinePatterns.isCopyrightLead(line) || LinePatterns.isFormNoticeLead(line)
          || BytePatterns.hasAnyPrefix(line, Self.chineseNoticeLeads))
      else { continue }
      keep[i] = true
      reasons[i] = .innerProse
    }
  }

  /// The pattern reasons whose words can stand inside a sentence about something else: a
  /// form's (`create an account`, `扫码关注`), a copyright notice's (`all rights reserved`,
  /// `未经许可不得`), a disclaimer's, a hotline's, a licence's (`互联网新闻信息服务许可证`) and
  /// a cookie notice's. Not the reasons of a line's lead (bylines, photo credits,
  /// references), nor those of its shape (navigation, breadcrumbs, dates, related links),
  /// nor language pickers.
  static let innerProseReasons: [BoilerplateReason] = [
    .widget, .copyright, .disclaimer, .hotlineContact, .licenseRegistration, .cookieBanner,
  ]

  /// How a Chinese site's notices open (`版权声明：…`, `免责声明：…`, `本站…`, `本网…`,
  /// `凡本网注明…`, `转载请…`, `未经…`): a line that opens so is the site speaking, not the story.
  static let chineseNoticeLeads = PrefixSet(
    BytePatterns.list(["版权", "免责", "声明", "特别声明", "本站", "本网", "凡本", "转载", "未经"]))

  /// The fewest ideographs of a mostly-CJK line ``innerProseLines`` brings back.
  static let innerProseHan = 30

  /// The lowest share of function characters (`的` `是` `在` …) among the ideographs of a
  /// mostly-CJK line ``innerProseLines`` brings back (a news sentence has 0.12–0.29).
  static let innerProseFunctionDensity = 0.1

  /// The shortest line ``innerProseLines(_:_:_:_:_:_:)`` brings back (effective length:
  /// spaces not counted, a CJK character 2.5): a sentence of some 140 characters, longer
  /// than the notices that read as sentences (`When you purchase through links on our
  /// site, we may earn an affiliate commission.`). On DEV the rule changes no page.
  static let innerProseLength: Double = 120

  /// The fewest clause marks (`,` `;` `，` `、` …) of a line ``innerProseLines`` brings back.
  static let innerProseClauses = 2

  /// The lowest stop-word density of a line ``innerProseLines`` brings back (English stop
  /// words per word).
  static let innerProseStopDensity = 0.2
}
