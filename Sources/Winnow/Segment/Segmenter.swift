/// A sentence: a UTF-8 byte range of the text, trimmed of surrounding white space.
///
/// ```swift
/// // "Hi there. 你好。" → [Sentence(range: 0..<9), Sentence(range: 10..<19)]
/// ```
public struct Sentence: Sendable, Hashable, Codable {
  /// UTF-8 byte offsets into the segmented text.
  public var range: Range<Int>

  /// Creates a sentence span.
  public init(range: Range<Int>) { self.range = range }
}

/// A block: one line of the text, without its line terminator (`\n`, `\r\n` or `\r`).
///
/// ```swift
/// // "a\r\nb" → [Block(range: 0..<1), Block(range: 3..<4)]
/// ```
public struct Block: Sendable, Hashable, Codable {
  /// UTF-8 byte offsets into the segmented text.
  public var range: Range<Int>

  /// Creates a block span.
  public init(range: Range<Int>) { self.range = range }
}

/// Options for ``Segmenter``.
public struct SegmenterOptions: Sendable, Hashable, Codable {
  /// Which word tokenizer to use. Default ``TokenizerEngine/fast``.
  public var engine: TokenizerEngine
  /// Token options. Default: no punctuation or symbol tokens.
  public var tokens: TokenizerOptions
  /// The ICU locale of the sentence break iterator. Default `"en@ss=standard"`, which keeps
  /// abbreviations such as `U.S.` or `Mr.` inside their sentence (CLDR suppressions).
  public var sentenceLocale: String
  /// Characters after which a sentence also ends, beside ICU's terminators (which include
  /// `.` `!` `?` `。` `！` `？`), each scalar of the string. Default `"；"` (U+FF1B). Closing punctuation and quotes that
  /// follow one stay with its sentence, as ICU keeps `。”` together.
  public var extraSentenceTerminators: String
  /// Abbreviations after which a sentence does not end, beside ICU's `ss=standard` list.
  /// ICU 72 misses every entry with an inner full stop (its suppression trie only matches
  /// `U.` in `U.S.`), so `after U.S. President` would split; the default lists the common
  /// ones. Matched case-sensitively, at the end of the sentence text, after a non-letter.
  /// As with ICU's own list, a sentence that really ends with one of these is joined to
  /// the next.
  public var abbreviations: [String]

  /// Dotted abbreviations ICU's `en@ss=standard` suppressions fail to apply.
  public static let defaultAbbreviations = [
    "U.S.", "U.S.A.", "U.K.", "U.N.", "E.U.", "U.A.E.", "D.C.", "N.Y.", "L.A.", "Ph.D.",
    "M.I.T.", "e.g.", "i.e.", "E.g.", "I.e.", "a.m.", "p.m.", "A.M.", "P.M.", "P.O.", "S.A.",
    "N.V.", "B.V.", "U.S.C.", "J.D.", "D.A.", "A.D.", "B.C.",
  ]

  /// Creates options with the documented defaults.
  public init(
    engine: TokenizerEngine = .fast, tokens: TokenizerOptions = TokenizerOptions(),
    sentenceLocale: String = "en@ss=standard",
    extraSentenceTerminators: String = "\u{FF1B}",
    abbreviations: [String] = SegmenterOptions.defaultAbbreviations
  ) {
    self.engine = engine
    self.tokens = tokens
    self.sentenceLocale = sentenceLocale
    self.extraSentenceTerminators = extraSentenceTerminators
    self.abbreviations = abbreviations
  }
}

extension SegmenterOptions {
  /// Decodes options; a missing key keeps its default (options saved before a key was
  /// added still decode).
  /// - Throws: `DecodingError` when a present key has the wrong type.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init()
    if let v = try c.decodeIfPresent(TokenizerEngine.self, forKey: .engine) { engine = v }
    if let v = try c.decodeIfPresent(TokenizerOptions.self, forKey: .tokens) { tokens = v }
    if let v = try c.decodeIfPresent(String.self, forKey: .sentenceLocale) { sentenceLocale = v }
    if let v = try c.decodeIfPresent(String.self, forKey: .extraSentenceTerminators) {
      extraSentenceTerminators = v
    }
    if let v = try c.decodeIfPresent([String].self, forKey: .abbreviations) { abbreviations = v }
  }
}

