import ArgumentParser
import Dispatch
import Winnow

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// `winnow run`: a pipeline over files, directories, JSONL or stdin.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a pipeline over text files, directories or JSONL.",
    discussion: """
      Inputs: text files (one document each), directories (recursive; filter with --include), \
      JSONL files (.jsonl/.ndjson, one document per line; other fields pass through), `-` for \
      stdin (text, or JSONL with --input-format jsonl). .gz and .zst inputs and outputs are \
      (de)compressed by extension.

      JSONL output: each input line gives exactly one output line, in input order: the input \
      object with the cleaned text in the text field and Winnow's results under `winnow` \
      (`annotations`, `dropped`, and `sentences`/`tokens` when asked). A document that fails keeps \
      its fields and gets `winnow.error` = {code, message, source, line}. A document over \
      --max-doc-bytes, or a text file holding binary data (a NUL byte, gzip/zstd bytes without \
      the extension), is skipped without being processed: a message on stderr, and in JSONL \
      output a line with `winnow.skipped` = {reason, message, source, line}; skipping does not \
      change the exit status. The summary counts every document as written, failed or skipped.

      As a streaming filter (Spark's RDD.pipe, Hadoop Streaming): `winnow run \
      --input-format jsonl --jobs 1 --quiet --document-errors-ok --load-state STATE -` reads \
      JSONL on stdin and writes exactly one JSON line per non-blank input line, in order, \
      flushed per line. A failed document (a line that is not JSON included) becomes its \
      error line and the run goes on, unless --fail-fast; corpus stages use the state \
      `winnow learn` wrote (without --load-state, stdin runs them unlearned).

      --timings prints, after the summary, where the time went: per stage (its process calls) \
      and for reading, parsing, writing, each corpus pass and the whole run, the documents, \
      CPU seconds (thread CPU time, summed over the jobs) and wall seconds. The inputs are \
      read and parsed once, in the corpus pass, when they fit in --pass-memory: that counts \
      as the run's reading and parsing; else the pass's row holds its own.

      Exit status: 0 success; 64 usage or pipeline-file error; 65 some documents failed \
      (bad JSON, missing text field, invalid UTF-8, stage error; 0 with \
      --document-errors-ok); 66 an input could not be read; 73 an output could not be \
      created; 74 an I/O error; 130 interrupted (no half-written output is left in place; \
      --resume continues).
      """)

  @Option(name: .long, help: "The pipeline file (YAML or JSON). Default: the built-in pipeline.")
  var pipeline: String?

  @Option(name: .long, help: "Output format: text or jsonl.")
  var format: RunOptions.OutputFormat = .jsonl

  @Option(
    name: [.short, .long],
    help:
      "Output file, or a directory (ending in / or existing) for a mirrored tree. Default: stdout.")
  var output: String?

  @OptionGroup var input: DocumentInputOptions

  @Flag(name: .long, help: "Stop at the first failed document.")
  var failFast = false

  @Flag(
    name: .long,
    help:
      "Exit 0 when documents failed (each still gets its winnow.error): for RDD.pipe, where a non-zero exit fails the task."
  )
  var documentErrorsOk = false

  @Flag(name: .long, help: "Skip outputs already complete; continue an interrupted JSONL output.")
  var resume = false

  @Flag(name: .long, help: "Include sentences in JSONL results.")
  var sentences = false

  @Flag(name: .long, help: "Include tokens in JSONL results.")
  var tokens = false

  @Flag(
    name: .long,
    help: "Fail a text document with ill-formed bytes instead of replacing them with U+FFFD.")
  var strict = false

  @OptionGroup var limit: DocumentLimitOptions

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Load corpus-pass state from this file instead of learning it.",
      discussion:
        "A text file's site is its folder as the path was given: a note on standard error "
        + "names an input whose site the state does not know."))
  var loadState: String?

  @Option(name: .long, help: "Save the corpus-pass state learned in this run to this file.")
  var saveState: String?

  @Option(
    name: .long,
    help: ArgumentHelp(
      "Keep up to this much input in memory, as documents, between the corpus pass and the "
        + "run, which then neither reads nor parses them again (nor runs the stages before "
        + "the corpus stage; about twice the size in memory); past it, the run reads its "
        + "inputs again. 0: always read again. A number of bytes, or with K, M or G.",
      valueName: "size"))
  var passMemory = ByteCount(RunOptions.defaultPassMemory)

  @Option(name: .long, help: "Progress on stderr: auto (a bar on a terminal), bar, plain, none.")
  var progress: ProgressMode = .auto

  @Flag(name: [.short, .long], help: "No progress and no summary; errors only.")
  var quiet = false

  @Flag(
    name: .long,
    help: "After the summary, print on stderr the time spent in each stage and part of the run.")
  var timings = false

  @Argument(help: "Inputs: files, directories, or - for stdin.")
  var inputs: [String] = []

  enum ProgressMode: String, ExpressibleByArgument, CaseIterable { case auto, bar, plain, none }

  func run() throws {
    signal(SIGPIPE, SIG_IGN)
    // Over a file-size limit (`ulimit -f`) a write fails with EFBIG and is reported (exit
    // 74, the temporary output removed) instead of the signal killing the process.
    signal(SIGXFSZ, SIG_IGN)
    let interrupt = installInterruptHandler(keepPartial: resume)
    defer { interrupt.cancel() }
    do {
      let config =
        try pipeline.map { path throws(WinnowError) in try PipelineConfiguration(contentsOf: path) }
        ?? WinnowCommand.defaultPipeline
      let built = try Pipeline(configuration: config)
      var options = RunOptions()
      options.inputs = inputs.isEmpty ? ["-"] : inputs
      input.apply(to: &options)
      options.format = format
      options.output = output
      options.failFast = failFast
      options.resume = resume
      options.results = ResultOptions(sentences: sentences, tokens: tokens)
      options.loadState = loadState
      options.strict = strict
      options.saveState = saveState
      options.maxDocumentBytes = limit.maxDocBytes.bytes
      options.timings = timings
      options.passMemory = passMemory.bytes
      let runner = PipelineRunner(pipeline: built, options: options)
      var errorsShown = 0
      runner.onError = { e in
        errorsShown += 1
        if errorsShown <= 100 {
          printError(e.description)
        } else if errorsShown == 101 {
          printError("further errors not shown (see winnow.error in the output)")
        }
      }
      var skipsShown = 0
      runner.onSkip = { message in
        skipsShown += 1
        if quiet { return }
        if skipsShown <= 100 {
          printError(message)
        } else if skipsShown == 101 {
          printError("further skipped documents not shown (see winnow.skipped in the output)")
        }
      }
      runner.onNote = { note in
        if !quiet { printError("note: \(note)") }
      }
      let mode: ProgressMode =
        quiet ? .none : (progress == .auto ? (isatty(2) != 0 ? .bar : .none) : progress)
      let reporter = ProgressReporter(mode: mode)
      if mode != .none { runner.onProgress = { reporter.update($0) } }
      let summary = try runner.run()
      reporter.finish()
      if !quiet { printError(reporter.summaryLine(summary)) }
      if let t = summary.timings { printTable(t) }
      let status = summary.exitStatus
      if status != 0
        && !(documentErrorsOk && !summary.stoppedEarly
          && status == WinnowError.Code.invalidData.exitStatus)
      {
        throw ExitCode(status)
      }
    } catch let e as WinnowError {
      if e.cause == "EPIPE" { throw ExitCode(0) }
      printError(e.description)
      throw ExitCode(e.code.exitStatus)
    }
  }
}

