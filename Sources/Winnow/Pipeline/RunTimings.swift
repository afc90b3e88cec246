#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where the time of a run went, part by part (`winnow run --timings`, `winnow learn
/// --timings`): measured directly, not as the difference of two runs.
///
/// Set ``RunOptions/timings`` and the run's ``RunSummary/timings`` (or ``LearnSummary``'s)
/// holds one ``Row`` per part, in this order (parts that did not run are left out):
///
/// - ``Part/read``: reading the inputs and splitting them into documents (the reader's
///   calls: files opened and read, decompressed, JSONL lines cut).
/// - ``Part/parse``: each document made from its bytes (the JSON line parsed, or the text
///   file decoded) before the first stage.
/// - ``Part/stage(_:_:)``: each stage's `process` calls, in pipeline order.
/// - ``Part/write``: the output line built (results serialized) and written.
/// - ``Part/corpusPass(_:_:)``: a corpus stage's corpus pass: its own reading and parsing
///   of the inputs, the stages before it, and the learner (the pass runs alone, so this is
///   the process's CPU time over the pass); ``Part/learner(_:_:)`` is the learner's share of
///   it. When the run takes over the documents the pass kept (``RunOptions/passMemory``),
///   their reading, parsing and earlier stages are the run's one read and parse: they are
///   counted in the ``Part/read``, ``Part/parse`` and ``Part/stage(_:_:)`` rows, and the pass
///   keeps the rest (the learner, and handing the documents over).
/// - ``Part/total``: the whole run (`PipelineRunner.run()` or `learnState()`), process CPU.
///
/// CPU seconds are thread CPU time (`CLOCK_THREAD_CPUTIME_ID`) of the calls, summed over the
/// worker threads (with `--jobs N` they run at once, so a part's CPU time can exceed its
/// wall time); wall seconds are the monotonic clock over the same calls, also summed.
/// Without ``RunOptions/timings`` nothing is measured: the cost is one branch per document.
///
/// ```swift
/// var options = RunOptions()
/// options.inputs = ["pages.jsonl"]
/// options.timings = true
/// let summary = try PipelineRunner(pipeline: pipeline, options: options).run()
/// let stage = summary.timings?[.stage(0, "boilerplate")]
/// let pass = summary.timings?[.corpusPass(0, "boilerplate")]
/// print((stage?.cpuSeconds ?? 0) + (pass?.cpuSeconds ?? 0))   // the stage's whole cost
/// ```
public struct RunTimings: Sendable, Hashable {
  /// What a row measures.
  public enum Part: Sendable, Hashable {
    /// Reading and splitting the inputs.
    case read
    /// Making each document from its bytes (JSON parse or text decoding).
    case parse
    /// The `process` calls of the stage at this index of the pipeline, with its name.
    case stage(Int, String)
    /// Building and writing the output.
    case write
    /// The corpus pass of the stage at this index (what the pass did for itself alone).
    case corpusPass(Int, String)
    /// The learner's share of that corpus pass (`observe`, `finish`, the state applied).
    case learner(Int, String)
    /// The whole run.
    case total

    /// The row's name in the table: `read`, `parse`, the stage's name, `write`,
    /// `NAME (corpus pass)`, `NAME (learner)`, `total`.
    public var name: String {
      switch self {
      case .read: "read"
      case .parse: "parse"
      case .stage(_, let name): name
      case .write: "write"
      case .corpusPass(_, let name): "\(name) (corpus pass)"
      case .learner(_, let name): "\(name) (learner)"
      case .total: "total"
      }
    }
  }

  /// One part's time.
  public struct Row: Sendable, Hashable {
    /// What was measured.
    public var part: Part
    /// The documents it handled (for ``Part/total``, the documents of the run).
    public var documents: Int
    /// CPU seconds, summed over threads.
    public var cpuSeconds: Double
    /// Wall seconds, summed over the calls.
    public var wallSeconds: Double
  }

  /// The rows, in the order described above.
  public var rows: [Row] = []

