import ArgumentParser
import Foundation
import Winnow
import WinnowBoilerplate
import WinnowEntities

/// Output formats of `winnow entities`.
enum EntityFormat: String, ExpressibleByArgument, CaseIterable {
  case tsv, jsonl
}

struct EntitiesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "entities",
    abstract: "Find entities: places, organisations, people, dates, phones, licence numbers, …",
    discussion: """
      Each input is one document. Formats: jsonl = one object per entity with kind \
      (PERSON, NORP, ORG, GPE, LOC, FAC, DATE, TIME, MONEY, PERCENT, PHONE, EMAIL, URL, \
      LICENSE), text, start and end (UTF-8 byte offsets into the decoded input, end \
      exclusive), value (ISO date, E.164 phone, licence {kind, number}, …) and id (the \
      gazetteer entry) where there is one; tsv = kind, start, end, text, id.

      \(maxDocBytesHelp)

      \(exitStatusHelp)
      """)

  @Option(
    name: .customLong("gazetteer"),
    help: ArgumentHelp(
      "A user gazetteer (TSV: name, kind, id, aliases; JSONL; or compiled .wngz). Repeatable.",
      valueName: "file"))
  var gazetteers: [String] = []

  @Option(
    help: ArgumentHelp("Only these kinds (comma-separated), e.g. GPE,DATE.", valueName: "list"))
  var kinds: String?

  @Option(
    help: ArgumentHelp(
      "The document date (YYYY-MM-DD) that relative dates resolve against.", valueName: "date"))
  var date: String?

  @Option(help: "Output format: tsv or jsonl.")
  var format: EntityFormat = .jsonl

  @OptionGroup(title: "Input")
  var input: InputOptions

  @OptionGroup var limit: DocumentLimitOptions

  @OptionGroup(title: "Output")
  var output: OutputOptions

  func run() throws {
    var day: CivilDate? = nil
    if let date {
      guard let d = CivilDate(iso: date) else {
        throw ValidationError("--date '\(date)' is not a YYYY-MM-DD date")
      }
      day = d
    }
    let recognizer: EntityRecognizer
    do {
      var options = EntityOptions()
      if let kinds {
        options.kinds = Set(
          kinds.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).uppercased() })
      }
      for path in gazetteers { options.extraEntries += try Gazetteer.load(path: path).entries }
      recognizer = try EntityRecognizer(options: options)
    } catch {
      throw Diagnostics.fail(error)
    }
    let status = InputRunner(
      input: input, output: output, maxDocumentBytes: limit.maxDocBytes.bytes
    ).run {
      WholeDocumentTransform { text in
        var out: [UInt8] = []
        for e in recognizer.recognize(text, date: day) {
          switch format {
          case .jsonl:
            out.appendString(e.jsonLine)
            out.append(0x0A)
          case .tsv:
            let fields = [e.kind, String(e.start), String(e.end), e.text, e.id ?? ""]
            out.appendString(
              fields.map {
                $0.replacingOccurrences(of: "\t", with: " ").replacingOccurrences(
                  of: "\n", with: " ")
              }.joined(separator: "\t"))
            out.append(0x0A)
          }
        }
        return out
      }
    }
    if status != 0 { throw ExitCode(status) }
  }
}

