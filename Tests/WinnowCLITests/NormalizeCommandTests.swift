import Glibc
import Testing
import WinnowTestSupport

/// `winnow normalize` end to end: the built binary, its stdout, stderr and exit status.
@Suite("winnow normalize")
struct NormalizeCommandTests {
  @Test("full-width ASCII folds; CJK punctuation next to Han stays")
  func widthExample() {
    let r = Winnow.run(["normalize"], stdin: Array("ＡＢＣ１２３，ｄｅｆ\n中文，英文\n".utf8))
    #expect(r.output == "ABC123,def\n中文，英文\n")
    #expect(r.stderr == "")
    #expect(r.status == 0)
  }

  @Test("invalid UTF-8 becomes U+FFFD and the run succeeds")
  func invalidUTF8Replaced() {
    let r = Winnow.run(["normalize"], stdin: [0x61, 0xFF, 0x62, 0x0A])
    #expect(r.output == "a\u{FFFD}b\n")
    #expect(r.status == 0)
  }

  @Test("--strict: invalid UTF-8 exits 65 naming the input and byte offset")
  func invalidUTF8Strict() {
    let r = Winnow.run(["normalize", "--strict"], stdin: [0x61, 0xFF, 0x62, 0x0A])
    #expect(r.status == 65)
    #expect(r.stderr.hasPrefix("winnow: <stdin>: "))
    #expect(r.stderr.contains("byte 1"))
  }

  @Test("--strict names the file and the absolute offset past the first chunk")
  func strictOffsetInLargeFile() {
    let dir = TemporaryDirectory()
    var bytes = [UInt8](repeating: UInt8(ascii: "x"), count: 300_000)
    bytes[299_999] = 0x0A
    bytes[123_456] = 0xC3  // a lead byte followed by 'x': invalid
    dir.write("big.txt", bytes)
    let r = Winnow.run(["normalize", "--strict", "big.txt"], in: dir.path)
    #expect(r.status == 65)
    #expect(r.stderr.hasPrefix("winnow: big.txt: "))
    #expect(r.stderr.contains("byte 123456"))
  }

  @Test("a missing input exits 66 and the other inputs are still processed")
  func missingInput() {
    let dir = TemporaryDirectory()
    dir.write("good.txt", "ＡＢＣ\n")
    let r = Winnow.run(["normalize", "missing.txt", "good.txt"], in: dir.path)
    #expect(r.status == 66)
    #expect(r.output == "ABC\n")
    #expect(r.stderr.hasPrefix("winnow: missing.txt: cannot open input"))
  }

  @Test("several inputs, and '-' for standard input, are concatenated in order")
  func concatenation() {
    let dir = TemporaryDirectory()
    dir.write("a.txt", "one\n")
    dir.write("b.txt", "three")
    let r = Winnow.run(
      ["normalize", "a.txt", "-", "b.txt"], stdin: Array("two\n".utf8), in: dir.path)
    #expect(r.status == 0)
    #expect(r.output == "one\ntwo\nthree")
  }

  @Test("-o equal to an input is refused with 64 and the input is untouched")
  func outputEqualsInput() {
    let dir = TemporaryDirectory()
    dir.write("page.txt", "ＡＢＣ\n")
    let r = Winnow.run(["normalize", "-o", "page.txt", "page.txt"], in: dir.path)
    #expect(r.status == 64)
    #expect(r.stderr.hasPrefix("winnow: page.txt: the output file is also an input"))
    #expect(dir.read("page.txt") == "ＡＢＣ\n")
    #expect(dir.allFiles() == ["page.txt"])
  }

  @Test("-o through another name of an input (a hard link, ./x) is refused too")
  func outputAliasesInput() {
    let dir = TemporaryDirectory()
    dir.write("page.txt", "ＡＢＣ\n")
    #expect(link(dir.path + "/page.txt", dir.path + "/alias.txt") == 0)
    let r1 = Winnow.run(["normalize", "-o", "alias.txt", "page.txt"], in: dir.path)
    #expect(r1.status == 64)
    let r2 = Winnow.run(
      ["normalize", "-o", "./page.txt"], stdinFile: dir.path + "/page.txt", in: dir.path)
    #expect(r2.status == 64)
    #expect(dir.read("page.txt") == "ＡＢＣ\n")
  }

  @Test("-o FILE writes the file, replacing it")
  func outputFile() {
    let dir = TemporaryDirectory()
    dir.write("in.txt", "ＡＢＣ\n")
    dir.write("out.txt", "old\n")
    let r = Winnow.run(["normalize", "-o", "out.txt", "in.txt"], in: dir.path)
    #expect(r.status == 0)
    #expect(r.output == "")
    #expect(dir.read("out.txt") == "ABC\n")
    #expect(dir.allFiles() == ["in.txt", "out.txt"])
  }

  @Test("-o FILE is left untouched, with no temporary file, when an input fails")
  func atomicOutputFile() {
    let dir = TemporaryDirectory()
    dir.write("bad.txt", [0x61, 0xFF, 0x0A])
    dir.write("good.txt", "ok\n")
    dir.write("out.txt", "old\n")
    let r = Winnow.run(
      ["normalize", "--strict", "-o", "out.txt", "good.txt", "bad.txt"], in: dir.path)
    #expect(r.status == 65)
    #expect(dir.read("out.txt") == "old\n")
    #expect(dir.allFiles() == ["bad.txt", "good.txt", "out.txt"])
  }

