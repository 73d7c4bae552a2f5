// SPDX-License-Identifier: GPL-2.0
/*
 * Service mode: answer GET_QUOTE_REQ messages from the emulated platform.
 *
 * Device contract (the kernel side implements it): one read() returns one
 * whole framed request, or EINVAL if the buffer is too small, leaving the
 * request queued; one write() takes one whole framed response; responses
 * complete requests in the order they were read. So every request read
 * must get exactly one response, even a malformed one, or the kernel's
 * queue and ours drift apart.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <tdx-guest/qgs_msg.h>

#include "../common/parse.h"
#include "../common/util.h"
#include "qgs_proto.h"
#include "quote_gen.h"
#include "service.h"

/* Far above any request (1024-byte report plus headers). */
#define REQUEST_BUF_SIZE	(64 * 1024)
/* How long a response may wait for the device to take it. */
#define WRITE_TIMEOUT_MS	5000

/*
 * SIGTERM and SIGINT stay blocked and arrive through a signalfd polled
 * with the device, so a stop request can never slip in between checking
 * for it and going to sleep.
 */
static int block_stop_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGINT);
	if (sigprocmask(SIG_BLOCK, set, NULL)) {
		errmsg("blocking signals: %s", strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Non-blocking, so that a request withdrawn between poll() and read()
 * (the guest timed out) sends us back to poll() instead of into a read()
 * that no signal can interrupt.
 */
static int open_device(const struct service_opts *o)
{
	int fd, flags;

	if (o->device_fd >= 0) {
		flags = fcntl(o->device_fd, F_GETFL);
		if (flags < 0 ||
		    fcntl(o->device_fd, F_SETFL, flags | O_NONBLOCK)) {
			errmsg("descriptor %d: %s", o->device_fd,
			       strerror(errno));
			return -1;
		}
		return o->device_fd;
	}
	fd = open(o->device, O_RDWR | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0 && errno == EBUSY)
		errmsg("%s: busy: another quote service has it open",
		       o->device);
	else if (fd < 0)
		errmsg("%s: %s", o->device, strerror(errno));
	return fd;
}

/*
 * Go to the background with the device already open, so open errors still
 * reach the launcher's exit status.
 * Return: 1 in the parent, 0 in the child, -1 on failure.
 */
static int daemonize(void)
{
	pid_t pid = fork();
	int null;

	if (pid < 0) {
		errmsg("fork: %s", strerror(errno));
		return -1;
	}
	if (pid > 0)
		return 1;
	setsid();
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		if (null > STDERR_FILENO)
			close(null);
	}
	return 0;
}

static int create_ready_file(const char *path)
{
	char pid[32];
	int len = snprintf(pid, sizeof(pid), "%ld\n", (long)getpid());
	int err = write_file(path, pid, len);

	if (err)
		errmsg("%s: %s", path, strerror(-err));
	return err ? -1 : 0;
}

static int write_message(int fd, const uint8_t *msg, size_t len)
{
	struct pollfd pfd = { .fd = fd, .events = POLLOUT };
	ssize_t n;

	for (;;) {
		n = write(fd, msg, len);
		if (n >= 0 || (errno != EINTR && errno != EAGAIN))
			break;
		if (errno == EAGAIN && poll(&pfd, 1, WRITE_TIMEOUT_MS) == 0) {
			errno = ETIMEDOUT;
			break;
		}
	}
	if (n < 0) {
		errmsg("writing response: %s", strerror(errno));
		return -1;
	}
	if ((size_t)n != len) {
		errmsg("device took %zd of %zu response bytes", n, len);
		return -1;
	}
	return 0;
}

/* Build the response to one request; malformed ones get an error code. */
static uint8_t *answer(const struct qgs_keys *keys,
		       const struct quote_format *fmt,
		       struct qe_report_cache *qe_cache, const uint8_t *req,
		       size_t req_len, size_t *resp_len, unsigned long seq,
		       int verbose)
{
	uint32_t code = TDX_QGS_ERROR_UNEXPECTED;
	const uint8_t *report;
	uint8_t *quote = NULL, *resp;
	size_t report_len, quote_len = 0;
	char err[160];

	if (qgs_parse_request(req, req_len, &report, &report_len, err,
			      sizeof(err)) ||
	    tdreport_check(report, report_len, err, sizeof(err))) {
		if (verbose)
			errmsg("request %lu: malformed: %s", seq, err);
	} else if (quote_build(keys, fmt, qe_cache, report, report_len,
			       &quote, &quote_len)) {
		errmsg("request %lu: building the quote failed", seq);
	} else {
		code = TDX_QGS_SUCCESS;
		if (verbose)
			errmsg("request %lu: quote of %zu bytes", seq,
			       quote_len);
	}
	resp = qgs_build_response(code, quote, quote_len, resp_len);
	free(quote);
	if (!resp)
		errmsg("request %lu: out of memory", seq);
	return resp;
}

/*
 * Wait for a request or a stop signal.
 * Return: 1 when the device is readable, 0 to stop, -1 on an error.
 */
static int wait_request(int fd, int sig_fd)
{
	struct pollfd pfd[2] = {
		{ .fd = fd, .events = POLLIN },
		{ .fd = sig_fd, .events = POLLIN },
	};

	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			errmsg("poll: %s", strerror(errno));
			return -1;
		}
		if (pfd[1].revents)
			return 0;
		if (pfd[0].revents & POLLIN)
			return 1;
		if (pfd[0].revents) {
			errmsg("device error or hang-up (revents 0x%x)",
			       pfd[0].revents);
			return -1;
		}
	}
}

