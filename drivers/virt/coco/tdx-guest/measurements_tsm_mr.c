// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: measurement registers through tsm-mr
 *
 * On kernels that have the kernel's measurement register library
 * (CONFIG_TSM_MEASUREMENTS, Linux 6.16 and later) the "measurements" group
 * of the misc device is built by tsm_mr_create_attribute_group() from the
 * table below, as the in-tree driver does, instead of by our own code
 * (measurements_sysfs.c, for 6.12). The files, their names and what reads
 * and writes do are the same on both: tsm-mr is where that ABI comes from.
 *
 * What stays ours: every TDREPORT and every extend still goes through
 * tdx_guest_read_report() and tdx_guest_extend_rtmr(), under the one
 * mr_lock, and every extend is recorded in the runtime measurement log,
 * whose file sits beside the group. tsm-mr caches the register values
 * in @report and asks for a new TDREPORT only after an extend through it,
 * and offers no way to tell it of any other; so the ioctls' extends go
 * through tsm-mr's own write path too (tdx_measurements_extend()), or a
 * read after them would show the old value for good. tsm-mr hands the
 * write callback a digest only: an extend with an event of its own is
 * routed to it by the task that made it, and the callback extends with
 * that event instead of a digest-only one.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/miscdevice.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>
#include <linux/sysfs.h>
#include <linux/tsm-mr.h>

#include "tdx_guest.h"

/* From 6.16 on the measurement files are tsm-mr's (see the Makefile). */
#if !IS_ENABLED(CONFIG_TSM_MEASUREMENTS)
#error "tdx_guest needs CONFIG_TSM_MEASUREMENTS on Linux 6.16 and later"
#endif

#define TDINFO_OFFSET(field) \
	(offsetof(struct tdx_tdreport, tdinfo) + \
	 offsetof(struct tdx_tdinfo, field))

/*
 * The RTMRs come first, so that a register's place in the table is its
 * RTMR index. mr_value holds the offset in a TDREPORT until
 * tdx_measurements_init() adds the address of the cached report.
 */
#define TDX_MR(name, field, flags)					\
	{ .mr_name = name, .mr_value = (void *)TDINFO_OFFSET(field),	\
	  .mr_size = TDX_MEASUREMENT_SIZE, .mr_hash = HASH_ALGO_SHA384,	\
	  .mr_flags = TSM_MR_F_READABLE | (flags) }

static struct tsm_measurement_register tdx_tsm_mrs[] = {
	TDX_MR("rtmr0",		rtmr[0],	TSM_MR_F_RTMR),
	TDX_MR("rtmr1",		rtmr[1],	TSM_MR_F_RTMR),
	TDX_MR("rtmr2",		rtmr[2],	TSM_MR_F_RTMR),
	TDX_MR("rtmr3",		rtmr[3],	TSM_MR_F_RTMR),
	TDX_MR("mrtd",		mrtd,		0),
	TDX_MR("mrconfigid",	mrconfigid,	TSM_MR_F_NOHASH),
	TDX_MR("mrowner",	mrowner,	TSM_MR_F_NOHASH),
	TDX_MR("mrownerconfig",	mrownerconfig,	TSM_MR_F_NOHASH),
};

#undef TDX_MR

/**
 * struct tdx_tsm_mr - what tsm-mr's callbacks need.
 * @tm: handed to tsm-mr; the callbacks get back here with container_of().
 * @tg: the provider instance.
 * @report: the last TDREPORT read; every mr_value points into it. tsm-mr's
 *	own lock keeps reads of it apart from refreshes.
 * @route_lock: one routed extend at a time.
 * @routed: the extend tdx_measurements_extend() routes through tsm-mr.
 * @routed_by: the task routing it; the write callback runs in that task.
 * @routed_rc: what extending @routed returned.
 * @routed_offset: where its record starts in the log.
 * @routed_done: the write callback extended @routed.
 */
struct tdx_tsm_mr {
	struct tsm_measurements tm;
	struct tdx_guest *tg;
	u8 *report;
	struct mutex route_lock;	/* routed, routed_by */
	const struct tdx_rtmr_event *routed;
	struct task_struct *routed_by;
	int routed_rc;
	u64 routed_offset;
	bool routed_done;
};

