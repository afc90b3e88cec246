internal import CICU

/// An error reported by ICU, carrying ICU's own error name.
///
/// Example: opening a converter for `"no-such-charset"` throws
/// `ICUError(code: 4, name: "U_FILE_ACCESS_ERROR", function: "ucnv_open")`.
public struct ICUError: Error, Sendable, Hashable, CustomStringConvertible {
  /// ICU's `UErrorCode` value (positive: failure).
  public let code: Int32
  /// ICU's symbolic name for `code`, e.g. `U_ILLEGAL_ARGUMENT_ERROR` (from `u_errorName`).
  public let name: String
  /// The ICU function that reported it.
  public let function: String

  /// Creates an error for a status code returned by `function`.
  public init(code: Int32, function: String) {
    self.code = code
    self.name = String(cString: cicu_error_name(code))
    self.function = function
  }

  public var description: String { "\(function) failed: \(name)" }
}

/// Throws `ICUError` when `status` is a failure; warnings (negative codes) pass.
@inline(__always)
func checkICU(_ status: Int32, _ function: String) throws(ICUError) {
  if status > 0 { throw ICUError(code: status, function: function) }
}
