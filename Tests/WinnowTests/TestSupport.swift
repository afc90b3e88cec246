import Foundation
import WinnowTestSupport

/// The seeded generator of the test support target (one copy for all test targets).
typealias SplitMix64 = WinnowTestSupport.SplitMix64

/// A text file under `Corpora/`, resolved from this source file up to the package root.
func corpusText(_ relative: String) throws -> String {
  let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  return try String(contentsOf: root.appendingPathComponent("Corpora/" + relative), encoding: .utf8)
}

/// Undoes the escaping of the TSV fixtures in `Corpora/` (written by the generator scripts):
/// `\\` and `\u{HEX}`.
func unescapeFixture(_ s: Substring) -> String {
  var out = String.UnicodeScalarView()
  var it = s.unicodeScalars.makeIterator()
  while let c = it.next() {
    guard c == "\\" else { out.append(c); continue }
    guard let d = it.next() else { break }
    if d == "\\" { out.append(d); continue }
    _ = it.next()  // "{"
    var hex = ""
    while let h = it.next(), h != "}" { hex.unicodeScalars.append(h) }
    if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) { out.append(u) }
  }
  return String(out)
}
