// Implementation of CICU.h. ICU headers appear only here.
#include "CICU.h"

#include <unicode/brkiter.h>
#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/edits.h>
#include <unicode/normalizer2.h>
#include <unicode/ubrk.h>
#include <unicode/putil.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/ucnv.h>
#include <unicode/ucpmap.h>
#include <unicode/ucptrie.h>
#include <unicode/uset.h>
#include <unicode/udata.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>
#include <unicode/utext.h>
#include <unicode/utrans.h>
#include <unicode/uversion.h>

#include <cstdlib>
#include <cstring>
#include <new>
#include <vector>

static_assert(CICU_BUFFER_OVERFLOW == U_BUFFER_OVERFLOW_ERROR, "mirrored constant");
static_assert(CICU_OK == U_ZERO_ERROR, "mirrored constant");
static_assert(CICU_ILLEGAL_ARGUMENT == U_ILLEGAL_ARGUMENT_ERROR, "mirrored constant");
static_assert(CICU_INVALID_CHAR_FOUND == U_INVALID_CHAR_FOUND, "mirrored constant");
static_assert(CICU_TRUNCATED_CHAR_FOUND == U_TRUNCATED_CHAR_FOUND, "mirrored constant");
static_assert(CICU_ILLEGAL_CHAR_FOUND == U_ILLEGAL_CHAR_FOUND, "mirrored constant");
static_assert(UNORM_NO == 0 && UNORM_YES == 1 && UNORM_MAYBE == 2, "quick-check values documented in CICU.h");
static_assert((int)CICU_BREAK_WORD == (int)UBRK_WORD && (int)CICU_BREAK_LINE == (int)UBRK_LINE &&
                  (int)CICU_BREAK_SENTENCE == (int)UBRK_SENTENCE &&
                  (int)CICU_BREAK_CHARACTER == (int)UBRK_CHARACTER,
              "mirrored constant");

using icu::Edits;
using icu::Normalizer2;
using icu::StringPiece;

extern "C" const char *cicu_error_name(int32_t status) {
  return u_errorName(static_cast<UErrorCode>(status));
}

