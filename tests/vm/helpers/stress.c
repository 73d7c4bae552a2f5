// SPDX-License-Identifier: GPL-2.0
/*
 * stress: every interface of tdx_guest at once, at random, for the VM
 * tests.
 *
 *   stress SECONDS WORKERS
 *
 * Forks WORKERS processes that, until SECONDS have passed, each pick one
 * operation at random: a report directory's whole life (mkdir, an inblob
 * of random length, outblob, rmdir), an RTMR extend of a good or a bad
 * size, an extend with an event (TDX_CMD_EXTEND_EVENT, now and then with
 * bad flags), a measurement register read, TDX_CMD_GET_REPORT0, a change of
 * quote_timeout_ms, or a change of one of the emulated platform's fault
 * knobs. Meanwhile the parent showers the workers with a handled SIGUSR1
 * (no SA_RESTART), every few hundred microseconds.
 *
 * Every result is counted by operation and errno, and checked against the
 * outcomes Documentation/ABI documents for that operation. Prints one
 * line per (operation, outcome) with its count, marking the undocumented
 * ones, and exits 1 if any result was undocumented, 2 on a usage or setup
 * error, 0 otherwise.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <linux/tdx-guest.h>

/* Not in any installed header: the layout lives in this project. */
#include "../../../include/uapi/tdx-guest/rtmr_log.h"

#define TSM_ROOT	"/sys/kernel/config/tsm/report"
#define MR_DIR		"/sys/devices/virtual/misc/tdx_guest/measurements"
#define PARAM_TIMEOUT	"/sys/module/tdx_guest/parameters/quote_timeout_ms"
#define EMU_KNOBS	"/sys/kernel/debug/tdx_guest_emu"
#define MAX_WORKERS	16
#define MAX_ERRNO	134

enum op {
	OP_MKDIR,
	OP_INBLOB,
	OP_INBLOB_EMPTY,
	OP_OUTBLOB,
	OP_RMDIR,
	OP_EXTEND,
	OP_EXTEND_SHORT,
	OP_EXTEND_LONG,
	OP_EXTEND_EVENT,
	OP_EXTEND_EVENT_FLAGS,
	OP_MR_READ,
	OP_GET_REPORT0,
	OP_TIMEOUT,
	OP_KNOB,
	NR_OPS
};

static const char *const op_names[NR_OPS] = {
	"mkdir", "inblob", "inblob-empty", "outblob", "rmdir", "extend", "extend-47-bytes",
	"extend-49-bytes", "extend-event", "extend-event-flags",
	"mr-read", "get-report0", "quote_timeout_ms", "emu-knob",
};

/*
 * What Documentation/ABI says each operation may answer, 0 included
 * where success is possible, ending with -1. The workers take handled
 * signals all the time: only the configfs-tsm core's own waits may end
 * in EINTR for them, never the driver's (only a fatal signal ends those).
 */
static int allowed[NR_OPS][12] = {
	[OP_MKDIR]	 = { 0, ENOMEM, -1 },
	/* > 64 bytes fails in configfs itself. */
	[OP_INBLOB]	 = { 0, EFBIG, EINTR, -1 },
	/* The configfs core answers EFAULT to a write of nothing. */
	[OP_INBLOB_EMPTY] = { EFAULT, -1 },
	[OP_OUTBLOB]	 = { 0, EINVAL, EINTR, ETIMEDOUT, ECONNREFUSED, EIO,
			     EFBIG, EPROTO, EBUSY, ENOMEM, -1 },
	[OP_RMDIR]	 = { 0, EBUSY, -1 },
	[OP_EXTEND]	 = { 0, ENOSPC, EBUSY, -1 },
	[OP_EXTEND_SHORT] = { EINVAL, -1 },
	/* sysfs cuts it to the file's 48 bytes, which extend. */
	[OP_EXTEND_LONG] = { 0, ENOSPC, EBUSY, -1 },
	[OP_EXTEND_EVENT] = { 0, ENOSPC, EBUSY, -1 },
	[OP_EXTEND_EVENT_FLAGS] = { EINVAL, -1 },
	/* EBUSY: the refresh met report_busy answers 8 times in a row. */
	[OP_MR_READ]	 = { 0, ENOMEM, EBUSY, -1 },
	[OP_GET_REPORT0] = { 0, EBUSY, ENOMEM, -1 },
	/* 0 is refused. */
	[OP_TIMEOUT]	 = { 0, EINVAL, -1 },
	[OP_KNOB]	 = { 0, -1 },
};

/*
 * Where the kernel's tsm-mr reads the files (6.16 and later, where the
 * configfs-tsm core is the module tsm_report), a read waits for tsm-mr's
 * own lock interruptibly: a handled signal can fail it with EINTR, as
 * Documentation/ABI/testing/sysfs-driver-tdx-guest says.
 */
