import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `winnow run` reads and writes, and how.
public struct RunOptions: Sendable {
  /// The output format.
  public enum OutputFormat: String, Sendable, CaseIterable {
    /// The cleaned text.
    case text
    /// One JSON object per document: the input object with the cleaned text in the text
    /// field and the results under `winnow`.
    case jsonl
  }

  /// How to read inputs.
  public enum InputFormat: String, Sendable, CaseIterable {
    /// By extension: `.jsonl`/`.ndjson` (before `.gz`/`.zst`) is JSONL, else text; stdin is text.
    case auto
    /// One document per file.
    case text
    /// One document per line.
    case jsonl
  }

  /// Files, directories, or `-` for stdin. Default: stdin.
  public var inputs: [String] = ["-"]
  /// Globs a directory's files must match (base name or relative path); empty = all.
  public var include: [String] = []
  /// How to read inputs (default: by extension).
  public var inputFormat: InputFormat = .auto
  /// The JSONL field holding the text (default `text`).
  public var textField = "text"
  /// The JSONL field holding the id (default `id`).
  public var idField = "id"
  /// The output format (default JSONL).
  public var format: OutputFormat = .jsonl
  /// The output: nil or `-` for stdout, a file, or a directory (a mirrored tree, one output
  /// per input file: when it ends with `/` or is an existing directory).
  public var output: String?
  /// Worker threads (default: the number of cores).
  public var jobs: Int = RunOptions.cores
  /// Stop at the first failed document.
  public var failFast = false
  /// Skip outputs that are already complete (tree mode) or continue a `.partial` file.
  public var resume = false
  /// What the `winnow` object holds.
  public var results = ResultOptions()
  /// Documents in flight at most (default: 64 per job).
  public var capacity: Int?
  /// A corpus state file to load instead of running the corpus pass.
  public var loadState: String?
  /// Where to save the corpus state learned in this run.
  public var saveState: String?
  /// The charset of text-file inputs (an ICU name such as `GB18030`); nil = UTF-8.
  /// JSONL is always UTF-8.
  public var encoding: String?
  /// Whether ill-formed text in a text-file input fails the document instead of becoming
  /// U+FFFD (counted in the `winnow.decoding` result).
  public var strict = false
  /// The largest document read, in bytes (default 64 MiB): a text file larger than this
  /// (by its size on disk, or as read for compressed files and stdin) or a JSONL line
  /// longer than this is skipped, without being loaded, with the reason `too-large`.
  public var maxDocumentBytes = RunOptions.defaultMaxDocumentBytes
  /// Whether to time the run's parts (``RunSummary/timings``, ``LearnSummary/timings``):
  /// `winnow run --timings`. Off, nothing is measured.
  public var timings = false
  /// How many input bytes the corpus pass may keep in memory, as documents, for the run
  /// that follows (default 256 MiB). Up to this, the run takes each document as the pass
  /// left it — read, parsed and through the stages before the corpus stage — instead of
  /// reading, parsing and running those stages again; the output is the same either way.
  /// Once the inputs pass this size, the kept documents are let go and the run reads its
  /// inputs again. 0: always read again. (`winnow run --pass-memory`.) A kept document
  /// takes about twice its input size (its original and current text, its alignment).
  public var passMemory = RunOptions.defaultPassMemory

  /// The default of ``maxDocumentBytes``: 64 MiB.
  public static let defaultMaxDocumentBytes = 64 << 20
  /// The default of ``passMemory``: 256 MiB.
  public static let defaultPassMemory = 256 << 20

  /// Default options.
  public init() {}

  /// The number of online cores.
  public static var cores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }
}

/// Counts of a run, and its exit status.
///
/// Every document read is counted once, as written, failed or skipped for a reason:
/// `documents == written + failed + skippedByReason.values.reduce(0, +)`. Inputs that could
/// not be read at all are counted in ``unreadableInputs``, and documents not read because
/// `--resume` found them done in ``skipped``.
public struct RunSummary: Sendable, Hashable {
  /// Documents read (written, failed, or skipped for a reason).
  public var documents = 0
  /// Documents processed and written without an error.
  public var written = 0
  /// Documents that failed (bad input or a stage error); each still has its output line
  /// (with `winnow.error`) in JSONL output.
  public var failed = 0
  /// Documents skipped without being processed, by reason: `too-large` (over
  /// ``RunOptions/maxDocumentBytes``), `binary` (a text file holding NUL bytes or
  /// compressed data). Each still has its output line (with `winnow.skipped`) in JSONL
  /// output.
  public var skippedByReason: [String: Int] = [:]
  /// Input files that could not be read (missing, unreadable, a read error, a file-system
  /// loop in a directory).
  public var unreadableInputs = 0
  /// Input files (or documents) skipped by `--resume`.
  public var skipped = 0
  /// Bytes of document text read.
  public var bytesIn = 0
  /// Bytes written (before compression).
  public var bytesOut = 0
  /// Dropped pieces by reason code.
  public var droppedByReason: [String: Int] = [:]
  /// Annotations by kind.
  public var annotationsByKind: [String: Int] = [:]
  /// Whether the run stopped early (`--fail-fast`).
  public var stoppedEarly = false
  /// Where the time went, per stage and part; nil unless ``RunOptions/timings`` is set.
  public var timings: RunTimings?

  /// 0 when all went well; 66 if an input could not be read; else 65 if a document failed.
  public var exitStatus: Int32 {
    if unreadableInputs > 0 { return WinnowError.Code.cannotOpenInput.exitStatus }
    if failed > 0 { return WinnowError.Code.invalidData.exitStatus }
    return 0
  }
}

/// Progress, reported after each document.
public struct RunProgress: Sendable {
  /// Documents done.
  public var documents: Int
  /// Bytes of text read.
  public var bytesIn: Int
  /// Bytes of all inputs (when known, for an ETA).
  public var totalBytes: Int?
  /// Documents failed so far.
  public var failed: Int
}

