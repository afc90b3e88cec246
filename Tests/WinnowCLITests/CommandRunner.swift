import Glibc
import WinnowTestSupport

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
    let selfPath =
      n > 0 ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : ""
    var directory = Substring(selfPath)
    // …/debug/WinnowPackageTests.xctest → …/debug
    if let slash = directory.lastIndex(of: "/") { directory = directory[..<slash] }
    return directory + "/winnow"
  }()

  /// Spawns `argv` with `actions`, as a shell would: no blocked signal and every signal at
  /// its default action (the test runner's threads block most signals, and a spawned
  /// child would inherit that mask).
  static func spawnClean(
    _ pid: inout pid_t, _ path: String, _ actions: inout posix_spawn_file_actions_t,
    _ argv: [UnsafeMutablePointer<CChar>?]
  ) -> Int32 {
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var none = sigset_t()
    sigemptyset(&none)
    var all = sigset_t()
    sigfillset(&all)
    posix_spawnattr_setsigmask(&attributes, &none)
    posix_spawnattr_setsigdefault(&attributes, &all)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    let env = Winnow.environment.map { strdup($0) } + [nil]
    defer { env.forEach { free($0) } }
    return posix_spawn(&pid, path, &actions, &attributes, argv, env)
  }

  /// The child's environment: small and fixed, so runs are reproducible. The gazetteer
  /// cache is the tests' temporary folder (compiled once for all runs, never in `~/.cache`).
  static let environment = [
    "PATH=/usr/local/bin:/usr/bin:/bin", "LC_ALL=C.UTF-8",
    "WINNOW_CACHE_DIR=" + TestCache.directory,
  ]

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
      stdout: readFile(outPath) ?? [],
      stderr: String(decoding: readFile(errPath) ?? [], as: UTF8.self),
      status: status, maxResidentKiB: usage)
  }

  /// Runs `winnow` with standard output into a pipe that is closed after `keep` bytes.
  static func runClosingStdout(_ arguments: [String], after keep: Int) -> CommandResult {
    let scratch = TemporaryDirectory()
    scratch.write("stdin", [])
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else {
      return CommandResult(stdout: [], stderr: "pipe failed", status: -1, maxResidentKiB: 0)
    }
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
    let rc = spawnClean(&pid, executable, &actions, argv)
    close(fds[1])
    guard rc == 0 else {
      close(fds[0]);
      return CommandResult(stdout: [], stderr: "spawn failed", status: -1, maxResidentKiB: 0)
    }
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
      stdout: Array(kept[0..<got]),
      stderr: String(decoding: readFile(errPath) ?? [], as: UTF8.self),
      status: status, maxResidentKiB: usage)
  }

  /// Runs `winnow` in `directory` with standard input from a pipe kept open, writes
  /// `feed` into it, waits until `ready()` holds (at most 10 s), then sends `SIGINT`.
  static func runInterrupted(
    _ arguments: [String], in directory: String, feed: [UInt8], until ready: () -> Bool
  ) -> CommandResult {
    let scratch = TemporaryDirectory()
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else {
      return CommandResult(stdout: [], stderr: "pipe failed", status: -1, maxResidentKiB: 0)
    }
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[0], 0)
    posix_spawn_file_actions_addclose(&actions, fds[1])
    posix_spawn_file_actions_addopen(
      &actions, 1, scratch.path + "/stdout", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(
      &actions, 2, scratch.path + "/stderr", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    let argv =
      (["/usr/bin/env", "-C", directory, executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let rc = spawnClean(&pid, "/usr/bin/env", &actions, argv)
    close(fds[0])
    guard rc == 0 else {
      close(fds[1])
      return CommandResult(stdout: [], stderr: "spawn failed", status: -1, maxResidentKiB: 0)
    }
    _ = feed.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
    for _ in 0..<500 where !ready() { usleep(20_000) }
    kill(pid, SIGINT)
    let (status, usage) = wait(pid)
    close(fds[1])
    return CommandResult(
      stdout: readFile(scratch.path + "/stdout") ?? [],
      stderr: String(decoding: readFile(scratch.path + "/stderr") ?? [], as: UTF8.self),
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
    guard spawnClean(&pid, argv[0], &actions, cArgs) == 0 else { return (-1, 0) }
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
