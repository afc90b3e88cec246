import Winnow
import WinnowBoilerplate

/// The boilerplate stage on arbitrary pages, against the classifier's public line API.
///
/// Input layout: byte 0 is flags (bit 0: drop captions, bit 1: drop page-repeated lines,
/// bit 2: the line model, bit 3: duplicate lines, bit 4: short good lengths (more lines
/// good, more rules reached), bit 5: a corpus pass over the pages first, bit 6: `\r\n`
/// line ends, bit 7: the first page is a corpus state file, JSON, loaded instead of the
/// corpus pass); the rest is up to 8 pages separated by `0x00` bytes, decoded as UTF-8 with
/// replacement, all of one site.
///
/// Each page is checked as given and wrapped at 40–80 columns as a text dump wraps it
/// (`TextDump.wrap(_:width:blankLines:)`, every other page with blank lines between its
/// lines: the stage's `unwrap_lines` then joins its lines into paragraphs).
///
/// Properties, per page: ``BoilerplateStage/process(_:)`` does not throw; the document's
/// alignment maps its text back onto the page (``alignmentProblem(_:input:output:)``); the
/// kept text and the drop records' texts add up to the page's bytes; every drop record lies
/// inside the page, has a drop reason of the stage and text, and the per-reason line counts
/// of the stage's results add up to the dropped lines; the stage keeps exactly the lines
/// (a caption up to its credit) that ``BoilerplateClassifier/clean(_:host:url:)`` keeps
/// (the lines compared without their trailing `\r`). Each page's document has a URL whose
/// path is one of the page's own lines (``url(for:)``), so the headline rule (`title`,
/// `above-title`) runs on pages where that line reads as a slug.
/// With the corpus pass, the learned state's JSON loads back to the same JSON; a state file
/// that loads applies, and the pages then hold all of the above. Without either, page 0's
/// lines as a site's learned lines make a line of the other pages `site-repeated` exactly
/// when `Set<String>` contains it (``checkSiteLines(_:options:)``).
public final class BoilerplateFuzzCheck: FuzzCheck {
  public static let target = "FuzzBoilerplate"

  public init() throws(WinnowError) {}