/// Splits UTF-8 text into blocks (lines), sentences and word tokens. All offsets are UTF-8
/// byte offsets into the text given.
///
/// Not thread-safe (it owns ICU iterators and scratch buffers): make one per thread.
///
/// ```swift
/// let seg = try Segmenter()
/// let text = Array("After U.S. President Donald Trump surprised Europe, leaders met. 会议结束；双方同意。".utf8)
/// let sentences = try seg.sentences(text)
/// // 3 sentences: "After U.S. … met.", "会议结束；", "双方同意。"
/// ```
public final class Segmenter {
  /// The options in use.
  public let options: SegmenterOptions
  /// The word tokenizer (per ``SegmenterOptions/engine``).
  public let tokenizer: any Tokenizer
  let sentenceIterator: BreakIterator
  let rules: WordRules
  let extraTerminators: [UInt32]
  let abbreviations: [[UInt8]]
  private var scratchB: [Int32] = []
  private var scratchS: [Int32] = []

  /// Creates a segmenter.
  ///
  /// - Parameter options: Segmentation options.
  /// - Throws: ``WinnowError`` when ICU's iterators cannot be opened.
  public init(options: SegmenterOptions = SegmenterOptions()) throws(WinnowError) {
    self.options = options
    tokenizer = try makeTokenizer(options.engine, options: options.tokens)
    do {
      sentenceIterator = try BreakIterator.make(.sentence, locale: options.sentenceLocale)
    } catch {
      throw WinnowError(
        error, "cannot open ICU's sentence break iterator for \(options.sentenceLocale)")
    }
    rules = try WordRules.shared.get()
    extraTerminators = options.extraSentenceTerminators.unicodeScalars.map(\.value)
    abbreviations = options.abbreviations.map { Array($0.utf8) }.filter { !$0.isEmpty }
  }

  /// Appends the lines of `text`, without terminators (`\n`, `\r\n`, `\r`). An empty text has
  /// no blocks; a text ending with a terminator has no empty last block.
  ///
  /// - Parameters:
  ///   - text: UTF-8 bytes.
  ///   - blocks: Receives the blocks in order.
  public func blocks(_ text: UnsafeBufferPointer<UInt8>, into blocks: inout [Block]) {
    var start = 0
    var i = 0
    let n = text.count
    while i < n {
      let b = text[i]
      if b == 0x0A || b == 0x0D {
        blocks.append(Block(range: start..<i))
        i += (b == 0x0D && i + 1 < n && text[i + 1] == 0x0A) ? 2 : 1
        start = i
      } else {
        i += 1
      }
    }
    if start < n { blocks.append(Block(range: start..<n)) }
  }

  /// Appends the sentences of `text`. Each block (line) is split on its own, so a sentence
  /// never spans lines; sentences are trimmed of white space (and of invisible controls and
  /// format characters such as U+200B, U+FEFF) and never empty.
  ///
  /// - Parameters:
  ///   - text: UTF-8 bytes.
  ///   - sentences: Receives the sentences in order.
  /// - Throws: ``WinnowError`` when ICU fails.
  public func sentences(
    _ text: UnsafeBufferPointer<UInt8>, into sentences: inout [Sentence]
  ) throws(WinnowError) {
    var lines: [Block] = []
    blocks(text, into: &lines)
    for line in lines where !line.range.isEmpty {
      let bytes = UnsafeBufferPointer(rebasing: text[line.range])
      scratchB.removeAll(keepingCapacity: true)
      scratchS.removeAll(keepingCapacity: true)
      do {
        try sentenceIterator.boundaries(of: bytes, into: &scratchB, statuses: &scratchS)
      } catch {
        throw WinnowError(error, "ICU sentence break iteration failed")
      }
      var start = 0
      for (k, b) in scratchB.enumerated() {
        var end = Int(b)
        if k + 1 < scratchB.count {
          if endsWithAbbreviation(bytes, start, end) { continue }
          end = movingOpenersForward(bytes, start, end)
        }
        splitOnExtraTerminators(bytes, start, end, base: line.range.lowerBound, into: &sentences)
        start = end
      }
    }
  }

