import Foundation
import Testing
import Winnow
import WinnowTestSupport

/// Issue 7: an input file that vanishes while a run is under way, and the summary's
/// promise that every document is counted once (written, failed or skipped).
@Suite("run: vanishing inputs and complete counts")
struct VanishingInputTests {
  static func runner(_ inputs: [String], output: String? = nil, maxDocumentBytes: Int? = nil) throws
    -> PipelineRunner
  {
    let pipeline = try Pipeline(configuration: PipelineConfiguration(text: "stages: [normalize]\n"))
    var options = RunOptions()
    options.inputs = inputs
    options.output = output
    // One job: the runner reads, processes and writes each document before opening the
    // next file, so deleting a file from `onProgress` happens between listing and reading.
    options.jobs = 1
    if let maxDocumentBytes { options.maxDocumentBytes = maxDocumentBytes }
    return PipelineRunner(pipeline: pipeline, options: options)
  }

  @Test(
    "a file deleted after the walk listed it: counted unreadable with its reason; the others written"
  )
  func deletedMidRun() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/in", withIntermediateDirectories: true)
    for name in ["a", "b", "c", "d"] { try write(dir + "/in/\(name).txt", "ｄｏｃ \(name)\n") }
    let runner = try Self.runner([dir + "/in"], output: dir + "/out.jsonl")
    var errors: [WinnowError] = []
    runner.onError = { errors.append($0) }
    runner.onProgress = { p in
      if p.documents == 1 { unlink(dir + "/in/c.txt") }
    }
    let summary = try runner.run()
    #expect(summary.documents == 3 && summary.written == 3)
    #expect(summary.unreadableInputs == 1)
    #expect(summary.exitStatus == 66)
    #expect(errors.count == 1 && errors.first?.code == .cannotOpenInput)
    #expect(errors.first?.message == "\(dir)/in/c.txt: cannot open for reading")
    #expect(errors.first?.cause == "No such file or directory")
    let out = try read(dir + "/out.jsonl").split(separator: "\n")
    #expect(out.count == 3)
    #expect(out.map { $0.contains("\"text\":\"doc ") } == [true, true, true])
    #expect(!out.contains { $0.contains("doc c") })
  }

  @Test("written + failed + skipped == documents, and documents == the input's documents")
  func countsAddUp() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // 7 JSONL documents (3 good, 2 bad, 2 too long) and 3 text files (good, NUL, too long).
    var lines = ["{\"text\":\"ａ\"}", "[1]", "{\"text\":\"ｂ\"}", "{\"id\":4}", "{\"text\":\"ｃ\"}"]
    lines += [
      "{\"text\":\"\(String(repeating: "x", count: 600))\"}",
      "{\"text\":\"\(String(repeating: "y", count: 900))\"}",
    ]
    try write(dir + "/in.jsonl", lines.joined(separator: "\n") + "\n")
    try write(dir + "/good.txt", "ｇｏｏｄ")
    try writeBytes(dir + "/nul.txt", [0x61, 0, 0x62])
    try write(dir + "/long.txt", String(repeating: "z", count: 513))
    let runner = try Self.runner(
      [dir + "/in.jsonl", dir + "/good.txt", dir + "/nul.txt", dir + "/long.txt"],
      output: dir + "/out.jsonl",
      maxDocumentBytes: 512)
    var skips: [String] = []
    runner.onSkip = { skips.append($0) }
    let s = try runner.run()
    #expect(s.documents == 10)
    #expect(s.written == 4 && s.failed == 2)
    #expect(s.skippedByReason == ["too-large": 3, "binary": 1])
    #expect(s.written + s.failed + s.skippedByReason.values.reduce(0, +) == s.documents)
    #expect(skips.count == 4)
    #expect(
      skips.contains("\(dir)/in.jsonl:6: skipped (too-large): 611 bytes, over --max-doc-bytes 512"))
    #expect(
      skips.contains("\(dir)/long.txt: skipped (too-large): 513 bytes, over --max-doc-bytes 512"))
    let out = try read(dir + "/out.jsonl").split(separator: "\n")
    #expect(out.count == 10, "one output line per document")
  }

  /// A compressed input's size on disk says nothing about its text: it is read (and
  /// inflated) only up to the limit, then skipped.
  @Test("a .gz input over the limit is skipped after reading just past the limit")
  func compressedOverLimit() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try write(dir + "/big.txt", String(repeating: "ａ", count: 400_000))
    let gz = Process()
    gz.executableURL = URL(fileURLWithPath: "/bin/gzip")
    gz.arguments = [dir + "/big.txt"]
    try gz.run()
    gz.waitUntilExit()
    let runner = try Self.runner(
      [dir + "/big.txt.gz"], output: dir + "/out.jsonl", maxDocumentBytes: 100_000)
    var skips: [String] = []
    runner.onSkip = { skips.append($0) }
    let s = try runner.run()
    #expect(s.documents == 1 && s.skippedByReason == ["too-large": 1])
    #expect(
      skips == [
        "\(dir)/big.txt.gz: skipped (too-large): more than 100000 bytes, over --max-doc-bytes 100000"
      ])
  }
}
