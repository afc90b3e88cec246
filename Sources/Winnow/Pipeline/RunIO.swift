#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// `strerror(errno)` as a string.
func errnoText(_ e: Int32 = errno) -> String { String(cString: strerror(e)) }

/// Reads a file whole (no decompression).
func readWholeFile(_ path: String) throws(WinnowError) -> [UInt8] {
  let reader = try ChunkReader(path: path, decompress: false)
  var out: [UInt8] = []
  while let chunk = try reader.next() { out.append(contentsOf: chunk) }
  return out
}

/// Reads a file (or stdin) in chunks, decompressing `.gz`/`.zst` by extension.
final class ChunkReader {
  let fd: Int32
  let path: String
  let ownsFD: Bool
  let decompressor: (any ByteTransform)?
  var finished = false
  var buffer: [UInt8]
  /// Raw (compressed) bytes read so far.
  private(set) var rawBytes = 0

  /// Opens `path` (`-` for stdin).
  init(path: String, decompress: Bool = true, chunkSize: Int = 256 * 1024) throws(WinnowError) {
    self.path = path
    if path == "-" {
      fd = 0
      ownsFD = false
    } else {
      let f = open(path, O_RDONLY | O_CLOEXEC)
      guard f >= 0 else {
        throw WinnowError(.cannotOpenInput, "\(path): cannot open for reading", path: path, cause: errnoText())
      }
      fd = f
      ownsFD = true
    }
    buffer = [UInt8](repeating: 0, count: chunkSize)
    do {
      decompressor = decompress && path != "-" ? try Compression(path: path).makeDecompressor(path: path) : nil
    } catch {
      if ownsFD { close(fd) }
      throw error
    }
  }

  deinit { if ownsFD { close(fd) } }

  /// The next chunk of (decompressed) bytes, or nil at the end.
  func next() throws(WinnowError) -> [UInt8]? {
    while !finished {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        let e = errno
        throw WinnowError(
          e == EISDIR ? .cannotOpenInput : .io, "\(path): read failed", path: path, byteOffset: rawBytes, cause: errnoText(e))
      }
      rawBytes += n
      if n == 0 {
        finished = true
        guard let d = decompressor else { return nil }
        var out: [UInt8] = []
        try d.finish(into: &out)
        return out.isEmpty ? nil : out
      }
      guard let d = decompressor else { return Array(buffer[..<n]) }
      var out: [UInt8] = []
      let r: Result<Void, WinnowError> = buffer.withUnsafeBytes { p in
        do throws(WinnowError) { try d.transform(UnsafeRawBufferPointer(rebasing: p[..<n]), into: &out); return .success(()) } catch { return .failure(error) }
      }
      try r.get()
      if !out.isEmpty { return out }
    }
    return nil
  }
}

/// Splits a chunked byte stream into lines (without their `\n`; a `\r` before it is
/// removed too). Memory is bounded by the longest line plus one chunk.
final class LineReader {
  let reader: ChunkReader
  var pending: [UInt8] = []
  var start = 0
  var done = false
  /// The 1-based number of the last line returned.
  private(set) var lineNumber = 0

  init(_ reader: ChunkReader) { self.reader = reader }

  /// The next line, or nil at the end.
  func next() throws(WinnowError) -> [UInt8]? {
    while true {
      if let nl = pending[start...].firstIndex(of: 0x0A) {
        var end = nl
        if end > start, pending[end - 1] == 0x0D { end -= 1 }
        let line = Array(pending[start..<end])
        start = nl + 1
        lineNumber += 1
        return line
      }
      if done {
        guard start < pending.count else { return nil }
        let line = Array(pending[start...])
        start = pending.count
        lineNumber += 1
        return line
      }
      if start > 0 {
        pending.removeFirst(start)
        start = 0
      }
      if let chunk = try reader.next() {
        pending.append(contentsOf: chunk)
      } else {
        done = true
      }
    }
  }
}

/// An output file written under a temporary name and renamed into place on ``commit()``,
/// so a reader never sees it half-written; compressed by extension. `-` is stdout.
final class OutputFile {
  let path: String
  let temporaryPath: String?
  let fd: Int32
  let compressor: (any ByteTransform)?
  var pending: [UInt8] = []
  var closed = false
  /// Bytes handed to ``write(_:)`` (before compression).
  private(set) var bytesWritten = 0

