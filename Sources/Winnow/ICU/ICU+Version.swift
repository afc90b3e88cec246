internal import CICU

/// The versions of the ICU library Winnow runs on (for cache keys and diagnostics).
///
/// ```swift
/// ICUVersion.icu       // "72.1"
/// ICUVersion.unicode   // "15.0"
/// ```
public enum ICUVersion {
  /// ICU's version, e.g. `72.1` (`u_getVersion`).
  public static var icu: String { read(cicu_icu_version) }

  /// The Unicode version of ICU's data, e.g. `15.0` (`u_getUnicodeVersion`).
  public static var unicode: String { read(cicu_unicode_version) }

  private static func read(_ call: (UnsafeMutablePointer<CChar>) -> Void) -> String {
    var buffer = [CChar](repeating: 0, count: 24)
    buffer.withUnsafeMutableBufferPointer { p in
      if let base = p.baseAddress { call(base) }
      p[p.count - 1] = 0
    }
    let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    return String(decoding: bytes, as: UTF8.self)
  }
}
