// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: /dev/tdx_guest
 *
 * The misc device carries the measurement files and the runtime
 * measurement log in sysfs, and three ioctls. Two are Intel DCAP's:
 *
 * - TDX_CMD_GET_REPORT0 of Linux 6.12's <linux/tdx-guest.h>, before DCAP
 *   reads a Quote through configfs;
 * - TDX_CMD_EXTEND_RTMR (<uapi/tdx-guest/extend_rtmr.h>), which DCAP 1.22
 *   to 1.24 use to extend an RTMR; later versions write the sysfs files.
 *   An extend through it is the same as one through sysfs: same lock,
 *   same record in the runtime measurement log, same errors, and the
 *   measurement files show it at once, as they show their own.
 *
 * The third, TDX_CMD_EXTEND_EVENT (<uapi/tdx-guest/rtmr_log.h>), extends
 * an RTMR with an event whose content the log keeps: a structured request
 * with a variable amount of data and a result (where its record is) does
 * not fit a sysfs file, which takes a page at most per write and returns
 * only a count; /dev/tdx_guest is root's already, and where the other
 * extend ioctl lives.
 *
 * Every report and extend is taken under the same lock. No other ioctl
 * exists.
 */
#include <linux/cleanup.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>

#include <uapi/linux/tdx-guest.h>
#include <uapi/tdx-guest/extend_rtmr.h>
#include <uapi/tdx-guest/rtmr_log.h>

#include "tdx_guest.h"

static long tdx_guest_get_report0(struct tdx_guest *tg,
				  struct tdx_report_req __user *req)
{
	u8 *reportdata __free(kfree) = kmalloc(TDX_REPORTDATA_LEN, GFP_KERNEL);
	u8 *tdreport __free(kfree) = kzalloc(TDX_REPORT_LEN, GFP_KERNEL);
	int rc;

	if (!reportdata || !tdreport)
		return -ENOMEM;
	if (copy_from_user(reportdata, req->reportdata, TDX_REPORTDATA_LEN))
		return -EFAULT;

	rc = tdx_guest_get_report(tg, reportdata, tdreport);
	if (rc)
		return rc;

	if (copy_to_user(req->tdreport, tdreport, TDX_REPORT_LEN))
		return -EFAULT;
	return 0;
}

static long tdx_guest_ioctl_extend_rtmr(struct tdx_guest *tg,
					struct tdx_extend_rtmr_req __user *ureq)
{
	struct tdx_extend_rtmr_req req;
	u64 offset;

	static_assert(TDX_EXTEND_RTMR_DATA_LEN == TDX_MEASUREMENT_SIZE);
	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	if (req.index >= TDX_RTMR_COUNT)
		return -EINVAL;

	struct tdx_rtmr_event *ev __free(kvfree) =
		tdx_rtmr_event_digest(req.index, req.data);
	if (IS_ERR(ev))
		return PTR_ERR(no_free_ptr(ev));
	return tdx_measurements_extend(tg, ev, &offset);
}

static long tdx_guest_ioctl_extend_event(struct tdx_guest *tg,
					 struct tdx_rtmr_event_req __user *ureq)
{
	struct tdx_rtmr_event_req req;
	u64 offset;
	int rc;

	if (copy_from_user(&req, ureq, sizeof(req)))
		return -EFAULT;
	/* The driver's own tags are not an agent's to write. */
	if (req.index >= TDX_RTMR_COUNT || req.flags ||
	    req.data_len > TDX_RTMR_EVENT_DATA_MAX ||
	    req.tag_id == TDX_RTMR_LOG_TAG_DIGEST ||
	    req.tag_id == TDX_RTMR_LOG_TAG_BASELINE)
		return -EINVAL;
	/* A result that cannot be written back fails before the extend. */
	if (put_user(U64_MAX, &ureq->log_offset))
		return -EFAULT;

	struct tdx_rtmr_event *ev __free(kvfree) =
		tdx_rtmr_event_tagged_user(req.index, req.tag_id,
					   u64_to_user_ptr(req.data),
					   req.data_len);
	if (IS_ERR(ev))
		return PTR_ERR(no_free_ptr(ev));

	rc = tdx_measurements_extend(tg, ev, &offset);
	if (rc)
		return rc;
	/* Extended and logged: only unmapping the request meanwhile fails. */
	return put_user(offset, &ureq->log_offset);
}

static long tdx_guest_ioctl(struct file *file, unsigned int cmd,
			    unsigned long arg)
{
	struct tdx_guest *tg = container_of(file->private_data,
					    struct tdx_guest, misc);

	switch (cmd) {
	case TDX_CMD_GET_REPORT0:
		return tdx_guest_get_report0(tg, (void __user *)arg);
	case TDX_CMD_EXTEND_RTMR:
	case TDX_CMD_EXTEND_RTMR_IOR:
		return tdx_guest_ioctl_extend_rtmr(tg, (void __user *)arg);
	case TDX_CMD_EXTEND_EVENT:
		return tdx_guest_ioctl_extend_event(tg, (void __user *)arg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations tdx_guest_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = tdx_guest_ioctl,
	.compat_ioctl = compat_ptr_ioctl,
};

/**
 * tdx_guest_misc_register() - create /dev/tdx_guest and its sysfs files.
 * @tg: the provider instance; its misc member is set up here.
 *
 * Return: 0 or misc_register()'s error (-EBUSY when the in-tree tdx_guest
 * driver still holds the name).
 */
int tdx_guest_misc_register(struct tdx_guest *tg)
{
	int rc;

	rc = tdx_measurements_init(tg);
	if (rc)
		return rc;
	tg->misc.minor = MISC_DYNAMIC_MINOR;
	tg->misc.name = "tdx_guest";
	tg->misc.fops = &tdx_guest_fops;
	tg->misc.groups = tdx_guest_groups;
	tg->misc.mode = 0600;
	rc = misc_register(&tg->misc);
	if (rc) {
		tg->misc.this_device = NULL;	/* nothing to deregister */
		tdx_measurements_fini();
	}
	return rc;
}

/**
 * tdx_guest_misc_deregister() - remove /dev/tdx_guest.
 * @tg: the provider instance.
 */
void tdx_guest_misc_deregister(struct tdx_guest *tg)
{
	misc_deregister(&tg->misc);
	tdx_measurements_fini();
}
