import Foundation
import Testing
import WinnowPluginExample
import WinnowTestSupport

@testable import Winnow

/// The corpus pass keeps its documents for the run (``RunOptions/passMemory``): the run
/// then neither reads, parses nor runs the earlier stages again, and its output is what a
/// run that reads its inputs again gives.
@Suite("Corpus pass: documents kept for the run")
struct PassMemoryTests {
  /// A plain stage before a corpus stage (the example plugin's): the kept documents have
  /// been through the first.
  var pipeline: Pipeline { Pipeline([DigitsStage(), RepeatedLinesStage(minDocuments: 2)]) }

  /// JSONL lines that repeat lines across documents, with failures of every kind among
  /// them: a line that is not JSON, one without the text field, one whose text is a
  /// number, one over the size limit, blank lines, and a `winnow` member of the input's own.
  func corpus(_ count: Int) -> String {
    var lines: [String] = []
    for i in 0..<count {
      let text = "Home | News | 2025\nstory \(i) has 3 parts\nrepeated footer 123\n"
      var object: JSONObject = ["id": .number(JSONNumber(i)), "text": .string(text)]
      if i % 7 == 3 { object["winnow"] = .object(["seen": .bool(true)]) }
      lines.append(JSONValue.object(object).serializedString())
      switch i % 10 {
      case 2: lines.append("{not json")
      case 4: lines.append(#"{"id": "no-text", "body": "x"}"#)
      case 5: lines.append(#"{"id": "number", "text": 42}"#)
      case 6: lines.append("   ")
      case 8:
        lines.append(#"{"id": "big", "text": "\#(String(repeating: "long line 9 ", count: 40))"}"#)
      default: break
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func options(_ inputs: [String], output: String, passMemory: Int, jobs: Int) -> RunOptions {
    var o = RunOptions()
    o.inputs = inputs
    o.output = output
    o.jobs = jobs
    o.passMemory = passMemory
    o.maxDocumentBytes = 400
    return o
  }

  /// The summary's counts, for comparing two runs.
  func counts(_ s: RunSummary) -> [String] {
    [
      "\(s.documents) \(s.written) \(s.failed) \(s.bytesIn) \(s.bytesOut) \(s.skipped)",
      "\(s.droppedByReason.sorted { $0.key < $1.key })",
      "\(s.skippedByReason.sorted { $0.key < $1.key })",
    ]
  }

  /// Runs `stages` over `input` once per limit in `memories`, each into its own output;
  /// each run's output and counts.
  func runs(_ stages: Pipeline, _ input: String, memories: [Int], jobs: Int) throws
    -> [(output: String, counts: [String])]
  {
    try memories.enumerated().map { k, memory in
      let out = input + ".out-\(k)"
      let summary = try PipelineRunner(
        pipeline: stages, options: options([input], output: out, passMemory: memory, jobs: jobs)
      ).run()
      return (try read(out), counts(summary))
    }
  }

  @Test("a JSONL run gives the same output and counts with the documents kept", arguments: [1, 2])
  func jsonlSameOutput(jobs: Int) throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/in.jsonl", corpus(60))
    let results = try runs(
      pipeline, dir + "/in.jsonl", memories: [RunOptions.defaultPassMemory, 0], jobs: jobs)
    #expect(results[0].output == results[1].output)
    #expect(results[0].counts == results[1].counts)
    // The corpus stage learned: the footer went.
    #expect(results[0].output.contains(#"{"id":0,"text":"story 0 has 3 parts\n","#))
    #expect(results[0].counts[1].contains("repeated"))
  }

  @Test("text files in a tree, a binary one among them: the same outputs with the documents kept")
  func textTreeSameOutput() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try FileManager.default.createDirectory(
      atPath: dir + "/in/sub", withIntermediateDirectories: true)
    for i in 0..<12 {
      try write(
        dir + "/in/\(i % 2 == 0 ? "" : "sub/")page\(i).txt", "menu 1\npage \(i) body 22\nfooter 7\n"
      )
    }
    try Data([0x41, 0x00, 0x42]).write(to: URL(fileURLWithPath: dir + "/in/blob.txt"))
    var trees: [[String: String]] = []
    for memory in [RunOptions.defaultPassMemory, 0] {
      let out = dir + "/out-\(memory)/"
      var o = options([dir + "/in"], output: out, passMemory: memory, jobs: 2)
      o.format = .text
      _ = try PipelineRunner(pipeline: pipeline, options: o).run()
      var tree: [String: String] = [:]
      let files = try FileManager.default.subpathsOfDirectory(atPath: out)
      for f in files where f.hasSuffix(".txt") { tree[f] = try read(out + f) }
      trees.append(tree)
    }
    #expect(trees[0].count == 13)
    #expect(trees[0]["blob.txt"] == "")  // skipped (binary): an empty output
    #expect(trees[0] == trees[1])
    #expect(trees[0]["page0.txt"] == "page 0 body 22\n")
  }

  @Test("past the limit, the pass lets its documents go and the run reads again")
  func overTheLimit() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/in.jsonl", corpus(40))
    // Kept: every job of the pass, in order (documents resumed, failures as read).
    let kept = PipelineRunner(
      pipeline: pipeline,
      options: options([dir + "/in.jsonl"], output: dir + "/a.jsonl", passMemory: 1 << 20, jobs: 1))
    try kept.learn(kept.planInputs(), keepDocuments: true)
    let jobs = try #require(kept.passCache)
    let resumed = jobs.filter { if case .resume(let r) = $0 { r.next == 1 } else { false } }
    #expect(resumed.count == 40)  // every document; the 12 failed and 4 skipped lines as read
    #expect(jobs.count == 2 + 40 + 12 + 4)  // and the file's start and end
    // Let go once the inputs kept pass the limit.
    let small = PipelineRunner(
      pipeline: pipeline,
      options: options([dir + "/in.jsonl"], output: dir + "/b.jsonl", passMemory: 500, jobs: 1))
    try small.learn(small.planInputs(), keepDocuments: true)
    #expect(small.passCache == nil)
    // `winnow learn` (no run follows) keeps nothing.
    let learnOnly = PipelineRunner(
      pipeline: pipeline,
      options: options([dir + "/in.jsonl"], output: dir + "/c.jsonl", passMemory: 1 << 20, jobs: 1))
    try learnOnly.learn(learnOnly.planInputs())
    #expect(learnOnly.passCache == nil)
    // Either way the same output.
    let outputs = try runs(pipeline, dir + "/in.jsonl", memories: [1 << 20, 500], jobs: 1)
    #expect(outputs[0].output == outputs[1].output)
  }

  @Test("two corpus stages: the second pass resumes the first's documents; same output")
  func twoCorpusStages() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/in.jsonl", corpus(50))
    let two = Pipeline([
      DigitsStage(), RepeatedLinesStage(minDocuments: 30), DigitsStage(),
      RepeatedLinesStage(minDocuments: 2),
    ])
    let outputs = try runs(
      two, dir + "/in.jsonl", memories: [RunOptions.defaultPassMemory, 0], jobs: 2)
    #expect(outputs[0].output == outputs[1].output)
    #expect(outputs[0].output.contains(#"{"id":0,"text":"story 0 has 3 parts\n","#))
  }

  @Test("--resume in tree mode skips the done files among the kept documents")
  func resumeTree() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
    for i in 0..<6 { try write(dir + "/in/p\(i).txt", "menu 1\npage \(i) body\nfooter 7\n") }
    let out = dir + "/out/"
    var o = options([dir + "/in"], output: out, passMemory: RunOptions.defaultPassMemory, jobs: 1)
    o.format = .text
    _ = try PipelineRunner(pipeline: pipeline, options: o).run()
    // A done output stays as it is (marked), a removed one is made again.
    try write(out + "p1.txt", "done before\n")
    try FileManager.default.removeItem(atPath: out + "p2.txt")
    o.resume = true
    let summary = try PipelineRunner(pipeline: pipeline, options: o).run()
    #expect(summary.skipped == 5)
    #expect(summary.documents == 1)
    #expect(try read(out + "p1.txt") == "done before\n")
    #expect(try read(out + "p2.txt") == "page 2 body\n")
  }

  @Test("with --timings, the kept documents' reading and parsing are the run's rows")
  func timings() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/in.jsonl", corpus(30))
    var o = options(
      [dir + "/in.jsonl"], output: dir + "/out.jsonl", passMemory: RunOptions.defaultPassMemory,
      jobs: 1)
    o.timings = true
    let t = try #require(try PipelineRunner(pipeline: pipeline, options: o).run().timings)
    // 30 documents, 9 failed lines, 3 over the size limit (and 3 blank ones, not
    // documents): every line read once; each document parsed and through the digits stage
    // once (in the pass).
    let read = try #require(t[.read])
    let parse = try #require(t[.parse])
    let digits = try #require(t[.stage(0, "digits")])
    let pass = try #require(t[.corpusPass(1, "repeated-lines")])
    #expect(read.documents == pass.documents)
    #expect(read.documents == 42)
    #expect(parse.documents == 30)
    #expect(digits.documents == 30)
    #expect(pass.cpuSeconds >= 0)
  }
  @Test(
    "random corpora, limits and jobs: the run's output and counts are those of a run that reads again"
  )
  func randomized() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    let vocabulary = [
      "Home | News", "Share this", "story of the river 12", "photo 3 of 9", "the end.",
      "中文新闻 2025", "Follow us", "a long line about the weather in the hills, 4 degrees",
    ]
    for seed in UInt64(1)...12 {
      var rng = SplitMix64(seed: seed)
      var lines: [String] = []
      for i in 0..<Int.random(in: 5...40, using: &rng) {
        switch Int.random(in: 0..<12, using: &rng) {
        case 0: lines.append("{broken \(i)")
        case 1: lines.append(#"{"id": \#(i), "body": "no text"}"#)
        case 2: lines.append(" ")
        default:
          let text = (0..<Int.random(in: 1...6, using: &rng)).map { _ in
            vocabulary[Int.random(in: 0..<vocabulary.count, using: &rng)]
          }.joined(separator: "\n")
          lines.append(
            JSONValue.object(["id": .number(JSONNumber(i)), "text": .string(text)])
              .serializedString())
        }
      }
      let path = dir + "/in-\(seed).jsonl"
      try write(path, lines.joined(separator: "\n") + "\n")
      let stages = Pipeline([
        DigitsStage(), RepeatedLinesStage(minDocuments: Int.random(in: 2...4, using: &rng)),
      ])
      let jobs = Int.random(in: 1...2, using: &rng)
      let limit = [RunOptions.defaultPassMemory, Int.random(in: 50...2_000, using: &rng)][
        Int.random(in: 0...1, using: &rng)]
      let outputs = try runs(stages, path, memories: [limit, 0], jobs: jobs)
      #expect(outputs[0].output == outputs[1].output, "seed \(seed), limit \(limit), jobs \(jobs)")
      #expect(outputs[0].counts == outputs[1].counts, "seed \(seed), limit \(limit), jobs \(jobs)")
    }
  }
}