/// Runs a pipeline over files, directories, JSONL and stdin, in parallel with the output in
/// input order — the engine of `winnow run`.
///
/// ```swift
/// var options = RunOptions()
/// options.inputs = ["pages.jsonl"]
/// options.output = "clean.jsonl"
/// let summary = try PipelineRunner(pipeline: pipeline, options: options).run()
/// summary.exitStatus   // 0
/// ```
public final class PipelineRunner {
  /// The pipeline (with corpus state applied once ``run()`` has learned or loaded it).
  public private(set) var pipeline: Pipeline
  /// The options.
  public let options: RunOptions
  /// Called with each per-document or per-file error (the CLI prints them on stderr).
  public var onError: ((WinnowError) -> Void)?
  /// Called after each document.
  public var onProgress: ((RunProgress) -> Void)?
  /// Called with a sentence for each document skipped for a reason (the CLI prints them on
  /// stderr), e.g. `big.txt: skipped (too-large): 209715200 bytes, over --max-doc-bytes 67108864`.
  public var onSkip: ((String) -> Void)?
  /// Called at most once, after a state is loaded (``RunOptions/loadState``), with the first
  /// stage's ``Stage/corpusStateNote(for:)`` for a text input file, prefixed with the state
  /// file (the CLI prints it on stderr as a note).
  public var onNote: ((String) -> Void)?
  /// The corpus passes' timing rows (with ``RunOptions/timings``), set by `learn`.
  var corpusTimingRows: [RunTimings.Row] = []
  /// The jobs the run replays instead of reading its inputs: every job of the last corpus
  /// pass, documents as that pass left them (``RunOptions/passMemory``); nil to read.
  var passCache: [Job]?
  /// With ``RunOptions/timings`` and ``passCache``: the passes' reading, parsing and stage
  /// times of the kept documents, which the run counts as its own.
  var passShared: (read: TimeTally, times: DocumentTimes)?

  /// Creates a runner.
  public init(pipeline: Pipeline, options: RunOptions) {
    self.pipeline = pipeline
    self.options = options
  }

  /// One input file.
  struct InputFile: Sendable {
    var path: String
    /// The path relative to its input root (for the mirrored output tree and ids).
    var relative: String
    var jsonl: Bool
    var size: Int?
    /// Set when the input was found unreadable while planning (a file-system loop).
    var error: WinnowError?
  }

  /// Where outputs go.
  enum OutputPlan {
    case stream(String)
    case tree(String)
  }

  /// A unit of work.
  enum Job: Sendable {
    case fileStart(Int)
    case fileEnd(Int)
    case fileError(Int, WinnowError)
    case text(file: Int, bytes: [UInt8])
    case line(file: Int, number: Int, bytes: [UInt8])
    /// A document not loaded: a text file (line nil) or JSONL line over the size limit.
    /// `bytes` is its size, or a lower bound when `atLeast`.
    case tooLarge(file: Int, line: Int?, bytes: Int, atLeast: Bool)
    /// A document the corpus pass kept: read, parsed and through the stages before
    /// `next`; the rest of the pipeline runs on it.
    case resume(ResumedDocument)

    /// The input file the job belongs to.
    var file: Int {
      switch self {
      case .fileStart(let i), .fileEnd(let i), .fileError(let i, _): i
      case .text(let i, _), .line(let i, _, _), .tooLarge(let i, _, _, _): i
      case .resume(let r): r.file
      }
    }

    /// The bytes the job holds in memory (about): its input, or a kept document's input size.
    var heldBytes: Int {
      switch self {
      case .text(_, let bytes), .line(_, _, let bytes): bytes.count
      case .resume(let r): r.bytesIn
      default: 0
      }
    }
  }

  /// A document kept by the corpus pass for the run (``RunOptions/passMemory``).
  struct ResumedDocument: Sendable {
    var file: Int
    /// Its JSONL line number; nil for a text file.
    var line: Int?
    /// The size of its input.
    var bytesIn: Int
    /// Its JSONL line's object (the text field still the input's), for the output line.
    var object: JSONObject?
    var document: Document
    /// The first stage not yet run on it.
    var next: Int
  }

  /// A unit of output.
  struct Outcome: Sendable {
    var job: JobKind
    var file: Int
    var output: [UInt8] = []
    var error: WinnowError?
    var bytesIn = 0
    var drops: [String: Int] = [:]
    var kinds: [String: Int] = [:]
    var document: Document?
    /// The reason code and message of a skipped document.
    var skip: (reason: String, message: String)?
    /// The document's times (with ``RunOptions/timings``).
    var times: DocumentTimes?
    /// In the corpus pass: the JSONL line's object (with the document), for keeping it.
    var object: JSONObject?
    /// In a corpus pass that keeps documents: the job the run replays for this one (the
    /// processed document, or the job itself when it gave no document).
    var replay: Job?
  }

  enum JobKind: Sendable { case start, end, fileError, document }

