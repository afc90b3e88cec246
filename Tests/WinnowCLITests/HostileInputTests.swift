import Glibc
import Testing
import WinnowTestSupport

/// Issue 7: hostile and broken input through the built `winnow run`. Each case checks the
/// exit status, the message on stderr, the case's own output line, and that the other
/// document of the same run (`good.txt`, or the good lines of a JSONL file) is still
/// processed. The expected behaviour of each case is documented in RELIABILITY.md.
@Suite("hostile and broken input (winnow run)")
struct HostileInputTests {
  /// A pipeline with the normalizer only, so outputs show the decoded text.
  static let pipeline = "stages: [normalize]\n"

  struct Case: CustomTestStringConvertible, Sendable {
    var name: String
    var file: String
    var bytes: [UInt8]
    var arguments: [String] = []
    var status: Int32
    /// Expected on stderr (a substring).
    var message: String
    /// Expected in the case's own output line (substrings).
    var output: [String]
    var testDescription: String { name }
  }

  static func utf16LE(_ s: String) -> [UInt8] {
    s.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
  }
  static func utf16BE(_ s: String) -> [UInt8] {
    s.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
  }
  /// `中文测试` in GB18030.
  static let gb18030: [UInt8] = [0xD6, 0xD0, 0xCE, 0xC4, 0xB2, 0xE2, 0xCA, 0xD4, 0x0A]
  /// `a`, U+D800 encoded as if it were a scalar (CESU-8 style `ED A0 80`), `b`.
  static let cesu: [UInt8] = [0x61, 0xED, 0xA0, 0x80, 0x62, 0x0A]
  static let png: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52,
  ]
  /// `gzip -c` of "hello\n" (no `.gz` extension on the file).
  static let gzip: [UInt8] = [
    0x1F, 0x8B, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0xCB, 0x48, 0xCD, 0xC9, 0xC9, 0xE7,
    0x02, 0x00, 0x20, 0x30, 0x3A, 0x36, 0x06, 0x00, 0x00, 0x00,
  ]

  static let cases: [Case] = [
    Case(
      name: "empty file: an empty document, written", file: "case.txt", bytes: [], status: 0,
      message: "2 documents, 2 written", output: ["\"id\":\"case.txt\"", "\"text\":\"\""]),
    Case(
      name: "file of NUL bytes: skipped as binary", file: "case.txt",
      bytes: [UInt8](repeating: 0, count: 4096),
      status: 0, message: "winnow: case.txt: skipped (binary): a NUL byte at byte 0",
      output: ["\"skipped\":{\"reason\":\"binary\""]),
    Case(
      name: "PNG file: skipped as binary", file: "case.txt", bytes: png, status: 0,
      message: "winnow: case.txt: skipped (binary): a NUL byte at byte 8",
      output: ["\"reason\":\"binary\""]),
    Case(
      name: "gzip bytes without the extension: skipped as binary", file: "case.txt", bytes: gzip,
      status: 0,
      message: "winnow: case.txt: skipped (binary): gzip data (name it .gz to decompress it)",
      output: ["\"reason\":\"binary\""]),
    Case(
      name: "UTF-16LE with a BOM: decoded", file: "case.txt",
      bytes: [0xFF, 0xFE] + utf16LE("Hi 中文\n"), status: 0,
      message: "2 documents, 2 written", output: ["\"text\":\"Hi 中文\\n\""]),
    Case(
      name: "UTF-16BE with a BOM: decoded", file: "case.txt",
      bytes: [0xFE, 0xFF] + utf16BE("Hi 中文\n"), status: 0,
      message: "2 documents, 2 written", output: ["\"text\":\"Hi 中文\\n\""]),
    Case(
      name: "UTF-16LE without a BOM: skipped, the message names --encoding", file: "case.txt",
      bytes: utf16LE("Hi 中文\n"), status: 0,
      message:
        "winnow: case.txt: skipped (binary): a NUL byte at byte 1: binary data, or UTF-16/32 without a byte order mark (give --encoding)",
      output: ["\"reason\":\"binary\""]),
    Case(
      name: "UTF-16LE without a BOM, with --encoding utf-16le: decoded", file: "case.txt",
      bytes: utf16LE("Hi 中文\n"), arguments: ["--encoding", "UTF-16LE"], status: 0,
      message: "2 documents, 2 written", output: ["\"text\":\"Hi 中文\\n\""]),
    Case(
      name: "GB18030 read as UTF-8: U+FFFD, counted", file: "case.txt", bytes: gb18030, status: 0,
      message: "2 documents, 2 written",
      output: ["\u{FFFD}", "\"decoding\":{\"replacements\":6,\"first_offset\":0}"]),
    Case(
      name: "GB18030 read as UTF-8 with --strict: the document fails (65)", file: "case.txt",
      bytes: gb18030,
      arguments: ["--strict"], status: 65,
      message:
        "winnow: case.txt: invalid UTF-8 at byte 0 (0xD6); use --encoding for legacy text or drop --strict",
      output: ["\"error\":{\"code\":\"invalidData\""]),
    Case(
      name: "GB18030 with --encoding gb18030: decoded", file: "case.txt", bytes: gb18030,
      arguments: ["--encoding", "gb18030"], status: 0, message: "2 documents, 2 written",
      output: ["\"text\":\"中文测试\\n\""]),
    Case(
      name: "CESU-8 lone surrogate: U+FFFD per byte, counted", file: "case.txt", bytes: cesu,
      status: 0,
      message: "2 documents, 2 written",
      output: ["a\u{FFFD}\u{FFFD}\u{FFFD}b", "\"replacements\":3,\"first_offset\":1"]),
    Case(
      name: "CESU-8 lone surrogate with --strict: the document fails (65)", file: "case.txt",
      bytes: cesu,
      arguments: ["--strict"], status: 65,
      message: "winnow: case.txt: invalid UTF-8 at byte 1 (0xED)",
      output: ["\"byte_offset\":1"]),
    Case(
      name: "10,000 combining marks on one base: composed, kept", file: "case.txt",
      bytes: Array(("e" + String(repeating: "\u{301}", count: 10_000) + "\n").utf8), status: 0,
      message: "2 documents, 2 written",
      output: ["\"text\":\"é" + String(repeating: "\u{301}", count: 9_999) + "\\n\""]),
    Case(
      name: "deeply nested JSON: that line fails (65), the others are processed",
      file: "case.jsonl",
      bytes: Array(
        ("{\"id\":\"deep\",\"text\":\"x\",\"extra\":" + String(repeating: "[", count: 100_000)
          + String(repeating: "]", count: 100_000) + "}\n").utf8),
      status: 65, message: "nesting deeper than 512 levels",
      output: [
        "\"error\":{\"code\":\"invalidData\"", "case.jsonl:1: not a JSON line", "\"line\":1",
      ]),
  ]

  @Test(
    "each case: exit status, message, its output line, and the other document processed",
    arguments: cases)
  func hostile(_ c: Case) {
    let dir = TemporaryDirectory()
    dir.write("p.yaml", Self.pipeline)
    dir.write(c.file, c.bytes)
    // JSONL is always UTF-8, whatever --encoding says for text files.
    dir.write("good.jsonl", "{\"id\":\"good\",\"text\":\"Ｇｏｏｄ text.\\n\"}\n")
    let r = Winnow.run(
      ["run", "--pipeline", "p.yaml", "--progress", "none"] + c.arguments + [c.file, "good.jsonl"],
      in: dir.path)
    #expect(r.status == c.status, "\(c.name): \(r.stderr)")
    #expect(r.stderr.contains(c.message), "\(c.name): \(r.stderr)")
    let lines = r.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    #expect(lines.count == 2, "\(c.name): one output line per document")
    for expected in c.output {
      #expect(
        lines.first?.contains(expected) == true,
        "\(c.name): \(expected) not in \(lines.first?.prefix(300) ?? "")")
    }
    #expect(
      lines.last?.contains("\"text\":\"Good text.\\n\"") == true, "\(c.name): the good document")
  }

  @Test("a 20 MB JSON string passes through byte for byte; a 2 MB text field is processed")
  func largeJSONStrings() {
    let dir = TemporaryDirectory()
    dir.write("p.yaml", Self.pipeline)
    let blob = String(repeating: "ab\\u00e9", count: 20 << 20 / 8)
    let text = String(repeating: "Ｗｏｒｄ-", count: 2 << 20 / 16)
    let input =
      "{\"id\":1,\"text\":\"ok\"}\n{\"id\":2,\"text\":\"short\",\"blob\":\"\(blob)\"}\n{\"id\":3,\"text\":\"\(text)\"}\n"
    dir.write("big.jsonl", input)
    let r = Winnow.run(
      ["run", "--pipeline", "p.yaml", "--progress", "none", "big.jsonl"], in: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.output.split(separator: "\n")
    #expect(lines.count == 3)
    #expect(
      lines.count == 3
        && lines[1].contains("\"blob\":\"" + String(repeating: "abé", count: 20 << 20 / 8) + "\""))
    #expect(
      lines.count == 3
        && lines[2].contains("\"text\":\"" + String(repeating: "Word-", count: 2 << 20 / 16) + "\"")
    )
    #expect(r.stderr.contains("3 documents, 3 written"))
  }

  /// A 200 MB single line, as a text file and as a JSONL line, is skipped by the default
  /// `--max-doc-bytes` (64 MiB) without being loaded: the text file by its size on disk, the
  /// JSONL line by not buffering past the limit (the run's peak memory stays far below
  /// 200 MB). Then one real large line (7 MB) is processed whole.
  @Test(
    "a single 200 MB line is skipped (too-large) without being loaded; a 7 MB line is processed")
  func hugeLine() {
    let dir = TemporaryDirectory()
    dir.write("p.yaml", Self.pipeline)
    // Written a megabyte at a time: the test process stays small (a spawned child's peak
    // memory counts the parent's until its exec).
    writeRepeated(
      dir.path + "/huge.txt", prefix: [], byte: UInt8(ascii: "a"), count: 200 << 20, suffix: [])
    writeRepeated(
      dir.path + "/huge.jsonl", prefix: Array("{\"text\":\"".utf8), byte: UInt8(ascii: "a"),
      count: (200 << 20) - 9,
      suffix: Array("\"}\n{\"id\":\"after\",\"text\":\"ｏｋ\"}\n".utf8))
    dir.write("good.txt", "Ｇｏｏｄ text.\n")
    let r = Winnow.run(
      ["run", "--pipeline", "p.yaml", "--progress", "none", "huge.txt", "huge.jsonl", "good.txt"],
      in: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "winnow: huge.txt: skipped (too-large): 209715200 bytes, over --max-doc-bytes 67108864"))
    #expect(
      r.stderr.contains(
        "winnow: huge.jsonl:1: skipped (too-large): 209715202 bytes, over --max-doc-bytes 67108864")
    )
    #expect(r.stderr.contains("4 documents, 2 written, 2 skipped (too-large)"), "\(r.stderr)")
    let lines = r.output.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines.count == 4 && lines[0].contains("\"skipped\":{\"reason\":\"too-large\""))
    #expect(lines.count == 4 && lines[1].contains("\"line\":1"))
    #expect(
      lines.count == 4 && lines[2].contains("\"id\":\"after\"")
        && lines[2].contains("\"text\":\"ok\""))
    #expect(lines.count == 4 && lines[3].contains("\"text\":\"Good text.\\n\""))
    // Peak memory, measured as RUSAGE_CHILDREN of a small python3 parent: a child spawned
    // directly by this test process counts the test process's memory too (vfork until exec).
    let script = """
      import resource, subprocess, sys
      r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
      print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
      sys.exit(r.returncode)
      """
    let measured = Winnow.runArgv(
      [
        "/usr/bin/python3", "-c", script, Winnow.executable, "run", "--pipeline", "p.yaml",
        "huge.txt", "huge.jsonl",
      ],
      in: dir.path)
    let peakKiB = Int(measured.output.split(separator: "\n").first ?? "") ?? -1
    #expect(measured.status == 0, "\(measured.stderr)")
    #expect(
      peakKiB > 0 && peakKiB < 160 * 1024, "peak memory \(peakKiB) KiB: the 200 MB line was loaded?"
    )

    // One real large line, processed whole (7 MB; NFC and width folding over all of it).
    let big = String(repeating: "Ａe\u{301}-", count: 8 << 20 / 8)
    dir.write("line.txt", big)
    let r2 = Winnow.run(
      ["run", "--pipeline", "p.yaml", "--progress", "none", "--format", "text", "line.txt"],
      in: dir.path)
    #expect(r2.status == 0, "\(r2.stderr)")
    #expect(r2.output == String(repeating: "Aé-", count: 8 << 20 / 8) + "\n")
  }

  @Test(
    "--max-doc-bytes: a JSONL line and a text file over the limit are skipped; the line numbers stay right"
  )
  func maxDocBytesOption() {
    let dir = TemporaryDirectory()
    dir.write("p.yaml", Self.pipeline)
    let long = String(repeating: "x", count: 3000)
    dir.write(
      "in.jsonl",
      "{\"id\":1,\"text\":\"ａ\"}\n{\"id\":2,\"text\":\"\(long)\"}\r\n{\"id\":3,\"text\":\"ｃ\"}\n")
    dir.write("big.txt", long)
    dir.write("small.txt", "ｓｍａｌｌ")
    let r = Winnow.run(
      [
        "run", "--pipeline", "p.yaml", "--progress", "none", "--max-doc-bytes", "1K", "in.jsonl",
        "big.txt", "small.txt",
      ],
      in: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "winnow: in.jsonl:2: skipped (too-large): 3018 bytes, over --max-doc-bytes 1024"),
      "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "winnow: big.txt: skipped (too-large): 3000 bytes, over --max-doc-bytes 1024"))
    let lines = r.output.split(separator: "\n")
    #expect(lines.map { $0.contains("skipped") } == [false, true, false, true, false])
    #expect(
      lines.count == 5 && lines[2].contains("\"id\":3") && lines[4].contains("\"text\":\"small\""))
    let bad = Winnow.run(["run", "--max-doc-bytes", "12Q", "small.txt"], in: dir.path)
    #expect(bad.status == 64)
    #expect(bad.stderr.contains("--max-doc-bytes"))
  }

  @Test(
    "the summary counts every document as written, failed or skipped, adding up to the input count")
  func countsAddUp() throws {
    let dir = TemporaryDirectory()
    dir.write("p.yaml", Self.pipeline)
    // 10 JSONL lines: 6 good, 2 failing (not JSON; no text field), 1 blank (not a
    // document), 1 too long for the limit below; 4 text files: good, empty, binary, too
    // large. Documents: 9 + 4 = 13.
    var jsonl = ""
    for i in 0..<6 { jsonl += "{\"id\":\(i),\"text\":\"ｔ\(i)\"}\n" }
    jsonl +=
      "{oops\n{\"id\":7}\n   \n{\"id\":9,\"text\":\"\(String(repeating: "y", count: 5000))\"}\n"
    dir.write("in.jsonl", jsonl)
    dir.write("a.txt", "ａ")
    dir.write("b.txt", "")
    dir.write("c.txt", Self.png)
    dir.write("d.txt", String(repeating: "z", count: 5000))
    let r = Winnow.run(
      [
        "run", "--pipeline", "p.yaml", "--progress", "none", "--max-doc-bytes", "4096", "in.jsonl",
        "a.txt", "b.txt", "c.txt", "d.txt",
      ],
      in: dir.path)
    #expect(r.status == 65)
    let summary = try #require(r.stderr.split(separator: "\n").last.map(String.init))
    #expect(
      summary.hasPrefix(
        "winnow: 13 documents, 8 written, 2 failed, 1 skipped (binary), 2 skipped (too-large)"),
      "\(summary)")
    func count(_ label: String) -> Int {
      // "N label" in the summary line.
      guard let range = summary.range(of: " " + label) else { return 0 }
      let digits = summary[..<range.lowerBound].reversed().prefix(while: \.isNumber)
      return Int(String(digits.reversed())) ?? 0
    }
    let documents = count("documents")
    let total =
      count("written") + count("failed") + count("skipped (too-large)") + count("skipped (binary)")
    #expect(documents == 13 && total == documents)
    #expect(r.output.split(separator: "\n").count == 13, "one output line per document")
  }

  @Test("a directory symlink loop: reported (66) and not followed; every file read once")
  func symlinkLoop() {
    let dir = TemporaryDirectory()
    dir.write("p.yaml", Self.pipeline)
    dir.write("tree/a.txt", "ａ")
    dir.write("tree/sub/b.txt", "ｂ")
    #expect(symlink("..", dir.path + "/tree/sub/loop") == 0)
    #expect(symlink(".", dir.path + "/tree/self") == 0)
    let r = Winnow.run(["run", "--pipeline", "p.yaml", "--progress", "none", "tree"], in: dir.path)
    #expect(r.status == 66, "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "winnow: tree/self: file system loop (a link to a directory above it); skipped"),
      "\(r.stderr)")
    #expect(
      r.stderr.contains(
        "winnow: tree/sub/loop: file system loop (a link to a directory above it); skipped"))
    let ids = r.output.split(separator: "\n").compactMap { line -> String? in
      guard let s = line.range(of: "\"id\":\""), let e = line[s.upperBound...].firstIndex(of: "\"")
      else { return nil }
      return String(line[s.upperBound..<e])
    }
    #expect(ids == ["a.txt", "sub/b.txt"])
  }

  /// As root, `chmod 000` does not stop reads: the run then goes through `setpriv` without
  /// the capabilities that bypass file permissions (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH),
  /// so the permission check is real.
  @Test("an unreadable file: 66 with the reason; the other document processed")
  func unreadableFile() {
    let dir = TemporaryDirectory()
    dir.write("p.yaml", Self.pipeline)
    dir.write("secret.txt", "ｓ")
    dir.write("good.txt", "Ｇｏｏｄ text.\n")
    chmod(dir.path + "/secret.txt", 0)
    let arguments = ["run", "--pipeline", "p.yaml", "--progress", "none", "secret.txt", "good.txt"]
    let r: CommandResult
    if geteuid() == 0 {
      r = Winnow.runArgv(
        [
          "/usr/bin/setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search",
          "--", Winnow.executable,
        ]
          + arguments, in: dir.path)
    } else {
      r = Winnow.run(arguments, in: dir.path)
    }
    #expect(r.status == 66, "\(r.stderr)")
    #expect(r.stderr.contains("winnow: secret.txt: cannot open for reading"), "\(r.stderr)")
    #expect(r.stderr.contains("Permission denied"), "\(r.stderr)")
    #expect(r.output.contains("\"text\":\"Good text.\\n\""))
    #expect(r.stderr.contains("1 documents, 1 written, 1 unreadable inputs"))
  }

  /// A file listed by the directory walk that is gone when it is opened: a dangling link
  /// is exactly that sequence (readdir lists it, open fails with ENOENT). The library test
  /// `VanishingInputTests` deletes a real file while a run is under way.
  @Test("a file gone between listing and reading: 66 naming it; the others processed")
  func vanishedFile() {
    let dir = TemporaryDirectory()
    dir.write("p.yaml", Self.pipeline)
    dir.write("tree/a.txt", "ａ")
    dir.write("tree/c.txt", "ｃ")
    #expect(symlink("gone-now.txt", dir.path + "/tree/b.txt") == 0)
    let r = Winnow.run(["run", "--pipeline", "p.yaml", "--progress", "none", "tree"], in: dir.path)
    #expect(r.status == 66)
    #expect(r.stderr.contains("winnow: tree/b.txt: cannot open for reading"), "\(r.stderr)")
    #expect(r.stderr.contains("No such file or directory"))
    #expect(r.output.split(separator: "\n").count == 2)
  }

  @Test("disk full (/dev/full): 74 with ENOSPC's message")
  func diskFull() {
    let dir = TemporaryDirectory()
    dir.write("p.yaml", Self.pipeline)
    dir.write("a.txt", String(repeating: "ａｂｃ ", count: 100_000))
    let r = Winnow.run(
      ["run", "--pipeline", "p.yaml", "--progress", "none", "-o", "/dev/full", "a.txt"],
      in: dir.path)
    #expect(r.status == 74, "\(r.stderr)")
    #expect(r.stderr.contains("winnow: /dev/full: write failed"), "\(r.stderr)")
    #expect(r.stderr.contains("No space left on device"), "\(r.stderr)")
  }

  /// The output hits a file-size limit (`ulimit -f`, the shell's way to simulate a full
  /// disk for one process): the write fails with EFBIG (SIGXFSZ is ignored), the run exits
  /// 74, no temporary file is left, and an existing output is left as it was.
  @Test("output over the file-size limit: 74; no partial output; the old output kept")
  func fileSizeLimit() {
    let dir = TemporaryDirectory()
    dir.write("p.yaml", Self.pipeline)
    for i in 0..<8 { dir.write("in/\(i).txt", String(repeating: "ａｂｃ \(i) ", count: 20_000)) }
    dir.write("out.jsonl", "old\n")
    let command =
      "ulimit -f 256; exec '\(Winnow.executable)' run --pipeline p.yaml --progress none --format text -o out.jsonl in/*.txt"
    let r = Winnow.runArgv(["/bin/sh", "-c", command], in: dir.path)
    #expect(r.status == 74, "\(r.stderr)")
    #expect(r.stderr.contains("winnow: out.jsonl: write failed"), "\(r.stderr)")
    #expect(r.stderr.contains("File too large"), "\(r.stderr)")
    #expect(dir.read("out.jsonl") == "old\n")
    #expect(dir.allFiles().filter { $0.contains("partial") } == [])
  }
}

