import Winnow

/// Decoded text → the fast tokenizer against ICU's word break iterator (the reference),
/// with punctuation tokens on.
///
/// Properties: identical word boundaries and rule statuses, identical tokens; tokens are
/// in order, non-empty, non-overlapping and inside the text.
public final class TokenizeFuzzCheck: FuzzCheck {
  public static let target = "FuzzTokenize"
  let fast: any Tokenizer
  let icu: any Tokenizer

  public init() throws(WinnowError) {
    let options = TokenizerOptions(includePunctuation: true)
    fast = try makeTokenizer(.fast, options: options)
    icu = try makeTokenizer(.icu, options: options)
  }

  public func check(_ input: [UInt8]) -> String? {
    let text: [UInt8]
    do {
      text = try TextDecoder().decode(input).bytes
    } catch {
      return "non-strict decoding threw: \(error)"
    }
    do {
      let f = try fast.wordBoundaries(text)
      let r = try icu.wordBoundaries(text)
      if f.boundaries != r.boundaries || f.statuses != r.statuses {
        let n = min(f.boundaries.count, r.boundaries.count)
        let k =
          (0..<n).first { f.boundaries[$0] != r.boundaries[$0] || f.statuses[$0] != r.statuses[$0] }
          ?? n
        func show(_ b: [Int32], _ s: [Int32]) -> String {
          (max(0, k - 2)..<min(b.count, k + 3)).map { "\(b[$0])/\(s[$0])" }.joined(separator: " ")
        }
        return
          "word boundaries differ at index \(k)\nfast: \(show(f.boundaries, f.statuses))\nicu:  \(show(r.boundaries, r.statuses))\ntext: \(hex(text))"
      }
      let ft = try fast.tokens(text)
      let rt = try icu.tokens(text)
      if ft != rt {
        let k = (0..<min(ft.count, rt.count)).first { ft[$0] != rt[$0] } ?? min(ft.count, rt.count)
        let fs = k < ft.count ? "\(ft[k].range) \(ft[k].kind)" : "none"
        let rs = k < rt.count ? "\(rt[k].range) \(rt[k].kind)" : "none"
        return "tokens differ at index \(k): fast \(fs), icu \(rs)\ntext: \(hex(text))"
      }
      var end = 0
      for t in ft {
        guard t.range.lowerBound >= end, !t.range.isEmpty, t.range.upperBound <= text.count else {
          return "token \(t.range) out of order, empty or outside the \(text.count) bytes"
        }
        end = t.range.upperBound
      }
    } catch {
      return "a tokenizer threw: \(error)\ntext: \(hex(text))"
    }
    return nil
  }
}
