import Testing
import Winnow
import WinnowEntities

/// Loading corrupted compiled automata (fuzz finding
/// `Corpora/fuzz-findings/FuzzEntities/corrupt-automaton-negative-start-96ba9b8a`): a file
/// whose trie shape is wrong must be rejected with `.invalidData` naming the field and
/// byte offset, never load and then report a match outside the text.
@Suite struct AutomatonCorruptionTests {
  static func automaton(denseStates: Int = 2) -> NameAutomaton {
    var b = NameAutomatonBuilder(matchKind: .leftmostLongest, tokenBoundaries: false)
    b.denseStates = denseStates
    for (i, k) in ["he", "she", "his", "hers", "北京"].enumerated() { b.add(Array(k.utf8), value: UInt32(i)) }
    return b.build()
  }

  /// Byte offsets of each table's 4-byte count in a serialized automaton (the layout of
  /// `NameAutomaton.serialized()`: magic, kind, dense count, then the tables in order).
  static func layout(_ bytes: [UInt8]) -> [String: Int] {
    func u32(_ p: Int) -> Int {
      Int(bytes[p]) | Int(bytes[p + 1]) << 8 | Int(bytes[p + 2]) << 16 | Int(bytes[p + 3]) << 24
    }
    let fields: [(String, Bool)] = [
      ("childStart", false), ("childByte", true), ("childTarget", false), ("fail", false),
      ("table", false), ("terminal", false), ("outLink", false), ("keyLength", false),
      ("keyFlags", true), ("valueStart", false), ("values", false),
    ]
    var out: [String: Int] = [:]
    var p = 16
    for (name, isBytes) in fields {
      out[name] = p
      let n = u32(p)
      p += 4 + (isBytes ? (n + 3) / 4 * 4 : 4 * n)
    }
    return out
  }

  static func set(_ bytes: inout [UInt8], _ field: String, _ index: Int, _ value: UInt32) {
    let p = layout(bytes)[field, default: 0] + 4 + 4 * index
    for i in 0..<4 { bytes[p + i] = UInt8(truncatingIfNeeded: value >> (8 * i)) }
  }

  static func get(_ bytes: [UInt8], _ field: String, _ index: Int) -> UInt32 {
    let p = layout(bytes)[field, default: 0] + 4 + 4 * index
    return (0..<4).reduce(0) { $0 | UInt32(bytes[p + $1]) << (8 * $1) }
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
      AutomatonCorruptionTests.set(&b, "keyLength", 0, AutomatonCorruptionTests.get(b, "keyLength", 0) + 40_000)
    },
    Corruption(name: "failure link to a deeper state", field: "fail") { b in
      let states = Int(AutomatonCorruptionTests.get(b, "fail", -1))
      AutomatonCorruptionTests.set(&b, "fail", 1, UInt32(states - 1))
    },
    Corruption(name: "output link to a non-terminal state", field: "outLink") { b in
      let states = Int(AutomatonCorruptionTests.get(b, "outLink", -1))
      AutomatonCorruptionTests.set(&b, "outLink", states - 1, 1)
    },
    Corruption(name: "dense entry two levels down", field: "table") { b in
      let states = Int(AutomatonCorruptionTests.get(b, "fail", -1))
      AutomatonCorruptionTests.set(&b, "table", Int(UInt8(ascii: "x")), UInt32(states - 1))
    },
    Corruption(name: "valueStart decreasing", field: "valueStart") { b in
      AutomatonCorruptionTests.set(&b, "valueStart", 1, 1_000)
    },
    Corruption(name: "edge to an earlier state", field: "childTarget") { b in
      AutomatonCorruptionTests.set(&b, "childTarget", 1, 0)
    },
    Corruption(name: "children bytes out of order", field: "childByte") { b in
      // The root's children are e/h/s/北's lead byte in order; swap the first two.
      let p = AutomatonCorruptionTests.layout(b)["childByte", default: 0] + 4
      b.swapAt(p, p + 1)
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
  @Test("every single-byte corruption fails to load or matches inside the text", arguments: [1, 64])
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
            #expect(m.start >= 0 && m.start <= m.end && m.end <= text.count, "byte \(offset) ^ \(flip): \(m)")
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
    #expect(b.matches(in: text, kind: .allOverlapping) == a.matches(in: text, kind: .allOverlapping))
  }
}
