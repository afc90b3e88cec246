import Foundation
import Testing

@testable import Winnow

/// The step applied once, and its alignment (identity when the step returns nil).
private func applyEntities(_ input: String) -> (String, Alignment) {
  let bytes = Array(input.utf8)
  let r = bytes.withUnsafeBufferPointer { HTMLEntityStep().apply($0, tracking: true) }
  guard let r else { return (input, Alignment(identity: bytes.count)) }
  return (String(decoding: r.bytes, as: UTF8.self), r.alignment)
}

/// Code points, for readable failure messages.
private func codePoints(_ s: String) -> String {
  s.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
}

@Suite struct EntityTests {
  /// Every one of the 2,231 names of `html.entities.html5` decodes to Python's value, and
  /// the generated table holds exactly those names.
  @Test func allNamesDecodeAsPython() throws {
    let lines = try corpusText("entities/html5-entities.tsv").split(separator: "\n")
      .filter { !$0.hasPrefix("#") }
    #expect(lines.count == 2_231)
    #expect(HTMLEntityTable.count == 2_231)
    var failures = 0
    for line in lines {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      let name = String(fields[0])
      // A decoded line break becomes a space (`&NewLine;`): lines stay lines.
      let expected = String(
        String.UnicodeScalarView(
          fields[1].split(separator: " ").compactMap {
            UInt32($0, radix: 16).flatMap(Unicode.Scalar.init)
          }
          .map { $0 == "\n" ? " " : $0 }))
      let (output, alignment) = applyEntities("&" + name)
      if output != expected {
        failures += 1
        Issue.record("&\(name) → \(codePoints(output)), expected \(codePoints(expected))")
      }
      #expect(alignment.inputLength == name.utf8.count + 1)
      #expect(alignment.outputLength == output.utf8.count)
      #expect(alignment.runs.count == 1 && alignment.runs[0].changed)
      if failures > 10 { return }
    }
  }

  /// The generated table is sorted by bytes (binary search needs it) and its offsets ascend.
  @Test func tableIsSorted() {
    let blob = UnsafeBufferPointer(
      start: HTMLEntityTable.names.utf8Start, count: HTMLEntityTable.names.utf8CodeUnitCount)
    #expect(Int(HTMLEntityTable.nameEnds.last ?? 0) == blob.count)
    #expect(HTMLEntityTable.values.count == 2 * HTMLEntityTable.count)
    var previous: [UInt8] = []
    var start = 0
    for end in HTMLEntityTable.nameEnds.map(Int.init) {
      let name = Array(blob[start..<end])
      #expect(previous.lexicographicallyPrecedes(name), "\(String(decoding: name, as: UTF8.self))")
      previous = name
      start = end
    }
  }

