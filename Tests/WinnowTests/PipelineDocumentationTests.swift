// swift-format-ignore-file
// (The example between the markers is docs/PIPELINE.md's, line for line, kept at the
// doc's width.)
import Foundation
import Testing
import Winnow

@Suite("docs/PIPELINE.md examples")
struct PipelineDocumentationTests {
  @Test("the embedding example compiles, runs and prints what the doc says")
  func embeddingExample() throws {
    // BEGIN EXAMPLE
    struct Shout: Stage {  // a custom stage: flags lines written in capitals
      var name: String { "shout" }
      func process(_ doc: inout Document) throws(WinnowError) {
        for r in doc.lineRanges() where doc.substring(r) == doc.substring(r).uppercased() {
          doc.annotations.append(.init(kind: "SHOUT", span: doc.span(r), text: doc.substring(r), source: name))
        }
      }
    }
    StageRegistry.shared.register(StageDescriptor(name: "shout", summary: "Flags capitals.", options: []) { _ in Shout() })
    let pipeline = try Pipeline(configuration: PipelineConfiguration(text: "stages: [normalize, shout]"))
    var doc = Document(id: "1", text: "ＣＨＯＯＳＥ ＹＯＵＲ ＬＡＮＧＵＡＧＥ\nMilitary chiefs met.")
    try pipeline.process(&doc)
    print(doc.text, doc.annotations.map(\.text))  // "CHOOSE YOUR LANGUAGE\nMilitary chiefs met." ["CHOOSE YOUR LANGUAGE"]
    // END EXAMPLE
    #expect(doc.text == "CHOOSE YOUR LANGUAGE\nMilitary chiefs met.")
    #expect(doc.annotations.map(\.text) == ["CHOOSE YOUR LANGUAGE"])
    #expect(doc.annotations[0].span.range == 0..<20)
    #expect(doc.annotations[0].span.originalRange == 0..<56)
  }

  @Test("the example in docs/PIPELINE.md is the code this test runs")
  func exampleMatchesDoc() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let doc = try String(contentsOf: root.appendingPathComponent("docs/PIPELINE.md"), encoding: .utf8)
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let afterMarker = try #require(doc.range(of: "<!-- embedding-example")).upperBound
    let blockStart = try #require(doc.range(of: "```swift\n", range: afterMarker..<doc.endIndex)).upperBound
    let blockEnd = try #require(doc.range(of: "```", range: blockStart..<doc.endIndex)).lowerBound
    let docLines = doc[blockStart..<blockEnd].split(separator: "\n").filter { $0 != "import Winnow" }.map(String.init)
    let begin = try #require(source.range(of: "// BEGIN EXAMPLE\n")).upperBound
    let end = try #require(source.range(of: "    // END EXAMPLE")).lowerBound
    let testLines = source[begin..<end].split(separator: "\n").map { String($0.dropFirst(4)) }
    #expect(docLines == testLines)
    #expect(docLines.count <= 15)
  }
}
