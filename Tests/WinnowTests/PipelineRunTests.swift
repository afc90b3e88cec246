import Foundation
import Testing
import Winnow
import WinnowPluginExample
import WinnowTestSupport

/// The package root, from this file's path.
let pipelineTestsRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent().path
let samplePage = pipelineTestsRoot + "/Corpora/pages/cgtn-coalition-2025-03-20.txt"

func write(_ path: String, _ text: String) throws {
  try text.write(toFile: path, atomically: false, encoding: .utf8)
}

func writeBytes(_ path: String, _ bytes: [UInt8]) throws {
  try Data(bytes).write(to: URL(fileURLWithPath: path))
}

func read(_ path: String) throws -> String {
  String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
}

/// A deterministic JSONL corpus: mixed scripts, full-width forms, extra fields of every type.
func generateCorpus(_ count: Int, seed: UInt64 = 42) -> String {
  var rng = SplitMix64(seed: seed)
  let words = [
    "Military", "chiefs", "中文", "ＡＢＣ", "１２３", "coalition", "Ukraine's", "&amp;", "cafe\u{301}",
    "北京", "stance.", "　", "\u{200B}x",
  ]
  var out = ""
  for i in 0..<count {
    let n = 5 + Int(rng.next() % 60)
    var text = (0..<n).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(
      separator: " ")
    if rng.next() % 3 == 0 { text += "\nsecond line 2025-03-20" }
    var o: JSONObject = ["id": .number(JSONNumber(i)), "text": .string(text)]
    o["url"] = .string("https://site\(i % 7).example/page/\(i)")
    o["score"] = .number(JSONNumber("\(i).50")!)
    o["tags"] = .array([.string("t\(i % 5)"), .null, .bool(i % 2 == 0)])
    o["meta"] = .object(["nested": .object(["k": .string("v\(i)")])])
    out += JSONValue.object(o).serializedString() + "\n"
  }
  return out
}

@Suite("Pipeline runner (winnow run)")
struct PipelineRunTests {
  func run(
    _ inputs: [String], output: String, jobs: Int, format: RunOptions.OutputFormat = .jsonl,
    configure: (inout RunOptions) -> Void = { _ in }, pipeline: Pipeline? = nil
  ) throws -> RunSummary {
    var o = RunOptions()
    o.inputs = inputs
    o.output = output
    o.jobs = jobs
    o.format = format
    configure(&o)
    let p = try pipeline ?? Pipeline(configuration: .default)
    return try PipelineRunner(pipeline: p, options: o).run()
  }

