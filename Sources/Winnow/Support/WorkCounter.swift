import Synchronization

/// Counts units of work (bytes or items examined by a scanner's loops) so tests can show
/// that a pattern recognizer runs in linear time by counting steps, not by timing.
///
/// Scanners call ``add(_:)`` once per loop (after it, with the number of iterations), not
/// per byte. While no ``count(_:)`` is running anywhere, ``add(_:)`` is one relaxed atomic
/// load and a branch; during a count, the steps go to the counting task only (a task-local
/// box), so tests running in parallel do not mix their counts.
///
/// ```swift
/// @_spi(WorkCounting) import Winnow
/// let (_, steps) = WorkCounter.count { recognizer.recognize(text) }
/// let (_, steps2) = WorkCounter.count { recognizer.recognize(text + text) }
/// // steps2 <= 2.2 * steps for a linear-time recognizer
/// ```
///
/// Not API: for tests (`@_spi(WorkCounting)`).
@_spi(WorkCounting)
public enum WorkCounter {
  /// The number of ``count(_:)`` calls running (any task).
  @usableFromInline static let active = Atomic<Int>(0)

  /// The current task's tally, while it runs ``count(_:)``.
  @TaskLocal static var tally: Tally?

  /// A task's running total.
  final class Tally: Sendable {
    let steps = Atomic<Int>(0)
  }

  /// Adds `steps` units of work to the current task's count, if one is running.
  ///
  /// - Parameter steps: the iterations of the loop just finished (or bytes examined).
  @inlinable @inline(__always)
  public static func add(_ steps: Int) {
    if active.load(ordering: .relaxed) != 0 { record(steps) }
  }

  @usableFromInline static func record(_ steps: Int) {
    tally?.steps.add(steps, ordering: .relaxed)
  }

  /// Runs `body` and returns its result with the work counted while it ran (on this task).
  ///
  /// - Parameter body: the code to measure; synchronous, on the calling task.
  /// - Returns: `body`'s result and the steps counted.
  /// - Throws: what `body` throws.
  public static func count<T>(_ body: () throws -> T) rethrows -> (result: T, steps: Int) {
    let t = Tally()
    active.add(1, ordering: .relaxed)
    defer { active.subtract(1, ordering: .relaxed) }
    let result = try $tally.withValue(t) { try body() }
    return (result, t.steps.load(ordering: .relaxed))
  }
}
