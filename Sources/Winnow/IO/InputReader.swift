#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Reads an input in fixed-size chunks, so memory stays flat however large the input.
///
/// One buffer of ``chunkSize`` bytes is allocated and reused for every `read(2)`.
///
/// ```swift
/// let reader = try InputReader(.file(path: "page.txt"))
/// var total = 0
/// try reader.forEachChunk { chunk in total += chunk.count }
/// ```
public final class InputReader {
  /// The smallest and largest chunk sizes accepted (64 KiB and 1 MiB).
  public static let chunkSizeRange: ClosedRange<Int> = 65_536...1_048_576
  /// The default chunk size (256 KiB).
  public static let defaultChunkSize: Int = 262_144

  /// The input being read.
  public let source: InputSource
  /// The bytes per `read(2)`.
  public let chunkSize: Int
  /// The number of bytes read so far (the byte offset of the next chunk).
  public private(set) var bytesRead: Int = 0

  let fileSystem: any FileSystem
  var fd: Int32
  let ownsDescriptor: Bool
  let buffer: UnsafeMutableBufferPointer<UInt8>

  /// Opens `source` for reading.
  ///
  /// - Parameters:
  ///   - source: the input; standard input is read from descriptor 0 and not closed.
  ///   - chunkSize: bytes per read, clamped to ``chunkSizeRange``.
  ///   - fileSystem: the file system to use.
  /// - Throws: `WinnowError` with code `cannotOpenInput` naming the path and the reason.
  public init(
    _ source: InputSource, chunkSize: Int = InputReader.defaultChunkSize,
    fileSystem: any FileSystem = SystemFileSystem()
  ) throws(WinnowError) {
    self.source = source
    self.fileSystem = fileSystem
    self.chunkSize = min(
      max(chunkSize, Self.chunkSizeRange.lowerBound), Self.chunkSizeRange.upperBound)
    if let path = source.path {
      do {
        fd = try fileSystem.open(path, flags: O_RDONLY, mode: 0)
      } catch {
        throw InputSource.cannotOpen(path, error)
      }
      ownsDescriptor = true
    } else {
      fd = 0
      ownsDescriptor = false
    }
    buffer = .allocate(capacity: self.chunkSize)
  }

  deinit {
    if ownsDescriptor && fd >= 0 { try? fileSystem.close(fd) }
    buffer.deallocate()
  }

  /// Reads the input to its end, calling `body` with each chunk (never empty).
  ///
  /// The chunk is valid only during the call. A chunk may end inside a line or inside a
  /// multi-byte character.
  /// - Parameter body: receives each chunk; an error it throws stops the reading.
  /// - Throws: `WinnowError` with code `io` when a read fails (naming the byte offset),
  ///   or what `body` throws.
  public func forEachChunk(
    _ body: (UnsafeBufferPointer<UInt8>) throws(WinnowError) -> Void
  ) throws(WinnowError) {
    while true {
      let n: Int
      do {
        n = try fileSystem.read(fd, into: UnsafeMutableRawBufferPointer(buffer))
      } catch {
        throw WinnowError(
          .io, "\(source.displayName): read failed at byte \(bytesRead): \(error.reason)",
          path: source.path, byteOffset: bytesRead, cause: error.description)
      }
      if n == 0 { return }
      bytesRead += n
      try body(UnsafeBufferPointer(rebasing: buffer[0..<n]))
    }
  }
}
