#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif
import Synchronization

/// Writes a file so that it is either wholly replaced or not touched at all.
///
/// Bytes go to a temporary file in the destination's directory
/// (`.NAME.winnow-XXXXXXXX.tmp`). ``commit()`` flushes, `fsync`s and renames it over the
/// destination (then syncs the directory); ``cancel()``, a failed write, or dropping an
/// uncommitted writer removes it. With ``installSignalCleanup()``, `SIGINT`, `SIGTERM` and
/// `SIGHUP` remove the open temporary file too. Readers of the destination never see a
/// half-written file.
///
/// ```swift
/// let writer = try AtomicFileWriter(path: "out/page.txt", createDirectories: true)
/// try writer.write(Array("clean text\n".utf8))
/// try writer.commit()   // out/page.txt now holds the text; no temporary file is left
/// ```
public final class AtomicFileWriter: OutputSink {
  /// The destination path.
  public let path: String
  /// The temporary file's path, beside the destination.
  public let temporaryPath: String

  let fileSystem: any FileSystem
  let writer: FileDescriptorWriter
  var fd: Int32
  var finished = false
  var signalSlot: UnsafeMutablePointer<CChar>?

  /// Creates the temporary file.
  ///
  /// - Parameters:
  ///   - path: the destination; its directory must exist unless `createDirectories`.
  ///   - createDirectories: create missing parent directories (mode 0777 less the umask).
  ///   - bufferSize: bytes gathered per `write(2)`.
  ///   - fileSystem: the file system to use.
  /// - Throws: `WinnowError` with code `cannotCreateOutput` naming the path and reason.
  public init(
    path: String, createDirectories: Bool = false,
    bufferSize: Int = FileDescriptorWriter.defaultBufferSize,
    fileSystem: any FileSystem = SystemFileSystem()
  ) throws(WinnowError) {
    self.path = path
    self.fileSystem = fileSystem
    let directory = PathName.parent(path)
    let name = PathName.lastComponent(path)
    if createDirectories {
      try Self.createDirectories(directory, for: path, fileSystem: fileSystem)
    }
    var attempt = 0
    while true {
      let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
      let candidate = PathName.join(directory, ".\(name).winnow-\(suffix).tmp")
      do {
        fd = try fileSystem.open(
          candidate, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o666)
        temporaryPath = candidate
        break
      } catch {
        attempt += 1
        if error.errno == EEXIST && attempt < 100 { continue }
        throw WinnowError(
          .cannotCreateOutput, "\(path): cannot create output: \(error.reason)", path: path,
          cause: error.description)
      }
    }
    writer = FileDescriptorWriter(
      fd: fd, name: path, bufferSize: bufferSize, fileSystem: fileSystem)
    signalSlot = SignalCleanup.register(temporaryPath)
  }

  deinit {
    if !finished { cancel() }
  }

  /// Writes (or buffers) `bytes` into the temporary file.
  /// - Throws: `WinnowError` with code `io`; the temporary file is then removed.
  public func write(_ bytes: UnsafeRawBufferPointer) throws(WinnowError) {
    precondition(!finished, "AtomicFileWriter used after commit or cancel")
    do {
      try writer.write(bytes)
    } catch {
      cancel()
      throw error
    }
  }

  /// Writes out anything buffered (to the temporary file).
  /// - Throws: `WinnowError` with code `io`; the temporary file is then removed.
  public func flush() throws(WinnowError) {
    precondition(!finished, "AtomicFileWriter used after commit or cancel")
    do {
      try writer.flush()
    } catch {
      cancel()
      throw error
    }
  }

  /// Flushes, syncs and renames the temporary file over the destination.
  /// - Throws: `WinnowError` with code `io` (write, `fsync`, `close`) or
  ///   `cannotCreateOutput` (`rename`); the temporary file is then removed.
  public func commit() throws(WinnowError) {
    try flush()
    do throws(SystemCallError) {
      try fileSystem.fsync(fd)
      let closing = fd
      fd = -1
      try fileSystem.close(closing)
    } catch {
      cancel()
      throw WinnowError(
        .io, "\(path): cannot finish writing: \(error.reason)", path: path,
        cause: error.description)
    }
    do {
      try fileSystem.rename(temporaryPath, to: path)
    } catch {
      cancel()
      throw WinnowError(
        .cannotCreateOutput, "\(path): cannot replace the output: \(error.reason)", path: path,
        cause: error.description)
    }
    finished = true
    SignalCleanup.unregister(signalSlot)
    signalSlot = nil
    // Make the rename itself durable; a failure here cannot undo it, so it is ignored.
    if let dir = try? fileSystem.open(PathName.parent(path), flags: O_RDONLY, mode: 0) {
      try? fileSystem.fsync(dir)
      try? fileSystem.close(dir)
    }
  }

  /// Abandons the output: closes and removes the temporary file. The destination is
  /// untouched. Calling it again, or after ``commit()``, does nothing.
  public func cancel() {
    guard !finished else { return }
    finished = true
    if fd >= 0 {
      try? fileSystem.close(fd)
      fd = -1
    }
    try? fileSystem.unlink(temporaryPath)
    SignalCleanup.unregister(signalSlot)
    signalSlot = nil
  }

  /// Makes `SIGINT`, `SIGTERM` and `SIGHUP` remove the temporary file of the writer
  /// opened last (if still open), then end the process as the signal would.
  ///
  /// For commands; a library embedding Winnow keeps its own signal handling.
  public static func installSignalCleanup() {
    SignalCleanup.install()
  }

  static func createDirectories(
    _ directory: String, for path: String, fileSystem: any FileSystem
  ) throws(WinnowError) {
    if (try? fileSystem.status(directory, followSymlinks: true))?.kind == .directory { return }
    let parent = PathName.parent(directory)
    if parent != directory { try createDirectories(parent, for: path, fileSystem: fileSystem) }
    do {
      try fileSystem.makeDirectory(directory, mode: 0o777)
    } catch {
      if error.errno == EEXIST,
        (try? fileSystem.status(directory, followSymlinks: true))?.kind == .directory
      {
        return
      }
      throw WinnowError(
        .cannotCreateOutput, "\(path): cannot create directory \(directory): \(error.reason)",
        path: path, cause: error.description)
    }
  }
}

/// The temporary file a signal handler should remove: a C string in an atomic slot.
///
/// One slot is enough for a command writing one output at a time. The handler only calls
/// async-signal-safe functions (`unlink`, `signal`, `raise`).
enum SignalCleanup {
  static let slot = Atomic<UnsafeMutablePointer<CChar>?>(nil)

  /// Makes `path` the file to remove; returns the C string to pass to `unregister`.
  static func register(_ path: String) -> UnsafeMutablePointer<CChar>? {
    let copy = strdup(path)
    slot.store(copy, ordering: .sequentiallyConsistent)
    return copy
  }

  /// Clears the slot if it still holds `copy`, and frees `copy`.
  static func unregister(_ copy: UnsafeMutablePointer<CChar>?) {
    guard let copy else { return }
    _ = slot.compareExchange(expected: copy, desired: nil, ordering: .sequentiallyConsistent)
    free(copy)
  }

  static func install() {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      signal(sig) { received in
        if let p = SignalCleanup.slot.load(ordering: .sequentiallyConsistent) { unlink(p) }
        signal(received, SIG_DFL)
        raise(received)
      }
    }
  }
}
