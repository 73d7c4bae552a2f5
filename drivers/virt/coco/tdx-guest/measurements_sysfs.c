// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: measurement registers in sysfs
 *
 * The ABI upstream Linux adopted in 6.16, on 6.12: the misc device's
 * "measurements" group holds one binary file per register, named
 * "<register>[:<hash>]". Reads return the register's value from a cached
 * TDREPORT (see report_extend.c for how current it is); writing 48 bytes
 * at offset 0 to an RTMR extends it. One table drives every file.
 *
 * Everything a client can observe is what the kernel's tsm-mr library
 * does with these files from 6.16 on (measurements_tsm_mr.c), so that an
 * agent sees one behaviour on every kernel: each file has the size of its
 * register; a write that is shorter, or not at offset 0, fails with
 * EINVAL; sysfs cuts a longer write to the file's size before the driver
 * sees it, so its first 48 bytes are extended and 48 is returned, and a
 * write past the end fails with EFBIG.
 */
#include <linux/cleanup.h>
#include <linux/device.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/sysfs.h>
#include <kunit/visibility.h>

#include "tdx_guest.h"

#define TDINFO_OFFSET(field) \
	(offsetof(struct tdx_tdreport, tdinfo) + \
	 offsetof(struct tdx_tdinfo, field))

/**
 * struct tdx_mr - one measurement register file.
 * @name: file name under measurements/.
 * @offset: where the register lives in a TDREPORT.
 * @rtmr: the RTMR index, or -1 for a read-only register.
 */
struct tdx_mr {
	const char *name;
	size_t offset;
	int rtmr;
};

static const struct tdx_mr tdx_mrs[] = {
	{ "mrtd:sha384",	TDINFO_OFFSET(mrtd),		-1 },
	{ "mrconfigid",		TDINFO_OFFSET(mrconfigid),	-1 },
	{ "mrowner",		TDINFO_OFFSET(mrowner),		-1 },
	{ "mrownerconfig",	TDINFO_OFFSET(mrownerconfig),	-1 },
	{ "rtmr0:sha384",	TDINFO_OFFSET(rtmr[0]),		0 },
	{ "rtmr1:sha384",	TDINFO_OFFSET(rtmr[1]),		1 },
	{ "rtmr2:sha384",	TDINFO_OFFSET(rtmr[2]),		2 },
	{ "rtmr3:sha384",	TDINFO_OFFSET(rtmr[3]),		3 },
};

static struct bin_attribute tdx_mr_attrs[ARRAY_SIZE(tdx_mrs)];
static struct bin_attribute *tdx_mr_attr_list[ARRAY_SIZE(tdx_mrs) + 1];

static struct tdx_guest *kobj_to_tdx_guest(struct kobject *kobj)
{
	struct miscdevice *misc = dev_get_drvdata(kobj_to_dev(kobj));

	return container_of(misc, struct tdx_guest, misc);
}

static ssize_t tdx_mr_read(struct file *file, struct kobject *kobj,
			   struct bin_attribute *attr, char *buf, loff_t off,
			   size_t count)
{
	const struct tdx_mr *mr = attr->private;
	int rc;

	/* sysfs keeps @off and @count within the file's size. */
	/* From the cached TDREPORT: RTMRs are live, the others fixed. */
	rc = tdx_guest_read_mr(kobj_to_tdx_guest(kobj), mr->offset + off,
			       count, mr->rtmr >= 0, buf);
	return rc ? rc : count;
}

static ssize_t tdx_mr_write(struct file *file, struct kobject *kobj,
			    struct bin_attribute *attr, char *buf, loff_t off,
			    size_t count)
{
	const struct tdx_mr *mr = attr->private;
	int rc;

	/* One whole digest per write, as tsm-mr demands. */
	if (off != 0 || count != attr->size)
		return -EINVAL;

	rc = tdx_guest_extend_rtmr(kobj_to_tdx_guest(kobj), mr->rtmr, buf);
	return rc ? rc : count;
}

static ssize_t rtmr_log_read(struct file *file, struct kobject *kobj,
			     struct bin_attribute *attr, char *buf, loff_t off,
			     size_t count)
{
	return tdx_rtmr_log_read(&kobj_to_tdx_guest(kobj)->log, buf, off,
				 count);
}

/* Root only, like the firmware's event log (the ACPI CCEL). */
static BIN_ATTR_ADMIN_RO(rtmr_log, 0);

static struct attribute_group tdx_mr_group = {
	.name = "measurements",
	.bin_attrs = tdx_mr_attr_list,
};

static struct bin_attribute *tdx_log_bin_attrs[] = {
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

/* Both groups, for struct miscdevice.groups. */
const struct attribute_group *tdx_guest_groups[] = {
	&tdx_mr_group,
	&tdx_log_group,
	NULL,
};

/**
 * tdx_measurements_init() - build the measurement files from the table.
 * @tg: the provider instance (found again from the device at each access).
 *
 * Must run before the misc device is registered with tdx_guest_groups.
 *
 * Return: 0.
 */
int tdx_measurements_init(struct tdx_guest *tg)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tdx_mrs); i++) {
		struct bin_attribute *a = &tdx_mr_attrs[i];
		const struct tdx_mr *mr = &tdx_mrs[i];

		sysfs_bin_attr_init(a);
		a->attr.name = mr->name;
		a->attr.mode = mr->rtmr < 0 ? 0444 : 0644;
		a->size = TDX_MEASUREMENT_SIZE;
		a->read = tdx_mr_read;
		if (mr->rtmr >= 0)
			a->write = tdx_mr_write;
		a->private = (void *)mr;
		tdx_mr_attr_list[i] = a;
	}
	return 0;
}

/**
 * tdx_measurements_fini() - undo tdx_measurements_init(): nothing to free.
 */
void tdx_measurements_fini(void)
{
}

/**
 * tdx_measurements_extend() - extend an RTMR as the files would show it.
 * @tg: the provider instance.
 * @ev: the extend and its record.
 * @offset: where the record starts in the log, on success.
 *
 * For extends that do not come through the files (the ioctls), so that
 * the files show them exactly as they show their own.
 *
 * Return: what tdx_guest_extend_event() returns.
 */
int tdx_measurements_extend(struct tdx_guest *tg,
			    const struct tdx_rtmr_event *ev, u64 *offset)
{
	return tdx_guest_extend_event(tg, ev, offset);
}