static void use_tsm_mr_semantics(void)
{
	struct stat st;
	int *a;

	if (stat("/sys/module/tsm_report", &st))
		return;
	for (a = allowed[OP_MR_READ]; *a >= 0; a++)
		;
	a[0] = EINTR;
	a[1] = -1;
	printf("tsm-mr serves the files: a read may see EINTR\n");
}

/* Shared by all processes: counts[op][errno]. */
static unsigned long (*counts)[MAX_ERRNO + 1];

static void count(enum op op, int err)
{
	if (err < 0 || err > MAX_ERRNO)
		err = MAX_ERRNO;
	__atomic_fetch_add(&counts[op][err], 1, __ATOMIC_RELAXED);
}

static int is_allowed(enum op op, int err)
{
	const int *a;

	for (a = allowed[op]; *a >= 0; a++)
		if (*a == err)
			return 1;
	return 0;
}

static void on_signal(int sig)
{
	(void)sig;
}

static unsigned int rnd(unsigned int n)
{
	return (unsigned int)random() % n;
}

static int write_file(const char *path, const void *buf, size_t len)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;
	int err;

	if (fd < 0)
		return errno;
	n = write(fd, buf, len);
	err = n < 0 ? errno : 0;
	if (close(fd) && !err)
		err = errno;
	return err;
}

static int write_text(const char *path, const char *fmt, unsigned long v)
{
	char s[32];

	snprintf(s, sizeof(s), fmt, v);
	return write_file(path, s, strlen(s));
}

static int read_file(const char *path, char *buf, size_t len, ssize_t *got)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, total = 0;
	int err = 0;

	if (fd < 0)
		return errno;
	while ((size_t)total < len) {
		n = read(fd, buf + total, len - total);
		if (n < 0) {
			err = errno;
			break;
		}
		if (!n)
			break;
		total += n;
	}
	close(fd);
	*got = total;
	return err;
}

static void report_cycle(unsigned int id, unsigned int seq)
{
	static char quote[128 * 1024];
	char dir[128], path[160];
	unsigned char inblob[80];
	size_t len;
	ssize_t got;
	int err, i;

	snprintf(dir, sizeof(dir), TSM_ROOT "/stress%u_%u", id, seq);
	err = mkdir(dir, 0755) ? errno : 0;
	count(OP_MKDIR, err);
	if (err)
		return;

	/* Mostly the right size. */
	len = rnd(4) ? 64 : rnd(sizeof(inblob) + 1);
	for (i = 0; i < (int)sizeof(inblob); i++)
		inblob[i] = (unsigned char)random();
	snprintf(path, sizeof(path), "%s/inblob", dir);
	count(len ? OP_INBLOB : OP_INBLOB_EMPTY,
	      write_file(path, inblob, len));

	snprintf(path, sizeof(path), "%s/outblob", dir);
	for (i = 0; i < 1 + (int)rnd(2); i++)
		count(OP_OUTBLOB, read_file(path, quote, sizeof(quote), &got));

	count(OP_RMDIR, rmdir(dir) ? errno : 0);
}

static void extend(void)
{
	unsigned char digest[49];
	char path[128];
	size_t len = rnd(4) ? 48 : rnd(2) ? 47 : 49;
	enum op op = len == 48 ? OP_EXTEND : len < 48 ? OP_EXTEND_SHORT :
							 OP_EXTEND_LONG;
	size_t i;

	for (i = 0; i < sizeof(digest); i++)
		digest[i] = (unsigned char)random();
	/* RTMR2 and 3: what user space extends on real TDs. */
	snprintf(path, sizeof(path), MR_DIR "/rtmr%u:sha384", 2 + rnd(2));
	count(op, write_file(path, digest, len));
}

static void extend_event(void)
{
	static unsigned char data[5000];
	struct tdx_rtmr_event_req req;
	int fd = open("/dev/tdx_guest", O_RDWR);
	enum op op = rnd(8) ? OP_EXTEND_EVENT : OP_EXTEND_EVENT_FLAGS;

	if (fd < 0) {
		count(op, errno);
		return;
	}
	memset(&req, 0, sizeof(req));
	req.index = 2 + rnd(2);
	/* Not AAEL: its data must be text, and this is any length of zeros. */
	req.tag_id = 0x54455354;
	req.data_len = rnd(sizeof(data) + 1);
	req.data = (unsigned long)data;
	req.flags = op == OP_EXTEND_EVENT_FLAGS;
	count(op, ioctl(fd, TDX_CMD_EXTEND_EVENT, &req) ? errno : 0);
	close(fd);
}

static void mr_read(void)
{
	static const char *const mrs[] = {
		"mrtd:sha384", "mrconfigid", "mrowner", "mrownerconfig",
		"rtmr0:sha384", "rtmr1:sha384", "rtmr2:sha384", "rtmr3:sha384",
	};
	char path[128], buf[64];
	ssize_t got = 0;
	int err;

	snprintf(path, sizeof(path), MR_DIR "/%s", mrs[rnd(8)]);
	err = read_file(path, buf, sizeof(buf), &got);
	/* A register is 48 bytes; anything else is not documented. */
	count(OP_MR_READ, !err && got != 48 ? MAX_ERRNO : err);
}