  @Test(
    "jobs 1 and 2 give identical output on the sample page",
    arguments: [RunOptions.OutputFormat.text, .jsonl])
  func samplePageJobs(_ format: RunOptions.OutputFormat) throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    _ = try run([samplePage], output: dir + "/one", jobs: 1, format: format)
    _ = try run([samplePage], output: dir + "/two", jobs: 2, format: format)
    let one = try read(dir + "/one"), two = try read(dir + "/two")
    #expect(one == two)
    #expect(one.contains("Military chiefs"))
  }

  @Test("jobs 1 and 2 identical on 1,500 JSONL documents, in input order, extra fields unchanged")
  func corpusJobs() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    let input = dir + "/corpus.jsonl"
    try write(input, generateCorpus(1500))
    let s1 = try run([input], output: dir + "/one.jsonl", jobs: 1, configure: { $0.capacity = 8 })
    let s2 = try run([input], output: dir + "/two.jsonl", jobs: 2, configure: { $0.capacity = 8 })
    #expect(s1 == s2)
    #expect(s1.documents == 1500 && s1.failed == 0)
    let one = try read(dir + "/one.jsonl"), two = try read(dir + "/two.jsonl")
    #expect(one == two)
    let inLines = try read(input).split(separator: "\n"), outLines = one.split(separator: "\n")
    #expect(inLines.count == outLines.count)
    for (i, (a, b)) in zip(inLines, outLines).enumerated() {
      var x = try #require(try JSONValue(parsing: String(a)).objectValue)
      var y = try #require(try JSONValue(parsing: String(b)).objectValue)
      #expect(y["id"]?.intValue == i)
      #expect(y["winnow"] != nil)
      #expect(y["text"]?.stringValue?.contains("ＡＢＣ") == false)
      // Everything but text and the added winnow key is unchanged, in order, byte for byte.
      x["text"] = nil
      y["text"] = nil
      y["winnow"] = nil
      #expect(JSONValue.object(x).serializedString() == JSONValue.object(y).serializedString())
    }
  }

  @Test("bad JSONL lines each give one error line, in place; the other documents survive")
  func badLines() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    let input = dir + "/bad.jsonl"
    var bytes = Array(
      "{\"id\":1,\"text\":\"ok ＯＮＥ\"}\nnot json\n{\"id\":\"k\",\"body\":\"x\"}\n[1,2]\n{\"id\":5,\"text\":7}\n"
        .utf8)
    bytes +=
      Array("{\"id\":6,\"text\":\"bad ".utf8) + [0xC3, 0x28]
      + Array("\"}\n{\"id\":7,\"text\":\"ok two\"}\n".utf8)
    try writeBytes(input, bytes)
    for jobs in [1, 2] {
      var errors: [WinnowError] = []
      var o = RunOptions()
      o.inputs = [input]
      o.output = dir + "/out\(jobs).jsonl"
      o.jobs = jobs
      let runner = PipelineRunner(pipeline: try Pipeline(configuration: .default), options: o)
      runner.onError = { errors.append($0) }
      let summary = try runner.run()
      #expect(summary.documents == 7 && summary.failed == 5)
      #expect(summary.exitStatus == 65)
      let lines = try read(o.output!).split(separator: "\n").map {
        try JSONValue(parsing: String($0))
      }
      #expect(lines.count == 7)
      #expect(lines[0]["text"] == "ok ONE")
      #expect(lines[6]["text"] == "ok two")
      let messages = lines.map { $0["winnow"]?["error"]?["message"]?.stringValue ?? "" }
      #expect(messages[1].contains("bad.jsonl:2: not a JSON line"))
      #expect(messages[2].contains("bad.jsonl:3: no `text` field"))
      #expect(lines[2]["id"] == "k")  // the id is kept
      #expect(lines[2]["body"] == "x")  // and the fields
      #expect(messages[3].contains("expected a JSON object"))
      #expect(messages[4].contains("is a number, not a string"))
      #expect(messages[5].contains("not valid UTF-8 at byte"))
      #expect(lines[5]["id"]?.intValue == 6)  // id read from a repaired copy
      #expect(lines[5]["winnow"]?["error"]?["line"]?.intValue == 6)
      #expect(errors.count == 5)
    }
  }

  @Test("an unreadable input is reported (exit 66) and the other inputs are processed")
  func unreadableInput() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/a.txt", "ＡＡ")
    try write(dir + "/c.txt", "ＣＣ")
    var errors: [WinnowError] = []
    var o = RunOptions()
    o.inputs = [dir + "/a.txt", dir + "/missing.txt", dir + "/c.txt"]
    o.output = dir + "/out.txt"
    o.format = .text
    o.jobs = 2
    let runner = PipelineRunner(pipeline: try Pipeline(configuration: .default), options: o)
    runner.onError = { errors.append($0) }
    let s = try runner.run()
    #expect(s.unreadableInputs == 1 && s.documents == 2)
    #expect(s.exitStatus == 66)
    #expect(try read(dir + "/out.txt") == "AA\nCC\n")
    #expect(errors.first?.message.contains("missing.txt: cannot open") == true)
  }

  @Test(
    "text files: ill-formed UTF-8 becomes U+FFFD and is counted; --strict fails it; --encoding decodes"
  )
  func textDecoding() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try writeBytes(dir + "/bad.txt", Array("ab".utf8) + [0xFF] + Array("c".utf8))
    try writeBytes(dir + "/gbk.txt", [0xD6, 0xD0, 0xCE, 0xC4])  // 中文 in GBK
    _ = try run([dir + "/bad.txt"], output: dir + "/out.jsonl", jobs: 1)
    let line = try JSONValue(parsing: try read(dir + "/out.jsonl"))
    #expect(line["text"] == "ab\u{FFFD}c")
    #expect(line["winnow"]?["decoding"]?["replacements"]?.intValue == 1)
    let strict = try run(
      [dir + "/bad.txt"], output: dir + "/strict.jsonl", jobs: 1, configure: { $0.strict = true })
    #expect(strict.failed == 1 && strict.exitStatus == 65)
    #expect(try read(dir + "/strict.jsonl").contains("invalid UTF-8 at byte 2"))
    _ = try run(
      [dir + "/gbk.txt"], output: dir + "/gbk.out", jobs: 1, format: .text,
      configure: { $0.encoding = "GB18030" })
    #expect(try read(dir + "/gbk.out") == "中文\n")
  }

  @Test(
    "an output that is a device or FIFO is written in place, never replaced by a file (regression: -o /dev/null)"
  )
  func specialOutput() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/in.jsonl", generateCorpus(50))
    let fifo = dir + "/fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/sh")
    reader.arguments = ["-c", "cat \(fifo) > \(dir)/drained"]
    try reader.run()
    let s = try run([dir + "/in.jsonl"], output: fifo, jobs: 2)
    reader.waitUntilExit()
    #expect(s.documents == 50)
    var st = stat()
    #expect(stat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO)
    #expect(try read(dir + "/drained").split(separator: "\n").count == 50)
  }

  @Test("an output directory inside the input directory is refused before anything is written")
  func outputInsideInput() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/a.txt", "x")
    do {
      _ = try run([dir], output: dir + "/out/", jobs: 1, format: .text)
      Issue.record("accepted an output inside the input")
    } catch let error as WinnowError {
      #expect(error.code == .usage)
      #expect(error.message.contains("inside the input directory"))
    }
    #expect(!FileManager.default.fileExists(atPath: dir + "/out"))
  }

  @Test(
    "directories: --include filters, the output tree mirrors the input; --resume skips done files")
  func directoryTree() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try FileManager.default.createDirectory(
      atPath: dir + "/in/sub", withIntermediateDirectories: true)
    try write(dir + "/in/a.txt", "ＡＢＣ")
    try write(dir + "/in/sub/b.txt", "ｄｅｆ")
    try write(dir + "/in/skip.md", "no")
    let s = try run(
      [dir + "/in"], output: dir + "/out/", jobs: 2, format: .text,
      configure: { $0.include = ["*.txt"] })
    #expect(s.documents == 2)
    #expect(try read(dir + "/out/a.txt") == "ABC\n")
    #expect(try read(dir + "/out/sub/b.txt") == "def\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/skip.md"))
    try write(dir + "/out/a.txt", "sentinel")
    let again = try run(
      [dir + "/in"], output: dir + "/out/", jobs: 1, format: .text,
      configure: {
        $0.include = ["*.txt"]; $0.resume = true
      })
    #expect(again.skipped == 2 && again.documents == 0)
    #expect(try read(dir + "/out/a.txt") == "sentinel")
  }

  /// The `zstd` command is a separate Debian package from libzstd-dev: test `.zst` when it is there.
  static let compressedExtensions =
    ["gz"] + (FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") ? ["zst"] : [])

  @Test("gzip and zstd inputs and outputs, by extension", arguments: compressedExtensions)
  func compression(_ ext: String) throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    let corpus = generateCorpus(300)
    try write(dir + "/c.jsonl", corpus)
    let tool = ext == "gz" ? "gzip" : "zstd"
    try shell("\(tool) -q -k \(dir)/c.jsonl")
    _ = try run([dir + "/c.jsonl"], output: dir + "/plain.jsonl", jobs: 2)
    _ = try run([dir + "/c.jsonl.\(ext)"], output: dir + "/packed.jsonl.\(ext)", jobs: 2)
    try shell("\(tool) -q -d -c \(dir)/packed.jsonl.\(ext) > \(dir)/unpacked.jsonl")
    #expect(try read(dir + "/unpacked.jsonl") == read(dir + "/plain.jsonl"))
    // Concatenated members (gzip) or frames (zstd) read as one stream.
    try shell("cat \(dir)/c.jsonl.\(ext) \(dir)/c.jsonl.\(ext) > \(dir)/double.jsonl.\(ext)")
    #expect(
      try run([dir + "/double.jsonl.\(ext)"], output: dir + "/double.jsonl", jobs: 2).documents
        == 600)
    // A truncated compressed file is an input error, not a crash.
    let packed = try Data(contentsOf: URL(fileURLWithPath: dir + "/c.jsonl.\(ext)"))
    try packed.prefix(packed.count / 2).write(to: URL(fileURLWithPath: dir + "/cut.jsonl.\(ext)"))
    let s = try run([dir + "/cut.jsonl.\(ext)"], output: dir + "/cut-out.jsonl", jobs: 1)
    #expect(s.unreadableInputs == 1)
  }

  @Test("--resume continues a partial JSONL output to the same result")
  func resumePartial() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/c.jsonl", generateCorpus(200))
    _ = try run([dir + "/c.jsonl"], output: dir + "/full.jsonl", jobs: 2)
    let full = try read(dir + "/full.jsonl")
    // Simulate an interrupted run: 73 complete lines and half of the next.
    let lines = full.split(separator: "\n", omittingEmptySubsequences: false)
    let partial = lines[0..<73].joined(separator: "\n") + "\n" + lines[73].prefix(20)
    try write(dir + "/out.jsonl.partial", partial)
    let s = try run(
      [dir + "/c.jsonl"], output: dir + "/out.jsonl", jobs: 2, configure: { $0.resume = true })
    #expect(s.skipped == 73)
    #expect(s.documents == 127)
    #expect(try read(dir + "/out.jsonl") == full)
    #expect(!FileManager.default.fileExists(atPath: dir + "/out.jsonl.partial"))
  }

  @Test("a custom stage and a corpus stage from a pipeline file, through the runner")
  func pluginThroughRunner() throws {
    registerPluginStages()
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(
      dir + "/p.yaml",
      "stages:\n  - normalize\n  - {stage: repeated-lines, min_documents: 2}\n  - {stage: digits, kind: NUM}\n"
    )
    try write(
      dir + "/in.jsonl",
      """
      {"id":"a","text":"Menu\\nStory ０１\\nFooter"}
      {"id":"b","text":"Menu\\nStory 22\\nFooter"}
      {"id":"c","text":"Other 3"}

      """)
    let p = try Pipeline(configuration: PipelineConfiguration(contentsOf: dir + "/p.yaml"))
    let s = try run(
      [dir + "/in.jsonl"], output: dir + "/out.jsonl", jobs: 2,
      configure: { $0.saveState = dir + "/state.json" }, pipeline: p)
    #expect(s.droppedByReason["repeated"] == 4)
    #expect(s.annotationsByKind["NUM"] == 3)
    let lines = try read(dir + "/out.jsonl").split(separator: "\n").map {
      try JSONValue(parsing: String($0))
    }
    #expect(lines.map { $0["text"]?.stringValue } == ["Story 01\n", "Story 22\n", "Other 3"])
    #expect(lines[0]["winnow"]?["annotations"]?.arrayValue?.first?["text"] == "01")
    // The saved state reproduces the run on one document alone (a Spark partition).
    let one = dir + "/one.jsonl"
    try write(one, "{\"id\":\"a\",\"text\":\"Menu\\nStory ０１\\nFooter\"}\n")
    _ = try run(
      [one], output: dir + "/one-out.jsonl", jobs: 1,
      configure: { $0.loadState = dir + "/state.json" }, pipeline: p)
    #expect(
      try read(dir + "/one-out.jsonl") == read(dir + "/out.jsonl").split(separator: "\n")[0] + "\n")
  }

  @Test("--fail-fast stops at the first failed document and leaves no output file")
  func failFast() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/in.jsonl", "{\"text\":\"a\"}\nbroken\n{\"text\":\"c\"}\n")
    let s = try run(
      [dir + "/in.jsonl"], output: dir + "/out.jsonl", jobs: 2, configure: { $0.failFast = true })
    #expect(s.stoppedEarly && s.failed == 1)
    #expect(!FileManager.default.fileExists(atPath: dir + "/out.jsonl"))
  }
}

@discardableResult
func shell(_ command: String, stdin: String? = nil) throws -> (
  status: Int32, stdout: String, stderr: String
) {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/bin/sh")
  p.arguments = ["-c", command]
  // A launched `winnow` keeps its gazetteer cache in the tests' folder, not in ~/.cache.
  p.environment = TestCache.environment()
  let out = Pipe(), err = Pipe(), inp = Pipe()
  p.standardOutput = out
  p.standardError = err
  p.standardInput = inp
  try p.run()
  if let stdin { inp.fileHandleForWriting.write(Data(stdin.utf8)) }
  try inp.fileHandleForWriting.close()
  let o = out.fileHandleForReading.readDataToEndOfFile()
  let e = err.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return (
    p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self)
  )
}
