/// Page text laid out as a text-mode dump lays it out (`w3m -dump`, `lynx -dump`,
/// `fold -s`): lines wrapped at a fixed width, and a blank line between blocks.
///
/// The boilerplate stage reads such text with its options `unwrap_lines` and
/// `skip_blank_lines` (both on by default): ``wrap(_:width:blankLines:)`` makes it from a
/// page as a browser copies it, to check a pipeline or an option on dumps of pages one has
/// as copies. The tests, the fuzzer and `scripts/wrap-pages.py` (which writes the wrapped
/// copies of the DEV set that QUALITY.md scores) wrap alike.
///
/// Widths are display columns as the stage measures them (``columns(_:)``): a column a
/// scalar, two for a wide one (U+1100–U+115F, U+2E80–U+A4CF, U+AC00–U+D7A3, U+F900–U+FAFF,
/// U+FE30–U+FE4F, U+FF00–U+FF60, U+FFE0–U+FFE6, U+20000–U+3FFFD: CJK ideographs and
/// punctuation, kana, hangul, fullwidth forms, planes 2 and 3).
///
/// ```swift
/// TextDump.wrap("one two three four", width: 9)   // "one two\nthree\nfour"
/// TextDump.wrap("中文的句子", width: 6)              // "中文的\n句子"
/// TextDump.wrap("a\nb", width: 80, blankLines: true)  // "a\n\nb"
/// TextDump.columns("中文 ok")                        // 7
/// ```
public enum TextDump {
  /// The display width of `text`: a column a scalar, two for a wide one.
  ///
  /// - Parameter text: the text (one line; a line break counts as a column).
  /// - Returns: its width in columns.
  public static func columns<S: StringProtocol>(_ text: S) -> Int {
    var s = String(text)
    return s.withUTF8 { HardWrap.width($0, 0..<$0.count) }
  }

  /// `page` with each of its lines wrapped at `width` columns, greedily: Latin text breaks
  /// at spaces (the spaces at a break go), CJK text between any two wide characters, and a
  /// word longer than the width stays whole on a line of its own. A line that fits is left
  /// as it is. Lines end at `\n`; a `\r` before it ends each of the line's pieces.
  ///
  /// - Parameters:
  ///   - page: the page text.
  ///   - width: the width in columns; 0 or less does not wrap.
  ///   - blankLines: puts a blank line between the page's lines (after each line's wrapped
  ///     pieces), as `w3m -dump` puts one between blocks.
  /// - Returns: the page as the dump gives it.
  public static func wrap(_ page: String, width: Int, blankLines: Bool = false) -> String {
    var out = ""
    out.reserveCapacity(page.utf8.count + page.utf8.count / 16)
    var first = true
    var previousCR = false
    // (Split at the scalar `\n`: `\r\n` is one character.)
    for raw in page.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
      var line = Array(raw)
      let cr = line.last == "\r"
      if cr { line.removeLast() }
      // (The blank line ends as the line above it.)
      if !first { out += blankLines ? (previousCR ? "\n\r\n" : "\n\n") : "\n" }
      first = false
      previousCR = cr
      for (k, piece) in wrapLine(line, width: width).enumerated() {
        if k > 0 { out += "\n" }
        out.unicodeScalars.append(contentsOf: piece)
        if cr { out += "\r" }
      }
    }
    return out
  }

  /// The pieces of one line (no terminator) wrapped at `width`: one piece, the line, when it
  /// fits.
  private static func wrapLine(_ line: [Unicode.Scalar], width: Int) -> [ArraySlice<Unicode.Scalar>]
  {
    let widths = line.map(columns(of:))
    guard width > 0, widths.reduce(0, +) > width else { return [line[...]] }
    // Pieces: a wide scalar alone, or a run of others with the space that ends it.
    var pieces: [Range<Int>] = []
    var start = 0
    for (i, c) in line.enumerated() {
      if widths[i] == 2 {
        if start < i { pieces.append(start..<i) }
        pieces.append(i..<(i + 1))
        start = i + 1
      } else if c == " " {
        pieces.append(start..<(i + 1))
        start = i + 1
      }
    }
    if start < line.count { pieces.append(start..<line.count) }
    func columns(in r: Range<Int>) -> Int { r.reduce(0) { $0 + widths[$1] } }
    func withoutTrailingSpaces(_ r: Range<Int>) -> Range<Int> {
      var e = r.upperBound
      while e > r.lowerBound && line[e - 1] == " " { e -= 1 }
      return r.lowerBound..<e
    }
    var out: [ArraySlice<Unicode.Scalar>] = []
    var current: Range<Int>? = nil
    for var p in pieces {
      if let c = current, !withoutTrailingSpaces(c).isEmpty,
        columns(in: c) + columns(in: withoutTrailingSpaces(p)) > width
      {
        out.append(line[withoutTrailingSpaces(c)])
        current = nil
      }
      if !out.isEmpty && (current.map { withoutTrailingSpaces($0).isEmpty } ?? true) {
        // Nothing but spaces since a break: they go, however many.
        while !p.isEmpty && line[p.lowerBound] == " " { p = (p.lowerBound + 1)..<p.upperBound }
        current = p
      } else {
        current = current.map { $0.lowerBound..<p.upperBound } ?? p
      }
    }
    if let c = current, !withoutTrailingSpaces(c).isEmpty {
      out.append(line[withoutTrailingSpaces(c)])
    }
    return out.isEmpty ? [line[0..<0]] : out
  }

  /// A scalar's columns: two for a wide one, else one (as ``columns(_:)`` counts them).
  private static func columns(of c: Unicode.Scalar) -> Int {
    HardWrap.isWide(c.value) ? 2 : 1
  }
}
