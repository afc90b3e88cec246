import Foundation
import Testing
import Winnow
import WinnowTestSupport

/// The `winnow` executable built beside this test bundle.
let winnowBinary: String = {
  let exe =
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? CommandLine.arguments[0]
  var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
  // The test runner may live inside an .xctest bundle directory.
  while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("winnow").path)
    && dir.path != "/"
  {
    dir = dir.deletingLastPathComponent()
  }
  return dir.appendingPathComponent("winnow").path
}()

@Suite("winnow run (the command)", .serialized)
struct PipelineCLITests {
  @Test(
    "each bad input gives a clear message and its documented exit code",
    arguments: [
      (
        "unknown stage", "stages:\n  - normalize\n  - nosuch\n", "good.jsonl", "", 64,
        "winnow: PIPE:3: unknown stage 'nosuch'"
      ),
      (
        "YAML syntax error", "stages:\n  - normalize\n\t- tab\n", "good.jsonl", "", 64,
        "winnow: PIPE:3:"
      ),
      (
        "bad option", "stages:\n  - {stage: normalize, form: nfx}\n", "good.jsonl", "", 64,
        "option 'form': unknown form 'nfx'"
      ),
      (
        "non-JSON line", "stages: [normalize]\n", "bad.jsonl", "", 65,
        "bad.jsonl:2: not a JSON line"
      ),
      (
        "unreadable file", "stages: [normalize]\n", "missing.jsonl", "", 66,
        "missing.jsonl: cannot open for reading"
      ),
      (
        "output inside input", "stages: [normalize]\n", "DIR", "-o DIR/out/", 64,
        "is inside the input directory"
      ),
    ])
  func badInputs(
    _ name: String, _ pipeline: String, _ input: String, _ extra: String, _ status: Int32,
    _ message: String
  ) throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/p.yaml", pipeline)
    try write(dir + "/good.jsonl", "{\"id\":1,\"text\":\"ＯＫ\"}\n")
    try write(dir + "/bad.jsonl", "{\"id\":1,\"text\":\"ＯＫ\"}\n{oops\n{\"id\":3,\"text\":\"ｘ\"}\n")
    let inputPath = input == "DIR" ? dir : dir + "/" + input
    let r = try shell(
      "\(winnowBinary) run --pipeline \(dir)/p.yaml \(extra.replacingOccurrences(of: "DIR", with: dir)) \(inputPath)"
    )
    #expect(r.status == status, "\(name): \(r.stderr)")
    let expected = message.replacingOccurrences(of: "PIPE", with: dir + "/p.yaml")
    #expect(r.stderr.contains(expected), "\(name): \(r.stderr)")
    if input == "bad.jsonl" {
      // The other documents are not lost: one output line per input line, in order.
      let lines = r.stdout.split(separator: "\n")
      #expect(lines.count == 3)
      #expect(lines.first?.contains("\"text\":\"OK\"") == true)
      #expect(lines.last?.contains("\"text\":\"x\"") == true)
    }
  }

  @Test(
    "stdin JSONL: one line in gives one line out, flushed before the next line arrives (Spark's contract)"
  )
  func streamingFlush() throws {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: winnowBinary)
    p.arguments = ["run", "--input-format", "jsonl", "--jobs", "2", "--quiet", "-"]
    p.environment = TestCache.environment()
    let input = Pipe(), output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    try p.run()
    defer { if p.isRunning { p.terminate() } }
    for i in 0..<3 {
      input.fileHandleForWriting.write(Data("{\"id\":\(i),\"text\":\"ＬＩＮＥ \(i)\"}\n".utf8))
      let line = try readLine(output.fileHandleForReading, timeout: 20)
      // The default pipeline's boilerplate stage may drop a one-line page; the contract
      // is one JSON document out per document in, in order, flushed at once.
      #expect(line.hasPrefix("{\"id\":\(i),\"text\":"), "\(line)")
      #expect(line.contains("\"winnow\":{"), "\(line)")
    }
    try input.fileHandleForWriting.close()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0)
  }

  @Test("SIGINT leaves no half-written output; --resume finishes with the uninterrupted result")
  func interruptAndResume() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    // Documents of ~2 KB, and a stage slow enough to interrupt mid-way.
    var corpus = ""
    for line in generateCorpus(1500).split(separator: "\n") {
      var o = try #require(try JSONValue(parsing: String(line)).objectValue)
      o["text"] = .string(String(repeating: (o["text"]?.stringValue ?? "") + "\n", count: 8))
      corpus += JSONValue.object(o).serializedString() + "\n"
    }
    try write(dir + "/in.jsonl", corpus)
    try write(
      dir + "/slow.py",
      """
      import sys, time
      for line in sys.stdin:
          time.sleep(0.002)
          sys.stdout.write(line)
          sys.stdout.flush()

      """)
    try write(
      dir + "/p.yaml",
      "stages:\n  - normalize\n  - {stage: external, command: \"python3 \(dir)/slow.py\"}\n")
    let run = "\(winnowBinary) run --quiet --pipeline \(dir)/p.yaml"
    try shell("\(run) --jobs 2 -o \(dir)/reference.jsonl \(dir)/in.jsonl")

    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", "exec \(run) --jobs 1 --resume -o \(dir)/out.jsonl \(dir)/in.jsonl"]
    p.environment = TestCache.environment()
    try p.run()
    // Interrupt once part of the output is written (not after a fixed time: on a loaded
    // machine start-up alone can take seconds). The slow stage needs ≥ 3 s for the rest.
    let deadline = Date().addingTimeInterval(120)
    while p.isRunning, Date() < deadline {
      let size =
        (try? FileManager.default.attributesOfItem(atPath: dir + "/out.jsonl.partial")[.size]
          as? Int) ?? 0
      if size > 0 { break }
      Thread.sleep(forTimeInterval: 0.02)
    }
    kill(p.processIdentifier, SIGINT)
    p.waitUntilExit()
    #expect(p.terminationStatus == 130)
    #expect(!FileManager.default.fileExists(atPath: dir + "/out.jsonl"))
    let partial = (try? read(dir + "/out.jsonl.partial")) ?? ""
    let r = try shell("\(run) --jobs 2 --resume -o \(dir)/out.jsonl \(dir)/in.jsonl")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(try read(dir + "/out.jsonl") == read(dir + "/reference.jsonl"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/out.jsonl.partial"))
    // The interrupted run had written part of the output (else resume was not exercised).
    #expect(partial.count > 0)
  }

  @Test("winnow stages lists built-in stages with their options")
  func stagesList() throws {
    let r = try shell("\(winnowBinary) stages")
    #expect(r.status == 0)
    #expect(r.stdout.contains("normalize\n"))
    #expect(r.stdout.contains("segment\n"))
    #expect(r.stdout.contains("external\n"))
    #expect(r.stdout.contains("profile (default|search|none, default default)"))
  }
}

/// Reads one line (without its newline) from a pipe, failing after `timeout` seconds.
func readLine(_ handle: FileHandle, timeout: Double) throws -> String {
  final class Box: @unchecked Sendable { var data = Data() }
  let box = Box()
  let done = DispatchSemaphore(value: 0)
  DispatchQueue.global().async {
    while true {
      let byte = handle.readData(ofLength: 1)
      if byte.isEmpty || byte == Data([0x0A]) { break }
      box.data.append(byte)
    }
    done.signal()
  }
  guard done.wait(timeout: .now() + timeout) == .success else {
    throw CocoaError(
      .fileReadUnknown,
      userInfo: [NSLocalizedDescriptionKey: "no line within \(timeout) s: output not flushed"])
  }
  return String(decoding: box.data, as: UTF8.self)
}
