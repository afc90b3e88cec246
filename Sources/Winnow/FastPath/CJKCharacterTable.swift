internal import CICU

/// What the CJK engine needs to know about each code point, built once from ICU at start-up
/// so that segmentation makes no per-character ICU calls.
///
/// A flat byte of flags per code point below U+40000 (no Han or kana lies above), the NFKC
/// mapping of the few handled characters that NFKC changes, and the kana compositions with
/// U+3099/U+309A that half-width sound marks (U+FF9E/U+FF9F) produce.
final class CJKCharacterTable: @unchecked Sendable {
  // @unchecked: every stored property is written in `init` only and never mutated after;
  // `flags` is a buffer this object owns and frees in `deinit`.

  /// In ICU's engine set `[[:Han:][:Hiragana:][:Katakana:]\u30fc\uff70\uff9e\uff9f]`.
  static let handled: UInt8 = 1
  /// In `$KanaKanji` of ICU's word.txt (Han or Hiragana script, or Word_Break=Katakana):
  /// the rule `$KanaKanji $KanaKanji {400}` chains two of these.
  static let kanaKanji: UInt8 = 2
  /// Word_Break Extend, Format or ZWJ: the rules never break before it (WB4), and for the
  /// handled ones (U+FF9E, U+FF9F, U+16FF0, U+16FF1) NFKC has no boundary before it either.
  static let attaches: UInt8 = 4
  /// Ideographic, Hiragana script or Word_Break=Katakana: a lone one is a word (status 400)
  /// by `$IdeographicEx`, `$HiraganaEx` or `$KatakanaEx`.
  static let wordAlone: UInt8 = 8
  /// NFKC maps it to something else (see ``withMapping(_:_:)``).
  static let mapped: UInt8 = 16
  /// Word_Break=Katakana: WB13 chains two of these across Extend characters.
  static let katakana: UInt8 = 32

  /// The largest code point with flags.
  static let limit: UInt32 = 0x40000

  /// One flags byte per code point below ``limit``.
  let flags: UnsafeMutablePointer<UInt8>
  /// Mapped code point -> (start, count) in ``mappingStorage``.
  private let mappings: [UInt32: (start: Int, count: Int)]
  private let mappingStorage: [UInt32]
  /// (base << 32 | combining mark) -> NFC composition, for kana bases and U+3099/U+309A.
  private let compositions: [UInt64: UInt32]
  /// The most code points NFKC produces from one handled code point.
  let maxExpansion: Int

  /// Builds the table from ICU's properties and NFKC normalizer.
  ///
  /// - Throws: ``ICUError`` if NFKC normalization fails.
  init() throws(ICUError) {
    let flags = UnsafeMutablePointer<UInt8>.allocate(capacity: Int(Self.limit))
    flags.initialize(repeating: 0, count: Int(Self.limit))
    var handledInBlock = [UInt32]()
    var mappings: [UInt32: (start: Int, count: Int)] = [:]
    var storage: [UInt32] = []
    var maxExpansion = 1
    do {
      var block: UInt32 = 0
      while block < Self.limit {
        handledInBlock.removeAll(keepingCapacity: true)
        for cp in block..<(block + 256) where !(0xD800...0xDFFF).contains(cp) {
          let f = Self.computeFlags(cp)
          flags[Int(cp)] = f
          if f & Self.handled != 0 { handledInBlock.append(cp) }
        }
        block += 256
        if handledInBlock.isEmpty { continue }
        // Most blocks are NFKC-invariant: check the starters of a block in one call.
        let starters = handledInBlock.filter { flags[Int($0)] & Self.attaches == 0 }
        let candidates: [UInt32]
        if !starters.isEmpty, try Self.nfkc(starters) == starters {
          candidates = handledInBlock.filter { flags[Int($0)] & Self.attaches != 0 }
        } else {
          candidates = handledInBlock
        }
        for cp in candidates {
          let m = try Self.nfkc([cp])
          if m != [cp] {
            flags[Int(cp)] |= Self.mapped
            mappings[cp] = (storage.count, m.count)
            storage.append(contentsOf: m)
            maxExpansion = max(maxExpansion, m.count)
          }
        }
      }
      // Kana + voiced/semi-voiced sound mark compositions (what U+FF9E/U+FF9F become).
      var compositions: [UInt64: UInt32] = [:]
      for base in UInt32(0x3040)...UInt32(0x30FF) {
        for mark in [UInt32(0x3099), UInt32(0x309A)] {
          let c = try Self.nfkc([base, mark])
          if c.count == 1 { compositions[UInt64(base) << 32 | UInt64(mark)] = c[0] }
        }
      }
      self.compositions = compositions
    } catch {
      flags.deallocate()
      throw error
    }
    self.flags = flags
    self.mappings = mappings
    self.mappingStorage = storage
    self.maxExpansion = maxExpansion
  }

