#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A failed system call: the call's name and its `errno`.
///
/// ```swift
/// SystemCallError(call: "open", errno: ENOENT).description  // "open: No such file or directory"
/// ```
public struct SystemCallError: Error, Sendable, Hashable, CustomStringConvertible {
  /// The system call that failed, e.g. `"open"`.
  public var call: String
  /// The `errno` it reported.
  public var errno: Int32

  /// Creates an error for `call` failing with `errno`.
  public init(call: String, errno: Int32) {
    self.call = call
    self.errno = errno
  }

  /// The C library's message for ``errno`` (`strerror`).
  public var reason: String { String(cString: strerror(errno)) }

  public var description: String { "\(call): \(reason)" }
}

/// What ``FileSystem/status(_:followSymlinks:)`` reports about a path.
public struct FileStatus: Sendable, Hashable {
  /// The kind of file.
  public enum Kind: Sendable, Hashable {
    /// A regular file.
    case regular
    /// A directory.
    case directory
    /// A symbolic link (only when not following links).
    case symbolicLink
    /// A FIFO, socket or device.
    case other
  }

  /// The device holding the file (`st_dev`).
  public var device: UInt64
  /// The file's inode number (`st_ino`); with ``device`` it identifies the file.
  public var inode: UInt64
  /// The kind of file.
  public var kind: Kind
  /// The size in bytes (`st_size`).
  public var size: Int64

  /// Creates a status value.
  public init(device: UInt64, inode: UInt64, kind: Kind, size: Int64) {
    self.device = device
    self.inode = inode
    self.kind = kind
    self.size = size
  }

  /// Whether two statuses name the same file (same device and inode).
  public func isSameFile(as other: FileStatus) -> Bool {
    device == other.device && inode == other.inode
  }
}

/// The file system calls Winnow's I/O makes: one seam, so tests can inject faults.
///
/// Every method is a thin wrapper of one POSIX call and throws ``SystemCallError`` with
/// that call's `errno`. ``SystemFileSystem`` is the real one; a test wraps it and fails
/// chosen calls (a full disk on the third `write`, a `rename` that fails, …).
///
/// ```swift
/// let fs: any FileSystem = SystemFileSystem()
/// let fd = try fs.open("page.txt", flags: O_RDONLY, mode: 0)
/// ```
public protocol FileSystem: Sendable {
  /// `open(2)`. Returns the new descriptor.
  func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemCallError) -> Int32
  /// `read(2)` into `buffer`. Returns the number of bytes read (0 at end of file).
  func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError)
    -> Int
  /// `write(2)` from `buffer`. Returns the number of bytes written (may be fewer).
  func write(_ fd: Int32, from buffer: UnsafeRawBufferPointer) throws(SystemCallError) -> Int
  /// `fsync(2)`.
  func fsync(_ fd: Int32) throws(SystemCallError)
  /// `close(2)`.
  func close(_ fd: Int32) throws(SystemCallError)
  /// `rename(2)`.
  func rename(_ from: String, to: String) throws(SystemCallError)
  /// `unlink(2)`.
  func unlink(_ path: String) throws(SystemCallError)
  /// `mkdir(2)`.
  func makeDirectory(_ path: String, mode: UInt32) throws(SystemCallError)
  /// `stat(2)` (following symbolic links) or `lstat(2)`.
  func status(_ path: String, followSymlinks: Bool) throws(SystemCallError) -> FileStatus
  /// `fstat(2)`: the status of an open descriptor.
  func status(ofDescriptor fd: Int32) throws(SystemCallError) -> FileStatus
  /// `realpath(3)`: the absolute path with every symbolic link resolved.
  func realPath(_ path: String) throws(SystemCallError) -> String
  /// `opendir(3)`/`readdir(3)`: the names in a directory, without `.` and `..`, unsorted.
  func directoryEntries(_ path: String) throws(SystemCallError) -> [String]
}

/// The real file system, through Glibc. System calls interrupted by a signal (`EINTR`)
/// are retried.
public struct SystemFileSystem: FileSystem {
  /// Creates the real file system.
  public init() {}

