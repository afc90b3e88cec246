internal import CICU

// The buffer conventions of CICU.h, in one place.
//
// Every buffer-filling CICU call returns the full length it needs; when that exceeds the
// capacity it sets `*status = CICU_BUFFER_OVERFLOW`, and the caller retries once with
// exactly the length asked for. Warnings (negative status) pass; failures throw ICUError
// with ICU's own error name (`u_errorName`).

/// The ICU status for "input too long for ICU's `int32_t` lengths".
let icuIllegalArgument = Int32(CICU_ILLEGAL_ARGUMENT)

/// Converts a buffer length to ICU's `int32_t`, or throws `U_ILLEGAL_ARGUMENT_ERROR`.
@inline(__always)
func icuLength(_ count: Int, _ function: String) throws(ICUError) -> Int32 {
  guard let n = Int32(exactly: count) else {
    throw ICUError(code: icuIllegalArgument, function: function)
  }
  return n
}

/// Runs a CICU call that fills one buffer, with the overflow convention: one call with
/// `capacity` elements and, if ICU reports `U_BUFFER_OVERFLOW_ERROR`, one retry with the
/// length ICU asked for.
///
/// - Parameters:
///   - function: the ICU function behind the call, for the error.
///   - capacity: the first capacity guess (in elements).
///   - call: the C call; it receives the destination, its capacity and the status.
/// - Returns: the filled elements.
/// - Throws: `ICUError` for any failure other than a first overflow.
func icuFill<Element: BitwiseCopyable>(
  _ function: String, capacity: Int,
  _ call: (UnsafeMutablePointer<Element>?, Int32, inout Int32) -> Int32
) throws(ICUError) -> [Element] {
  var capacity = min(max(capacity, 1), Int(Int32.max))
  var attempt = 0
  while true {
    var status: Int32 = 0
    var required: Int32 = 0
    let cap = capacity
    let result = [Element](unsafeUninitializedCapacity: cap) { buffer, count in
      required = call(buffer.baseAddress, Int32(cap), &status)
      count = status <= 0 && required >= 0 && Int(required) <= cap ? Int(required) : 0
    }
    if status == CICU_BUFFER_OVERFLOW && attempt == 0 && Int(required) > cap {
      capacity = Int(required)
      attempt += 1
      continue
    }
    try checkICU(status, function)
    return result
  }
}

/// The signature of CICU's "UTF-8 in, UTF-8 out, with edits" calls
/// (`cicu_normalize_utf8`, `cicu_fold_case_utf8`): destination, capacity, edit triples,
/// triple capacity, triple count, status; returns the full output length.
typealias ICUEditingCall = (
  _ dst: UnsafeMutablePointer<UInt8>?, _ dstCapacity: Int32,
  _ edits: UnsafeMutablePointer<Int32>?, _ editsCapacity: Int32,
  _ editsCount: UnsafeMutablePointer<Int32>?, _ status: inout Int32
) -> Int32

/// Runs a UTF-8 editing call with the overflow convention (both the text and the edit
/// triples may overflow; one retry sizes both exactly) and turns ICU's fine-grained
/// `icu::Edits` triples (oldLength, newLength, changed) into an ``Alignment``.
///
/// - Parameters:
///   - function: the ICU function behind the call, for the error.
///   - sourceCount: the input length in bytes (sizes the first attempt).
///   - tracking: whether to ask ICU for edits; without, the alignment is empty.
/// - Returns: the output bytes and, when `tracking`, their alignment to the input.
/// - Throws: `ICUError` for any failure other than a first overflow.
func icuEditingFill(
  _ function: String, sourceCount: Int, tracking: Bool, _ call: ICUEditingCall
) throws(ICUError) -> (bytes: [UInt8], alignment: Alignment) {
  var dstCapacity = min(sourceCount + sourceCount / 4 + 16, Int(Int32.max))
  var tripleCapacity = tracking ? 16 : 0
  var attempt = 0
  while true {
    var status: Int32 = 0
    var required: Int32 = 0
    var tripleCount: Int32 = 0
    var triples = [Int32](repeating: 0, count: 3 * tripleCapacity)
    let cap = dstCapacity
    let tcap = tripleCapacity
    let bytes = [UInt8](unsafeUninitializedCapacity: cap) { buffer, count in
      if tracking {
        required = triples.withUnsafeMutableBufferPointer { t in
          call(buffer.baseAddress, Int32(cap), t.baseAddress, Int32(tcap), &tripleCount, &status)
        }
      } else {
        required = call(buffer.baseAddress, Int32(cap), nil, 0, nil, &status)
      }
      count = status <= 0 && required >= 0 && Int(required) <= cap ? Int(required) : 0
    }
    if status == CICU_BUFFER_OVERFLOW && attempt == 0 {
      dstCapacity = max(dstCapacity, Int(required))
      tripleCapacity = max(tripleCapacity, Int(tripleCount))
      attempt += 1
      continue
    }
    try checkICU(status, function)
    var alignment = Alignment()
    if tracking {
      let n = min(Int(tripleCount), tcap)
      for k in 0..<n {
        let old = Int(triples[3 * k]), new = Int(triples[3 * k + 1])
        if triples[3 * k + 2] != 0 {
          alignment.appendChange(input: old, output: new)
        } else {
          alignment.appendUnchanged(old)
        }
      }
    }
    return (bytes, alignment)
  }
}
