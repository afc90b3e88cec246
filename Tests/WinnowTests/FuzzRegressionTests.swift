import Foundation
import Testing
import WinnowBoilerplate

@testable import WinnowFuzzChecks

/// Replays the fuzz corpora through the fuzz targets' own checks (issue 7), so CI
/// re-checks every finding and seed without a fuzzer.
///
/// - `Corpora/fuzz-findings/<target>/`: inputs that once broke a property (crash-…,
///   timeout-…, named as libFuzzer wrote them, or renamed after the bug): regression files.
///   Files named `open-…` are findings not fixed yet: they are expected to fail (a known
///   issue), and the test fails when one starts passing, so it gets renamed.
/// - `Corpora/fuzz/<target>/`: the committed seeds.
///
/// A failure names the file; reproduce with `.build-fuzz/release/<target> <file>` after
/// `scripts/fuzz.sh 0 <target>`, or with this test.
@Suite struct FuzzRegressionTests {
  static let targets = allFuzzChecks.map { $0.target }

  static func files(_ folder: String, _ target: String) -> [URL] {
    let dir = packageRoot.appendingPathComponent("Corpora/\(folder)/\(target)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".md") }.sorted().map {
      dir.appendingPathComponent($0)
    }
  }

  static func replay(_ folder: String, target: String) throws -> Int {
    let type = try #require(allFuzzChecks.first { $0.target == target })
    let check = try type.init()
    var count = 0
    for url in files(folder, target) {
      let bytes = try [UInt8](Data(contentsOf: url))
      let finding = check.check(bytes)
      let name = "\(folder)/\(target)/\(url.lastPathComponent)"
      if url.lastPathComponent.hasPrefix("open-") {
        withKnownIssue("open fuzz finding \(name) (see docs/reliability-fuzzing.md)") {
          #expect(finding == nil, "\(name): \(finding ?? "")")
        }
      } else {
        #expect(finding == nil, "\(name): \(finding ?? "")")
      }
      count += 1
    }
    return count
  }

  /// Every file under Corpora/fuzz-findings/ passes its target's checks.
  @Test(arguments: targets)
  func findings(target: String) throws {
    _ = try Self.replay("fuzz-findings", target: target)
  }

  /// Every seed passes its target's checks, and each target has seeds.
  @Test(arguments: targets)
  func seeds(target: String) throws {
    let n = try Self.replay("fuzz", target: target)
    #expect(n > 0, "no seeds in Corpora/fuzz/\(target)/ (run scripts/make-fuzz-seeds.py)")
  }

  /// The dump the boilerplate check wraps pages as (`TextDump.wrap`) makes pages the stage
  /// unwraps: the sample page wrapped by it keeps the page's text (so the fuzzer's wrapped
  /// pages reach the paragraphs' code, not only pages the stage leaves alone).
  @Test(arguments: [60, 72, 80])
  func boilerplateCheckWrapsAsADump(width: Int) throws {
    let page = try String(
      contentsOf: packageRoot.appendingPathComponent("Corpora/pages/cgtn-coalition-2025-03-20.txt"),
      encoding: .utf8)
    let wrapped = TextDump.wrap(page, width: width)
    #expect(wrapped.split(separator: "\n").count > page.split(separator: "\n").count + 10)
    // A page with `\r\n` ends wraps alike, each piece ending with `\r`.
    let crlf = page.replacingOccurrences(of: "\n", with: "\r\n")
    #expect(
      TextDump.wrap(crlf, width: width)
        == wrapped.replacingOccurrences(of: "\n", with: "\r\n"))
    func words(_ text: String) -> [Substring] {
      BoilerplateClassifier().clean(text).text.split(whereSeparator: \.isWhitespace)
    }
    #expect(words(wrapped) == words(page))
    // The caption's first line is a caption only as part of its paragraph (whose last line
    // holds the credit).
    let first = try #require(
      wrapped.split(separator: "\n").firstIndex { $0.hasPrefix("Britain's") })
    var off = BoilerplateOptions()
    off.unwrapLines = false
    #expect(BoilerplateClassifier().clean(wrapped).decisions[first].reason == .caption)
    #expect(BoilerplateClassifier(options: off).clean(wrapped).decisions[first].reason != .caption)
  }

  /// Findings folders are named after known targets (a typo would silently skip files).
  @Test func findingFoldersAreTargets() throws {
    let dir = packageRoot.appendingPathComponent("Corpora/fuzz-findings")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
    for name in names where !name.hasPrefix(".") && !name.hasSuffix(".md") {
      #expect(Self.targets.contains(name), "Corpora/fuzz-findings/\(name) is not a fuzz target")
    }
  }
}
