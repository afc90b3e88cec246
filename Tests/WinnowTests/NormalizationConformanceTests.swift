import CICU
import Foundation
import Testing

@testable import Winnow

/// Unicode 15.0 conformance of the UTF-8 wrappers over ICU 72, against Unicode's own data
/// files in /usr/share/unicode (Debian `unicode-data`).
@Suite("Normalization conformance")
struct NormalizationConformanceTests {
  /// One line of NormalizationTest.txt: its five columns as UTF-8, and the line number.
  struct Case {
    var columns: [[UInt8]]
    var line: Int
  }

  /// NormalizationTest.txt, parsed: the cases and the Part 1 code points.
  static let data: (cases: [Case], part1: Set<UInt32>) = {
    guard let text = unicodeFile("NormalizationTest.txt") else { return ([], []) }
    var cases: [Case] = []
    var part1 = Set<UInt32>()
    var inPart1 = false
    var lineNumber = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      lineNumber += 1
      if line.hasPrefix("@Part") {
        inPart1 = line.hasPrefix("@Part1")
        continue
      }
      let body = line.prefix { $0 != "#" }
      let fields = body.split(separator: ";", omittingEmptySubsequences: false)
      guard fields.count >= 5 else { continue }
      let columns = fields.prefix(5).map { field -> [UInt8] in
        var s = ""
        for hex in field.split(separator: " ") {
          if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) {
            s.unicodeScalars.append(u)
          }
        }
        return Array(s.utf8)
      }
      if inPart1, let first = String(decoding: columns[0], as: UTF8.self).unicodeScalars.first {
        part1.insert(first.value)
      }
      cases.append(Case(columns: columns, line: lineNumber))
    }
    return (cases, part1)
  }()

  static func hex(_ bytes: [UInt8]) -> String {
    String(decoding: bytes, as: UTF8.self).unicodeScalars
      .map { String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
  }

  @Test func fileIsThere() {
    #expect(Self.data.cases.count > 19_000, "NormalizationTest.txt not found or truncated")
    #expect(Self.data.part1.count > 10_000)
  }

  /// Each form's invariants from the file header: `expected[i]` is the column that
  /// `to<form>(column j)` must equal, for every `j` in `sources[i]`.
  static let invariants: [(NormalizationForm, [(expected: Int, sources: [Int])])] = [
    (.nfc, [(1, [0, 1, 2]), (3, [3, 4])]),
    (.nfd, [(2, [0, 1, 2]), (4, [3, 4])]),
    (.nfkc, [(3, [0, 1, 2, 3, 4])]),
    (.nfkd, [(4, [0, 1, 2, 3, 4])]),
  ]

  @Test(arguments: [NormalizationForm.nfc, .nfd, .nfkc, .nfkd])
  func part0to3(form: NormalizationForm) throws {
    let normalizer = UnicodeNormalizer(form)
    let rules = try #require(Self.invariants.first { $0.0 == form }).1
    var failures = 0
    for c in Self.data.cases {
      for rule in rules {
        let expected = c.columns[rule.expected]
        // The expected column is itself normalized: the quick check must agree.
        #expect(
          try normalizer.isNormalized(expected), "line \(c.line): c\(rule.expected + 1) not \(form)"
        )
        for j in rule.sources {
          let source = c.columns[j]
          let (out, alignment) = try normalizer.normalize(source)
          if out != expected {
            failures += 1
            Issue.record(
              "line \(c.line): to\(form)(c\(j + 1) = \(Self.hex(source))) = \(Self.hex(out)), expected c\(rule.expected + 1) = \(Self.hex(expected))"
            )
          }
          #expect(alignment.inputLength == source.count, "line \(c.line): alignment input length")
          #expect(alignment.outputLength == out.count, "line \(c.line): alignment output length")
          if failures > 20 { return }
        }
      }
    }
  }

  /// Part 2: every code point not listed in Part 1 is unchanged by all four forms.
  /// Code points are batched, separated by spaces (which neither compose nor reorder).
  @Test func part2EveryOtherCodePointIsStable() throws {
    let part1 = Self.data.part1
    #expect(!part1.isEmpty)
    let forms = [NormalizationForm.nfc, .nfd, .nfkc, .nfkd].map(UnicodeNormalizer.init)
    var batch: [UInt8] = []
    var scalars: [UInt32] = []
    func check() throws {
      for n in forms
      where try !n.isNormalized(batch) || n.normalize(batch, tracking: false).bytes != batch {
        for c in scalars {
          let one = Array(String(Unicode.Scalar(c)!).utf8)
          let out = try n.normalize(one, tracking: false).bytes
          #expect(out == one, "U+\(String(c, radix: 16, uppercase: true)) changed by \(n.form)")
        }
      }
      batch.removeAll(keepingCapacity: true)
      scalars.removeAll(keepingCapacity: true)
    }
    for c: UInt32 in 0...0x10FFFF where !(0xD800...0xDFFF).contains(c) && !part1.contains(c) {
      UTF8Encoding.append(c, to: &batch)
      batch.append(0x20)
      scalars.append(c)
      if scalars.count == 4096 { try check() }
    }
    try check()
  }

  /// The UTF-8 wrapper agrees with ICU's UTF-16 C API (`unorm2_normalize`) for every code
  /// point, in every form including NFKC_Casefold.
  @Test(arguments: NormalizationForm.allCases)
  func utf8WrapperMatchesUTF16CAPI(form: NormalizationForm) throws {
    let n = UnicodeNormalizer(form)
    var batch: [UInt8] = []
    var scalars: [UInt32] = []
    func check() throws {
      let reference = try n.normalizeUTF16Reference(batch)
      if try n.normalize(batch, tracking: false).bytes != reference {
        for c in scalars {
          let one = Array(String(Unicode.Scalar(c)!).utf8)
          let a = try n.normalize(one).bytes, b = try n.normalizeUTF16Reference(one)
          #expect(
            a == b,
            "U+\(String(c, radix: 16, uppercase: true)) \(form): UTF-8 \(Self.hex(a)) vs UTF-16 \(Self.hex(b))"
          )
        }
      }
      batch.removeAll(keepingCapacity: true)
      scalars.removeAll(keepingCapacity: true)
    }
    for c: UInt32 in 0...0x10FFFF where !(0xD800...0xDFFF).contains(c) {
      UTF8Encoding.append(c, to: &batch)
      batch.append(0x20)
      scalars.append(c)
      if scalars.count == 4096 { try check() }
    }
    try check()
  }

  /// Full case folding of every code point: the UTF-8 wrapper equals ICU's per-code-point
  /// fold (`u_strFoldCase` via `cicu_fold_code_point`) and CaseFolding.txt (C + F).
  @Test func caseFoldingEveryCodePoint() throws {
    let table = try #require(Self.caseFoldingTable(), "CaseFolding.txt not found")
    #expect(table.count > 1_400)
    let folder = CaseFolder()
    var batch: [UInt8] = []
    var expected: [UInt8] = []
    var scalars: [UInt32] = []
    func check() throws {
      let (out, alignment) = try folder.fold(batch)
      #expect(alignment.inputLength == batch.count && alignment.outputLength == out.count)
      if out != expected {
        for c in scalars {
          let one = Array(String(Unicode.Scalar(c)!).utf8)
          let got = try folder.fold(one).bytes
          #expect(
            got == Self.icuFold(c),
            "U+\(String(c, radix: 16, uppercase: true)): \(Self.hex(got)) vs ICU \(Self.hex(Self.icuFold(c)))"
          )
        }
      }
      batch.removeAll(keepingCapacity: true)
      expected.removeAll(keepingCapacity: true)
      scalars.removeAll(keepingCapacity: true)
    }
    for c: UInt32 in 0...0x10FFFF where !(0xD800...0xDFFF).contains(c) {
      let icu = Self.icuFold(c)
      let fromFile =
        table[c].map { $0.flatMap { s in Array(String(Unicode.Scalar(s)!).utf8) } }
        ?? Array(String(Unicode.Scalar(c)!).utf8)
      if icu != fromFile {
        Issue.record(
          "U+\(String(c, radix: 16, uppercase: true)): ICU folds to \(Self.hex(icu)), CaseFolding.txt says \(Self.hex(fromFile))"
        )
      }
      UTF8Encoding.append(c, to: &batch)
      batch.append(0x20)
      expected.append(contentsOf: icu)
      expected.append(0x20)
      scalars.append(c)
      if scalars.count == 4096 { try check() }
    }
    try check()
  }

  /// ICU's fold of one code point, as UTF-8.
  static func icuFold(_ c: UInt32) -> [UInt8] {
    var out: (Int32, Int32, Int32, Int32) = (0, 0, 0, 0)
    let n = withUnsafeMutablePointer(to: &out) {
      $0.withMemoryRebound(to: Int32.self, capacity: 4) { cicu_fold_code_point(Int32(c), $0) }
    }
    let values = [out.0, out.1, out.2, out.3].prefix(Int(n))
    var bytes: [UInt8] = []
    for v in values { UTF8Encoding.append(UInt32(v), to: &bytes) }
    return bytes
  }

  /// CaseFolding.txt's C and F mappings: code point → folded code points.
  static func caseFoldingTable() -> [UInt32: [UInt32]]? {
    guard let text = unicodeFile("CaseFolding.txt") else { return nil }
    var table: [UInt32: [UInt32]] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
      let f = line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      guard f.count >= 3, f[1] == "C" || f[1] == "F", let c = UInt32(f[0], radix: 16) else {
        continue
      }
      table[c] = f[2].split(separator: " ").compactMap { UInt32($0, radix: 16) }
    }
    return table
  }
}

/// Reads /usr/share/unicode/`name`, decompressing `name.bz2` with `bzip2 -dc` when only
/// the compressed file is installed.
fileprivate func unicodeFile(_ name: String) -> String? {
  let plain = "/usr/share/unicode/\(name)"
  if let s = try? String(contentsOfFile: plain, encoding: .utf8) { return s }
  let compressed = plain + ".bz2"
  guard FileManager.default.fileExists(atPath: compressed) else { return nil }
  let temp = FileManager.default.temporaryDirectory
    .appendingPathComponent("winnow-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
  guard FileManager.default.createFile(atPath: temp.path, contents: nil),
    let handle = try? FileHandle(forWritingTo: temp)
  else { return nil }
  defer { try? FileManager.default.removeItem(at: temp) }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["bzip2", "-dc", compressed]
  process.standardOutput = handle
  do { try process.run() } catch { return nil }
  process.waitUntilExit()
  try? handle.close()
  guard process.terminationStatus == 0 else { return nil }
  return try? String(contentsOf: temp, encoding: .utf8)
}
