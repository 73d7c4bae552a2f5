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
 * and offers no way to tell it of any other; so the legacy ioctl's extends
 * go through tsm-mr's own write path too (tdx_measurements_extend()), or a
 * read after them would show the old value for good.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/miscdevice.h>
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
 */
struct tdx_tsm_mr {
	struct tsm_measurements tm;
	struct tdx_guest *tg;
	u8 *report;
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
	return tdx_guest_extend_rtmr(to_tdx_tsm_mr(tm)->tg, mr - tm->mrs, data);
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

static const struct bin_attribute *const tdx_log_attrs[] = {
	&bin_attr_rtmr_log,
	NULL,
};

static const struct attribute_group tdx_log_group = {
	.bin_attrs = tdx_log_attrs,
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
}

/**
 * tdx_measurements_extend() - extend an RTMR as a write to its file does.
 * @tg: the provider instance.
 * @index: RTMR 0..3.
 * @digest: TDX_MEASUREMENT_SIZE bytes.
 *
 * Runs the write method tsm-mr gave the RTMR's file, which extends through
 * tdx_guest_extend_rtmr() and marks tsm-mr's cache stale in one hold of
 * its lock. tsm-mr looks at neither the file nor the kobject.
 *
 * Return: 0, or the error of the extend.
 */
int tdx_measurements_extend(struct tdx_guest *tg, unsigned int index,
			    const u8 *digest)
{
	const struct bin_attribute *attr;
	u8 buf[TDX_MEASUREMENT_SIZE];
	ssize_t rc;

	/* The RTMRs come first in the table, and so in the group. */
	static_assert(ARRAY_SIZE(tdx_tsm_mrs) >= TDX_RTMR_COUNT);
	if (WARN_ON_ONCE(index >= TDX_RTMR_COUNT || !tdx_guest_groups[0]))
		return -EINVAL;
	attr = tdx_guest_groups[0]->bin_attrs[index];
	memcpy(buf, digest, sizeof(buf));
	rc = attr->write(NULL, &tg->misc.this_device->kobj, attr, buf, 0,
			 sizeof(buf));
	return rc < 0 ? rc : 0;
}
