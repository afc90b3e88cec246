import Foundation
import Testing
import Winnow
import WinnowPluginExample

@Suite("Pipeline: document, stages, configuration")
struct PipelineTests {
  @Test("normalize stage composes the alignment: spans slice the original")
  func normalizeSpans() throws {
    var doc = Document(id: "1", text: "Hello ＷＯＲＬＤ 123")
    try NormalizeStage().process(&doc)
    #expect(doc.text == "Hello WORLD 123")
    let world = doc.span(6..<11)
    let original = Array(doc.original.utf8)
    #expect(String(decoding: original[world.originalRange], as: UTF8.self) == "ＷＯＲＬＤ")
    let digits = doc.span(12..<15)
    #expect(String(decoding: original[digits.originalRange], as: UTF8.self) == "123")
  }

  @Test("segment stage after normalize: sentence and token spans slice both texts")
  func segmentSpans() throws {
    let p = try Pipeline(configuration: .default)
    var doc = Document(text: "Ｈｅｌｌｏ　world. 北京欢迎你。\nSecond line here!")
    try p.process(&doc)
    #expect(doc.text == "Hello world. 北京欢迎你。\nSecond line here!")
    #expect(
      doc.sentences.map { doc.substring($0.range) } == [
        "Hello world.", "北京欢迎你。", "Second line here!",
      ])
    let original = Array(doc.original.utf8)
    #expect(
      String(decoding: original[doc.sentences[0].originalRange], as: UTF8.self) == "Ｈｅｌｌｏ　world.")
    #expect(doc.tokens.first.map { doc.substring($0.span.range) } == "Hello")
    // Each full-width letter is its own changed run, so the token maps to exactly its
    // original letters (not the ideographic space after them).
    #expect(
      doc.tokens.first.map { String(decoding: original[$0.span.originalRange], as: UTF8.self) }
        == "Ｈｅｌｌｏ")
    #expect(doc.tokens.contains { $0.kind == .ideographic })
    let json = doc.resultsJSON(ResultOptions(sentences: true, tokens: true))
    #expect(json["tokens"]?.arrayValue?.first?["kind"] == "word")
    #expect(json["sentences"]?.arrayValue?.count == 3)
  }

  @Test("annotations made before a text edit move with the text")
  func annotationsMove() throws {
    var doc = Document(text: "ａｂ 42 cd")
    try DigitsStage().process(&doc)
    #expect(doc.annotations.map(\.text) == ["42"])
    try NormalizeStage().process(&doc)
    #expect(doc.text == "ab 42 cd")
    let a = try #require(doc.annotations.first)
    #expect(doc.substring(a.span.range) == "42")
    #expect(a.span.originalRange == 7..<9)
  }

  @Test("remove() records drops with reasons and keeps offsets into the original")
  func removeLines() throws {
    var doc = Document(text: "keep one\nCookie banner\nkeep two\nAll rights reserved")
    doc.remove([9..<23], reason: "cookie-banner", stage: "test")
    doc.remove([18..<37], reason: "copyright", stage: "test")
    #expect(doc.text == "keep one\nkeep two\n")
    #expect(doc.dropped.map(\.reason) == ["cookie-banner", "copyright"])
    #expect(doc.dropped.map(\.text) == ["Cookie banner\n", "All rights reserved"])
    let original = Array(doc.original.utf8)
    for d in doc.dropped {
      #expect(String(decoding: original[d.span.originalRange], as: UTF8.self) == d.text)
    }
    // "keep two" in the new text maps back to its original place.
    let two = doc.span(9..<17)
    #expect(String(decoding: original[two.originalRange], as: UTF8.self) == "keep two")
  }

  @Test("a text edit with a wrong alignment is an error, not a crash")
  func badAlignment() {
    var doc = Document(text: "abc")
    #expect(throws: WinnowError.self) {
      try doc.replaceText("abcd", alignment: Alignment(identity: 3))
    }
  }

  @Test("Document round-trips through Codable (JSONEncoder/JSONDecoder)")
  func documentCodable() throws {
    var doc = Document(
      id: "7", text: "ＡＢ 12\nx", metadata: .init(source: "a.txt", fields: ["k": [1, "v"]]))
    try Pipeline(configuration: .default).process(&doc)
    try DigitsStage().process(&doc)
    doc.remove([0..<2], reason: "demo", stage: "test")
    let data = try JSONEncoder().encode(doc)
    let back = try JSONDecoder().decode(Document.self, from: data)
    #expect(back == doc)
  }

  @Test("resultsJSON carries annotations with both offsets and the stage's extra results")
  func documentJSON() throws {
    var doc = Document(id: "7", text: "x 12", metadata: .init(url: "https://Example.com:8080/a?b"))
    try DigitsStage().process(&doc)
    #expect(doc.metadata.host == "example.com")
    let results = doc.resultsJSON()
    #expect(results["annotations"]?.arrayValue?.first?["kind"] == "NUMBER")
    #expect(results["annotations"]?.arrayValue?.first?["start"]?.intValue == 2)
    #expect(results["dropped"] == .array([]))
  }

  // MARK: Configuration

  @Test("YAML and JSON pipeline files, bare names and objects")
  func configurationForms() throws {
    let yaml = """
      # a comment
      stages:
        - normalize
        - stage: normalize
          profile: search
        - {stage: digits, min_length: 2, kind: NUM}
      """
    let json =
      #"{"stages": ["normalize", {"stage": "normalize", "profile": "search"}, {"stage": "digits", "min_length": 2, "kind": "NUM"}]}"#
    for text in [yaml, json] {
      let c = try PipelineConfiguration(text: text, path: "p.yaml")
      #expect(c.stages.map(\.stage) == ["normalize", "normalize", "digits"])
      #expect(c.stages[1].values["profile"] == "search")
      #expect(c.stages[2].values["min_length"]?.intValue == 2)
    }
    let c = try PipelineConfiguration(text: yaml, path: "p.yaml")
    #expect(c.stages[1].location.line == 4)
    #expect(c.stages[1].keyLines["profile"] == 5)
  }

  @Test(
    "configuration errors name the file, line and key",
    arguments: [
      ("stages:\n  - normalize\n  - nosuch\n", "p.yaml:3: unknown stage 'nosuch'"),
      (
        "stages:\n  - stage: normalize\n    profil: search\n",
        "p.yaml:3: stage 'normalize', option 'profil': unknown option"
      ),
      (
        "stages:\n  - stage: normalize\n    profile: loud\n",
        "p.yaml:3: stage 'normalize', option 'profile': 'loud' is not one of"
      ),
      (
        "stages:\n  - stage: normalize\n    steps: [width, nope]\n",
        "p.yaml:3: stage 'normalize', option 'steps': unknown step 'nope'"
      ),
      (
        "stages:\n  - {stage: digits, min_length: zero}\n",
        "p.yaml:2: stage 'digits', option 'min_length': expected an integer"
      ),
      ("stages:\n  - profile: search\n", "p.yaml:2: a stage item needs a `stage: NAME` key"),
      ("stages: normalize\n", "p.yaml:1: `stages` must be a list"),
      ("steps: [normalize]\n", "p.yaml:1: unknown top-level key 'steps'"),
      ("stages:\n  - normalize\n\t- tab\n", "p.yaml:3:"),
      ("stages: [normalize\n", "p.yaml:2:"),
      ("{\"stages\": [\"normalize\",]\n", "p.yaml:"),
      (
        "stages:\n  - stage: normalize\n    profile: search\n    profile: default\n",
        "p.yaml:3: duplicate key 'profile' in a mapping"
      ),
      (
        "stages: [{stage: normalize, stage: segment}]\n",
        "p.yaml:1: duplicate key 'stage' in a mapping"
      ),
      ("stages: [normalize]\nstages: [segment]\n", "p.yaml:1: duplicate key 'stages' in a mapping"),
      (
        "stages:\n  - stage: normalize\n    extra:\n      a: 1\n      a: 2\n",
        "p.yaml:4: duplicate key 'a' in a mapping"
      ),
      // Keys that differ only by a YAML tag are one JSON key (fuzz finding
      // repeated-option-key-dc348b74, where the tag was `!!T`); Yams lets them through.
      (
        "stages: [{stage: a, x: 1, !!T x: 2}]\n",
        "p.yaml:1: duplicate key 'x' in a stage item (first at p.yaml:1)"
      ),
      (
        "stages:\n  - stage: normalize\n    extra: {a: 1, !!T a: 2}\n",
        "p.yaml:3: duplicate key 'a' (first at p.yaml:3)"
      ),
    ])
  func configurationErrors(_ text: String, _ expected: String) {
    registerPluginStages()
    do {
      let c = try PipelineConfiguration(text: text, path: "p.yaml")
      _ = try Pipeline(configuration: c)
      Issue.record("accepted \(text)")
    } catch {
      #expect(error.code == .usage)
      #expect(error.description.hasPrefix(expected), "\(error.description)")
      #expect(error.code.exitStatus == 64)
    }
  }

  @Test("a custom stage from another module is registered and used from a pipeline file")
  func customStage() throws {
    registerPluginStages()
    let c = try PipelineConfiguration(
      text: "stages: [normalize, {stage: digits, kind: NUM}]", path: "p.yaml")
    let p = try Pipeline(configuration: c)
    var doc = Document(text: "Call ０１０-85061466 now")
    try p.process(&doc)
    #expect(doc.text == "Call 010-85061466 now")
    #expect(doc.annotations.map(\.text) == ["010", "85061466"])
    #expect(doc.annotations.map(\.kind) == ["NUM", "NUM"])
    // Spans into the original slice the full-width digits.
    let original = Array(doc.original.utf8)
    #expect(
      String(decoding: original[doc.annotations[0].span.originalRange], as: UTF8.self) == "０１０")
  }

  @Test("a pipeline round-trips through its configuration")
  func roundTripConfiguration() throws {
    registerPluginStages()
    let p = try Pipeline(
      configuration: PipelineConfiguration(
        text: "stages: [{stage: normalize, profile: search}, {stage: digits, min_length: 3}]"))
    let json = JSONValue.object(p.options).serializedString()
    let again = try Pipeline(configuration: PipelineConfiguration(text: json))
    #expect(JSONValue.object(again.options).serializedString() == json)
    var a = Document(text: "ＴＥＳＴ 12 345"), b = a
    try p.process(&a)
    try again.process(&b)
    #expect(a == b)
  }

  @Test("corpus pass: learned state applies, saves and loads")
  func corpusPass() throws {
    let docs = [
      Document(text: "Menu\nStory one\nFooter"),
      Document(text: "Menu\nStory two\nFooter"),
      Document(text: "Story three\nFooter"),
    ]
    let p = Pipeline([RepeatedLinesStage(minDocuments: 2)])
    #expect(p.corpusStageIndices == [0])
    let (learned, states) = try p.learning(from: docs)
    var d = docs[0]
    try learned.process(&d)
    #expect(d.text == "Story one\n")
    #expect(d.dropped.map(\.reason) == ["repeated", "repeated"])
    let saved = learned.savedState(states)
    let reloaded = try p.applying(savedState: try JSONValue(parsing: saved.serializedString()))
    var e = docs[1]
    try reloaded.process(&e)
    #expect(e.text == "Story two\n")
  }

  @Test("the external stage runs a command speaking JSONL (Python)")
  func externalStage() throws {
    let script = """
      import sys, json
      for line in sys.stdin:
          d = json.loads(line)
          t = d["text"].upper()
          d["text"] = t
          i = t.encode().find(b"WORLD")  # offsets are UTF-8 bytes
          d["annotations"] = d.get("annotations", []) + ([{"kind": "PLACE", "start": i, "end": i + 5}] if i >= 0 else [])
          d.setdefault("results", {})["py"] = {"chars": len(t)}
          print(json.dumps(d, ensure_ascii=False), flush=True)
      """
    let c = try PipelineConfiguration(
      text:
        "stages: [{stage: external, command: [python3, -c, \(JSONValue.string(script).serializedString())], name: py}]"
    )
    let p = try Pipeline(configuration: c)
    for text in ["hello world", "中文 world", "no match"] {
      var doc = Document(id: "a", text: text)
      try p.process(&doc)
      #expect(doc.text == text.uppercased())
      #expect(doc.results["py"]?["chars"]?.intValue == text.count)
      if text.contains("world") {
        let a = try #require(doc.annotations.first)
        #expect(a.kind == "PLACE")
        #expect(a.source == "py")
        #expect(a.text == "WORLD")
      } else {
        #expect(doc.annotations.isEmpty)
      }
    }
  }

  @Test("an external command that fails or answers garbage gives a per-document error")
  func externalFailures() throws {
    let garbage = ExternalStage(arguments: [
      "/bin/sh", "-c", "while read l; do echo 'not json'; done",
    ])
    var d = Document(text: "x")
    #expect(throws: WinnowError.self) { try garbage.process(&d) }
    let dies = ExternalStage(command: "exit 3")
    #expect(throws: WinnowError.self) { try dies.process(&d) }
    #expect(throws: WinnowError.self) { try dies.process(&d) }  // and again: a fresh process
  }
}
