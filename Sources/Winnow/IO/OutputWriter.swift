#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Somewhere output bytes go: standard output, a file being written atomically, ….
public protocol OutputSink: AnyObject {
  /// Writes (or buffers) `bytes`.
  /// - Throws: `WinnowError` with code `io` when writing fails.
  func write(_ bytes: UnsafeRawBufferPointer) throws(WinnowError)
  /// Writes out anything buffered.
  /// - Throws: `WinnowError` with code `io` when writing fails.
  func flush() throws(WinnowError)
}

extension OutputSink {
  /// Writes (or buffers) `bytes`.
  /// - Throws: `WinnowError` with code `io` when writing fails.
  public func write(_ bytes: [UInt8]) throws(WinnowError) {
    try bytes.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(WinnowError) in
      try self.write(UnsafeRawBufferPointer(p))
    }
  }
}

/// A buffered writer to a file descriptor it does not own (such as standard output).
///
/// Small writes are gathered in a buffer (256 KiB by default) and go out in one `write(2)`;
/// partial writes are continued. A write that fails with `EPIPE` (the reader went away;
/// ignore `SIGPIPE` to get it) sets ``isBrokenPipe``, so a command can exit quietly.
///
/// ```swift
/// let out = FileDescriptorWriter(fd: 1, name: "<stdout>")
/// try out.write(Array("hello\n".utf8))
/// try out.flush()
/// ```
public final class FileDescriptorWriter: OutputSink {
  /// The default buffer size (256 KiB).
  public static let defaultBufferSize: Int = 262_144

  /// The descriptor written to.
  public let fd: Int32
  /// The name used in messages, e.g. `<stdout>` or a path.
  public let name: String
  /// Whether a write failed because the reading end of a pipe was closed.
  public private(set) var isBrokenPipe: Bool = false
  /// Bytes handed to `write(2)` so far.
  public private(set) var bytesWritten: Int = 0

  let fileSystem: any FileSystem
  var buffer: [UInt8]
  let capacity: Int

  /// Creates a writer.
  /// - Parameters:
  ///   - fd: an open descriptor, left open.
  ///   - name: the name for messages.
  ///   - bufferSize: how much to gather before writing (at least 4 KiB).
  ///   - fileSystem: the file system to use.
  public init(
    fd: Int32, name: String, bufferSize: Int = FileDescriptorWriter.defaultBufferSize,
    fileSystem: any FileSystem = SystemFileSystem()
  ) {
    self.fd = fd
    self.name = name
    self.fileSystem = fileSystem
    capacity = max(bufferSize, 4096)
    buffer = []
    buffer.reserveCapacity(capacity)
  }

  public func write(_ bytes: UnsafeRawBufferPointer) throws(WinnowError) {
    if buffer.count + bytes.count > capacity { try flush() }
    if bytes.count >= capacity {
      try writeAll(bytes)
    } else {
      buffer.append(contentsOf: bytes)
    }
  }

  public func flush() throws(WinnowError) {
    guard !buffer.isEmpty else { return }
    defer { buffer.removeAll(keepingCapacity: true) }
    try buffer.withUnsafeBufferPointer { (p: UnsafeBufferPointer<UInt8>) throws(WinnowError) in
      try self.writeAll(UnsafeRawBufferPointer(p))
    }
  }

  func writeAll(_ bytes: UnsafeRawBufferPointer) throws(WinnowError) {
    var offset = 0
    while offset < bytes.count {
      let n: Int
      do {
        n = try fileSystem.write(fd, from: UnsafeRawBufferPointer(rebasing: bytes[offset...]))
      } catch {
        if error.errno == EPIPE { isBrokenPipe = true }
        throw WinnowError(
          .io, "\(name): write failed at byte \(bytesWritten): \(error.reason)", path: name,
          byteOffset: bytesWritten, cause: error.description)
      }
      if n <= 0 { throw WinnowError(.io, "\(name): write made no progress", path: name) }
      offset += n
      bytesWritten += n
    }
  }
}
