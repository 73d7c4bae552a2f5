// SPDX-License-Identifier: GPL-2.0-only
/*
 * DOC: /dev/tdx_guest_emu_qgs
 *
 * The emulated VMM's connection to a user-space quote generation service.
 * One service at a time: a second open() fails with EBUSY. read() returns
 * exactly one GET_QUOTE_REQ message with its 4-byte big-endian length
 * prefix, blocking until one is queued unless O_NONBLOCK; poll() reports
 * POLLIN when one is. write() takes exactly one GET_QUOTE_RESP, which
 * answers the oldest request this service has read. Closing the device
 * fails every unanswered request with "service unavailable".
 */
#include <linux/atomic.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>

#include "emu.h"

static atomic_t tdx_emu_qgs_open_count = ATOMIC_INIT(0);

static int tdx_emu_qgs_open(struct inode *inode, struct file *file)
{
	if (atomic_cmpxchg(&tdx_emu_qgs_open_count, 0, 1))
		return -EBUSY;
	tdx_emu_service_attach();
	return nonseekable_open(inode, file);
}

static int tdx_emu_qgs_release(struct inode *inode, struct file *file)
{
	tdx_emu_service_detach();
	atomic_set(&tdx_emu_qgs_open_count, 0);
	return 0;
}

static ssize_t tdx_emu_qgs_read(struct file *file, char __user *ubuf,
				size_t count, loff_t *ppos)
{
	ssize_t rc;

	for (;;) {
		rc = tdx_emu_service_read(ubuf, count);
		if (rc != -EAGAIN || (file->f_flags & O_NONBLOCK))
			return rc;
		if (wait_event_interruptible(*tdx_emu_service_waitq(),
					     tdx_emu_service_has_request()))
			return -ERESTARTSYS;
	}
}

static ssize_t tdx_emu_qgs_write(struct file *file, const char __user *ubuf,
				 size_t count, loff_t *ppos)
{
	return tdx_emu_service_write(ubuf, count);
}

static __poll_t tdx_emu_qgs_poll(struct file *file, poll_table *wait)
{
	poll_wait(file, tdx_emu_service_waitq(), wait);
	return tdx_emu_service_has_request() ? EPOLLIN | EPOLLRDNORM : 0;
}

static const struct file_operations tdx_emu_qgs_fops = {
	.owner = THIS_MODULE,
	.open = tdx_emu_qgs_open,
	.release = tdx_emu_qgs_release,
	.read = tdx_emu_qgs_read,
	.write = tdx_emu_qgs_write,
	.poll = tdx_emu_qgs_poll,
};

static struct miscdevice tdx_emu_qgs_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "tdx_guest_emu_qgs",
	.fops = &tdx_emu_qgs_fops,
	.mode = 0600,
};

/**
 * tdx_emu_qgs_dev_init() - create /dev/tdx_guest_emu_qgs.
 *
 * Return: 0 or misc_register()'s error.
 */
int tdx_emu_qgs_dev_init(void)
{
	return misc_register(&tdx_emu_qgs_dev);
}

/**
 * tdx_emu_qgs_dev_exit() - remove /dev/tdx_guest_emu_qgs.
 */
void tdx_emu_qgs_dev_exit(void)
{
	misc_deregister(&tdx_emu_qgs_dev);
}
