internal import CICU

/// Conversion between a legacy charset (GB18030, GBK, Big5, Shift_JIS, EUC-KR,
/// windows-1252, UTF-16, …) and UTF-8, through ICU's converters (`ucnv_*`).
///
/// An instance is a streaming decoder: feed chunks of charset bytes to
/// ``toUTF8(_:flush:into:)``; a character split between chunks is held until the next
/// one. It is stateful and not thread-safe (one owner, not `Sendable`). For one-shot
/// conversions use the static ``decode(_:from:strict:)`` and ``encode(_:to:)``.
///
/// Charset names are ICU's (aliases included, case-insensitive): `"GB18030"`, `"gbk"`,
/// `"Big5"`, `"Shift_JIS"`, `"UTF-16LE"`, …
///
/// ```swift
/// let c = try CharsetConverter(charset: "GB18030")
/// var out: [UInt8] = []
/// try c.toUTF8([0xD6, 0xD0], flush: false, into: &out)   // out == Array("中".utf8)
/// try c.toUTF8([0xCE], flush: false, into: &out)         // split character: held back
/// try c.toUTF8([0xC4], flush: true, into: &out)          // out == Array("中文".utf8)
/// ```
public final class CharsetConverter {
  /// The charset name as given.
  public let charset: String
  /// Whether illegal or unmappable input fails instead of becoming U+FFFD (or the
  /// charset's substitution character when encoding).
  public let strict: Bool
  private let handle: OpaquePointer
  /// Charset bytes consumed since creation or the last ``reset()``.
  public private(set) var bytesConsumed = 0
  /// After a strict failure in ``toUTF8(_:flush:into:)``: the byte offset of the bad
  /// sequence, counted like ``bytesConsumed``.
  public private(set) var errorOffset: Int?
  private var scratch: [UInt8]

  /// Opens a converter (`ucnv_open`).
  ///
  /// - Parameters:
  ///   - charset: an ICU charset name or alias.
  ///   - strict: fail on illegal or unmappable input (default `false`: substitute).
  /// - Throws: `ICUError` from `ucnv_open`; an unknown name gives `U_FILE_ACCESS_ERROR`.
  public init(charset: String, strict: Bool = false) throws(ICUError) {
    var status: Int32 = 0
    let h = charset.withCString { cicu_converter_open($0, strict, &status) }
    guard let h, status <= 0 else {
      if let h { cicu_converter_close(h) }
      throw ICUError(code: status > 0 ? status : icuIllegalArgument, function: "ucnv_open")
    }
    self.charset = charset
    self.strict = strict
    self.handle = h
    self.scratch = [UInt8](repeating: 0, count: 1 << 14)
  }

  deinit { cicu_converter_close(handle) }

  /// ICU's canonical name for the charset (`ucnv_getName`), e.g. `"gb18030"`.
  public var canonicalName: String {
    var status: Int32 = 0
    guard let p = cicu_converter_name(handle, &status), status <= 0 else { return charset }
    return String(cString: p)
  }

  /// Forgets any partial character and streaming state (`ucnv_reset`).
  public func reset() {
    cicu_converter_reset(handle)
    bytesConsumed = 0
    errorOffset = nil
  }

  /// Converts a chunk of charset bytes to UTF-8 and appends it to `out`
  /// (`ucnv_convertEx` through a UTF-16 pivot kept between calls).
  ///
  /// - Parameters:
  ///   - chunk: the next charset bytes (may end inside a character).
  ///   - flush: `true` for the last chunk: a trailing partial character then becomes
  ///     U+FFFD (or fails when `strict`). The converter is reset afterwards.
  ///   - out: receives the UTF-8.
  /// - Throws: `ICUError` (`U_ILLEGAL_CHAR_FOUND`, `U_INVALID_CHAR_FOUND`,
  ///   `U_TRUNCATED_CHAR_FOUND`) in strict mode, with ``errorOffset`` set.
  public func toUTF8(
    _ chunk: UnsafeBufferPointer<UInt8>, flush: Bool, into out: inout [UInt8]
  ) throws(ICUError) {
    var start = 0
    let count = chunk.count
    let cap = Int32(scratch.count)
    while true {
      let remaining = try icuLength(count - start, "ucnv_convertEx")
      var consumed: Int32 = 0
      var status: Int32 = 0
      var badOffset: Int32 = -1
      let src = chunk.baseAddress.map { $0 + start }
      let written = scratch.withUnsafeMutableBufferPointer { dst in
        cicu_converter_to_utf8(
          handle, src, remaining, &consumed, dst.baseAddress, cap, flush, &badOffset, &status)
      }
      let w = max(0, min(Int(written), scratch.count))
      out.append(contentsOf: scratch[0..<w])
      let c = max(0, min(Int(consumed), count - start))
      if status > 0 {
        errorOffset = bytesConsumed + (badOffset >= 0 ? Int(badOffset) : c)
        bytesConsumed += c
        cicu_converter_reset(handle)
        throw ICUError(code: status, function: "ucnv_convertEx")
      }
      start += c
      bytesConsumed += c
      // Done when all input is in and the output did not fill the scratch buffer (a full
      // buffer may mean more is waiting in the pivot).
      if start >= count && Int(written) < scratch.count { break }
    }
    if flush { cicu_converter_reset(handle) }
  }

