extension BoilerplateClassifier {
  /// An end marker ends the article (`end-marker`, see ``BoilerplateOptions/endAtEndMarkers``):
  /// at the first line that is an author-box or tags header alone on its line
  /// (``endMarkerHeaders``: `About the author`, `Editör Hakkında`, `关于作者`, `Tags`, `标签`, …,
  /// with an optional colon), the kept lines from it on go when the kept text above it weighs
  /// at least as much as them. An author's biography reads as prose (`1995'te Konya'da
  /// dünyaya geldi. …`), and the site's teasers follow the box and the tags. Only the first
  /// such line decides (a `Tags` line above a forum's replies, with more kept text below it
  /// than above, stops the rule). One pass over the short lines.
  func endMarkers(
    _ u: UnsafeBufferPointer<UInt8>, _ lines: [Range<Int>], _ features: [LineFeatures],
    _ keep: inout [Bool], _ reasons: inout [BoilerplateReason]
  ) {
    let firsts = Self.endMarkerFirstBytes
    let lengths = Self.endMarkerLengths
    for i in lines.indices {
      var r = lines[i]
      // Cheap gates first: most lines are longer than any marker, or start with a byte none
      // of them starts with (a marker line of 40 characters or fewer has at most 160 bytes).
      guard r.count <= 4 * Self.endMarkerMaxCharacters, let head = r.first,
        firsts[Int(BytePatterns.lower(u[head]))]
      else { continue }
      let c = features[i].characters
      guard c > 0 && c <= Self.endMarkerMaxCharacters else { continue }
      // Trailing colons and spaces (`About the author:`, `标签：`).
      while let last = r.last {
        if u[last] == UInt8(ascii: ":") || u[last] == 0x20 {
          r = r.lowerBound..<last
        } else if r.count >= 3 && u[last] == 0x9A && u[last - 1] == 0xBC && u[last - 2] == 0xEF {
          r = r.lowerBound..<(last - 2)
        } else {
          break
        }
      }
      let n = r.count
      guard n > 0 && n < 64 && lengths & (1 << UInt64(n)) != 0 else { continue }
      let start = r.lowerBound
      let isMarker = Self.endMarkerHeaders.contains { h in
        guard h.count == n else { return false }
        for k in 0..<n where BytePatterns.lower(u[start + k]) != h[k] { return false }
        return true
      }
      guard isMarker else { continue }
      var before = 0
      var after = 0
      for k in 0..<i where keep[k] { before += features[k].units }
      for k in i..<keep.count where keep[k] { after += features[k].units }
      if after > 0 && before >= after {
        for k in i..<keep.count where keep[k] {
          keep[k] = false
          reasons[k] = .endMarker
        }
      }
      return  // the first marker decides
    }
  }

  /// End-marker lines, lowercased (ASCII only, as ``BytePatterns/lower(_:)`` does), without a
  /// trailing colon: author-box headers, then tags headers. On DEV two pages of one Turkish
  /// site have an author box inside the kept text (`Editör Hakkında`, +0.21 and +0.27), three
  /// pages a `Tags` line (+0.005 … +0.03); `Topics` and `Filed under` change nothing, `Share`
  /// lines are as often above the article (a ratio of 0.5 instead of 1 loses Chinese pages).
  static let endMarkerHeaders: [[UInt8]] = [
    "about the author", "about the authors", "about the writer", "author bio",
    "editör hakkında", "yazar hakkında", "关于作者", "作者简介", "關於作者", "über den autor",
    "sobre o autor", "sobre el autor", "à propos de l'auteur", "À propos de l'auteur",
    "a propos de l'auteur", "tentang penulis", "o autorze", "об авторе", "Об авторе",
    "over de auteur", "sull'autore",
    "tags", "tag", "tagged", "标签", "標籤", "etiketler", "schlagwörter", "étiquettes",
    "Étiquettes", "etiquetas", "tagi", "теги", "Теги",
  ].map { Array($0.utf8) }
  /// Longest end-marker line in characters (the features' count).
  static let endMarkerMaxCharacters = 40
  /// Whether a (lowercased) byte starts one of ``endMarkerHeaders``.
  static let endMarkerFirstBytes: [Bool] = {
    var t = [Bool](repeating: false, count: 256)
    for h in endMarkerHeaders { if let b = h.first { t[Int(b)] = true } }
    return t
  }()
  /// The byte counts of ``endMarkerHeaders`` as a bit set (all are under 64 bytes).
  static let endMarkerLengths: UInt64 = endMarkerHeaders.reduce(0) { $0 | (1 << UInt64($1.count)) }
}
