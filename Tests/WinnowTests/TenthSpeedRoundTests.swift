import Foundation
import Testing
import WinnowPluginExample
import WinnowTestSupport

@testable import Winnow

/// Speed round 10 (issue 5): `--timings` (the run's time per stage and part, measured
/// directly) and the runner's work charged to the boilerplate stage.
@Suite("Tenth speed round: run timings, host fast path")
struct TenthSpeedRoundTests {
  /// A JSONL corpus of `count` documents whose lines repeat across documents (so the
  /// corpus stage learns something), with digits for the digits stage.
  /// Run options with timings on, one input, `jobs` workers, and an output or a state file.
  func timedOptions(
    input: String, output: String? = nil, saveState: String? = nil, jobs: Int = 1
  ) -> RunOptions {
    var o = RunOptions()
    o.inputs = [input]
    o.output = output
    o.saveState = saveState
    o.jobs = jobs
    o.timings = true
    return o
  }

  func corpus(_ count: Int) -> String {
    (0..<count).map { i in
      let text = "Home | News | 2025\nstory \(i) line one\nrepeated footer 123\n"
      return JSONValue.object(["id": .number(JSONNumber(i)), "text": .string(text)])
        .serializedString() + "\n"
    }.joined()
  }

  /// A pipeline with a plain stage and a corpus stage (the example plugin's).
  var pipeline: Pipeline { Pipeline([DigitsStage(), RepeatedLinesStage(minDocuments: 2)]) }