static void versionString(const UVersionInfo v, char out[24]) {
  char buf[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(v, buf);
  std::strncpy(out, buf, 23);
  out[23] = 0;
}

extern "C" void cicu_icu_version(char out[24]) {
  UVersionInfo v;
  u_getVersion(v);
  versionString(v, out);
}

extern "C" void cicu_unicode_version(char out[24]) {
  UVersionInfo v;
  u_getUnicodeVersion(v);
  versionString(v, out);
}

// MARK: - Normalization

static const Normalizer2 *normalizer(cicu_norm_form form, UErrorCode &ec) {
  switch (form) {
    case CICU_NFC: return Normalizer2::getNFCInstance(ec);
    case CICU_NFD: return Normalizer2::getNFDInstance(ec);
    case CICU_NFKC: return Normalizer2::getNFKCInstance(ec);
    case CICU_NFKD: return Normalizer2::getNFKDInstance(ec);
    case CICU_NFKC_CASEFOLD: return Normalizer2::getNFKCCasefoldInstance(ec);
  }
  ec = U_ILLEGAL_ARGUMENT_ERROR;
  return nullptr;
}

namespace {
/// A ByteSink over a caller's fixed buffer that counts what did not fit.
class BoundedSink : public icu::ByteSink {
 public:
  BoundedSink(uint8_t *dst, int32_t cap) : dst_(dst), cap_(cap), len_(0) {}
  void Append(const char *bytes, int32_t n) override {
    if (n <= 0) return;
    if (len_ < cap_) {
      int32_t room = cap_ - len_;
      int32_t k = n < room ? n : room;
      std::memcpy(dst_ + len_, bytes, static_cast<size_t>(k));
    }
    len_ += n;
  }
  int32_t length() const { return len_; }

 private:
  uint8_t *dst_;
  int32_t cap_;
  int32_t len_;
};

/// Writes an Edits' fine changes as (old, new, changed) triples.
void exportEdits(const Edits &edits, int32_t *out, int32_t cap, int32_t *count, UErrorCode &ec) {
  Edits::Iterator it = edits.getFineIterator();
  int32_t n = 0;
  while (it.next(ec)) {
    if (n < cap && out != nullptr) {
      out[3 * n] = it.oldLength();
      out[3 * n + 1] = it.newLength();
      out[3 * n + 2] = it.hasChange() ? 1 : 0;
    }
    n++;
  }
  if (count) *count = n;
  if (U_SUCCESS(ec) && n > cap) ec = U_BUFFER_OVERFLOW_ERROR;
}
}  // namespace

extern "C" bool cicu_is_normalized_utf8(cicu_norm_form form, const uint8_t *src,
                                        int32_t length, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  const Normalizer2 *n = normalizer(form, ec);
  bool r = false;
  if (U_SUCCESS(ec)) {
    r = n->isNormalizedUTF8(StringPiece(reinterpret_cast<const char *>(src), length), ec);
  }
  *status = ec;
  return U_SUCCESS(ec) && r;
}

extern "C" int32_t cicu_norm_unstable_ranges(cicu_norm_form form, uint32_t *ranges,
                                             int32_t capacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  if (U_FAILURE(ec)) return 0;
  UProperty qc;
  switch (form) {
    case CICU_NFC: qc = UCHAR_NFC_QUICK_CHECK; break;
    case CICU_NFD: qc = UCHAR_NFD_QUICK_CHECK; break;
    case CICU_NFKC: qc = UCHAR_NFKC_QUICK_CHECK; break;
    case CICU_NFKD: qc = UCHAR_NFKD_QUICK_CHECK; break;
    default: *status = U_ILLEGAL_ARGUMENT_ERROR; return 0;
  }
  icu::UnicodeSet stable, starters;
  stable.applyIntPropertyValue(qc, UNORM_YES, ec);
  starters.applyIntPropertyValue(UCHAR_CANONICAL_COMBINING_CLASS, 0, ec);
  if (U_FAILURE(ec)) {
    *status = ec;
    return 0;
  }
  stable.retainAll(starters).complement();
  int32_t count = stable.getRangeCount();
  for (int32_t i = 0; i < count && i < capacity; i++) {
    ranges[2 * i] = static_cast<uint32_t>(stable.getRangeStart(i));
    ranges[2 * i + 1] = static_cast<uint32_t>(stable.getRangeEnd(i));
  }
  if (count > capacity) ec = U_BUFFER_OVERFLOW_ERROR;
  *status = ec;
  return count;
}

extern "C" int32_t cicu_normalize_utf8(cicu_norm_form form, const uint8_t *src, int32_t length,
                                       uint8_t *dst, int32_t dstCapacity, int32_t *edits,
                                       int32_t editsCapacity, int32_t *editsCount,
                                       int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  if (U_FAILURE(ec)) return 0;
  const Normalizer2 *n = normalizer(form, ec);
  if (U_FAILURE(ec)) { *status = ec; return 0; }
  BoundedSink sink(dst, dstCapacity);
  Edits e;
  n->normalizeUTF8(0, StringPiece(reinterpret_cast<const char *>(src), length), sink,
                   edits != nullptr || editsCount != nullptr ? &e : nullptr, ec);
  if (U_SUCCESS(ec) && (edits != nullptr || editsCount != nullptr)) {
    exportEdits(e, edits, editsCapacity, editsCount, ec);
  }
  if (U_SUCCESS(ec) && sink.length() > dstCapacity) ec = U_BUFFER_OVERFLOW_ERROR;
  *status = ec;
  return sink.length();
}

extern "C" int32_t cicu_normalize_utf16(cicu_norm_form form, const uint16_t *src, int32_t length,
                                        uint16_t *dst, int32_t dstCapacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  const UNormalizer2 *n = nullptr;
  switch (form) {
    case CICU_NFC: n = unorm2_getNFCInstance(&ec); break;
    case CICU_NFD: n = unorm2_getNFDInstance(&ec); break;
    case CICU_NFKC: n = unorm2_getNFKCInstance(&ec); break;
    case CICU_NFKD: n = unorm2_getNFKDInstance(&ec); break;
    case CICU_NFKC_CASEFOLD: n = unorm2_getNFKCCasefoldInstance(&ec); break;
  }
  if (n == nullptr || U_FAILURE(ec)) { *status = U_FAILURE(ec) ? ec : U_ILLEGAL_ARGUMENT_ERROR; return 0; }
  int32_t r = unorm2_normalize(n, reinterpret_cast<const UChar *>(src), length,
                               reinterpret_cast<UChar *>(dst), dstCapacity, &ec);
  *status = ec;
  return r;
}

extern "C" int32_t cicu_fold_case_utf8(const uint8_t *src, int32_t length, uint8_t *dst,
                                       int32_t dstCapacity, int32_t *edits, int32_t editsCapacity,
                                       int32_t *editsCount, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  if (U_FAILURE(ec)) return 0;
  BoundedSink sink(dst, dstCapacity);
  Edits e;
  icu::CaseMap::utf8Fold(0, StringPiece(reinterpret_cast<const char *>(src), length), sink,
                         edits != nullptr || editsCount != nullptr ? &e : nullptr, ec);
  if (U_SUCCESS(ec) && (edits != nullptr || editsCount != nullptr)) {
    exportEdits(e, edits, editsCapacity, editsCount, ec);
  }
  if (U_SUCCESS(ec) && sink.length() > dstCapacity) ec = U_BUFFER_OVERFLOW_ERROR;
  *status = ec;
  return sink.length();
}

extern "C" int32_t cicu_utf8_to_utf16(const uint8_t *src, int32_t length, uint16_t *dst,
                                      int32_t dstCapacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  int32_t out = 0;
  u_strFromUTF8WithSub(reinterpret_cast<UChar *>(dst), dstCapacity, &out,
                       reinterpret_cast<const char *>(src), length, 0xFFFD, nullptr, &ec);
  if (ec == U_STRING_NOT_TERMINATED_WARNING) ec = U_ZERO_ERROR;
  *status = ec;
  return out;
}

extern "C" int32_t cicu_utf16_to_utf8(const uint16_t *src, int32_t length, uint8_t *dst,
                                      int32_t dstCapacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  int32_t out = 0;
  u_strToUTF8WithSub(reinterpret_cast<char *>(dst), dstCapacity, &out,
                     reinterpret_cast<const UChar *>(src), length, 0xFFFD, nullptr, &ec);
  if (ec == U_STRING_NOT_TERMINATED_WARNING) ec = U_ZERO_ERROR;
  *status = ec;
  return out;
}

// MARK: - Properties

extern "C" int32_t cicu_char_property(int32_t c, cicu_property property) {
  if (c < 0 || c > 0x10FFFF) return 0;
  UChar32 ch = c;
  switch (property) {
    case CICU_PROP_GENERAL_CATEGORY: return u_charType(ch);
    case CICU_PROP_SCRIPT: {
      UErrorCode ec = U_ZERO_ERROR;
      return uscript_getScript(ch, &ec);
    }
    case CICU_PROP_WORD_BREAK: return u_getIntPropertyValue(ch, UCHAR_WORD_BREAK);
    case CICU_PROP_SENTENCE_BREAK: return u_getIntPropertyValue(ch, UCHAR_SENTENCE_BREAK);
    case CICU_PROP_LINE_BREAK: return u_getIntPropertyValue(ch, UCHAR_LINE_BREAK);
    case CICU_PROP_GRAPHEME_BREAK: return u_getIntPropertyValue(ch, UCHAR_GRAPHEME_CLUSTER_BREAK);
    case CICU_PROP_EXTENDED_PICTOGRAPHIC: return u_hasBinaryProperty(ch, UCHAR_EXTENDED_PICTOGRAPHIC);
    case CICU_PROP_EAST_ASIAN_WIDTH: return u_getIntPropertyValue(ch, UCHAR_EAST_ASIAN_WIDTH);
    case CICU_PROP_IDEOGRAPHIC: return u_hasBinaryProperty(ch, UCHAR_IDEOGRAPHIC);
    case CICU_PROP_LINE_BREAK_DICTIONARY:
      return u_getIntPropertyValue(ch, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT;
    case CICU_PROP_ALPHABETIC: return u_hasBinaryProperty(ch, UCHAR_ALPHABETIC);
    case CICU_PROP_JOINING_TYPE: return u_getIntPropertyValue(ch, UCHAR_JOINING_TYPE);
    case CICU_PROP_EMOJI_MODIFIER: return u_hasBinaryProperty(ch, UCHAR_EMOJI_MODIFIER);
    case CICU_PROP_DEFAULT_IGNORABLE: return u_hasBinaryProperty(ch, UCHAR_DEFAULT_IGNORABLE_CODE_POINT);
    case CICU_PROP_INDIC_SYLLABIC_CATEGORY:
      return u_getIntPropertyValue(ch, UCHAR_INDIC_SYLLABIC_CATEGORY);
    case CICU_PROP_WHITE_SPACE: return u_hasBinaryProperty(ch, UCHAR_WHITE_SPACE);
    case CICU_PROP_CANONICAL_COMBINING_CLASS: return u_getCombiningClass(ch);
    case CICU_PROP_NFC_QUICK_CHECK: return u_getIntPropertyValue(ch, UCHAR_NFC_QUICK_CHECK);
    case CICU_PROP_NFD_QUICK_CHECK: return u_getIntPropertyValue(ch, UCHAR_NFD_QUICK_CHECK);
    case CICU_PROP_NFKC_QUICK_CHECK: return u_getIntPropertyValue(ch, UCHAR_NFKC_QUICK_CHECK);
    case CICU_PROP_NFKD_QUICK_CHECK: return u_getIntPropertyValue(ch, UCHAR_NFKD_QUICK_CHECK);
  }
  return 0;
}

extern "C" int32_t cicu_fold_code_point(int32_t c, int32_t out[4]) {
  UChar src[2];
  int32_t srcLen = 0;
  UBool err = false;
  U16_APPEND(src, srcLen, 2, c, err);
  if (err) return 0;
  UChar dst[8];
  UErrorCode ec = U_ZERO_ERROR;
  int32_t n = u_strFoldCase(dst, 8, src, srcLen, U_FOLD_CASE_DEFAULT, &ec);
  if (U_FAILURE(ec)) return 0;
  int32_t k = 0;
  for (int32_t i = 0; i < n && k < 4;) {
    UChar32 cp;
    U16_NEXT(dst, i, n, cp);
    out[k++] = cp;
  }
  return k;
}

// MARK: - Break iteration

struct cicu_break {
  UBreakIterator *bi;
  UText *text;
};

extern "C" cicu_break *cicu_break_open(cicu_break_type type, const char *locale,
                                       int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  UBreakIterator *bi = ubrk_open(static_cast<UBreakIteratorType>(type), locale, nullptr, 0, &ec);
  *status = ec;
  if (U_FAILURE(ec)) { if (bi) ubrk_close(bi); return nullptr; }
  auto *b = new (std::nothrow) cicu_break{bi, nullptr};
  if (!b) { ubrk_close(bi); *status = U_MEMORY_ALLOCATION_ERROR; }
  return b;
}

extern "C" cicu_break *cicu_break_clone(const cicu_break *brk, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  UBreakIterator *bi = ubrk_clone(brk->bi, &ec);
  *status = ec;
  if (U_FAILURE(ec)) { if (bi) ubrk_close(bi); return nullptr; }
  auto *b = new (std::nothrow) cicu_break{bi, nullptr};
  if (!b) { ubrk_close(bi); *status = U_MEMORY_ALLOCATION_ERROR; }
  return b;
}

extern "C" void cicu_break_close(cicu_break *brk) {
  if (!brk) return;
  ubrk_close(brk->bi);
  if (brk->text) utext_close(brk->text);
  delete brk;
}

extern "C" void cicu_break_set_text(cicu_break *brk, const uint8_t *text, int32_t length,
                                    int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  static const char empty = 0;
  brk->text = utext_openUTF8(brk->text, text ? reinterpret_cast<const char *>(text) : &empty,
                             length, &ec);
  if (U_SUCCESS(ec)) ubrk_setUText(brk->bi, brk->text, &ec);
  *status = ec;
}

extern "C" int32_t cicu_break_next_batch(cicu_break *brk, int32_t *boundaries,
                                         int32_t *statuses, int32_t capacity) {
  int32_t n = 0;
  while (n < capacity) {
    int32_t b = ubrk_next(brk->bi);
    if (b == UBRK_DONE) break;
    boundaries[n] = b;
    if (statuses) statuses[n] = ubrk_getRuleStatus(brk->bi);
    n++;
  }
  return n;
}

// MARK: - Transliteration

struct cicu_translit {
  UTransliterator *t;
};

extern "C" cicu_translit *cicu_translit_open(const char *id, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  std::vector<UChar> uid(std::strlen(id) * 2 + 2);
  int32_t len = 0;
  u_strFromUTF8(uid.data(), static_cast<int32_t>(uid.size()), &len, id, -1, &ec);
  UTransliterator *t = nullptr;
  if (U_SUCCESS(ec)) t = utrans_openU(uid.data(), len, UTRANS_FORWARD, nullptr, 0, nullptr, &ec);
  *status = ec;
  if (U_FAILURE(ec)) { if (t) utrans_close(t); return nullptr; }
  return new cicu_translit{t};
}

extern "C" cicu_translit *cicu_translit_clone(const cicu_translit *t, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  UTransliterator *c = utrans_clone(t->t, &ec);
  *status = ec;
  if (U_FAILURE(ec)) { if (c) utrans_close(c); return nullptr; }
  return new cicu_translit{c};
}

extern "C" void cicu_translit_close(cicu_translit *t) {
  if (!t) return;
  utrans_close(t->t);
  delete t;
}

extern "C" int32_t cicu_translit_utf8(cicu_translit *t, const uint8_t *src, int32_t length,
                                      uint8_t *dst, int32_t dstCapacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  if (U_FAILURE(ec)) return 0;
  int32_t u16len = 0;
  u_strFromUTF8WithSub(nullptr, 0, &u16len, reinterpret_cast<const char *>(src), length, 0xFFFD,
                       nullptr, &ec);
  if (ec == U_BUFFER_OVERFLOW_ERROR) ec = U_ZERO_ERROR;
  if (U_FAILURE(ec)) { *status = ec; return 0; }
  // Transliteration may grow the text; give it room and retry on overflow.
  int32_t cap = u16len * 4 + 16;
  std::vector<UChar> buf;
  int32_t textLength = 0, limit = 0;
  for (int attempt = 0; attempt < 2; attempt++) {
    buf.assign(static_cast<size_t>(cap), 0);
    ec = U_ZERO_ERROR;
    u_strFromUTF8WithSub(buf.data(), cap, &textLength, reinterpret_cast<const char *>(src),
                         length, 0xFFFD, nullptr, &ec);
    if (U_FAILURE(ec)) break;
    limit = textLength;
    utrans_transUChars(t->t, buf.data(), &textLength, cap, 0, &limit, &ec);
    if (ec != U_BUFFER_OVERFLOW_ERROR) break;
    cap = textLength + 16;
  }
  if (U_FAILURE(ec)) { *status = ec; return 0; }
  int32_t out = 0;
  u_strToUTF8WithSub(reinterpret_cast<char *>(dst), dstCapacity, &out, buf.data(), textLength,
                     0xFFFD, nullptr, &ec);
  if (ec == U_STRING_NOT_TERMINATED_WARNING) ec = U_ZERO_ERROR;
  *status = ec;
  return out;
}

// MARK: - Charset conversion

struct cicu_converter {
  UConverter *cnv;
  UConverter *utf8;
  UChar pivot[1024];
  UChar *pivotSource;
  UChar *pivotTarget;
};

extern "C" cicu_converter *cicu_converter_open(const char *name, bool stopOnError,
                                               int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  UConverter *cnv = ucnv_open(name, &ec);
  UConverter *utf8 = U_SUCCESS(ec) ? ucnv_open("UTF-8", &ec) : nullptr;
  if (U_SUCCESS(ec) && stopOnError) {
    ucnv_setToUCallBack(cnv, UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &ec);
    ucnv_setFromUCallBack(cnv, UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &ec);
  }
  *status = ec;
  if (U_FAILURE(ec)) {
    if (cnv) ucnv_close(cnv);
    if (utf8) ucnv_close(utf8);
    return nullptr;
  }
  auto *c = new cicu_converter;
  c->cnv = cnv;
  c->utf8 = utf8;
  c->pivotSource = c->pivotTarget = c->pivot;
  return c;
}

extern "C" void cicu_converter_close(cicu_converter *c) {
  if (!c) return;
  ucnv_close(c->cnv);
  ucnv_close(c->utf8);
  delete c;
}

extern "C" const char *cicu_converter_name(const cicu_converter *c, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  const char *n = ucnv_getName(c->cnv, &ec);
  *status = ec;
  return n;
}

extern "C" void cicu_converter_reset(cicu_converter *c) {
  ucnv_reset(c->cnv);
  ucnv_reset(c->utf8);
  c->pivotSource = c->pivotTarget = c->pivot;
}

extern "C" int32_t cicu_converter_to_utf8(cicu_converter *c, const uint8_t *src, int32_t length,
                                          int32_t *consumed, uint8_t *dst, int32_t dstCapacity,
                                          bool flush, int32_t *errorOffset, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  // ucnv_convertEx rejects null pointers even for empty buffers (U_ILLEGAL_ARGUMENT_ERROR),
  // and a final flush is typically called with no more input.
  static const char emptySource = 0;
  char emptyTarget = 0;
  if (src == nullptr) length = 0;
  if (dst == nullptr) dstCapacity = 0;
  const char *srcStart = src ? reinterpret_cast<const char *>(src) : &emptySource;
  const char *s = srcStart;
  const char *sLimit = s + length;
  char *dstStart = dst ? reinterpret_cast<char *>(dst) : &emptyTarget;
  char *t = dstStart;
  char *tLimit = t + dstCapacity;
  // ucnv_convertEx(target=UTF-8, source=charset) with a persistent pivot for streaming.
  ucnv_convertEx(c->utf8, c->cnv, &t, tLimit, &s, sLimit, c->pivot, &c->pivotSource,
                 &c->pivotTarget, c->pivot + 1024, false, flush, &ec);
  if (consumed) *consumed = static_cast<int32_t>(s - srcStart);
  if (U_FAILURE(ec) && ec != U_BUFFER_OVERFLOW_ERROR && errorOffset) {
    // The bytes ICU held back as the offending sequence end at `s`.
    char errBytes[32];
    int8_t errLen = sizeof(errBytes);
    UErrorCode e2 = U_ZERO_ERROR;
    ucnv_getInvalidChars(c->cnv, errBytes, &errLen, &e2);
    *errorOffset = static_cast<int32_t>(s - srcStart) - (U_SUCCESS(e2) ? errLen : 0);
  }
  // Target-full is not an error for a streaming caller: it sees consumed < length.
  if (ec == U_BUFFER_OVERFLOW_ERROR) ec = U_ZERO_ERROR;
  *status = ec;
  return static_cast<int32_t>(t - dstStart);
}

extern "C" int32_t cicu_converter_from_utf8(cicu_converter *c, const uint8_t *src,
                                            int32_t length, uint8_t *dst, int32_t dstCapacity,
                                            int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  if (U_FAILURE(ec)) return 0;
  std::vector<UChar> u16(static_cast<size_t>(length) + 1);
  int32_t u16len = 0;
  u_strFromUTF8(u16.data(), static_cast<int32_t>(u16.size()), &u16len,
                reinterpret_cast<const char *>(src), length, &ec);
  if (U_FAILURE(ec)) { *status = ec; return 0; }
  ucnv_resetFromUnicode(c->cnv);
  int32_t n = ucnv_fromUChars(c->cnv, reinterpret_cast<char *>(dst), dstCapacity, u16.data(),
                              u16len, &ec);
  if (ec == U_STRING_NOT_TERMINATED_WARNING) ec = U_ZERO_ERROR;
  *status = ec;
  return n;
}

// MARK: - Data

struct cicu_data {
  UDataMemory *mem;
};

// MARK: - Property ranges (table building)

// Maps line-break values to 1 for SA (complex context), 0 otherwise (ucpmap_getRange filter).
static uint32_t U_CALLCONV cicu_filter_lb_sa(const void *, uint32_t value) {
  return value == U_LB_COMPLEX_CONTEXT ? 1 : 0;
}

// Appends `start` to the output with the overflow convention (counts past capacity).
static inline void cicu_put_start(int32_t *starts, int32_t capacity, int32_t &n, int32_t start) {
  if (n < capacity) starts[n] = start;
  n++;
}

extern "C" int32_t cicu_property_range_starts(cicu_property property, int32_t *starts,
                                              int32_t capacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  if (U_FAILURE(ec)) return 0;
  UProperty which = UCHAR_INVALID_CODE;
  bool binary = false;
  UCPMapValueFilter *filter = nullptr;
  switch (property) {
    case CICU_PROP_GENERAL_CATEGORY: which = UCHAR_GENERAL_CATEGORY; break;
    case CICU_PROP_SCRIPT: which = UCHAR_SCRIPT; break;
    case CICU_PROP_WORD_BREAK: which = UCHAR_WORD_BREAK; break;
    case CICU_PROP_SENTENCE_BREAK: which = UCHAR_SENTENCE_BREAK; break;
    case CICU_PROP_LINE_BREAK: which = UCHAR_LINE_BREAK; break;
    case CICU_PROP_GRAPHEME_BREAK: which = UCHAR_GRAPHEME_CLUSTER_BREAK; break;
    case CICU_PROP_EAST_ASIAN_WIDTH: which = UCHAR_EAST_ASIAN_WIDTH; break;
    case CICU_PROP_JOINING_TYPE: which = UCHAR_JOINING_TYPE; break;
    case CICU_PROP_INDIC_SYLLABIC_CATEGORY: which = UCHAR_INDIC_SYLLABIC_CATEGORY; break;
    case CICU_PROP_CANONICAL_COMBINING_CLASS: which = UCHAR_CANONICAL_COMBINING_CLASS; break;
    case CICU_PROP_NFC_QUICK_CHECK: which = UCHAR_NFC_QUICK_CHECK; break;
    case CICU_PROP_NFD_QUICK_CHECK: which = UCHAR_NFD_QUICK_CHECK; break;
    case CICU_PROP_NFKC_QUICK_CHECK: which = UCHAR_NFKC_QUICK_CHECK; break;
    case CICU_PROP_NFKD_QUICK_CHECK: which = UCHAR_NFKD_QUICK_CHECK; break;
    case CICU_PROP_LINE_BREAK_DICTIONARY: which = UCHAR_LINE_BREAK; filter = cicu_filter_lb_sa; break;
    case CICU_PROP_EXTENDED_PICTOGRAPHIC: which = UCHAR_EXTENDED_PICTOGRAPHIC; binary = true; break;
    case CICU_PROP_IDEOGRAPHIC: which = UCHAR_IDEOGRAPHIC; binary = true; break;
    case CICU_PROP_ALPHABETIC: which = UCHAR_ALPHABETIC; binary = true; break;
    case CICU_PROP_EMOJI_MODIFIER: which = UCHAR_EMOJI_MODIFIER; binary = true; break;
    case CICU_PROP_DEFAULT_IGNORABLE: which = UCHAR_DEFAULT_IGNORABLE_CODE_POINT; binary = true; break;
    case CICU_PROP_WHITE_SPACE: which = UCHAR_WHITE_SPACE; binary = true; break;
  }
  if (which == UCHAR_INVALID_CODE) {
    *status = U_ILLEGAL_ARGUMENT_ERROR;
    return 0;
  }
  int32_t n = 0;
  if (binary) {
    const USet *set = u_getBinaryPropertySet(which, &ec);
    if (U_FAILURE(ec)) { *status = ec; return 0; }
    cicu_put_start(starts, capacity, n, 0);
    int32_t items = uset_getRangeCount(set);
    for (int32_t i = 0; i < items; i++) {
      UChar32 lo = 0, hi = 0;
      UErrorCode ie = U_ZERO_ERROR;
      if (uset_getItem(set, i, &lo, &hi, nullptr, 0, &ie) != 0 || U_FAILURE(ie)) break;
      if (lo > 0) cicu_put_start(starts, capacity, n, lo);
      if (hi < 0x10FFFF) cicu_put_start(starts, capacity, n, hi + 1);
    }
    // uset ranges are disjoint and not adjacent, so starts are strictly ascending.
  } else {
    const UCPMap *map = u_getIntPropertyMap(which, &ec);
    if (U_FAILURE(ec)) { *status = ec; return 0; }
    UChar32 start = 0;
    while (start <= 0x10FFFF) {
      UChar32 end = ucpmap_getRange(map, start, UCPMAP_RANGE_NORMAL, 0, filter, nullptr, nullptr);
      if (end < start) break;
      cicu_put_start(starts, capacity, n, start);
      start = end + 1;
    }
  }
  *status = ec;
  return n;
}

extern "C" int32_t cicu_ucptrie_range_starts(const void *data, int32_t length, int32_t *starts,
                                             int32_t capacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  if (U_FAILURE(ec)) return 0;
  UCPTrie *trie = ucptrie_openFromBinary(UCPTRIE_TYPE_ANY, UCPTRIE_VALUE_BITS_ANY, data, length,
                                         nullptr, &ec);
  if (U_FAILURE(ec)) { *status = ec; return 0; }
  int32_t n = 0;
  UChar32 start = 0;
  while (start <= 0x10FFFF) {
    UChar32 end = ucptrie_getRange(trie, start, UCPMAP_RANGE_NORMAL, 0, nullptr, nullptr, nullptr);
    if (end < start) break;
    cicu_put_start(starts, capacity, n, start);
    start = end + 1;
  }
  ucptrie_close(trie);
  *status = ec;
  return n;
}

extern "C" cicu_data *cicu_data_open(const char *package, const char *type, const char *name,
                                     int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  UDataMemory *m = udata_open(package, type, name, &ec);
  *status = ec;
  if (U_FAILURE(ec)) return nullptr;
  return new cicu_data{m};
}

extern "C" const void *cicu_data_memory(const cicu_data *d) { return udata_getMemory(d->mem); }

extern "C" void cicu_data_close(cicu_data *d) {
  if (!d) return;
  udata_close(d->mem);
  delete d;
}

extern "C" const char *cicu_brkitr_package(void) { return U_ICUDATA_NAME U_TREE_SEPARATOR_STRING "brkitr"; }

// MARK: - Locale display names

#include <unicode/uloc.h>
#include <unicode/uregion.h>
#include <unicode/ucal.h>
#include <unicode/tznames.h>
#include <unicode/timezone.h>
#include <string>

// Copies `text` into dst with the overflow convention; returns the full length.
static int32_t cicu_copy_out(const std::string &text, uint8_t *dst, int32_t capacity, UErrorCode &ec) {
  int32_t n = static_cast<int32_t>(text.size());
  if (U_FAILURE(ec)) return 0;
  if (n > capacity) {
    ec = U_BUFFER_OVERFLOW_ERROR;
  } else if (n > 0) {
    std::memcpy(dst, text.data(), static_cast<size_t>(n));
  }
  return n;
}

extern "C" int32_t cicu_region_codes(int32_t type, uint8_t *dst, int32_t capacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  URegionType t = type == 1 ? URGN_CONTINENT : type == 2 ? URGN_SUBCONTINENT : type == 3 ? URGN_WORLD : URGN_TERRITORY;
  UEnumeration *en = uregion_getAvailable(t, &ec);
  std::string out;
  if (U_SUCCESS(ec)) {
    int32_t len = 0;
    const char *code;
    while ((code = uenum_next(en, &len, &ec)) != nullptr && U_SUCCESS(ec)) {
      if (!out.empty()) out.push_back('\n');
      out.append(code, static_cast<size_t>(len));
    }
    uenum_close(en);
  }
  int32_t n = cicu_copy_out(out, dst, capacity, ec);
  *status = ec;
  return n;
}

extern "C" int32_t cicu_region_display_name(const char *region, const char *displayLocale, uint8_t *dst,
                                            int32_t capacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  std::string locale = std::string("und_") + region;
  UChar buf[256];
  int32_t n16 = uloc_getDisplayCountry(locale.c_str(), displayLocale, buf, 256, &ec);
  std::string out;
  if (U_SUCCESS(ec)) icu::UnicodeString(buf, n16).toUTF8String(out);
  if (ec == U_USING_DEFAULT_WARNING || ec == U_USING_FALLBACK_WARNING) ec = U_ZERO_ERROR;
  int32_t n = cicu_copy_out(out, dst, capacity, ec);
  *status = ec;
  return n;
}

extern "C" int32_t cicu_zone_ids(uint8_t *dst, int32_t capacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  UEnumeration *en = ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, nullptr, nullptr, &ec);
  std::string out;
  if (U_SUCCESS(ec)) {
    int32_t len = 0;
    const char *id;
    while ((id = uenum_next(en, &len, &ec)) != nullptr && U_SUCCESS(ec)) {
      if (!out.empty()) out.push_back('\n');
      out.append(id, static_cast<size_t>(len));
    }
    uenum_close(en);
  }
  int32_t n = cicu_copy_out(out, dst, capacity, ec);
  *status = ec;
  return n;
}

extern "C" int32_t cicu_zone_exemplar_city(const char *zone, const char *locale, uint8_t *dst,
                                           int32_t capacity, int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  std::string out;
  icu::TimeZoneNames *names = icu::TimeZoneNames::createInstance(icu::Locale(locale), ec);
  if (U_SUCCESS(ec) && names) {
    icu::UnicodeString city;
    names->getExemplarLocationName(icu::UnicodeString::fromUTF8(zone), city);
    if (!city.isBogus()) city.toUTF8String(out);
  }
  delete names;
  int32_t n = cicu_copy_out(out, dst, capacity, ec);
  *status = ec;
  return n;
}

extern "C" void cicu_zone_region(const char *zone, char out[8], int32_t *status) {
  UErrorCode ec = static_cast<UErrorCode>(*status);
  out[0] = 0;
  icu::TimeZone::getRegion(icu::UnicodeString::fromUTF8(zone), out, 8, ec);
  if (U_FAILURE(ec)) out[0] = 0;
  *status = ec;
}
