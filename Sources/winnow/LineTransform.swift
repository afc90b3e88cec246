import Winnow

/// Feeds complete lines (without their `\n`) of a decoded UTF-8 stream to `handle`, with
/// the byte offset of each line's start in the decoded input, holding at most one
/// incomplete line.
struct LineSplitter {
  private var pending: [UInt8] = []
  private var searchFrom = 0
  /// Bytes of the input before `pending`.
  private var base = 0
  /// 1-based number of the next line.
  private(set) var lineNumber = 1

  mutating func feed(
    _ utf8: [UInt8], _ handle: (ArraySlice<UInt8>, _ offset: Int, _ line: Int) -> Void
  ) {
    pending.append(contentsOf: utf8)
    var start = 0
    var i = searchFrom
    while i < pending.count {
      if pending[i] == 0x0A {
        var end = i
        if end > start && pending[end - 1] == 0x0D { end -= 1 }
        handle(pending[start..<end], base + start, lineNumber)
        lineNumber += 1
        start = i + 1
      }
      i += 1
    }
    if start > 0 {
      pending.removeFirst(start)
      base += start
    }
    searchFrom = pending.count
  }

  mutating func finish(_ handle: (ArraySlice<UInt8>, _ offset: Int, _ line: Int) -> Void) {
    if !pending.isEmpty {
      handle(pending[...], base, lineNumber)
      lineNumber += 1
    }
    base += pending.count
    pending.removeAll()
    searchFrom = 0
  }
}

/// Appends `s` as a JSON string literal (quotes, backslash and control characters escaped).
func appendJSONString(_ s: some Collection<UInt8>, to out: inout [UInt8]) {
  out.append(0x22)
  for b in s {
    switch b {
    case 0x22: out.append(contentsOf: [0x5C, 0x22])
    case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
    case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
    case 0x0D: out.append(contentsOf: [0x5C, 0x72])
    case 0x09: out.append(contentsOf: [0x5C, 0x74])
    case 0..<0x20:
      let hex: [UInt8] = Array("0123456789abcdef".utf8)
      out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 0xF)]])
    default: out.append(b)
    }
  }
  out.append(0x22)
}

extension Array where Element == UInt8 {
  /// Appends the decimal digits of `n`.
  mutating func appendInt(_ n: Int) { append(contentsOf: String(n).utf8) }
  /// Appends a string's UTF-8.
  mutating func appendString(_ s: String) { append(contentsOf: s.utf8) }
}

/// A transform that handles its input line by line: it only says what to emit for a line.
protocol LineTransform: TextTransform {
  /// The splitter holding the incomplete last line.
  var lines: LineSplitter { get set }
  /// Appends the output for one line (without its `\n`), which starts at byte `offset` of
  /// the decoded input and is line `number` (1-based).
  mutating func emit(_ line: ArraySlice<UInt8>, _ offset: Int, _ number: Int, _ out: inout [UInt8])
  /// Called once when the input ends, after its last line.
  mutating func finishInput()
}

extension LineTransform {
  mutating func finishInput() {}

  mutating func feed(_ utf8: [UInt8], into out: inout [UInt8]) {
    var splitter = lines
    splitter.feed(utf8) { line, offset, number in emit(line, offset, number, &out) }
    lines = splitter
  }

  mutating func finish(into out: inout [UInt8]) {
    var splitter = lines
    splitter.finish { line, offset, number in emit(line, offset, number, &out) }
    lines = splitter
    finishInput()
  }
}
