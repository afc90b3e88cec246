import Glibc
import Testing
import Winnow
import WinnowTestSupport

/// A file system that fails chosen calls: the fault-injection seam in use.
private struct FaultyFileSystem: FileSystem {
  let base = SystemFileSystem()
  /// `write` fails with this errno once this many bytes were written.
  var failWritesAfter: Int? = nil
  var failRename = false
  var failFsync = false
  /// Paths whose status `status(ofDescriptor:)` reports for these descriptors.
  var descriptors: [Int32: String] = [:]
  let written = Counter()

  final class Counter: @unchecked Sendable {  // Tests are single-threaded per instance.
    var bytes = 0
  }

  func open(_ path: String, flags: Int32, mode: UInt32) throws(SystemCallError) -> Int32 {
    try base.open(path, flags: flags, mode: mode)
  }
  func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemCallError) -> Int
  {
    try base.read(fd, into: buffer)
  }
  func write(_ fd: Int32, from buffer: UnsafeRawBufferPointer) throws(SystemCallError) -> Int {
    if let limit = failWritesAfter, written.bytes + buffer.count > limit {
      throw SystemCallError(call: "write", errno: ENOSPC)
    }
    let n = try base.write(fd, from: buffer)
    written.bytes += n
    return n
  }
  func fsync(_ fd: Int32) throws(SystemCallError) {
    if failFsync { throw SystemCallError(call: "fsync", errno: EIO) }
    try base.fsync(fd)
  }
  func close(_ fd: Int32) throws(SystemCallError) { try base.close(fd) }
  func rename(_ from: String, to: String) throws(SystemCallError) {
    if failRename { throw SystemCallError(call: "rename", errno: EXDEV) }
    try base.rename(from, to: to)
  }
  func unlink(_ path: String) throws(SystemCallError) { try base.unlink(path) }
  func makeDirectory(_ path: String, mode: UInt32) throws(SystemCallError) {
    try base.makeDirectory(path, mode: mode)
  }
  func status(_ path: String, followSymlinks: Bool) throws(SystemCallError) -> FileStatus {
    try base.status(path, followSymlinks: followSymlinks)
  }
  func status(ofDescriptor fd: Int32) throws(SystemCallError) -> FileStatus {
    if let path = descriptors[fd] { return try base.status(path, followSymlinks: true) }
    return try base.status(ofDescriptor: fd)
  }
  func realPath(_ path: String) throws(SystemCallError) -> String { try base.realPath(path) }
  func directoryEntries(_ path: String) throws(SystemCallError) -> [String] {
    try base.directoryEntries(path)
  }
}

@Suite("IO: inputs")
struct InputSourceTests {
  @Test("no operand and '-' mean standard input")
  func standardInput() {
    #expect(InputSource.expand([]).map { try? $0.get() } == [.standardInput])
    #expect(InputSource.expand(["-"]).map { try? $0.get() } == [.standardInput])
  }

  @Test("directories are walked recursively in byte order; a missing operand fails in place")
  func walk() throws {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    s.write("d/b.txt", "b")
    s.write("d/a/z.txt", "z")
    s.write("d/B.txt", "B")
    s.write("d/a/y/x.txt", "x")
    s.write("f.txt", "f")
    let results = InputSource.expand([s.path + "/d", s.path + "/missing", s.path + "/f.txt"])
    let paths = results.map { r in (try? r.get())?.path ?? "ERR" }
    let root = s.path + "/d"
    #expect(
      paths == [
        root + "/B.txt", root + "/a/y/x.txt", root + "/a/z.txt", root + "/b.txt", "ERR",
        s.path + "/f.txt",
      ])
    guard case .failure(let error) = results[4] else {
      Issue.record("expected a failure")
      return
    }
    #expect(error.code == .cannotOpenInput)
    #expect(error.message.contains("missing: cannot open input"))
    #expect(try results[1].get() == .directoryMember(root: root, relativePath: "a/y/x.txt"))
  }

  @Test("a symbolic link back to an ancestor is reported once, not followed forever")
  func symlinkLoop() {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    s.write("d/sub/a.txt", "a")
    #expect(symlink("..", s.path + "/d/sub/up") == 0)
    let results = InputSource.expand([s.path + "/d"])
    let files = results.compactMap { try? $0.get().path }
    let failures = results.filter { if case .failure = $0 { true } else { false } }
    #expect(files == [s.path + "/d/sub/a.txt"])
    #expect(failures.count == 1)
  }
}