  @Test("the timings cover each stage, its corpus pass and the runner's parts", arguments: [1, 2])
  func runTimings(jobs: Int) throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/in.jsonl", corpus(40))
    var o = timedOptions(input: dir + "/in.jsonl", output: dir + "/out.jsonl", jobs: jobs)
    let summary = try PipelineRunner(pipeline: pipeline, options: o).run()
    let t = try #require(summary.timings)
    #expect(
      t.rows.map(\.part) == [
        .read, .parse, .stage(0, "digits"), .stage(1, "repeated-lines"), .write,
        .corpusPass(1, "repeated-lines"), .learner(1, "repeated-lines"), .total,
      ])
    for row in t.rows {
      #expect(row.documents == 40, "\(row.part)")
      #expect(row.cpuSeconds >= 0 && row.wallSeconds >= 0, "\(row.part)")
    }
    // Parts are within the whole (process CPU over the run; wall summed over calls may
    // exceed the run's wall time only with several jobs).
    let total = try #require(t[.total])
    let stages = t.rows.filter { if case .stage = $0.part { true } else { false } }
    #expect(stages.reduce(0) { $0 + $1.cpuSeconds } <= total.cpuSeconds + 0.001)
    #expect(try #require(t[.corpusPass(1, "repeated-lines")]).cpuSeconds <= total.cpuSeconds)
    // The table has a line per row, the names in the first column.
    let lines = t.table.split(separator: "\n")
    #expect(lines.count == t.rows.count + 1)
    #expect(lines.first?.hasPrefix("timings") == true)
    #expect(lines.contains { $0.hasPrefix("repeated-lines (corpus pass) ") })
    // The output is the one a run without timings writes.
    o.timings = false
    o.output = dir + "/plain.jsonl"
    let plain = try PipelineRunner(pipeline: pipeline, options: o).run()
    #expect(plain.timings == nil)
    #expect(try read(dir + "/out.jsonl") == read(dir + "/plain.jsonl"))
  }

  @Test("blank lines are no document; a line that is not JSON is read but not parsed or processed")
  func badLineTimings() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/in.jsonl", corpus(10) + "\n   \nnot json\n" + corpus(5))
    let o = timedOptions(input: dir + "/in.jsonl", output: dir + "/out.jsonl")
    let summary = try PipelineRunner(pipeline: pipeline, options: o).run()
    let t = try #require(summary.timings)
    #expect(summary.documents == 16 && summary.failed == 1)
    let counts = t.rows.map(\.documents)
    // read, parse, digits, repeated-lines, write, corpus pass, learner, total
    #expect(counts == [16, 15, 15, 15, 15, 16, 15, 16])
  }

  @Test(
    "text files: parse is the decoding, one document per file")
  func textFileTimings() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
    for i in 0..<5 { try write(dir + "/in/\(i).txt", "page \(i)\nfooter 42\n") }
    let o = timedOptions(input: dir + "/in", output: dir + "/out.jsonl")
    let summary = try PipelineRunner(pipeline: Pipeline([DigitsStage()]), options: o).run()
    let t = try #require(summary.timings)
    #expect(t.rows.map(\.part) == [.read, .parse, .stage(0, "digits"), .write, .total])
    #expect(t.rows.allSatisfy { $0.documents == 5 })
  }

  @Test("learnState's timings: each corpus pass and its learner, and the total")
  func learnTimings() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/in.jsonl", corpus(25))
    var o = timedOptions(input: dir + "/in.jsonl", saveState: dir + "/state.json")
    let learned = try PipelineRunner(pipeline: pipeline, options: o).learnState()
    let t = try #require(learned.timings)
    #expect(
      t.rows.map(\.part) == [
        .corpusPass(1, "repeated-lines"), .learner(1, "repeated-lines"), .total,
      ])
    #expect(t.rows.allSatisfy { $0.documents == 25 })
    o.timings = false
    o.saveState = dir + "/state2.json"
    #expect(try PipelineRunner(pipeline: pipeline, options: o).learnState().timings == nil)
    #expect(try read(dir + "/state.json") == read(dir + "/state2.json"))
  }

  @Test("winnow run --timings prints the table on stderr after the summary; stdout unchanged")
  func cliTimings() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    try write(dir + "/in.jsonl", corpus(12))
    try write(dir + "/p.yaml", "stages:\n  - boilerplate\n")
    let base = "\(winnowBinary) run --pipeline \(dir)/p.yaml --progress none --jobs 1"
    let timed = try shell("\(base) --timings \(dir)/in.jsonl")
    let plain = try shell("\(base) \(dir)/in.jsonl")
    #expect(timed.status == 0)
    #expect(timed.stdout == plain.stdout)
    #expect(!plain.stderr.contains("CPU s"))
    let lines = timed.stderr.split(separator: "\n")
    let header = try #require(lines.firstIndex { $0.hasPrefix("timings ") && $0.contains("CPU s") })
    #expect(header > 0)  // after the summary line
    for name in ["read", "parse", "boilerplate", "write", "boilerplate (corpus pass)", "total"] {
      let row = try #require(lines.first { $0.hasPrefix(name + " ") }, "\(name)")
      let fields = row.dropFirst(name.count).split(separator: " ")
      #expect(fields.count == 3)
      #expect(fields.first == "12", "\(row)")
    }
    let learn = try shell(
      "\(winnowBinary) learn --pipeline \(dir)/p.yaml --timings -o \(dir)/s.json \(dir)/in.jsonl")
    #expect(learn.status == 0)
    #expect(learn.stderr.contains("boilerplate (corpus pass)"))
  }

  @Test("drop records written with their opening shared per run of reason and stage = resultsJSON")
  func dropRecordsBytes() throws {
    var rng = SplitMix64(seed: 1010)
    // Reasons and stages that repeat, alternate, need escapes, and are equal in content but
    // not in storage (built at run time).
    let reasons = [
      "ad", "short-context", "low-text-density-long", "q\"\n", String(repeating: "ad", count: 1),
    ]
    let stages = ["boilerplate", "demo", "st\u{1}", "boiler" + "plate"]
    for _ in 0..<200 {
      let lines = Int(rng.next() % 12) + 1
      var doc = Document(id: "d", text: (0..<lines).map { "line \($0) \u{4E2D}\"\n" }.joined())
      for _ in 0..<Int(rng.next() % 4) {
        let ranges = doc.lineRanges()
        guard !ranges.isEmpty else { break }
        let removals = (0..<Int(rng.next() % 3) + 1).map { _ in
          Document.Removal([], reason: reasons[Int(rng.next() % UInt64(reasons.count))])
        }
        var used = Set<String>()
        var grouped = removals.filter { used.insert($0.reason).inserted }
        for r in ranges where rng.next() % 2 == 0 {
          grouped[Int(rng.next() % UInt64(grouped.count))].ranges.append(r)
        }
        try doc.remove(grouped, stage: stages[Int(rng.next() % UInt64(stages.count))])
      }
      var direct: [UInt8] = []
      doc.serializeResults(ResultOptions(), into: &direct)
      var built: [UInt8] = []
      doc.resultsJSON(ResultOptions()).serialize(into: &built)
      #expect(direct == built, "\(String(decoding: direct, as: UTF8.self))")
    }
  }

  /// URLs for the host fast path: ASCII of every shape, and non-ASCII (the general path).
  static let urls = [
    "https://news.cgtn.com/x", "HTTP://User:Pw@Example.COM:8080/a?b#c", "https://[::1]:80/x",
    "https://[::1]/x", "ftp://host", "no-scheme.example/x", "https://", "https:///path",
    "https://a@b@c/x", "https://h?x://y", "https://h#frag", "https://h:80:90/", "a://b:",
    "https://bücher.de/x", "https://e\u{301}x.com/", "https://h/\u{301}x", "://x", "x:/y://z/w",
    "https://h\r\n/x", "HTTPS://MiXeD.Case.ORG",
  ]

  @Test("host(ofURL:) on ASCII URLs equals the general (Character) path", arguments: urls)
  func hostTable(_ url: String) {
    #expect(Document.host(ofURL: url) == Document.hostByCharacters(ofURL: url))
  }

  @Test("host(ofURL:): random ASCII URLs of URL punctuation, fast path = general path")
  func hostRandom() {
    var rng = SplitMix64(seed: 10)
    let pieces = [
      "://", "/", "?", "#", "@", ":", "[", "]", "a", "B", "z9", ".", "-", "http", "\r\n", " ", "%",
    ]
    for _ in 0..<20_000 {
      let n = Int(rng.next() % 9)
      let url = (0..<n).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
      #expect(Document.host(ofURL: url) == Document.hostByCharacters(ofURL: url), "\(url)")
    }
  }
}
