import Testing
import Winnow

/// `Document.remove(_:stage:)` (several reasons in one edit) against the successive
/// single-reason removals it replaces.
@Suite("Document: multi-range removal")
struct DocumentRemoveTests {
  /// The successive calls the multi-range removal stands for: one `remove(_:reason:stage:)`
  /// per removal, each removal's ranges shifted by the bytes earlier removals took before them.
  static func successive(_ doc: Document, _ removals: [Document.Removal]) -> Document {
    var d = doc
    let n = doc.text.utf8.count
    var gone = [Bool](repeating: false, count: n)
    for removal in removals {
      let clamped = removal.ranges.map {
        min(max($0.lowerBound, 0), n)..<min(max($0.upperBound, 0), n)
      }.filter { !$0.isEmpty }
      let shifted = clamped.map { r -> Range<Int> in
        let shift = gone[..<r.lowerBound].reduce(0) { $0 + ($1 ? 1 : 0) }
        return (r.lowerBound - shift)..<(r.upperBound - shift)
      }
      d.remove(shifted, reason: removal.reason, stage: "t")
      for r in clamped { for i in r { gone[i] = true } }
    }
    return d
  }

  /// A document with a normalized (non-identity) alignment and a few annotations.
  static func document(_ text: String, normalize: Bool = false, annotate: [Range<Int>] = []) throws
    -> Document
  {
    var d = Document(id: "x", text: text)
    if normalize { try NormalizeStage().process(&d) }
    for r in annotate where r.upperBound <= d.text.utf8.count {
      d.annotations.append(.init(kind: "K", span: d.span(r), text: d.substring(r), source: "t"))
    }
    return d
  }

