// The shipped data files, embedded at compile time with C23 `#embed` (clang ≥ 19 accepts it
// in every C mode; the build depends on the embedded file, so regenerating it rebuilds this).
#include "CWinnowData.h"

#pragma clang diagnostic ignored "-Wc23-extensions"

static const unsigned char gazetteer_tsv[] = {
#embed "gazetteer.tsv"
};

const unsigned char *winnow_data_gazetteer_tsv(size_t *count) {
  *count = sizeof gazetteer_tsv;
  return gazetteer_tsv;
}
