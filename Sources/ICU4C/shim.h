// Only CICU imports this module. Swift code must never see ICU headers:
// ICU's rename macros are not importable and its enums clash with Foundation's ICU.
#include <unicode/utypes.h>
