/// The `mojibake` step: conservative repair of UTF-8 that was decoded as Windows-1252 or
/// Latin-1 and encoded again (`â€™` → `’`, `Ã©` → `é`, `ä¸­æ–‡` → `中文`), up to three
/// layers deep (`ÃƒÂ©` → `Ã©` → `é`).
///
/// How it decides (our own rules, in the spirit of ftfy's "badness" heuristic):
///
/// 1. **Candidates.** A *lead* character (U+00C2–U+00F4, the Windows-1252/Latin-1 reading
///    of a UTF-8 lead byte: `Â Ã Ä … ß à … ô`) followed by exactly the number of
///    *continuation* characters its byte needs (1–3 characters whose Windows-1252 byte is
///    0x80–0xBF: `€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ`, U+00A0–U+00BF, or
///    the C1 controls a Latin-1 decoder yields), whose bytes form one strictly valid UTF-8
///    character (no overlong form, no surrogate).
/// 2. **Plausible result.** That character must be one real text uses: Latin-1 and
///    Latin Extended-A letters, a few Extended-B ones (Vietnamese ơ ư, pinyin ǎ ǐ ǒ ǔ,
///    Romanian ș ț, ə), Greek, basic Cyrillic, Hebrew and Arabic letters, Indic scripts,
///    Thai, Vietnamese Latin Extended Additional, punctuation and symbols
///    (U+2000–U+2BFF), CJK, kana, Hangul, full-width forms, emoji. IPA, Syriac, NKo,
///    private use, noncharacters and the like are never produced.
/// 3. **Evidence.** Adjacent candidates form a cluster. A cluster is repaired when it has
///    two or more candidates (`ä¸­æ–‡`), or any continuation character that real text
///    never puts straight after such a letter (`€ ƒ Š ¢ £ © ¸ …`: everything but the
///    *soft* ones `’ ‘ ” “ » « … – — • · ™ ® › ‹ ´`, NBSP and soft hyphen). A lone
///    candidate whose continuations are all soft is ambiguous (`AMANHÃ”`, `VIÐ”`, `não…”`
///    are real text): it is repaired only
///    - for the leads `Â Ã`, unless it ends an upper-case word (`Ã` after an upper-case
///      letter and before a non-letter);
///    - for the other two-byte leads, when the line has other clear mojibake, or the lead
///      follows a lower-case letter, or a letter follows (except after `’ ‘ · – —`, which
///      sit between letters in real text: `Ç’a`);
///    - for three- and four-byte leads (`é…”` → `酔` is a real "café…”"), only when the
///      line has other clear mojibake.
///
/// Everything else is left alone, so ordinary text that merely looks odd (`Ça`, `naïve`,
/// `Straße`, `Þórr`, `©2024`, `«CAFÉ»`) never changes. Each repaired candidate is one
/// changed run of the alignment.
struct MojibakeStep: LineStep {
  /// How many layers of mojibake are undone at most.
  static let maxLayers = 3

  func apply(_ line: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    guard Self.hasLeadCharacter(line) else { return nil }
    guard var result = Self.repairOnce(line, tracking: tracking) else { return nil }
    for _ in 1..<Self.maxLayers {
      guard
        let next = result.bytes.withUnsafeBufferPointer({ Self.repairOnce($0, tracking: tracking) })
      else { break }
      var chained = next
      if tracking { chained.alignment = result.alignment.then(next.alignment) }
      result = chained
    }
    return result
  }

  /// Whether the line holds a lead character (U+00C2–U+00F4 is `C3 82`…`C3 B4`): the
  /// one-scan fast path for clean text.
  static func hasLeadCharacter(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0
    while let j = ByteScan.first(0xC3, in: p, from: i) {
      if j + 1 < p.count, p[j + 1] >= 0x82, p[j + 1] <= 0xB4 { return true }
      i = j + 1
    }
    return false
  }

  /// One candidate: `start..<end` in the line re-encodes to the UTF-8 of `scalar`.
  struct Candidate {
    var start: Int
    var end: Int
    var scalar: UInt32
    /// The lead's byte (0xC2–0xF4).
    var lead: UInt8
    /// Whether a continuation character is not a soft one.
    var strong: Bool
    /// The first continuation character.
    var firstContinuation: UInt32
  }

