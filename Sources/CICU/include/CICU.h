// CICU: the only code in Winnow that includes ICU headers.
//
// Why this shim exists: Swift cannot import system ICU directly. ICU's urename.h
// turns every function into a versioned macro (ubrk_open -> ubrk_open_72) that the
// Swift importer cannot see, and importing ICU's enums into a module that also sees
// Foundation clashes with Foundation's private ICU (U_MF_* in UErrorCode). So Swift
// sees only this header: plain C types, opaque handles and int32_t status codes
// (ICU UErrorCode values). See docs/workarounds.md.
//
// Conventions:
// - Every function takes `int32_t *status` (in: must be <= 0; out: ICU UErrorCode).
//   A value > 0 is a failure; cicu_error_name() names it.
// - Text is UTF-8 unless a name says utf16. Lengths are in code units (bytes for UTF-8).
// - Buffer-filling calls return the full required length; when it exceeds the
//   capacity, *status is CICU_BUFFER_OVERFLOW and the caller retries once.
#ifndef CICU_H
#define CICU_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// U_BUFFER_OVERFLOW_ERROR, mirrored (checked by _Static_assert in the implementation).
#define CICU_BUFFER_OVERFLOW 15
/// U_ZERO_ERROR.
#define CICU_OK 0
/// U_ILLEGAL_ARGUMENT_ERROR.
#define CICU_ILLEGAL_ARGUMENT 1
/// U_INVALID_CHAR_FOUND: a converter met an unmappable character.
#define CICU_INVALID_CHAR_FOUND 10
/// U_TRUNCATED_CHAR_FOUND: input ended inside a character.
#define CICU_TRUNCATED_CHAR_FOUND 11
/// U_ILLEGAL_CHAR_FOUND: illegal input sequence.
#define CICU_ILLEGAL_CHAR_FOUND 12

/// The symbolic name of an ICU error code (u_errorName), e.g. "U_BUFFER_OVERFLOW_ERROR".
const char *cicu_error_name(int32_t status);

/// The ICU version string, e.g. "72.1" (u_getVersion).
void cicu_icu_version(char out[24]);

/// The Unicode version ICU implements, e.g. "15.0" (u_getUnicodeVersion).
void cicu_unicode_version(char out[24]);

// MARK: - Normalization (icu::Normalizer2, UTF-8 entry points)

/// Normalization forms, the instances behind Normalizer2::getNFCInstance & co.
typedef enum cicu_norm_form {
  CICU_NFC = 0,
  CICU_NFD = 1,
  CICU_NFKC = 2,
  CICU_NFKD = 3,
  CICU_NFKC_CASEFOLD = 4,
} cicu_norm_form;

/// Whether `src` is already in `form` (Normalizer2::isNormalizedUTF8). Cheap: a quick check
/// that does not copy. Returns false on error.
bool cicu_is_normalized_utf8(cicu_norm_form form, const uint8_t *src, int32_t length,
                             int32_t *status);

/// Normalizes UTF-8 `src` into `dst` (Normalizer2::normalizeUTF8 with icu::Edits).
///
/// Writes at most `dstCapacity` bytes and returns the full output length. When `edits` is
/// non-null, writes the fine-grained edit script as triples (oldLength, newLength, changed)
/// into `edits` (at most `editsCapacity` triples) and stores the full triple count in
/// `*editsCount`. Either overflow sets *status = CICU_BUFFER_OVERFLOW; retry with bigger
/// buffers. Ill-formed UTF-8 is treated as U+FFFD by ICU but passed through unchanged.
int32_t cicu_normalize_utf8(cicu_norm_form form, const uint8_t *src, int32_t length,
                            uint8_t *dst, int32_t dstCapacity, int32_t *edits,
                            int32_t editsCapacity, int32_t *editsCount, int32_t *status);

/// The code points that are not starters with Quick_Check = Yes for `form` (NFC, NFD, NFKC
/// or NFKD; NFKC_Casefold has no quick-check property and sets CICU_ILLEGAL_ARGUMENT), as
/// inclusive ranges: `ranges[2k]`…`ranges[2k+1]`, at most `capacity` pairs. Returns the
/// number of pairs (call again with more room when it exceeds `capacity`). An icu::UnicodeSet
/// over UCHAR_NF*_QUICK_CHECK and UCHAR_CANONICAL_COMBINING_CLASS: text without any of these
/// characters is already in `form`. The normalizer builds its per-line skip table from it
/// once, at start-up (per-code-point property calls took tens of milliseconds).
int32_t cicu_norm_unstable_ranges(cicu_norm_form form, uint32_t *ranges, int32_t capacity,
                                  int32_t *status);

