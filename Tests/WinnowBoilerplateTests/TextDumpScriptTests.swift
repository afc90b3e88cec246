import Foundation
import Testing
import WinnowTestSupport

@testable import WinnowBoilerplate

/// `scripts/wrap-pages.py` (which writes the wrapped copies of the DEV set that QUALITY.md
/// scores) and ``TextDump/wrap(_:width:blankLines:)`` (the tests' and the fuzzer's wrapper)
/// are one wrap in two languages: they give the same bytes, and their widths are the
/// stage's (``HardWrap/width(_:_:)``).
@Suite("Boilerplate: TextDump and scripts/wrap-pages.py wrap alike")
struct TextDumpScriptTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// Runs the Python `code` with `scripts/wrap-pages.py` loaded as `m` and `arguments` as
  /// `sys.argv[1...]`; true when it exits with 0.
  static func runWithScript(_ code: String, _ arguments: [String]) throws -> Bool {
    let load = """
      import importlib.util, sys
      spec = importlib.util.spec_from_file_location("wrap_pages", sys.argv[1])
      m = importlib.util.module_from_spec(spec)
      spec.loader.exec_module(m)
      del sys.argv[1]

      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments =
      ["python3", "-c", load + code, root + "/scripts/wrap-pages.py"] + arguments
    try process.run()
    process.waitUntilExit()
    return process.terminationStatus == 0
  }

  /// The Corpora pages, their `\r\n` copies, and random pages of the scalars at the edges of
  /// the wide ranges.
  static func pages() throws -> [String] {
    var pages: [String] = []
    for path in [
      "pages/cgtn-coalition-2025-03-20.txt", "boilerplate/people-health-page.txt",
      "boilerplate/url-headline-page.txt",
    ] {
      let page = try String(contentsOfFile: root + "/Corpora/" + path, encoding: .utf8)
      pages.append(page)
      pages.append(page.replacingOccurrences(of: "\n", with: "\r\n"))
    }
    // Each range's first and last scalar and their neighbours outside it.
    let edges: [UInt32] = [
      0x10FF, 0x1100, 0x115F, 0x1160, 0x2E7F, 0x2E80, 0xA4CF, 0xA4D0, 0xABFF, 0xAC00, 0xD7A3,
      0xD7A4, 0xF8FF, 0xF900, 0xFAFF, 0xFB00, 0xFE2F, 0xFE30, 0xFE4F, 0xFE50, 0xFEFF, 0xFF00,
      0xFF60, 0xFF61, 0xFFDF, 0xFFE0, 0xFFE6, 0xFFE7, 0x1FFFF, 0x20000, 0x3FFFD, 0x3FFFE,
      0xE9, 0x4E2D, 0x3002, 0xFF0C,
    ]
    let seed: UInt64 = 20_261_127
    var rng = SplitMix64(seed: seed)
    for _ in 0..<6 {
      var page = ""
      for _ in 0..<Int.random(in: 5...40, using: &rng) {
        for _ in 0..<Int.random(in: 0...30, using: &rng) {
          switch Int.random(in: 0..<10, using: &rng) {
          case 0..<4:
            page += String(repeating: "w", count: Int.random(in: 1...14, using: &rng))
          case 4..<7:
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
              page.unicodeScalars.append(
                Unicode.Scalar(edges[Int.random(in: 0..<edges.count, using: &rng)]) ?? "x")
            }
          case 7: page += "   "
          case 8: page += "\r"
          default: break
          }
          page += " "
        }
        page += Bool.random(using: &rng) ? "\r\n" : "\n"
      }
      pages.append(page)
    }
    return pages
  }

  @Test func theScriptAndTextDumpGiveTheSameBytes() throws {
    let pages = try Self.pages()
    let cases = pages.flatMap { page in
      [0, 20, 40, 80].flatMap { width in [false, true].map { (page, width, $0) } }
    }
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let input = cases.map { ["text": $0.0, "width": $0.1, "blank": $0.2] as [String: Any] }
    dir.write("cases.json", Array(try JSONSerialization.data(withJSONObject: input)))
    let code = """
      import json
      cases = json.load(open(sys.argv[1], encoding="utf-8"))
      json.dump([m.wrap_page(c["text"], c["width"], c["blank"]) for c in cases],
                open(sys.argv[2], "w", encoding="utf-8"))
      """
    try #require(
      try Self.runWithScript(code, [dir.path + "/cases.json", dir.path + "/out.json"]))
    let data = Data(try #require(dir.bytes("out.json")))
    let wrapped = try #require(try JSONSerialization.jsonObject(with: data) as? [String])
    try #require(wrapped.count == cases.count)
    for (k, (page, width, blank)) in cases.enumerated() {
      let swift = TextDump.wrap(page, width: width, blankLines: blank)
      #expect(
        Array(swift.utf8) == Array(wrapped[k].utf8),
        "case \(k): width \(width), blank \(blank), page \(page.prefix(60).debugDescription)")
    }
  }

  /// The script's `columns` and the stage's byte measure agree on every scalar of the BMP
  /// and of planes 1–3 (each alone), and `TextDump.columns` with them.
  @Test func theWidthsAreTheStages() throws {
    let dir = TemporaryDirectory()
    defer { dir.remove() }
    let code = """
      wide = [c for c in range(0x40000) if not 0xD800 <= c < 0xE000 and m.columns(chr(c)) == 2]
      open(sys.argv[1], "w").write(" ".join(map(str, wide)))
      """
    try #require(try Self.runWithScript(code, [dir.path + "/wide.txt"]))
    let wide = Set(
      try #require(dir.read("wide.txt")).split(separator: " ").compactMap { UInt32($0) })
    try #require(wide.count > 70_000)
    var mismatches: [String] = []
    for v in UInt32(0)..<0x40000 {
      guard let c = Unicode.Scalar(v) else { continue }
      var s = String(c)
      let bytes = s.withUTF8 { HardWrap.width($0, 0..<$0.count) }
      let expected = wide.contains(v) ? 2 : 1
      if bytes != expected || HardWrap.isWide(v) != (expected == 2)
        || TextDump.columns(String(c)) != expected
      {
        mismatches.append(String(v, radix: 16))
        if mismatches.count > 20 { break }
      }
    }
    #expect(mismatches.isEmpty, "U+\(mismatches.joined(separator: " U+"))")
  }
}