  public func check(_ input: [UInt8]) -> String? {
    guard let flags = input.first else { return nil }
    var options = BoilerplateOptions()
    if flags & 1 != 0 { options.keepCaptions = false }
    if flags & 2 != 0 { options.dropPageRepeated = true }
    if flags & 4 != 0 { options.lineModel = true }
    if flags & 8 != 0 { options.duplicateLineLength = 60 }
    if flags & 16 != 0 {
      options.goodLength = 12
      options.nearGoodLength = 6
      options.goodHanCount = 4
      options.headlineRunLength = 3
    }
    let crlf = flags & 64 != 0
    var pages = input.dropFirst().split(separator: 0, omittingEmptySubsequences: false).prefix(8)
      .map { bytes -> String in
        let page = String(decoding: bytes, as: UTF8.self)
        guard crlf else { return page }
        var out = ""
        for line in page.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
          if !out.isEmpty { out += "\r\n" }
          out += String(decoding: line, as: UTF8.self)
        }
        return out
      }
    var stage = BoilerplateStage(options: options, minSitePages: 2, minSiteShare: 0.1)
    var metadata = Document.Metadata(host: "fuzz.example")
    if flags & 128 != 0, !pages.isEmpty {
      // A user's state file: any JSON; loading it may fail, but not trap. The pages are
      // then of its first site.
      let file = pages.removeFirst()
      guard let json = try? JSONValue(parsing: Array(file.utf8)),
        let state = try? SiteRepetition(json: json)
      else { return nil }
      if let host = state.sites.keys.min() { metadata = Document.Metadata(host: host) }
      do {
        guard let applied = try stage.applying(state: json) as? BoilerplateStage else {
          return "applying a state gave another kind of stage"
        }
        stage = applied
      } catch {
        return "a state that loads does not apply: \(error)"
      }
    } else if flags & 32 != 0, var learner = stage.makeCorpusLearner() {
      for page in pages {
        do {
          try learner.observe(Document(text: page, metadata: metadata))
        } catch {
          return "the corpus pass threw on a page: \(error)"
        }
      }
      let state = learner.finish()
      do {
        let loaded = try SiteRepetition(json: state)
        guard loaded.jsonValue == state else {
          return "the learned state does not load back to the same JSON"
        }
        guard let applied = try stage.applying(state: state) as? BoilerplateStage else {
          return "applying the state gave another kind of stage"
        }
        stage = applied
      } catch {
        return "the learned state does not load: \(error)"
      }
    }
    for (k, page) in pages.enumerated() {
      if let p = checkPage(page, stage: stage, metadata: metadata) {
        return "page \(k): \(p)\npage: \(hex(Array(page.utf8)))"
      }
      // The page as a text dump wraps it (so that `unwrap_lines` joins its lines into
      // paragraphs and spreads their decisions back), every other page with a blank line
      // between its lines as `w3m -dump` puts them (`skip_blank_lines`, and blank lines that
      // end paragraphs): the same properties.
      let width = 40 + page.utf8.count % 41
      let blank = page.utf8.count % 2 == 1
      let wrapped = TextDump.wrap(page, width: width, blankLines: blank)
      if wrapped != page, let p = checkPage(wrapped, stage: stage, metadata: metadata) {
        return
          "page \(k) wrapped at \(width)\(blank ? " with blank lines" : ""): \(p)\npage: \(hex(Array(wrapped.utf8)))"
      }
    }
    if flags & (32 | 128) == 0, pages.count >= 2,
      let p = checkSiteLines(pages, options: options)
    {
      return p
    }
    return nil
  }

  /// The site-line lookup against `Set<String>.contains` (canonical equivalence): with page
  /// 0's lines as a site's learned lines, a line of another page is `site-repeated` exactly
  /// when the set contains it — checked for the lines whose edges no trimming touches (an
  /// ASCII graphic or a CJK ideograph first and last), without a credit, that no pattern
  /// or other fixed reason decides on its own (their reason as a page of one line tells).
  private func checkSiteLines(_ pages: [String], options: BoilerplateOptions) -> String? {
    let learned = Set(Self.lines(of: pages[0]))
    let host = "fuzz.example"
    let plain = BoilerplateClassifier(options: options)
    let withState = BoilerplateClassifier(
      options: options,
      siteRepetition: SiteRepetition(sites: [host: .init(pages: 3, lines: learned)]))
    for page in pages.dropFirst() {
      let before = plain.clean(page, host: host)
      let after = withState.clean(page, host: host)
      guard before.lines == after.lines else { return "the state changed the page's lines" }
      for k in before.lines.indices {
        let line = before.lines[k]
        guard before.decisions[k].credit == nil, let first = line.unicodeScalars.first,
          let last = line.unicodeScalars.last, Self.untrimmed(first), Self.untrimmed(last),
          // Decided on its own (a pattern, no text) whatever the state holds: its reason as a
          // page of one line tells (on the page, a kept gap may have brought it back).
          let alone = plain.classify(lines: [line]).first,
          !Self.fixedReasons.contains(alone.reason)
        else { continue }
        let expected = learned.contains(String(line))
        let got = after.decisions[k].reason == .siteRepeated
        guard got == expected else {
          return
            "line \(k) is \(got ? "" : "not ")site-repeated, the set says \(expected): \(hex(Array(line.utf8)))\nlearned: \(learned.map { hex(Array($0.utf8)) })"
        }
      }
    }
    return nil
  }

  /// Reasons a line alone gets from its own text (a pattern, no text), whatever the state
  /// holds.
  static let fixedReasons: Set<BoilerplateReason> = [
    .empty, .lowTextDensity, .cookieBanner, .languagePicker, .navigation, .widget, .copyright,
    .disclaimer, .licenseRegistration, .hotlineContact, .byline, .photoCredit, .relatedLinks,
    .references, .dateOnly, .commentSection, .breadcrumb,
  ]

  /// A scalar no line trimming removes: an ASCII graphic or a CJK unified ideograph.
  static func untrimmed(_ c: Unicode.Scalar) -> Bool {
    (0x21...0x7E).contains(c.value) || (0x4E00...0x9FFF).contains(c.value)
  }

  /// A URL for `page`: `https://fuzz.example/` and one of its lines (the one its byte count
  /// picks, as it is: `URLTitle` parses any bytes), so the line may be the page's headline.
  static func url(for page: String) -> String {
    let lines = page.utf8.split(separator: 0x0A, omittingEmptySubsequences: false)
    let line = lines.isEmpty ? page.utf8[...] : lines[page.utf8.count % lines.count]
    return "https://fuzz.example/" + String(decoding: line, as: UTF8.self)
  }

  private func checkPage(_ page: String, stage: BoilerplateStage, metadata: Document.Metadata)
    -> String?
  {
    var metadata = metadata
    metadata.url = Self.url(for: page)
    var doc = Document(text: page, metadata: metadata)
    do {
      try stage.process(&doc)
    } catch {
      return "process threw: \(error)"
    }
    let input = Array(page.utf8)
    let output = Array(doc.text.utf8)
    if let p = alignmentProblem(doc.alignment, input: input, output: output) {
      return "alignment: \(p)"
    }
    var droppedBytes = 0
    for d in doc.dropped {
      droppedBytes += d.text.utf8.count
      guard !d.text.isEmpty, d.stage == stage.name,
        !Self.keeps(BoilerplateReason(rawValue: d.reason))
      else { return "drop record \(d.span) (\(d.reason), \(d.stage)) is not a drop of the stage" }
      guard d.span.originalStart >= 0, d.span.originalEnd <= input.count,
        d.span.originalRange.count >= d.text.utf8.count
      else {
        return
          "drop record \(d.reason) spans original \(d.span.originalStart)..<\(d.span.originalEnd) for \(d.text.utf8.count) bytes of a \(input.count)-byte page"
      }
    }
    guard output.count + droppedBytes == input.count else {
      return
        "kept \(output.count) + dropped \(droppedBytes) bytes, the page has \(input.count)"
    }
    // The classifier's public API on the same page.
    let result = stage.classifier.clean(page, host: metadata.host, url: metadata.url)
    var expected: [String] = []
    for (line, d) in zip(result.lines, result.decisions) {
      guard d.keep == Self.keeps(d.reason) else {
        return "clean() \(d.keep ? "keeps" : "drops") a line as \(d.reason)"
      }
      if d.keep {
        let bytes = d.credit.map { line.utf8.prefix($0.cutOffset) } ?? line.utf8[...]
        expected.append(Self.withoutTrailingCR(String(decoding: bytes, as: UTF8.self)))
      }
    }
    let kept = Self.lines(of: doc.text)
    guard kept == expected else {
      return
        "the stage keeps \(kept.count) lines, clean() \(expected.count): \(kept) vs \(expected)"
    }
    let droppedLines = result.decisions.filter { !$0.keep }.count
    var counted = 0
    if case .object(let r)? = doc.results[stage.name], case .object(let counts)? = r["dropped"] {
      for m in counts.members {
        counted += m.value.intValue ?? -1
      }
    }
    guard counted == droppedLines else {
      return "the stage counts \(counted) dropped lines, clean() drops \(droppedLines)"
    }
    return nil
  }

  /// Whether a line with this reason is kept (``BoilerplateReason/keepsLine``: every code
  /// the classifier gives is defined, so a custom one counts as a drop).
  static func keeps(_ reason: BoilerplateReason) -> Bool { reason.keepsLine == true }

  /// The lines of a text split at `\n`, without their trailing `\r` bytes, the empty piece
  /// after a last `\n` left out.
  static func lines(of text: String) -> [String] {
    var pieces = text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map {
      withoutTrailingCR(String(decoding: $0, as: UTF8.self))
    }
    if pieces.last == "" { pieces.removeLast() }
    return pieces
  }

  /// `line` without the `\r` bytes at its end (a kept line's own `\r` and that of a `\r\n`
  /// terminator are not told apart: `clean` drops one, the stage keeps the line's).
  static func withoutTrailingCR(_ line: String) -> String {
    var u = line.utf8[...]
    while u.last == 0x0D { u = u.dropLast() }
    return String(decoding: u, as: UTF8.self)
  }
}
