import Dispatch

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// A bounded blocking FIFO for threads (pthread mutex and condition variables).
///
/// `@unchecked Sendable`: every access to `items` and `closed` holds the mutex.
final class BlockingQueue<T>: @unchecked Sendable {
  private var items: [T] = []
  private var head = 0
  private var closed = false
  private let capacity: Int
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let notEmpty = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  private let notFull = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)

  init(capacity: Int) {
    self.capacity = max(1, capacity)
    pthread_mutex_init(mutex, nil)
    pthread_cond_init(notEmpty, nil)
    pthread_cond_init(notFull, nil)
  }

  deinit {
    pthread_mutex_destroy(mutex)
    pthread_cond_destroy(notEmpty)
    pthread_cond_destroy(notFull)
    mutex.deallocate()
    notEmpty.deallocate()
    notFull.deallocate()
  }

  private var count: Int { items.count - head }

  /// Adds an item, waiting while the queue is full. Returns false if the queue was closed.
  func push(_ item: T) -> Bool {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while count >= capacity && !closed { pthread_cond_wait(notFull, mutex) }
    if closed { return false }
    items.append(item)
    pthread_cond_signal(notEmpty)
    return true
  }

  /// Takes the oldest item, waiting while the queue is empty; nil once closed and empty.
  func pop() -> T? {
    pthread_mutex_lock(mutex)
    defer { pthread_mutex_unlock(mutex) }
    while count == 0 && !closed { pthread_cond_wait(notEmpty, mutex) }
    if count == 0 { return nil }
    let item = items[head]
    head += 1
    if head > 1024 && head * 2 > items.count {
      items.removeFirst(head)
      head = 0
    }
    pthread_cond_signal(notFull)
    return item
  }

  /// No more pushes; pops drain what is left. With `discard`, what is left is dropped.
  func close(discard: Bool = false) {
    pthread_mutex_lock(mutex)
    closed = true
    if discard {
      items.removeAll()
      head = 0
    }
    pthread_cond_broadcast(notEmpty)
    pthread_cond_broadcast(notFull)
    pthread_mutex_unlock(mutex)
  }
}

/// A result to be filled by a worker and read, once, by the consumer.
///
/// `@unchecked Sendable`: `value` is written before `ready.signal()` and read after
/// `ready.wait()`, which orders the two.
final class Slot<Out>: @unchecked Sendable {
  let ready = DispatchSemaphore(value: 0)
  var value: Out?
}

/// Maps items through `transform` on `jobs` threads, delivering results to `consume` in
/// input order on the calling thread. At most `capacity` items are in flight (read but not
/// consumed), so memory stays bounded whatever the input size.
///
/// - Parameters:
///   - jobs: worker threads; 1 runs everything on the calling thread, in order.
///   - capacity: the in-flight bound.
///   - produce: calls `emit` for each item in order; stops when `emit` returns false.
///     Runs on its own thread when `jobs > 1`.
///   - transform: the parallel part (must be thread-safe).
///   - consume: called in input order; return false to stop early.
/// - Throws: what `produce` or `consume` throws (the other threads are stopped first).
func orderedMap<In, Out>(
  jobs: Int, capacity: Int,
  produce: @escaping @Sendable (_ emit: (In) -> Bool) throws(WinnowError) -> Void,
  transform: @escaping @Sendable (In) -> Out,
  consume: (Out) throws(WinnowError) -> Bool
) throws(WinnowError) {
  if jobs <= 1 {
    var failure: WinnowError?
    var stop = false
    try produce { item in
      if stop { return false }
      do throws(WinnowError) {
        if try !consume(transform(item)) { stop = true }
      } catch {
        failure = error
        stop = true
      }
      return !stop
    }
    if let failure { throw failure }
    return
  }
  let work = BlockingQueue<(In, Slot<Out>)>(capacity: capacity)
  let order = BlockingQueue<Slot<Out>>(capacity: capacity)
  let group = DispatchGroup()
  let producerError = Slot<WinnowError>()
  DispatchQueue.global().async(group: group) {
    do throws(WinnowError) {
      try produce { item in
        let slot = Slot<Out>()
        guard order.push(slot) else { return false }
        guard work.push((item, slot)) else { return false }
        return true
      }
    } catch {
      producerError.value = error
    }
    order.close()
    work.close()
  }
  for _ in 0..<jobs {
    DispatchQueue.global().async(group: group) {
      while let (item, slot) = work.pop() {
        slot.value = transform(item)
        slot.ready.signal()
      }
    }
  }
  var failure: WinnowError?
  while let slot = order.pop() {
    slot.ready.wait()
    guard let value = slot.value else { continue }
    do throws(WinnowError) {
      if try !consume(value) { break }
    } catch {
      failure = error
      break
    }
  }
  // Stop the others (no-op after a normal end) and wait for them.
  order.close(discard: true)
  work.close(discard: true)
  group.wait()
  if let failure { throw failure }
  if let e = producerError.value { throw e }
}
