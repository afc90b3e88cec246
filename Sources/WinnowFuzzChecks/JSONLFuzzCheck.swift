import Winnow

/// Bytes as a JSONL file: split into lines as the runner does (`\n`, a `\r` before it
/// dropped, blank lines skipped), each parsed by ``JSONValue/init(parsing:maxDepth:)``;
/// the whole input is also parsed as one document.
///
/// Properties: parsing never traps (deep nesting is an error); a parsed value serializes
/// to one line of valid UTF-8 (no raw `\n` or `\r`) that parses back to an equal value and
/// serializes to the same bytes; an object applied as an external stage's answer
/// (``Document/apply(wire:stage:)``) leaves annotations inside the new text and a
/// document whose wire JSON round-trips.
public final class JSONLFuzzCheck: FuzzCheck {
  public static let target = "FuzzJSONL"

  public init() throws(WinnowError) {}

  public func check(_ input: [UInt8]) -> String? {
    if let p = roundTrip(input, what: "whole input") { return p }
    var start = 0
    var lineNumber = 0
    while start <= input.count {
      let nl = input[start...].firstIndex(of: 0x0A) ?? input.count
      var end = nl
      if end > start, input[end - 1] == 0x0D { end -= 1 }
      let line = Array(input[start..<end])
      lineNumber += 1
      start = nl + 1
      if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
      if let p = roundTrip(line, what: "line \(lineNumber)") { return p }
      // The runner's repair path: a non-UTF-8 line is re-read with U+FFFD.
      _ = try? JSONValue(parsing: Array(String(decoding: line, as: UTF8.self).utf8))
    }
    return nil
  }

  func roundTrip(_ bytes: [UInt8], what: String) -> String? {
    let value: JSONValue
    do {
      value = try JSONValue(parsing: bytes)
    } catch {
      return nil  // An error is a fine answer to bad JSON.
    }
    let once = value.serialized()
    guard isValidUTF8(once) else {
      return "\(what): serialized JSON is not valid UTF-8: \(hex(once))"
    }
    guard !once.contains(0x0A), !once.contains(0x0D) else {
      return "\(what): serialized JSON has a raw line break: \(hex(once))"
    }
    let again: JSONValue
    do {
      again = try JSONValue(parsing: once)
    } catch {
      return "\(what): serialized JSON does not parse: \(error)\nserialized: \(hex(once))"
    }
    guard again == value else {
      return "\(what): round trip changed the value\nserialized: \(hex(once))"
    }
    let twice = again.serialized()
    guard twice == once else {
      return "\(what): serializing is not stable\nonce:  \(hex(once))\ntwice: \(hex(twice))"
    }
    if case .object(let o) = value {
      var doc = Document(id: "fuzz", text: "seed text, 中文")
      do {
        try doc.apply(wire: o, stage: "fuzz")
      } catch {
        return nil  // A rejected answer is fine.
      }
      let n = doc.text.utf8.count
      for a in doc.annotations where a.span.start < 0 || a.span.start > a.span.end || a.span.end > n
      {
        return "\(what): annotation \(a.span.start)..<\(a.span.end) outside the \(n)-byte text"
      }
      let wire = JSONValue.object(doc.wireJSON).serialized()
      do {
        let back = try JSONValue(parsing: wire)
        guard back.serialized() == wire else { return "\(what): wire JSON round trip changed it" }
      } catch {
        return "\(what): wire JSON does not parse: \(error)"
      }
    }
    return nil
  }
}
