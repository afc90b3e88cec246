internal import COpenCC
import Synchronization

/// Chinese script conversion through OpenCC, e.g. Traditional → Simplified with
/// `t2s.json` (OpenCC's phrase-level dictionaries, so `乾燥` stays `干燥` and `著名`
/// becomes `著名`).
///
/// Threading: OpenCC does not document its converter as thread-safe (and its error
/// message is a process-wide global), so each converter serializes its calls with a
/// `Mutex`. A converter loads several megabytes of dictionaries, so one per
/// configuration is shared by the whole process (``shared(config:)``) rather than one per
/// thread; conversion is per line and short, so contention is low.
///
/// ```swift
/// let t2s = try OpenCCConverter.shared(config: "t2s.json")
/// try t2s.convert("憂鬱的臺灣烏龜")   // "忧郁的台湾乌龟"
/// ```
public final class OpenCCConverter: @unchecked Sendable {
  // @unchecked Sendable: `handle` is immutable, used only while holding `lock`, and
  // closed only in deinit, when no other reference can exist.
  private let handle: OpaquePointer
  private let lock = Mutex<Void>(())
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
    guard let h = config.withCString({ copencc_open($0) }) else {
      let cause = String(cString: copencc_last_error())
      throw WinnowError(
        .internal,
        "cannot open OpenCC configuration '\(config)'; install OpenCC's data "
          + "(Debian: apt install libopencc-data libopencc-dev)",
        cause: "OpenCC: \(cause)")
    }
    self.handle = h
    self.config = config
  }

  deinit { copencc_close(handle) }

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

  private func convertPiece(_ piece: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) throws(WinnowError) {
    let h = handle
    let failure: String? = lock.withLock { _ -> String? in
      var length = 0
      guard let p = copencc_convert(h, piece.baseAddress, piece.count, &length) else {
        return String(cString: copencc_last_error())
      }
      p.withMemoryRebound(to: UInt8.self, capacity: length) {
        out.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
      }
      copencc_free(p)
      return nil
    }
    if let failure {
      throw WinnowError(.internal, "OpenCC conversion with '\(config)' failed", cause: "OpenCC: \(failure)")
    }
  }
}