@Suite("IO: output plan")
struct IOPlanTests {
  @Test("modes: stdout, one file, a mirrored directory")
  func modes() throws {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    s.write("in/a.txt", "a")
    s.write("in/sub/b.txt", "b")
    s.write("c.txt", "c")
    #expect(try IOPlan(operands: [s.path + "/c.txt"], output: nil).mode == .standardOutput)
    #expect(
      try IOPlan(operands: [s.path + "/c.txt"], output: s.path + "/o.txt").mode
        == .file(s.path + "/o.txt"))
    let plan = try IOPlan(operands: [s.path + "/in", s.path + "/c.txt"], output: s.path + "/out")
    #expect(plan.mode == .directory(s.path + "/out"))
    #expect(
      plan.items.compactMap { try? $0.get().outputPath } == [
        s.path + "/out/a.txt", s.path + "/out/sub/b.txt", s.path + "/out/c.txt",
      ])
  }

  @Test(
    "refusals",
    arguments: [
      (["in"], nil, "is a directory"),
      (["c.txt"], "c.txt", "also an input"),
      (["in"], "in/deeper/out", "inside the input directory"),
      (["in"], "in", "inside the input directory"),
      (["in", "c.txt", "in/sub/c.txt"], "out", "would both be written"),
      (["-"], "out/", "standard input cannot"),
    ] as [([String], String?, String)])
  func refusals(operands: [String], output: String?, message: String) {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    s.write("in/sub/c.txt", "x")
    s.write("c.txt", "c")
    do {
      _ = try IOPlan(
        operands: operands.map { $0 == "-" ? $0 : s.path + "/" + $0 },
        output: output.map { s.path + "/" + $0 })
      Issue.record("expected a refusal")
    } catch {
      #expect(error.code == .usage)
      #expect(error.message.contains(message), "\(error.message)")
    }
  }
}

@Suite("IO: output plan, standard streams")
struct IOPlanStreamTests {
  @Test("standard output redirected to an input file is refused")
  func stdoutIsInput() {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    s.write("page.txt", "x")
    var fs = FaultyFileSystem()
    fs.descriptors[1] = s.path + "/page.txt"
    #expect {
      _ = try IOPlan(operands: [s.path + "/page.txt"], output: nil, fileSystem: fs)
    } throws: { error in
      (error as? WinnowError)?.code == .usage
    }
  }

  @Test("standard input redirected from the output file is refused")
  func stdinIsOutput() {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    s.write("page.txt", "x")
    var fs = FaultyFileSystem()
    fs.descriptors[0] = s.path + "/page.txt"
    #expect {
      _ = try IOPlan(operands: ["-"], output: s.path + "/page.txt", fileSystem: fs)
    } throws: { error in
      (error as? WinnowError)?.message.contains("also an input") == true
    }
  }
}

@Suite("IO: reading and writing")
struct ReadWriteTests {
  @Test("a file is read in chunks of the chosen size")
  func chunks() throws {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    let text = String(repeating: "0123456789", count: 20_000)  // 200,000 bytes
    s.write("f.txt", text)
    let reader = try InputReader(.file(path: s.path + "/f.txt"), chunkSize: 65_536)
    var sizes: [Int] = []
    var bytes: [UInt8] = []
    try reader.forEachChunk { chunk in
      sizes.append(chunk.count)
      bytes.append(contentsOf: chunk)
    }
    #expect(sizes == [65_536, 65_536, 65_536, 3_392])
    #expect(bytes == Array(text.utf8))
    #expect(reader.bytesRead == 200_000)
  }

