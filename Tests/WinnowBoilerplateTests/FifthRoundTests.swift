import Testing
import WinnowTestSupport

@testable import WinnowBoilerplate

/// The fifth speed round's early-outs against the definitions they skip.
@Suite("Boilerplate: fifth speed round (early-outs)")
struct FifthRoundTests {
  static let pieces = [
    "2021", "-", "01", "/", ".", " ", "年", "月", "日", "3", "d", " ago", "天前", "分钟", "前", "Reply",
    "回复", "٣", "１２",
    "hours", "a", "中文", ":", "x", "7", "0", "Mo", "秒", "\u{0967}",
  ]

  static func randomLine(_ g: inout SplitMix64) -> String {
    var s = ""
    for _ in 0..<Int.random(in: 0...8, using: &g) {
      s += pieces[Int.random(in: 0..<pieces.count, using: &g)]
    }
    return s
  }

  /// `threadPosts` searches dates only in lines with `digits > 0`: no line without a
  /// counted digit holds a date.
  @Test(arguments: [
    "2021-01-01 10:34:38", "3 hours ago", "3天前", "Room 101", "no digits here", "٣ hours ago",
    "２０２０年１月５日", "",
  ])
  func aDateNeedsACountedDigit(_ line: String) {
    let f = LineFeatures(of: Substring(line), hanWeight: 2.5)
    if f.digits == 0 { #expect(!ThreadRecords.hasDate(line), "\(line)") }
  }

  @Test func aDateNeedsACountedDigitOnRandomLines() {
    var g = SplitMix64(seed: 5)
    var dates = 0
    for _ in 0..<20_000 {
      let line = Self.randomLine(&g)
      let date = ThreadRecords.hasDate(line)
      if date { dates += 1 }
      #expect(!date || LineFeatures(of: Substring(line), hanWeight: 2.5).digits > 0, "\(line)")
    }
    #expect(dates > 100)  // the generator does make dates
  }

  /// `recordLists` looks for 6 short lines of one length (then of one hash) at one spacing
  /// first, and stops when there are none: the hashes it keeps are the full ones, and
  /// whenever `listLines` (on every line's hash) finds rows, the early-out lets it run.
  @Test func theRecordListEarlyOutMissesNoList() {
    var g = SplitMix64(seed: 11)
    let vocabulary = [
      "Add to cart", "Mark as watched", "1. Song title", "2. Another one", "Artist name", "评论",
      "点赞",
    ]
    var lists = 0
    for page in 0..<600 {
      var text: [String] = []
      for _ in 0..<Int.random(in: 0...60, using: &g) {
        switch Int.random(in: 0..<4, using: &g) {
        case 0: text.append(vocabulary[Int.random(in: 0..<vocabulary.count, using: &g)])
        case 1: text.append(String(repeating: "long line of prose ", count: 3))
        case 2: text.append("")
        default: text.append("row \(Int.random(in: 0..<1000, using: &g)) \(page)")
        }
      }
      if page % 3 == 0 {  // a planted list: chrome every 3 lines
        for k in 0..<Int.random(in: 4...9, using: &g) {
          text += ["Add to cart", "item \(k) of \(page)", "$\(k).99"]
        }
      }
      let joined = text.joined(separator: "\n")
      var copy = joined
      copy.withUTF8 { u in
        var lines: [Range<Int>] = []
        var start = 0
        for (k, b) in u.enumerated() where b == 0x0A {
          lines.append(start..<k)
          start = k + 1
        }
        lines.append(start..<u.count)
        let features = lines.map {
          LineFeatures(utf8: UnsafeBufferPointer(rebasing: u[$0]), hanWeight: 2.5)
        }
        let full = lines.map { ThreadRecords.hash(UnsafeBufferPointer(rebasing: u[$0])) }
        var hashes = [UInt64](repeating: 0, count: lines.count)
        let mayHaveList = ThreadRecords.hashShortLines(u, lines, features, into: &hashes)
        if mayHaveList {
          for i in lines.indices where ThreadRecords.isChromeCandidate(features[i]) {
            #expect(hashes[i] == full[i])
          }
        }
        let fixed = [BoilerplateReason?](repeating: nil, count: lines.count)
        let keep = [Bool](repeating: false, count: lines.count)
        let rows = ThreadRecords.listLines(
          features: features, fixed: fixed, keep: keep, hashes: full)
        if !rows.isEmpty {
          lists += 1
          #expect(mayHaveList, "page \(page)")
        }
      }
    }
    // the planted lists (every third page) mostly survive the random lines around them
    #expect(lists >= 100)
  }

  /// `match` skips a prefix set when the line's first byte opens none of its strings (and
  /// the teaser suffixes when the last byte ends none): whenever a look-up would succeed,
  /// the gate lets it run.
  @Test func theSetGateMissesNoPrefix() {
    let sets: [(LinePatterns.B, PrefixSet, UInt8)] = [
      (
        LinePatterns.photoCreditPrefix, LinePatterns.PrefixSets.photoCreditPrefix,
        LinePatterns.Gate.photoCredit
      ),
      (LinePatterns.bylinePrefix, LinePatterns.PrefixSets.bylinePrefix, LinePatterns.Gate.byline),
      (
        LinePatterns.referencePrefix, LinePatterns.PrefixSets.referencePrefix,
        LinePatterns.Gate.reference
      ),
      (LinePatterns.homePrefix, LinePatterns.PrefixSets.homePrefix, LinePatterns.Gate.home),
      (
        LinePatterns.relatedHeader, LinePatterns.PrefixSets.relatedHeader,
        LinePatterns.Gate.relatedHeader
      ),
    ]
    var g = SplitMix64(seed: 17)
    var all = sets.flatMap { $0.0 } + LinePatterns.teaserSuffix
    all.append(Array("ordinary line of text".utf8))
    var hits = 0
    for _ in 0..<5_000 {
      // A listed string, a random one, or both joined: as a prefix and as a suffix.
      let a = all[Int.random(in: 0..<all.count, using: &g)]
      let b = all[Int.random(in: 0..<all.count, using: &g)]
      let line = Int.random(in: 0..<3, using: &g) == 0 ? a : a + Array(" x ".utf8) + b
      line.withUnsafeBufferPointer { u in
        guard let first = u.first, let last = u.last else { return }
        for (_, set, bit) in sets where BytePatterns.hasAnyPrefix(u, set) {
          hits += 1
          #expect(LinePatterns.setGate[Int(first)] & bit != 0)
        }
        if BytePatterns.hasAnySuffix(u, LinePatterns.PrefixSets.teaserSuffix) {
          hits += 1
          #expect(LinePatterns.setGate[Int(last)] & LinePatterns.Gate.teaser != 0)
        }
      }
    }
    #expect(hits > 1_000)
  }

  /// `hasRelativeDate` looks for a Chinese unit only at lead bytes E4–E7.
  @Test(arguments: ["3天前", "5 分钟前", "2个月前", "1年前", "10秒前", "3小时前", "2周前", "3 hours ago", "12d ago"])
  func chineseAndEnglishRelativeDates(_ line: String) {
    var copy = line
    #expect(copy.withUTF8 { ThreadRecords.hasRelativeDate($0) }, "\(line)")
  }
}