  /// Converts a chunk of charset bytes to UTF-8; see ``toUTF8(_:flush:into:)``.
  /// - Returns: the UTF-8 for `chunk` (and anything held back before it).
  public func toUTF8(_ chunk: [UInt8], flush: Bool = true) throws(ICUError) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(chunk.count + chunk.count / 2)
    try chunk.withUnsafeBufferPointer { (p) throws(ICUError) in
      try toUTF8(p, flush: flush, into: &out)
    }
    return out
  }

  /// Converts UTF-8 to the charset in one shot (`ucnv_fromUChars` after UTF-8 → UTF-16).
  ///
  /// - Parameter utf8: well-formed UTF-8 (ill-formed input fails with `U_INVALID_CHAR_FOUND`).
  /// - Returns: the charset bytes. Unmappable characters fail when `strict`, else become
  ///   the charset's substitution character.
  /// - Throws: `ICUError`.
  public func fromUTF8(_ utf8: [UInt8]) throws(ICUError) -> [UInt8] {
    if utf8.isEmpty { return [] }
    let h = handle
    return try utf8.withUnsafeBufferPointer { (src) throws(ICUError) in
      let n = try icuLength(src.count, "ucnv_fromUChars")
      return try icuFill("ucnv_fromUChars", capacity: src.count * 2 + 8) { dst, cap, status in
        cicu_converter_from_utf8(h, src.baseAddress, n, dst, cap, &status)
      }
    }
  }

  /// Decodes charset bytes to UTF-8 in one shot.
  ///
  /// - Parameters:
  ///   - bytes: the whole text in `charset`.
  ///   - charset: an ICU charset name, e.g. `"GBK"`.
  ///   - strict: fail on illegal or unmappable bytes instead of substituting U+FFFD.
  /// - Returns: the UTF-8.
  /// - Throws: `ICUError` (unknown charset: `U_FILE_ACCESS_ERROR`; strict failures:
  ///   `U_ILLEGAL_CHAR_FOUND`, `U_INVALID_CHAR_FOUND`, `U_TRUNCATED_CHAR_FOUND`).
  ///
  /// ```swift
  /// try CharsetConverter.decode([0xD6, 0xD0, 0xCE, 0xC4], from: "GBK", strict: true)  // Array("中文".utf8)
  /// ```
  public static func decode(_ bytes: [UInt8], from charset: String, strict: Bool) throws(ICUError)
    -> [UInt8]
  {
    try CharsetConverter(charset: charset, strict: strict).toUTF8(bytes, flush: true)
  }

  /// Encodes UTF-8 into a charset in one shot, strictly: a character the charset cannot
  /// represent fails.
  ///
  /// - Parameters:
  ///   - utf8: well-formed UTF-8.
  ///   - charset: an ICU charset name, e.g. `"GBK"`.
  /// - Returns: the charset bytes.
  /// - Throws: `ICUError` (`U_INVALID_CHAR_FOUND` for an unmappable character).
  ///
  /// ```swift
  /// try CharsetConverter.encode(Array("中文".utf8), to: "GBK")  // [0xD6, 0xD0, 0xCE, 0xC4]
  /// ```
  public static func encode(_ utf8: [UInt8], to charset: String) throws(ICUError) -> [UInt8] {
    try CharsetConverter(charset: charset, strict: true).fromUTF8(utf8)
  }
}

@available(*, unavailable, message: "CharsetConverter is stateful; give each task its own")
extension CharsetConverter: Sendable {}
