/// Splits a maximal run of dictionary characters into words, as ICU's break engines do.
///
/// The fast scanner (``FastWordTokenizer``) finds runs of characters that ICU's word rules
/// hand to a dictionary (ICU 72 `word.txt`: `$dictionary = [$ComplexContext $dictionaryCJK]`,
/// i.e. Line_Break=Complex_Context (Thai, Lao, Khmer, Myanmar, …) plus Han, Hiragana,
/// Katakana and U+30FC/U+FF70 and the half-width katakana sound marks) and hands each run to
/// the engine whose ``handles(_:)`` accepts the run's first scalar. The engine appends the
/// boundaries *inside* the run and at its end, relative to the run's first byte.
///
/// Offsets are UTF-8 byte offsets. The run is valid UTF-8 (the scanner never hands an
/// ill-formed sequence to an engine) and never empty.
///
/// Example: for the run `"我们是中国人"` (18 bytes) a CJK engine would append
/// boundaries `[6, 9, 18]` with statuses `[400, 400, 400]` (我们 | 是 | 中国人).
public protocol DictionaryEngine: Sendable {
  /// Whether this engine handles the run starting with `scalar`.
  ///
  /// - Parameter scalar: The run's first Unicode scalar value.
  /// - Returns: `true` when ``segment(_:boundaries:statuses:)`` should split the run.
  func handles(_ scalar: UInt32) -> Bool

  /// Appends the boundaries strictly inside and at the end of `run` (offsets relative to
  /// run start; the last one == `run.count`) with the rule status of the segment each ends.
  ///
  /// Statuses are ICU's word rule statuses: 400 (`UBRK_WORD_IDEO`) for Han/kana words,
  /// 200 (`UBRK_WORD_LETTER`) for Thai/Lao/Khmer/Myanmar words, 0 for non-words, as ICU's
  /// `DictionaryBreakEngine`s report them.
  ///
  /// - Parameters:
  ///   - run: The UTF-8 bytes of one maximal dictionary run.
  ///   - boundaries: Receives the boundary offsets, ascending, relative to `run.baseAddress`.
  ///   - statuses: Receives one rule status per appended boundary.
  func segment(
    _ run: UnsafeBufferPointer<UInt8>, boundaries: inout [Int32], statuses: inout [Int32])
}