  @Test("SIGINT while writing -o FILE removes the temporary file and keeps the old file")
  func interrupted() {
    let dir = TemporaryDirectory()
    dir.write("out.txt", "old\n")
    let r = Winnow.runInterrupted(
      ["normalize", "-o", "out.txt"], in: dir.path, feed: Array("ＡＢＣ\n".utf8)
    ) {
      dir.allFiles().contains { $0.hasPrefix(".out.txt.winnow-") }
    }
    #expect(r.status == 128 + SIGINT)
    #expect(dir.allFiles() == ["out.txt"])
    #expect(dir.read("out.txt") == "old\n")
  }

  @Test("a directory input is mirrored under -o DIR")
  func directoryMirroring() {
    let dir = TemporaryDirectory()
    dir.write("in/a.txt", "ＡＢＣ\n")
    dir.write("in/sub/b.txt", "x\u{200B}y\r\n")
    dir.write("in/sub/deeper/c.txt", "&amp;\n")
    let r = Winnow.run(["normalize", "-o", "out", "in"], in: dir.path)
    #expect(r.status == 0)
    #expect(r.stderr == "")
    #expect(
      dir.allFiles() == [
        "in/a.txt", "in/sub/b.txt", "in/sub/deeper/c.txt",
        "out/a.txt", "out/sub/b.txt", "out/sub/deeper/c.txt",
      ])
    #expect(dir.read("out/a.txt") == "ABC\n")
    #expect(dir.read("out/sub/b.txt") == "xy\n")
    #expect(dir.read("out/sub/deeper/c.txt") == "&\n")
  }

  @Test("directory mode: a bad file gets no output and leaves no temporary file")
  func directoryAtomicPerFile() {
    let dir = TemporaryDirectory()
    dir.write("in/a.txt", [0x61, 0xFF, 0x0A])
    dir.write("in/b.txt", "fine\n")
    let r = Winnow.run(["normalize", "--strict", "-o", "out", "in"], in: dir.path)
    #expect(r.status == 65)
    #expect(r.stderr.hasPrefix("winnow: in/a.txt: "))
    #expect(dir.allFiles() == ["in/a.txt", "in/b.txt", "out/b.txt"])
    #expect(dir.read("out/b.txt") == "fine\n")
  }

  @Test(
    "usage errors exit 64",
    arguments: [
      (["normalize", "in"], "in is a directory"),
      (["normalize", "-o", "in/out", "in"], "inside the input directory"),
      (["normalize", "-o", "in", "in"], "inside the input directory"),
      (["normalize", "--steps", "width,bogus"], "unknown step 'bogus'"),
      (["normalize", "--profile", "loud"], "loud"),
      (["normalize", "--encoding", "no-such-charset"], "no-such-charset"),
    ])
  func usageErrors(arguments: [String], message: String) {
    let dir = TemporaryDirectory()
    dir.write("in/a.txt", "a\n")
    let r = Winnow.run(arguments, in: dir.path)
    #expect(r.status == 64)
    #expect(r.stderr.contains(message))
    #expect(dir.allFiles() == ["in/a.txt"])
  }

  @Test(
    "--steps runs exactly the listed steps; --form picks the form",
    arguments: [
      (["--steps", "width"], "ＡＢＣ  x\u{00A0}y\n", "ABC  x\u{00A0}y\n"),
      (["--steps", "spaces"], "ＡＢ  x\n", "ＡＢ x\n"),
      (["--profile", "none"], "ＡＢ  x\n", "ＡＢ  x\n"),
      (["--steps", "form", "--form", "nfd"], "\u{00E9}\n", "e\u{0301}\n"),
      (["--steps", ""], "ＡＢ\n", "ＡＢ\n"),
    ])
  func stepsAndForm(options: [String], input: String, expected: String) {
    let r = Winnow.run(["normalize"] + options, stdin: Array(input.utf8))
    #expect(r.status == 0)
    #expect(r.stderr == "")
    #expect(r.output == expected)
  }

  @Test("--help lists every exit status")
  func helpListsExitStatus() {
    let r = Winnow.run(["normalize", "--help"])
    #expect(r.status == 0)
    for code in ["64", "65", "66", "70", "73", "74"] {
      #expect(
        r.output.contains("\n  \(code) ") || r.output.contains(" \(code)  "), "exit status \(code)")
    }
  }

  @Test("a closed pipe on standard output ends the run quietly with 0")
  func brokenPipe() {
    let dir = TemporaryDirectory()
    let line = Array("ＡＢＣ１２３ some text to normalize\n".utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(4 << 20)
    while bytes.count < 4 << 20 { bytes.append(contentsOf: line) }
    dir.write("big.txt", bytes)
    let r = Winnow.runClosingStdout(["normalize", dir.path + "/big.txt"], after: 10)
    #expect(r.stdout == Array("ABC123 som".utf8))
    #expect(r.status == 0)
    #expect(r.stderr == "")
  }

  @Test("memory stays flat: 32 MiB of input needs far less than 32 MiB")
  func flatMemory() {
    let dir = TemporaryDirectory()
    let line = Array("Ｆｕｌｌ　ｗｉｄｔｈ and 中文，英文 &amp; text\r\n".utf8)
    var block: [UInt8] = []
    while block.count < 1 << 20 { block.append(contentsOf: line) }
    let fd = open(dir.path + "/big.txt", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    for _ in 0..<32 { _ = block.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) } }
    close(fd)
    let small = Winnow.run(["normalize", "-o", "/dev/null"], stdin: line)
    let big = Winnow.run(["normalize", "-o", dir.path + "/out.txt", dir.path + "/big.txt"])
    #expect(big.status == 0)
    #expect(small.status == 0)
    // Growth over a one-line run: buffers of a few chunks, not the input.
    #expect(
      big.maxResidentKiB - small.maxResidentKiB < 16 * 1024,
      "peak \(big.maxResidentKiB) KiB vs \(small.maxResidentKiB) KiB")
  }
}
