import Foundation
import Testing

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
    let dir = try makeTemporaryDirectory()
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
}
