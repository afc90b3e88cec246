internal import CICU
import Synchronization

/// An ICU break iterator (`UBreakIterator` over a UTF-8 `UText`), reporting UTF-8 byte offsets.
///
/// Each instance owns one ICU handle (closed in `deinit`) and is not thread-safe; get one per
/// use or per thread with ``BreakIterator/make(_:locale:)``, which clones a cached prototype
/// (`ubrk_clone`) instead of re-opening the rules (`ubrk_open`) every time.
///
/// ```swift
/// let it = try BreakIterator.make(.word, locale: "zh")
/// let text = Array("Hi 中国人".utf8)
/// let (b, s) = try it.boundaries(text)   // b == [2, 3, 12], s == [200, 0, 400]
/// ```
public final class BreakIterator {
  /// The kind of boundaries to find (`UBreakIteratorType`).
  public enum Kind: Int32, Sendable, Hashable {
    /// Grapheme clusters (`UBRK_CHARACTER`).
    case character = 0
    /// Words (`UBRK_WORD`), with rule statuses.
    case word = 1
    /// Line-break opportunities (`UBRK_LINE`).
    case line = 2
    /// Sentences (`UBRK_SENTENCE`).
    case sentence = 3
  }

  let handle: OpaquePointer
  /// How many boundaries one call into ICU fills.
  static let batch = 256
  private let batchBoundaries = UnsafeMutablePointer<Int32>.allocate(capacity: batch)
  private let batchStatuses = UnsafeMutablePointer<Int32>.allocate(capacity: batch)
  /// The kind this iterator was opened for.
  public let kind: Kind
  /// The ICU locale ID it was opened with.
  public let locale: String

  init(adopting handle: OpaquePointer, kind: Kind, locale: String) {
    self.handle = handle
    self.kind = kind
    self.locale = locale
  }

  deinit {
    cicu_break_close(handle)
    batchBoundaries.deallocate()
    batchStatuses.deallocate()
  }

  /// Opens a fresh iterator (`ubrk_open`). Prefer ``make(_:locale:)``, which caches.
  ///
  /// - Parameters:
  ///   - kind: The boundary type.
  ///   - locale: An ICU locale ID, e.g. `"zh"` or `"en@ss=standard"`.
  /// - Throws: ``ICUError`` when ICU cannot open the rules.
  public convenience init(opening kind: Kind, locale: String) throws(ICUError) {
    var status: Int32 = 0
    let h = cicu_break_open(cicu_break_type(rawValue: UInt32(kind.rawValue)), locale, &status)
    try checkICU(status, "ubrk_open")
    // U_MEMORY_ALLOCATION_ERROR
    guard let h else { throw ICUError(code: 7, function: "ubrk_open") }
    self.init(adopting: h, kind: kind, locale: locale)
  }

  /// A copy with its own state and no text (`ubrk_clone`).
  ///
  /// - Throws: ``ICUError`` when cloning fails.
  public func clone() throws(ICUError) -> BreakIterator {
    var status: Int32 = 0
    let h = cicu_break_clone(handle, &status)
    try checkICU(status, "ubrk_clone")
    guard let h else { throw ICUError(code: 7, function: "ubrk_clone") }
    return BreakIterator(adopting: h, kind: kind, locale: locale)
  }

  /// An iterator for `(kind, locale)`: a clone of a prototype opened once per process.
  ///
  /// - Parameters:
  ///   - kind: The boundary type.
  ///   - locale: An ICU locale ID.
  /// - Returns: A new iterator owned by the caller.
  /// - Throws: ``ICUError`` when ICU cannot open the rules.
  public static func make(_ kind: Kind, locale: String) throws(ICUError) -> BreakIterator {
    try BreakIteratorCache.shared.make(kind, locale: locale)
  }