struct CleanCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "clean",
    abstract: "Keep a page's main text: the default normalization, then boilerplate removal.",
    discussion: """
      Each input is one page (one block per line, as a browser's select-all-and-copy gives \
      it). Prints the kept lines; --explain prints every line with its decision \
      (KEEP/DROP), reason code and score instead (several pages into one output: each \
      page's lines under a '==> FILE <==' header, as head(1) does). Photo credits at the end of captions \
      (' /VCG', 'Photo: …') are cut off; --drop-captions drops caption lines entirely.

      Given several pages (files or a directory), clean first reads them all once, as \
      'winnow run' does, to learn the lines that recur on many pages of one site (the site: \
      a page's folder); those lines are dropped as site-repeated. --load-state uses the lines \
      'winnow learn' saved instead (a folder is keyed as its path was given: give the pages \
      as they were given to 'winnow learn'; a page of a site the state does not know gets a \
      note on standard error); --no-corpus-pass cleans each page on its own. A single page, \
      or standard input, is cleaned on its own.

      --url gives a single page's URL: the first line holding every word of its slug \
      ('…/michigan-officials-6th-fatality-linked-to-eastern-equine-encephalitis-reported/') \
      is the headline, dropped as title with the kept lines above it (above-title). \
      'winnow run' reads each JSONL document's url.

      \(maxDocBytesHelp)

      \(exitStatusHelp)
      """)

  @Flag(help: "Print every line with its decision, reason and score.")
  var explain = false

  @Flag(help: "Drop photo captions instead of keeping them without their credit.")
  var dropCaptions = false

  @Option(
    help: ArgumentHelp(
      "The page's URL (one input file or standard input): its slug names the headline "
        + "(title, above-title).", valueName: "url"))
  var url: String?

  @Option(
    help: ArgumentHelp(
      "Use the site lines saved by 'winnow learn' (the default pipeline) instead of learning "
        + "them from the inputs.", valueName: "file"))
  var loadState: String?

  @Flag(help: "Clean each page on its own: no corpus pass, no site-repeated lines.")
  var noCorpusPass = false

  @OptionGroup(title: "Input")
  var input: InputOptions

  @OptionGroup var limit: DocumentLimitOptions

  @OptionGroup(title: "Output")
  var output: OutputOptions

  func validate() throws {
    if url != nil && (input.inputs.count > 1 || severalPages) {
      throw ValidationError("--url names one page: give one input file (or standard input)")
    }
  }

  func run() throws {
    let normalizer: Normalizer
    let classifier: BoilerplateClassifier
    var options = BoilerplateOptions()
    options.keepCaptions = !dropCaptions
    do {
      normalizer = try Normalizer(NormalizerOptions(profile: .default))
      classifier = try siteClassifier(options)
    } catch {
      throw Diagnostics.fail(error)
    }
    // --explain over several pages into one output: a header per page.
    let headers = explain && input.inputs.count > 1
    var pagesShown = 0
    let status = InputRunner(
      input: input, output: output, maxDocumentBytes: limit.maxDocBytes.bytes
    ).run { (item: IOPlan.Item) in
      // The page's site, as the corpus pass keyed it (its folder).
      let host = item.input.path.flatMap {
        BoilerplateStage.site(of: Document(text: "", metadata: Document.Metadata(source: $0)))
      }
      var header = ""
      if headers && item.outputPath == nil {
        header = (pagesShown > 0 ? "\n" : "") + "==> \(item.input.displayName) <==\n"
        pagesShown += 1
      }
      return WholeDocumentTransform { text in
        var out: [UInt8] = []
        let normalized = normalizer.normalize(text, tracking: false).text
        let result = classifier.clean(normalized, host: host, url: url)
        if explain {
          out.appendString(header)
          out.appendString(result.explanation())
          if out.last != 0x0A { out.append(0x0A) }
        } else {
          let kept = result.text
          out.appendString(kept)
          if !kept.isEmpty && !kept.hasSuffix("\n") { out.append(0x0A) }
        }
        return out
      }
    }
    if status != 0 { throw ExitCode(status) }
  }

  /// The boilerplate classifier with `options` and its site lines: loaded from
  /// --load-state, or learned in a corpus pass over the inputs when they are several pages
  /// (through normalize, then boilerplate — the default pipeline's first two stages, so that
  /// a state of `winnow learn` fits); none for a single page, standard input or
  /// --no-corpus-pass.
  func siteClassifier(_ options: BoilerplateOptions) throws(WinnowError) -> BoilerplateClassifier {
    guard loadState != nil || (!noCorpusPass && severalPages) else {
      return BoilerplateClassifier(options: options)
    }
    var o = RunOptions()
    o.loadState = loadState
    o.inputs = input.inputs
    o.inputFormat = .text
    o.encoding = input.encoding
    o.strict = input.strict
    o.maxDocumentBytes = limit.maxDocBytes.bytes
    let runner = PipelineRunner(
      pipeline: Pipeline([
        try NormalizeStage(NormalizerOptions(profile: .default)),
        BoilerplateStage(options: options),
      ]), options: o)
    // A loaded state that never saw a page's site (a folder given as another path): said
    // once, as `winnow run` says it.
    runner.onNote = { Diagnostics.print("note: \($0)") }
    if loadState != nil {
      try runner.runCorpusPasses()
    } else {
      // An input that cannot be read is reported when the pages are cleaned; the others
      // are cleaned without a pass then.
      _ = try? runner.runCorpusPasses()
    }
    let stage = runner.pipeline.stages.lazy.compactMap { $0 as? BoilerplateStage }.first
    return stage?.classifier ?? BoilerplateClassifier(options: options)
  }

  /// Whether the inputs are several pages: two or more operands, or a directory (no
  /// standard input among them).
  var severalPages: Bool {
    let operands = input.inputs.isEmpty ? ["-"] : input.inputs
    if operands.contains("-") { return false }
    if operands.count > 1 { return true }
    var st = stat()
    return stat(operands[0], &st) == 0 && st.st_mode & S_IFMT == S_IFDIR
  }
}

/// Collects a whole input (one document) and hands it to `body` at the end.
/// The help of `--max-doc-bytes` for the subcommands that load each input whole.
let maxDocBytesHelp = """
  An input larger than --max-doc-bytes is skipped without being loaded: a message on \
  standard error ('winnow: FILE: skipped (too-large): N bytes, over --max-doc-bytes M'), \
  nothing in the output, and the exit status is not changed (as in 'winnow run').
  """

struct WholeDocumentTransform: TextTransform {
  let body: (String) -> [UInt8]
  var buffer: [UInt8] = []

  init(_ body: @escaping (String) -> [UInt8]) {
    self.body = body
  }

  mutating func feed(_ utf8: [UInt8], into out: inout [UInt8]) {
    buffer.append(contentsOf: utf8)
  }

  mutating func finish(into out: inout [UInt8]) {
    out.append(contentsOf: body(String(decoding: buffer, as: UTF8.self)))
    buffer.removeAll()
  }
}
