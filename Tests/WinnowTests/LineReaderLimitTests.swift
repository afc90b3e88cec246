import Foundation
import Testing
import WinnowTestSupport

@testable import Winnow

/// The runner's JSONL line reader with `--max-doc-bytes`: lines over the limit are not
/// buffered but come back as their length, and the line numbers and the following lines
/// stay right, whatever the chunk size.
@Suite("run: line reader limit")
struct LineReaderLimitTests {
  @Test(
    "over-long lines come back as their length, at every chunk size",
    arguments: [1, 2, 3, 7, 64, 4096])
  func limit(_ chunkSize: Int) throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let lines = [
      "short", String(repeating: "x", count: 11), "", "exactly10!",
      String(repeating: "y", count: 25) + "\r", "end",
    ]
    try write(dir + "/in.jsonl", lines.joined(separator: "\n"))
    let reader = LineReader(
      try ChunkReader(path: dir + "/in.jsonl", chunkSize: chunkSize), maxLineBytes: 10)
    var got: [LineReader.Line] = []
    var numbers: [Int] = []
    while let line = try reader.nextLine() {
      got.append(line)
      numbers.append(reader.lineNumber)
    }
    let expected: [LineReader.Line] = [
      .bytes(Array("short".utf8)), .tooLong(bytes: 11), .bytes([]),
      .bytes(Array("exactly10!".utf8)),
      .tooLong(bytes: 25), .bytes(Array("end".utf8)),
    ]
    #expect(got == expected)
    #expect(numbers == [1, 2, 3, 4, 5, 6])
  }

  @Test(
    "lines read chunk by chunk are the lines of the whole input (random inputs, chunk sizes, limits)",
    arguments: 0..<4)
  func differential(seed: Int) throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var rng = SplitMix64(seed: 0x11E5_0000 + UInt64(seed))
    let alphabet: [UInt8] = [
      0x0A, 0x0A, 0x0D, UInt8(ascii: "a"), UInt8(ascii: "b"), 0xE4, 0xB8, 0xAD,
    ]
    for round in 0..<60 {
      let count = Int.random(in: 0..<120, using: &rng)
      let bytes = (0..<count).map { _ in alphabet.randomElement(using: &rng) ?? 0x61 }
      let path = dir + "/in\(round).jsonl"
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      let chunkSize = Int.random(in: 1..<24, using: &rng)
      let limit = Int.random(in: 0..<30, using: &rng)
      // The reference: split the whole input at `\n`; a `\r` before a `\n` is dropped; a
      // last piece without `\n` is a line when not empty.
      var expected: [LineReader.Line] = []
      var pieces = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
      let last = pieces.removeLast()
      for var piece in pieces {
        if piece.last == 0x0D { piece.removeLast() }
        expected.append(piece.count > limit ? .tooLong(bytes: piece.count) : .bytes(piece))
      }
      if !last.isEmpty {
        expected.append(last.count > limit ? .tooLong(bytes: last.count) : .bytes(last))
      }
      let reader = LineReader(
        try ChunkReader(path: path, chunkSize: chunkSize), maxLineBytes: limit)
      var got: [LineReader.Line] = []
      while let line = try reader.nextLine() {
        got.append(line)
        #expect(reader.lineNumber == got.count)
      }
      #expect(
        got == expected,
        "seed \(seed) round \(round): chunk \(chunkSize), limit \(limit), input \(bytes)")
    }
  }
}