  /// Finds all boundaries of `text` after offset 0, with the rule status of the segment each
  /// boundary ends (`ubrk_next` + `ubrk_getRuleStatus`, filled in batches of 256 per call).
  ///
  /// - Parameters:
  ///   - text: Valid or ill-formed UTF-8 (ill-formed sequences read as U+FFFD).
  ///   - boundaries: Receives the byte offsets, ascending; the last is `text.count`.
  ///   - statuses: Receives one rule status per boundary (0 for kinds without statuses).
  /// - Throws: ``ICUError`` when ICU cannot take the text.
  public func boundaries(
    of text: UnsafeBufferPointer<UInt8>, into boundaries: inout [Int32], statuses: inout [Int32]
  ) throws(ICUError) {
    var status: Int32 = 0
    cicu_break_set_text(handle, text.baseAddress, Int32(clamping: text.count), &status)
    try checkICU(status, "ubrk_setUText")
    while true {
      let n = Int(cicu_break_next_batch(handle, batchBoundaries, batchStatuses, Int32(Self.batch)))
      boundaries.append(contentsOf: UnsafeBufferPointer(start: batchBoundaries, count: n))
      statuses.append(contentsOf: UnsafeBufferPointer(start: batchStatuses, count: n))
      if n < Self.batch { break }
    }
    // Detach the text so the caller's buffer may go away.
    cicu_break_set_text(handle, nil, 0, &status)
  }

  /// Convenience form of ``boundaries(of:into:statuses:)`` for an array of bytes.
  ///
  /// - Parameter text: UTF-8 bytes.
  /// - Returns: The boundaries after 0 and their rule statuses.
  /// - Throws: ``ICUError``.
  public func boundaries(_ text: [UInt8]) throws(ICUError) -> (
    boundaries: [Int32], statuses: [Int32]
  ) {
    var b: [Int32] = []
    var s: [Int32] = []
    let r: Result<Void, ICUError> = text.withUnsafeBufferPointer { buf in
      do throws(ICUError) {
        try self.boundaries(of: buf, into: &b, statuses: &s)
        return .success(())
      } catch { return .failure(error) }
    }
    try r.get()
    return (b, s)
  }
}

/// The process-wide prototypes behind ``BreakIterator/make(_:locale:)``.
///
/// Prototypes are opened outside the lock, never closed, never given text, and only cloned
/// (`ubrk_clone`), while the mutex is held.
final class BreakIteratorCache: Sendable {
  static let shared = BreakIteratorCache()

  struct Key: Hashable, Sendable { var kind: BreakIterator.Kind; var locale: String }
  // @unchecked Sendable: either a prototype (only cloned, under the mutex) or a fresh
  // clone handed to exactly one new owner.
  struct Handle: @unchecked Sendable { let raw: OpaquePointer }
  private let prototypes = Mutex<[Key: Handle]>([:])

  func make(_ kind: BreakIterator.Kind, locale: String) throws(ICUError) -> BreakIterator {
    let key = Key(kind: kind, locale: locale)
    if let (clone, status) = prototypes.withLock({ cloneLocked($0[key]) }) {
      try checkICU(status, "ubrk_clone")
      if let clone { return BreakIterator(adopting: clone.raw, kind: kind, locale: locale) }
    }
    var status: Int32 = 0
    guard
      let fresh = cicu_break_open(cicu_break_type(rawValue: UInt32(kind.rawValue)), locale, &status)
    else {
      try checkICU(status, "ubrk_open")
      throw ICUError(code: 7, function: "ubrk_open")
    }
    try checkICU(status, "ubrk_open")
    let freshHandle = Handle(raw: fresh)
    let (clone, cloneStatus) = prototypes.withLock { table -> (Handle?, Int32) in
      if table[key] == nil { table[key] = freshHandle } else { cicu_break_close(freshHandle.raw) }
      return cloneLocked(table[key]) ?? (nil, 0)
    }
    try checkICU(cloneStatus, "ubrk_clone")
    guard let clone else { throw ICUError(code: 7, function: "ubrk_clone") }
    return BreakIterator(adopting: clone.raw, kind: kind, locale: locale)
  }

  private func cloneLocked(_ prototype: Handle?) -> (Handle?, Int32)? {
    guard let prototype else { return nil }
    var status: Int32 = 0
    let h = cicu_break_clone(prototype.raw, &status)
    return (h.map(Handle.init(raw:)), status)
  }
}
