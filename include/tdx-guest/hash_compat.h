/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * SHA-384 across kernels: from 6.17 on the kernel's crypto library has
 * sha384(), which cannot fail and needs no allocation; before, the driver
 * hashes through the crypto API with a transform it allocates at load.
 */
#ifndef _TDX_GUEST_HASH_COMPAT_H
#define _TDX_GUEST_HASH_COMPAT_H

#include <linux/version.h>

#if LINUX_VERSION_CODE >= KERNEL_VERSION(6, 17, 0)
#define TDX_KERNEL_HAS_SHA384_LIB	1
#else
#define TDX_KERNEL_HAS_SHA384_LIB	0
#endif

#endif /* _TDX_GUEST_HASH_COMPAT_H */
