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
        throw WinnowError(
          .cannotOpenInput, "\(path): cannot open for reading", path: path, cause: errnoText())
      }
      fd = f
      ownsFD = true
    }
    buffer = [UInt8](repeating: 0, count: chunkSize)
    do {
      decompressor =
        decompress && path != "-" ? try Compression(path: path).makeDecompressor(path: path) : nil
    } catch {
      if ownsFD { close(fd) }
      throw error
    }
  }

  deinit { if ownsFD { close(fd) } }

  /// The bytes of the chunk ``fill()`` read last: `buffer[..<filled]`, or `decoded` when
  /// decompressing.
  private var filled = 0
  private var decoded: [UInt8] = []

  /// Reads the next chunk in place (into the read buffer, or the decompressed bytes into
  /// one reused array), for ``withChunk(_:)``; its size, or 0 at the end.
  func fill() throws(WinnowError) -> Int {
    if decompressor == nil {
      filled = 0
      if !finished {
        let n = try readRaw()
        if n == 0 { finished = true } else { filled = n }
      }
      return filled
    }
    decoded.removeAll(keepingCapacity: true)
    return try appendNext(to: &decoded) ? decoded.count : 0
  }

  /// One `read(2)` into the read buffer (retried on `EINTR`); the byte count, 0 at the end.
  private func readRaw() throws(WinnowError) -> Int {
    while true {
      let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
      if n >= 0 {
        rawBytes += n
        return n
      }
      let e = errno
      if e == EINTR { continue }
      throw WinnowError(
        e == EISDIR ? .cannotOpenInput : .io, "\(path): read failed", path: path,
        byteOffset: rawBytes, cause: errnoText(e))
    }
  }

  /// Calls `body` with the bytes of the chunk ``fill()`` read last (valid until the next
  /// `fill()`).
  func withChunk<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if decompressor == nil {
      return buffer.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<filled])) }
    }
    return decoded.withUnsafeBufferPointer(body)
  }

  /// The next chunk of (decompressed) bytes, or nil at the end.
  func next() throws(WinnowError) -> [UInt8]? {
    var out: [UInt8] = []
    return try appendNext(to: &out) ? out : nil
  }

  /// Appends the next chunk of (decompressed) bytes to `out` (from the read buffer, with
  /// no intermediate array); false at the end.
  func appendNext(to out: inout [UInt8]) throws(WinnowError) -> Bool {
    while !finished {
      let n = try readRaw()
      if n == 0 {
        finished = true
        guard let d = decompressor else { return false }
        let before = out.count
        try d.finish(into: &out)
        return out.count > before
      }
      guard let d = decompressor else {
        buffer.withUnsafeBufferPointer {
          out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<n]))
        }
        return true
      }
      let before = out.count
      let r: Result<Void, WinnowError> = buffer.withUnsafeBytes { p in
        do throws(WinnowError) {
          try d.transform(UnsafeRawBufferPointer(rebasing: p[..<n]), into: &out);
          return .success(())
        } catch { return .failure(error) }
      }
      try r.get()
      if out.count > before { return true }
    }
    return false
  }
}

/// Splits a chunked byte stream into lines (without their `\n`; a `\r` before it is
/// removed too). Memory is bounded by `maxLineBytes` (or the longest line) plus one chunk:
/// a line longer than `maxLineBytes` is not buffered but skipped to its end, and comes back
/// as ``Line/tooLong(bytes:)``. Each byte is searched for `\n` once, so a long line costs
/// time linear in its length. A line inside one chunk is copied once, from the read buffer
/// to the line; only a line cut by a chunk's end is gathered in ``carry`` first.
final class LineReader {
  /// One line, or the length of one skipped for its size.
  enum Line: Equatable {
    case bytes([UInt8])
    case tooLong(bytes: Int)
  }

  let reader: ChunkReader
  let maxLineBytes: Int
  /// The start of a line begun in an earlier chunk (empty while skipping one).
  var carry: [UInt8] = []
  /// While skipping an over-long line: its length so far and its last byte.
  var skipped: (length: Int, last: UInt8)?
  /// The next unread byte of the reader's chunk, and the chunk's size.
  var position = 0
  var chunkCount = 0
  var done = false
  /// The 1-based number of the last line returned.
  private(set) var lineNumber = 0

  init(_ reader: ChunkReader, maxLineBytes: Int = .max) {
    self.reader = reader
    self.maxLineBytes = max(0, maxLineBytes)
  }

  /// The next line, or nil at the end; a line over the limit is returned empty (use
  /// ``nextLine()`` to tell).
  func next() throws(WinnowError) -> [UInt8]? {
    switch try nextLine() {
    case .bytes(let b)?: return b
    case .tooLong?: return []
    case nil: return nil
    }
  }

  /// The next line, or nil at the end.
  func nextLine() throws(WinnowError) -> Line? {
    while true {
      if position < chunkCount, let line = takeFromChunk() { return line }
      if done {
        if let s = skipped {
          skipped = nil
          lineNumber += 1
          return .tooLong(bytes: s.length)
        }
        guard !carry.isEmpty else { return nil }
        let length = carry.count
        let line: Line = length > maxLineBytes ? .tooLong(bytes: length) : .bytes(carry)
        carry = []
        lineNumber += 1
        return line
      }
      chunkCount = try reader.fill()
      position = 0
      if chunkCount == 0 { done = true }
    }
  }

