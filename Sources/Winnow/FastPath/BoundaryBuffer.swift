/// Where a scanner or dictionary engine puts boundaries: an offset and the rule status of the
/// segment it ends. Lets the hot paths write into ``BoundaryBuffer`` (no `Array` uniqueness
/// or exclusivity checks per boundary) while the public API keeps `inout [Int32]` pairs.
protocol BoundarySink {
  mutating func append(_ boundary: Int32, _ status: Int32)
}

/// Two `[Int32]` arrays as a ``BoundarySink`` (for the public `inout` array APIs).
struct ArrayBoundarySink: BoundarySink {
  var boundaries: [Int32] = []
  var statuses: [Int32] = []

  @inline(__always)
  mutating func append(_ boundary: Int32, _ status: Int32) {
    boundaries.append(boundary)
    statuses.append(status)
  }
}

/// A growable buffer of (boundary, status) pairs in manually managed memory, reused across
/// calls by one tokenizer. A value holding pointers: the owner keeps exactly one copy alive
/// and calls ``free()`` once (in its `deinit`).
struct BoundaryBuffer: BoundarySink {
  private(set) var boundaries: UnsafeMutablePointer<Int32>
  private(set) var statuses: UnsafeMutablePointer<Int32>
  private(set) var count = 0
  private var capacity: Int

  init(capacity: Int = 256) {
    self.capacity = max(capacity, 16)
    boundaries = .allocate(capacity: self.capacity)
    statuses = .allocate(capacity: self.capacity)
  }

  @inline(__always)
  mutating func append(_ boundary: Int32, _ status: Int32) {
    if count == capacity { grow() }
    boundaries[count] = boundary
    statuses[count] = status
    count &+= 1
  }

  @inline(__always)
  mutating func removeAll() { count = 0 }

  /// Keeps the first `newCount` pairs (`0...count`).
  @inline(__always)
  mutating func truncate(to newCount: Int) {
    precondition(newCount >= 0 && newCount <= count, "truncate beyond the buffer's count")
    count = newCount
  }

  var boundaryBuffer: UnsafeBufferPointer<Int32> {
    UnsafeBufferPointer(start: boundaries, count: count)
  }
  var statusBuffer: UnsafeBufferPointer<Int32> {
    UnsafeBufferPointer(start: statuses, count: count)
  }

  private mutating func grow() {
    let newCapacity = capacity * 2
    let b = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
    let s = UnsafeMutablePointer<Int32>.allocate(capacity: newCapacity)
    b.update(from: boundaries, count: count)
    s.update(from: statuses, count: count)
    boundaries.deallocate()
    statuses.deallocate()
    boundaries = b
    statuses = s
    capacity = newCapacity
  }

  func free() {
    boundaries.deallocate()
    statuses.deallocate()
  }
}

/// Tokens collected in a fixed buffer and appended to the caller's array in batches
/// (`append(contentsOf:)`, a copy), so emitting a token is a store, not an `Array.append`.
struct TokenBatch {
  let base: UnsafeMutablePointer<Token>
  let capacity: Int
  var count = 0

  @inline(__always)
  mutating func append(_ token: Token, to tokens: inout [Token]) {
    if count == capacity { flush(to: &tokens) }
    (base + count).initialize(to: token)
    count &+= 1
  }

  mutating func flush(to tokens: inout [Token]) {
    guard count > 0 else { return }
    tokens.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    base.deinitialize(count: count)
    count = 0
  }
}