static void get_report0(void)
{
	struct tdx_report_req req;
	int fd = open("/dev/tdx_guest", O_RDWR);

	if (fd < 0) {
		count(OP_GET_REPORT0, errno);
		return;
	}
	memset(&req, 0, sizeof(req));
	count(OP_GET_REPORT0,
	      ioctl(fd, TDX_CMD_GET_REPORT0, &req) ? errno : 0);
	close(fd);
}

static void change_timeout(void)
{
	/* Short ones make timeouts happen; 0 must be refused. */
	static const unsigned long ms[] = { 0, 20, 100, 500, 2000 };

	count(OP_TIMEOUT, write_text(PARAM_TIMEOUT, "%lu", ms[rnd(5)]));
}

static void change_knob(void)
{
	static const unsigned long statuses[] = {
		0, 0x8000000000000000UL, 0x8000000000000001UL,
	};

	switch (rnd(5)) {
	case 0:
		count(OP_KNOB, write_text(EMU_KNOBS "/quote_delay_us", "%lu",
					  rnd(20000)));
		break;
	case 1:
		count(OP_KNOB, write_text(EMU_KNOBS "/quote_status", "%#lx",
					  statuses[rnd(3)]));
		break;
	case 2:
		count(OP_KNOB, write_text(EMU_KNOBS "/vmcall_retry", "%lu",
					  rnd(4)));
		break;
	case 3:
		count(OP_KNOB, write_text(EMU_KNOBS "/report_busy", "%lu",
					  rnd(10)));
		break;
	default:
		count(OP_KNOB, write_text(EMU_KNOBS "/quote_oversize", "%lu",
					  rnd(2)));
		break;
	}
}

static void worker(unsigned int id, time_t deadline)
{
	struct sigaction sa = { .sa_handler = on_signal };
	unsigned int seq = 0;

	sigaction(SIGUSR1, &sa, NULL);	/* no SA_RESTART: calls see EINTR */
	srandom(getpid() ^ (unsigned int)time(NULL));
	while (time(NULL) < deadline) {
		switch (rnd(10)) {
		case 0:
		case 1:
		case 2:
			report_cycle(id, seq++);
			break;
		case 3:
			extend();
			break;
		case 4:
			extend_event();
			break;
		case 5:
		case 6:
			mr_read();
			break;
		case 7:
			get_report0();
			break;
		case 8:
			if (!rnd(4))
				change_timeout();
			else
				mr_read();
			break;
		default:
			if (!rnd(4))
				change_knob();
			else
				get_report0();
			break;
		}
	}
	_exit(0);
}

int main(int argc, char **argv)
{
	struct timespec storm = { 0, 300 * 1000 };
	pid_t pids[MAX_WORKERS];
	unsigned int i, nr, bad = 0;
	unsigned long signals = 0;
	time_t deadline;
	int op, err;

	if (argc != 3 || atoi(argv[1]) <= 0 || atoi(argv[2]) <= 0 ||
	    atoi(argv[2]) > MAX_WORKERS) {
		fprintf(stderr, "usage: stress SECONDS WORKERS (1..%d)\n",
			MAX_WORKERS);
		return 2;
	}
	nr = (unsigned int)atoi(argv[2]);
	use_tsm_mr_semantics();
	counts = mmap(NULL, sizeof(*counts) * NR_OPS, PROT_READ | PROT_WRITE,
		      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (counts == MAP_FAILED) {
		perror("stress: mmap");
		return 2;
	}
	deadline = time(NULL) + atoi(argv[1]);
	for (i = 0; i < nr; i++) {
		pids[i] = fork();
		if (pids[i] < 0) {
			perror("stress: fork");
			return 2;
		}
		if (!pids[i])
			worker(i, deadline);
	}

	/* The signal storm, until the workers are done. */
	srandom((unsigned int)getpid());
	while (time(NULL) < deadline) {
		kill(pids[rnd(nr)], SIGUSR1);
		signals++;
		nanosleep(&storm, NULL);
	}
	for (i = 0; i < nr; i++)
		waitpid(pids[i], NULL, 0);

	printf("%lu signals sent\n", signals);
	for (op = 0; op < NR_OPS; op++) {
		for (err = 0; err <= MAX_ERRNO; err++) {
			unsigned long n = counts[op][err];
			int ok = is_allowed(op, err);

			if (!n)
				continue;
			printf("%-17s %-13s %8lu%s\n", op_names[op],
			       err == MAX_ERRNO ? "UNEXPECTED" :
			       err ? strerrorname_np(err) : "ok", n,
			       ok ? "" : "  <- not documented");
			bad += !ok;
		}
	}
	return bad ? 1 : 0;
}