/// Normalizes UTF-16 through the C API (unorm2_normalize): the reference the benchmarks
/// compare with. Returns the output length.
int32_t cicu_normalize_utf16(cicu_norm_form form, const uint16_t *src, int32_t length,
                             uint16_t *dst, int32_t dstCapacity, int32_t *status);

/// Full Unicode case folding of UTF-8 (icu::CaseMap::utf8Fold, default options), with the
/// same output and edit conventions as cicu_normalize_utf8.
int32_t cicu_fold_case_utf8(const uint8_t *src, int32_t length, uint8_t *dst,
                            int32_t dstCapacity, int32_t *edits, int32_t editsCapacity,
                            int32_t *editsCount, int32_t *status);

/// Simple conversions between UTF-8 and UTF-16 (u_strFromUTF8 / u_strToUTF8), used by the
/// benchmark's "ICU through the C API" reference. Ill-formed input becomes U+FFFD.
int32_t cicu_utf8_to_utf16(const uint8_t *src, int32_t length, uint16_t *dst,
                           int32_t dstCapacity, int32_t *status);
int32_t cicu_utf16_to_utf8(const uint16_t *src, int32_t length, uint8_t *dst,
                           int32_t dstCapacity, int32_t *status);

// MARK: - Character properties (uchar.h)

/// Property selectors for cicu_char_property; each wraps u_getIntPropertyValue or a
/// u_* predicate. Used to build tables at start-up, never per character on a hot path.
typedef enum cicu_property {
  CICU_PROP_GENERAL_CATEGORY = 0,   ///< UCharCategory value (u_charType)
  CICU_PROP_SCRIPT = 1,             ///< UScriptCode (uscript_getScript)
  CICU_PROP_WORD_BREAK = 2,         ///< UWordBreakValues
  CICU_PROP_SENTENCE_BREAK = 3,     ///< USentenceBreak
  CICU_PROP_LINE_BREAK = 4,         ///< ULineBreak
  CICU_PROP_GRAPHEME_BREAK = 5,     ///< UGraphemeClusterBreak
  CICU_PROP_EXTENDED_PICTOGRAPHIC = 6, ///< 0/1 (UCHAR_EXTENDED_PICTOGRAPHIC)
  CICU_PROP_EAST_ASIAN_WIDTH = 7,   ///< UEastAsianWidth
  CICU_PROP_IDEOGRAPHIC = 8,        ///< 0/1 (UCHAR_IDEOGRAPHIC)
  CICU_PROP_LINE_BREAK_DICTIONARY = 9, ///< 0/1: line break class SA (complex context)
  CICU_PROP_ALPHABETIC = 10,        ///< 0/1 (UCHAR_ALPHABETIC)
  CICU_PROP_JOINING_TYPE = 11,      ///< UJoiningType
  CICU_PROP_EMOJI_MODIFIER = 12,    ///< 0/1
  CICU_PROP_DEFAULT_IGNORABLE = 13, ///< 0/1 (UCHAR_DEFAULT_IGNORABLE_CODE_POINT)
  CICU_PROP_INDIC_SYLLABIC_CATEGORY = 14, ///< UIndicSyllabicCategory
  CICU_PROP_WHITE_SPACE = 15,       ///< 0/1
  CICU_PROP_CANONICAL_COMBINING_CLASS = 16, ///< 0…254 (u_getCombiningClass)
  CICU_PROP_NFC_QUICK_CHECK = 17,   ///< UNormalizationCheckResult: 0 No, 1 Yes, 2 Maybe
  CICU_PROP_NFD_QUICK_CHECK = 18,   ///< 0 No, 1 Yes
  CICU_PROP_NFKC_QUICK_CHECK = 19,  ///< 0 No, 1 Yes, 2 Maybe
  CICU_PROP_NFKD_QUICK_CHECK = 20,  ///< 0 No, 1 Yes
} cicu_property;

/// The value of `property` for code point `c` (0 for out-of-range c).
int32_t cicu_char_property(int32_t c, cicu_property property);

