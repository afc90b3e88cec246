import Testing
import WinnowTestSupport

@testable import WinnowEntities

/// SplitMix64 (the shared test one): a seeded generator so failures print a reproducible seed.
typealias SeededRNG = SplitMix64

/// The reference: try every key at every position; same boundary rule; leftmost-longest
/// by scanning positions left to right.
func naiveMatches(keys: [[UInt8]], text: [UInt8], kind: MatchKind, boundaries: Bool) -> [(
  Int, Int, [UInt8]
)] {
  var all: [(Int, Int, [UInt8])] = []
  text.withUnsafeBufferPointer { t in
    for s in 0..<t.count {
      for k in Set(keys) where s + k.count <= t.count && Array(t[s..<s + k.count]) == k {
        let e = s + k.count
        if boundaries {
          let first = k.withUnsafeBufferPointer { TokenBoundary.firstScalar($0) }
          let last = k.withUnsafeBufferPointer { TokenBoundary.lastScalar($0) }
          if TokenBoundary.isSpacedWordScalar(first)
            && TokenBoundary.isSpacedWordScalar(TokenBoundary.scalar(before: s, in: t))
          {
            continue
          }
          if TokenBoundary.isSpacedWordScalar(last)
            && TokenBoundary.isSpacedWordScalar(TokenBoundary.scalar(at: e, in: t))
          {
            continue
          }
        }
        all.append((s, e, k))
      }
    }
  }
  all.sort { ($0.0, $0.1) < ($1.0, $1.1) }
  if kind == .allOverlapping { return all }
  var out: [(Int, Int, [UInt8])] = []
  var pos = 0
  while pos < text.count {
    let here = all.filter { $0.0 == pos }
    if let longest = here.max(by: { $0.1 < $1.1 }) {
      out.append(longest)
      pos = longest.1
    } else {
      pos += 1
    }
  }
  return out
}

func build(_ keys: [String], kind: MatchKind = .leftmostLongest, boundaries: Bool = true)
  -> NameAutomaton
{
  var b = NameAutomatonBuilder(matchKind: kind, tokenBoundaries: boundaries)
  b.wordTableMinimumNodes = 0  // the word and phrase tables even for tiny gazetteers
  b.phraseTableMinimumNodes = 0
  for (i, k) in keys.enumerated() { b.add(Array(k.utf8), value: UInt32(i)) }
  return b.build()
}

func surfaces(_ a: NameAutomaton, _ text: String, kind: MatchKind? = nil) -> [String] {
  let bytes = Array(text.utf8)
  return a.matches(in: bytes, kind: kind).map {
    String(decoding: bytes[$0.start..<$0.end], as: UTF8.self)
  }
}

@Suite struct AutomatonTests {
  @Test(
    "token boundaries and Han anywhere",
    arguments: [
      (["europe"], "european countries", [String]()),
      (["don"], "donald trump", []),
      (["don"], "the don river", ["don"]),
      (["iran"], "irani", []),
      (["iran"], "iran's", ["iran"]),
      (["u.s."], "russia-u.s. talks", ["u.s."]),
      (["北京", "欢迎", "你"], "北京欢迎你", ["北京", "欢迎", "你"]),
      (["london"], "北京london上海", ["london"]),
      (["zürich"], "xzürich", []),
      (["new", "new york", "york"], "new york city", ["new york"]),
    ])
  func semantics(keys: [String], text: String, expected: [String]) {
    #expect(surfaces(build(keys), text) == expected)
  }

  @Test func allOverlapping() {
    let a = build(["new", "new york", "york", "w y"])
    #expect(surfaces(a, "new york", kind: .allOverlapping) == ["new", "new york", "york"])
    #expect(surfaces(a, "new york") == ["new york"])
    let han = build(["中华", "中华人民共和国", "人民", "共和国"], kind: .allOverlapping)
    #expect(surfaces(han, "中华人民共和国") == ["中华", "中华人民共和国", "人民", "共和国"])
  }

