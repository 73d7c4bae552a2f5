/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * hrtimer_setup() on every supported kernel.
 *
 * Linux 6.13 added hrtimer_setup(), which sets the callback together with
 * the clock and mode, and later kernels (7.3 among them) removed
 * hrtimer_init(). 6.12 has only hrtimer_init(): there the same thing is
 * two steps.
 */
#ifndef _TDX_GUEST_HRTIMER_COMPAT_H
#define _TDX_GUEST_HRTIMER_COMPAT_H

#include <linux/hrtimer.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
static inline void
hrtimer_setup(struct hrtimer *timer,
	      enum hrtimer_restart (*function)(struct hrtimer *),
	      clockid_t clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}
#endif

#endif /* _TDX_GUEST_HRTIMER_COMPAT_H */
