/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Service mode: answer GET_QUOTE_REQ messages from the emulated platform.
 */
#ifndef QGS_EMU_SERVICE_H
#define QGS_EMU_SERVICE_H

#include "keys.h"
#include "quote_gen.h"

#define QGS_DEFAULT_DEVICE	"/dev/tdx_guest_emu_qgs"

/**
 * struct service_opts - how to run the service.
 * @device: character device of the emulated platform.
 * @device_fd: if >= 0, an already open descriptor used instead of @device
 *	(host tests pass one end of a SOCK_SEQPACKET pair).
 * @ready_file: created once the device is open, removed on exit; or NULL.
 * @foreground: stay attached instead of going to the background.
 * @verbose: log one line per request to stderr.
 * @format: version and padding of the Quotes returned.
 */
struct service_opts {
	const char *device;
	int device_fd;
	const char *ready_file;
	int foreground;
	int verbose;
	struct quote_format format;
};

int service_run(const struct qgs_keys *keys, const struct service_opts *o);

#endif /* QGS_EMU_SERVICE_H */
