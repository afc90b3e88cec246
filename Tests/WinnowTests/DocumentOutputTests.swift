import Foundation
import Testing
import Winnow
import WinnowTestSupport

/// `Pipeline.processText` and `Document.outputJSON` (Document+Output.swift): the one code
/// path behind `winnow run`'s text inputs and the C API, so embedders get the runner's bytes.
@Suite("Document output (processText, outputJSON)")
struct DocumentOutputTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var input: [UInt8]
    var expected: String
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "width fold", input: Array("ＡＢＣ".utf8),
      expected: #"{"text":"ABC","winnow":{"annotations":[],"dropped":[]}}"#),
    Case(
      name: "empty", input: [], expected: #"{"text":"","winnow":{"annotations":[],"dropped":[]}}"#),
    Case(
      name: "ill-formed byte", input: [0x6F, 0x6B, 0x20, 0xFF, 0x21],
      expected:
        #"{"text":"ok \#u{FFFD}!","winnow":{"annotations":[],"dropped":[],"decoding":{"replacements":1,"first_offset":3}}}"#
    ),
    Case(
      name: "BOM dropped", input: [0xEF, 0xBB, 0xBF, 0x61],
      expected: #"{"text":"a","winnow":{"annotations":[],"dropped":[]}}"#),
  ]

  @Test(arguments: cases)
  func processTextThenOutputJSON(_ c: Case) throws {
    let p = try Pipeline(configuration: PipelineConfiguration(text: "stages: [normalize]"))
    let (doc, error) = p.processText(c.input)
    #expect(error == nil)
    #expect(JSONValue.object(doc.outputJSON()).serializedString() == c.expected)
  }

  @Test func idSourceFieldsAndError() throws {
    let doc = Document(id: "a.txt", text: "x", metadata: Document.Metadata(source: "in/a.txt"))
    let error = WinnowError(.invalidData, "bad", byteOffset: 4, cause: "stage s").outputJSON(
      source: "in/a.txt", line: nil)
    let line = JSONValue.object(doc.outputJSON(textField: "body", idField: "key", error: error))
      .serializedString()
    #expect(
      line
        == #"{"key":"a.txt","source":"in/a.txt","body":"x","winnow":{"annotations":[],"dropped":[],"error":{"code":"invalidData","message":"bad","source":"in/a.txt","byte_offset":4,"cause":"stage s"}}}"#
    )
    let stdin = WinnowError(.usage, "m").outputJSON(source: "-", line: 7)
    #expect(
      JSONValue.object(["e": stdin]).serializedString()
        == #"{"e":{"code":"usage","message":"m","line":7}}"#)
  }

  @Test func strictDecodingFailureKeepsTheText() throws {
    let p = try Pipeline(configuration: PipelineConfiguration(text: "stages: [normalize]"))
    let (doc, error) = p.processText(
      [0x61, 0xFF], decoder: TextDecoder(strict: true, path: "x.txt"))
    #expect(error?.code == .invalidData)
    #expect(doc.text == "a\u{FFFD}" && doc.results.isEmpty)
  }

  /// The same bytes as `winnow run` writes for the sample page read as a text file.
  @Test func sampleMatchesTheRunner() throws {
    let scratch = TemporaryDirectory()
    defer { scratch.remove() }
    let dir = scratch.path
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var o = RunOptions()
    o.inputs = [samplePage]
    o.output = dir + "/out.jsonl"
    let p = try Pipeline(configuration: .default)
    _ = try PipelineRunner(pipeline: p, options: o).run()
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: samplePage)))
    let (doc, error) = p.processText(bytes, id: "cgtn-coalition-2025-03-20.txt", source: samplePage)
    #expect(error == nil)
    #expect(
      JSONValue.object(doc.outputJSON()).serializedString() + "\n" == (try read(dir + "/out.jsonl"))
    )
  }
}
