import ArgumentParser
import Winnow

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What a subcommand does to one input's decoded text, fed in chunks of valid UTF-8.
protocol TextTransform {
  /// Consumes `utf8` and appends whatever output is complete to `out`.
  mutating func feed(_ utf8: [UInt8], into out: inout [UInt8])
  /// Ends the input, appending the rest of the output.
  mutating func finish(into out: inout [UInt8])
}

/// Normalization as a ``TextTransform``.
struct NormalizeTransform: TextTransform {
  var stream: NormalizingStream

  init(_ normalizer: Normalizer) {
    stream = NormalizingStream(normalizer)
  }

  mutating func feed(_ utf8: [UInt8], into out: inout [UInt8]) {
    stream.feed(utf8, into: &out)
  }

  mutating func finish(into out: inout [UInt8]) {
    stream.finish(into: &out)
  }
}

/// Runs a transform over every input and writes the results: the I/O loop shared by
/// subcommands.
///
/// Inputs are read in chunks, decoded, transformed and written through a large buffer.
/// A problem with one input is reported and the run goes on with the next; the exit status
/// is that of the first problem. A closed pipe on standard output ends the run quietly
/// with status 0.
struct InputRunner {
  let input: InputOptions
  let output: OutputOptions
  /// For transforms that load each input whole: an input larger than this is skipped
  /// without being loaded (a message on stderr, the exit status unchanged), as
  /// `winnow run --max-doc-bytes` does. nil: no limit (line-by-line transforms).
  var maxDocumentBytes: Int? = nil

  /// Runs `makeTransform()`'s transform over each input.
  /// - Returns: the exit status.
  func run<T: TextTransform>(_ makeTransform: () -> T) -> Int32 {
    run { (_: IOPlan.Item) in makeTransform() }
  }

  /// Runs `makeTransform(item)`'s transform over each input (`item` says which input, and
  /// where its output goes).
  /// - Returns: the exit status.
  func run<T: TextTransform>(_ makeTransform: (IOPlan.Item) -> T) -> Int32 {
    signal(SIGPIPE, SIG_IGN)
    AtomicFileWriter.installSignalCleanup()
    var diagnostics = Diagnostics()

    let plan: IOPlan
    do throws(WinnowError) {
      plan = try IOPlan(operands: input.inputs, output: output.output)
    } catch {
      diagnostics.report(error)
      return diagnostics.status
    }

    // The one sink of the stdout and single-file modes.
    let shared: (any OutputSink)?
    let stdout = FileDescriptorWriter(fd: 1, name: "<stdout>")
    switch plan.mode {
    case .standardOutput:
      shared = stdout
    case .file(let path):
      do throws(WinnowError) {
        shared = try AtomicFileWriter(path: path)
      } catch {
        diagnostics.report(error)
        return diagnostics.status
      }
    case .directory:
      shared = nil
    }

    for result in plan.items {
      let item: IOPlan.Item
      switch result {
      case .failure(let error):
        diagnostics.report(error)
        continue
      case .success(let success):
        item = success
      }
      // A regular file over the limit is skipped by its size, without opening it.
      if let limit = maxDocumentBytes, let path = item.input.path {
        var st = stat()
        if stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG, Int(st.st_size) > limit {
          Diagnostics.print(Self.tooLarge(item.input.displayName, "\(st.st_size) bytes", limit))
          continue
        }
      }
      let reader: InputReader
      do throws(WinnowError) {
        reader = try InputReader(item.input)
      } catch {
        diagnostics.report(error)
        continue
      }
      let sink: any OutputSink
      var ownWriter: AtomicFileWriter?
      if let shared {
        sink = shared
      } else if let path = item.outputPath {
        do throws(WinnowError) {
          let writer = try AtomicFileWriter(path: path, createDirectories: true)
          ownWriter = writer
          sink = writer
        } catch {
          diagnostics.report(error)
          continue
        }
      } else {
        continue
      }

      var outputFailed = false
      var tooLarge = false
      do throws(WinnowError) {
        var decoder = try StreamingDecoder(
          encoding: input.encoding, strict: input.strict, path: item.input.displayName)
        var transform = makeTransform(item)
        var utf8: [UInt8] = []
        var out: [UInt8] = []
        utf8.reserveCapacity(reader.chunkSize + 4)
        out.reserveCapacity(reader.chunkSize + 4)
        func emit() throws(WinnowError) {
          transform.feed(utf8, into: &out)
          utf8.removeAll(keepingCapacity: true)
          do throws(WinnowError) {
            try sink.write(out)
          } catch {
            outputFailed = true
            throw error
          }
          out.removeAll(keepingCapacity: true)
        }
        try reader.forEachChunk { (chunk) throws(WinnowError) in
          // Standard input (or a file that grew): stop reading once over the limit.
          if let limit = maxDocumentBytes, reader.bytesRead > limit {
            tooLarge = true
            throw WinnowError(
              .invalidData, Self.tooLarge(item.input.displayName, "more than \(limit) bytes", limit)
            )
          }
          try decoder.feed(chunk, into: &utf8)
          try emit()
        }
        try decoder.finish(into: &utf8)
        transform.feed(utf8, into: &out)
        utf8.removeAll()
        transform.finish(into: &out)
        do throws(WinnowError) {
          try sink.write(out)
          try ownWriter?.commit()
        } catch {
          outputFailed = true
          throw error
        }
      } catch {
        ownWriter?.cancel()
        if tooLarge {
          Diagnostics.print(error.message)
          continue
        }
        if outputFailed && stdout.isBrokenPipe { return 0 }
        diagnostics.report(error)
        // A broken shared output ends the run: nothing more can be written.
        if outputFailed && shared != nil { return diagnostics.status }
      }
    }

    do throws(WinnowError) {
      if let writer = shared as? AtomicFileWriter {
        // The file is replaced only when every input went through; otherwise the old
        // file stays as it was.
        if diagnostics.status == 0 { try writer.commit() } else { writer.cancel() }
      } else {
        try stdout.flush()
      }
    } catch {
      if stdout.isBrokenPipe { return 0 }
      diagnostics.report(error)
    }
    return diagnostics.status
  }
}

extension InputRunner {
  /// The skip message, worded as `winnow run`'s.
  static func tooLarge(_ name: String, _ size: String, _ limit: Int) -> String {
    "\(name): skipped (too-large): \(size), over --max-doc-bytes \(limit)"
  }
}

/// Messages on standard error, each `winnow: ` then a sentence naming the file; keeps the
/// exit status of the first.
struct Diagnostics {
  private(set) var status: Int32 = 0

  /// Reports an error that stops the command before any input is read, and exits with
  /// its status.
  static func fail(_ error: WinnowError) -> ExitCode {
    var diagnostics = Diagnostics()
    diagnostics.report(error)
    return ExitCode(diagnostics.status)
  }

  mutating func report(_ error: WinnowError) {
    Self.print(error.message)
    if status == 0 { status = error.code.exitStatus }
  }

  static func print(_ message: String) {
    var line = Array("winnow: \(message)\n".utf8)
    line.withUnsafeMutableBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = write(2, raw.baseAddress.map { $0 + offset }, raw.count - offset)
        if n <= 0 { return }
        offset += n
      }
    }
  }
}
