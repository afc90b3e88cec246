import Testing
import Winnow
import WinnowEntities

/// Loading corrupted compiled automata (fuzz finding
/// `Corpora/fuzz-findings/FuzzEntities/corrupt-automaton-negative-start-96ba9b8a`): a file
/// whose trie shape is wrong must be rejected with `.invalidData` naming the field and
/// byte offset, never load and then report a match outside the text.
@Suite struct AutomatonCorruptionTests {
  static func automaton(denseStates: Int = 1) -> NameAutomaton {
    var b = NameAutomatonBuilder(matchKind: .leftmostLongest, tokenBoundaries: false)
    b.denseStates = denseStates
    for (i, k) in ["he", "she", "his", "hers", "北京"].enumerated() {
      b.add(Array(k.utf8), value: UInt32(i))
    }
    return b.build()
  }

  /// Byte offsets of each table's 4-byte count in a serialized automaton (the layout of
  /// `NameAutomaton.serialized()`: magic, kind, flags, state count, dense count, then the
  /// tables in order).
  static func layout(_ bytes: [UInt8]) -> [String: Int] {
    let fields: [(String, Bool)] = [
      ("nodes", false), ("table", false), ("keyLength", false), ("keyFlags", true),
      ("valueStart", false), ("values", false),
    ]
    var out: [String: Int] = [:]
    var p = 24
    for (name, isBytes) in fields {
      out[name] = p
      let n = u32(bytes, p)
      p += 4 + (isBytes ? (n + 3) / 4 * 4 : 4 * n)
    }
    return out
  }

  static func u32(_ bytes: [UInt8], _ p: Int) -> Int {
    Int(bytes[p]) | Int(bytes[p + 1]) << 8 | Int(bytes[p + 2]) << 16 | Int(bytes[p + 3]) << 24
  }

  static func set(_ bytes: inout [UInt8], _ field: String, _ index: Int, _ value: UInt32) {
    let p = layout(bytes)[field, default: 0] + 4 + 4 * index
    for i in 0..<4 { bytes[p + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
  }

  static func get(_ bytes: [UInt8], _ field: String, _ index: Int) -> UInt32 {
    UInt32(u32(bytes, layout(bytes)[field, default: 0] + 4 + 4 * index))
  }

  /// The first sparse state (after the dense ones) with at least two children: its header
  /// index in `nodes`, and the indexes of its packed bytes and first target.
  static func sparseFork(_ bytes: [UInt8]) -> (header: Int, labels: Int, target: Int) {
    let dense = u32(bytes, 20)
    var o = 2 * dense
    while true {
      let count = Int(get(bytes, "nodes", o) & 0x1FF)
      if count >= 2 { return (o, o + 2, o + 2 + (count + 3) / 4) }
      o += 2 + (count + 3) / 4 + count
    }
  }

  struct Corruption: CustomTestStringConvertible, Sendable {
    var name: String
    var field: String
    var apply: @Sendable (inout [UInt8]) -> Void
    var testDescription: String { name }
  }

  static let corruptions: [Corruption] = [
    // The fuzz finding's shape: a key longer than its state's depth gave start < 0.
    Corruption(name: "key longer than its state", field: "keyLength") { b in
      AutomatonCorruptionTests.set(
        &b, "keyLength", 0, AutomatonCorruptionTests.get(b, "keyLength", 0) + 40_000)
    },
    Corruption(name: "edge to an earlier state", field: "nodes") { b in
      AutomatonCorruptionTests.set(&b, "nodes", AutomatonCorruptionTests.sparseFork(b).target, 0)
    },
    Corruption(name: "edge past the end", field: "nodes") { b in
      AutomatonCorruptionTests.set(
        &b, "nodes", AutomatonCorruptionTests.sparseFork(b).target, 1_000_000)
    },
    Corruption(name: "children bytes out of order", field: "nodes") { b in
      // `h` has children `e` and `i`: swap the two packed bytes.
      let p =
        AutomatonCorruptionTests.layout(b)["nodes", default: 0] + 4 + 4
        * AutomatonCorruptionTests.sparseFork(b).labels
      b.swapAt(p, p + 1)
    },
    Corruption(name: "too many children", field: "nodes") { b in
      AutomatonCorruptionTests.set(&b, "nodes", AutomatonCorruptionTests.sparseFork(b).header, 300)
    },
    Corruption(name: "a state ends a missing key", field: "nodes") { b in
      AutomatonCorruptionTests.set(
        &b, "nodes", AutomatonCorruptionTests.sparseFork(b).header + 1, 1_000)
    },
    Corruption(name: "dense entry to a state that is not the next child", field: "table") { b in
      let h = AutomatonCorruptionTests.get(b, "table", Int(UInt8(ascii: "h")))
      AutomatonCorruptionTests.set(&b, "table", Int(UInt8(ascii: "x")), h)
    },
    Corruption(name: "valueStart decreasing", field: "valueStart") { b in
      AutomatonCorruptionTests.set(&b, "valueStart", 1, 1_000)
    },
    Corruption(name: "unknown match kind", field: "sizes") { b in b[8] = 7 },
  ]

  @Test("a corrupted trie is rejected, naming the field and byte offset", arguments: corruptions)
  func rejected(c: Corruption) throws {
    var bytes = Self.automaton().serialized()
    c.apply(&bytes)
    do {
      let a = try NameAutomaton(serialized: bytes)
      Issue.record("\(c.name): loaded (\(a.stateCount) states)")
    } catch {
      #expect(error.code == .invalidData)
      #expect(error.message.contains(c.field), "\(error.message)")
      if c.field != "sizes" {
        let offset = try #require(error.byteOffset)
        #expect(offset >= 16 && offset < bytes.count)
        #expect(error.message.contains("byte \(offset)"))
      }
    }
  }

  /// Every single-byte corruption (each byte flipped two ways) of small automata, dense and
  /// sparse: it fails to load, or every match lies inside the text and its key's values
  /// can be read. Found by FuzzEntities; exhaustive here.
  @Test(
    "every single-byte corruption fails to load or matches inside the text", arguments: [1, 64])
  func singleByte(denseStates: Int) throws {
    let good = Self.automaton(denseStates: denseStates).serialized()
    let text = Array("he said she has his hers 北京 ushers".utf8)
    var loaded = 0
    for offset in 0..<good.count {
      for flip: UInt8 in [0x01, 0xFF] {
        var bad = good
        bad[offset] ^= flip
        guard let a = try? NameAutomaton(serialized: bad) else { continue }
        loaded += 1
        for kind in MatchKind.allCases {
          for m in a.matches(in: text, kind: kind) {
            #expect(
              m.start >= 0 && m.start <= m.end && m.end <= text.count,
              "byte \(offset) ^ \(flip): \(m)")
            _ = a.values(ofKey: m.key)
          }
        }
      }
    }
    // Values, flags and kinds may change without breaking the shape: some still load.
    #expect(loaded > 0)
  }

  /// The intact automaton loads and finds the same matches.
  @Test func intactLoads() throws {
    let a = Self.automaton()
    let b = try NameAutomaton(serialized: a.serialized())
    let text = Array("ushers in 北京".utf8)
    #expect(
      b.matches(in: text, kind: .allOverlapping) == a.matches(in: text, kind: .allOverlapping))
  }
}
