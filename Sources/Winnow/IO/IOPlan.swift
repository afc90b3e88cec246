/// Where each input's output goes, decided and checked before anything is read or written.
///
/// - No output path: every input, in order, is written to standard output.
/// - An output path, and no directory among the inputs and no existing directory at the
///   output path (nor a trailing `/`): every input, in order, is written into that one file,
///   which is replaced atomically.
/// - Otherwise the output path is a directory: a directory input's files are written under it
///   with the same relative paths (its tree is mirrored), and a file input goes to
///   `OUTPUT/<its name>`.
///
/// The plan refuses (a `usage` error, exit 64) to write over an input: an output file (or
/// standard output redirected to a file) that is an input file (same device and inode, so
/// also through links), or an output directory that is, or is inside, an input directory.
///
/// ```swift
/// let plan = try IOPlan(operands: ["pages"], output: "clean")
/// // plan.mode == .directory("clean")
/// // plan.items[0] == .success(.init(input: .directoryMember(root: "pages", relativePath: "a.txt"),
/// //                                 outputPath: "clean/a.txt"))
/// ```
public struct IOPlan: Sendable {
  /// Where output goes.
  public enum Mode: Sendable, Hashable {
    /// All inputs, in order, to standard output.
    case standardOutput
    /// All inputs, in order, into this file (replaced atomically).
    case file(String)
    /// Each input into its own file under this directory.
    case directory(String)
  }

  /// One input and, in `.directory` mode, its output file.
  public struct Item: Sendable, Hashable {
    /// The input.
    public var input: InputSource
    /// The output file in `.directory` mode; `nil` in the other modes.
    public var outputPath: String?

    /// Creates an item.
    public init(input: InputSource, outputPath: String?) {
      self.input = input
      self.outputPath = outputPath
    }
  }

  /// Where output goes.
  public var mode: Mode
  /// The inputs in order; an input that cannot be opened is a failure in its place.
  public var items: [Result<Item, WinnowError>]

  /// Expands the operands and plans the output.
  ///
  /// - Parameters:
  ///   - operands: files, directories or `-` (standard input); none means standard input.
  ///   - output: the `-o` path, or `nil` for standard output.
  ///   - fileSystem: the file system to use.
  /// - Throws: `WinnowError` with code `usage` when a directory input has no output
  ///   directory, standard input would go to an output directory, two inputs would write
  ///   the same output file, or an output would overwrite an input; `cannotCreateOutput`
  ///   when the output directory path is an existing non-directory.
  public init(
    operands: [String], output: String?, fileSystem: any FileSystem = SystemFileSystem()
  ) throws(WinnowError) {
    let expanded = InputSource.expand(operands, fileSystem: fileSystem)
    var directoryOperands: [String] = []
    for operand in operands where operand != "-" {
      if let status = try? fileSystem.status(operand, followSymlinks: true),
        status.kind == .directory
      {
        directoryOperands.append(operand)
      }
    }
    guard let output else {
      if let directory = directoryOperands.first {
        throw WinnowError(
          .usage,
          "\(directory) is a directory: give -o DIR to write its files, mirrored, under DIR",
          path: directory)
      }
      // `winnow normalize page.txt >> page.txt` would read its own output forever.
      if let stdout = try? fileSystem.status(ofDescriptor: 1), stdout.kind == .regular,
        Self.identities(of: expanded, fileSystem: fileSystem).contains(Identity(stdout))
      {
        throw WinnowError(
          .usage, "standard output is also an input file; redirect it to another file")
      }
      mode = .standardOutput
      items = expanded.map { $0.map { Item(input: $0, outputPath: nil) } }
      return
    }
    let outputStatus = try? fileSystem.status(output, followSymlinks: true)
    let outputIsDirectory: Bool = outputStatus?.kind == FileStatus.Kind.directory
    let endsWithSlash: Bool = output.utf8.last == UInt8(ascii: "/")
    let isDirectoryMode: Bool = !directoryOperands.isEmpty || outputIsDirectory || endsWithSlash
    let inputIdentities = Self.identities(of: expanded, fileSystem: fileSystem)

    if !isDirectoryMode {
      if let outputStatus, inputIdentities.contains(Identity(outputStatus)) {
        throw WinnowError(
          .usage, "\(output): the output file is also an input; write to another file",
          path: output)
      }
      mode = .file(output)
      items = expanded.map { $0.map { Item(input: $0, outputPath: nil) } }
      return
    }

    if let outputStatus, outputStatus.kind != .directory {
      throw WinnowError(
        .cannotCreateOutput, "\(output): exists and is not a directory", path: output)
    }
    let resolvedOutput = Self.resolve(output, fileSystem: fileSystem)
    for directory in directoryOperands {
      guard let resolvedInput = try? fileSystem.realPath(directory) else { continue }
      let prefix = PathName.join(resolvedInput, "")
      if resolvedOutput == resolvedInput || resolvedOutput.hasPrefix(prefix) {
        throw WinnowError(
          .usage,
          "\(output): the output directory is inside the input directory \(directory); "
            + "choose a directory outside it",
          path: output)
      }
    }
    var planned: [Result<Item, WinnowError>] = []
    var claimed: [String: String] = [:]
    for result in expanded {
      switch result {
      case .failure(let error):
        planned.append(.failure(error))
      case .success(let input):
        let relative: String
        switch input {
        case .standardInput:
          throw WinnowError(
            .usage,
            "standard input cannot be written to the output directory \(output); "
              + "give -o FILE, or no -o")
        case .file(let path): relative = PathName.lastComponent(path)
        case .directoryMember(_, let relativePath): relative = relativePath
        }
        let target = PathName.join(output, relative)
        if let other = claimed[target] {
          throw WinnowError(
            .usage, "\(other) and \(input.displayName) would both be written to \(target)",
            path: target)
        }
        claimed[target] = input.displayName
        if let status = try? fileSystem.status(target, followSymlinks: true),
          inputIdentities.contains(Identity(status))
        {
          throw WinnowError(
            .usage, "\(target): the output file is also an input; choose another -o directory",
            path: target)
        }
        planned.append(.success(Item(input: input, outputPath: target)))
      }
    }
    mode = .directory(output)
    items = planned
  }

  struct Identity: Hashable {
    var device: UInt64
    var inode: UInt64
    init(_ status: FileStatus) {
      device = status.device
      inode = status.inode
    }
  }

  /// The identities of every input that exists, standard input included (it may be
  /// redirected from the output file).
  static func identities(
    of inputs: [Result<InputSource, WinnowError>], fileSystem: any FileSystem
  ) -> Set<Identity> {
    var set = Set<Identity>()
    for case .success(let input) in inputs {
      let status: FileStatus?
      if let path = input.path {
        status = try? fileSystem.status(path, followSymlinks: true)
      } else {
        status = try? fileSystem.status(ofDescriptor: 0)
      }
      // Only regular files can be overwritten by an output; a terminal or pipe cannot.
      if let status, status.kind == .regular { set.insert(Identity(status)) }
    }
    return set
  }

  /// The real path of `path`, which may not exist yet: its longest existing prefix is
  /// resolved and the rest appended.
  static func resolve(_ path: String, fileSystem: any FileSystem) -> String {
    var head = PathName.trimTrailingSlashes(path)
    var tail: [String] = []
    while true {
      if let real = try? fileSystem.realPath(head) {
        var result = real
        for component in tail.reversed() { result = PathName.join(result, component) }
        return result
      }
      let parent = PathName.parent(head)
      if parent == head { return path }
      tail.append(PathName.lastComponent(head))
      head = parent
    }
  }
}
