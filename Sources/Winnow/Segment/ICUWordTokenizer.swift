/// The reference word tokenizer: ICU's word break iterator for locale `zh` (UAX #29 as
/// tailored by ICU 72's `word.txt`, Han and kana runs split with ICU's CJK dictionary,
/// Thai/Lao/Khmer/Myanmar with ICU's dictionaries). Tokens follow ``TokenKind``'s rules.
///
/// Not thread-safe (it owns an ICU iterator): make one per thread.
///
/// ```swift
/// let tok = try ICUWordTokenizer()
/// let tokens = try tok.tokens(Array("Britain's 2025".utf8))
/// // [0..<9 .word, 10..<14 .number]
/// ```
public final class ICUWordTokenizer: Tokenizer {
  /// The ICU locale whose word rules and dictionaries are used.
  public static let locale = "zh"

  public let options: TokenizerOptions
  let iterator: BreakIterator
  let rules: WordRules
  private var boundaryScratch: [Int32] = []
  private var statusScratch: [Int32] = []

  /// Creates a reference tokenizer.
  ///
  /// - Parameter options: Token options.
  /// - Throws: ``WinnowError`` when ICU's rules cannot be opened.
  public init(options: TokenizerOptions = TokenizerOptions()) throws(WinnowError) {
    self.options = options
    do {
      iterator = try BreakIterator.make(.word, locale: Self.locale)
    } catch {
      throw WinnowError(error, "cannot open ICU's word break iterator for \(Self.locale)")
    }
    rules = try WordRules.shared.get()
    ICUWarmUp.once()
  }

  public func wordBoundaries(
    _ text: UnsafeBufferPointer<UInt8>, boundaries: inout [Int32], statuses: inout [Int32]
  ) throws(WinnowError) {
    guard text.count > 0 else { return }
    guard text.count <= Int(Int32.max) else {
      throw WinnowError(.invalidData, "text of \(text.count) bytes is too long for ICU (max 2 GiB)")
    }
    do {
      try iterator.boundaries(of: text, into: &boundaries, statuses: &statuses)
    } catch {
      throw WinnowError(error, "ICU word break iteration failed")
    }
  }

  public func tokenize(
    _ text: UnsafeBufferPointer<UInt8>, into tokens: inout [Token]
  ) throws(WinnowError) {
    boundaryScratch.removeAll(keepingCapacity: true)
    statusScratch.removeAll(keepingCapacity: true)
    try wordBoundaries(text, boundaries: &boundaryScratch, statuses: &statusScratch)
    let rules = self.rules
    let options = self.options
    boundaryScratch.withUnsafeBufferPointer { b in
      statusScratch.withUnsafeBufferPointer { s in
        appendTokens(
          text, boundaries: b, statuses: s, rules: rules, options: options, into: &tokens)
      }
    }
  }
}

/// ICU picks a dictionary engine for a few characters (U+30FC, U+FF70, U+FF9E, U+FF9F, of
/// script Common) only when its process-wide factory already holds the CJK engine. Loading
/// the CJK, Thai, Lao, Khmer and Myanmar engines once, before any real text, makes ICU's
/// answers independent of what was segmented earlier.
enum ICUWarmUp {
  static let done: Bool = {
    guard let it = try? BreakIterator.make(.word, locale: ICUWordTokenizer.locale) else {
      return false
    }
    _ = try? it.boundaries(Array("中文かなカナ ภาษาไทย ພາສາລາວ ភាសាខ្មែរ မြန်မာဘာသာ".utf8))
    return true
  }()
  static func once() { _ = done }
}