static int tdx_tsm_mr_refresh(const struct tsm_measurements *tm);
static int tdx_tsm_mr_extend(const struct tsm_measurements *tm,
			     const struct tsm_measurement_register *mr,
			     const u8 *data);

static struct tdx_tsm_mr tdx_tsm_mr = {
	.tm = {
		.mrs = tdx_tsm_mrs,
		.nr_mrs = ARRAY_SIZE(tdx_tsm_mrs),
		.refresh = tdx_tsm_mr_refresh,
		.write = tdx_tsm_mr_extend,
	},
};

static struct tdx_tsm_mr *to_tdx_tsm_mr(const struct tsm_measurements *tm)
{
	return container_of(tm, struct tdx_tsm_mr, tm);
}

/* Take a TDREPORT (under mr_lock) into @buf. */
static int tdx_tsm_mr_read(struct tdx_guest *tg, u8 *buf)
{
	u8 *tdreport __free(kfree) = tdx_guest_read_report(tg);
	if (IS_ERR(tdreport))
		return PTR_ERR(no_free_ptr(tdreport));
	memcpy(buf, tdreport, TDX_TDREPORT_SIZE);
	return 0;
}

static int tdx_tsm_mr_refresh(const struct tsm_measurements *tm)
{
	struct tdx_tsm_mr *ctx = to_tdx_tsm_mr(tm);

	return tdx_tsm_mr_read(ctx->tg, ctx->report);
}

static int tdx_tsm_mr_extend(const struct tsm_measurements *tm,
			     const struct tsm_measurement_register *mr,
			     const u8 *data)
{
	struct tdx_tsm_mr *ctx = to_tdx_tsm_mr(tm);

	/* An extend routed here by tdx_measurements_extend(), in this task. */
	if (READ_ONCE(ctx->routed_by) == current) {
		ctx->routed_rc = tdx_guest_extend_event(ctx->tg, ctx->routed,
							&ctx->routed_offset);
		ctx->routed_done = true;
		return ctx->routed_rc;
	}
	return tdx_guest_extend_rtmr(ctx->tg, mr - tm->mrs, data);
}

static ssize_t rtmr_log_read(struct file *file, struct kobject *kobj,
			     const struct bin_attribute *attr, char *buf,
			     loff_t off, size_t count)
{
	struct miscdevice *misc = dev_get_drvdata(kobj_to_dev(kobj));

	return tdx_rtmr_log_read(&container_of(misc, struct tdx_guest, misc)->log,
				 buf, off, count);
}

/* Root only, like the firmware's event log (the ACPI CCEL). */
static BIN_ATTR_ADMIN_RO(rtmr_log, 0);

static const struct bin_attribute *const tdx_log_bin_attrs[] = {
	&bin_attr_rtmr_log,
	NULL,
};

static struct attribute *tdx_log_attrs[] = {
	&dev_attr_rtmr_log_complete.attr,
	NULL,
};

static const struct attribute_group tdx_log_group = {
	.attrs = tdx_log_attrs,
	.bin_attrs = tdx_log_bin_attrs,
};

/* The measurements group (made at init) and the log, for struct miscdevice. */
const struct attribute_group *tdx_guest_groups[] = {
	NULL,
	&tdx_log_group,
	NULL,
};

/**
 * tdx_measurements_init() - have tsm-mr build the measurement files.
 * @tg: the provider instance the files read and extend through.
 *
 * Must run before the misc device is registered with tdx_guest_groups;
 * undone by tdx_measurements_fini().
 *
 * Return: 0, or the error of reading the first TDREPORT or of tsm-mr.
 */
