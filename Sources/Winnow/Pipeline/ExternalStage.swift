import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The `external` stage: a long-lived command that reads documents as JSON lines on its
/// stdin and writes each one back, changed, as one JSON line on its stdout — so stages can
/// be written in any language.
///
/// The line sent is ``Document/wireJSON``: `{"id","text","metadata","annotations","results"}`;
/// the answer is an object of the same shape (see ``Document/apply(wire:stage:)``). The
/// command must answer every line with exactly one line and flush it. Its stderr is
/// Winnow's. With `--jobs N`, up to N copies run (one per worker at a time).
///
/// Options: `command` (a shell command line, run with `/bin/sh -c`, or a list of arguments,
/// run directly), `name` (the name used in drop and annotation records, default `external`).
///
/// ```yaml
/// stages:
///   - {stage: external, command: "python3 upper.py"}
/// ```
///
/// Creating one sets SIGPIPE to ignored for the process, so a command that dies makes the
/// write fail with `EPIPE` (reported for that document) instead of killing Winnow.
public struct ExternalStage: Stage {
  /// The argument vector run (`["/bin/sh", "-c", line]` for a command line).
  public let arguments: [String]
  /// The name used in results.
  public let label: String
  let pool: ProcessPool

  /// A stage running `arguments` (the first is looked up in `PATH`).
  public init(arguments: [String], label: String = "external") {
    precondition(!arguments.isEmpty, "an external stage needs a command")
    self.arguments = arguments
    self.label = label
    pool = ProcessPool(arguments: arguments)
    signal(SIGPIPE, SIG_IGN)
  }

  /// A stage running a shell command line.
  public init(command: String, label: String = "external") {
    self.init(arguments: ["/bin/sh", "-c", command], label: label)
  }

  public var name: String { "external" }

  public var options: JSONObject {
    ["command": .array(arguments.map { .string($0) }), "name": .string(label)]
  }

  public func process(_ document: inout Document) throws(WinnowError) {
    var line: [UInt8] = []
    document.wireJSON.serialize(into: &line)
    line.append(0x0A)
    let answer = try pool.roundTrip(line)
    let value: JSONValue
    do {
      value = try JSONValue(parsing: answer)
    } catch {
      throw WinnowError(
        .invalidData, "external command \(commandText) answered with invalid JSON: \(error.message)"
      )
    }
    guard let o = value.objectValue else {
      throw WinnowError(
        .invalidData,
        "external command \(commandText) answered with a JSON \(value.typeName), not an object")
    }
    do {
      try document.apply(wire: o, stage: label)
    } catch {
      throw WinnowError(.invalidData, "external command \(commandText): \(error.message)")
    }
  }

  var commandText: String {
    arguments.count == 3 && arguments[0] == "/bin/sh" && arguments[1] == "-c"
      ? "'\(arguments[2])'" : "'\(arguments.joined(separator: " "))'"
  }

  /// The registry entry.
  public static let descriptor = StageDescriptor(
    name: "external",
    summary:
      "Runs a command that reads and writes documents as JSON lines (a plugin in any language).",
    options: [
      StageOptionInfo(
        "command", type: "string|list",
        help: "A shell command line, or a list of arguments run without a shell."),
      StageOptionInfo(
        "name", type: "string", default: "external",
        help: "The name recorded as the source of its annotations."),
    ]
  ) { (o: StageOptions) throws(WinnowError) -> any Stage in
    let label = try o.string("name", default: "external")
    guard let v = o.value("command") else {
      throw o.error("command", "required: the command to run")
    }
    if case .array = v {
      guard let args = try o.strings("command"), !args.isEmpty else {
        throw o.error("command", "must not be empty")
      }
      return ExternalStage(arguments: args, label: label)
    }
    let line = try o.string("command", default: "")
    guard !line.isEmpty else { throw o.error("command", "must not be empty") }
    return ExternalStage(command: line, label: label)
  }
}

/// One running command with pipes to its stdin and stdout.
///
/// `@unchecked Sendable`: a process is used by one worker at a time (the pool hands it out
/// under its lock and gets it back the same way).
final class ExternalProcess: @unchecked Sendable {
  let pid: pid_t
  let input: Int32
  let output: Int32
  var buffer: [UInt8] = []

  init(arguments: [String]) throws(WinnowError) {
    // Pipes are made close-on-exec under one lock, so a command started by another
    // worker never inherits this one's pipe ends (which would keep its stdin open).
    spawnLock.lock()
    defer { spawnLock.unlock() }
    var toChild: [Int32] = [0, 0]
    var fromChild: [Int32] = [0, 0]
    guard pipe(&toChild) == 0 else {
      throw WinnowError(
        .internal, "cannot create a pipe for external command",
        cause: String(cString: strerror(errno)))
    }
    guard pipe(&fromChild) == 0 else {
      close(toChild[0]); close(toChild[1])
      throw WinnowError(
        .internal, "cannot create a pipe for external command",
        cause: String(cString: strerror(errno)))
    }
    for fd in toChild + fromChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
    argv.append(nil)
    defer { for p in argv { free(p) } }
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
    close(toChild[0])
    close(fromChild[1])
    guard rc == 0 else {
      close(toChild[1]); close(fromChild[0])
      throw WinnowError(
        .usage, "cannot start external command '\(arguments.joined(separator: " "))'",
        cause: String(cString: strerror(rc)))
    }
    self.pid = pid
    input = toChild[1]
    output = fromChild[0]
  }

  /// Writes one line and reads one line back (without its newline).
  func roundTrip(_ line: [UInt8]) throws(WinnowError) -> [UInt8] {
    var written = 0
    while written < line.count {
      let n = line.withUnsafeBytes { p in write(input, p.baseAddress! + written, p.count - written)
      }
      if n < 0 {
        if errno == EINTR { continue }
        throw WinnowError(
          .io, "cannot write to the external command (it may have exited)",
          cause: String(cString: strerror(errno)))
      }
      written += n
    }
    var scanFrom = 0
    var chunk = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      if let nl = buffer[scanFrom...].firstIndex(of: 0x0A) {
        let answer = Array(buffer[..<nl])
        buffer.removeFirst(nl + 1)
        return answer
      }
      scanFrom = buffer.count
      let n = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
      if n < 0 {
        if errno == EINTR { continue }
        throw WinnowError(
          .io, "cannot read from the external command", cause: String(cString: strerror(errno)))
      }
      if n == 0 { throw WinnowError(.io, "the external command exited without answering") }
      buffer.append(contentsOf: chunk[..<n])
    }
  }

  /// Closes its stdin (it should exit) and reaps it.
  func terminate() {
    close(input)
    close(output)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
  }
}

/// Serializes pipe creation and spawning (see ``ExternalProcess/init(arguments:)``).
let spawnLock = PthreadLock()

/// Idle command processes; a worker takes one (starting a new one if none is idle) for
/// each document and puts it back after.
final class ProcessPool: Sendable {
  let arguments: [String]
  private let idle = Mutex<[ExternalProcess]>([])

  init(arguments: [String]) { self.arguments = arguments }

  func roundTrip(_ line: [UInt8]) throws(WinnowError) -> [UInt8] {
    let taken: ExternalProcess? = idle.withLock { $0.popLast() }
    let process: ExternalProcess
    if let taken { process = taken } else { process = try ExternalProcess(arguments: arguments) }
    do {
      let answer = try process.roundTrip(line)
      idle.withLock { $0.append(process) }
      return answer
    } catch {
      process.terminate()
      throw error
    }
  }

  deinit {
    idle.withLock { list in for p in list { p.terminate() } }
  }
}
