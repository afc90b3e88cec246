// Only COpenCC imports this module.
#include <opencc/opencc.h>
