import Glibc

/// What a run of the `winnow` binary produced.
struct CommandResult {
  /// Standard output, raw.
  var stdout: [UInt8]
  /// Standard error as text.
  var stderr: String
  /// The exit status (or 128 + signal number when killed by a signal).
  var status: Int32
  /// The child's peak resident set size in KiB (`ru_maxrss`).
  var maxResidentKiB: Int

  /// Standard output as text.
  var output: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs the built `winnow` binary as a subprocess (the idea of swift-argument-parser's
/// `AssertExecuteCommand`: check stdout, stderr and the exit status).
enum Winnow {
  /// The `winnow` executable, next to the test bundle in the build products directory.
  static let executable: String = {
    var buffer = [CChar](repeating: 0, count: 4096)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    let selfPath = n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
    var directory = Substring(selfPath)
    // …/debug/WinnowPackageTests.xctest → …/debug
    if let slash = directory.lastIndex(of: "/") { directory = directory[..<slash] }
    return directory + "/winnow"
  }()

  /// The child's environment: small and fixed, so runs are reproducible.
  static let environment = ["PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C.UTF-8"]

  /// Runs `winnow arguments…` in `directory` with `stdin` (bytes, a file path, or nothing).
  static func run(
    _ arguments: [String], stdin: [UInt8]? = nil, stdinFile: String? = nil,
    in directory: String? = nil
  ) -> CommandResult {
    let scratch = TemporaryDirectory()
    let inPath = stdinFile ?? scratch.path + "/stdin"
    if stdinFile == nil { scratch.write("stdin", stdin ?? []) }
    let outPath = scratch.path + "/stdout"
    let errPath = scratch.path + "/stderr"
    let (status, usage) = spawn(
      [executable] + arguments, stdin: inPath, stdout: outPath, stderr: errPath,
      directory: directory)
    return CommandResult(
      stdout: readFile(outPath) ?? [], stderr: String(decoding: readFile(errPath) ?? [], as: UTF8.self),
      status: status, maxResidentKiB: usage)
  }

  /// Runs `winnow` with standard output into a pipe that is closed after `keep` bytes.
  static func runClosingStdout(_ arguments: [String], after keep: Int) -> CommandResult {
    let scratch = TemporaryDirectory()
    scratch.write("stdin", [])
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { return CommandResult(stdout: [], stderr: "pipe failed", status: -1, maxResidentKiB: 0) }
    let errPath = scratch.path + "/stderr"
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, scratch.path + "/stdin", O_RDONLY, 0)
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
    posix_spawn_file_actions_addclose(&actions, fds[0])
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let env = Winnow.environment.map { strdup($0) } + [nil]
    defer { env.forEach { free($0) } }
    let rc = posix_spawn(&pid, executable, &actions, nil, argv, env)
    close(fds[1])
    guard rc == 0 else { close(fds[0]); return CommandResult(stdout: [], stderr: "spawn failed", status: -1, maxResidentKiB: 0) }
    var kept = [UInt8](repeating: 0, count: keep)
    var got = 0
    while got < keep {
      let n = kept.withUnsafeMutableBytes { read(fds[0], $0.baseAddress! + got, keep - got) }
      if n <= 0 { break }
      got += n
    }
    close(fds[0])
    let (status, usage) = wait(pid)
    return CommandResult(
      stdout: Array(kept[0..<got]), stderr: String(decoding: readFile(errPath) ?? [], as: UTF8.self),
      status: status, maxResidentKiB: usage)
  }

  static func spawn(
    _ argv: [String], stdin: String, stdout: String, stderr: String, directory: String?
  ) -> (Int32, Int) {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    // `env -C DIR` changes directory (posix_spawn_file_actions_addchdir_np is not
    // imported into Swift).
    let argv = directory.map { ["/usr/bin/env", "-C", $0] + argv } ?? argv
    let cArgs = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    let env = Winnow.environment.map { strdup($0) } + [nil]
    defer { env.forEach { free($0) } }
    guard posix_spawn(&pid, argv[0], &actions, nil, cArgs, env) == 0 else { return (-1, 0) }
    return wait(pid)
  }

  static func wait(_ pid: pid_t) -> (Int32, Int) {
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let low = status & 0x7F
    let code = low == 0 ? (status >> 8) & 0xFF : 128 + low
    return (code, Int(usage.ru_maxrss))
  }
}

/// Reads a whole file, or nil when it cannot be opened.
func readFile(_ path: String) -> [UInt8]? {
  let fd = open(path, O_RDONLY)
  guard fd >= 0 else { return nil }
  defer { close(fd) }
  var result: [UInt8] = []
  var buffer = [UInt8](repeating: 0, count: 65536)
  while true {
    let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
    if n <= 0 { break }
    result.append(contentsOf: buffer[0..<n])
  }
  return result
}

/// A fresh directory under /tmp, removed when the value is released.
final class TemporaryDirectory {
  let path: String

  init() {
    var template = Array("/tmp/winnow-cli-test-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    path = made.map { String(cString: $0) } ?? "/tmp"
  }

  deinit {
    _ = system("rm -rf '\(path)'")
  }

  /// Writes `bytes` to `relative` (creating parent directories).
  func write(_ relative: String, _ bytes: [UInt8]) {
    let full = path + "/" + relative
    if let slash = full.lastIndex(of: "/") {
      _ = system("mkdir -p '\(full[..<slash])'")
    }
    let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard fd >= 0 else { return }
    defer { close(fd) }
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n <= 0 { return }
        offset += n
      }
    }
  }

  func write(_ relative: String, _ text: String) { write(relative, Array(text.utf8)) }

  /// The contents of `relative`, or nil when missing.
  func read(_ relative: String) -> String? {
    readFile(path + "/" + relative).map { String(decoding: $0, as: UTF8.self) }
  }

  /// Every file name under the directory (relative paths), sorted.
  func allFiles() -> [String] {
    var result: [String] = []
    func walk(_ relative: String) {
      let full = relative.isEmpty ? path : path + "/" + relative
      guard let dir = opendir(full) else { return }
      defer { closedir(dir) }
      while let entry = readdir(dir) {
        let name = withUnsafePointer(to: &entry.pointee.d_name) {
          $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
        }
        if name == "." || name == ".." { continue }
        let child = relative.isEmpty ? name : relative + "/" + name
        if entry.pointee.d_type == UInt8(DT_DIR) { walk(child) } else { result.append(child) }
      }
    }
    walk("")
    return result.sorted()
  }
}