  /// Runs the pipeline over every input.
  ///
  /// - Returns: the counts (its ``RunSummary/exitStatus`` says whether documents failed).
  /// - Throws: `WinnowError` for what stops the run: a usage problem (output inside an
  ///   input directory, stdin twice), an output that cannot be written, or the first
  ///   failed document with `failFast`.
  public func run() throws(WinnowError) -> RunSummary {
    let runStart = options.timings ? TimeStamp.processNow() : nil
    let files = try planInputs()
    let plan = try planOutput(files)
    var summary = RunSummary()
    try prepareCorpusState(files, keepDocuments: true)

    var skipInputs = Set<Int>()
    var skipDocuments = 0
    var streamOutput: OutputFile?
    switch plan {
    case .tree(let dir):
      if options.resume {
        for (i, f) in files.enumerated() where RunFiles.exists(treePath(dir, f)) {
          skipInputs.insert(i)
        }
        summary.skipped = skipInputs.count
      }
    case .stream(let path):
      if path == "-" {
        streamOutput = try OutputFile(path: "-")
      } else if OutputFile.isSpecialFile(path) {
        streamOutput = try OutputFile(path: path)
      } else if options.resume && RunFiles.exists(path) {
        summary.skipped = files.count
        return summary
      } else {
        let partial = path + ".partial"
        if options.resume && options.format == .jsonl && Compression(path: path) == .none
          && RunFiles.exists(partial)
        {
          skipDocuments = try PipelineRunner.trimToCompleteLines(partial)
          streamOutput = try OutputFile(path: path, temporaryPath: partial, append: true)
        } else {
          streamOutput = try OutputFile(path: path, temporaryPath: partial)
        }
        summary.skipped = skipDocuments
      }
    }

    let pipeline = self.pipeline
    let options = self.options
    let totalBytes = files.reduce(0) { $0 + ($1.size ?? 0) }
    var treeOutput: OutputFile?
    var documentIndex = 0
    let skip = skipInputs
    // The documents the corpus pass kept, taken over (and let go with the run).
    let replayed = passCache
    passCache = nil
    let readTimer = options.timings ? ReadTimer() : nil
    var documentTimes = options.timings ? DocumentTimes(stages: pipeline.stages.count) : nil
    var writeTally = TimeTally()
    do {
      try orderedMap(
        jobs: options.jobs, capacity: options.capacity ?? max(16, options.jobs * 64),
        produce: { (emit: (Job) -> Bool) throws(WinnowError) in
          if let replayed {
            PipelineRunner.replay(replayed, skip: skip, emit: emit)
          } else {
            PipelineRunner.produce(
              files: files, skip: skip, options: options, timer: readTimer, emit: emit)
          }
        },
        transform: { job in
          PipelineRunner.transform(job, files: files, pipeline: pipeline, options: options)
        },
        consume: { (o: Outcome) throws(WinnowError) -> Bool in
          switch o.job {
          case .start:
            if case .tree(let dir) = plan {
              treeOutput = try OutputFile(path: treePath(dir, files[o.file]))
            }
            return true
          case .end:
            try treeOutput?.commit()
            treeOutput = nil
            return true
          case .fileError:
            summary.unreadableInputs += 1
            if let e = o.error { onError?(e) }
            treeOutput?.abandon()
            treeOutput = nil
            if options.failFast { summary.stoppedEarly = true; return false }
            return true
          case .document:
            documentIndex += 1
            if documentIndex <= skipDocuments { return true }
            summary.documents += 1
            summary.bytesIn += o.bytesIn
            for (k, v) in o.drops { summary.droppedByReason[k, default: 0] += v }
            for (k, v) in o.kinds { summary.annotationsByKind[k, default: 0] += v }
            if let e = o.error {
              summary.failed += 1
              onError?(e)
            } else if let skip = o.skip {
              summary.skippedByReason[skip.reason, default: 0] += 1
              onSkip?(skip.message)
            } else {
              summary.written += 1
            }
            if let t = o.times { documentTimes?.add(t) }
            if let out = treeOutput ?? streamOutput {
              let start = readTimer != nil ? TimeStamp.now() : nil
              try out.write(o.output)
              summary.bytesOut += o.output.count
              if out.path == "-" && options.format == .jsonl { try out.flush() }
              if let start { writeTally.add(start, .now(), documents: 0) }
            }
            onProgress?(
              RunProgress(
                documents: summary.documents, bytesIn: summary.bytesIn,
                totalBytes: totalBytes > 0 ? totalBytes : nil, failed: summary.failed))
            if o.error != nil && options.failFast {
              summary.stoppedEarly = true
              return false
            }
            return true
          }
        })
    } catch {
      treeOutput?.abandon()
      streamOutput?.abandon(keep: options.resume)
      throw error
    }
    if summary.stoppedEarly {
      treeOutput?.abandon()
      if streamOutput?.path == "-" { try streamOutput?.flush() } else { streamOutput?.abandon() }
    } else {
      try streamOutput?.commit()
    }
    if let runStart, let readTimer, var times = documentTimes {
      var t = RunTimings()
      var read = readTimer.tally
      if replayed != nil, let shared = passShared {
        // The kept documents were read, parsed and through the earlier stages once, in the
        // corpus pass: that work is the run's.
        read.add(shared.read)
        read.documents = shared.read.documents
        times.add(shared.times)
        times.parse.documents = shared.times.parse.documents
      }
      passShared = nil
      t.rows.append(read.row(.read))
      t.rows.append(times.parse.row(.parse))
      for (i, stage) in pipeline.stages.enumerated() where i < times.stages.count {
        t.rows.append(times.stages[i].row(.stage(i, stage.name)))
      }
      times.write.add(writeTally)
      t.rows.append(times.write.row(.write))
      t.rows.append(contentsOf: corpusTimingRows)
      var total = TimeTally()
      total.add(runStart, .processNow(), documents: summary.documents)
      t.rows.append(total.row(.total))
      summary.timings = t
    }
    return summary
  }

  /// The corpus stages' state before a run: loaded from ``RunOptions/loadState``, else
  /// learned in the corpus passes over `files` (keeping the documents for the run with
  /// `keepDocuments`).
  ///
  /// Standard input can be read only once (Spark's `RDD.pipe`, a shell pipe): corpus stages
  /// then run without learned state, as on a single page, unless a state file gives them
  /// one. Saving a state from stdin is still refused (by `learn`).
  /// - Returns: whether the passes ran.
  @discardableResult
  func prepareCorpusState(_ files: [InputFile], keepDocuments: Bool) throws(WinnowError) -> Bool {
    if let load = options.loadState {
      try loadState(load)
      if let onNote { noteUncoveredInputs(files, state: load, onNote) }
      return false
    }
    guard !pipeline.corpusStageIndices.isEmpty,
      !files.contains(where: { $0.path == "-" }) || options.saveState != nil
    else { return false }
    try learn(files, keepDocuments: keepDocuments)
    return true
  }

