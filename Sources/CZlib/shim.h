// System zlib, for gzip inputs and outputs. Only Winnow/IO/Compression*.swift imports it.
#include <zlib.h>