  /// Appends the word tokens of `text`; see ``Tokenizer/tokenize(_:into:)``.
  ///
  /// - Parameters:
  ///   - text: UTF-8 bytes.
  ///   - tokens: Receives the tokens in order.
  /// - Throws: ``WinnowError`` when ICU fails.
  public func tokenize(_ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token])
    throws(WinnowError)
  {
    try tokenizer.tokenize(text, into: &tokens)
  }

  /// The sentences of an array of bytes; see ``sentences(_:into:)``.
  ///
  /// - Parameter text: UTF-8 bytes.
  /// - Returns: The sentences.
  /// - Throws: ``WinnowError``.
  public func sentences(_ text: [UInt8]) throws(WinnowError) -> [Sentence] {
    var out: [Sentence] = []
    let r: Result<Void, WinnowError> = text.withUnsafeBufferPointer { buf in
      do throws(WinnowError) {
        try sentences(buf, into: &out)
        return .success(())
      } catch { return .failure(error) }
    }
    try r.get()
    return out
  }

  /// The blocks of an array of bytes; see ``blocks(_:into:)``.
  ///
  /// - Parameter text: UTF-8 bytes.
  /// - Returns: The blocks.
  public func blocks(_ text: [UInt8]) -> [Block] {
    var out: [Block] = []
    text.withUnsafeBufferPointer { blocks($0, into: &out) }
    return out
  }

  /// Splits ICU's sentence `[from, to)` after each extra terminator (plus any closing
  /// punctuation after it), trims white space and appends the non-empty pieces.
  private func splitOnExtraTerminators(
    _ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, base: Int,
    into sentences: inout [Sentence]
  ) {
    var start = from
    var i = from
    let extra = extraTerminators
    while i < to {
      let d = UTF8Cursor.decode(text, i)
      i += d.length
      guard !extra.isEmpty, extra.contains(d.scalar) else { continue }
      // Keep closing punctuation (Pe, Pf, and quotes such as ” 」 』) with the sentence.
      while i < to {
        let e = UTF8Cursor.decode(text, i)
        guard Self.isClosing(e.scalar) else { break }
        i += e.length
      }
      appendTrimmed(text, start, i, base: base, into: &sentences)
      start = i
    }
    appendTrimmed(text, start, to, base: base, into: &sentences)
  }

  /// Whether `[from, to)`, without trailing white space, ends with one of ``abbreviations``
  /// preceded by the start or a character that is not an ASCII letter.
  private func endsWithAbbreviation(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int)
    -> Bool
  {
    var e = to
    while e > from, text[e - 1] == 0x20 || text[e - 1] == 0x09 { e -= 1 }
    for a in abbreviations where a.count <= e - from {
      let s = e - a.count
      var same = true
      for (i, byte) in a.enumerated() where text[s + i] != byte {
        same = false
        break
      }
      guard same else { continue }
      if s == from { return true }
      let p = text[s - 1] | 0x20
      if !(p >= 0x61 && p <= 0x7A) { return true }
    }
    return false
  }

  /// ICU counts opening brackets and quotes after a terminator as closers of the sentence
  /// before (`真的吗？「好。」` → `真的吗？「` | `好。」`); moves them to the sentence they open.
  private func movingOpenersForward(_ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int)
    -> Int
  {
    var e = to
    while e > from {
      var k = e - 1
      while k > from && text[k] & 0xC0 == 0x80 && e - k < 4 { k -= 1 }
      let d = UTF8Cursor.decode(text, k)
      guard k + d.length == e, Self.isOpening(d.scalar) else { break }
      e = k
    }
    return e
  }

  /// Unambiguous opening brackets and quotes.
  static func isOpening(_ c: UInt32) -> Bool {
    switch c {
    case 0x28, 0x5B, 0x7B, 0x2018, 0x201C, 0x00AB, 0x2039, 0x3008, 0x300A, 0x300C, 0x300E,
      0x3010, 0x3014, 0x3016, 0x3018, 0x301A, 0x301D, 0xFF08, 0xFF3B, 0xFF5B, 0xFF62:
      true
    default: false
    }
  }

  /// Closing punctuation that stays with the sentence before it (Sentence_Break=Close
  /// closers and final quotes common in Chinese and English text).
  static func isClosing(_ c: UInt32) -> Bool {
    switch c {
    case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0x2019, 0x201D, 0x203A, 0x00BB, 0x300D, 0x300F, 0x3011,
      0x3009, 0x300B, 0x3015, 0x3017, 0x3019, 0x301B, 0x301E, 0x301F, 0xFF09, 0xFF3D, 0xFF5D,
      0xFF63, 0xFF02, 0xFF07:
      true
    default: false
    }
  }

  private func appendTrimmed(
    _ text: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int, base: Int,
    into sentences: inout [Sentence]
  ) {
    var a = from
    var b = to
    while a < b {
      let d = UTF8Cursor.decode(text, a)
      guard isSpace(d.scalar) else { break }
      a += d.length
    }
    while a < b {
      // Step back over one scalar: find its lead byte.
      var k = b - 1
      while k > a && text[k] & 0xC0 == 0x80 && b - k < 4 { k -= 1 }
      let d = UTF8Cursor.decode(text, k)
      guard k + d.length == b, isSpace(d.scalar) else { break }
      b = k
    }
    if a < b { sentences.append(Sentence(range: (base + a)..<(base + b))) }
  }

  private func isSpace(_ c: UInt32) -> Bool {
    (rules.entry(c) & WordRules.Props.classMask) >> WordRules.Props.classShift
      == WordRules.CharClass.skip.rawValue
  }
}
