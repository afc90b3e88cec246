/// What a ``Token`` is, derived identically by both engines from ICU's word rule status and
/// the token's first code point.
///
/// The derivation (for a word segment with rule status `s` whose first code point is `c`;
/// ill-formed UTF-8 reads as U+FFFD):
///
/// | rule status `s` | condition on `c` | kind |
/// |---|---|---|
/// | 100–199 (`UBRK_WORD_NUMBER`) | — | ``number`` |
/// | 200–299 (`UBRK_WORD_LETTER`) | — | ``word`` |
/// | 300–399 (`UBRK_WORD_KANA`) | — | ``kana`` |
/// | 400–499 (`UBRK_WORD_IDEO`) | Hiragana or Katakana script, or U+30FC / U+FF70 | ``kana`` |
/// | 400–499 | otherwise (Han) | ``ideographic`` |
/// | ≥ 500 | — | ``word`` |
/// | 0–99 (`UBRK_WORD_NONE`) | Regional_Indicator | ``emoji`` |
/// | 0–99 | Extended_Pictographic, and `c` ≥ U+1F000 or the segment holds U+FE0F, U+200D, U+20E3 or a skin-tone modifier | ``emoji`` |
/// | 0–99 | White_Space, or general category Zs/Zl/Zp/Cc/Cf | no token |
/// | 0–99 | general category P* | ``punctuation`` (only with ``TokenizerOptions/includePunctuation``) |
/// | 0–99 | anything else (symbols, text-style pictographs like `©`, lone marks, unassigned, U+FFFD) | ``symbol`` (only with ``TokenizerOptions/includePunctuation``) |
///
/// ICU 72 gives kana runs status 400 like Han, so ``kana`` comes from the script of `c`.
/// A Han+kana run split by the dictionary (e.g. `見る`) takes its kind from its first character.
public enum TokenKind: UInt8, Sendable, Hashable, Codable, CaseIterable {
  /// Letters (Latin, Cyrillic, Hangul, Thai, …), possibly with digits or `'`, e.g. `Britain's`.
  case word
  /// Numbers, with their inner separators, e.g. `1,234.56`, `010` in `010-85061466`.
  case number
  /// A Han word from the dictionary, e.g. `中国`.
  case ideographic
  /// A Hiragana or Katakana word, e.g. `カタカナ`.
  case kana
  /// An emoji or emoji sequence (ZWJ sequences, skin tones, flags), e.g. `👍🏽`.
  case emoji
  /// Punctuation, e.g. `,` or `。` (only with ``TokenizerOptions/includePunctuation``).
  case punctuation
  /// Any other non-space character, e.g. `$` or `©` (only with ``TokenizerOptions/includePunctuation``).
  case symbol
}

/// One token: a UTF-8 byte range of the input and its ``TokenKind``.
///
/// ```swift
/// // "Hi 中国" → [Token(range: 0..<2, kind: .word), Token(range: 3..<9, kind: .ideographic)]
/// ```
public struct Token: Sendable, Hashable, Codable {
  /// The UTF-8 byte offsets of the token in the text that was tokenized.
  public var range: Range<Int>
  /// What the token is.
  public var kind: TokenKind

  /// Creates a token.
  public init(range: Range<Int>, kind: TokenKind) {
    self.range = range
    self.kind = kind
  }
}

/// Options for word tokenization.
///
/// ```swift
/// var options = TokenizerOptions()      // words, numbers, CJK, emoji
/// options.includePunctuation = true     // also `,` `。` `$`
/// ```
public struct TokenizerOptions: Sendable, Hashable, Codable {
  /// Also emit ``TokenKind/punctuation`` and ``TokenKind/symbol`` tokens. Default `false`.
  public var includePunctuation: Bool

  /// Creates options; defaults: no punctuation or symbol tokens.
  public init(includePunctuation: Bool = false) {
    self.includePunctuation = includePunctuation
  }
}

extension TokenizerOptions {
  /// Decodes options; a missing key keeps its default (options saved before a key was
  /// added still decode).
  /// - Throws: `DecodingError` when a present key has the wrong type.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.init()
    if let v = try c.decodeIfPresent(Bool.self, forKey: .includePunctuation) {
      includePunctuation = v
    }
  }
}

/// Which word tokenizer to use.
public enum TokenizerEngine: String, Sendable, Hashable, Codable, CaseIterable {
  /// ``FastWordTokenizer``: a UTF-8 scanner running ICU's own word rules; the default.
  case fast
  /// ``ICUWordTokenizer``: ICU's word break iterator (locale `zh`), the reference.
  case icu
}

/// A word tokenizer. Both engines give identical tokens for identical input.
///
/// Implementations keep scratch buffers and are not thread-safe: make one per thread.
///
/// ```swift
/// let tok = try makeTokenizer(.fast)
/// var tokens: [Token] = []
/// let text = Array("U.S. President".utf8)
/// try text.withUnsafeBufferPointer { try tok.tokenize($0, into: &tokens) }
/// // tokens: [0..<4 .word, 5..<14 .word]
/// ```
public protocol Tokenizer: AnyObject {
  /// The options this tokenizer was made with.
  var options: TokenizerOptions { get }