  /// Reports the first text input file that a stage's loaded state does not cover
  /// (``Stage/corpusStateNote(for:)``), once.
  func noteUncoveredInputs(_ files: [InputFile], state: String, _ note: (String) -> Void) {
    for f in files where !f.jsonl && f.path != "-" && f.error == nil {
      let probe = Document(text: "", metadata: Document.Metadata(source: f.path))
      for stage in pipeline.stages {
        if let n = stage.corpusStateNote(for: probe) {
          note("\(state): \(n)")
          return
        }
      }
    }
  }

  /// Applies the corpus state saved in the file at `path` (``Pipeline/savedState(_:)``'s
  /// object) to ``pipeline``.
  func loadState(_ path: String) throws(WinnowError) {
    let bytes = try readWholeFile(path)
    let state: JSONValue
    do { state = try JSONValue(parsing: bytes) } catch {
      throw WinnowError(.usage, "\(path): not a state file: \(error.message)", path: path)
    }
    pipeline = try pipeline.applying(savedState: state, path: path)
  }

  /// The output path of an input in tree mode: the same relative path, with the
  /// extension changed when the format changes (`a.txt` → `a.txt.jsonl` for JSONL output,
  /// `b.jsonl.gz` → `b.txt.gz` for text output); compression is kept.
  func treePath(_ dir: String, _ f: InputFile) -> String {
    var rel = f.relative
    let packed = Compression.strippingExtension(rel)
    let compression = String(rel.dropFirst(packed.count))
    switch (options.format, f.jsonl) {
    case (.jsonl, false): rel = packed + ".jsonl" + compression
    case (.text, true):
      var base = packed
      for ext in [".jsonl", ".ndjson"] where base.hasSuffix(ext) {
        base = String(base.dropLast(ext.count))
      }
      rel = base + ".txt" + compression
    default: break
    }
    return (dir.hasSuffix("/") ? dir : dir + "/") + rel
  }

  // MARK: Planning

  func planInputs() throws(WinnowError) -> [InputFile] {
    var files: [InputFile] = []
    var stdinSeen = false
    for input in options.inputs {
      if input == "-" {
        guard !stdinSeen else { throw WinnowError(.usage, "stdin (`-`) is named twice") }
        stdinSeen = true
        files.append(InputFile(path: "-", relative: "stdin", jsonl: options.inputFormat == .jsonl))
      } else if RunFiles.isDirectory(input) {
        let root = input.hasSuffix("/") && input.count > 1 ? String(input.dropLast()) : input
        var loops: [(String, WinnowError)] = []
        for rel in try RunFiles.walk(root, include: options.include, loops: &loops) {
          let path = root + "/" + rel
          files.append(
            InputFile(path: path, relative: rel, jsonl: isJSONL(path), size: fileSize(path)))
        }
        for (rel, e) in loops {
          files.append(InputFile(path: root + "/" + rel, relative: rel, jsonl: false, error: e))
        }
      } else {
        let base = input.split(separator: "/").last.map(String.init) ?? input
        files.append(
          InputFile(path: input, relative: base, jsonl: isJSONL(input), size: fileSize(input)))
      }
    }
    return files
  }

  func isJSONL(_ path: String) -> Bool {
    switch options.inputFormat {
    case .jsonl: return true
    case .text: return false
    case .auto:
      let p = Compression.strippingExtension(path)
      return p.hasSuffix(".jsonl") || p.hasSuffix(".ndjson")
    }
  }

  func fileSize(_ path: String) -> Int? {
    var st = stat()
    return stat(path, &st) == 0 ? Int(st.st_size) : nil
  }

  func planOutput(_ files: [InputFile]) throws(WinnowError) -> OutputPlan {
    guard let out = options.output, out != "-" else { return .stream("-") }
    let tree = out.hasSuffix("/") || RunFiles.isDirectory(out)
    // An output inside an input directory would be read back as input on the next run
    // (or this one): refuse.
    let outReal = RunFiles.realPath(out) ?? absolute(out)
    for input in options.inputs where input != "-" && RunFiles.isDirectory(input) {
      guard let inReal = RunFiles.realPath(input) else { continue }
      if outReal == inReal || outReal.hasPrefix(inReal.hasSuffix("/") ? inReal : inReal + "/") {
        throw WinnowError(
          .usage,
          "the output \(out) is inside the input directory \(input): choose an output outside it",
          path: out)
      }
    }
    if tree {
      if files.contains(where: { $0.path == "-" }) {
        throw WinnowError(
          .usage, "stdin cannot be written to an output directory: give an output file or `-`")
      }
      return .tree(out)
    }
    for f in files where f.path != "-" && RunFiles.realPath(f.path) == outReal {
      throw WinnowError(.usage, "the output \(out) is also an input", path: out)
    }
    return .stream(out)
  }

  /// An absolute, lexically normalized path for one that does not exist yet.
  func absolute(_ path: String) -> String {
    var parts: [Substring] = []
    var base = path
    if !path.hasPrefix("/") {
      var buf = [CChar](repeating: 0, count: 4096)
      if getcwd(&buf, buf.count) != nil {
        base =
          String(
            decoding: buf.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
          + "/" + path
      }
    }
    for p in base.split(separator: "/") {
      if p == "." { continue }
      if p == ".." { _ = parts.popLast(); continue }
      parts.append(p)
    }
    let joined = "/" + parts.joined(separator: "/")
    // Resolve the longest existing prefix (symlinks such as /tmp).
    if let slash = joined.lastIndex(of: "/"), slash != joined.startIndex,
      let parent = RunFiles.realPath(String(joined[..<slash]))
    {
      return parent + joined[slash...]
    }
    return joined
  }

  /// Truncates a partial JSONL output after its last complete line; returns the number of
  /// complete lines (documents already written).
  static func trimToCompleteLines(_ path: String) throws(WinnowError) -> Int {
    let bytes = try readWholeFile(path)
    var lines = 0
    var lastEnd = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
      lines += 1
      lastEnd = i + 1
    }
    if lastEnd < bytes.count {
      guard truncate(path, off_t(lastEnd)) == 0 else {
        throw WinnowError(
          .io, "\(path): cannot truncate the partial output", path: path, cause: errnoText())
      }
    }
    return lines
  }

