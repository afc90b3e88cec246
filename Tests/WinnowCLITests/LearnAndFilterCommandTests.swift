import Foundation
import Testing
import WinnowTestSupport

/// `winnow learn`, and `winnow run` as a streaming JSONL filter (the contract Spark's
/// `RDD.pipe` and Hadoop Streaming rely on).
@Suite("winnow learn; winnow run as a streaming filter")
struct LearnAndFilterCommandTests {
  /// A JSONL corpus of `pages` pages on three sites: every page of a site carries the
  /// site's navigation line (which only the corpus pass can tell is boilerplate) and an
  /// article line of its own.
  static func corpus(pages: Int) -> String {
    var out = ""
    for i in 0..<pages {
      let host = "site\(i % 3).example"
      let nav = "Ｗｅｌｃｏｍｅ ｔｏ \(host), where the news of the whole world is gathered for you."
      let article =
        "Article \(i): military chiefs from around \(30 + i) countries gathered in Britain on Thursday to discuss 中文 support."
      let text = "\(nav)\n\(article)\n"
      let object: [String: Any] = ["id": i, "host": host, "text": text, "extra": ["k": "v\(i)"]]
      let data =
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
      out += String(decoding: data, as: UTF8.self) + "\n"
    }
    return out
  }

  @Test(
    "learn, then run --load-state, gives the output of a run that learns in-process; stdin with the state too"
  )
  func learnThenLoad() throws {
    let dir = TemporaryDirectory()
    dir.write("corpus.jsonl", Self.corpus(pages: 60))
    let corpus = dir.path + "/corpus.jsonl"
    let state = dir.path + "/state.json"

    let learn = Winnow.run(["learn", "--jobs", "2", "-o", state, corpus])
    #expect(learn.status == 0, "\(learn.stderr)")
    #expect(
      learn.stderr.contains("learned the state of boilerplate to \(state)"), "\(learn.stderr)")
    #expect(learn.stdout.isEmpty)

    let inProcess = Winnow.run(["run", "--quiet", "--save-state", dir.path + "/saved.json", corpus])
    let loaded = Winnow.run(["run", "--quiet", "--load-state", state, corpus])
    #expect(inProcess.status == 0 && loaded.status == 0, "\(inProcess.stderr)\(loaded.stderr)")
    #expect(loaded.output == inProcess.output)
    // The same file format as `run --save-state`, byte for byte.
    #expect(dir.read("state.json") == dir.read("saved.json"))
    // Written atomically: nothing but the inputs and the two states is left.
    #expect(dir.allFiles() == ["corpus.jsonl", "saved.json", "state.json"])