  /// The line ending in the current chunk, or nil after taking the rest of the chunk into
  /// ``carry`` (or ``skipped``).
  private func takeFromChunk() -> Line? {
    reader.withChunk { p -> Line? in
      guard let base = p.baseAddress, position < p.count else { return nil }
      let rest = p.count - position
      guard let hit = memchr(base + position, 0x0A, rest) else {
        // No line end in this chunk: keep the piece, or only count it past the limit.
        let piece = UnsafeBufferPointer(rebasing: p[position..<p.count])
        if let s = skipped {
          skipped = (s.length + piece.count, piece[piece.count - 1])
        } else {
          carry.append(contentsOf: piece)
          // (- 1: a line of exactly the limit may still be followed by its `\r\n`.)
          if carry.count - 1 > maxLineBytes {
            skipped = (carry.count, carry[carry.count - 1])
            carry = []
          }
        }
        position = p.count
        return nil
      }
      let nl = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(hit))
      let piece = UnsafeBufferPointer(rebasing: p[position..<nl])
      position = nl + 1
      lineNumber += 1
      // The line's last byte, to drop a `\r` before the `\n`.
      let last: UInt8? = piece.last ?? (skipped.map(\.last) ?? carry.last)
      let cr = last == 0x0D ? 1 : 0
      if let s = skipped {
        skipped = nil
        return .tooLong(bytes: s.length + piece.count - cr)
      }
      let length = carry.count + piece.count - cr
      if length > maxLineBytes {
        carry = []
        return .tooLong(bytes: length)
      }
      if carry.isEmpty {
        return .bytes(Array(UnsafeBufferPointer(rebasing: piece[..<(piece.count - cr)])))
      }
      carry.append(contentsOf: piece)
      carry.removeLast(cr)
      defer { carry = [] }
      return .bytes(carry)
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
        throw WinnowError(
          .cannotCreateOutput, "\(path): cannot open for writing", path: path, cause: errnoText())
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
      // The I/O layer's directory creation (as for every other output).
      try AtomicFileWriter.createDirectories(
        PathName.parent(path), for: path, fileSystem: SystemFileSystem())
      let f = open(tmp, O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0o644)
      guard f >= 0 else {
        throw WinnowError(
          .cannotCreateOutput, "\(path): cannot create the output file", path: path,
          cause: errnoText())
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

  /// Buffers bytes, writing when 64 KB are pending.
  func write(_ bytes: some Collection<UInt8>) throws(WinnowError) {
    bytesWritten += bytes.count
    if let c = compressor {
      var out: [UInt8] = []
      let r: Result<Void, WinnowError>? = bytes.withContiguousStorageIfAvailable { p in
        do throws(WinnowError) {
          try c.transform(UnsafeRawBufferPointer(p), into: &out); return .success(())
        } catch { return .failure(error) }
      }
      if let r {
        try r.get()
      } else {
        let r2: Result<Void, WinnowError> = Array(bytes).withUnsafeBytes { p in
          do throws(WinnowError) { try c.transform(p, into: &out); return .success(()) } catch {
            return .failure(error)
          }
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
        throw WinnowError(
          .io, "\(path == "-" ? "<stdout>" : path): write failed", path: path, cause: errnoText(e))
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
      throw WinnowError(
        .cannotCreateOutput, "\(path): cannot rename the finished output into place", path: path,
        cause: errnoText())
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
    try? SystemFileSystem().realPath(path)
  }

  /// The files under a directory, recursively, sorted, as paths relative to it, whose base
  /// names match one of `include` (all when empty). Hidden entries are skipped. Symbolic
  /// links are followed, but a link to a directory on the current path (a loop) is not
  /// entered: it is added to `loops` with a `cannotOpenInput` error, and the walk goes on.
  static func walk(
    _ root: String, include: [String], loops: inout [(String, WinnowError)]
  ) throws(WinnowError) -> [String] {
    var result: [String] = []
    var rootStatus = stat()
    guard stat(root, &rootStatus) == 0 else {
      throw WinnowError(
        .cannotOpenInput, "\(root): cannot read the directory", path: root, cause: errnoText())
    }
    // Each pending directory with the (device, inode) pairs of the directories above it.
    var stack: [(String, [DirectoryID])] = [("", [DirectoryID(rootStatus)])]
    while let (rel, ancestors) = stack.popLast() {
      let dirPath = rel.isEmpty ? root : root + "/" + rel
      guard let dir = opendir(dirPath) else {
        throw WinnowError(
          .cannotOpenInput, "\(dirPath): cannot read the directory", path: dirPath,
          cause: errnoText())
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
      var subdirs: [(String, [DirectoryID])] = []
      for name in names.sorted() {
        let childRel = rel.isEmpty ? name : rel + "/" + name
        var st = stat()
        if stat(root + "/" + childRel, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
          let id = DirectoryID(st)
          if ancestors.contains(id) {
            loops.append(
              (
                childRel,
                WinnowError(
                  .cannotOpenInput,
                  "\(root)/\(childRel): file system loop (a link to a directory above it); skipped",
                  path: root + "/" + childRel)
              ))
          } else {
            subdirs.append((childRel, ancestors + [id]))
          }
        } else if include.isEmpty
          || include.contains(where: { fnmatch($0, name, 0) == 0 || fnmatch($0, childRel, 0) == 0 })
        {
          result.append(childRel)
        }
      }
      stack.append(contentsOf: subdirs.reversed())
    }
    return result.sorted()
  }

  /// A directory's identity (device and inode), for loop detection.
  struct DirectoryID: Equatable {
    var device: UInt64
    var inode: UInt64
    init(_ st: stat) {
      device = UInt64(st.st_dev)
      inode = UInt64(st.st_ino)
    }
  }
}