  /// Finds the candidates of one layer and repairs those with enough evidence.
  static func repairOnce(_ p: UnsafeBufferPointer<UInt8>, tracking: Bool) -> EditBuffer? {
    let candidates = findCandidates(p)
    WorkCounter.add(p.count + candidates.count)
    guard !candidates.isEmpty else { return nil }
    var repair = [Bool](repeating: false, count: candidates.count)
    var clusters: [Range<Int>] = []
    var c = 0
    var lineEvidence = false
    while c < candidates.count {
      var e = c + 1
      while e < candidates.count && candidates[e].start == candidates[e - 1].end { e += 1 }
      clusters.append(c..<e)
      if e - c >= 2 || candidates[c..<e].contains(where: { $0.strong }) {
        for k in c..<e { repair[k] = true }
        lineEvidence = true
      }
      c = e
    }
    for cluster in clusters where cluster.count == 1 && !repair[cluster.lowerBound] {
      let k = cluster.lowerBound
      let cand = candidates[k]
      let prev: UInt32? = cand.start > 0 ? UTF8Encoding.decodeBefore(p, cand.start).scalar : nil
      let next: UInt32? = cand.end < p.count ? UTF8Encoding.decode(p, at: cand.end).scalar : nil
      let nextIsLetter = next.map(Letters.isLetter) ?? false
      switch cand.lead {
      case 0xC2, 0xC3:
        repair[k] = !((prev.map(Letters.isUpper) ?? false) && !nextIsLetter)
      case 0xC4...0xDF:
        repair[k] =
          lineEvidence || (prev.map(Letters.isLower) ?? false)
          || (nextIsLetter && !sitsBetweenLetters(cand.firstContinuation))
      default:
        repair[k] = lineEvidence
      }
    }
    guard repair.contains(true) else { return nil }
    var out = EditBuffer(capacity: p.count, tracking: tracking)
    var copied = 0
    for (k, cand) in candidates.enumerated() where repair[k] {
      out.copy(p, copied..<cand.start)
      out.replace(cand.end - cand.start, withScalar: cand.scalar)
      copied = cand.end
    }
    out.copy(p, copied..<p.count)
    return out
  }

  /// All candidates of the line, left to right, not overlapping.
  static func findCandidates(_ p: UnsafeBufferPointer<UInt8>) -> [Candidate] {
    var result: [Candidate] = []
    let n = p.count
    var i = 0
    while let j = ByteScan.first(0xC3, in: p, from: i) {
      i = j + 1
      guard j + 1 < n, p[j + 1] >= 0x82, p[j + 1] <= 0xB4 else { continue }
      let lead = p[j + 1] &+ 0x40
      let need = lead < 0xE0 ? 1 : lead < 0xF0 ? 2 : 3
      var value = UInt32(lead & (lead < 0xE0 ? 0x1F : lead < 0xF0 ? 0x0F : 0x07))
      var k = j + 2
      var strong = false
      var first: UInt32 = 0
      var valid = true
      for m in 0..<need {
        guard k < n else { valid = false; break }
        let (c, len) = UTF8Encoding.decode(p, at: k)
        guard let b = continuationByte(c) else { valid = false; break }
        if m == 0 {
          first = c
          switch lead {
          case 0xE0: valid = b >= 0xA0
          case 0xED: valid = b <= 0x9F
          case 0xF0: valid = b >= 0x90
          case 0xF4: valid = b <= 0x8F
          default: break
          }
          if !valid { break }
        }
        if !isSoft(c) { strong = true }
        value = value << 6 | UInt32(b & 0x3F)
        k += len
      }
      guard valid else { continue }
      let prevIsLetter = j > 0 && Letters.isLetter(UTF8Encoding.decodeBefore(p, j).scalar)
      // A C1 control is no text, but inside a layered garble it is the next layer's
      // continuation character (`Ã…Â\u{81}` → `Å\u{81}` → `Ł`).
      let insideGarble =
        value >= 0x80 && value <= 0x9F
        && result.last.map {
          $0.end == j && ((0xC2...0xF4).contains($0.scalar) || continuationByte($0.scalar) != nil)
        } == true
      guard insideGarble || isPlausible(value, afterLetter: prevIsLetter) else { continue }
      result.append(
        Candidate(
          start: j, end: k, scalar: value, lead: lead, strong: strong, firstContinuation: first))
      i = k
    }
    return result
  }

  /// The Windows-1252 (or Latin-1) byte 0x80–0xBF that reads as `c`, or nil.
  @inline(__always)
  static func continuationByte(_ c: UInt32) -> UInt8? {
    switch c {
    case 0x80...0xBF: return UInt8(c)  // C1 controls (Latin-1, undefined cp1252 bytes), A0–BF
    case 0x20AC: return 0x80
    case 0x201A: return 0x82
    case 0x0192: return 0x83
    case 0x201E: return 0x84
    case 0x2026: return 0x85
    case 0x2020: return 0x86
    case 0x2021: return 0x87
    case 0x02C6: return 0x88
    case 0x2030: return 0x89
    case 0x0160: return 0x8A
    case 0x2039: return 0x8B
    case 0x0152: return 0x8C
    case 0x017D: return 0x8E
    case 0x2018: return 0x91
    case 0x2019: return 0x92
    case 0x201C: return 0x93
    case 0x201D: return 0x94
    case 0x2022: return 0x95
    case 0x2013: return 0x96
    case 0x2014: return 0x97
    case 0x02DC: return 0x98
    case 0x2122: return 0x99
    case 0x0161: return 0x9A
    case 0x203A: return 0x9B
    case 0x0153: return 0x9C
    case 0x017E: return 0x9E
    case 0x0178: return 0x9F
    default: return nil
    }
  }

