// The C ABI over the core library. It translates and never decides.
#include "kefu.h"

extern "C" {

int kefu_version_number(void) { return KEFU_VERSION_NUMBER; }

int kefu_abi_version(void) { return KEFU_ABI_VERSION; }

}  // extern "C"