  /// Differential test: Python 3.11's `html.unescape` on tricky strings and 500 seeded
  /// random ones (`Corpora/entities/unescape-cases.tsv`, written by
  /// `scripts/gen-html-entities.py`).
  @Test func matchesPythonUnescape() throws {
    let lines = try corpusText("entities/unescape-cases.tsv").split(separator: "\n")
      .filter { !$0.hasPrefix("#") }
    #expect(lines.count >= 600)
    for (i, line) in lines.enumerated() {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      try #require(fields.count == 2, "line \(i + 2)")
      let input = unescapeFixture(fields[0])
      // Winnow's one documented difference: a *decoded* line break becomes a space, so a
      // line stays one line (literal control characters in the input are left alone).
      let lineBreaks: Set<Unicode.Scalar> = ["\u{A}", "\u{D}", "\u{85}", "\u{2028}", "\u{2029}"]
      var expected = unescapeFixture(fields[1])
      if !input.unicodeScalars.contains(where: lineBreaks.contains) {
        expected = String(
          String.UnicodeScalarView(
            expected.unicodeScalars.map { lineBreaks.contains($0) ? " " : $0 }))
      }
      let (output, alignment) = applyEntities(input)
      #expect(
        output == expected,
        "case \(i + 2): \(input) → \(codePoints(output)), Python: \(codePoints(expected))")
      #expect(
        alignment.inputLength == input.utf8.count && alignment.outputLength == output.utf8.count,
        "case \(i + 2): \(input)")
    }
  }

  @Test(arguments: [
    ("&amp;amp;", "&amp;"),
    ("&ampfoo", "&foo"),
    ("&notit;", "¬it;"),
    ("&notin;", "∉"),
    ("&#x110000;", "\u{FFFD}"),
    ("&#xD800;", "\u{FFFD}"),
    ("&#150;", "–"),
    ("&#x80;", "€"),
    ("&#0;", "\u{FFFD}"),
    ("&#x1F600;", "😀"),
    ("&#39;", "'"),
    ("&#x27;", "'"),
    ("&#X27", "'"),
    ("&#39abc", "'abc"),
    ("&#1;x", "x"),
    ("&#xFFFF;", ""),
    ("&#xFDD0;", ""),
    ("&;", "&;"),
    ("&#;", "&#;"),
    ("&#x;", "&#x;"),
    ("AT&T", "AT&T"),
    ("&lt&gt", "<>"),
    ("&LT", "<"),
    ("&NotEqualTilde;", "≂\u{338}"),
    ("caf&eacute; &copy;2024", "café ©2024"),
    ("&CounterClockwiseContourIntegral;", "∳"),
  ])
  func examples(input: String, expected: String) {
    let (output, alignment) = applyEntities(input)
    #expect(output == expected)
    #expect(alignment.inputLength == input.utf8.count)
    #expect(alignment.outputLength == output.utf8.count)
  }

  /// A decimal reference too long for Python 3.11's `int` (it raises) decodes to U+FFFD.
  @Test func hugeDecimalIsReplacementCharacter() {
    let input = "&#" + String(repeating: "9", count: 5_000) + ";x"
    #expect(applyEntities(input).0 == "\u{FFFD}x")
  }

  /// Lines without a reference come back as nil (unchanged), with or without an `&`.
  @Test(arguments: [
    "", "plain text", "long line without ampersand " + String(repeating: "abcdefgh", count: 20),
    "AT&T", "Q&A & more", "&", "&#", "&#x;", "中文&中文", "trailing &",
  ])
  func unchangedLinesReturnNil(input: String) {
    let bytes = Array(input.utf8)
    #expect(bytes.withUnsafeBufferPointer { HTMLEntityStep().apply($0, tracking: true) } == nil)
  }

  /// The SWAR scan finds an `&` at every position of lines of every length.
  @Test func ampersandScanFindsEveryPosition() {
    for length in 1...40 {
      for position in 0..<length {
        var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        bytes[position] = UInt8(ascii: "&")
        let found = bytes.withUnsafeBufferPointer { HTMLEntityStep.firstAmpersand($0, from: 0) }
        #expect(found == position)
        let after = bytes.withUnsafeBufferPointer {
          HTMLEntityStep.firstAmpersand($0, from: position + 1)
        }
        #expect(after == nil)
      }
    }
  }

  /// Each reference is one changed run; the text around it is copied unchanged, and for a
  /// legacy-prefix match only `&` plus the prefix is changed.
  @Test func alignmentHasOneChangedRunPerReference() {
    let (output, a) = applyEntities("a&lt;b&#39;c&notit;")
    #expect(output == "a<b'c¬it;")
    #expect(
      a.runs == [
        .init(inputLength: 1, outputLength: 1, changed: false),
        .init(inputLength: 4, outputLength: 1, changed: true),
        .init(inputLength: 1, outputLength: 1, changed: false),
        .init(inputLength: 5, outputLength: 1, changed: true),
        .init(inputLength: 1, outputLength: 1, changed: false),
        .init(inputLength: 4, outputLength: 2, changed: true),
        .init(inputLength: 3, outputLength: 3, changed: false),
      ])
    // A removed reference is a run with no output.
    let (removed, r) = applyEntities("x&#1;y")
    #expect(removed == "xy")
    #expect(r.runs[1] == .init(inputLength: 4, outputLength: 0, changed: true))
    #expect(r.inputRange(forOutput: 1..<2) == 5..<6)
  }

  /// Through the normalizer, the step repeats to a fixed point and the alignment spans
  /// the whole input.
  @Test(arguments: [
    ("&amp;amp;", "&"),
    ("AT&amp;T &lt;b&gt;", "AT&T <b>"),
    ("&amp;lt;script&amp;gt;", "<script>"),
    ("x &#150; y\n&eacute;t&eacute;", "x – y\nété"),
    ("no references", "no references"),
  ])
  func throughNormalizer(input: String, expected: String) throws {
    let n = try Normalizer(NormalizerOptions(steps: [.entities]))
    let r = n.normalize(input)
    #expect(r.text == expected)
    #expect(r.alignment.inputLength == input.utf8.count)
    #expect(r.alignment.outputLength == r.bytes.count)
  }
}
