// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: fault injection for the emulated platform
 *
 * /sys/kernel/debug/tdx_guest_emu/ holds one file per fault, with the names
 * outside test suites use (see Documentation/ABI/testing/debugfs-tdx-guest-emu).
 * Counters are consumed one per affected call; one-shot values reset to 0
 * once used. The counters are read-only: busy_overlaps counts OPERAND_BUSY
 * answers caused by real RTMR lock contention, never injected ones;
 * report_calls counts every TDG.MR.REPORT answered.
 */
#include <linux/debugfs.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <kunit/visibility.h>

#include "emu.h"

struct tdx_emu_faults tdx_emu_faults = {
	/* QEMU 10.1 and later offer event notification. */
	.notify_supported = ATOMIC_INIT(1),
	.notify_inject = ATOMIC_INIT(1),
};
EXPORT_SYMBOL_IF_KUNIT(tdx_emu_faults);
struct tdx_emu_counters tdx_emu_counters;

static struct dentry *tdx_emu_debugfs_dir;

/**
 * tdx_emu_fault_take() - consume one unit of a counted fault.
 * @count: the fault's counter.
 *
 * Return: true if the caller should fail this call, false otherwise.
 */
bool tdx_emu_fault_take(atomic_t *count)
{
	return atomic_dec_if_positive(count) >= 0;
}

static int quote_status_get(void *data, u64 *val)
{
	*val = atomic64_read(&tdx_emu_faults.quote_status);
	return 0;
}

static int quote_status_set(void *data, u64 val)
{
	atomic64_set(&tdx_emu_faults.quote_status, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(quote_status_fops, quote_status_get,
			 quote_status_set, "0x%016llx\n");

static int qemu_header_order_get(void *data, u64 *val)
{
	*val = atomic_read(&tdx_emu_faults.qemu_header_order);
	return 0;
}

static int qemu_header_order_set(void *data, u64 val)
{
	if (val > 1)
		return -EINVAL;
	atomic_set(&tdx_emu_faults.qemu_header_order, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(qemu_header_order_fops, qemu_header_order_get,
			 qemu_header_order_set, "%llu\n");

/* Writing 1 makes the emulated VMM give up on every hung request. */
static int quote_release_set(void *data, u64 val)
{
	if (val != 1)
		return -EINVAL;
	tdx_emu_quote_release_hung();
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(quote_release_fops, NULL, quote_release_set,
			 "%llu\n");

/*
 * Writing 1 makes the emulated VMM inject the registered vector once, as
 * it does when it completes a GetQuote of anyone's: of a provider loaded
 * after the one that registered, say.
 */
static int notify_fire_set(void *data, u64 val)
{
	if (val != 1)
		return -EINVAL;
	tdx_emu_notify_inject();
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(notify_fire_fops, NULL, notify_fire_set, "%llu\n");

/*
 * A leak on purpose, so that a test can show the VM harness finds what a
 * test leaks: the pointer is forgotten, and only kmemleak knows.
 */
static int leak_bytes_set(void *data, u64 val)
{
	void *lost;

	if (!val || val > PAGE_SIZE)
		return -EINVAL;
	/* Zeroed: nothing in it may look like a pointer to another leak. */
	lost = kzalloc(val, GFP_KERNEL);
	return lost ? 0 : -ENOMEM;
}
DEFINE_DEBUGFS_ATTRIBUTE(leak_bytes_fops, NULL, leak_bytes_set, "%llu\n");

static int counter_get(void *data, u64 *val)
{
	*val = atomic64_read(data);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(counter_fops, counter_get, NULL, "%llu\n");

/**
 * tdx_emu_debugfs_init() - create the fault injection files.
 *
 * Return: 0. debugfs failures are not fatal: the platform works without.
 */
int tdx_emu_debugfs_init(void)
{
	struct tdx_emu_faults *f = &tdx_emu_faults;
	struct dentry *dir = debugfs_create_dir("tdx_guest_emu", NULL);

	debugfs_create_atomic_t("quote_delay_us", 0600, dir,
				&f->quote_delay_us);
	debugfs_create_file_unsafe("quote_status", 0600, dir, NULL,
				   &quote_status_fops);
	debugfs_create_atomic_t("quote_oversize", 0600, dir,
				&f->quote_oversize);
	debugfs_create_atomic_t("quote_hang", 0600, dir, &f->quote_hang);
	debugfs_create_file_unsafe("quote_release", 0200, dir, NULL,
				   &quote_release_fops);
	debugfs_create_atomic_t("vmcall_retry", 0600, dir, &f->vmcall_retry);
	debugfs_create_atomic_t("report_busy", 0600, dir, &f->report_busy);
	debugfs_create_atomic_t("tdcall_delay_ms", 0600, dir,
				&f->tdcall_delay_ms);
	debugfs_create_atomic_t("notify_supported", 0600, dir,
				&f->notify_supported);
	debugfs_create_atomic_t("notify_drop", 0600, dir, &f->notify_drop);
	debugfs_create_atomic_t("notify_inject", 0600, dir, &f->notify_inject);
	debugfs_create_file_unsafe("notify_fire", 0200, dir, NULL,
				   &notify_fire_fops);
	debugfs_create_file_unsafe("busy_overlaps", 0400, dir,
				   &tdx_emu_counters.busy_overlaps,
				   &counter_fops);
	debugfs_create_file_unsafe("qemu_header_order", 0600, dir, NULL,
				   &qemu_header_order_fops);
	debugfs_create_atomic_t("header_gap_us", 0600, dir, &f->header_gap_us);
	debugfs_create_file_unsafe("quote_calls", 0400, dir,
				   &tdx_emu_counters.quote_calls,
				   &counter_fops);
	debugfs_create_file_unsafe("report_calls", 0400, dir,
				   &tdx_emu_counters.report_calls,
				   &counter_fops);
	debugfs_create_file_unsafe("leak_bytes", 0200, dir, NULL,
				   &leak_bytes_fops);
	tdx_emu_debugfs_dir = dir;
	return 0;
}

/**
 * tdx_emu_debugfs_exit() - remove the fault injection files.
 */
void tdx_emu_debugfs_exit(void)
{
	debugfs_remove_recursive(tdx_emu_debugfs_dir);
}
