// The C API (include/winnow.h): `@_cdecl` functions over Winnow's public API, built as the
// dynamic library product `WinnowC` (libWinnowC.so). Every function here matches a
// declaration in winnow.h; keep the two in step (scripts/test-capi.sh compiles a C program
// against the header and runs it).
//
// Handles are retained Swift objects passed as opaque pointers. A pipeline box holds an
// immutable `Pipeline` (a Sendable value whose stages keep no mutable state), so
// `winnow_process` may run on one pipeline from many threads. The last error is kept per
// thread in a pthread key.

import Winnow
import WinnowBoilerplate
import WinnowEntities

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Winnow's version, as `winnow_version` returns it.
let versionString: StaticString = "0.1.0"

/// The pipeline `winnow run` uses without `--pipeline`.
let defaultConfiguration = PipelineConfiguration.standard

/// Registers the plugin stages once, as the `winnow` command does at start-up.
let pluginsRegistered: Bool = {
  StageRegistry.shared.register(BoilerplateStage.descriptor)
  StageRegistry.shared.register(EntitiesStage.descriptor)
  return true
}()

/// What a `winnow_pipeline *` points to.
final class PipelineBox: Sendable {
  let pipeline: Pipeline
  init(_ pipeline: Pipeline) { self.pipeline = pipeline }
}

/// What a `winnow_result *` points to: two malloc'd, NUL-terminated UTF-8 buffers.
final class ResultBox {
  let text: UnsafeMutablePointer<CChar>
  let textCount: Int
  let json: UnsafeMutablePointer<CChar>
  let jsonCount: Int

  init?(text: String, json: [UInt8]) {
    var text = text
    guard let t = text.withUTF8({ mallocCString($0) }) else { return nil }
    guard let j = json.withUnsafeBufferPointer({ mallocCString($0) }) else {
      free(t.pointer)
      return nil
    }
    (self.text, textCount) = t
    (self.json, jsonCount) = j
  }

  deinit {
    free(text)
    free(json)
  }
}

/// A malloc'd NUL-terminated copy of `bytes` and its length (nil when out of memory).
func mallocCString(_ bytes: UnsafeBufferPointer<UInt8>) -> (
  pointer: UnsafeMutablePointer<CChar>, count: Int
)? {
  guard let raw = malloc(bytes.count + 1) else { return nil }
  let p = raw.bindMemory(to: CChar.self, capacity: bytes.count + 1)
  if let base = bytes.baseAddress, bytes.count > 0 { memcpy(p, base, bytes.count) }
  p[bytes.count] = 0
  return (p, bytes.count)
}

/// A malloc'd NUL-terminated copy of `s` (nil when out of memory).
func mallocCString(_ s: String) -> UnsafeMutablePointer<CChar>? {
  var s = s
  return s.withUTF8 { mallocCString($0)?.pointer }
}

// MARK: Per-thread last error

/// Creates a pthread key whose values are malloc'd strings, freed when the thread ends.
func makeStringKey() -> pthread_key_t {
  var key = pthread_key_t()
  let status = pthread_key_create(&key) { value in free(value) }
  precondition(status == 0, "winnow: pthread_key_create failed (\(status))")
  return key
}

/// The last error's message, per thread.
let lastErrorKey = makeStringKey()
/// The last error's code, per thread.
let lastErrorCodeKey = makeStringKey()

/// Replaces the value of a per-thread string key.
func setThreadString(_ key: pthread_key_t, _ value: String?) {
  let old = pthread_getspecific(key)
  if old == nil && value == nil { return }
  free(old)
  pthread_setspecific(key, value.flatMap(mallocCString))
}

/// Records `error` as this thread's last error.
func setLastError(_ error: WinnowError) {
  setThreadString(lastErrorKey, error.description)
  setThreadString(lastErrorCodeKey, error.code.rawValue)
}

/// Clears this thread's last error (at the start of each call that can fail).
func clearLastError() {
  setThreadString(lastErrorKey, nil)
  setThreadString(lastErrorCodeKey, nil)
}

// MARK: The C functions

/// `const char *winnow_version(void)`.
@_cdecl("winnow_version")
public func winnowVersion() -> UnsafePointer<CChar> {
  UnsafeRawPointer(versionString.utf8Start).assumingMemoryBound(to: CChar.self)
}

/// `winnow_pipeline *winnow_pipeline_new(const char *config, size_t len, char **error)`.
@_cdecl("winnow_pipeline_new")
public func winnowPipelineNew(
  _ config: UnsafePointer<CChar>?, _ len: Int,
  _ errorOut: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  clearLastError()
  errorOut?.pointee = nil
  _ = pluginsRegistered
  do throws(WinnowError) {
    let configuration: PipelineConfiguration
    if let config, len > 0 {
      let bytes = UnsafeRawBufferPointer(start: config, count: len)
      guard let text = String(validating: bytes, as: UTF8.self) else {
        throw WinnowError(.usage, "the pipeline configuration is not valid UTF-8")
      }
      configuration = try PipelineConfiguration(text: text)
    } else {
      configuration = defaultConfiguration
    }
    let pipeline = try Pipeline(configuration: configuration)
    return Unmanaged.passRetained(PipelineBox(pipeline)).toOpaque()
  } catch {
    setLastError(error)
    errorOut?.pointee = mallocCString(error.description)
    return nil
  }
}

