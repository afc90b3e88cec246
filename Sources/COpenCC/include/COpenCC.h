// COpenCC: the only code in Winnow that includes OpenCC's header. Same shape as CICU:
// plain C types and an opaque handle. Wraps OpenCC's C API (opencc.h).
#ifndef COPENCC_H
#define COPENCC_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque OpenCC converter (opencc_t).
typedef struct copencc copencc;

/// Opens a converter from a configuration name such as "t2s.json" (opencc_open); OpenCC
/// looks it up in its data folder (/usr/share/opencc on Debian). Returns null on failure;
/// copencc_last_error() then says why.
copencc *copencc_open(const char *config);
/// Closes a converter (opencc_close). Null is ignored.
void copencc_close(copencc *c);
/// Converts UTF-8 text (opencc_convert_utf8); returns a malloc'd NUL-terminated buffer and
/// its length in *outLength, or null on failure. Free it with copencc_free.
char *copencc_convert(copencc *c, const uint8_t *src, size_t length, size_t *outLength);
/// Frees a buffer returned by copencc_convert (opencc_convert_utf8_free).
void copencc_free(char *buffer);
/// The last error message of OpenCC (opencc_error), never null.
const char *copencc_last_error(void);

#ifdef __cplusplus
}
#endif

#endif  // COPENCC_H