extension RunOptions.OutputFormat: ExpressibleByArgument {}

/// A size on the command line: bytes, or a number with `K`, `M` or `G` (powers of 1024;
/// `KiB`, `MiB`, `GiB` and `KB`, `MB`, `GB` mean the same).
struct ByteCount: ExpressibleByArgument, CustomStringConvertible {
  var bytes: Int

  init(_ bytes: Int) { self.bytes = bytes }

  init?(argument: String) {
    var digits = Substring(argument)
    var unit = Substring("")
    if let firstLetter = argument.firstIndex(where: { $0.isLetter }) {
      digits = argument[..<firstLetter]
      unit = argument[firstLetter...]
    }
    let shift: Int
    switch unit.uppercased() {
    case "", "B": shift = 0
    case "K", "KB", "KIB": shift = 10
    case "M", "MB", "MIB": shift = 20
    case "G", "GB", "GIB": shift = 30
    default: return nil
    }
    guard let n = Int(digits), n >= 0, n <= (Int.max >> shift) else { return nil }
    bytes = n << shift
  }

  var description: String {
    if bytes > 0 && bytes % (1 << 20) == 0 { return "\(bytes >> 20)M" }
    return String(bytes)
  }

  var defaultValueDescription: String { description }
}
extension RunOptions.InputFormat: ExpressibleByArgument {}