  /// Opens `path` for writing; `temporaryPath` overrides the default `path.partial-PID` (a
  /// resumable run keeps it on interruption), and `append` continues an existing one.
  init(path: String, temporaryPath: String? = nil, append: Bool = false) throws(WinnowError) {
    self.path = path
    if path == "-" {
      fd = 1
      self.temporaryPath = nil
      compressor = nil
    } else if OutputFile.isSpecialFile(path) {
      // A device or FIFO (`/dev/null`, a named pipe): write to it directly. Renaming a
      // temporary file over it would replace the device with a regular file.
      let f = open(path, O_WRONLY | O_CLOEXEC)
      guard f >= 0 else {
        throw WinnowError(.cannotCreateOutput, "\(path): cannot open for writing", path: path, cause: errnoText())
      }
      fd = f
      self.temporaryPath = nil
      do {
        compressor = try Compression(path: path).makeCompressor(path: path)
      } catch {
        close(f)
        throw error
      }
    } else {
      let tmp = temporaryPath ?? "\(path).partial-\(getpid())"
      try OutputFile.makeParents(of: path)
      let f = open(tmp, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0o644)
      guard f >= 0 else {
        throw WinnowError(.cannotCreateOutput, "\(path): cannot create the output file", path: path, cause: errnoText())
      }
      fd = f
      self.temporaryPath = tmp
      do {
        compressor = try Compression(path: path).makeCompressor(path: path)
      } catch {
        close(f)
        unlink(tmp)
        throw error
      }
      OutputFile.register(tmp)
    }
  }

  /// Whether `path` exists and is not a regular file or directory (a device, FIFO, socket).
  static func isSpecialFile(_ path: String) -> Bool {
    var st = stat()
    guard stat(path, &st) == 0 else { return false }
    let kind = st.st_mode & S_IFMT
    return kind != S_IFREG && kind != S_IFDIR
  }

  /// Creates the parent directories of `path`.
  static func makeParents(of path: String) throws(WinnowError) {
    var prefix = ""
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
    for (i, part) in parts.enumerated() {
      prefix += (i == 0 ? "" : "/") + part
      if prefix.isEmpty || part.isEmpty || part == "." { continue }
      if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
        throw WinnowError(.cannotCreateOutput, "\(prefix): cannot create the output directory", path: prefix, cause: errnoText())
      }
    }
  }

  /// Buffers bytes, writing when 64 KB are pending.
  func write(_ bytes: some Collection<UInt8>) throws(WinnowError) {
    bytesWritten += bytes.count
    if let c = compressor {
      var out: [UInt8] = []
      let r: Result<Void, WinnowError>? = bytes.withContiguousStorageIfAvailable { p in
        do throws(WinnowError) { try c.transform(UnsafeRawBufferPointer(p), into: &out); return .success(()) } catch { return .failure(error) }
      }
      if let r {
        try r.get()
      } else {
        let r2: Result<Void, WinnowError> = Array(bytes).withUnsafeBytes { p in
          do throws(WinnowError) { try c.transform(p, into: &out); return .success(()) } catch { return .failure(error) }
        }
        try r2.get()
      }
      pending.append(contentsOf: out)
    } else {
      pending.append(contentsOf: bytes)
    }
    if pending.count >= 64 * 1024 { try flush() }
  }

  /// Writes what is buffered.
  func flush() throws(WinnowError) {
    var at = 0
    while at < pending.count {
      let n = pending.withUnsafeBytes { p in Glibc.write(fd, p.baseAddress! + at, p.count - at) }
      if n < 0 {
        if errno == EINTR { continue }
        let e = errno
        if e == EPIPE { throw WinnowError(.io, "broken pipe", path: path, cause: "EPIPE") }
        throw WinnowError(.io, "\(path == "-" ? "<stdout>" : path): write failed", path: path, cause: errnoText(e))
      }
      at += n
    }
    pending.removeAll(keepingCapacity: true)
  }

  /// Finishes the stream and renames the file into place.
  func commit() throws(WinnowError) {
    guard !closed else { return }
    if let c = compressor {
      var out: [UInt8] = []
      try c.finish(into: &out)
      pending.append(contentsOf: out)
    }
    try flush()
    closed = true
    guard let tmp = temporaryPath else {
      if fd > 2 { close(fd) }
      return
    }
    if fsync(fd) != 0 && errno != EINVAL {
      close(fd)
      throw WinnowError(.io, "\(path): fsync failed", path: path, cause: errnoText())
    }
    close(fd)
    guard rename(tmp, path) == 0 else {
      throw WinnowError(.cannotCreateOutput, "\(path): cannot rename the finished output into place", path: path, cause: errnoText())
    }
    OutputFile.unregister(tmp)
  }

  /// Stops writing; removes the temporary file unless `keep`.
  func abandon(keep: Bool = false) {
    guard !closed else { return }
    closed = true
    if temporaryPath != nil {
      if keep { try? flush() }
      close(fd)
    } else if fd > 2 {
      close(fd)
    }
    if let tmp = temporaryPath {
      if !keep { unlink(tmp) }
      OutputFile.unregister(tmp)
    }
  }

  deinit { abandon() }

  // MARK: Temporary files to remove on a signal

  nonisolated(unsafe) static var liveTemporaries: [String] = []
  static let liveLock = PthreadLock()

  static func register(_ path: String) {
    liveLock.locked { liveTemporaries.append(path) }
  }

  static func unregister(_ path: String) {
    liveLock.locked { liveTemporaries.removeAll { $0 == path } }
  }

  /// Removes every temporary output still open (after an interruption).
  public static func removeTemporaries(keeping keep: Set<String> = []) {
    liveLock.locked {
      for p in liveTemporaries where !keep.contains(p) { unlink(p) }
      liveTemporaries.removeAll()
    }
  }
}

