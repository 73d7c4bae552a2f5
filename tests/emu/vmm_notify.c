// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: emulated event notification
 *
 * The VMM's side of GetTdVmCallInfo and SetupEventNotifyInterrupt, as QEMU
 * answers them: the info call offers SetupEventNotifyInterrupt; the setup
 * call checks the vector (32..255), records it with the vCPU that made the
 * call, and from then on every completed GetQuote injects that vector into
 * that vCPU, after the buffer's header is published. Here the "vCPU" is the
 * CPU the call ran on, and the injection is a fixed IPI to it.
 *
 * Knobs (debugfs): notify_supported = 0 makes both calls answer
 * SUBFUNC_UNSUPPORTED and stops injection; notify_drop = N drops the next
 * N injections, as a lost interrupt would; notify_inject = 0 accepts the
 * registration but never injects, as a host that offers the feature and
 * does not deliver.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/cpumask.h>
#include <linux/smp.h>

#include <asm/apic.h>

#include <tdx-guest/getquote.h>

#include "emu.h"

/* The registered target: vector in bits 31:0, CPU in 63:32; 0 = none. */
static atomic64_t tdx_emu_notify_target;

/**
 * tdx_emu_get_tdvmcall_info() - TDG.VP.VMCALL<GetTdVmCallInfo>, R12 = 1.
 * @optional: receives R11, the optional subfunctions offered.
 *
 * Return: the VMCALL result.
 */
u64 tdx_emu_get_tdvmcall_info(u64 *optional)
{
	if (!atomic_read(&tdx_emu_faults.notify_supported))
		return TDX_VMCALL_SUBFUNC_UNSUPPORTED;
	*optional = TDX_TDVMCALL_INFO_EVENT_NOTIFY;
	return TDX_VMCALL_SUCCESS;
}

/**
 * tdx_emu_setup_notify() - TDG.VP.VMCALL<SetupEventNotifyInterrupt>.
 * @vector: the vector to inject on GetQuote completion.
 *
 * Records the calling CPU as the target, like QEMU records the calling
 * vCPU's APIC ID. Callable with interrupts disabled.
 *
 * Return: the VMCALL result.
 */
u64 tdx_emu_setup_notify(unsigned int vector)
{
	u64 cpu = raw_smp_processor_id();

	if (!atomic_read(&tdx_emu_faults.notify_supported))
		return TDX_VMCALL_SUBFUNC_UNSUPPORTED;
	if (vector < TDX_EVENT_NOTIFY_VECTOR_MIN ||
	    vector > TDX_EVENT_NOTIFY_VECTOR_MAX)
		return TDX_VMCALL_INVALID_OPERAND;
	atomic64_set(&tdx_emu_notify_target, cpu << 32 | vector);
	return TDX_VMCALL_SUCCESS;
}

/**
 * tdx_emu_notify_inject() - tell the guest a GetQuote completed.
 *
 * Call after the buffer's header is published. Does nothing without a
 * registered vector, with the feature switched off, for a dropped
 * interrupt, or when the target CPU is offline (the interrupt is lost, as
 * it would be with a real vCPU that is not running).
 */
void tdx_emu_notify_inject(void)
{
	u64 target = atomic64_read(&tdx_emu_notify_target);
	unsigned int cpu = target >> 32, vector = (u32)target;

	if (!vector || !atomic_read(&tdx_emu_faults.notify_supported) ||
	    !atomic_read(&tdx_emu_faults.notify_inject))
		return;
	if (tdx_emu_fault_take(&tdx_emu_faults.notify_drop))
		return;
	if (cpu >= nr_cpu_ids || !cpu_online(cpu))
		return;
	__apic_send_IPI_mask(cpumask_of(cpu), vector);
}
