/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Moving an interrupt at once, from process context, across kernels.
 *
 * Up to 6.12 an x86 vector IRQ follows irq_set_affinity() only at its next
 * interrupt unless it is flagged IRQ_MOVE_PCNTXT; the quote notification
 * must know its new vector before telling the host, so it sets the flag.
 * Linux 6.13 removed the flag and moves such IRQs at once anyway.
 */
#ifndef _TDX_GUEST_IRQ_COMPAT_H
#define _TDX_GUEST_IRQ_COMPAT_H

#include <linux/irq.h>
#include <linux/version.h>

static inline void tdx_irq_allow_process_context_move(unsigned int irq)
{
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 13, 0)
	irq_modify_status(irq, 0, IRQ_MOVE_PCNTXT);
#endif
}

#endif /* _TDX_GUEST_IRQ_COMPAT_H */