/// A plain pthread mutex.
final class PthreadLock: @unchecked Sendable {
  private let m: UnsafeMutablePointer<pthread_mutex_t>
  init() {
    m = .allocate(capacity: 1)
    pthread_mutex_init(m, nil)
  }
  deinit {
    pthread_mutex_destroy(m)
    m.deallocate()
  }
  func lock() { pthread_mutex_lock(m) }
  func unlock() { pthread_mutex_unlock(m) }
  func locked<T>(_ body: () throws -> T) rethrows -> T {
    pthread_mutex_lock(m)
    defer { pthread_mutex_unlock(m) }
    return try body()
  }
}

/// File-system helpers for the runner.
enum RunFiles {
  /// Whether `path` is a directory (following symlinks).
  static func isDirectory(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
  }

  /// Whether `path` exists.
  static func exists(_ path: String) -> Bool {
    var st = stat()
    return stat(path, &st) == 0
  }

  /// The canonical absolute path, or nil.
  static func realPath(_ path: String) -> String? {
    guard let p = realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }

  /// The files under a directory, recursively, sorted, as paths relative to it, whose base
  /// names match one of `include` (all when empty). Hidden entries are skipped.
  static func walk(_ root: String, include: [String]) throws(WinnowError) -> [String] {
    var result: [String] = []
    var stack: [String] = [""]
    while let rel = stack.popLast() {
      let dirPath = rel.isEmpty ? root : root + "/" + rel
      guard let dir = opendir(dirPath) else {
        throw WinnowError(.cannotOpenInput, "\(dirPath): cannot read the directory", path: dirPath, cause: errnoText())
      }
      var names: [String] = []
      while let entry = readdir(dir) {
        let name = withUnsafeBytes(of: entry.pointee.d_name) { p in
          String(decoding: p.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
        if name.hasPrefix(".") { continue }
        names.append(name)
      }
      closedir(dir)
      var subdirs: [String] = []
      for name in names.sorted() {
        let childRel = rel.isEmpty ? name : rel + "/" + name
        if isDirectory(root + "/" + childRel) {
          subdirs.append(childRel)
        } else if include.isEmpty || include.contains(where: { fnmatch($0, name, 0) == 0 || fnmatch($0, childRel, 0) == 0 }) {
          result.append(childRel)
        }
      }
      stack.append(contentsOf: subdirs.reversed())
    }
    return result.sorted()
  }
}
