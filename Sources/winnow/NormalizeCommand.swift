import ArgumentParser
import Winnow

/// `winnow normalize`: decode and normalize text, line by line.
struct NormalizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "normalize",
    abstract: "Normalize text: decoding, line endings, controls, entities, NFC, width, spaces.",
    discussion: """
      Reads each input (standard input when none is given or for '-'), decodes it to \
      UTF-8 (invalid bytes become U+FFFD unless --strict), normalizes it line by line and \
      writes the result to standard output, or to -o PATH. Several inputs to one output \
      are concatenated in order. Memory stays flat however large the input (it is read in \
      256 KiB chunks); only the longest line is held whole.

      Profiles: default = newlines, controls, zero-width, entities, mojibake, form (NFC), \
      width, spaces; search = default + t2s, with form nfkc-casefold; none = no step \
      (decoding only).

      A problem with one input is reported on standard error ('winnow: FILE: …', with the \
      byte offset where there is one) and the next input is processed; the exit status is \
      that of the first problem. If standard output is closed early (a pipe into 'head'), \
      winnow stops quietly with status 0.

      \(exitStatusHelp)
      """)

  @OptionGroup(title: "Normalization")
  var normalization: NormalizationOptions

  @OptionGroup(title: "Input")
  var input: InputOptions

  @OptionGroup(title: "Output")
  var output: OutputOptions

  func run() throws {
    let normalizer: Normalizer
    do {
      normalizer = try Normalizer(normalization.normalizerOptions())
    } catch let error as WinnowError {
      throw Diagnostics.fail(error)
    }
    let status = InputRunner(input: input, output: output).run {
      NormalizeTransform(normalizer)
    }
    if status != 0 { throw ExitCode(status) }
  }
}

/// The exit statuses, for every subcommand's help (sysexits(3)).
let exitStatusHelp = """
  Exit status:
    0   success
    64  usage error (a bad option, a directory input without -o, an output \
  that would overwrite an input)
    65  invalid input data (invalid UTF-8 under --strict)
    66  an input cannot be opened (missing, unreadable)
    70  internal error (an ICU or OpenCC failure)
    73  an output cannot be created
    74  I/O error while reading or writing
  """
