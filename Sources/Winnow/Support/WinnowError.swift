/// The one error type of Winnow's public API.
///
/// Every error has a ``Code`` (which fixes the CLI's exit status), a sentence that names
/// the file, line or byte offset involved and, where there is one, the remedy; and the
/// underlying cause (an ``ICUError``, an errno, …) when there is one.
///
/// ```swift
/// WinnowError(.invalidData, "page.txt: invalid UTF-8 at byte 1 (0xFF)", path: "page.txt", byteOffset: 1)
/// ```
public struct WinnowError: Error, Sendable, CustomStringConvertible {
  /// What kind of failure this is. Each maps to a sysexits(3) exit status.
  public enum Code: String, Sendable, Hashable, Codable {
    /// Bad command-line usage or configuration (exit 64, EX_USAGE).
    case usage
    /// Input data is malformed, e.g. invalid UTF-8 in `--strict` mode (exit 65, EX_DATAERR).
    case invalidData
    /// An input cannot be opened or read (exit 66, EX_NOINPUT).
    case cannotOpenInput
    /// An output cannot be created (exit 73, EX_CANTCREAT).
    case cannotCreateOutput
    /// Reading or writing failed mid-way (exit 74, EX_IOERR).
    case io
    /// A library (ICU, OpenCC) or internal failure (exit 70, EX_SOFTWARE).
    case `internal`

    /// The sysexits(3) status for this code.
    public var exitStatus: Int32 {
      switch self {
      case .usage: 64
      case .invalidData: 65
      case .cannotOpenInput: 66
      case .cannotCreateOutput: 73
      case .io: 74
      case .internal: 70
      }
    }
  }

  /// The kind of failure.
  public var code: Code
  /// A sentence for humans naming the file, line or offset, and the remedy.
  public var message: String
  /// The file involved, if any.
  public var path: String?
  /// The 1-based line involved, if any.
  public var line: Int?
  /// The byte offset involved, if any (0-based, into the original input).
  public var byteOffset: Int?
  /// A description of the underlying cause, if any (e.g. ICU's error name, strerror).
  public var cause: String?

  /// Creates an error.
  public init(
    _ code: Code, _ message: String, path: String? = nil, line: Int? = nil,
    byteOffset: Int? = nil, cause: String? = nil
  ) {
    self.code = code
    self.message = message
    self.path = path
    self.line = line
    self.byteOffset = byteOffset
    self.cause = cause
  }

  /// Wraps an ICU failure.
  public init(_ error: ICUError, _ message: String) {
    self.init(.internal, message, cause: error.description)
  }

  public var description: String {
    if let cause { return "\(message) (\(cause))" }
    return message
  }
}
