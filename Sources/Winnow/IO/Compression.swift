internal import CZlib
internal import CZstd

/// A compression format chosen by file extension.
///
/// ```swift
/// Compression(path: "pages.jsonl.gz")   // .gzip
/// Compression(path: "pages.jsonl")      // .none
/// ```
public enum Compression: String, Sendable, Hashable, CaseIterable {
  /// Plain bytes.
  case none
  /// gzip (RFC 1952) through the system zlib; concatenated members are read as one stream.
  case gzip
  /// Zstandard through the system libzstd; concatenated frames are read as one stream.
  case zstd

  /// The format a path's extension names (`.gz`, `.zst`), else `.none`.
  public init(path: String) {
    if path.hasSuffix(".gz") {
      self = .gzip
    } else if path.hasSuffix(".zst") || path.hasSuffix(".zstd") {
      self = .zstd
    } else {
      self = .none
    }
  }

  /// The path without the compression extension (`a.jsonl.gz` → `a.jsonl`).
  public static func strippingExtension(_ path: String) -> String {
    for ext in [".gz", ".zst", ".zstd"] where path.hasSuffix(ext) {
      return String(path.dropLast(ext.count))
    }
    return path
  }

  /// A streaming decompressor for this format (nil for `.none`).
  func makeDecompressor(path: String) throws(WinnowError) -> (any ByteTransform)? {
    switch self {
    case .none: nil
    case .gzip: try GzipInflater(path: path)
    case .zstd: try ZstdDecompressor(path: path)
    }
  }

  /// A streaming compressor for this format (nil for `.none`).
  func makeCompressor(path: String) throws(WinnowError) -> (any ByteTransform)? {
    switch self {
    case .none: nil
    case .gzip: try GzipDeflater(path: path)
    case .zstd: try ZstdCompressor(path: path)
    }
  }
}

/// A streaming byte transformation (compression or decompression).
protocol ByteTransform: AnyObject {
  /// Transforms a chunk, appending output to `out`.
  func transform(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) throws(WinnowError)
  /// Ends the stream, appending the last output.
  func finish(into out: inout [UInt8]) throws(WinnowError)
}

let transformChunk = 128 * 1024

/// gzip decompression (zlib `inflate` with automatic gzip header detection).
final class GzipInflater: ByteTransform {
  let stream: UnsafeMutablePointer<z_stream>
  let path: String
  var ended = false
  var consumedTotal = 0

  init(path: String) throws(WinnowError) {
    self.path = path
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    // windowBits 15 + 32: zlib or gzip header, detected.
    let rc = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    guard rc == Z_OK else {
      stream.deallocate();
      throw WinnowError(.internal, "\(path): zlib inflateInit2 failed (\(rc))", path: path)
    }
  }

  deinit {
    inflateEnd(stream)
    stream.deallocate()
  }

  func transform(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) throws(WinnowError) {
    guard let base = input.baseAddress, input.count > 0 else { return }
    var offset = 0
    var buffer = [UInt8](repeating: 0, count: transformChunk)
    while offset < input.count {
      if ended {
        // Another gzip member follows.
        inflateReset(stream)
        ended = false
      }
      stream.pointee.next_in = UnsafeMutablePointer(
        mutating: base.assumingMemoryBound(to: UInt8.self) + offset)
      stream.pointee.avail_in = UInt32(min(input.count - offset, Int(UInt32.max)))
      while true {
        var rc: Int32 = Z_OK
        let produced = buffer.withUnsafeMutableBufferPointer { b -> Int in
          stream.pointee.next_out = b.baseAddress
          stream.pointee.avail_out = UInt32(b.count)
          rc = inflate(stream, Z_NO_FLUSH)
          return b.count - Int(stream.pointee.avail_out)
        }
        out.append(contentsOf: buffer[..<produced])
        if rc == Z_STREAM_END { ended = true; break }
        guard rc == Z_OK || rc == Z_BUF_ERROR else {
          let msg = stream.pointee.msg.map { String(cString: $0) } ?? "error \(rc)"
          let at = consumedTotal + input.count - Int(stream.pointee.avail_in)
          throw WinnowError(
            .invalidData, "\(path): corrupt gzip data near compressed byte \(at): \(msg)",
            path: path)
        }
        if stream.pointee.avail_out != 0 { break }
      }
      let next = input.count - Int(stream.pointee.avail_in)
      if next == offset && !ended { break }
      offset = next
    }
    consumedTotal += input.count
  }

  func finish(into out: inout [UInt8]) throws(WinnowError) {
    if !ended && consumedTotal > 0 {
      throw WinnowError(
        .invalidData, "\(path): truncated gzip data (the file ends inside a compressed stream)",
        path: path)
    }
  }
}

/// gzip compression (zlib `deflate`, level 6).
final class GzipDeflater: ByteTransform {
  let stream: UnsafeMutablePointer<z_stream>
  let path: String

  init(path: String) throws(WinnowError) {
    self.path = path
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    // windowBits 15 + 16: write a gzip header.
    let rc = deflateInit2_(
      stream, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
      Int32(MemoryLayout<z_stream>.size))
    guard rc == Z_OK else {
      stream.deallocate();
      throw WinnowError(.internal, "\(path): zlib deflateInit2 failed (\(rc))", path: path)
    }
  }

