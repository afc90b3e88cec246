/// One input to read: standard input, a file named by the user, or a file found under a
/// directory named by the user.
///
/// ```swift
/// InputSource.expand(["-", "notes.txt", "pages"])
/// // [.success(.standardInput), .success(.file(path: "notes.txt")),
/// //  .success(.directoryMember(root: "pages", relativePath: "a.txt")), …]
/// ```
public enum InputSource: Sendable, Hashable {
  /// Standard input (named `-`, or implied by no input at all).
  case standardInput
  /// A file named directly (also a FIFO or device, e.g. `/dev/stdin`).
  case file(path: String)
  /// A regular file found while walking the directory `root`; `relativePath` uses `/`.
  case directoryMember(root: String, relativePath: String)

  /// The path to open; `nil` for standard input.
  public var path: String? {
    switch self {
    case .standardInput: nil
    case .file(let path): path
    case .directoryMember(let root, let relativePath): PathName.join(root, relativePath)
    }
  }

  /// The name used in messages: the path, or `<stdin>`.
  public var displayName: String { path ?? "<stdin>" }

  /// Expands command-line operands into inputs, in order.
  ///
  /// No operand means standard input; `-` is standard input. A directory is walked
  /// recursively: entries are visited in byte order of their names, symbolic links are
  /// followed, a link back to a directory already on the current path (a loop) is
  /// reported and skipped, and FIFOs, sockets and devices inside directories are skipped
  /// (reading one could block). A problem with one operand or entry is a `.failure` in
  /// its place, and the expansion goes on.
  ///
  /// - Parameters:
  ///   - operands: the command-line operands.
  ///   - fileSystem: the file system to use.
  /// - Returns: one result per input file, in order; a failure carries a
  ///   ``WinnowError`` with code `cannotOpenInput`.
  public static func expand(
    _ operands: [String], fileSystem: any FileSystem = SystemFileSystem()
  ) -> [Result<InputSource, WinnowError>] {
    if operands.isEmpty { return [.success(.standardInput)] }
    var results: [Result<InputSource, WinnowError>] = []
    for operand in operands {
      if operand == "-" {
        results.append(.success(.standardInput))
        continue
      }
      let status: FileStatus
      do {
        status = try fileSystem.status(operand, followSymlinks: true)
      } catch {
        results.append(.failure(cannotOpen(operand, error)))
        continue
      }
      if status.kind == .directory {
        var walker = DirectoryWalker(root: operand, fileSystem: fileSystem)
        walker.walk(relative: "", status: status, ancestors: [], into: &results)
      } else {
        results.append(.success(.file(path: operand)))
      }
    }
    return results
  }

  static func cannotOpen(_ path: String, _ error: SystemCallError) -> WinnowError {
    WinnowError(
      .cannotOpenInput, "\(path): cannot open input: \(error.reason)", path: path,
      cause: error.description)
  }
}

/// A recursive, sorted, loop-safe directory walk.
struct DirectoryWalker {
  let root: String
  let fileSystem: any FileSystem

  init(root: String, fileSystem: any FileSystem) {
    self.root = root
    self.fileSystem = fileSystem
  }

  /// A device and inode pair: a directory's identity, for loop detection.
  struct Identity: Hashable {
    var device: UInt64
    var inode: UInt64
  }

  mutating func walk(
    relative: String, status: FileStatus, ancestors: Set<Identity>,
    into results: inout [Result<InputSource, WinnowError>]
  ) {
    let directory = relative.isEmpty ? root : PathName.join(root, relative)
    let identity = Identity(device: status.device, inode: status.inode)
    if ancestors.contains(identity) {
      results.append(
        .failure(
          WinnowError(
            .cannotOpenInput,
            "\(directory): file system loop (a link to a directory above it); skipped",
            path: directory)))
      return
    }
    var ancestors = ancestors
    ancestors.insert(identity)
    var names: [String]
    do {
      names = try fileSystem.directoryEntries(directory)
    } catch {
      results.append(.failure(InputSource.cannotOpen(directory, error)))
      return
    }
    names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    for name in names {
      let childRelative = relative.isEmpty ? name : relative + "/" + name
      let childPath = PathName.join(root, childRelative)
      let childStatus: FileStatus
      do {
        childStatus = try fileSystem.status(childPath, followSymlinks: true)
      } catch {
        results.append(.failure(InputSource.cannotOpen(childPath, error)))
        continue
      }
      switch childStatus.kind {
      case .directory:
        walk(relative: childRelative, status: childStatus, ancestors: ancestors, into: &results)
      case .regular:
        results.append(.success(.directoryMember(root: root, relativePath: childRelative)))
      case .symbolicLink, .other:
        continue
      }
    }
  }
}

/// Path-string helpers (`/`-separated, no file system access).
enum PathName {
  /// `a` + `/` + `b`, without doubling a trailing `/` of `a`.
  static func join(_ a: String, _ b: String) -> String {
    if a.isEmpty { return b }
    return a.utf8.last == UInt8(ascii: "/") ? a + b : a + "/" + b
  }

  /// The last component (`"a/b.txt"` → `"b.txt"`); trailing slashes are ignored.
  static func lastComponent(_ path: String) -> String {
    let trimmed = trimTrailingSlashes(path)
    guard let slash = trimmed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return trimmed }
    return String(trimmed[trimmed.utf8.index(after: slash)...])
  }

  /// The directory part (`"a/b.txt"` → `"a"`, `"b.txt"` → `"."`, `"/b"` → `"/"`).
  static func parent(_ path: String) -> String {
    let trimmed = trimTrailingSlashes(path)
    guard let slash = trimmed.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
    if slash == trimmed.utf8.startIndex { return "/" }
    return String(trimmed[..<slash])
  }

  static func trimTrailingSlashes(_ path: String) -> String {
    var s = Substring(path)
    while s.utf8.count > 1, s.utf8.last == UInt8(ascii: "/") { s = s.dropLast() }
    return String(s)
  }
}
