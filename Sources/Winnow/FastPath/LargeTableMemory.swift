#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Memory for the CJK engine's large read-only lookup tables (the dictionary trie and its
/// first-unit and pair tables, several megabytes read at random, about one cache line per
/// character), asked for in transparent huge pages where Linux offers them on request
/// (`madvise(MADV_HUGEPAGE)`, 2 MiB pages): with 4 KiB pages nearly every such lookup also
/// misses the TLB, which costs a page walk (two-dimensional in a virtual machine).
///
/// Elsewhere, or when the system refuses, it is ordinary memory; lookups are the same.
enum LargeTableMemory {
  /// The huge page size asked for (x86-64 and arm64 Linux with 4 KiB base pages).
  static let hugePageSize = 2 << 20

  /// Allocates `byteCount` bytes (rounded up to whole huge pages, zero-filled), aligned to
  /// a huge page. Free it with ``deallocate(_:)``.
  ///
  /// - Returns: The memory, or `nil` if it cannot be allocated.
  static func allocate(byteCount: Int) -> UnsafeMutableRawPointer? {
    let size = max((byteCount + hugePageSize - 1) / hugePageSize, 1) * hugePageSize
    var raw: UnsafeMutableRawPointer? = nil
    guard posix_memalign(&raw, hugePageSize, size) == 0, let raw else { return nil }
    #if os(Linux)
      // Advice only: on failure (no THP support) the pages are ordinary ones.
      _ = madvise(raw, size, MADV_HUGEPAGE)
    #endif
    raw.initializeMemory(as: UInt8.self, repeating: 0, count: size)
    return raw
  }

  /// Frees memory from ``allocate(byteCount:)``.
  static func deallocate(_ memory: UnsafeMutableRawPointer) {
    free(memory)
  }
}