    // A Spark partition: the corpus on stdin with the learned state gives the same lines…
    let streamed = Winnow.run(
      ["run", "--quiet", "--jobs", "1", "--input-format", "jsonl", "--load-state", state, "-"],
      stdinFile: corpus)
    #expect(streamed.status == 0, "\(streamed.stderr)")
    #expect(streamed.output == inProcess.output)
    // …and the state matters: without it the navigation lines stay.
    let unlearned = Winnow.run(
      ["run", "--quiet", "--input-format", "jsonl", "-"], stdinFile: corpus)
    #expect(unlearned.output != inProcess.output)
    #expect(unlearned.output.contains("where the news of the whole world"))
    #expect(inProcess.output.contains("\"id\":0,\"text\":\"Article 0:"))
    #expect(inProcess.output.contains("site-repeated"))
    #expect(inProcess.output.split(separator: "\n").count == 60)
  }

  @Test(
    "learn refuses what it cannot learn from, and writes no state file",
    arguments: [
      ("standard input", ["-"], Int32(64), "standard input cannot be read again"),
      ("a missing input", ["missing.jsonl"], Int32(66), "missing.jsonl: cannot open for reading"),
      ("no input", [], Int32(64), "give at least one input"),
    ])
  func learnRefuses(_ name: String, _ inputs: [String], _ status: Int32, _ message: String) {
    let dir = TemporaryDirectory()
    dir.write("corpus.jsonl", Self.corpus(pages: 3))
    let r = Winnow.run(
      ["learn", "-o", "state.json"] + inputs, stdin: Array(Self.corpus(pages: 3).utf8), in: dir.path
    )
    #expect(r.status == status, "\(name): \(r.stderr)")
    #expect(r.stderr.contains(message), "\(name): \(r.stderr)")
    #expect(dir.read("state.json") == nil, "\(name)")
  }

  @Test("learn with a pipeline that has no corpus stage writes the empty state, which run loads")
  func learnWithoutCorpusStages() {
    let dir = TemporaryDirectory()
    dir.write("corpus.jsonl", Self.corpus(pages: 3))
    dir.write("p.yaml", "stages: [normalize, segment]\n")
    let learn = Winnow.run(
      ["learn", "--pipeline", "p.yaml", "-o", "state.json", "corpus.jsonl"], in: dir.path)
    #expect(learn.status == 0, "\(learn.stderr)")
    #expect(learn.stderr.contains("no corpus stage"))
    #expect(dir.read("state.json") == "{}\n")
    let run = Winnow.run(
      ["run", "--quiet", "--pipeline", "p.yaml", "--load-state", "state.json", "corpus.jsonl"],
      in: dir.path)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.output.contains("\"text\":\"Welcome to site0.example"))
  }

  @Test(
    "the filter command Spark runs: a line in, its line out before the next is written; a broken line becomes an error document"
  )
  func interactiveFilter() throws {
    let dir = TemporaryDirectory()
    dir.write("corpus.jsonl", Self.corpus(pages: 30))
    let state = dir.path + "/state.json"
    #expect(Winnow.run(["learn", "-o", state, dir.path + "/corpus.jsonl"]).status == 0)
    let filter = try FilterProcess([
      "run", "--input-format", "jsonl", "--jobs", "2", "--quiet", "--document-errors-ok",
      "--load-state", state, "-",
    ])
    let lines = Self.corpus(pages: 4).split(separator: "\n").map(String.init)
    let inputs = [
      lines[0], lines[1], "{\"id\":\"broken\",\"text\":\"no closing", lines[2], "[1,2]", lines[3],
    ]
    var outputs: [[String: Any]] = []
    for line in inputs {
      try filter.write(line + "\n")
      // The answer to this line arrives while the next one is not yet written. The first
      // waits for the default pipeline's start-up too: in a debug build on a fresh machine
      // (no gazetteer cache yet) compiling the built-in gazetteer takes seconds.
      let out = try filter.readLine(timeout: outputs.isEmpty ? 120 : 20)
      outputs.append(
        try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]))
    }
    let status = filter.finish()
    #expect(status == 0, "--document-errors-ok: a failed document does not fail the task")
    #expect(outputs.count == inputs.count)
    let winnow = outputs.map { $0["winnow"] as? [String: Any] ?? [:] }
    let errors = winnow.map { $0["error"] as? [String: Any] }
    #expect(errors.map { $0 != nil } == [false, false, true, false, true, false])
    #expect(outputs.map { $0["id"] as? Int } == [0, 1, nil, 2, nil, 3])
    #expect(errors[2]?["line"] as? Int == 3)
    #expect((errors[2]?["message"] as? String)?.contains("stdin line 3: not a JSON line") == true)
    #expect((errors[4]?["message"] as? String)?.contains("expected a JSON object") == true)
    // The learned state applies to each line: the site's navigation line is dropped.
    #expect((outputs[0]["text"] as? String)?.hasPrefix("Article 0:") == true)
  }

  @Test(
    "stdin JSONL with a broken line: every line answered and exit 65; --document-errors-ok exits 0; --fail-fast stops after the error line",
    arguments: [
      ("default", [String](), Int32(65), 3),
      ("--document-errors-ok", ["--document-errors-ok"], Int32(0), 3),
      ("--fail-fast", ["--fail-fast"], Int32(65), 2),
      (
        "--fail-fast wins over --document-errors-ok", ["--fail-fast", "--document-errors-ok"],
        Int32(65), 2
      ),
    ])
  func brokenLineExitStatus(_ name: String, _ flags: [String], _ status: Int32, _ lineCount: Int) {
    let input = "{\"id\":1,\"text\":\"ＯＫ\"}\n{\"id\":2,\"text\":\n{\"id\":3,\"text\":\"ｘ\"}\n"
    let dir = TemporaryDirectory()
    dir.write("p.yaml", "stages: [normalize]\n")
    let r = Winnow.run(
      ["run", "--pipeline", "p.yaml", "--input-format", "jsonl", "--jobs", "1"] + flags + ["-"],
      stdin: Array(input.utf8), in: dir.path)
    #expect(r.status == status, "\(name): \(r.stderr)")
    let lines = r.output.split(separator: "\n")
    #expect(lines.count == lineCount, "\(name): \(r.output)")
    #expect(lines.first?.hasPrefix("{\"id\":1,\"text\":\"OK\"") == true, "\(name)")
    #expect(lines.dropFirst().first?.contains("\"winnow\":{\"error\":{") == true, "\(name)")
    #expect(r.stderr.contains("stdin line 2: not a JSON line"), "\(name): \(r.stderr)")
    if lineCount == 3 {
      #expect(lines.last?.hasPrefix("{\"id\":3,\"text\":\"x\"") == true, "\(name)")
    }
  }

  @Test("help: winnow lists learn; learn and run document their exit statuses and the filter flags")
  func help() {
    #expect(Winnow.run(["--help"]).output.contains("learn"))
    let learn = Winnow.run(["learn", "--help"])
    #expect(learn.status == 0)
    for s in ["0", "64", "66", "73", "74"] {
      #expect(learn.output.contains(s), "learn --help: \(s)")
    }
    let run = Winnow.run(["run", "--help"])
    #expect(run.output.contains("--document-errors-ok"))
    #expect(run.output.contains("RDD.pipe"))
  }
}

