internal import CICU
import Synchronization

/// An ICU transliterator (`utrans_*`), e.g. `Fullwidth-Halfwidth` or
/// `Traditional-Simplified`, over UTF-8.
///
/// Threading: ICU transliterators are not thread-safe, so each `Transliterator` owns its
/// own clone of the ICU object (closed in `deinit`) and serializes calls on it with a
/// `Mutex`; sharing one
/// between threads is safe but serial. For parallel work, give each worker its own
/// (`Transliterator(id:)` again, or ``clone()``): that is a cheap `utrans_clone` of a
/// prototype opened once per ID and cached for the life of the process.
///
/// ```swift
/// let t = try Transliterator(id: "Fullwidth-Halfwidth")
/// try t.transliterate("ＡＢＣ１２３")   // "ABC123"
/// ```
public final class Transliterator: @unchecked Sendable {
  // @unchecked Sendable: `pointer` (this instance's own ICU clone) is immutable, used only
  // while holding `lock`, and closed only in deinit, when no other reference exists.
  private let pointer: OpaquePointer
  private let lock = Mutex<Void>(())
  /// The transliterator's ID, as given.
  public let id: String

  /// A transliterator for `id`.
  ///
  /// The first request for an ID opens it (`utrans_openU`, slow: rules are compiled);
  /// later ones clone that prototype (`utrans_clone`).
  /// - Parameter id: an ICU transliterator ID, e.g. `"Traditional-Simplified"`.
  /// - Throws: `ICUError` naming ICU's error (`U_INVALID_ID` for an unknown ID).
  public init(id: String) throws(ICUError) {
    self.id = id
    pointer = try TransliteratorCache.shared.clone(id: id)
  }

  /// A new transliterator for the same ID with its own ICU object (`utrans_clone`), for
  /// another thread.
  /// - Throws: `ICUError` if cloning fails.
  public func clone() throws(ICUError) -> Transliterator {
    try Transliterator(id: id)
  }

  deinit { cicu_translit_close(pointer) }

  /// Transliterates UTF-8 text (`utrans_transUChars`, through UTF-16 inside the bridge).
  ///
  /// - Parameter bytes: UTF-8 text; ill-formed sequences become U+FFFD.
  /// - Returns: the transliterated UTF-8.
  /// - Throws: `ICUError` if ICU fails.
  public func transliterate(_ bytes: UnsafeBufferPointer<UInt8>) throws(ICUError) -> [UInt8] {
    if bytes.isEmpty { return [] }
    let n = try icuLength(bytes.count, "utrans_transUChars")
    let t = pointer
    let result: Result<[UInt8], ICUError> = lock.withLock { _ in
      do throws(ICUError) {
        return .success(
          try icuFill("utrans_transUChars", capacity: bytes.count + bytes.count / 2 + 16) {
            dst, cap, status in cicu_translit_utf8(t, bytes.baseAddress, n, dst, cap, &status)
          })
      } catch {
        return .failure(error)
      }
    }
    return try result.get()
  }

  /// Transliterates UTF-8 text held in an array.
  public func transliterate(_ bytes: [UInt8]) throws(ICUError) -> [UInt8] {
    try bytes.withUnsafeBufferPointer { (p) throws(ICUError) in try transliterate(p) }
  }

  /// Transliterates a string.
  ///
  /// ```swift
  /// try Transliterator(id: "Traditional-Simplified").transliterate("臺灣")  // "台湾"
  /// ```
  public func transliterate(_ text: String) throws(ICUError) -> String {
    String(decoding: try transliterate(Array(text.utf8)), as: UTF8.self)
  }
}

/// A prototype transliterator per ID, kept for the life of the process.
///
/// `@unchecked Sendable`: the ICU object is never used to transliterate, only cloned
/// (`utrans_clone`), and every clone happens inside the cache's lock; it is never closed
/// while cached (the cache never evicts).
final class TranslitPrototype: @unchecked Sendable {
  let pointer: OpaquePointer
  init(_ pointer: OpaquePointer) { self.pointer = pointer }
  deinit { cicu_translit_close(pointer) }
}

/// Opens each transliterator ID once; hands out clones.
final class TransliteratorCache: Sendable {
  static let shared = TransliteratorCache()
  private let prototypes = Mutex<[String: TranslitPrototype]>([:])

  /// A fresh clone of the prototype for `id`, opening the prototype if needed. Opening
  /// happens outside the lock (it compiles rules); a racing opener's copy is dropped.
  func clone(id: String) throws(ICUError) -> OpaquePointer {
    if let h = try cloneCached(id: id) { return h }
    var status: Int32 = 0
    let opened = id.withCString { cicu_translit_open($0, &status) }
    guard let opened, status <= 0 else {
      if let opened { cicu_translit_close(opened) }
      throw ICUError(code: status > 0 ? status : icuIllegalArgument, function: "utrans_openU")
    }
    let proto = TranslitPrototype(opened)
    let cloned: Result<OpaquePointer, ICUError> = prototypes.withLock { cache in
      let p = cache[id] ?? proto
      if cache[id] == nil { cache[id] = p }
      return Self.cloneLocked(p)
    }
    return try cloned.get()
  }

  private func cloneCached(id: String) throws(ICUError) -> OpaquePointer? {
    let cloned: Result<OpaquePointer, ICUError>? = prototypes.withLock { cache in
      guard let p = cache[id] else { return nil }
      return Self.cloneLocked(p)
    }
    guard let cloned else { return nil }
    return try cloned.get()
  }

  private static func cloneLocked(_ p: TranslitPrototype) -> Result<OpaquePointer, ICUError> {
    var status: Int32 = 0
    let c = cicu_translit_clone(p.pointer, &status)
    guard let c, status <= 0 else {
      if let c { cicu_translit_close(c) }
      return .failure(
        ICUError(code: status > 0 ? status : icuIllegalArgument, function: "utrans_clone"))
    }
    return .success(c)
  }
}
