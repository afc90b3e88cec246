import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes a file so that it is either wholly replaced or not touched at all.
///
/// Bytes go to a temporary file in the destination's directory
/// (`.NAME.winnow-XXXXXXXX.tmp`, created with mode 0666 less the umask). ``commit()`` flushes, `fsync`s and renames it over the
/// destination (then syncs the directory); ``cancel()``, a failed write, or dropping an
/// uncommitted writer removes it. With ``installSignalCleanup()``, `SIGINT`, `SIGTERM` and
/// `SIGHUP` remove the open temporary file too. Readers of the destination never see a
/// half-written file. A destination that is a symbolic link has its target replaced; one
/// that is a device or FIFO (`/dev/null`, a named pipe) is written directly, as there is
/// nothing to replace.
///
/// ```swift
/// let writer = try AtomicFileWriter(path: "out/page.txt", createDirectories: true)
/// try writer.write(Array("clean text\n".utf8))
/// try writer.commit()   // out/page.txt now holds the text; no temporary file is left
/// ```
public final class AtomicFileWriter: OutputSink {
  /// The destination path.
  public let path: String
  /// The temporary file's path, beside the destination; `nil` when the destination is a
  /// device or FIFO, which is written directly.
  public let temporaryPath: String?
  /// The file replaced: ``path``, or the target when ``path`` is a symbolic link.
  public let destination: String

  let fileSystem: any FileSystem
  let writer: FileDescriptorWriter
  var fd: Int32
  var finished: Bool = false
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
    // Write through a symbolic link: replace its target, keep the link.
    var destination = path
    if let link = try? fileSystem.status(path, followSymlinks: false), link.kind == .symbolicLink,
      let target = try? fileSystem.realPath(path)
    {
      destination = target
    }
    // A device or FIFO (/dev/null, a named pipe) has nothing to replace: write to it.
    if let existing = try? fileSystem.status(destination, followSymlinks: true),
      existing.kind == .other
    {
      do {
        fd = try fileSystem.open(destination, flags: O_WRONLY, mode: 0)
      } catch {
        throw WinnowError(
          .cannotCreateOutput, "\(path): cannot open output: \(error.reason)", path: path,
          cause: error.description)
      }
      temporaryPath = nil
      self.destination = destination
      writer = FileDescriptorWriter(
        fd: fd, name: path, bufferSize: bufferSize, fileSystem: fileSystem)
      return
    }
    self.destination = destination
    let directory = PathName.parent(destination)
    let name = PathName.lastComponent(destination)
    if createDirectories {
      try Self.createDirectories(directory, for: path, fileSystem: fileSystem)
    }
    var attempt = 0
    var opened: (Int32, String)?
    while opened == nil {
      let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
      let candidate = PathName.join(directory, ".\(name).winnow-\(suffix).tmp")
      do {
        let descriptor = try fileSystem.open(
          candidate, flags: O_WRONLY | O_CREAT | O_EXCL, mode: 0o666)
        opened = (descriptor, candidate)
      } catch {
        attempt += 1
        if error.errno == EEXIST && attempt < 100 { continue }
        throw WinnowError(
          .cannotCreateOutput, "\(path): cannot create output: \(error.reason)", path: path,
          cause: error.description)
      }
    }
    guard let (descriptor, candidate) = opened else { preconditionFailure("loop exits opened") }
    fd = descriptor
    temporaryPath = candidate
    writer = FileDescriptorWriter(
      fd: fd, name: path, bufferSize: bufferSize, fileSystem: fileSystem)
    signalSlot = SignalCleanup.register(candidate)
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
    guard let temporaryPath else {
      finished = true
      return
    }
    do {
      try fileSystem.rename(temporaryPath, to: destination)
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
    if let dir = try? fileSystem.open(PathName.parent(destination), flags: O_RDONLY, mode: 0) {
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
    if let temporaryPath { try? fileSystem.unlink(temporaryPath) }
    SignalCleanup.unregister(signalSlot)
    signalSlot = nil
  }

  /// Makes `SIGINT`, `SIGTERM` and `SIGHUP` remove the temporary file of the writer
  /// opened last (if still open), then end the process as the signal would. A signal that
  /// is ignored when this is called (as for a background job) stays ignored.
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
  /// The `strdup`ed path's address, 0 when none.
  static let slot = Atomic<Int>(0)

  /// Makes `path` the file to remove; returns the C string to pass to `unregister`.
  static func register(_ path: String) -> UnsafeMutablePointer<CChar>? {
    let copy = strdup(path)
    slot.store(Int(bitPattern: copy), ordering: .sequentiallyConsistent)
    return copy
  }

  /// Clears the slot if it still holds `copy`, and frees `copy`.
  static func unregister(_ copy: UnsafeMutablePointer<CChar>?) {
    guard let copy else { return }
    _ = slot.compareExchange(
      expected: Int(bitPattern: copy), desired: 0, ordering: .sequentiallyConsistent)
    free(copy)
  }

  static func install() {
    for sig in [SIGINT, SIGTERM, SIGHUP] {
      let previous = signal(sig) { received in
        let address = SignalCleanup.slot.load(ordering: .sequentiallyConsistent)
        if let p = UnsafePointer<CChar>(bitPattern: address) { unlink(p) }
        signal(received, SIG_DFL)
        raise(received)
      }
      // A signal the parent chose to ignore (a background job, nohup) stays ignored.
      if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
        signal(sig, SIG_IGN)
      }
    }
  }
}