/// `winnow` with standard input and output on pipes, driven one line at a time.
final class FilterProcess {
  let pid: pid_t
  var input: Int32
  let output: Int32
  var buffer: [UInt8] = []

  struct Failure: Error, CustomStringConvertible { var description: String }

  init(_ arguments: [String]) throws {
    var toChild: [Int32] = [0, 0]
    var fromChild: [Int32] = [0, 0]
    guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else {
      throw Failure(description: "pipe failed")
    }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
    posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
    for fd in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, fd) }
    let argv = ([Winnow.executable] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var child: pid_t = 0
    let rc = Winnow.spawnClean(&child, Winnow.executable, &actions, argv)
    close(toChild[0])
    close(fromChild[1])
    guard rc == 0 else {
      close(toChild[1])
      close(fromChild[0])
      throw Failure(description: "spawn failed: \(rc)")
    }
    pid = child
    input = toChild[1]
    output = fromChild[0]
  }

  deinit {
    if input >= 0 { close(input) }
    close(output)
  }

  func write(_ text: String) throws {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeBytes {
        Glibc.write(input, $0.baseAddress! + offset, $0.count - offset)
      }
      guard n > 0 else { throw Failure(description: "write to winnow failed") }
      offset += n
    }
  }

  /// The next output line (without its newline); fails when none arrives in `timeout` s.
  func readLine(timeout: Double) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
      if let newline = buffer.firstIndex(of: 0x0A) {
        let line = String(decoding: buffer[..<newline], as: UTF8.self)
        buffer.removeSubrange(...newline)
        return line
      }
      let left = deadline.timeIntervalSinceNow
      guard left > 0 else {
        throw Failure(description: "no output line within \(timeout) s: not flushed per line")
      }
      var p = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
      guard poll(&p, 1, Int32(left * 1000)) > 0 else { continue }
      var chunk = [UInt8](repeating: 0, count: 65536)
      let n = chunk.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
      guard n > 0 else { throw Failure(description: "winnow closed its output") }
      buffer.append(contentsOf: chunk[0..<n])
    }
  }

  /// Closes standard input and waits; the exit status.
  func finish() -> Int32 {
    close(input)
    input = -1
    return Winnow.wait(pid).0
  }
}