/// `void winnow_pipeline_free(winnow_pipeline *pipeline)`.
@_cdecl("winnow_pipeline_free")
public func winnowPipelineFree(_ pipeline: UnsafeMutableRawPointer?) {
  guard let pipeline else { return }
  Unmanaged<PipelineBox>.fromOpaque(pipeline).release()
}

/// `winnow_result *winnow_process(const winnow_pipeline *, const char *utf8, size_t len, uint32_t flags)`.
@_cdecl("winnow_process")
public func winnowProcess(
  _ pipeline: UnsafeRawPointer?, _ utf8: UnsafePointer<CChar>?, _ len: Int, _ flags: UInt32
) -> UnsafeMutableRawPointer? {
  process("winnow_process", pipeline, utf8, len, url: nil, flags)
}

/// `winnow_result *winnow_process_url(const winnow_pipeline *, const char *utf8, size_t len,
/// const char *url, uint32_t flags)`.
@_cdecl("winnow_process_url")
public func winnowProcessURL(
  _ pipeline: UnsafeRawPointer?, _ utf8: UnsafePointer<CChar>?, _ len: Int,
  _ url: UnsafePointer<CChar>?, _ flags: UInt32
) -> UnsafeMutableRawPointer? {
  // NUL-terminated UTF-8; ill-formed bytes become U+FFFD.
  let u = url.map {
    String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self)
  }
  return process("winnow_process_url", pipeline, utf8, len, url: u, flags)
}

/// `winnow_process` and `winnow_process_url`: `name` for the error messages.
private func process(
  _ name: String, _ pipeline: UnsafeRawPointer?, _ utf8: UnsafePointer<CChar>?, _ len: Int,
  url: String?, _ flags: UInt32
) -> UnsafeMutableRawPointer? {
  clearLastError()
  guard let pipeline else {
    setLastError(WinnowError(.usage, "\(name): the pipeline is NULL"))
    return nil
  }
  guard len >= 0 else {
    setLastError(
      WinnowError(.usage, "\(name): the length \(UInt(bitPattern: len)) is too large"))
    return nil
  }
  guard utf8 != nil || len == 0 else {
    setLastError(WinnowError(.usage, "\(name): the text is NULL but its length is \(len)"))
    return nil
  }
  let box = Unmanaged<PipelineBox>.fromOpaque(pipeline).takeUnretainedValue()
  let bytes: [UInt8] =
    if let utf8, len > 0 { Array(UnsafeRawBufferPointer(start: utf8, count: len)) } else { [] }
  let (document, error) = box.pipeline.processText(bytes, url: url)
  if let error {
    setLastError(error)
    return nil
  }
  // WINNOW_SENTENCES, WINNOW_TOKENS, WINNOW_ORIGINAL.
  let results = ResultOptions(
    sentences: flags & 1 != 0, tokens: flags & 2 != 0, original: flags & 4 != 0)
  var json: [UInt8] = []
  json.reserveCapacity(bytes.count * 2 + 64)
  document.outputJSON(results: results).serialize(into: &json)
  guard let result = ResultBox(text: document.text, json: json) else {
    setLastError(WinnowError(.internal, "\(name): out of memory"))
    return nil
  }
  return Unmanaged.passRetained(result).toOpaque()
}

/// `const char *winnow_result_text(const winnow_result *, size_t *len)`.
@_cdecl("winnow_result_text")
public func winnowResultText(_ result: UnsafeRawPointer, _ len: UnsafeMutablePointer<Int>?)
  -> UnsafePointer<CChar>
{
  let box = Unmanaged<ResultBox>.fromOpaque(result).takeUnretainedValue()
  len?.pointee = box.textCount
  return UnsafePointer(box.text)
}

/// `const char *winnow_result_json(const winnow_result *, size_t *len)`.
@_cdecl("winnow_result_json")
public func winnowResultJson(_ result: UnsafeRawPointer, _ len: UnsafeMutablePointer<Int>?)
  -> UnsafePointer<CChar>
{
  let box = Unmanaged<ResultBox>.fromOpaque(result).takeUnretainedValue()
  len?.pointee = box.jsonCount
  return UnsafePointer(box.json)
}

/// `void winnow_result_free(winnow_result *)`.
@_cdecl("winnow_result_free")
public func winnowResultFree(_ result: UnsafeMutableRawPointer?) {
  guard let result else { return }
  Unmanaged<ResultBox>.fromOpaque(result).release()
}

/// `const char *winnow_last_error(void)`.
@_cdecl("winnow_last_error")
public func winnowLastError() -> UnsafePointer<CChar>? {
  pthread_getspecific(lastErrorKey).map { UnsafePointer($0.assumingMemoryBound(to: CChar.self)) }
}

/// `const char *winnow_last_error_code(void)`.
@_cdecl("winnow_last_error_code")
public func winnowLastErrorCode() -> UnsafePointer<CChar>? {
  pthread_getspecific(lastErrorCodeKey).map {
    UnsafePointer($0.assumingMemoryBound(to: CChar.self))
  }
}

/// `void winnow_string_free(char *)`.
@_cdecl("winnow_string_free")
public func winnowStringFree(_ string: UnsafeMutablePointer<CChar>?) {
  free(string)
}
