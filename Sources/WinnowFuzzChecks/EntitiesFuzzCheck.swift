import Winnow
import WinnowEntities

/// The name automaton against a naive matcher, and loading corrupted compiled automata.
///
/// Input layout: byte 0 is flags (bit 0: all-overlapping, bit 1: token boundaries, bits
/// 2–4: a small dense-state count, 0 = default); then the keys, separated by `\n`, up to a
/// `0x00`; then the text, up to the next `0x00` (without a `0x00`, the first line is the
/// keys and the rest the text); then optional corruption: 3-byte (offset low, offset high,
/// xor) triples applied to the serialized automaton.
///
/// Properties: matches (both kinds, and ``NameAutomaton/forEachMatch(in:_:)``) equal the
/// naive matcher's; each match's values name keys whose bytes are the matched bytes; a
/// serialized automaton loads back with the same matches; a corrupted one either fails to
/// load or finds only matches inside the text, without trapping.
public final class EntitiesFuzzCheck: FuzzCheck {
  public static let target = "FuzzEntities"

  public init() throws(WinnowError) {}

  public func check(_ input: [UInt8]) -> String? {
    guard let flags = input.first else { return nil }
    let body = input.dropFirst()
    var keyPart: ArraySlice<UInt8>
    var text: [UInt8]
    var corruption: ArraySlice<UInt8> = []
    if let z = body.firstIndex(of: 0) {
      keyPart = body[..<z]
      let rest = body[(z + 1)...]
      if let z2 = rest.firstIndex(of: 0) {
        text = Array(rest[..<z2])
        corruption = rest[(z2 + 1)...]
      } else {
        text = Array(rest)
      }
    } else {
      let nl = body.firstIndex(of: 0x0A) ?? body.endIndex
      keyPart = body[..<nl]
      text = Array(body[nl...])
    }
    let keys = keyPart.split(separator: 0x0A, omittingEmptySubsequences: true).prefix(64).map {
      Array($0)
    }
    let kind: MatchKind = flags & 1 != 0 ? .allOverlapping : .leftmostLongest
    let boundaries = flags & 2 != 0
    var builder = NameAutomatonBuilder(matchKind: kind, tokenBoundaries: boundaries)
    let dense = Int(flags >> 2) & 7
    if dense > 0 { builder.denseStates = dense }
    for (i, k) in keys.enumerated() { builder.add(k, value: UInt32(i)) }
    let automaton = builder.build()

    if let p = compare(automaton, keys: keys, text: text, boundaries: boundaries) { return p }

    let saved = automaton.serialized()
    do {
      let loaded = try NameAutomaton(serialized: saved)
      if let p = compare(loaded, keys: keys, text: text, boundaries: boundaries) {
        return "after loading: \(p)"
      }
    } catch {
      return "a serialized automaton does not load: \(error)"
    }
    guard !corruption.isEmpty else { return nil }
    var bad = saved
    var c = corruption.startIndex
    while c + 2 < corruption.endIndex {
      let off = (Int(corruption[c]) | Int(corruption[c + 1]) << 8) % bad.count
      bad[off] ^= corruption[c + 2] == 0 ? 0xFF : corruption[c + 2]
      c += 3
    }
    guard let loaded = try? NameAutomaton(serialized: bad) else { return nil }
    for k in [MatchKind.leftmostLongest, .allOverlapping] {
      for m in loaded.matches(in: text, kind: k) {
        guard m.start >= 0, m.start <= m.end, m.end <= text.count else {
          return
            "a corrupted automaton that loads reports match \(m.start)..<\(m.end) outside the \(text.count)-byte text"
        }
        _ = loaded.values(ofKey: m.key)
        _ = loaded.length(ofKey: m.key)
      }
    }
    return nil
  }

  func compare(_ a: NameAutomaton, keys: [[UInt8]], text: [UInt8], boundaries: Bool) -> String? {
    for kind in MatchKind.allCases {
      let got = a.matches(in: text, kind: kind)
      let want = naiveMatches(keys: keys, text: text, kind: kind, boundaries: boundaries)
      guard got.map({ [$0.start, $0.end] }) == want.map({ [$0.0, $0.1] }) else {
        return
          "\(kind.rawValue) (boundaries \(boundaries)): automaton \(got.map { "\($0.start)..<\($0.end)" }), "
          + "naive \(want.map { "\($0.0)..<\($0.1)" })\nkeys: \(keys.map { hex($0) })\ntext: \(hex(text))"
      }
      for m in got {
        let values = a.values(ofKey: m.key)
        guard !values.isEmpty, a.length(ofKey: m.key) == m.end - m.start else {
          return
            "match \(m.start)..<\(m.end) has key \(m.key) of length \(a.length(ofKey: m.key)) and values \(Array(values))"
        }
        for v in values
        where Int(v) >= keys.count || !keys[Int(v)].elementsEqual(text[m.start..<m.end]) {
          return
            "match \(m.start)..<\(m.end) reports value \(v), whose key is not the matched bytes"
        }
      }
    }
    var streamed: [AutomatonMatch] = []
    text.withUnsafeBufferPointer { p in a.forEachMatch(in: p) { streamed.append($0) } }
    guard streamed.sorted() == a.matches(in: text, kind: .allOverlapping) else {
      return "forEachMatch disagrees with matches(kind: .allOverlapping)"
    }
    return nil
  }
}

/// The reference matcher: every key at every position, the same boundary rule, then
/// leftmost-longest by a left-to-right scan (as in the entity tests).
func naiveMatches(keys: [[UInt8]], text: [UInt8], kind: MatchKind, boundaries: Bool) -> [(Int, Int)]
{
  var all: [(Int, Int)] = []
  let unique = Set(keys.filter { !$0.isEmpty })
  text.withUnsafeBufferPointer { t in
    for s in 0..<t.count {
      var ends: Set<Int> = []
      for k in unique where s + k.count <= t.count && t[s..<s + k.count].elementsEqual(k) {
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
        ends.insert(e)
      }
      for e in ends.sorted() { all.append((s, e)) }
    }
  }
  if kind == .allOverlapping { return all }
  var out: [(Int, Int)] = []
  var pos = 0
  var i = 0
  while i < all.count {
    // All matches starting at all[i].0 are adjacent; take the longest if it starts at or after pos.
    let s = all[i].0
    var j = i
    var longest = all[i]
    while j < all.count && all[j].0 == s {
      if all[j].1 > longest.1 { longest = all[j] }
      j += 1
    }
    if s >= pos {
      out.append(longest)
      pos = longest.1
    }
    i = j
  }
  return out
}
