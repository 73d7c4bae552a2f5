/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * TDX_CMD_EXTEND_RTMR: extending an RTMR with an ioctl on /dev/tdx_guest,
 * the way Intel DCAP's tdx_att_extend() does it before DCAP 1.25 (later
 * versions write the sysfs files under /sys/class/misc/tdx_guest/
 * measurements/ instead). Upstream Linux never had this ioctl; it comes
 * from Intel's out-of-tree TDX guest driver, whose request layout DCAP
 * copied.
 *
 * DCAP encodes the request two ways: built with V3_DRIVER=1 it issues
 * _IOW('T', 3, ...), otherwise (its default) _IOR('T', 3, ...). Both
 * carry the same request into the kernel and nothing back out, and
 * tdx_guest answers both.
 */
#ifndef _UAPI_TDX_GUEST_EXTEND_RTMR_H
#define _UAPI_TDX_GUEST_EXTEND_RTMR_H

#include <linux/ioctl.h>
#include <linux/types.h>

#define TDX_EXTEND_RTMR_DATA_LEN	48

/**
 * struct tdx_extend_rtmr_req - request of TDX_CMD_EXTEND_RTMR (49 bytes).
 * @data: the SHA-384 digest to extend the RTMR with.
 * @index: the RTMR, 0..3; any other value fails with EINVAL.
 */
struct tdx_extend_rtmr_req {
	__u8 data[TDX_EXTEND_RTMR_DATA_LEN];
	__u8 index;
};

/* 0x40315403: DCAP built with V3_DRIVER=1, Intel's out-of-tree driver. */
#define TDX_CMD_EXTEND_RTMR	_IOW('T', 3, struct tdx_extend_rtmr_req)
/* 0x80315403: DCAP's default build (1.22-1.24) issues this encoding. */
#define TDX_CMD_EXTEND_RTMR_IOR	_IOR('T', 3, struct tdx_extend_rtmr_req)

#endif /* _UAPI_TDX_GUEST_EXTEND_RTMR_H */
