import Testing
import WinnowTestSupport

@testable import Winnow

/// The seventh speed round's core change to the JSON writer: integers written from a stack
/// buffer (digits by division by the constant 10), in one copy.
@Suite("JSON: integers written without divisions per digit")
struct SeventhSpeedRoundJSONTests {
  @Test(arguments: [
    0, 1, 9, 10, 11, 99, 100, 101, 999, 1_000, 65_535, -1, -9, -10, -100, Int.max, Int.min,
    Int.max - 1, Int.min + 1,
  ])
  func anIntegerAsItsDecimalText(_ value: Int) {
    var out: [UInt8] = [0x78]
    JSONValue.serializeInt(value, into: &out)
    #expect(out == [0x78] + Array(String(value).utf8))
  }

  /// 20,000 integers of every magnitude, appended one after another to one buffer.
  @Test func randomIntegersAsTheirDecimalText() {
    var g = SplitMix64(seed: 7)
    var out: [UInt8] = []
    var expected: [UInt8] = []
    for _ in 0..<20_000 {
      let bits = Int.random(in: 0...63, using: &g)
      let v = Int(truncatingIfNeeded: g.next() >> UInt64(bits))
      JSONValue.serializeInt(v, into: &out)
      out.append(0x2C)
      expected += Array(String(v).utf8) + [0x2C]
    }
    #expect(out == expected)
  }

  /// A span's members, written into one stack buffer, read as the members of its JSON value
  /// written member by member.
  @Test func spanMembersAsTheirDecimalText() {
    var g = SplitMix64(seed: 9)
    for _ in 0..<5_000 {
      func draw() -> Int {
        Int(truncatingIfNeeded: g.next() >> UInt64(Int.random(in: 0...63, using: &g)))
      }
      let span = Document.Span(
        start: draw(), end: draw(), originalStart: draw(), originalEnd: draw())
      var out: [UInt8] = [0x7B]
      span.serializeMembers(into: &out)
      let expected =
        "{,\"start\":\(span.start),\"end\":\(span.end),\"original_start\":\(span.originalStart),\"original_end\":\(span.originalEnd)"
      #expect(out == Array(expected.utf8))
    }
  }
}
