extension BoilerplateClassifier {
  /// An end marker ends the article (`end-marker`, see ``BoilerplateOptions/endAtEndMarkers``;
  /// a Q&A page's answer form first, ``answerFormHeaders``):
  /// at the first line that is an author-box or tags header alone on its line
  /// (``endMarkerHeaders``: `About the author`, `Editör Hakkında`, `关于作者`, `Tags`, `标签`, …,
  /// with an optional colon or count), the kept lines from it on go when the kept text above it weighs
  /// at least as much as them. An author's biography reads as prose (`1995'te Konya'da
  /// dünyaya geldi. …`), and the site's teasers follow the box and the tags. Only the first
  /// such line decides (a `Tags` line above a forum's replies, with more kept text below it
  /// than above, stops the rule). One pass over the short lines.
  func endMarkers(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    // One pass finds the first end marker and the first answer form (by their text alone;
    // each line's core is found once for both sets).
    var marker: Int?
    var form: Int?
    let markers = Self.endMarkerHeaders
    let forms = Self.answerFormHeaders
    for i in lines.indices {
      let r = lines[i]
      // Cheap gates first: most lines are longer than any marker (a marker line of 40
      // characters or fewer has at most 160 bytes).
      guard r.count <= 4 * Self.endMarkerMaxCharacters else { continue }
      let c = features[i].characters
      guard c > 0 && c <= Self.endMarkerMaxCharacters else { continue }
      let core = HeaderSet.core(u, r)
      if marker == nil && markers.hasCore(u, core, counting: r.count) { marker = i }
      if form == nil && forms.hasCore(u, core, counting: r.count) { form = i }
      if marker != nil && form != nil { break }
    }
    // The answer form first (``answerFormHeaders``), then the first marker decides.
    if let f = form { endArticle(at: f, aboveShare: 0.5, features, &keep, &reasons) }
    if let m = marker { endArticle(at: m, aboveShare: 1, features, &keep, &reasons) }
  }

  /// Ends the article at line `i` (`end-marker`): the kept lines from it on go when the kept
  /// text above it weighs at least `aboveShare` times theirs (and they have some).
  func endArticle(
    at i: Int, aboveShare: Double, _ features: [LineFeatures], _ keep: inout [Bool],
    _ reasons: inout [BoilerplateReason]
  ) {
    let before = Self.keptUnits(features, keep, 0..<i)
    let after = Self.keptUnits(features, keep, i..<keep.count)
    guard after > 0 && Double(before) >= aboveShare * Double(after) else { return }
    for k in i..<keep.count where keep[k] {
      keep[k] = false
      reasons[k] = .endMarker
    }
  }

  /// End-marker lines, lowercase (``HeaderSet``: the core of the line, without a trailing
  /// colon, counts or punctuation): author-box headers, then tags headers. On DEV two pages
  /// of one Turkish site have an author box inside the kept text (`Editör Hakkında`, +0.21
  /// and +0.27), three pages a `Tags` line (+0.005 … +0.03); `Topics` and `Filed under`
  /// change nothing, `Share` lines are as often above the article (a ratio of 0.5 instead of
  /// 1 loses Chinese pages).
  static let endMarkerHeaders = HeaderSet(
    BytePatterns.list([
      "about the author", "about the authors", "about the writer", "author bio",
      "editör hakkında", "yazar hakkında", "关于作者", "作者简介", "關於作者", "über den autor",
      "sobre o autor", "sobre el autor", "à propos de l'auteur", "a propos de l'auteur",
      "tentang penulis", "o autorze", "об авторе", "over de auteur", "sull'autore",
      "tags", "tag", "tagged", "标签", "標籤", "etiketler", "schlagwörter", "étiquettes",
      "etiquetas", "tagi", "теги",
    ]))
  /// The answer form of a Q&A page (`Your Answer`, Stack Exchange's and its clones'),
  /// lowercase (``HeaderSet``): the question, its answers and their comments are above it;
  /// the form's help (`Thanks for contributing an answer to …!`, `Please be sure to answer
  /// the question.`), the sign-up widgets and the site's other questions below. The kept
  /// lines from its first header on go (`end-marker`) when the kept text above it weighs at
  /// least half as much as them (the list of other questions can outweigh a short thread);
  /// another end marker (a `Tags` link in the site's menu above the question) does not stop
  /// it. Applied before the other end markers, found in the same pass over the lines. On DEV
  /// two Stack Exchange threads gain (0.52 → 0.81, 0.50 → 0.55); a third has nothing kept
  /// below its form.
  static let answerFormHeaders = HeaderSet(BytePatterns.list(["your answer"]))

  /// Longest end-marker line in characters (the features' count).
  static let endMarkerMaxCharacters = 40
}
