import Foundation

/// A fresh directory for one test, under `$TMPDIR` (else `/tmp`), removed with everything in
/// it when the value is released or ``remove()`` is called.
///
/// Keep the value alive while its path is used (Swift may release a value after its last
/// use, and a bare `path` string does not keep it): `defer { dir.remove() }` right after
/// making it.
///
/// ```swift
/// let dir = TemporaryDirectory()
/// dir.write("in.txt", "text")
/// // … run something in dir.path …
/// #expect(dir.read("out.txt") == "TEXT")
/// ```
public final class TemporaryDirectory {
  /// The directory's absolute path (no trailing slash).
  public let path: String

  /// Makes the directory, named `<prefix>-XXXXXX`.
  public init(prefix: String = "winnow-test") {
    let base =
      ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 }
      ?? "/tmp"
    var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
    let made = template.withUnsafeMutableBufferPointer { buffer in
      buffer.baseAddress.flatMap { mkdtemp($0) }
    }
    // (Without a directory every write fails and the test with it, naming the path.)
    path = made.map { String(cString: $0) } ?? "\(base)/\(prefix)-unmade"
  }

  deinit { remove() }

  /// Removes the directory and everything in it (again: a no-op). Directories a test made
  /// unreadable or unwritable are opened up first.
  public func remove() {
    let files = FileManager.default
    guard files.fileExists(atPath: path) else { return }
    if (try? files.removeItem(atPath: path)) == nil {
      if let all = files.enumerator(atPath: path) {
        for case let relative as String in all {
          _ = try? files.setAttributes(
            [.posixPermissions: 0o700], ofItemAtPath: path + "/" + relative)
        }
      }
      _ = try? files.removeItem(atPath: path)
    }
  }

  /// Writes `bytes` to `relative` (creating its parent directories); false when it fails.
  @discardableResult
  public func write(_ relative: String, _ bytes: [UInt8]) -> Bool {
    let url = URL(fileURLWithPath: path + "/" + relative)
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: url)
      return true
    } catch {
      return false
    }
  }

  /// Writes `text` (UTF-8) to `relative` (creating its parent directories).
  @discardableResult
  public func write(_ relative: String, _ text: String) -> Bool {
    write(relative, Array(text.utf8))
  }

  /// The bytes of `relative`, or nil when it cannot be read.
  public func bytes(_ relative: String) -> [UInt8]? {
    FileManager.default.contents(atPath: path + "/" + relative).map { [UInt8]($0) }
  }

  /// The contents of `relative` as UTF-8 (invalid bytes replaced), or nil when it cannot be
  /// read.
  public func read(_ relative: String) -> String? {
    bytes(relative).map { String(decoding: $0, as: UTF8.self) }
  }

  /// The names in the directory itself, sorted.
  public func names() -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
  }

  /// Every file under the directory (not directories), as relative paths, sorted.
  public func allFiles() -> [String] {
    var result: [String] = []
    guard let all = FileManager.default.enumerator(atPath: path) else { return [] }
    for case let relative as String in all {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path + "/" + relative, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        result.append(relative)
      }
    }
    return result.sorted()
  }
}
