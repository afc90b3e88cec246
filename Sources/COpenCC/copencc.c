// Implementation of COpenCC.h over OpenCC's C API.
#include "COpenCC.h"

#include <opencc/opencc.h>
#include <string.h>

struct copencc {
  int unused;
};

copencc *copencc_open(const char *config) {
  opencc_t h = opencc_open(config);
  if (h == (opencc_t)-1 || h == NULL) return NULL;
  return (copencc *)h;
}

void copencc_close(copencc *c) {
  if (c) opencc_close((opencc_t)c);
}

char *copencc_convert(copencc *c, const uint8_t *src, size_t length, size_t *outLength) {
  char *out = opencc_convert_utf8((opencc_t)c, (const char *)src, length);
  if (out && outLength) *outLength = strlen(out);
  return out;
}

void copencc_free(char *buffer) {
  if (buffer) opencc_convert_utf8_free(buffer);
}

const char *copencc_last_error(void) {
  const char *e = opencc_error();
  return e ? e : "unknown OpenCC error";
}