int tdx_measurements_init(struct tdx_guest *tg)
{
	const struct attribute_group *group;
	unsigned int i;
	int rc;

	u8 *report __free(kfree) = kzalloc(TDX_TDREPORT_SIZE, GFP_KERNEL);
	if (!report)
		return -ENOMEM;

	/* The registers that are not live are read only this once. */
	rc = tdx_tsm_mr_read(tg, report);
	if (rc)
		return rc;

	for (i = 0; i < ARRAY_SIZE(tdx_tsm_mrs); i++)
		tdx_tsm_mrs[i].mr_value = report +
					  (uintptr_t)tdx_tsm_mrs[i].mr_value;

	group = tsm_mr_create_attribute_group(&tdx_tsm_mr.tm);
	if (IS_ERR(group)) {
		for (i = 0; i < ARRAY_SIZE(tdx_tsm_mrs); i++)
			tdx_tsm_mrs[i].mr_value -= (uintptr_t)report;
		return PTR_ERR(group);
	}
	/* Nothing calls back before the misc device is registered. */
	mutex_init(&tdx_tsm_mr.route_lock);
	tdx_tsm_mr.tg = tg;
	tdx_tsm_mr.report = no_free_ptr(report);
	tdx_guest_groups[0] = group;
	return 0;
}

/**
 * tdx_measurements_fini() - free what tdx_measurements_init() made.
 *
 * Only after the misc device, and with it the files, is gone.
 */
void tdx_measurements_fini(void)
{
	unsigned int i;

	if (!tdx_guest_groups[0])
		return;
	tsm_mr_free_attribute_group(tdx_guest_groups[0]);
	tdx_guest_groups[0] = NULL;
	for (i = 0; i < ARRAY_SIZE(tdx_tsm_mrs); i++)
		tdx_tsm_mrs[i].mr_value -= (uintptr_t)tdx_tsm_mr.report;
	kfree(tdx_tsm_mr.report);
	tdx_tsm_mr.report = NULL;
	mutex_destroy(&tdx_tsm_mr.route_lock);
}

/**
 * tdx_measurements_extend() - extend an RTMR as the files would show it.
 * @tg: the provider instance.
 * @ev: the extend and its record.
 * @offset: where the record starts in the log, on success.
 *
 * Runs the write method tsm-mr gave the RTMR's file, in this task, with
 * @ev routed to the write callback: the extend goes through
 * tdx_guest_extend_event() and tsm-mr marks its cache stale, in one hold
 * of its lock. tsm-mr looks at neither the file nor the kobject.
 *
 * Return: 0, or the error of the extend.
 */
int tdx_measurements_extend(struct tdx_guest *tg,
			    const struct tdx_rtmr_event *ev, u64 *offset)
{
	const struct bin_attribute *attr;
	u8 buf[TDX_MEASUREMENT_SIZE];
	ssize_t rc;

	/* The RTMRs come first in the table, and so in the group. */
	static_assert(ARRAY_SIZE(tdx_tsm_mrs) >= TDX_RTMR_COUNT);
	if (WARN_ON_ONCE(ev->index >= TDX_RTMR_COUNT || !tdx_guest_groups[0]))
		return -EINVAL;
	attr = tdx_guest_groups[0]->bin_attrs[ev->index];
	memcpy(buf, ev->digest, sizeof(buf));

	rc = mutex_lock_killable(&tdx_tsm_mr.route_lock);
	if (rc)
		return rc;
	tdx_tsm_mr.routed = ev;
	tdx_tsm_mr.routed_done = false;
	WRITE_ONCE(tdx_tsm_mr.routed_by, current);
	rc = attr->write(NULL, &tg->misc.this_device->kobj, attr, buf, 0,
			 sizeof(buf));
	WRITE_ONCE(tdx_tsm_mr.routed_by, NULL);
	tdx_tsm_mr.routed = NULL;
	/*
	 * Success without our callback would mean a tsm-mr that no longer
	 * calls back in this task: whatever it did, the event was not made
	 * as asked.
	 */
	if (rc >= 0 && WARN_ON_ONCE(!tdx_tsm_mr.routed_done)) {
		rc = -EIO;
	} else if (rc >= 0) {
		*offset = tdx_tsm_mr.routed_offset;
		rc = tdx_tsm_mr.routed_rc;
	}
	mutex_unlock(&tdx_tsm_mr.route_lock);
	return rc;
}