  // MARK: Producing

  /// Reads the inputs and emits their jobs in order; with a `timer`, the reading calls are
  /// timed (not `emit`, which runs the rest of the work with one job).
  static func produce(
    files: [InputFile], skip: Set<Int>, options: RunOptions, timer: ReadTimer? = nil,
    emit: (Job) -> Bool
  ) {
    let limit = max(0, options.maxDocumentBytes)
    for (i, f) in files.enumerated() where !skip.contains(i) {
      if stopRequested.load(ordering: .relaxed) { return }
      if let e = f.error {
        guard emit(.fileError(i, e)) else { return }
        continue
      }
      guard emit(.fileStart(i)) else { return }
      do {
        // A plain file over the limit is skipped by its size, without opening it.
        if !f.jsonl, let size = f.size, size > limit, Compression(path: f.path) == .none {
          timer?.tally.documents += 1
          guard emit(.tooLarge(file: i, line: nil, bytes: size, atLeast: false)), emit(.fileEnd(i))
          else { return }
          continue
        }
        var start = timer != nil ? TimeStamp.now() : nil
        let reader = try ChunkReader(path: f.path)
        if f.jsonl {
          let lines = LineReader(reader, maxLineBytes: limit)
          while let line = try lines.nextLine() {
            if let s = start {
              let now = TimeStamp.now()
              timer?.tally.add(s, now, documents: 0)  // counted when emitted
              start = now
            }
            if stopRequested.load(ordering: .relaxed) { return }
            switch line {
            case .bytes(let line):
              if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
              timer?.tally.documents += 1
              guard emit(.line(file: i, number: lines.lineNumber, bytes: line)) else { return }
            case .tooLong(let n):
              timer?.tally.documents += 1
              guard emit(.tooLarge(file: i, line: lines.lineNumber, bytes: n, atLeast: false))
              else { return }
            }
            if start != nil { start = .now() }
          }
          // The end of the file (the last read, and the close).
          if let s = start { timer?.tally.add(s, .now(), documents: 0) }
        } else {
          // Compressed files and stdin: read up to the limit, then stop (a decompression
          // bomb is not inflated further).
          var bytes: [UInt8] = []
          var over = false
          while let chunk = try reader.next() {
            bytes.append(contentsOf: chunk)
            if bytes.count > limit { over = true; break }
          }
          if let s = start { timer?.tally.add(s, .now()) }
          if over {
            let n = bytes.count
            bytes = []
            guard emit(.tooLarge(file: i, line: nil, bytes: n, atLeast: true)) else { return }
          } else {
            guard emit(.text(file: i, bytes: bytes)) else { return }
          }
        }
        guard emit(.fileEnd(i)) else { return }
      } catch {
        guard emit(.fileError(i, error)) else { return }
      }
    }
  }

  /// Emits the jobs a corpus pass kept, in order, but those of skipped files.
  static func replay(_ jobs: [Job], skip: Set<Int>, emit: (Job) -> Bool) {
    for job in jobs where !skip.contains(job.file) {
      if stopRequested.load(ordering: .relaxed) { return }
      guard emit(job) else { return }
    }
  }

  /// The job to replay for `job` after a corpus pass that ran the stages before `next`:
  /// the processed document when the pass got one, else the job itself (the run then does
  /// it all again: a failed or skipped document gives its output as before).
  static func replayJob(_ job: Job, _ o: Outcome, next: Int) -> Job {
    guard o.job == .document, o.error == nil, o.skip == nil, let doc = o.document else {
      return job
    }
    switch job {
    case .line(let file, let number, _):
      guard let object = o.object else { return job }
      return .resume(
        ResumedDocument(
          file: file, line: number, bytesIn: o.bytesIn, object: object, document: doc, next: next))
    case .text(let file, _):
      return .resume(
        ResumedDocument(
          file: file, line: nil, bytesIn: o.bytesIn, object: nil, document: doc, next: next))
    case .resume(var r):
      r.document = doc
      r.next = next
      return .resume(r)
    default:
      return job
    }
  }

  /// Set by ``requestStop()``.
  static let stopRequested = Atomic<Bool>(false)

  /// Asks running runners to stop reading input (e.g. from a SIGINT handler's thread).
  public static func requestStop() { stopRequested.store(true, ordering: .relaxed) }

  // MARK: Transforming

  /// With `keep` (the corpus pass), the outcome carries the processed document and no output.
  static func transform(
    _ job: Job, files: [InputFile], pipeline: Pipeline, options: RunOptions, keep: Bool = false
  ) -> Outcome {
    switch job {
    case .fileStart(let i): return Outcome(job: .start, file: i)
    case .fileEnd(let i): return Outcome(job: .end, file: i)
    case .fileError(let i, let e): return Outcome(job: .fileError, file: i, error: e)
    case .text(let i, let bytes):
      let f = files[i]
      if options.encoding == nil, let why = binaryReason(bytes) {
        return skipped(
          file: f, index: i, line: nil, reason: "binary", detail: why, options: options)
      }
      var outcome = Outcome(job: .document, file: i, bytesIn: bytes.count)
      let decoder = TextDecoder(
        encoding: options.encoding, strict: options.strict, path: f.path == "-" ? "<stdin>" : f.path
      )
      var times = options.timings ? DocumentTimes(stages: pipeline.stages.count) : nil
      let (doc, error) = pipeline.processText(
        bytes, id: f.path == "-" ? nil : f.relative, source: f.path == "-" ? nil : f.path,
        decoder: decoder, times: &times)
      outcome.error = error
      return finishText(doc, file: f, options: options, keep: keep, times: times, outcome)
    case .line(let i, let number, let bytes):
      return transformLine(
        bytes, file: files[i], index: i, line: number, pipeline: pipeline, options: options,
        keep: keep)
    case .resume(let r):
      let f = files[r.file]
      var doc = r.document
      var times = options.timings ? DocumentTimes(stages: pipeline.stages.count) : nil
      let outcome = Outcome(job: .document, file: r.file, bytesIn: r.bytesIn)
      if let line = r.line, let object = r.object {
        return finishLine(
          &doc, object: object, byteCount: r.bytesIn, file: f, line: line, pipeline: pipeline,
          from: r.next, options: options, keep: keep, times: &times, outcome)
      }
      var failed = outcome
      if let e = runStages(pipeline, &doc, from: r.next, times: &times) {
        // As `processText` gives a failed document: the decoded text, unprocessed.
        doc = Document(id: doc.id, text: doc.original, metadata: doc.metadata)
        failed.error = e
      }
      return finishText(doc, file: f, options: options, keep: keep, times: times, failed)
    case .tooLarge(let i, let line, let n, let atLeast):
      let size = atLeast ? "more than \(options.maxDocumentBytes) bytes" : "\(n) bytes"
      return skipped(
        file: files[i], index: i, line: line, reason: "too-large",
        detail: "\(size), over --max-doc-bytes \(options.maxDocumentBytes)", options: options)
    }
  }

