/// Removes C0 and C1 control characters except tab (and newline, which never occurs
/// inside a line): U+0000–U+0008, U+000B–U+001F, U+007F, U+0080–U+009F.
///
/// A lone `\r` inside a line (when the `newlines` step is off) is a control and goes too.
struct ControlsStep: LineStep {
  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    let n = line.count
    var i = 0
    // Fast scan: find the first control.
    while i < n {
      let b = line[i]
      if b < 0x20 && b != 0x09 || b == 0x7F { break }
      if b == 0xC2, i + 1 < n, line[i + 1] >= 0x80 && line[i + 1] <= 0x9F { break }
      i += 1
    }
    guard i < n else { return nil }
    var out = EditBuffer(capacity: n, tracking: tracking)
    var copied = 0
    while i < n {
      let b = line[i]
      var len = 0
      if b < 0x20 && b != 0x09 || b == 0x7F {
        len = 1
      } else if b == 0xC2, i + 1 < n, line[i + 1] >= 0x80 && line[i + 1] <= 0x9F {
        len = 2
      }
      if len > 0 {
        out.copy(line, copied..<i)
        out.replace(len, with: EmptyCollection())
        i += len
        copied = i
      } else {
        i += 1
      }
    }
    out.copy(line, copied..<n)
    return out
  }
}
