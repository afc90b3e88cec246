import Foundation
import Testing
import WinnowTestSupport

/// `winnow tokenize`, `sentences`, `clean` and `entities` end to end.
@Suite("winnow tokenize, sentences, clean, entities")
struct SegmentAndAnnotateCommandTests {
  static let samplePage: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent(
        "Corpora/pages/cgtn-coalition-2025-03-20.txt"
      ).path
  }()

  @Test("tokenize: one output line per input line; both engines agree; --count")
  func tokenize() {
    let input = Array(
      "Britain's Prime Minister Keir Starmer, U.S.\n互联网新闻信息许可证10120180008\n\nlast".utf8)
    let fast = Winnow.run(["tokenize"], stdin: input)
    let icu = Winnow.run(["tokenize", "--engine", "icu"], stdin: input)
    #expect(fast.status == 0 && icu.status == 0)
    #expect(fast.output == icu.output)
    #expect(fast.output.split(separator: "\n", omittingEmptySubsequences: false).count == 5)
    #expect(fast.output.hasPrefix("Britain's Prime Minister Keir Starmer U.S\n"))
    let count = Winnow.run(["tokenize", "--count"], stdin: input)
    let tokens = fast.output.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
    #expect(count.output == "\(tokens)\n")
  }

  @Test("tokenize --format tsv: offsets slice the input; jsonl has line numbers")
  func tokenizeFormats() throws {
    let text = "a 中文\nKeir Starmer"
    let tsv = Winnow.run(["tokenize", "--format", "tsv"], stdin: Array(text.utf8))
    let bytes = Array(text.utf8)
    for row in tsv.output.split(separator: "\n") {
      let f = row.split(separator: "\t", omittingEmptySubsequences: false)
      try #require(f.count == 4)
      let (s, e) = (Int(f[0]) ?? -1, Int(f[1]) ?? -1)
      #expect(String(decoding: bytes[s..<e], as: UTF8.self) == String(f[3]))
    }
    let jsonl = Winnow.run(["tokenize", "--format", "jsonl"], stdin: Array(text.utf8))
    #expect(
      jsonl.output.hasPrefix(
        "{\"line\":1,\"tokens\":[{\"start\":0,\"end\":1,\"kind\":\"word\",\"text\":\"a\"}"))
  }

  @Test("sentences: U.S. President stays in one sentence; Chinese full stops split")
  func sentences() {
    let r = Winnow.run(
      ["sentences"],
      stdin: Array(
        "It began after U.S. President Donald Trump surprised Europe. Then it ended.\n你好。再见！\n".utf8
      ))
    #expect(r.status == 0)
    #expect(
      r.output
        == "It began after U.S. President Donald Trump surprised Europe.\nThen it ended.\n你好。\n再见！\n"
    )
  }

  @Test(
    "clean: the sample page gives the caption without its credit and the article; --explain gives reasons"
  )
  func clean() {
    let r = Winnow.run(["clean", Self.samplePage])
    #expect(r.status == 0)
    let lines = r.output.split(separator: "\n")
    #expect(lines.count == 12)
    #expect(lines.first?.hasSuffix("March 20, 2025.") == true)
    #expect(lines.last?.hasSuffix("Ukraine's stance.") == true)
    let explain = Winnow.run(["clean", "--explain", Self.samplePage])
    for reason in ["cookie-banner", "language-picker", "license-registration", "hotline-contact"] {
      #expect(explain.output.contains("DROP \(reason)"), "\(reason)")
    }
  }

  @Test(
    "clean --url: the headline the slug names goes as title, the kept lines above it as above-title; one page only"
  )
  func cleanWithURL() throws {
    let dir = TemporaryDirectory()
    // Corpora/boilerplate/url-headline-page.txt: a menu, another story, the headline, the
    // article (three paragraphs).
    let corpora = URL(fileURLWithPath: Self.samplePage).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("boilerplate")
    let page = corpora.appendingPathComponent("url-headline-page.txt").path
    let text = try String(contentsOfFile: page, encoding: .utf8)
    let lines = text.split(separator: "\n").map(String.init)
    let (story, article) = (lines[2], lines[4...].joined(separator: "\n") + "\n")
    let url = try String(
      contentsOf: corpora.appendingPathComponent("url-headline-page.url"), encoding: .utf8
    ).trimmingCharacters(in: .whitespacesAndNewlines)
    let plain = Winnow.run(["clean", page])
    let r = Winnow.run(["clean", "--url", url, page])
    #expect(plain.status == 0 && r.status == 0, "\(r.stderr)")
    #expect(plain.output.contains(story))
    #expect(r.output == article, "\(r.output)")
    let explain = Winnow.run(["clean", "--explain", "--url", url, page])
    #expect(explain.output.contains("DROP above-title"), "\(explain.output)")
    #expect(explain.output.contains("DROP title"), "\(explain.output)")
    // The same through standard input.
    #expect(Winnow.run(["clean", "--url", url], stdin: readFile(page)).output == r.output)
    // One URL names one page.
    dir.write("other.txt", "Another page.\n")
    let two = Winnow.run(["clean", "--url", url, page, dir.path + "/other.txt"])
    #expect(two.status == 64 && two.stderr.contains("--url"), "\(two.stderr)")
    #expect(Winnow.run(["clean", "--url", url, dir.path]).status == 64)
    #expect(Winnow.run(["clean", "--url", url, "-", page]).status == 64)
  }

  @Test("clean prints what the default pipeline's run prints as text (CRLF ends too)")
  func cleanIsTheDefaultPipeline() throws {
    let dir = TemporaryDirectory()
    let health = URL(fileURLWithPath: Self.samplePage).deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("boilerplate/people-health-page.txt")
    let sample = try String(contentsOfFile: Self.samplePage, encoding: .utf8)
    dir.write("crlf.txt", Array(sample.replacingOccurrences(of: "\n", with: "\r\n").utf8))
    for page in [Self.samplePage, health.path, dir.path + "/crlf.txt"] {
      let clean = Winnow.run(["clean", page])
      let run = Winnow.run(["run", "--format", "text", "--quiet", page])
      #expect(clean.status == 0 && run.status == 0, "\(clean.stderr) \(run.stderr)")
      #expect(!clean.output.isEmpty && clean.output == run.output, "\(page)")
    }
    #expect(
      Winnow.run(["clean", dir.path + "/crlf.txt"]).output
        == Winnow.run(["clean", Self.samplePage]).output)
  }

  @Test(
    "clean over several pages: a line on many pages of the folder goes as site-repeated; --no-corpus-pass, one page or stdin keep it; --load-state from learn gives the same"
  )
  func cleanCorpusPass() throws {
    let dir = TemporaryDirectory()
    for i in 1...5 {
      dir.write(
        "site/p\(i).txt",
        Array(
          ("Story number \(i) tells how the river rose over the old stone bridge in the night, "
            + "and the town woke to water in every street.\n"
            + "All the pictures from the festival weekend\n").utf8))
    }
    let repeated = "DROP site-repeated        0.35  All the pictures from the festival weekend"
    let pages = (1...5).map { "site/p\($0).txt" }
    let all = Winnow.run(["clean", "--explain"] + pages, in: dir.path)
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.output.components(separatedBy: repeated).count == 6)  // on each of the 5
    // Each page's lines under a header, as head(1) prints several files.
    #expect(all.output.hasPrefix("==> site/p1.txt <==\nKEEP content "))
    #expect(all.output.contains("weekend\n\n==> site/p2.txt <==\nKEEP content "))
    #expect(all.output.components(separatedBy: "==> site/p").count == 6)
    // A directory is several pages too (its output a tree).
    let tree = Winnow.run(["clean", "-o", "out/", "site"], in: dir.path)
    #expect(tree.status == 0, "\(tree.stderr)")
    let cleaned = try String(contentsOfFile: dir.path + "/out/p1.txt", encoding: .utf8)
    #expect(cleaned.hasPrefix("Story number 1 ") && !cleaned.contains("festival"))
    // Each page on its own: the line stays.
    let alone = Winnow.run(["clean", "--explain", "--no-corpus-pass"] + pages, in: dir.path)
    #expect(!alone.output.contains("site-repeated"))
    #expect(alone.output.contains("KEEP context              0.35  All the pictures"))
    let one = Winnow.run(["clean", "--explain", "site/p1.txt"], in: dir.path).output
    #expect(!one.contains("site-repeated") && !one.contains("==>"))
    let piped = Winnow.run(
      ["clean", "--explain"],
      stdin: Array(
        (try? Data(contentsOf: URL(fileURLWithPath: dir.path + "/site/p1.txt"))) ?? Data()))
    #expect(piped.status == 0 && !piped.output.contains("site-repeated"))
    // The state `winnow learn` saves (the default pipeline's) serves one page later.
    let learn = Winnow.run(["learn", "-o", "state.json", "site"], in: dir.path)
    #expect(learn.status == 0, "\(learn.stderr)")
    let loaded = Winnow.run(
      ["clean", "--explain", "--load-state", "state.json", "site/p2.txt"], in: dir.path)
    #expect(loaded.status == 0, "\(loaded.stderr)")
    #expect(loaded.output.contains(repeated))
    #expect(!loaded.stderr.contains("note:"))
    // The same page by another path is another site: the state does not apply, and a note
    // (once, for both pages) says why.
    let other = Winnow.run(
      ["clean", "--explain", "--load-state", "state.json", "./site/p2.txt", "./site/p3.txt"],
      in: dir.path)
    #expect(other.status == 0 && !other.output.contains("site-repeated"))
    #expect(
      other.stderr
        == "winnow: note: state.json: the boilerplate state does not know the site './site' (its "
        + "sites: 'site'): a text file's site is its folder as given on the command line; give "
        + "the pages as they were given to the corpus pass\n")
    // `winnow run` says the same once; by the learned path, nothing.
    let run = Winnow.run(
      ["run", "--load-state", "state.json", "--format", "text", "./site/p2.txt", "./site/p3.txt"],
      in: dir.path)
    #expect(run.status == 0 && run.stderr.hasPrefix(other.stderr), "\(run.stderr)")
    #expect(run.stderr.components(separatedBy: "note:").count == 2)
    let runKnown = Winnow.run(
      ["run", "--load-state", "state.json", "--format", "text", "site"], in: dir.path)
    #expect(runKnown.status == 0 && !runKnown.stderr.contains("note:"), "\(runKnown.stderr)")
    #expect(!runKnown.output.contains("festival"))
    let missing = Winnow.run(["clean", "--load-state", "nope.json", "site/p2.txt"], in: dir.path)
    #expect(missing.status == 66 && missing.stderr.contains("nope.json"))
  }

  @Test("entities: the licence and the phone with normalized values, byte offsets into the input")
  func entities() {
    let r = Winnow.run(["entities", "--date", "2025-03-20", Self.samplePage])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.output.contains(
        #"{"kind":"LICENSE","text":"互联网新闻信息许可证10120180008","start":207,"end":248,"value":{"kind":"互联网新闻信息许可证","number":"10120180008"}}"#
      ))
    #expect(
      r.output.contains(
        #"{"kind":"PHONE","text":"010-85061466","start":280,"end":292,"value":"+861085061466"}"#))
    let bad = Winnow.run(["entities", "--date", "yesterday", Self.samplePage])
    #expect(bad.status == 64)
  }

  /// `clean` and `entities` load each input whole, so they take `winnow run`'s
  /// `--max-doc-bytes`: a file over it is skipped by its size, standard input once more
  /// than the limit is read; the message is `winnow run`'s, the other inputs are still
  /// processed, and the exit status is unchanged.
  @Test(
    "--max-doc-bytes on clean and entities: the big input skipped with run's message, the small one processed",
    arguments: ["clean", "entities"])
  func maxDocBytes(_ command: String) throws {
    let dir = TemporaryDirectory()
    let page = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.samplePage)))  // 2579 bytes
    let big = page + page
    dir.write("small.txt", page)
    dir.write("big.txt", big)
    let r = Winnow.run([command, "--max-doc-bytes", "4K", "big.txt", "small.txt"], in: dir.path)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr
        == "winnow: big.txt: skipped (too-large): \(big.count) bytes, over --max-doc-bytes 4096\n")
    let alone = Winnow.run([command, "small.txt"], in: dir.path)
    #expect(!alone.output.isEmpty)
    #expect(r.output == alone.output)

    let piped = Winnow.run([command, "--max-doc-bytes", "4K"], stdin: big)
    #expect(piped.status == 0)
    #expect(
      piped.stderr
        == "winnow: <stdin>: skipped (too-large): more than 4096 bytes, over --max-doc-bytes 4096\n"
    )
    #expect(piped.output.isEmpty)
    // Under the default (64 MiB) nothing is skipped.
    let whole = Winnow.run([command], stdin: big)
    #expect(whole.status == 0 && whole.stderr.isEmpty && !whole.output.isEmpty)
    #expect(Winnow.run([command, "--help"]).output.contains("--max-doc-bytes"))
  }
}
