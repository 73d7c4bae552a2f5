// SPDX-License-Identifier: GPL-2.0
/*
 * signal-storm-read: read a file whole while a handled signal arrives every
 * PERIOD_US microseconds, retrying reads that fail with EINTR, as Go's
 * os.ReadFile does; for the VM tests of killable GetQuote waits.
 *
 *   signal-storm-read PERIOD_US FILE OUT
 *
 * SIGALRM from a POSIX interval timer is caught by a handler installed
 * without SA_RESTART, so every signal that ends a system call shows up as
 * EINTR. While the reader is in the kernel, expirations merge into one
 * pending signal; the timer's overrun count says how many there were.
 * Prints "signals N expirations X eintr M bytes B" and exits 0 when FILE
 * was read to its end (written to OUT); otherwise prints the errno's name
 * and exits 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static timer_t timer;
/* Lock-free atomics are safe to touch in a signal handler. */
static atomic_long signals, expirations;

static void on_alarm(int sig)
{
	int overrun = timer_getoverrun(timer);

	(void)sig;
	signals++;
	expirations += 1 + (overrun > 0 ? overrun : 0);
}

static const char *errno_name(int err)
{
	switch (err) {
	case EINTR: return "EINTR";
	case EBUSY: return "EBUSY";
	case EIO: return "EIO";
	case EPROTO: return "EPROTO";
	case ETIMEDOUT: return "ETIMEDOUT";
	case ECONNREFUSED: return "ECONNREFUSED";
	case EINVAL: return "EINVAL";
	case EFBIG: return "EFBIG";
	case ENOMEM: return "ENOMEM";
	default: return strerror(err);
	}
}

static int fail(const char *what)
{
	int err = errno;

	printf("%s\n", errno_name(err));
	fprintf(stderr, "signal-storm-read: %s: %s\n", what, strerror(err));
	return 1;
}

int main(int argc, char **argv)
{
	static char buf[1 << 17];
	struct sigaction sa;
	struct sigevent sev;
	struct itimerspec it;
	unsigned long eintr = 0;
	size_t got = 0;
	long period;
	ssize_t n;
	int fd, out;

	if (argc != 4) {
		fprintf(stderr, "usage: signal-storm-read PERIOD_US FILE OUT\n");
		return 2;
	}
	period = strtol(argv[1], NULL, 0);
	if (period <= 0 || period >= 1000000) {
		fprintf(stderr, "signal-storm-read: PERIOD_US out of range\n");
		return 2;
	}

	fd = open(argv[2], O_RDONLY);
	if (fd < 0)
		return fail("open");
	out = open(argv[3], O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (out < 0)
		return fail("open OUT");

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: every hit is EINTR */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL))
		return fail("sigaction");
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGALRM;
	if (timer_create(CLOCK_MONOTONIC, &sev, &timer))
		return fail("timer_create");
	memset(&it, 0, sizeof(it));
	it.it_interval.tv_nsec = period * 1000;
	it.it_value.tv_nsec = period * 1000;
	if (timer_settime(timer, 0, &it, NULL))
		return fail("timer_settime");

	for (;;) {
		n = read(fd, buf + got, sizeof(buf) - got);
		if (n < 0 && errno == EINTR) {
			eintr++;
			continue;
		}
		if (n < 0)
			return fail("read");
		got += n;
		if (!n || got == sizeof(buf))
			break;
	}

	timer_delete(timer);
	if (write(out, buf, got) != (ssize_t)got)
		return fail("write OUT");
	printf("signals %ld expirations %ld eintr %lu bytes %zu\n",
	       atomic_load(&signals), atomic_load(&expirations), eintr, got);
	return 0;
}