  /// The row of a part, or nil when the run had no such part.
  public subscript(part: Part) -> Row? { rows.first { $0.part == part } }

  /// The rows as an aligned text table with a header line (what `--timings` prints).
  public var table: String {
    let width = max(8, rows.map { $0.part.name.utf8.count }.max() ?? 0)
    func pad(_ s: String, _ n: Int, left: Bool) -> String {
      let fill = String(repeating: " ", count: max(0, n - s.utf8.count))
      return left ? s + fill : fill + s
    }
    func seconds(_ x: Double) -> String {
      let ms = Int((x * 1000).rounded())
      let frac = String(ms % 1000)
      return "\(ms / 1000)." + String(repeating: "0", count: 3 - frac.count) + frac
    }
    var out =
      pad("timings", width, left: true) + "  " + pad("documents", 9, left: false) + "  "
      + pad("CPU s", 9, left: false) + "  " + pad("wall s", 9, left: false) + "\n"
    for r in rows {
      out +=
        pad(r.part.name, width, left: true) + "  " + pad(String(r.documents), 9, left: false)
        + "  " + pad(seconds(r.cpuSeconds), 9, left: false) + "  "
        + pad(seconds(r.wallSeconds), 9, left: false) + "\n"
    }
    return out
  }
}

/// A point in time on both clocks, in nanoseconds.
struct TimeStamp {
  var cpu: Int64
  var wall: Int64

  /// Now: the calling thread's CPU clock and the monotonic clock.
  @inline(__always)
  static func now() -> TimeStamp {
    TimeStamp(cpu: clock(CLOCK_THREAD_CPUTIME_ID), wall: clock(CLOCK_MONOTONIC))
  }

  /// Now, with the whole process's CPU clock (for a part that runs alone in the process).
  static func processNow() -> TimeStamp {
    TimeStamp(cpu: clock(CLOCK_PROCESS_CPUTIME_ID), wall: clock(CLOCK_MONOTONIC))
  }

  @inline(__always)
  static func clock(_ id: clockid_t) -> Int64 {
    var ts = timespec()
    clock_gettime(id, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
  }
}

/// Time and documents summed for one part.
struct TimeTally: Sendable {
  var documents = 0
  var cpu: Int64 = 0
  var wall: Int64 = 0

  /// Adds the span from `start` to `end` (and `documents`).
  @inline(__always)
  mutating func add(_ start: TimeStamp, _ end: TimeStamp, documents: Int = 1) {
    self.documents += documents
    cpu += end.cpu - start.cpu
    wall += end.wall - start.wall
  }

  mutating func add(_ other: TimeTally) {
    documents += other.documents
    cpu += other.cpu
    wall += other.wall
  }

  /// Takes `other`'s time out of this one (its documents stay counted); not below zero.
  mutating func subtract(_ other: TimeTally) {
    cpu = max(0, cpu - other.cpu)
    wall = max(0, wall - other.wall)
  }

  func row(_ part: RunTimings.Part, documents: Int? = nil) -> RunTimings.Row {
    RunTimings.Row(
      part: part, documents: documents ?? self.documents, cpuSeconds: Double(cpu) / 1e9,
      wallSeconds: Double(wall) / 1e9)
  }
}

/// One document's times (in an outcome, summed by the consumer).
struct DocumentTimes: Sendable {
  var parse = TimeTally()
  var stages: [TimeTally]
  var write = TimeTally()

  init(stages: Int) { self.stages = Array(repeating: TimeTally(), count: stages) }

  mutating func add(_ other: DocumentTimes) {
    parse.add(other.parse)
    write.add(other.write)
    for i in other.stages.indices where i < stages.count { stages[i].add(other.stages[i]) }
  }
}

/// The reader's time, kept by the one thread that reads (read after the run's threads are
/// joined).
///
/// `@unchecked Sendable`: written only by the producer, read after `orderedMap` returns,
/// which waits for the producer.
final class ReadTimer: @unchecked Sendable {
  var tally = TimeTally()
}