  /// Appends the word boundaries of `text` after offset 0, and the ICU rule status of the
  /// segment each boundary ends, exactly as ICU's `zh` word break iterator reports them.
  ///
  /// - Parameters:
  ///   - text: UTF-8 bytes (ill-formed sequences read as U+FFFD, as ICU's UTF-8 UText does).
  ///   - boundaries: Receives ascending byte offsets; the last is `text.count` (none if empty).
  ///   - statuses: Receives one rule status per boundary.
  /// - Throws: ``WinnowError`` when ICU fails.
  func wordBoundaries(
    _ text: UnsafeBufferPointer<UInt8>, boundaries: inout [Int32], statuses: inout [Int32]
  ) throws(WinnowError)

  /// Appends the tokens of `text` (byte ranges relative to `text`) to `tokens`.
  ///
  /// - Parameters:
  ///   - text: UTF-8 bytes.
  ///   - tokens: Receives the tokens in order; existing elements are kept.
  /// - Throws: ``WinnowError`` when ICU fails.
  func tokenize(_ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]) throws(WinnowError)
}

/// Makes a tokenizer for `engine`.
///
/// - Parameters:
///   - engine: ``TokenizerEngine/fast`` (default) or ``TokenizerEngine/icu``.
///   - options: Token options.
/// - Returns: A new tokenizer, for one thread.
/// - Throws: ``WinnowError`` when ICU's rules cannot be loaded.
public func makeTokenizer(
  _ engine: TokenizerEngine = .fast, options: TokenizerOptions = TokenizerOptions()
) throws(WinnowError) -> any Tokenizer {
  switch engine {
  case .fast:
    // The CJK dictionary's tables are built on the first Han/kana run, not here.
    return try FastWordTokenizer(lazySharedCJK: options)
  case .icu:
    return try ICUWordTokenizer(options: options)
  }
}

extension Tokenizer {
  /// Tokenizes an array of bytes; see ``tokenize(_:into:)``.
  ///
  /// - Parameter text: UTF-8 bytes.
  /// - Returns: The tokens.
  /// - Throws: ``WinnowError``.
  public func tokens(_ text: [UInt8]) throws(WinnowError) -> [Token] {
    var out: [Token] = []
    let r: Result<Void, WinnowError> = text.withUnsafeBufferPointer { buf in
      do throws(WinnowError) {
        try tokenize(buf, into: &out)
        return .success(())
      } catch { return .failure(error) }
    }
    try r.get()
    return out
  }

  /// Word boundaries of an array of bytes; see ``wordBoundaries(_:boundaries:statuses:)``.
  ///
  /// - Parameter text: UTF-8 bytes.
  /// - Returns: The boundaries after 0 and their rule statuses.
  /// - Throws: ``WinnowError``.
  public func wordBoundaries(_ text: [UInt8]) throws(WinnowError) -> (
    boundaries: [Int32], statuses: [Int32]
  ) {
    var b: [Int32] = []
    var s: [Int32] = []
    let r: Result<Void, WinnowError> = text.withUnsafeBufferPointer { buf in
      do throws(WinnowError) {
        try wordBoundaries(buf, boundaries: &b, statuses: &s)
        return .success(())
      } catch { return .failure(error) }
    }
    try r.get()
    return (b, s)
  }
}

/// Turns word segments into tokens (see ``tokenKind(_:start:end:status:rules:options:)``).
@inline(__always)
func appendTokens(
  _ text: UnsafeBufferPointer<UInt8>, boundaries: UnsafeBufferPointer<Int32>,
  statuses: UnsafeBufferPointer<Int32>, rules: WordRules, options: TokenizerOptions,
  from: Int = 0, into tokens: inout [Token]
) {
  var start = from
  for i in 0..<min(boundaries.count, statuses.count) {
    let end = Int(boundaries[i])
    defer { start = end }
    guard start < end, end <= text.count else { continue }
    if let kind = tokenKind(
      text, start: start, end: end, status: statuses[i], rules: rules, options: options)
    {
      tokens.append(Token(range: start..<end, kind: kind))
    }
  }
}

/// The kind of the word segment `start..<end` (non-empty, inside `text`) with rule status
/// `status`, or `nil` when it is no token: the one place kinds are derived (table in
/// ``TokenKind``'s documentation), used by both engines.
@inline(__always)
func tokenKind(
  _ text: UnsafeBufferPointer<UInt8>, start: Int, end: Int, status s: Int32, rules: WordRules,
  options: TokenizerOptions
) -> TokenKind? {
  if s >= 100 {
    if s < 200 { return .number }
    if s < 300 { return .word }
    if s < 400 { return .kana }
    if s < 500 {
      let e = rules.entry(UTF8Cursor.decode(text, start).scalar)
      return (e & WordRules.Props.classMask) >> WordRules.Props.classShift
        == WordRules.CharClass.kana.rawValue ? .kana : .ideographic
    }
    return .word
  }
  let c = UTF8Cursor.decode(text, start).scalar
  let cls = (rules.entry(c) & WordRules.Props.classMask) >> WordRules.Props.classShift
  switch WordRules.CharClass(rawValue: cls) {
  case .regionalIndicator:
    return .emoji
  case .pictographic:
    var emoji = c >= 0x1F000
    var j = start
    while !emoji && j < end {
      let d = UTF8Cursor.decode(text, j)
      if rules.entry(d.scalar) & WordRules.Props.emojiComponent != 0 { emoji = true }
      j += d.length
    }
    if emoji { return .emoji }
    return options.includePunctuation ? .symbol : nil
  case .skip:
    return nil
  case .punctuation:
    return options.includePunctuation ? .punctuation : nil
  default:
    return options.includePunctuation ? .symbol : nil
  }
}