  /// Continuation characters that real text does put right after a letter: quotes,
  /// guillemets, dashes, ellipsis, bullets, ™ ®, NBSP, soft hyphen, acute accent.
  @inline(__always)
  static func isSoft(_ c: UInt32) -> Bool {
    switch c {
    case 0x2019, 0x2018, 0x201D, 0x201C, 0xBB, 0xAB, 0x2026, 0x2013, 0x2014, 0x2022, 0xB7,
      0x2122, 0xAE, 0x203A, 0x2039, 0xB4, 0xA0, 0xAD:
      return true
    default:
      return false
    }
  }

  /// Soft continuations that real text puts between two letters (`Ç’a`, `l·l`, `A–B`).
  @inline(__always)
  static func sitsBetweenLetters(_ c: UInt32) -> Bool {
    c == 0x2019 || c == 0x2018 || c == 0xB7 || c == 0x2013 || c == 0x2014 || c == 0xAD
  }

  /// Whether a repaired character is one real text uses (see the type's documentation).
  static func isPlausible(_ c: UInt32, afterLetter: Bool) -> Bool {
    switch c {
    // A repair must not create a line break: the next pass would split the line there
    // (a fuzz finding: `â€¨` → U+2028 broke idempotence).
    case 0x2028, 0x2029: return false
    case 0x20...0x7E, 0xA0...0x17F: return true
    case 0x18F, 0x192, 0x1A0, 0x1A1, 0x1AF, 0x1B0, 0x1CD...0x1DC, 0x218...0x21B, 0x259: return true
    case 0x2BB, 0x2BC, 0x2C6, 0x2C7, 0x2DC: return true
    case 0x300...0x304, 0x306...0x30C, 0x323, 0x327, 0x328: return afterLetter  // combining
    case 0x386...0x3CE: return true  // Greek
    case 0x400...0x45F, 0x490, 0x491: return true  // Cyrillic
    case 0x5D0...0x5EA: return true  // Hebrew letters
    case 0x60C, 0x61B, 0x61F, 0x621...0x652, 0x660...0x66D, 0x670...0x6D3, 0x6F0...0x6F9:
      return true
    case 0x900...0xDFF, 0xE01...0xE5B: return true  // Indic, Thai
    case 0x10A0...0x10FF, 0x1780...0x17FF, 0x1E00...0x1FFF: return true
    case 0x2000...0x2BFF, 0x2E80...0x2FDF, 0x3000...0x30FF, 0x3105...0x312F: return true
    case 0x31F0...0x31FF, 0x3200...0x33FF, 0x4E00...0x9FFF, 0xAC00...0xD7A3: return true
    case 0xFE30...0xFE4F, 0xFF01...0xFFEF, 0x1F000...0x1FAFF: return true
    default: return false
    }
  }
}

/// Coarse letter classes for the mojibake heuristics (no tables; scripts the repairs use).
enum Letters {
  @inline(__always)
  static func isUpper(_ c: UInt32) -> Bool {
    switch c {
    case 0x41...0x5A, 0xC0...0xD6, 0xD8...0xDE, 0x391...0x3A9, 0x400...0x42F: true
    case 0x100...0x17F: c & 1 == 0
    default: false
    }
  }

  @inline(__always)
  static func isLower(_ c: UInt32) -> Bool {
    switch c {
    case 0x61...0x7A, 0xDF...0xF6, 0xF8...0xFF, 0x3AC...0x3CE, 0x430...0x45F: true
    case 0x100...0x17F: c & 1 == 1
    default: false
    }
  }

  @inline(__always)
  static func isLetter(_ c: UInt32) -> Bool {
    switch c {
    case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xB5, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F: true
    case 0x370...0x3FF, 0x400...0x52F, 0x531...0x587, 0x5D0...0x5EA, 0x620...0x64A: true
    case 0x671...0x6D3, 0x900...0xE7F, 0x10A0...0x10FF, 0x1E00...0x1FFF: true
    case 0x3040...0x30FF, 0x3400...0x9FFF, 0xAC00...0xD7A3: true
    default: false
    }
  }
}