/// Range starts of `property`: writes to `starts` the first code point of every maximal
/// range over which `cicu_char_property(c, property)` is constant (starts[0] = 0, ascending),
/// so tables can be built per range instead of with 1.1M per-code-point calls. Wraps
/// u_getIntPropertyMap + ucpmap_getRange (enumerated properties; LINE_BREAK_DICTIONARY maps
/// the line-break values through a filter) and u_getBinaryPropertySet + uset_getItem
/// (binary ones). Returns the number of starts; if it exceeds `capacity`, only `capacity`
/// were written (call again with more). Sets *status (U_ILLEGAL_ARGUMENT_ERROR for a
/// property without a map, e.g. SCRIPT only through its map) and returns 0 on failure.
int32_t cicu_property_range_starts(cicu_property property, int32_t *starts, int32_t capacity,
                                   int32_t *status);

/// Range starts of a serialized UCPTrie (ICU's ucptrie.h binary form, e.g. the character
/// categories inside a break iterator's .brk data): as cicu_property_range_starts, over the
/// trie's values (ucptrie_openFromBinary + ucptrie_getRange). `data` must stay valid during
/// the call only.
int32_t cicu_ucptrie_range_starts(const void *data, int32_t length, int32_t *starts,
                                  int32_t capacity, int32_t *status);

/// Full case folding of one code point into UTF-32 `out` (u_strFoldCase); returns the
/// length (1..3). Used to compare tables with ICU in tests.
int32_t cicu_fold_code_point(int32_t c, int32_t out[4]);

// MARK: - Break iteration (ubrk_* over a UTF-8 UText)

/// An opaque UBreakIterator plus the UText it reads. One owner; not thread-safe; clone
/// one per thread with cicu_break_clone.
typedef struct cicu_break cicu_break;

typedef enum cicu_break_type {
  CICU_BREAK_CHARACTER = 0,
  CICU_BREAK_WORD = 1,
  CICU_BREAK_LINE = 2,
  CICU_BREAK_SENTENCE = 3,
} cicu_break_type;

/// Opens a break iterator (ubrk_open) for `locale` (e.g. "zh", "en@ss=standard").
cicu_break *cicu_break_open(cicu_break_type type, const char *locale, int32_t *status);
/// Clones an iterator (ubrk_clone); the clone has no text.
cicu_break *cicu_break_clone(const cicu_break *brk, int32_t *status);
/// Closes an iterator and its text. Null is ignored.
void cicu_break_close(cicu_break *brk);
/// Points the iterator at UTF-8 text (utext_openUTF8 + ubrk_setUText). The bytes must stay
/// alive and unchanged until the next set_text or close. Offsets are UTF-8 byte offsets.
void cicu_break_set_text(cicu_break *brk, const uint8_t *text, int32_t length,
                         int32_t *status);
/// Fills up to `capacity` boundaries following the current position (ubrk_next), and the
/// rule status of the segment each boundary ends (ubrk_getRuleStatus) when `statuses` is
/// non-null. Returns how many were written; 0 at the end of the text. The first call
/// after set_text starts at offset 0 (0 itself is not reported).
int32_t cicu_break_next_batch(cicu_break *brk, int32_t *boundaries, int32_t *statuses,
                              int32_t capacity);

// MARK: - Transliteration (utrans_*)

/// An opaque UTransliterator. Not thread-safe; clone per thread.
typedef struct cicu_translit cicu_translit;

/// Opens a transliterator by ID (utrans_openU), e.g. "Fullwidth-Halfwidth".
cicu_translit *cicu_translit_open(const char *id, int32_t *status);
cicu_translit *cicu_translit_clone(const cicu_translit *t, int32_t *status);
void cicu_translit_close(cicu_translit *t);
/// Transliterates UTF-8 `src` into `dst`; returns the full output length (overflow
/// convention as above). Converts through UTF-16 internally (utrans_transUChars).
int32_t cicu_translit_utf8(cicu_translit *t, const uint8_t *src, int32_t length,
                           uint8_t *dst, int32_t dstCapacity, int32_t *status);

// MARK: - Charset conversion (ucnv_*)

/// An opaque UConverter for one legacy charset. Stateful (streaming); not thread-safe.
typedef struct cicu_converter cicu_converter;

