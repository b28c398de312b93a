/* kefu: the C ABI.
 *
 * This header is plain C99. Every symbol is prefixed kefu_; every fallible
 * call returns an int status (0 = OK, negative = error class).
 *
 * So far the ABI exposes the library's identity, so a host can check that
 * the header it compiled against matches the library it loaded:
 *
 *   if (kefu_abi_version() != KEFU_ABI_VERSION) abort();
 *
 * Thread safety: every function here may be called from any thread.
 */
#ifndef KEFU_H_
#define KEFU_H_

#include "kefu_version.h"

#if defined(KEFU_BUILDING_LIBRARY)
#define KEFU_API __attribute__((visibility("default")))
#else
#define KEFU_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The library's version, MAJOR * 10000 + MINOR * 100 + PATCH; compare with
 * KEFU_VERSION_NUMBER. */
KEFU_API int kefu_version_number(void);

/* The ABI major version, which is also the shared library's SONAME number;
 * compare with KEFU_ABI_VERSION. */
KEFU_API int kefu_abi_version(void);

#ifdef __cplusplus
}
#endif

#endif /* KEFU_H_ */
