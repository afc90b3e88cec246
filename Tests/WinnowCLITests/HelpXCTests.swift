import XCTest

/// `winnow --help` (XCTest, so both test runners report): every subcommand is listed, and a
/// subcommand's help documents every exit status.
final class HelpXCTests: XCTestCase {
  func testRootHelpListsEverySubcommand() {
    let r = Winnow.run(["--help"])
    XCTAssertEqual(r.status, 0)
    for name in [
      "normalize", "tokenize", "sentences", "clean", "entities", "run", "learn", "stages",
    ] {
      XCTAssertTrue(r.output.contains(name), "winnow --help does not list \(name)")
    }
  }

  func testSubcommandHelpDocumentsExitStatuses() {
    for command in ["normalize", "tokenize", "sentences", "clean", "entities"] {
      let r = Winnow.run([command, "--help"])
      XCTAssertEqual(r.status, 0, command)
      for status in ["64", "65", "66", "70", "73", "74"] {
        XCTAssertTrue(
          r.output.contains(status),
          "winnow \(command) --help does not document exit status \(status)")
      }
    }
  }
}
