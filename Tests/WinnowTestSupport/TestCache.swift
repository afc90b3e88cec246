import Foundation

/// Where the tests keep Winnow's on-disk gazetteer cache: a folder of the temporary
/// directory, never the user's `~/.cache/winnow`.
///
/// One folder per user, kept between runs, so only the first test run compiles the
/// built-in gazetteer; the cache prunes its own stale files, so the folder holds one
/// compiled gazetteer per configuration. In-process code passes it explicitly
/// (`EntityRecognizer(cacheDirectory:)`); a launched `winnow` gets it as
/// `WINNOW_CACHE_DIR` (``environment(_:)``).
public enum TestCache {
  /// The cache folder: `$TMPDIR/winnow-test-cache-<uid>`.
  public static let directory: String = {
    var temporary = NSTemporaryDirectory()
    while temporary.hasSuffix("/") { temporary.removeLast() }
    return temporary + "/winnow-test-cache-\(getuid())"
  }()

  /// `environment` with `WINNOW_CACHE_DIR` set to ``directory`` (for a launched `winnow`).
  /// - Parameter environment: the environment to extend (default: this process's).
  /// - Returns: the environment for the child process.
  public static func environment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> [String: String] {
    var e = environment
    e["WINNOW_CACHE_DIR"] = directory
    return e
  }
}