  static func expectSame(_ a: Document, _ b: Document, _ comment: Comment? = nil) {
    #expect(a.text == b.text, comment)
    #expect(a.alignment == b.alignment, comment)
    #expect(a.dropped == b.dropped, comment)
    #expect(a.annotations == b.annotations, comment)
    #expect(a == b, comment)
  }

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var text: String
    var removals: [Document.Removal]
    var normalize = false
    var testDescription: String { name }
  }

  static let lines = "nav one\nGood prose line.\n© 2024 Site\nnav two\nMore prose.\n图片来源：新华社\nlast"

  static let cases: [Case] = [
    Case(
      name: "one reason", text: lines, removals: [.init([0..<8, 38..<46], reason: "navigation")]),
    Case(
      name: "three reasons, page order differs from reason order", text: lines,
      removals: [
        .init([25..<38], reason: "copyright"), .init([0..<8, 38..<46], reason: "navigation"),
        .init([58..<83], reason: "photo-credit"),
      ]),
    Case(
      name: "adjacent pieces of different reasons stay separate records", text: lines,
      removals: [.init([8..<25], reason: "a"), .init([0..<8, 25..<38], reason: "b")]),
    Case(
      name: "pieces of one reason joined once an earlier reason's piece between them is gone",
      text: lines,
      removals: [.init([8..<25], reason: "a"), .init([0..<8, 25..<38, 46..<58], reason: "b")]),
    Case(
      name: "pieces of one reason with a later reason's piece between them stay apart", text: lines,
      removals: [.init([0..<8, 25..<38], reason: "a"), .init([8..<25], reason: "b")]),
    Case(
      name: "overlapping and touching ranges of one reason merge", text: lines,
      removals: [
        .init([0..<5, 3..<8, 8..<10, 40..<44], reason: "a"), .init([20..<24], reason: "b"),
      ]),
    Case(
      name: "empty ranges and empty removals change nothing", text: lines,
      removals: [.init([3..<3], reason: "a"), .init([], reason: "b")]),
    Case(name: "no removals", text: lines, removals: []),
    Case(
      name: "out-of-range ranges are clamped", text: lines,
      removals: [.init([-5..<3, 83..<500], reason: "a"), .init([600..<700], reason: "b")]),
    Case(
      name: "two removals with the same reason stay two removals", text: lines,
      removals: [.init([0..<8], reason: "a"), .init([8..<25, 38..<46], reason: "a")]),
    Case(
      name: "the whole text", text: lines,
      removals: [.init([0..<30], reason: "a"), .init([30..<1000], reason: "b")]),
  ]

  @Test("multi-range remove equals the successive single removes", arguments: cases)
  func equalsSuccessive(_ c: Case) throws {
    let doc = try Self.document(
      c.text, normalize: c.normalize, annotate: [0..<3, 9..<20, 26..<40, 44..<46])
    var multi = doc
    try multi.remove(c.removals, stage: "t")
    Self.expectSame(multi, Self.successive(doc, c.removals))
  }

  @Test("the documented example")
  func example() throws {
    var d = Document(text: "ad\nkeep\n(c) me\nad\n")
    try d.remove(
      [.init([0..<3, 15..<18], reason: "ad"), .init([8..<15], reason: "copyright")], stage: "demo")
    #expect(d.text == "keep\n")
    #expect(d.dropped.map(\.reason) == ["ad", "ad", "copyright"])
    #expect(d.dropped.map(\.span.start) == [0, 15, 5])
    #expect(d.dropped.map(\.text) == ["ad\n", "ad\n", "(c) me\n"])
    let original = Array(d.original.utf8)
    for r in d.dropped {
      #expect(String(decoding: original[r.span.originalRange], as: UTF8.self) == r.text)
    }
  }

  @Test(
    "ranges of two removals that share a byte are an error; the document is unchanged",
    arguments: [[0..<8, 5..<12], [10..<20, 0..<11], [3..<4, 0..<30]])
  func overlapIsAnError(_ ranges: [Range<Int>]) throws {
    let doc = try Self.document(Self.lines)
    var d = doc
    #expect(throws: WinnowError.self) {
      try d.remove([.init([ranges[0]], reason: "a"), .init([ranges[1]], reason: "b")], stage: "t")
    }
    #expect(d == doc)
  }

  @Test(
    "a range ending inside a UTF-8 sequence is an error; the document is unchanged",
    arguments: [59..<83, 58..<80, 26..<30])
  func splitSequenceIsAnError(_ range: Range<Int>) throws {
    let doc = try Self.document(Self.lines)
    var d = doc
    #expect(throws: WinnowError.self) {
      try d.remove([.init([0..<8], reason: "a"), .init([range], reason: "b")], stage: "t")
    }
    #expect(d == doc)
  }

  @Test(
    "random pages, random disjoint cuts under random reasons: equal to the successive removes",
    arguments: 0..<40)
  func randomDifferential(_ seed: Int) throws {
    var rng = SplitMix64(seed: UInt64(seed))
    let pieces = [
      "nav", "Prose line, with words.", "版权所有", "ＦＵＬＬ", "①", " ", "\n", "\n", "é", "🙂", "ﬁ", "\t",
    ]
    var text = ""
    for _ in 0..<Int.random(in: 5...60, using: &rng) {
      text += pieces.randomElement(using: &rng) ?? ""
    }
    let normalize = seed % 2 == 1
    let base = try Self.document(text, normalize: normalize)
    // Cut points at scalar boundaries of the current text; consecutive pairs become pieces.
    let scalars = base.text.unicodeScalars
    var boundaries: [Int] = [0]
    for s in scalars { boundaries.append(boundaries[boundaries.count - 1] + String(s).utf8.count) }
    var points = Set<Int>()
    for _ in 0..<Int.random(in: 0...12, using: &rng) {
      if let b = boundaries.randomElement(using: &rng) { points.insert(b) }
    }
    let sorted = points.sorted()
    let reasonCount = Int.random(in: 1...4, using: &rng)
    var removals = (0..<reasonCount).map { Document.Removal([], reason: "r\($0)") }
    for (a, b) in zip(sorted, sorted.dropFirst()) where Bool.random(using: &rng) {
      removals[Int.random(in: 0..<reasonCount, using: &rng)].ranges.append(a..<b)
    }
    var doc = base
    for a in [0..<2, 3..<9, 10..<30] where a.upperBound <= base.text.utf8.count {
      doc.annotations.append(
        .init(kind: "K", span: doc.span(a), text: doc.substring(a), source: "t"))
    }
    var multi = doc
    try multi.remove(removals, stage: "t")
    let reference = Self.successive(doc, removals)
    #expect(multi.text == reference.text, "seed \(seed): \(text.debugDescription) \(removals)")
    #expect(multi.dropped.map(\.text) == reference.dropped.map(\.text), "seed \(seed)")
    #expect(multi.dropped.map(\.span.range) == reference.dropped.map(\.span.range), "seed \(seed)")
    #expect(multi.annotations == reference.annotations, "seed \(seed)")
    #expect(
      multi.alignment == reference.alignment, "seed \(seed): \(text.debugDescription) \(removals)")
    if !normalize {
      #expect(multi.dropped == reference.dropped, "seed \(seed)")
    }
    // The records' original offsets slice the original at the removed text (modulo what
    // normalization changed).
    let original = Array(multi.original.utf8)
    for d in multi.dropped where !normalize {
      #expect(
        String(decoding: original[d.span.originalRange], as: UTF8.self) == d.text, "seed \(seed)")
    }
  }
}
