import Synchronization

/// A ``DictionaryEngine`` that hands each run to ICU's `zh` word break iterator, i.e. to
/// ICU's own dictionary engines (CJK, Thai, Lao, Khmer, Myanmar).
///
/// It handles every scalar; the fast scanner uses it for Thai/Lao/Khmer/Myanmar always and
/// for Han/kana when no other engine (e.g. a `CJKDictionaryEngine`) claims the run.
///
/// ICU is run on `"a"` followed by the run, not on the run alone. Inside a text, ICU's
/// `DictionaryCache::populateDictionary` hands the break engine exactly the run, within a
/// rule segment that started earlier; on the run alone, ICU's rules would first split it
/// wherever the start of text changes them: a run that starts with a combining mark (a Thai
/// tone mark after a digit, say, `0\u{E48}าง`) becomes `\u{E48}` | `าง` (WB4 does not attach a
/// mark at the start of text), a break ICU never makes in context. The letter `a` glues to
/// any Thai/Lao/Khmer/Myanmar run (its letters are `$ALetterPlus`, its marks `$Extend`) and
/// to none of the CJK ones, and it is no dictionary character, so the engine still sees
/// exactly the run.
///
/// ```swift
/// var b: [Int32] = [], s: [Int32] = []
/// let run = Array("我们是中国人".utf8)
/// run.withUnsafeBufferPointer { ICUDictionaryEngine().segment($0, boundaries: &b, statuses: &s) }
/// // b == [6, 9, 18] (我们 | 是 | 中国人), s == [400, 400, 400]
/// ```
public final class ICUDictionaryEngine: DictionaryEngine {
  // Sendable: the iterator is only touched while the mutex is held.
  private struct Box: @unchecked Sendable {
    var iterator: BreakIterator?
    /// `"a"` + the run (see the type's documentation), reused across calls.
    var context: [UInt8] = []
  }
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
      box.context.removeAll(keepingCapacity: true)
      box.context.append(0x61)  // "a": see the type's documentation
      box.context.append(contentsOf: run)
      do {
        try box.context.withUnsafeBufferPointer { context throws(ICUError) in
          try it.boundaries(of: context, into: &boundaries, statuses: &statuses)
        }
      } catch {
        return false
      }
      // Back to offsets in the run; a boundary at the run's start (after "a") is dropped.
      var w = before
      for r in before..<boundaries.count where boundaries[r] > 1 {
        boundaries[w] = boundaries[r] - 1
        statuses[w] = statuses[r]
        w += 1
      }
      boundaries.removeSubrange(w...)
      statuses.removeSubrange(w...)
      return true
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