  public func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemCallError) -> Int32 {
    while true {
      let fd = sysOpen(path, flags | O_CLOEXEC, mode_t(mode))
      if fd >= 0 { return fd }
      if errno != EINTR { throw SystemCallError(call: "open", errno: errno) }
    }
  }

  public func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError)
    -> Int
  {
    while true {
      let n = sysRead(fd, buffer.baseAddress, buffer.count)
      if n >= 0 { return n }
      if errno != EINTR { throw SystemCallError(call: "read", errno: errno) }
    }
  }

  public func write(_ fd: Int32, from buffer: UnsafeRawBufferPointer) throws(SystemCallError)
    -> Int
  {
    while true {
      let n = sysWrite(fd, buffer.baseAddress, buffer.count)
      if n >= 0 { return n }
      if errno != EINTR { throw SystemCallError(call: "write", errno: errno) }
    }
  }

  public func fsync(_ fd: Int32) throws(SystemCallError) {
    while sysFsync(fd) != 0 {
      // EINVAL: a pipe or terminal, which cannot be synced; nothing to do.
      if errno == EINVAL { return }
      if errno != EINTR { throw SystemCallError(call: "fsync", errno: errno) }
    }
  }

  public func close(_ fd: Int32) throws(SystemCallError) {
    // Never retry close (the descriptor is released even on EINTR on Linux).
    if sysClose(fd) != 0 && errno != EINTR { throw SystemCallError(call: "close", errno: errno) }
  }

  public func rename(_ from: String, to: String) throws(SystemCallError) {
    if sysRename(from, to) != 0 { throw SystemCallError(call: "rename", errno: errno) }
  }

  public func unlink(_ path: String) throws(SystemCallError) {
    if sysUnlink(path) != 0 { throw SystemCallError(call: "unlink", errno: errno) }
  }

  public func makeDirectory(_ path: String, mode: UInt32) throws(SystemCallError) {
    if sysMkdir(path, mode_t(mode)) != 0 { throw SystemCallError(call: "mkdir", errno: errno) }
  }

  public func status(_ path: String, followSymlinks: Bool) throws(SystemCallError) -> FileStatus {
    var st = stat()
    let rc = followSymlinks ? sysStat(path, &st) : sysLstat(path, &st)
    if rc != 0 { throw SystemCallError(call: followSymlinks ? "stat" : "lstat", errno: errno) }
    return FileStatus(st)
  }

  public func status(ofDescriptor fd: Int32) throws(SystemCallError) -> FileStatus {
    var st = stat()
    if sysFstat(fd, &st) != 0 { throw SystemCallError(call: "fstat", errno: errno) }
    return FileStatus(st)
  }

  public func realPath(_ path: String) throws(SystemCallError) -> String {
    guard let p = sysRealpath(path, nil) else {
      throw SystemCallError(call: "realpath", errno: errno)
    }
    defer { free(p) }
    return String(cString: p)
  }

  public func directoryEntries(_ path: String) throws(SystemCallError) -> [String] {
    guard let dir = opendir(path) else { throw SystemCallError(call: "opendir", errno: errno) }
    defer { closedir(dir) }
    var names: [String] = []
    while true {
      errno = 0
      guard let entry = readdir(dir) else {
        if errno != 0 { throw SystemCallError(call: "readdir", errno: errno) }
        break
      }
      let name = withUnsafePointer(to: &entry.pointee.d_name) { tuple in
        tuple.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: tuple.pointee))
        {
          String(cString: $0)
        }
      }
      if name != "." && name != ".." { names.append(name) }
    }
    return names
  }
}

// The C functions under names that do not clash with the protocol's methods.
@inline(__always) private func sysOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
  open(path, flags, mode)
}
@inline(__always) private func sysRead(_ fd: Int32, _ p: UnsafeMutableRawPointer?, _ n: Int) -> Int
{
  read(fd, p, n)
}
@inline(__always) private func sysWrite(_ fd: Int32, _ p: UnsafeRawPointer?, _ n: Int) -> Int {
  write(fd, p, n)
}
@inline(__always) private func sysFsync(_ fd: Int32) -> Int32 { fsync(fd) }
@inline(__always) private func sysClose(_ fd: Int32) -> Int32 { close(fd) }
@inline(__always) private func sysRename(_ a: String, _ b: String) -> Int32 { rename(a, b) }
@inline(__always) private func sysUnlink(_ path: String) -> Int32 { unlink(path) }
@inline(__always) private func sysMkdir(_ path: String, _ mode: mode_t) -> Int32 {
  mkdir(path, mode)
}
@inline(__always) private func sysStat(_ path: String, _ st: inout stat) -> Int32 {
  stat(path, &st)
}
@inline(__always) private func sysLstat(_ path: String, _ st: inout stat) -> Int32 {
  lstat(path, &st)
}
@inline(__always) private func sysRealpath(_ path: String, _ resolved: UnsafeMutablePointer<CChar>?)
  -> UnsafeMutablePointer<CChar>?
{
  realpath(path, resolved)
}
@inline(__always) private func sysFstat(_ fd: Int32, _ st: inout stat) -> Int32 {
  fstat(fd, &st)
}

extension FileStatus {
  fileprivate init(_ st: stat) {
    let kind: Kind
    switch UInt32(st.st_mode) & 0o170000 {
    case 0o100000: kind = .regular
    case 0o040000: kind = .directory
    case 0o120000: kind = .symbolicLink
    default: kind = .other
    }
    self.init(
      device: UInt64(st.st_dev), inode: UInt64(st.st_ino), kind: kind, size: Int64(st.st_size))
  }
}
