#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// What ``PipelineRunner/learnState()`` did.
public struct LearnSummary: Sendable, Hashable {
  /// The names of the corpus stages whose state was learned, in pipeline order (empty when
  /// the pipeline has none: the state file is then `{}`).
  public var stages: [String] = []
  /// Where the state was written.
  public var path: String
  /// Where the time went (each corpus pass, its learner, the total); nil unless
  /// ``RunOptions/timings`` is set.
  public var timings: RunTimings?
}

extension PipelineRunner {
  /// Runs only the corpus passes of the pipeline over the inputs and writes the learned
  /// state to ``RunOptions/saveState`` — the engine of `winnow learn`.
  ///
  /// The file is the one `winnow run --save-state` writes and `--load-state` reads (a JSON
  /// object keyed `"INDEX:NAME"`, see ``Pipeline/savedState(_:)``). It is written under a
  /// temporary name and renamed when complete, so a reader never sees half a state. Each
  /// corpus stage reads the inputs once, as the stages before it leave the documents;
  /// documents that fail (bad JSON, a stage error) are skipped, as in `winnow run`'s pass.
  /// No output is written.
  ///
  /// ```swift
  /// var options = RunOptions()
  /// options.inputs = ["corpus.jsonl"]
  /// options.saveState = "state.json"
  /// let learned = try PipelineRunner(pipeline: pipeline, options: options).learnState()
  /// learned.stages   // ["boilerplate"]
  /// ```
  ///
  /// - Returns: which stages learned, and the file written.
  /// - Throws: `WinnowError` (`.usage`) when ``RunOptions/saveState`` is nil or an input is
  ///   standard input (read once, it cannot feed a pass per corpus stage); an input or
  ///   output error otherwise (`.cannotOpenInput` for an input that cannot be read).
  public func learnState() throws(WinnowError) -> LearnSummary {
    guard let path = options.saveState else {
      throw WinnowError(.usage, "no state file to write: set saveState (winnow learn -o FILE)")
    }
    let files = try planInputs()
    if files.contains(where: { $0.path == "-" }) {
      throw WinnowError(
        .usage,
        "learning reads the inputs once per corpus stage: standard input cannot be read again; give files"
      )
    }
    // The pass skips what it cannot read; a state learned without an input would be silently
    // wrong, so an unreadable input stops here.
    for f in files where access(f.path, R_OK) != 0 {
      throw WinnowError(
        .cannotOpenInput, "\(f.path): cannot open for reading", path: f.path, cause: errnoText())
    }
    let start = options.timings ? TimeStamp.processNow() : nil
    let names = pipeline.corpusStageIndices.map { pipeline.stages[$0].name }
    try learn(files)
    var summary = LearnSummary(stages: names, path: path)
    if let start {
      var total = TimeTally()
      total.add(start, .processNow(), documents: 0)
      var t = RunTimings(rows: corpusTimingRows)
      t.rows.append(total.row(.total, documents: corpusTimingRows.first?.documents ?? 0))
      summary.timings = t
    }
    return summary
  }

  /// Gives ``pipeline`` its corpus state as ``run()`` would, without running it: loaded
  /// from ``RunOptions/loadState``, else learned in the corpus passes over the inputs (and
  /// saved to ``RunOptions/saveState`` when set; no documents are kept). For a caller that
  /// then processes the documents its own way, as `winnow clean` does. With a loaded state
  /// and ``onNote`` set, the inputs are planned to note one the state does not cover.
  ///
  /// - Returns: the number of inputs the passes read (0 when the state was loaded, the
  ///   pipeline has no corpus stage, or an input is standard input, which cannot be read
  ///   twice: nothing is learned then).
  /// - Throws: `WinnowError`: a state file that cannot be read or does not fit the
  ///   pipeline, or a state to save from standard input (`.usage`); inputs that cannot be
  ///   planned (an input that does not exist); a learner's failure.
  @discardableResult
  public func runCorpusPasses() throws(WinnowError) -> Int {
    // With a loaded state the inputs are planned only for ``onNote`` (an input that cannot
    // be planned is then the caller's to report).
    let files =
      options.loadState == nil
      ? try planInputs() : (onNote != nil ? (try? planInputs()) ?? [] : [])
    return try prepareCorpusState(files, keepDocuments: false) ? files.count : 0
  }
}
