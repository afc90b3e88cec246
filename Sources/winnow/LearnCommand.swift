import ArgumentParser
import Winnow

/// `winnow learn`: only the corpus passes of a pipeline, writing the learned state file that
/// `winnow run --load-state` reads (how one Spark partition uses what the corpus taught).
struct LearnCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "learn",
    abstract: "Learn a pipeline's corpus state (site-repeated lines) and write it to a file.",
    discussion: """
      Runs only the corpus passes of the pipeline (the default one, or --pipeline FILE) over \
      the inputs — the same inputs `winnow run` takes — and writes the learned state to \
      --output, the file `winnow run --save-state` writes and `winnow run --load-state` \
      reads. A run that loads it gives the same output as a run that learns on the same \
      inputs. The file is written under a temporary name and renamed when complete. Each \
      corpus stage reads the inputs once, so standard input cannot be one. Documents that \
      fail (a line that is not JSON, a stage error) are left out of the state; `winnow run` \
      reports them. A pipeline without corpus stages gives the state `{}`.

      Example (a corpus, then one partition of it on a cluster node):
        winnow learn -o state.json corpus.jsonl
        winnow run --input-format jsonl --load-state state.json - < part-00000.jsonl

      Exit status: 0 the state was written; 64 usage or pipeline-file error (standard input \
      as an input); 66 an input could not be read; 73 the state file could not be created; \
      74 an I/O error.
      """)

  @Option(name: .long, help: "The pipeline file (YAML or JSON). Default: the built-in pipeline.")
  var pipeline: String?

  @Option(name: [.short, .long], help: "The state file to write (JSON).")
  var output: String

  @OptionGroup var input: DocumentInputOptions

  @Flag(
    name: .long,
    help: "Leave out text documents with ill-formed bytes instead of replacing them with U+FFFD.")
  var strict = false

  @Flag(name: [.short, .long], help: "No summary; errors only.")
  var quiet = false

  @Flag(
    name: .long,
    help:
      "Print on stderr the time of each corpus pass (reading and parsing included) and its learner."
  )
  var timings = false

  @Argument(help: "Inputs: files or directories (not standard input).")
  var inputs: [String] = []

  func validate() throws {
    guard !inputs.isEmpty else {
      throw ValidationError("give at least one input file or directory")
    }
    guard !output.isEmpty, output != "-" else { throw ValidationError("--output must name a file") }
  }

  func run() throws {
    let interrupt = installInterruptHandler(keepPartial: false)
    defer { interrupt.cancel() }
    do throws(WinnowError) {
      let config =
        try pipeline.map { path throws(WinnowError) in try PipelineConfiguration(contentsOf: path) }
        ?? WinnowCommand.defaultPipeline
      let built = try Pipeline(configuration: config)
      var options = RunOptions()
      options.inputs = inputs
      input.apply(to: &options)
      options.strict = strict
      options.saveState = output
      options.timings = timings
      let learned = try PipelineRunner(pipeline: built, options: options).learnState()
      if !quiet {
        let what =
          learned.stages.isEmpty
          ? "the pipeline has no corpus stage; wrote an empty state"
          : "learned the state of \(learned.stages.joined(separator: ", "))"
        printError("\(what) to \(learned.path)")
      }
      if let t = learned.timings { printTable(t) }
    } catch {
      printError(error.description)
      throw ExitCode(error.code.exitStatus)
    }
  }
}