  deinit { flags.deallocate() }

  /// The flags of `cp` (0 for code points at or above ``limit``).
  @inline(__always)
  func flags(_ cp: UInt32) -> UInt8 {
    cp < Self.limit ? flags[Int(cp)] : 0
  }

  /// Calls `body` with the NFKC mapping of a ``mapped`` code point (else with `cp` alone).
  @inline(__always)
  func withMapping<R>(_ cp: UInt32, _ body: (ArraySlice<UInt32>) -> R) -> R {
    if let m = mappings[cp] {
      return body(mappingStorage[m.start..<(m.start + m.count)])
    }
    return body([cp][...])
  }

  /// The NFC composition of `base` with a kana sound mark, if there is one.
  @inline(__always)
  func compose(_ base: UInt32, _ mark: UInt32) -> UInt32? {
    compositions[UInt64(base) << 32 | UInt64(mark)]
  }

  private static func computeFlags(_ cp: UInt32) -> UInt8 {
    let c = Int32(bitPattern: cp)
    let script = cicu_char_property(c, CICU_PROP_SCRIPT)
    // USCRIPT_HAN = 17, USCRIPT_HIRAGANA = 20, USCRIPT_KATAKANA = 22.
    let isHanOrKana = script == 17 || script == 20 || script == 22
    let isExtra = cp == 0x30FC || cp == 0xFF70 || cp == 0xFF9E || cp == 0xFF9F
    guard isHanOrKana || isExtra else { return 0 }
    // UWordBreakValues: FORMAT = 2, KATAKANA = 3, EXTEND = 9, ZWJ = 21.
    let wb = cicu_char_property(c, CICU_PROP_WORD_BREAK)
    var f = handled
    if script == 17 || script == 20 || wb == 3 { f |= kanaKanji }
    if wb == 2 || wb == 9 || wb == 21 { f |= attaches }
    if wb == 3 { f |= katakana }
    if cicu_char_property(c, CICU_PROP_IDEOGRAPHIC) != 0 || script == 20 || wb == 3 {
      f |= wordAlone
    }
    return f
  }

  /// NFKC of a code point sequence through ICU (start-up, and the rare fallback).
  static func nfkc(_ cps: [UInt32]) throws(ICUError) -> [UInt32] {
    var src: [UInt16] = []
    src.reserveCapacity(cps.count * 2)
    for cp in cps { appendUTF16(cp, to: &src) }
    var dst = [UInt16](repeating: 0, count: src.count * 4 + 16)
    var status: Int32 = 0
    var n = cicu_normalize_utf16(
      CICU_NFKC, src, Int32(src.count), &dst, Int32(dst.count), &status)
    if status == CICU_BUFFER_OVERFLOW {
      dst = [UInt16](repeating: 0, count: Int(n))
      status = 0
      n = cicu_normalize_utf16(CICU_NFKC, src, Int32(src.count), &dst, Int32(dst.count), &status)
    }
    try checkICU(status, "unorm2_normalize")
    var out: [UInt32] = []
    out.reserveCapacity(Int(n))
    var i = 0
    while i < Int(n) {
      let u = UInt32(dst[i])
      if (0xD800...0xDBFF).contains(u), i + 1 < Int(n),
        (0xDC00...0xDFFF).contains(UInt32(dst[i + 1]))
      {
        out.append(0x10000 + ((u - 0xD800) << 10) + (UInt32(dst[i + 1]) - 0xDC00))
        i += 2
      } else {
        out.append(u)
        i += 1
      }
    }
    return out
  }

  private static func appendUTF16(_ cp: UInt32, to out: inout [UInt16]) {
    if cp < 0x10000 {
      out.append(UInt16(cp))
    } else {
      let v = cp - 0x10000
      out.append(UInt16(0xD800 + (v >> 10)))
      out.append(UInt16(0xDC00 + (v & 0x3FF)))
    }
  }
}