/// Writes a `--timings` table to stderr.
func printTable(_ timings: RunTimings) {
  var text = timings.table
  text.withUTF8 { p in _ = write(2, p.baseAddress, p.count) }
}

/// Writes `winnow: message` to stderr.
func printError(_ message: String) {
  var line = "winnow: " + message + "\n"
  line.withUTF8 { p in _ = write(2, p.baseAddress, p.count) }
}

/// On SIGINT/SIGTERM: remove temporary outputs (keeping a resumable `.partial`), say so,
/// and exit 130.
func installInterruptHandler(keepPartial: Bool) -> any DispatchSourceSignal {
  signal(SIGINT, SIG_IGN)
  signal(SIGTERM, SIG_IGN)
  let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
  let term = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
  let handler: @Sendable () -> Void = {
    PipelineRunner.requestStop()
    PipelineRunner.removeTemporaryOutputs(keepResumable: keepPartial)
    printError(
      "interrupted; no partial output left in place\(keepPartial ? " (run again with --resume to continue)" : "")"
    )
    _exit(130)
  }
  source.setEventHandler(handler: handler)
  term.setEventHandler(handler: handler)
  source.resume()
  term.resume()
  return source
}

/// Progress on stderr: a redrawn bar, or a plain line every few seconds.
final class ProgressReporter: @unchecked Sendable {
  let mode: RunCommand.ProgressMode
  let start = ContinuousClock.now
  var last = ContinuousClock.now
  var drawn = false

  init(mode: RunCommand.ProgressMode) { self.mode = mode }

  var elapsed: Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
  }

  func update(_ p: RunProgress) {
    let now = ContinuousClock.now
    let interval: Duration = mode == .plain ? .seconds(5) : .milliseconds(200)
    guard now - last >= interval else { return }
    last = now
    let mb = Double(p.bytesIn) / 1e6
    let rate = mb / max(elapsed, 0.001)
    var text = "\(p.documents) docs, \(format(mb)) MB, \(format(rate)) MB/s"
    if let total = p.totalBytes, total > 0 {
      let fraction = min(1, Double(p.bytesIn) / Double(total))
      let eta = rate > 0 ? (Double(total - p.bytesIn) / 1e6) / rate : 0
      if mode == .bar {
        let width = 24
        let filled = Int(fraction * Double(width))
        text =
          "[" + String(repeating: "#", count: filled)
          + String(repeating: " ", count: width - filled) + "] " + text
      }
      text += ", ETA \(Int(eta.rounded()))s"
    }
    if p.failed > 0 { text += ", \(p.failed) failed" }
    if mode == .bar {
      var s = "\r\u{1B}[K" + text
      s.withUTF8 { b in _ = write(2, b.baseAddress, b.count) }
      drawn = true
    } else {
      printError(text)
    }
  }

  func finish() {
    if drawn {
      var s = "\r\u{1B}[K"
      s.withUTF8 { b in _ = write(2, b.baseAddress, b.count) }
    }
  }

  func format(_ x: Double) -> String {
    let r = (x * 10).rounded() / 10
    return r == r.rounded() ? String(Int(r)) + ".0" : String(r)
  }

  func summaryLine(_ s: RunSummary) -> String {
    var parts = ["\(s.documents) documents", "\(s.written) written"]
    if s.failed > 0 { parts.append("\(s.failed) failed") }
    for (reason, n) in s.skippedByReason.sorted(by: { $0.key < $1.key }) {
      parts.append("\(n) skipped (\(reason))")
    }
    if s.unreadableInputs > 0 { parts.append("\(s.unreadableInputs) unreadable inputs") }
    if s.skipped > 0 { parts.append("\(s.skipped) skipped (resume)") }
    parts.append(
      "\(format(Double(s.bytesIn) / 1e6)) MB in, \(format(Double(s.bytesOut) / 1e6)) MB out in \(format(elapsed)) s"
    )
    var line = parts.joined(separator: ", ")
    if !s.droppedByReason.isEmpty {
      line +=
        "; dropped: "
        + s.droppedByReason.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
          separator: ", ")
    }
    if !s.annotationsByKind.isEmpty {
      line +=
        "; annotations: "
        + s.annotationsByKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
          separator: ", ")
    }
    if s.stoppedEarly { line += "; stopped at the first failure (--fail-fast)" }
    return line
  }
}