  @Test func duplicateKeysKeepAllValues() {
    var b = NameAutomatonBuilder(matchKind: .leftmostLongest)
    b.add(Array("georgia".utf8), value: 1)
    b.add(Array("georgia".utf8), value: 2)
    b.add(Array("geo".utf8), value: 3)
    let a = b.build()
    let m = a.matches(in: Array("in georgia".utf8))
    #expect(m.count == 1)
    #expect(Array(a.values(ofKey: m[0].key)) == [1, 2])
  }

  @Test func serializationRoundTrip() throws {
    let a = build(["alpha", "beta", "北京", "alphabet"])
    let bytes = a.serialized()
    let b = try NameAutomaton(serialized: bytes)
    #expect(surfaces(b, "alphabet beta 北京") == ["alphabet", "beta", "北京"])
    #expect(throws: (any Error).self) { try NameAutomaton(serialized: Array(bytes.prefix(40))) }
    #expect(throws: (any Error).self) { try NameAutomaton(serialized: Array("nope".utf8)) }
  }

  /// Differential: the automaton equals the naive matcher on random gazetteers and texts.
  @Test(arguments: ["ascii", "latin", "han", "mixed"])
  func differential(alphabet: String) {
    let letters: [String] =
      switch alphabet {
      case "ascii": ["a", "b", "c", " ", "-", "A"]
      case "latin": ["é", "e", "ü", "u", "\u{301}", " ", "ß"]
      case "han": ["北", "京", "欢", "迎", "你", "倫"]
      default: ["a", "b", "北", "京", " ", "é", "."]
      }
    for seed in UInt64(1)...UInt64(120) {
      var rng = SeededRNG(seed: seed &* 7919 &+ UInt64(alphabet.utf8.count))
      func word(_ maxLen: Int) -> String {
        let n = Int.random(in: 1...maxLen, using: &rng)
        return (0..<n).map { _ in letters.randomElement(using: &rng) ?? "a" }.joined()
      }
      var keys = (0..<Int.random(in: 1...12, using: &rng)).map { _ in word(4) }
      // Overlapping names: prefixes and suffixes of other names.
      if let k = keys.first, k.count > 1 {
        keys.append(String(k.dropFirst())); keys.append(String(k.dropLast()))
      }
      let text = word(60)
      let boundaries = seed % 3 != 0
      for kind in MatchKind.allCases {
        let a = build(keys, kind: kind, boundaries: boundaries)
        let bytes = Array(text.utf8)
        let got = a.matches(in: bytes).map { [$0.start, $0.end] }
        let want = naiveMatches(
          keys: keys.map { Array($0.utf8) }, text: bytes, kind: kind, boundaries: boundaries
        ).map { [$0.0, $0.1] }
        #expect(
          got == want,
          "seed \(seed) kind \(kind) boundaries \(boundaries) keys \(keys) text \(text.debugDescription)"
        )
        if got != want { return }
      }
    }
  }

  /// Differential on raw bytes: keys and texts mixing ASCII, Han, lone lead and
  /// continuation bytes (ill-formed keys switch the CJK lane off), with and without
  /// boundaries, dense lanes of 1 state (and the word table) and 256 states (without).
  @Test(arguments: [1, 256])
  func differentialBytes(dense: Int) {
    let pieces: [[UInt8]] = [
      [0x61], [0x62], [0x20], Array("北".utf8), Array("京".utf8), [0xE5], [0x8C], [0x97],
      Array("é".utf8), [0xC3],
    ]
    for seed in UInt64(1)...UInt64(150) {
      var rng = SeededRNG(seed: seed &* 104_729)
      func bytes(_ maxPieces: Int) -> [UInt8] {
        (0..<Int.random(in: 1...maxPieces, using: &rng)).flatMap { _ in
          pieces.randomElement(using: &rng) ?? [0x61]
        }
      }
      let keys = (0..<Int.random(in: 1...10, using: &rng)).map { _ in bytes(3) }
      let text = bytes(40)
      let boundaries = seed % 2 == 0
      for kind in MatchKind.allCases {
        var b = NameAutomatonBuilder(matchKind: kind, tokenBoundaries: boundaries)
        b.denseStates = dense
        if dense == 1 {  // with and without the word and phrase tables
          b.wordTableMinimumNodes = 0
          b.phraseTableMinimumNodes = 0
        }
        for (i, k) in keys.enumerated() { b.add(k, value: UInt32(i)) }
        let got = b.build().matches(in: text).map { [$0.start, $0.end] }
        let want = naiveMatches(keys: keys, text: text, kind: kind, boundaries: boundaries).map {
          [$0.0, $0.1]
        }
        #expect(
          got == want,
          "seed \(seed) kind \(kind) boundaries \(boundaries) keys \(keys) text \(text)")
        if got != want { return }
      }
    }
  }

  /// Keys that end inside a CJK character (ill-formed) still match: the CJK pair filter
  /// must not cut their walk.
  @Test func keyEndingInsideACharacter() {
    let bei = Array("北".utf8), jing = Array("京".utf8)
    for boundaries in [true, false] {
      var b = NameAutomatonBuilder(matchKind: .allOverlapping, tokenBoundaries: boundaries)
      b.add(bei + [jing[0]], value: 0)
      b.add(bei + jing[0..<2], value: 1)
      b.add(Array("北北".utf8), value: 2)
      let text = bei + bei + jing
      let got = b.build().matches(in: text).map { [$0.start, $0.end] }
      #expect(got == [[0, 6], [3, 7], [3, 8]])
    }
  }

  /// A one-character Han key followed by a character no key puts after it: the walk is cut
  /// by the pair filter, but the key that ends at the first character still matches (the
  /// CJK table flags it), in both match kinds.
  @Test(arguments: [MatchKind.leftmostLongest, .allOverlapping])
  func hanKeyEndingBeforeAFilteredPair(kind: MatchKind) {
    var b = NameAutomatonBuilder(matchKind: kind)
    b.add(Array("北".utf8), value: 0)
    b.add(Array("北京".utf8), value: 1)
    b.add(Array("海".utf8), value: 2)
    let got = b.build().matches(in: Array("北海北京南北".utf8)).map { [$0.start, $0.end, $0.key] }
    let expected: [[Int]] =
      kind == .leftmostLongest
      ? [[0, 3, 0], [3, 6, 2], [6, 12, 1], [15, 18, 0]]
      : [[0, 3, 0], [3, 6, 2], [6, 9, 0], [6, 12, 1], [15, 18, 0]]
    #expect(got == expected)
  }

  /// Differential for the word table (ASCII first words looked up whole): keys built from
  /// syllables into words of 1–14 bytes (around the table's 10-byte limit), with digits,
  /// capitals, spaces, punctuation and a non-ASCII letter right after a word; texts made of
  /// the keys' own words so that most words start some key.
  @Test(arguments: [MatchKind.leftmostLongest, .allOverlapping])
  func differentialWords(kind: MatchKind) {
    let syllables = ["ab", "c", "de", "fgh", "7", "Q", "ij"]
    let glue = [" ", "-", ".", "é", "北", " "]
    for seed in UInt64(1)...UInt64(150) {
      var rng = SeededRNG(seed: seed &* 6_700_417)
      func word() -> String {
        (0..<Int.random(in: 1...7, using: &rng)).map { _ in
          syllables.randomElement(using: &rng) ?? "c"
        }.joined()
      }
      var keys: [String] = []
      for _ in 0..<Int.random(in: 1...14, using: &rng) {
        var k = word()
        for _ in 0..<Int.random(in: 0...2, using: &rng) {
          k += (glue.randomElement(using: &rng) ?? " ") + word()
        }
        if Int.random(in: 0..<5, using: &rng) == 0 { k += glue.randomElement(using: &rng) ?? " " }
        keys.append(k)
      }
      let words = keys.flatMap {
        $0.split(whereSeparator: { !$0.isASCII || !($0.isLetter || $0.isNumber) }).map(String.init)
      }
      var text = ""
      for _ in 0..<40 {
        text +=
          Int.random(in: 0..<4, using: &rng) == 0
          ? word() : (words.randomElement(using: &rng) ?? "ab")
        text += glue.randomElement(using: &rng) ?? " "
      }
      let bytes = Array(text.utf8)
      let got = build(keys, kind: kind).matches(in: bytes).map { [$0.start, $0.end] }
      let want = naiveMatches(
        keys: keys.map { Array($0.utf8) }, text: bytes, kind: kind, boundaries: true
      ).map { [$0.0, $0.1] }
      #expect(got == want, "seed \(seed) keys \(keys) text \(text.debugDescription)")
      if got != want { return }
    }
  }

  /// Han keys sharing first characters, with a key per pair many times over (the pair
  /// filter's block for a character saturates) and pairs no key has: same as the reference.
  @Test func differentialHanPairs() {
    let chars = Array("北京上海天津王李张中国人民大学")
    for seed in UInt64(1)...UInt64(60) {
      var rng = SeededRNG(seed: seed &* 2_147_483_647)
      func name() -> String {
        String(
          (0..<Int.random(in: 1...4, using: &rng)).map { _ in
            chars.randomElement(using: &rng) ?? "北"
          })
      }
      let keys = (0..<Int.random(in: 1...200, using: &rng)).map { _ in name() }
      let text = (0..<30).map { _ in name() }.joined(
        separator: Int.random(in: 0..<3, using: &rng) == 0 ? "a" : "")
      let bytes = Array(text.utf8)
      for kind in MatchKind.allCases {
        let got = build(keys, kind: kind).matches(in: bytes).map { [$0.start, $0.end] }
        let want = naiveMatches(
          keys: keys.map { Array($0.utf8) }, text: bytes, kind: kind, boundaries: true
        ).map { [$0.0, $0.1] }
        #expect(got == want, "seed \(seed) kind \(kind) keys \(keys) text \(text)")
        if got != want { return }
      }
    }
  }

  /// The word, phrase and pair tables (built here for tiny gazetteers) against walking the
  /// trie: names going on word by word, a key ending at a space (`new `, found in `new delhi`
  /// although the phrase table skips that state), a word followed by another mark, and Han
  /// pairs that end a key or go on. Each case with both match kinds, same as the reference.
  @Test(arguments: [
    (["new", "new york", "new york city", "york"], "new york city, new york; new yorker new"),
    (["new ", "new york"], "new delhi new york new"),
    (["ab cd ef", "ab cd", "cd"], "ab cd ef ab cd eg ab cd-ef ab  cd"),
    (["ab-cd", "ab", "ab cd"], "ab-cd ab cd ab-ce ab"),
    (["北京", "北京大学", "北", "京大"], "北京大学北京大北京人北"),
  ])
  func wordAndPairTables(keys: [String], text: String) {
    for kind in MatchKind.allCases {
      let bytes = Array(text.utf8)
      let got = build(keys, kind: kind).matches(in: bytes).map { [$0.start, $0.end] }
      let want = naiveMatches(
        keys: keys.map { Array($0.utf8) }, text: bytes, kind: kind, boundaries: true
      ).map { [$0.0, $0.1] }
      #expect(got == want, "kind \(kind)")
    }
  }

  /// Random automata with a tiny dense lane still agree (exercises sparse + failure paths).
  @Test func sparseLane() {
    var rng = SeededRNG(seed: 42)
    let letters = ["a", "b", "c"]
    for _ in 0..<50 {
      let keys = (0..<20).map { _ in
        (0..<Int.random(in: 1...5, using: &rng)).map { _ in letters.randomElement(using: &rng)! }
          .joined()
      }
      var b = NameAutomatonBuilder(matchKind: .allOverlapping, tokenBoundaries: false)
      b.denseStates = 1
      for (i, k) in keys.enumerated() { b.add(Array(k.utf8), value: UInt32(i)) }
      let text = (0..<80).map { _ in letters.randomElement(using: &rng)! }.joined()
      let got = b.build().matches(in: Array(text.utf8)).map { [$0.start, $0.end] }
      let want = naiveMatches(
        keys: keys.map { Array($0.utf8) }, text: Array(text.utf8), kind: .allOverlapping,
        boundaries: false
      ).map { [$0.0, $0.1] }
      #expect(got == want, "keys \(keys) text \(text)")
    }
  }
}