/// Writes `prefix`, `count` copies of `byte`, then `suffix`, a megabyte at a time.
func writeRepeated(_ path: String, prefix: [UInt8], byte: UInt8, count: Int, suffix: [UInt8]) {
  let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
  guard fd >= 0 else { return }
  defer { close(fd) }
  func put(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n <= 0 { return }
        offset += n
      }
    }
  }
  put(prefix)
  let block = [UInt8](repeating: byte, count: 1 << 20)
  var left = count
  while left > 0 {
    put(left >= block.count ? block : Array(block[0..<left]))
    left -= block.count
  }
  put(suffix)
}

extension Winnow {
  /// Runs `argv` (any program; `argv[0]` a path) in `directory`, with empty stdin.
  static func runArgv(_ argv: [String], in directory: String) -> CommandResult {
    let scratch = TemporaryDirectory()
    scratch.write("stdin", [])
    let (status, usage) = spawn(
      argv, stdin: scratch.path + "/stdin", stdout: scratch.path + "/stdout",
      stderr: scratch.path + "/stderr",
      directory: directory)
    return CommandResult(
      stdout: readFile(scratch.path + "/stdout") ?? [],
      stderr: String(decoding: readFile(scratch.path + "/stderr") ?? [], as: UTF8.self),
      status: status, maxResidentKiB: usage)
  }
}