  /// A text file's outcome from its processed document (and `outcome.error`): the output
  /// in the run's format, or with `keep` (the corpus pass) the document alone.
  static func finishText(
    _ doc: Document, file f: InputFile, options: RunOptions, keep: Bool, times: DocumentTimes?,
    _ outcome: Outcome
  ) -> Outcome {
    var outcome = outcome
    var times = times
    let writeStart = times != nil ? TimeStamp.now() : nil
    count(doc, into: &outcome)
    if keep {
      // The corpus pass: the document is what it needs; no output to build.
      outcome.document = doc
      outcome.times = times
      return outcome
    }
    switch options.format {
    case .text:
      outcome.output = Array(doc.text.utf8)
      if let last = outcome.output.last, last != 0x0A { outcome.output.append(0x0A) }
    case .jsonl:
      let o = doc.outputJSON(
        textField: options.textField, idField: options.idField, results: options.results,
        error: outcome.error.map { errorJSON($0, source: f.path, line: nil) })
      o.serialize(into: &outcome.output)
      outcome.output.append(0x0A)
    }
    if let writeStart {
      times?.write.add(writeStart, .now())
      outcome.times = times
    }
    return outcome
  }

  /// Why a text file's bytes are not text, or nil: data with a NUL byte in its first
  /// 8 KiB (binary, or UTF-16/32 without a byte order mark) or gzip/zstd data without its
  /// extension. Checked only when no `--encoding` is given.
  static func binaryReason(_ bytes: [UInt8]) -> String? {
    if bytes.starts(with: [0x1F, 0x8B]) { return "gzip data (name it .gz to decompress it)" }
    if bytes.starts(with: [0x28, 0xB5, 0x2F, 0xFD]) {
      return "zstd data (name it .zst to decompress it)"
    }
    // A UTF-16 byte order mark: the decoder reads UTF-16, NUL bytes are expected.
    if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
    guard let nul = bytes.prefix(8192).firstIndex(of: 0) else { return nil }
    return
      "a NUL byte at byte \(nul): binary data, or UTF-16/32 without a byte order mark (give --encoding)"
  }

  /// The outcome of a document skipped for `reason`: no processing; in JSONL output one
  /// line `{"id": …, "winnow": {"skipped": {"reason", "message", "source", "line"}}}`, so
  /// a JSONL input still gets one output line per input line; in text output an empty line
  /// for a JSONL line and nothing for a text file.
  static func skipped(
    file f: InputFile, index: Int, line: Int?, reason: String, detail: String, options: RunOptions
  ) -> Outcome {
    var outcome = Outcome(job: .document, file: index)
    let location =
      f.path == "-"
      ? (line.map { "stdin line \($0)" } ?? "<stdin>") : (line.map { "\(f.path):\($0)" } ?? f.path)
    let message = "\(location): skipped (\(reason)): \(detail)"
    outcome.skip = (reason, message)
    switch options.format {
    case .jsonl:
      var info: JSONObject = ["reason": .string(reason), "message": .string(message)]
      if f.path != "-" { info["source"] = .string(f.path) }
      if let line { info["line"] = .number(JSONNumber(line)) }
      var o = JSONObject()
      if line == nil, f.path != "-" { o[options.idField] = .string(f.relative) }
      o["winnow"] = .object(["skipped": .object(info)])
      o.serialize(into: &outcome.output)
      outcome.output.append(0x0A)
    case .text:
      if line != nil { outcome.output = [0x0A] }
    }
    return outcome
  }

  static func transformLine(
    _ bytes: [UInt8], file f: InputFile, index: Int, line: Int, pipeline: Pipeline,
    options: RunOptions, keep: Bool = false
  ) -> Outcome {
    let start = options.timings ? TimeStamp.now() : nil
    let outcome = Outcome(job: .document, file: index, bytesIn: bytes.count)
    func fail(_ e: WinnowError, object: JSONObject?) -> Outcome {
      failedLine(e, object: object, file: f, line: line, options: options, outcome)
    }
    let value: JSONValue
    do {
      value = try JSONValue(parsing: bytes)
    } catch {
      // Keep the id if a repaired copy of the line parses (a non-UTF-8 line).
      var idOnly: JSONObject?
      if let repaired = try? JSONValue(parsing: Array(String(decoding: bytes, as: UTF8.self).utf8)),
        let id = repaired[options.idField]
      {
        idOnly = [options.idField: id]
      }
      var e = error
      if e.message.hasPrefix("invalid JSON at byte"), e.message.contains("invalid UTF-8") {
        e.message =
          "not valid UTF-8 at byte \(e.byteOffset ?? 0) of the line (convert the file to UTF-8)"
      } else {
        e.message = "not a JSON line: \(e.message)"
      }
      return fail(e, object: idOnly)
    }
    guard case .object(let object) = value else {
      return fail(
        WinnowError(.invalidData, "expected a JSON object, found a \(value.typeName)"), object: nil)
    }
    let idValue = object[options.idField]
    let id: String? =
      switch idValue {
      case .string(let s)?: s
      case .number(let n)?: n.literal
      default: nil
      }
    guard let textValue = object[options.textField] else {
      return fail(
        WinnowError(
          .invalidData, "no `\(options.textField)` field (set the text field with --text-field)"),
        object: object)
    }
    guard case .string(let text) = textValue else {
      return fail(
        WinnowError(
          .invalidData, "the `\(options.textField)` field is a \(textValue.typeName), not a string"),
        object: object)
    }
    var fields = object
    fields[options.textField] = nil
    let metadata = Document.Metadata(
      source: f.path == "-" ? nil : f.path, line: line, url: object["url"]?.stringValue,
      host: object["host"]?.stringValue,
      language: object["language"]?.stringValue ?? object["lang"]?.stringValue,
      date: object["date"]?.stringValue, fields: fields)
    var doc = Document(id: id, text: text, metadata: metadata)
    var times: DocumentTimes?
    if let start {
      times = DocumentTimes(stages: pipeline.stages.count)
      times?.parse.add(start, .now())
    }
    return finishLine(
      &doc, object: object, byteCount: bytes.count, file: f, line: line, pipeline: pipeline,
      from: 0, options: options, keep: keep, times: &times, outcome)
  }