  @Test("chunk sizes are clamped to 64 KiB…1 MiB")
  func clamp() throws {
    #expect(try InputReader(.standardInput, chunkSize: 1).chunkSize == 65_536)
    #expect(try InputReader(.standardInput, chunkSize: 1 << 30).chunkSize == 1_048_576)
  }

  @Test("opening a missing file is cannotOpenInput naming it")
  func missing() {
    #expect {
      _ = try InputReader(.file(path: "/nonexistent/x.txt"))
    } throws: { error in
      (error as? WinnowError)?.code == .cannotOpenInput
        && (error as? WinnowError)?.message.hasPrefix("/nonexistent/x.txt: ") == true
    }
  }

  @Test("commit replaces the destination and leaves no temporary file")
  func commit() throws {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    s.write("out.txt", "old")
    let w = try AtomicFileWriter(path: s.path + "/out.txt")
    try w.write(Array("new text".utf8))
    #expect(s.read("out.txt") == "old")  // not visible before commit
    try w.commit()
    #expect(s.read("out.txt") == "new text")
    #expect(s.names() == ["out.txt"])
  }

  @Test("cancel, and dropping an uncommitted writer, remove the temporary file")
  func cancel() throws {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    s.write("out.txt", "old")
    let w = try AtomicFileWriter(path: s.path + "/out.txt")
    try w.write(Array("partial".utf8))
    #expect(s.names().count == 2)
    w.cancel()
    #expect(s.names() == ["out.txt"])
    do {
      let dropped = try AtomicFileWriter(path: s.path + "/new.txt")
      try dropped.write(Array("partial".utf8))
    }
    #expect(s.names() == ["out.txt"])
    #expect(s.read("out.txt") == "old")
  }

  @Test(
    "an injected failure leaves the destination untouched and no temporary file",
    arguments: ["write", "fsync", "rename"])
  func injectedFaults(call: String) throws {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    s.write("out.txt", "old")
    var fs = FaultyFileSystem()
    switch call {
    case "write": fs.failWritesAfter = 100_000
    case "fsync": fs.failFsync = true
    default: fs.failRename = true
    }
    let w = try AtomicFileWriter(path: s.path + "/out.txt", bufferSize: 4096, fileSystem: fs)
    let block = [UInt8](repeating: 0x61, count: 10_000)
    do {
      for _ in 0..<20 { try w.write(block) }
      try w.commit()
      Issue.record("expected a failure")
    } catch {
      #expect(error.code == (call == "rename" ? .cannotCreateOutput : .io))
      #expect(error.message.hasPrefix(s.path + "/out.txt: "))
    }
    #expect(s.read("out.txt") == "old")
    #expect(s.names() == ["out.txt"])
  }

  @Test("missing parent directories are created on request")
  func createDirectories() throws {
    let s = TemporaryDirectory(prefix: "winnow-io-test")
    let w = try AtomicFileWriter(path: s.path + "/a/b/c.txt", createDirectories: true)
    try w.write(Array("x".utf8))
    try w.commit()
    #expect(s.read("a/b/c.txt") == "x")
  }

  @Test("a write to a closed pipe sets isBrokenPipe")
  func brokenPipe() throws {
    signal(SIGPIPE, SIG_IGN)
    var fds: [Int32] = [0, 0]
    #expect(pipe(&fds) == 0)
    close(fds[0])
    defer { close(fds[1]) }
    let w = FileDescriptorWriter(fd: fds[1], name: "<pipe>")
    try w.write(Array("x".utf8))
    #expect(throws: WinnowError.self) { try w.flush() }
    #expect(w.isBrokenPipe)
  }
}
