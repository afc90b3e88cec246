import Synchronization

/// A ``DictionaryEngine`` that hands each run to ICU's `zh` word break iterator, i.e. to
/// ICU's own dictionary engines (CJK, Thai, Lao, Khmer, Myanmar).
///
/// It handles every scalar; the fast scanner uses it for Thai/Lao/Khmer/Myanmar always and
/// for Han/kana when no other engine (e.g. a `CJKDictionaryEngine`) claims the run.
///
/// ```swift
/// var b: [Int32] = [], s: [Int32] = []
/// let run = Array("我们是中国人".utf8)
/// run.withUnsafeBufferPointer { ICUDictionaryEngine().segment($0, boundaries: &b, statuses: &s) }
/// // b == [6, 9, 18] (我们 | 是 | 中国人), s == [400, 400, 400]
/// ```
public final class ICUDictionaryEngine: DictionaryEngine {
  // Sendable: the iterator is only touched while the mutex is held.
  private struct Box: @unchecked Sendable { var iterator: BreakIterator? }
  private let state: Mutex<Box>

  /// Creates the engine; the ICU iterator is opened on first use.
  public init() {
    state = Mutex(Box(iterator: nil))
  }

  public func handles(_ scalar: UInt32) -> Bool { true }

  public func segment(
    _ run: UnsafeBufferPointer<UInt8>, boundaries: inout [Int32], statuses: inout [Int32]
  ) {
    let before = boundaries.count
    let ok: Bool = state.withLock { box in
      if box.iterator == nil {
        ICUWarmUp.once()
        box.iterator = try? BreakIterator.make(.word, locale: ICUWordTokenizer.locale)
      }
      guard let it = box.iterator else { return false }
      do {
        try it.boundaries(of: run, into: &boundaries, statuses: &statuses)
        return true
      } catch {
        return false
      }
    }
    if !ok {
      // ICU unavailable: one word for the whole run, rather than nothing.
      boundaries.removeSubrange(before...)
      statuses.removeSubrange(min(before, statuses.count)...)
      boundaries.append(Int32(clamping: run.count))
      statuses.append(400)
    }
  }
}