static int serve(const struct qgs_keys *keys, int fd, int sig_fd,
		 const struct service_opts *o)
{
	uint8_t *buf = malloc(REQUEST_BUF_SIZE), *resp;
	struct qe_report_cache qe_cache = { 0 };
	unsigned long seq = 0;
	size_t resp_len;
	ssize_t n;
	int ret;

	if (!buf) {
		errmsg("out of memory");
		return -1;
	}
	while ((ret = wait_request(fd, sig_fd)) > 0) {
		n = read(fd, buf, REQUEST_BUF_SIZE);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			errmsg("reading request: %s",
			       n ? strerror(errno) : "end of file");
			ret = -1;
			break;
		}
		resp = answer(keys, &o->format, &qe_cache, buf, n, &resp_len,
			      ++seq, o->verbose);
		/*
		 * A failed write loses only this request: the kernel fails
		 * or times it out. Keep serving the rest.
		 */
		if (resp)
			write_message(fd, resp, resp_len);
		free(resp);
	}
	free(buf);
	return ret;
}

/* Run in the (possibly background) service process, device open. */
static int run_service(const struct qgs_keys *keys,
		       const struct service_opts *o, int fd,
		       const sigset_t *stop_set)
{
	int sig_fd, ret;

	sig_fd = signalfd(-1, stop_set, SFD_CLOEXEC);
	if (sig_fd < 0) {
		errmsg("signalfd: %s", strerror(errno));
		return -1;
	}
	ret = -1;
	if (o->ready_file && create_ready_file(o->ready_file))
		goto out;
	if (o->verbose)
		errmsg("serving %s with TEST keys (quotes prove nothing)",
		       o->device_fd >= 0 ? "a descriptor" : o->device);
	ret = serve(keys, fd, sig_fd, o);
	if (o->ready_file)
		unlink(o->ready_file);
out:
	close(sig_fd);
	return ret ? -1 : 0;
}

/**
 * service_run() - serve quote requests until SIGTERM or SIGINT.
 * @keys: the TEST key set.
 * @o: options.
 *
 * Return: 0 after a stop signal (or in the parent, once the background
 * service is started), -1 on an error.
 */
int service_run(const struct qgs_keys *keys, const struct service_opts *o)
{
	sigset_t stop_set;
	int fd, ret;

	if (block_stop_signals(&stop_set))
		return -1;
	fd = open_device(o);
	if (fd < 0)
		return -1;
	ret = o->foreground ? 0 : daemonize();
	if (!ret)
		ret = run_service(keys, o, fd, &stop_set);
	else if (ret > 0)
		ret = 0;	/* the parent: the child serves */
	close(fd);
	return ret;
}
