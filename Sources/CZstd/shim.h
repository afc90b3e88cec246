// System libzstd, for .zst inputs and outputs. Only Winnow/IO/Compression*.swift imports it.
#include <zstd.h>
