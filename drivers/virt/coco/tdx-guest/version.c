// SPDX-License-Identifier: GPL-2.0-only
/*
 * The release this module was built from: VERSION at the top of the
 * out-of-tree source, which packages and DKMS take their versions from.
 * Built only where that file exists (Makefile).
 */
#include <linux/module.h>

MODULE_VERSION(TDX_GUEST_VERSION);