  deinit {
    deflateEnd(stream)
    stream.deallocate()
  }

  func run(_ input: UnsafeRawBufferPointer, flush: Int32, into out: inout [UInt8])
    throws(WinnowError)
  {
    var buffer = [UInt8](repeating: 0, count: transformChunk)
    stream.pointee.next_in = input.baseAddress.map {
      UnsafeMutablePointer(mutating: $0.assumingMemoryBound(to: UInt8.self))
    }
    stream.pointee.avail_in = UInt32(input.count)
    var rc: Int32 = Z_OK
    repeat {
      let produced = buffer.withUnsafeMutableBufferPointer { b -> Int in
        stream.pointee.next_out = b.baseAddress
        stream.pointee.avail_out = UInt32(b.count)
        rc = deflate(stream, flush)
        return b.count - Int(stream.pointee.avail_out)
      }
      out.append(contentsOf: buffer[..<produced])
      guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else {
        throw WinnowError(.internal, "\(path): zlib deflate failed (\(rc))", path: path)
      }
    } while stream.pointee.avail_out == 0 || (flush == Z_FINISH && rc != Z_STREAM_END)
  }

  func transform(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) throws(WinnowError) {
    guard input.count > 0 else { return }
    try run(input, flush: Z_NO_FLUSH, into: &out)
  }

  func finish(into out: inout [UInt8]) throws(WinnowError) {
    try run(UnsafeRawBufferPointer(start: nil, count: 0), flush: Z_FINISH, into: &out)
  }
}

/// Zstandard decompression (`ZSTD_decompressStream`).
final class ZstdDecompressor: ByteTransform {
  let stream: OpaquePointer
  let path: String
  var midFrame = false

  init(path: String) throws(WinnowError) {
    self.path = path
    guard let s = ZSTD_createDStream() else {
      throw WinnowError(.internal, "\(path): ZSTD_createDStream failed", path: path)
    }
    stream = s
    ZSTD_initDStream(stream)
  }

  deinit { ZSTD_freeDStream(stream) }

  func transform(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) throws(WinnowError) {
    guard input.count > 0 else { return }
    var buffer = [UInt8](repeating: 0, count: transformChunk)
    var inBuf = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
    while true {
      var hint = 0
      let produced = buffer.withUnsafeMutableBytes { b -> Int in
        var outBuf = ZSTD_outBuffer(dst: b.baseAddress, size: b.count, pos: 0)
        hint = ZSTD_decompressStream(stream, &outBuf, &inBuf)
        return outBuf.pos
      }
      if ZSTD_isError(hint) != 0 {
        throw WinnowError(
          .invalidData, "\(path): corrupt zstd data: \(String(cString: ZSTD_getErrorName(hint)))",
          path: path)
      }
      out.append(contentsOf: buffer[..<produced])
      midFrame = hint != 0
      if inBuf.pos == inBuf.size && produced < buffer.count { break }
    }
  }

  func finish(into out: inout [UInt8]) throws(WinnowError) {
    if midFrame {
      throw WinnowError(
        .invalidData, "\(path): truncated zstd data (the file ends inside a frame)", path: path)
    }
  }
}

/// Zstandard compression (`ZSTD_compressStream2`, level 3).
final class ZstdCompressor: ByteTransform {
  let context: OpaquePointer
  let path: String

  init(path: String) throws(WinnowError) {
    self.path = path
    guard let c = ZSTD_createCCtx() else {
      throw WinnowError(.internal, "\(path): ZSTD_createCCtx failed", path: path)
    }
    context = c
    ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 3)
  }

  deinit { ZSTD_freeCCtx(context) }

  func run(_ input: UnsafeRawBufferPointer, end: Bool, into out: inout [UInt8]) throws(WinnowError)
  {
    var buffer = [UInt8](repeating: 0, count: transformChunk)
    var inBuf = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
    while true {
      var remaining = 0
      let produced = buffer.withUnsafeMutableBytes { b -> Int in
        var outBuf = ZSTD_outBuffer(dst: b.baseAddress, size: b.count, pos: 0)
        remaining = ZSTD_compressStream2(
          context, &outBuf, &inBuf, end ? ZSTD_e_end : ZSTD_e_continue)
        return outBuf.pos
      }
      if ZSTD_isError(remaining) != 0 {
        throw WinnowError(
          .internal,
          "\(path): zstd compression failed: \(String(cString: ZSTD_getErrorName(remaining)))",
          path: path)
      }
      out.append(contentsOf: buffer[..<produced])
      if end ? remaining == 0 : (inBuf.pos == inBuf.size && produced < buffer.count) { break }
    }
  }

  func transform(_ input: UnsafeRawBufferPointer, into out: inout [UInt8]) throws(WinnowError) {
    guard input.count > 0 else { return }
    try run(input, end: false, into: &out)
  }

  func finish(into out: inout [UInt8]) throws(WinnowError) {
    try run(UnsafeRawBufferPointer(start: nil, count: 0), end: true, into: &out)
  }
}
