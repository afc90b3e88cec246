import ArgumentParser
import Winnow

/// Output formats of `winnow tokenize`.
enum TokenFormat: String, ExpressibleByArgument, CaseIterable {
  case text, tsv, jsonl
}

struct TokenizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokenize",
    abstract: "Split text into words: the fast path or the ICU reference (identical tokens).",
    discussion: """
      Tokenizes each line of the input (decoded like 'normalize' does, but not normalized: \
      run 'winnow normalize' first if you want that). Words follow Unicode's word \
      boundaries (UAX #29, Unicode 15.0 as in ICU 72) with ICU's dictionary for Chinese and \
      Japanese; both engines give exactly the same tokens, kinds and offsets.

      Formats: text = the tokens of each input line separated by spaces, one output line \
      per input line; tsv = one token per line: start, end (UTF-8 byte offsets into the \
      decoded input, end exclusive), kind, token; jsonl = one object per input line: \
      {"line": N, "tokens": [{"start", "end", "kind", "text"}]}. --count prints only the \
      number of tokens (to time the tokenizer without output cost).

      \(exitStatusHelp)
      """)

  @Option(help: "The tokenizer: fast (Winnow's scanner) or icu (ICU's break iterator).")
  var engine: TokenizerEngine = .fast

  @Option(help: "Output format: text, tsv or jsonl.")
  var format: TokenFormat = .text

  @Flag(help: "Also emit punctuation and symbol tokens.")
  var punct = false

  @Flag(help: "Print only the number of tokens.")
  var count = false

  @OptionGroup(title: "Input")
  var input: InputOptions

  @OptionGroup(title: "Output")
  var output: OutputOptions

  func run() throws {
    let tokenizer: any Tokenizer
    do {
      tokenizer = try makeTokenizer(engine, options: TokenizerOptions(includePunctuation: punct))
    } catch {
      throw Diagnostics.fail(error)
    }
    let total = Counter()
    let status = InputRunner(input: input, output: output).run {
      TokenizeTransform(tokenizer: tokenizer, format: format, countOnly: count, total: total)
    }
    if count {
      print(total.value)
    }
    if status != 0 { throw ExitCode(status) }
  }
}

/// Tokenizes line by line and formats the tokens.
struct TokenizeTransform: LineTransform {
  let tokenizer: any Tokenizer
  let format: TokenFormat
  let countOnly: Bool
  let total: Counter
  var lines = LineSplitter()
  var tokens: [Token] = []
  var counted = 0

  init(tokenizer: any Tokenizer, format: TokenFormat, countOnly: Bool, total: Counter) {
    self.tokenizer = tokenizer
    self.format = format
    self.countOnly = countOnly
    self.total = total
  }

  mutating func finishInput() {
    total.value += counted
  }

  mutating func emit(_ line: ArraySlice<UInt8>, _ offset: Int, _ number: Int, _ out: inout [UInt8])
  {
    tokens.removeAll(keepingCapacity: true)
    line.withUnsafeBufferPointer { p in
      // A tokenizer error on valid UTF-8 would be a bug; the line then has no tokens.
      try? tokenizer.tokenize(p, into: &tokens)
    }
    counted += tokens.count
    if countOnly { return }
    let base = line.startIndex
    switch format {
    case .text:
      for (i, t) in tokens.enumerated() {
        if i > 0 { out.append(0x20) }
        out.append(contentsOf: line[(base + t.range.lowerBound)..<(base + t.range.upperBound)])
      }
      out.append(0x0A)
    case .tsv:
      for t in tokens {
        out.appendInt(offset + t.range.lowerBound)
        out.append(0x09)
        out.appendInt(offset + t.range.upperBound)
        out.append(0x09)
        out.appendString("\(t.kind)")
        out.append(0x09)
        out.append(contentsOf: line[(base + t.range.lowerBound)..<(base + t.range.upperBound)])
        out.append(0x0A)
      }
    case .jsonl:
      out.appendString("{\"line\":")
      out.appendInt(number)
      out.appendString(",\"tokens\":[")
      for (i, t) in tokens.enumerated() {
        if i > 0 { out.append(0x2C) }
        out.appendString("{\"start\":")
        out.appendInt(offset + t.range.lowerBound)
        out.appendString(",\"end\":")
        out.appendInt(offset + t.range.upperBound)
        out.appendString(",\"kind\":\"\("\(t.kind)")\",\"text\":")
        appendJSONString(line[(base + t.range.lowerBound)..<(base + t.range.upperBound)], to: &out)
        out.append(0x7D)
      }
      out.appendString("]}\n")
    }
  }
}

extension TokenizerEngine: ExpressibleByArgument {}

/// A running count shared between the command and its per-input transforms.
final class Counter {
  var value = 0
}

/// Output formats of `winnow sentences`.
enum SentenceFormat: String, ExpressibleByArgument, CaseIterable {
  case text, jsonl
}

struct SentencesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sentences",
    abstract: "Split text into sentences (ICU, en@ss=standard, plus Chinese 。！？；).",
    discussion: """
      Sentences never span lines. Formats: text = one sentence per output line; jsonl = one \
      object per sentence: {"line", "start", "end", "text"} with UTF-8 byte offsets into \
      the decoded input.

      \(exitStatusHelp)
      """)

  @Option(help: "Output format: text or jsonl.")
  var format: SentenceFormat = .text

  @OptionGroup(title: "Input")
  var input: InputOptions

  @OptionGroup(title: "Output")
  var output: OutputOptions

  func run() throws {
    let segmenter: Segmenter
    do {
      segmenter = try Segmenter(options: SegmenterOptions())
    } catch {
      throw Diagnostics.fail(error)
    }
    let status = InputRunner(input: input, output: output).run {
      SentencesTransform(segmenter: segmenter, format: format)
    }
    if status != 0 { throw ExitCode(status) }
  }
}

/// Splits each line into sentences and formats them.
struct SentencesTransform: LineTransform {
  let segmenter: Segmenter
  let format: SentenceFormat
  var lines = LineSplitter()

  mutating func emit(_ line: ArraySlice<UInt8>, _ offset: Int, _ number: Int, _ out: inout [UInt8])
  {
    let sentences = (try? segmenter.sentences(Array(line))) ?? []
    let base = line.startIndex
    for s in sentences {
      let text = line[(base + s.range.lowerBound)..<(base + s.range.upperBound)]
      switch format {
      case .text:
        out.append(contentsOf: text)
        out.append(0x0A)
      case .jsonl:
        out.appendString("{\"line\":")
        out.appendInt(number)
        out.appendString(",\"start\":")
        out.appendInt(offset + s.range.lowerBound)
        out.appendString(",\"end\":")
        out.appendInt(offset + s.range.upperBound)
        out.appendString(",\"text\":")
        appendJSONString(text, to: &out)
        out.appendString("}\n")
      }
    }
  }
}
