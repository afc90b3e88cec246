#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The per-page arrays of ``BoilerplateClassifier/classify(utf8:lines:text:host:)`` and its
/// context pass, kept from one page to the next on the same thread so a page allocates none
/// of them (the pipeline runs a stage's `process` on several worker threads at once; each
/// thread has its own scratch, found through a thread-specific key, and nothing in it is
/// shared). Each array is handed out filled with its initial values and handed back emptied
/// (no page's text stays referenced); one grown past ``maxKept`` elements by a huge page is
/// dropped rather than kept.
final class ClassifierScratch {
  var fixed: [BoilerplateReason?] = []
  var sectionHeader: [Bool] = []
  var scores: [Double] = []
  var credits: [CaptionCredit?] = []
  var trimmedLines: [Range<Int>] = []
  var features: [LineFeatures] = []
  var lowered: [UInt8] = []
  var pageKeys: [Substring?] = []
  var strictBefore: [LineClass] = []
  var looseBefore: [LineClass] = []
  var strictAfter: [LineClass] = []
  var looseAfter: [LineClass] = []
  var runOf: [Int] = []

  /// Arrays longer than this are not kept for the next page.
  static let maxKept = 1 << 16

  /// This thread's scratch (made at the thread's first page, released when the thread ends).
  static var current: ClassifierScratch {
    guard let key = scratchKey else { return ClassifierScratch() }
    if let p = pthread_getspecific(key) {
      return Unmanaged<ClassifierScratch>.fromOpaque(p).takeUnretainedValue()
    }
    let s = ClassifierScratch()
    let p = Unmanaged.passRetained(s)
    // Without a key (the process ran out of them), the scratch serves this page only.
    if pthread_setspecific(key, p.toOpaque()) != 0 { p.release() }
    return s
  }

  /// The key's destructor: drops a finished thread's scratch.
  static func release(_ p: UnsafeMutableRawPointer?) {
    guard let p else { return }
    Unmanaged<ClassifierScratch>.fromOpaque(p).release()
  }

  /// Moves `stash`'s storage out (leaving it empty), filled with `count` copies of `value`.
  @inline(__always)
  static func take<T>(_ stash: inout [T], count: Int, _ value: T) -> [T] {
    var a: [T] = []
    swap(&a, &stash)
    a.removeAll(keepingCapacity: true)
    a.append(contentsOf: repeatElement(value, count: count))
    return a
  }

  /// Moves `stash`'s storage out, empty, with room for `capacity` elements.
  @inline(__always)
  static func takeEmpty<T>(_ stash: inout [T], capacity: Int) -> [T] {
    var a: [T] = []
    swap(&a, &stash)
    a.removeAll(keepingCapacity: true)
    a.reserveCapacity(capacity)
    return a
  }

  /// Empties `a` and moves its storage back into `stash` (or drops it when over ``maxKept``).
  @inline(__always)
  static func give<T>(_ a: inout [T], to stash: inout [T]) {
    if a.capacity > maxKept { a = [] } else { a.removeAll(keepingCapacity: true) }
    swap(&a, &stash)
  }
}

/// The thread-specific key of ``ClassifierScratch/current``; nil if none could be made (then
/// every page gets a fresh scratch).
private let scratchKey: pthread_key_t? = {
  var key = pthread_key_t()
  return pthread_key_create(&key) { ClassifierScratch.release($0) } == 0 ? key : nil
}()
