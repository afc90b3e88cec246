internal import COpenCC
import Synchronization

/// Chinese script conversion through OpenCC, e.g. Traditional → Simplified with
/// `t2s.json` (OpenCC's phrase-level dictionaries, so `乾燥` stays `干燥` and `著名`
/// becomes `著名`).
///
/// Threading: OpenCC does not document its converter as thread-safe, so an OpenCC handle
/// is used by one thread at a time. A converter keeps a small pool of handles: a call takes
/// a free one (opening another when all are busy — as many as threads convert at once,
/// typically `--jobs`) and puts it back, so workers never wait for each other. Opening a
/// handle loads several megabytes of dictionaries, so one converter per configuration is
/// shared by the whole process (``shared(config:)``).
///
/// ```swift
/// let t2s = try OpenCCConverter.shared(config: "t2s.json")
/// try t2s.convert("憂鬱的臺灣烏龜")   // "忧郁的台湾乌龟"
/// ```
public final class OpenCCConverter: @unchecked Sendable {
  // @unchecked Sendable: a handle is used by one thread at a time (taken out of `idle`
  // for the call), and all are closed only in deinit, when no other reference can exist.
  /// Handles not in use; a call takes one and gives it back.
  private let idle: Mutex<[Handle]>

  /// An OpenCC handle (`opencc_t`); moved between threads, used by one at a time.
  private struct Handle: @unchecked Sendable { let pointer: OpaquePointer }
  /// The OpenCC configuration it was opened with, e.g. `"t2s.json"`.
  public let config: String

  private static let cache = Mutex<[String: OpenCCConverter]>([:])

  /// Opens a converter (`opencc_open`). Prefer ``shared(config:)``: opening is slow.
  ///
  /// - Parameter config: an OpenCC configuration name (looked up in OpenCC's data folder,
  ///   `/usr/share/opencc` on Debian) or a path.
  /// - Throws: `WinnowError` (`.internal`) with OpenCC's message as the cause when the
  ///   configuration or its dictionaries cannot be loaded.
  public init(config: String = "t2s.json") throws(WinnowError) {
    self.idle = Mutex([Handle(pointer: try Self.open(config))])
    self.config = config
  }

  /// Opens one OpenCC handle.
  private static func open(_ config: String) throws(WinnowError) -> OpaquePointer {
    guard let h = config.withCString({ copencc_open($0) }) else {
      let cause = String(cString: copencc_last_error())
      throw WinnowError(
        .internal,
        "cannot open OpenCC configuration '\(config)'; install OpenCC's data "
          + "(Debian: apt install libopencc-data libopencc-dev)",
        cause: "OpenCC: \(cause)")
    }
    return h
  }

  deinit {
    for h in idle.withLock({ $0 }) { copencc_close(h.pointer) }
  }

  /// The process-wide converter for `config`, opened on first use.
  /// - Throws: `WinnowError` as ``init(config:)``.
  public static func shared(config: String = "t2s.json") throws(WinnowError) -> OpenCCConverter {
    if let c = cache.withLock({ $0[config] }) { return c }
    let opened = try OpenCCConverter(config: config)  // slow: outside the lock
    return cache.withLock { cache in
      if let existing = cache[config] { return existing }
      cache[config] = opened
      return opened
    }
  }

  /// Converts UTF-8 text (`opencc_convert_utf8`).
  ///
  /// NUL bytes, which OpenCC's C API cannot carry, are kept in place: the text between
  /// them is converted piece by piece.
  /// - Parameter bytes: well-formed UTF-8.
  /// - Returns: the converted UTF-8.
  /// - Throws: `WinnowError` (`.internal`) if OpenCC fails.
  public func convert(_ bytes: UnsafeBufferPointer<UInt8>) throws(WinnowError) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var start = 0
    while start <= bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != 0 { end += 1 }
      if end > start {
        try convertPiece(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &out)
      }
      if end < bytes.count { out.append(0) }
      start = end + 1
    }
    return out
  }

  /// Converts UTF-8 text held in an array.
  public func convert(_ bytes: [UInt8]) throws(WinnowError) -> [UInt8] {
    try bytes.withUnsafeBufferPointer { (p) throws(WinnowError) in try convert(p) }
  }

  /// Converts a string.
  public func convert(_ text: String) throws(WinnowError) -> String {
    String(decoding: try convert(Array(text.utf8)), as: UTF8.self)
  }

  private func convertPiece(_ piece: UnsafeBufferPointer<UInt8>, into out: inout [UInt8])
    throws(WinnowError)
  {
    // Take an idle handle, or open another when every one is busy (outside the lock).
    let h: Handle
    if let free = idle.withLock({ $0.popLast() }) {
      h = free
    } else {
      h = Handle(pointer: try Self.open(config))
    }
    defer { idle.withLock { $0.append(h) } }
    var length = 0
    var failure: String?
    if let p = copencc_convert(h.pointer, piece.baseAddress, piece.count, &length) {
      p.withMemoryRebound(to: UInt8.self, capacity: length) {
        out.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
      }
      copencc_free(p)
    } else {
      failure = String(cString: copencc_last_error())
    }
    if let failure {
      throw WinnowError(
        .internal, "OpenCC conversion with '\(config)' failed", cause: "OpenCC: \(failure)")
    }
  }
}