/// Opens a converter (ucnv_open), e.g. "GB18030", "Big5", "Shift_JIS", "UTF-16".
/// When `stopOnError` is true, unmappable or illegal input fails with
/// CICU_ILLEGAL_CHAR_FOUND/CICU_INVALID_CHAR_FOUND instead of becoming U+FFFD.
cicu_converter *cicu_converter_open(const char *name, bool stopOnError, int32_t *status);
void cicu_converter_close(cicu_converter *c);
/// The converter's canonical name (ucnv_getName).
const char *cicu_converter_name(const cicu_converter *c, int32_t *status);
/// Resets the streaming state (ucnv_reset).
void cicu_converter_reset(cicu_converter *c);
/// Converts a chunk of charset bytes to UTF-8 (ucnv_toUChars-style streaming through a
/// pivot; ucnv_convertEx). Consumes as much of `src` as fits, storing the count in
/// `*consumed`, and returns the bytes written to `dst`. `flush` marks the last chunk.
/// On an error, `*errorOffset` (if non-null) receives the byte offset within `src`.
int32_t cicu_converter_to_utf8(cicu_converter *c, const uint8_t *src, int32_t length,
                               int32_t *consumed, uint8_t *dst, int32_t dstCapacity,
                               bool flush, int32_t *errorOffset, int32_t *status);
/// Converts UTF-8 text to the charset in one shot (ucnv_fromUChars after UTF-8 -> UTF-16);
/// returns the full output length (overflow convention as above). With stopOnError,
/// an unmappable character fails.
int32_t cicu_converter_from_utf8(cicu_converter *c, const uint8_t *src, int32_t length,
                                 uint8_t *dst, int32_t dstCapacity, int32_t *status);

// MARK: - Data (udata_*)

/// An opaque UDataMemory (udata_open). Read-only; safe to share across threads.
typedef struct cicu_data cicu_data;

/// Opens ICU data by package, type and name, e.g. (U_ICUDATA_BRKITR, "dict", "cjdict") is
/// ("icudt72l-brkitr", "dict", "cjdict"); a null package means ICU's common data with the
/// tree given in `name`. Use cicu_brkitr_package() for the break-iterator package.
cicu_data *cicu_data_open(const char *package, const char *type, const char *name,
                          int32_t *status);
/// The data's bytes (udata_getMemory) and their length when known (-1 if not).
const void *cicu_data_memory(const cicu_data *d);
void cicu_data_close(cicu_data *d);
/// The name of the break-iterator data package of the linked ICU (U_ICUDATA_BRKITR).
const char *cicu_brkitr_package(void);


// MARK: - Locale display names (CLDR region names and time-zone exemplar cities)

/// Region codes known to ICU (uregion_getAvailable), '\n'-joined ASCII into `dst`:
/// `type` 0 = territories ("GB", "US", … 2-letter ISO 3166-1 and a few others),
/// 1 = continents ("002", "150", …), 2 = subcontinents ("039", "154", …), 3 = the world ("001").
/// Returns the full length; overflow convention as above.
int32_t cicu_region_codes(int32_t type, uint8_t *dst, int32_t capacity, int32_t *status);

/// The display name of a region code ("GB", "150") in `displayLocale` ("en", "zh_Hans",
/// "zh_Hant"), UTF-8 into `dst` (uloc_getDisplayCountry of "und_<region>"). Returns the
/// full length; an unknown region gives back its code (ICU's behaviour).
int32_t cicu_region_display_name(const char *region, const char *displayLocale, uint8_t *dst,
                                 int32_t capacity, int32_t *status);

/// Canonical location time-zone ids ("Europe/London", …; ucal_openTimeZoneIDEnumeration
/// with UCAL_ZONE_TYPE_CANONICAL_LOCATION), '\n'-joined ASCII into `dst`.
int32_t cicu_zone_ids(uint8_t *dst, int32_t capacity, int32_t *status);

/// The exemplar city of a zone in `locale` (icu::TimeZoneNames::getExemplarLocationName),
/// UTF-8 into `dst`; length 0 when CLDR has none.
int32_t cicu_zone_exemplar_city(const char *zone, const char *locale, uint8_t *dst,
                                int32_t capacity, int32_t *status);

/// The ISO 3166 region of a zone ("Europe/London" → "GB"; icu::TimeZone::getRegion), as a
/// NUL-terminated string in `out`.
void cicu_zone_region(const char *zone, char out[8], int32_t *status);

#ifdef __cplusplus
}
#endif

#endif  // CICU_H