  /// A JSONL line's outcome (`outcome.error` set, its output the input object with the
  /// error under `winnow.error`, or its text for text output) for the error `e`.
  static func failedLine(
    _ e: WinnowError, object: JSONObject?, file f: InputFile, line: Int, options: RunOptions,
    _ outcome: Outcome
  ) -> Outcome {
    var outcome = outcome
    let location = f.path == "-" ? "stdin line \(line)" : "\(f.path):\(line)"
    var e = e
    e.path = f.path == "-" ? nil : f.path
    e.line = line
    if !e.message.hasPrefix(location) { e.message = "\(location): \(e.message)" }
    outcome.error = e
    switch options.format {
    case .jsonl:
      var o = object ?? JSONObject()
      var w = o["winnow"]?.objectValue ?? JSONObject()
      w["error"] = errorJSON(e, source: f.path, line: line)
      o["winnow"] = .object(w)
      o.serialize(into: &outcome.output)
      outcome.output.append(0x0A)
    case .text:
      if let t = object?[options.textField]?.stringValue { outcome.output = Array(t.utf8) }
      outcome.output.append(0x0A)
    }
    return outcome
  }

  /// Runs the stages from `from` on a JSONL line's document and builds its outcome: the
  /// output line (the input object with the new text and the results), or with `keep` (the
  /// corpus pass) the document and object alone.
  static func finishLine(
    _ doc: inout Document, object: JSONObject, byteCount: Int, file f: InputFile, line: Int,
    pipeline: Pipeline, from: Int, options: RunOptions, keep: Bool, times: inout DocumentTimes?,
    _ outcome: Outcome
  ) -> Outcome {
    var outcome = outcome
    var object = object
    if let e = runStages(pipeline, &doc, from: from, times: &times) {
      outcome.times = times
      return failedLine(e, object: object, file: f, line: line, options: options, outcome)
    }
    let writeStart = times != nil ? TimeStamp.now() : nil
    count(doc, into: &outcome)
    if keep {
      // The corpus pass: the document is what it needs; no output to build.
      outcome.document = doc
      outcome.object = object
      outcome.times = times
      return outcome
    }
    switch options.format {
    case .jsonl:
      object[options.textField] = .string(doc.text)
      // Room for about the input line and the results: one allocation, not a doubling chain.
      outcome.output.reserveCapacity(byteCount + byteCount / 4 + 256)
      if object.members.contains(where: { $0.key == "winnow" }) {
        // The input's own `winnow` member is replaced where it stands.
        object["winnow"] = .object(doc.resultsJSON(options.results))
        object.serialize(into: &outcome.output)
      } else {
        // `winnow` goes last (as `object["winnow"] = …` appends it), written straight from
        // the document: the object (never empty: it has the text), then `,"winnow":{…}}`.
        object.serialize(into: &outcome.output)
        outcome.output.removeLast()
        outcome.output.append(UInt8(ascii: ","))
        JSONValue.serializeKey(#""winnow":"#, into: &outcome.output)
        doc.serializeResults(options.results, into: &outcome.output)
        outcome.output.append(UInt8(ascii: "}"))
      }
      outcome.output.append(0x0A)
    case .text:
      outcome.output = Array(doc.text.utf8)
      outcome.output.append(0x0A)
    }
    if let writeStart {
      times?.write.add(writeStart, .now())
      outcome.times = times
    }
    return outcome
  }

  /// Runs the stages (those from index `from`); the error (annotated with the stage) if one
  /// fails. With `times`, each stage's call is timed into it (without, no clock is read).
  static func runStages(
    _ pipeline: Pipeline, _ doc: inout Document, from: Int = 0, times: inout DocumentTimes?
  ) -> WinnowError? {
    var start = times != nil ? TimeStamp.now() : nil
    for i in from..<max(from, pipeline.stages.count) {
      let stage = pipeline.stages[i]
      do {
        try stage.process(&doc)
      } catch {
        var e = Pipeline.annotate(error, stage: stage.name, document: doc)
        if e.cause == nil { e.cause = "stage \(stage.name)" }
        return e
      }
      if let s = start {
        let end = TimeStamp.now()
        if i < times?.stages.count ?? 0 { times?.stages[i].add(s, end) }
        start = end
      }
    }
    return nil
  }

  /// Counts the document's drops by reason and annotations by kind. Records come in runs
  /// of one reason (a stage's removal at a time), so each run is added to the dictionary
  /// once (comparing the strings of one run is cheap: they share their storage).
  static func count(_ doc: Document, into o: inout Outcome) {
    let dropped = doc.dropped
    var i = dropped.startIndex
    while i < dropped.endIndex {
      let reason = dropped[i].reason
      var j = i + 1
      while j < dropped.endIndex && dropped[j].reason == reason { j += 1 }
      o.drops[reason, default: 0] += j - i
      i = j
    }
    for a in doc.annotations { o.kinds[a.kind, default: 0] += 1 }
  }

  /// The `winnow.error` object.
  static func errorJSON(_ e: WinnowError, source: String, line: Int?) -> JSONValue {
    e.outputJSON(source: source, line: line)
  }

  // MARK: Corpus pass

  /// Runs the corpus passes, one read of the inputs per corpus stage.
  ///
  /// The run then reads and parses the inputs again. That second read is kept on purpose:
  /// a corpus stage must see every document before the first can be processed, so one
  /// read would mean holding every parsed document until the pass ends (memory in
  /// proportion to the corpus) or spooling them in another format (a write and a read of
  /// the whole input, costing about what the parse costs). A summary of the pass (line
  /// hashes per document) does not help: the run needs the whole documents. The pass
  /// itself is kept cheap instead: it builds no output (`keep`), and the stages' learners
  /// keep only what they learn.
  /// The corpus passes: each corpus stage's learner observes every document (through the
  /// stages before it), and the stage gets the state learned. With `keepDocuments` (a run
  /// follows), the documents are kept in ``passCache`` while they fit in
  /// ``RunOptions/passMemory``: a later pass and the run resume them where the last pass
  /// left them instead of reading the inputs again.
  func learn(_ files: [InputFile], keepDocuments: Bool = false) throws(WinnowError) {
    if files.contains(where: { $0.path == "-" }) {
      throw WinnowError(
        .usage,
        "--save-state needs the input twice (a corpus pass, then the run): standard input cannot be read twice; use files"
      )
    }
    var states: [Int: JSONValue] = [:]
    corpusTimingRows = []
    passCache = nil
    passShared = nil
    for index in pipeline.corpusStageIndices {
      guard var learner = pipeline.stages[index].makeCorpusLearner() else { continue }
      // The stages before this one (a kept document resumes after those it went through).
      let prefix = Pipeline(Array(pipeline.stages[..<index]))
      let options = self.options
      let earlier = passCache
      let keeping = keepDocuments && options.passMemory > 0
      var kept: [Job]? = keeping ? [] : nil
      var keptBytes = 0
      let stageOptions = {
        var o = options
        o.format = .jsonl
        // The pass is timed whole; the documents it keeps are timed one by one as well, so
        // that the run can count their reading, parsing and earlier stages as its own.
        o.timings = options.timings && keeping
        return o
      }()
      let passStart = options.timings ? TimeStamp.processNow() : nil
      var learnerTally = TimeTally()
      var passDocuments = 0
      let readTimer = stageOptions.timings ? ReadTimer() : nil
      var shared = stageOptions.timings ? DocumentTimes(stages: pipeline.stages.count) : nil
      try orderedMap(
        jobs: options.jobs, capacity: max(16, options.jobs * 64),
        produce: { (emit: (Job) -> Bool) throws(WinnowError) in
          if let earlier {
            PipelineRunner.replay(earlier, skip: [], emit: emit)
          } else {
            PipelineRunner.produce(
              files: files, skip: [], options: options, timer: readTimer, emit: emit)
          }
        },
        transform: { job in
          // `keep`: the document, without serializing an output that would be thrown away.
          var o = PipelineRunner.transform(
            job, files: files, pipeline: prefix, options: stageOptions, keep: true)
          if keeping { o.replay = PipelineRunner.replayJob(job, o, next: index) }
          return o
        },
        consume: { (o: Outcome) throws(WinnowError) -> Bool in
          if o.job == .document { passDocuments += 1 }
          if let t = o.times { shared?.add(t) }
          if let job = o.replay, kept != nil {
            keptBytes += job.heldBytes
            if keptBytes > options.passMemory {
              kept = nil  // over the limit: the run reads the inputs again
            } else {
              kept?.append(job)
            }
          }
          if o.error == nil, let d = o.document {
            if passStart != nil {
              let start = TimeStamp.now()
              try learner.observe(d)
              learnerTally.add(start, .now())
            } else {
              try learner.observe(d)
            }
          }
          return true
        })
      passCache = kept
      let finishStart = passStart != nil ? TimeStamp.now() : nil
      let state = learner.finish()
      states[index] = state
      pipeline.stages[index] = try pipeline.stages[index].applying(state: state)
      if let passStart, let finishStart {
        learnerTally.add(finishStart, .now(), documents: 0)
        var pass = TimeTally()
        pass.add(passStart, .processNow(), documents: passDocuments)
        if kept != nil, let readTimer, let times = shared {
          // Work the run does not do again: it is the run's (its read, parse and stage
          // rows), not the pass's.
          pass.subtract(readTimer.tally)
          pass.subtract(times.parse)
          for t in times.stages { pass.subtract(t) }
          var all = passShared ?? (TimeTally(), DocumentTimes(stages: pipeline.stages.count))
          all.read.add(readTimer.tally)
          all.times.add(times)
          passShared = all
        }
        let name = pipeline.stages[index].name
        corpusTimingRows.append(pass.row(.corpusPass(index, name)))
        corpusTimingRows.append(learnerTally.row(.learner(index, name)))
      }
    }
    if passCache == nil { passShared = nil }
    if let save = options.saveState {
      let out = try OutputFile(path: save)
      var bytes = pipeline.savedState(states).serialized()
      bytes.append(0x0A)
      try out.write(bytes)
      try out.commit()
    }
  }
}

extension PipelineRunner {
  /// Removes the temporary files of outputs still being written (call from an interrupt
  /// handler before exiting). With `keepResumable`, a JSONL output's `.partial` file stays
  /// for `--resume`.
  public static func removeTemporaryOutputs(keepResumable: Bool) {
    OutputFile.liveLock.locked {
      for p in OutputFile.liveTemporaries where !(keepResumable && p.hasSuffix(".partial")) {
        unlink(p)
      }
      OutputFile.liveTemporaries.removeAll()
    }
  }
}
