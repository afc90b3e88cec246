import ArgumentParser
import Winnow

/// Inputs and how to decode them; shared by every subcommand that reads text.
struct InputOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "Files or directories to read. '-' or no input means standard input. "
        + "A directory is read recursively (needs -o DIR).",
      valueName: "input"))
  var inputs: [String] = []

  @Option(
    help: ArgumentHelp(
      "The input's character set, an ICU converter name such as gb18030, big5, "
        + "shift_jis, windows-1252 or utf-16. Default: UTF-8 (a UTF-16 byte order mark "
        + "is honoured).",
      valueName: "name"))
  var encoding: String?

  @Flag(
    help: ArgumentHelp(
      "Fail on invalid UTF-8 (exit 65, naming the file and byte offset) "
        + "instead of replacing it with U+FFFD."))
  var strict = false

  func validate() throws {
    // Fail early, before any input is read, on an unsupported encoding.
    do {
      _ = try StreamingDecoder(encoding: encoding, strict: strict)
    } catch {
      throw ValidationError(error.message)
    }
  }
}

/// Where output goes; shared by every subcommand that writes text.
struct OutputOptions: ParsableArguments {
  @Option(
    name: [.short, .customLong("output")],
    help: ArgumentHelp(
      "Write to this file instead of standard output. It is replaced atomically, and "
        + "only when every input went through. With a directory input, or when PATH is a directory or "
        + "ends in '/', each input is written under this directory with its relative path.",
      valueName: "path"))
  var output: String?
}

/// The normalizer's configuration.
struct NormalizationOptions: ParsableArguments {
  @Option(help: "The named set of steps (see the profiles above).")
  var profile: NormalizationProfile = .default

  @Option(
    help: ArgumentHelp(
      "Run exactly these steps (comma-separated) instead of the profile's: "
        + NormalizationStep.allCases.map(\.rawValue).joined(separator: ", ") + ".",
      valueName: "list"))
  var steps: String?

  @Option(
    help: ArgumentHelp(
      "The Unicode normalization form of the 'form' step. "
        + "Default: the profile's (nfc; search: nfkc-casefold).",
      valueName: "form"))
  var form: NormalizationForm?

  func validate() throws {
    _ = try parsedSteps()
  }

  /// The steps named by `--steps`, or `nil` when it is absent.
  func parsedSteps() throws -> Set<NormalizationStep>? {
    guard let steps else { return nil }
    var result = Set<NormalizationStep>()
    for name in steps.split(separator: ",", omittingEmptySubsequences: true) {
      let trimmed = name.trimmingSpaces
      guard let step = NormalizationStep(rawValue: trimmed) else {
        let known = NormalizationStep.allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError("unknown step '\(trimmed)' in --steps; known steps: \(known)")
      }
      result.insert(step)
    }
    return result
  }

  /// The library configuration these options describe.
  func normalizerOptions() throws -> NormalizerOptions {
    var options = NormalizerOptions(profile: profile)
    if let steps = try parsedSteps() { options.steps = steps }
    if let form { options.form = form }
    return options
  }
}

extension NormalizationProfile: ExpressibleByArgument {}
extension NormalizationForm: ExpressibleByArgument {}

extension Substring {
  fileprivate var trimmingSpaces: String {
    String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
  }
}

/// The size limit of one document; shared by the subcommands that load a whole document
/// (`run`, `clean`, `entities`).
struct DocumentLimitOptions: ParsableArguments {
  @Option(
    name: .customLong("max-doc-bytes"),
    help: ArgumentHelp(
      "Skip (without loading) a document larger than this: an input file, or a JSONL line "
        + "for run; a number of bytes, or with K, M or G (KiB, MiB, GiB).",
      valueName: "size"))
  var maxDocBytes = ByteCount(RunOptions.defaultMaxDocumentBytes)
}

/// The options that say how `winnow run` and `winnow learn` read their inputs into documents.
struct DocumentInputOptions: ParsableArguments {
  @Option(name: .long, help: "Read only files matching this glob in directories (repeatable).")
  var include: [String] = []

  @Option(name: .long, help: "How to read inputs: auto (by extension), text, jsonl.")
  var inputFormat: RunOptions.InputFormat = .auto

  @Option(name: .long, help: "The JSONL field holding the text.")
  var textField = "text"

  @Option(name: .long, help: "The JSONL field holding the document id.")
  var idField = "id"

  @Option(name: [.short, .long], help: "Worker threads (default: all cores).")
  var jobs: Int = RunOptions.cores

  @Option(
    name: .long, help: "The charset of text-file inputs (ICU name, e.g. GB18030). Default: UTF-8.")
  var encoding: String?

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
  }

  /// Copies these options into `options`.
  func apply(to options: inout RunOptions) {
    options.include = include
    options.inputFormat = inputFormat
    options.textField = textField
    options.idField = idField
    options.jobs = jobs
    options.encoding = encoding
  }
}
