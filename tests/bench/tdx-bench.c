// SPDX-License-Identifier: GPL-2.0
/*
 * tdx-bench: guest-side measurements of configfs-tsm quote latency and
 * report throughput, and of RTMR extends (their rate, and quote latency
 * while they run), for tests/bench. It is linked statically because the
 * guest is busybox, whose shell cannot time anything precisely.
 *
 *   tdx-bench info
 *   tdx-bench latency [--delays-ms LIST] [--samples N[,N...]] [--trace]
 *                     [--warmup N] [--extenders N | --spinners N]
 *   tdx-bench throughput [--dirs LIST] [--seconds S]
 *   tdx-bench extend [--kind digest|event] [--bytes N] [--threads LIST]
 *                    [--seconds S] [--log-kib K] [--warmup N]
 *   tdx-bench sleepcost [--interval-us LIST] [--count N]
 *
 * Each result is one JSON object on one line of stdout; progress and
 * errors go to stderr. Run "tdx-bench --help" for the options.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

/* The project's UAPI, not installed anywhere: TDX_CMD_EXTEND_EVENT. */
#include "../../include/uapi/tdx-guest/rtmr_log.h"

#define DEFAULT_ROOT	"/sys/kernel/config/tsm/report"
#define DEFAULT_KNOB	"/sys/kernel/debug/tdx_guest_emu/quote_delay_us"
#define DEFAULT_TRACEFS	"/sys/kernel/tracing"
#define DEFAULT_DEV	"/dev/tdx_guest"
#define DEFAULT_MR_DIR	"/sys/devices/virtual/misc/tdx_guest/measurements"
#define DEFAULT_LOG	"/sys/devices/virtual/misc/tdx_guest/rtmr_log"

#define NONCE_LEN	64
/* Above configfs-tsm's 32 KiB outblob limit, so a short read means EOF. */
#define OUTBLOB_CAP	(64 * 1024)
/* Quote v4: 48-byte header, then the TD quote body with REPORTDATA @520. */
#define QUOTE_REPORTDATA_OFF	(48 + 520)
#define MAX_LIST	16
#define MAX_SAMPLES	4096
#define TP_LAT_CAP	65536

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define TRACE_EVENTS	7
/* Requests after a change of service time before measuring (see use). */
#define SETTLE_REQUESTS	4

/*
 * Extends go to RTMR3, the one left to the TD's agents, as those of
 * Confidential Containers' attestation agent do.
 */
#define EXT_RTMR	3
#define EXT_DIGEST_LEN	48
/* A log record: TCG_PCR_EVENT2 head, then the tagged event and its data. */
#define EXT_RECORD_BYTES(data) \
	(sizeof(struct tdx_rtmr_log_head) + \
	 sizeof(struct tdx_rtmr_log_tagged_event) + (data))
/* Extend times kept per thread: a uniform sample of all of them. */
#define EXT_LAT_CAP	16384
#define MAX_EXTENDERS	64

struct opts {
	const char *root;
	const char *knob;
	const char *tracefs;
	long delays_ms[MAX_LIST];
	int nr_delays;
	long samples[MAX_LIST];
	int nr_samples;
	long dirs[MAX_LIST];
	int nr_dirs;
	long seconds;
	long intervals_us[MAX_LIST];
	int nr_intervals;
	long count;
	long warmup;
	long qgs_pid;
	bool trace;
	/* extend, and latency with extenders */
	const char *dev;
	const char *mr_dir;
	const char *log;
	bool event;
	long bytes;
	long threads[MAX_LIST];
	int nr_threads;
	long log_kib;
	long extenders;		/* -1: not asked for */
	long spinners;
};

/* A report directory this program created (and removes again). */
struct report_dir {
	char path[256];
	bool check_reportdata;
	char provider[32];
};

/* What one request cost, seen from user space. */
struct sample {
	long long t0_ns;	/* CLOCK_MONOTONIC before the outblob read */
	long long t1_ns;	/* ... and after it */
	double lat_ms;
	double cpu_ms;		/* this thread's CPU time over the read */
	size_t quote_len;
};

/* System-wide and per-process CPU counters around a measured run. */
struct cpu_window {
	unsigned long long stat_busy, stat_total;	/* /proc/stat ticks */
	unsigned long long qgs_ticks;
	struct rusage ru;
	long long wall_ns;
};

static void vnote(const char *fmt, va_list ap)
{
	fputs("tdx-bench: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(fmt, ap);
	va_end(ap);
	exit(1);
}

static void note(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vnote(fmt, ap);
	va_end(ap);
}

static long long now_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static double ns_to_ms(long long ns)
{
	return ns / 1e6;
}

static double tv_ms(const struct timeval *tv)
{
	return tv->tv_sec * 1e3 + tv->tv_usec / 1e3;
}

static int parse_list(const char *s, long *out, int max)
{
	int n = 0;
	char *end;

	while (*s) {
		if (n == max)
			die("too many list items in \"%s\" (at most %d)", s, max);
		errno = 0;
		out[n] = strtol(s, &end, 10);
		if (errno || end == s || out[n] < 0 || (*end && *end != ','))
			die("bad number list near \"%s\"", s);
		n++;
		s = *end ? end + 1 : end;
	}
	if (!n)
		die("empty list");
	return n;
}

static long parse_long(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0)
		die("bad number \"%s\"", s);
	return v;
}

/* Write @val to @path in one write(); return 0 or -errno. */
static int write_file(const char *path, const char *val, int flags)
{
	size_t len = strlen(val);
	ssize_t n;
	int fd, rc = 0;

	fd = open(path, O_WRONLY | flags);
	if (fd < 0)
		return -errno;
	n = write(fd, val, len);
	if (n < 0)
		rc = -errno;
	else if ((size_t)n != len)
		rc = -EIO;
	if (close(fd) && !rc)
		rc = -errno;
	return rc;
}

static void must_write(const char *path, const char *val, int flags)
{
	int rc = write_file(path, val, flags);

	if (rc)
		die("write \"%s\" to %s: %s", val, path, strerror(-rc));
}

/* Read a small text file into @buf, without the trailing newline. */
static int read_text(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		n--;
	buf[n] = '\0';
	return 0;
}

static void report_dir_create(struct report_dir *d, const char *root,
			      const char *name)
{
	char path[300];

	snprintf(d->path, sizeof(d->path), "%s/%s", root, name);
	if (mkdir(d->path, 0700) && errno != EEXIST)
		die("mkdir %s: %s", d->path, strerror(errno));
	snprintf(path, sizeof(path), "%s/provider", d->path);
	if (read_text(path, d->provider, sizeof(d->provider)))
		die("read %s: %s", path, strerror(errno));
	/* Only a real provider's Quote carries our nonce as REPORTDATA. */
	d->check_reportdata = !strcmp(d->provider, "tdx_guest");
}

static void report_dir_remove(struct report_dir *d)
{
	if (rmdir(d->path))
		note("rmdir %s: %s", d->path, strerror(errno));
}

/* The client's write: 64 bytes in one write(), committed on close(). */
static int write_inblob(const struct report_dir *d, const unsigned char *nonce)
{
	char path[300];
	ssize_t n;
	int fd, rc = 0;

	snprintf(path, sizeof(path), "%s/inblob", d->path);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -errno;
	n = write(fd, nonce, NONCE_LEN);
	if (n < 0)
		rc = -errno;
	else if (n != NONCE_LEN)
		rc = -EIO;
	if (close(fd) && !rc)
		rc = -errno;
	return rc;
}

/* The client's read: the whole outblob, until end of file. */
static int read_outblob(const struct report_dir *d, unsigned char *buf,
			size_t cap, size_t *len)
{
	char path[300];
	ssize_t n;
	int fd, rc = 0;

	snprintf(path, sizeof(path), "%s/outblob", d->path);
	*len = 0;
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	for (;;) {
		n = read(fd, buf + *len, cap - *len);
		if (n < 0) {
			rc = -errno;
			break;
		}
		if (n == 0)
			break;
		*len += n;
		if (*len == cap) {
			rc = -EFBIG;
			break;
		}
	}
	close(fd);
	return rc;
}

/*
 * One request as a client makes it: fresh nonce, write inblob, then time
 * the outblob read (which is where the provider does its work). Returns 0
 * or a negative errno and a message in @err.
 */
static int one_report(const struct report_dir *d, unsigned char *buf,
		      struct sample *s, char *err, size_t err_len)
{
	unsigned char nonce[NONCE_LEN];
	long long c0;
	int rc;

	if (getrandom(nonce, sizeof(nonce), 0) != sizeof(nonce)) {
		snprintf(err, err_len, "getrandom: %s", strerror(errno));
		return -EIO;
	}
	rc = write_inblob(d, nonce);
	if (rc) {
		snprintf(err, err_len, "write %s/inblob: %s", d->path,
			 strerror(-rc));
		return rc;
	}

	s->t0_ns = now_ns(CLOCK_MONOTONIC);
	c0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
	rc = read_outblob(d, buf, OUTBLOB_CAP, &s->quote_len);
	s->cpu_ms = ns_to_ms(now_ns(CLOCK_THREAD_CPUTIME_ID) - c0);
	s->t1_ns = now_ns(CLOCK_MONOTONIC);
	s->lat_ms = ns_to_ms(s->t1_ns - s->t0_ns);
	if (rc) {
		snprintf(err, err_len, "read %s/outblob: %s", d->path,
			 strerror(-rc));
		return rc;
	}

	if (d->check_reportdata &&
	    (s->quote_len < QUOTE_REPORTDATA_OFF + NONCE_LEN ||
	     memcmp(buf + QUOTE_REPORTDATA_OFF, nonce, NONCE_LEN))) {
		snprintf(err, err_len,
			 "%s: the %zu-byte Quote does not carry our nonce",
			 d->path, s->quote_len);
		return -EBADMSG;
	}
	return 0;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Nearest-rank percentile of @n sorted values (p50 of 15 is the 8th). */
static double pct(const double *sorted, long n, int p)
{
	long k = (p * n + 99) / 100;

	if (!n)
		return 0;
	return sorted[k < 1 ? 0 : k - 1];
}

static double mean(const double *v, long n)
{
	double sum = 0;
	long i;

	for (i = 0; i < n; i++)
		sum += v[i];
	return n ? sum / n : 0;
}

static void read_proc_stat(unsigned long long *busy,
			   unsigned long long *total)
{
	unsigned long long v[8] = { 0 };
	char line[512], *p, *end;
	FILE *f;
	int i;

	*busy = 0;
	*total = 0;
	f = fopen("/proc/stat", "r");
	if (!f)
		return;
	if (fgets(line, sizeof(line), f) && !strncmp(line, "cpu ", 4)) {
		p = line + 4;
		/* user nice system idle iowait irq softirq steal */
		for (i = 0; i < 8; i++) {
			v[i] = strtoull(p, &end, 10);
			if (end == p)
				break;
			p = end;
			*total += v[i];
		}
		*busy = *total - v[3] - v[4];
	}
	fclose(f);
}

/* utime + stime of @pid in clock ticks, or 0 if it cannot be read. */
static unsigned long long read_pid_ticks(long pid)
{
	unsigned long long ut, st;
	char path[64], buf[1024], *p, *end;
	int field;

	if (pid <= 0)
		return 0;
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if (read_text(path, buf, sizeof(buf)))
		return 0;
	/* The name may hold spaces; fields are counted after its ')'. */
	p = strrchr(buf, ')');
	if (!p)
		return 0;
	p++;
	/* Field 3 (state) follows ')'; utime and stime are 14 and 15. */
	for (field = 3; field < 14; field++) {
		p = strchr(p + 1, ' ');
		if (!p)
			return 0;
	}
	ut = strtoull(p, &end, 10);
	st = strtoull(end, NULL, 10);
	return ut + st;
}

static void cpu_window_start(struct cpu_window *w, long qgs_pid, int who)
{
	read_proc_stat(&w->stat_busy, &w->stat_total);
	w->qgs_ticks = read_pid_ticks(qgs_pid);
	getrusage(who, &w->ru);
	w->wall_ns = now_ns(CLOCK_MONOTONIC);
}

/* Turn @w into the deltas since cpu_window_start(). */
static void cpu_window_end(struct cpu_window *w, long qgs_pid, int who)
{
	unsigned long long busy, total;
	struct rusage ru;

	read_proc_stat(&busy, &total);
	getrusage(who, &ru);
	w->stat_busy = busy - w->stat_busy;
	w->stat_total = total - w->stat_total;
	w->qgs_ticks = read_pid_ticks(qgs_pid) - w->qgs_ticks;
	timersub(&ru.ru_utime, &w->ru.ru_utime, &w->ru.ru_utime);
	timersub(&ru.ru_stime, &w->ru.ru_stime, &w->ru.ru_stime);
	w->ru.ru_nvcsw = ru.ru_nvcsw - w->ru.ru_nvcsw;
	w->ru.ru_nivcsw = ru.ru_nivcsw - w->ru.ru_nivcsw;
	w->wall_ns = now_ns(CLOCK_MONOTONIC) - w->wall_ns;
}

static double cpu_window_busy_pct(const struct cpu_window *w)
{
	return w->stat_total ? 100.0 * w->stat_busy / w->stat_total : 0;
}

/* JSON output, one object per line: begin, fields, end. */
static void json_begin(const char *kind)
{
	printf("{\"kind\":\"%s\"", kind);
}

static void json_str(const char *key, const char *v)
{
	printf(",\"%s\":\"%s\"", key, v);
}

static void json_long(const char *key, long v)
{
	printf(",\"%s\":%ld", key, v);
}

static void json_end(void)
{
	printf("}\n");
	fflush(stdout);
}

static void print_num(const char *key, double v, bool valid)
{
	if (valid)
		printf(",\"%s\":%.3f", key, v);
	else
		printf(",\"%s\":null", key);
}

/*
 * Tracing: kprobes on the provider and the emulated host split each
 * request into its parts. Timestamps use the "mono" trace clock, which is
 * CLOCK_MONOTONIC, so they line up with the samples' own.
 */
static const char * const trace_probes[TRACE_EVENTS] = {
	"p:tdxb/new tdx_tsm_report_new",	/* provider starts */
	"p:tdxb/hc tdx_emu_get_quote",		/* GetQuote hypercall */
	"p:tdxb/rd tdx_emu_service_read",	/* service takes it */
	"p:tdxb/ans tdx_emu_service_write",	/* service answers */
	"p:tdxb/loop tdx_emu_event_loop",	/* emulated host runs */
	"r:tdxb/done tdx_quote_get rc=$retval:s32",	/* wait ends */
	"p:tdxb/qget tdx_quote_get",		/* transport starts */
};

enum trace_ev { EV_NEW, EV_HC, EV_RD, EV_ANS, EV_LOOP, EV_DONE, EV_QGET };
static const char * const trace_names[TRACE_EVENTS] = {
	": new: ", ": hc: ", ": rd: ", ": ans: ", ": loop: ", ": done: ",
	": qget: ",
};

/*
 * One request as the trace saw it; times in ms of CLOCK_MONOTONIC.
 * @xport_cpu and @xport_sleeps: the reader's time on a CPU, and how often
 * it went off it, between tdx_quote_get()'s entry and return, from
 * sched_switch: what the transport's waiting costs, without the
 * TDREPORT, configfs and the copy around it.
 */
struct trace_req {
	double t[TRACE_EVENTS];
	bool seen[TRACE_EVENTS];
	double loops[64];
	int nr_loops;
	double xport_cpu;
	int xport_sleeps;
};

static char trace_path_buf[512];

static const char *trace_path(const struct opts *o, const char *file)
{
	snprintf(trace_path_buf, sizeof(trace_path_buf), "%s/%s", o->tracefs,
		 file);
	return trace_path_buf;
}

static int trace_setup(const struct opts *o)
{
	char filter[96];
	int i, rc;

	if (access(trace_path(o, "kprobe_events"), W_OK)) {
		note("no %s: not tracing", trace_path(o, "kprobe_events"));
		return -ENOENT;
	}
	write_file(trace_path(o, "tracing_on"), "0", 0);
	for (i = 0; i < TRACE_EVENTS; i++) {
		rc = write_file(trace_path(o, "kprobe_events"), trace_probes[i],
				O_APPEND);
		if (rc) {
			note("kprobe \"%s\": %s: not tracing", trace_probes[i],
			     strerror(-rc));
			return rc;
		}
	}
	must_write(trace_path(o, "trace_clock"), "mono", 0);
	must_write(trace_path(o, "buffer_size_kb"), "8192", 0);
	must_write(trace_path(o, "events/tdxb/enable"), "1", 0);
	/* This process reads outblob: its switches show the wait's CPU. */
	snprintf(filter, sizeof(filter), "prev_pid == %d || next_pid == %d",
		 getpid(), getpid());
	if (write_file(trace_path(o, "events/sched/sched_switch/filter"),
		       filter, 0) ||
	    write_file(trace_path(o, "events/sched/sched_switch/enable"), "1",
		       0))
		note("no sched_switch events: no transport CPU figures");
	must_write(trace_path(o, "trace"), "", O_TRUNC);
	must_write(trace_path(o, "tracing_on"), "1", 0);
	return 0;
}

static void trace_teardown(const struct opts *o)
{
	char cmd[64];
	int i;

	write_file(trace_path(o, "tracing_on"), "0", 0);
	write_file(trace_path(o, "events/tdxb/enable"), "0", 0);
	write_file(trace_path(o, "events/sched/sched_switch/enable"), "0", 0);
	write_file(trace_path(o, "events/sched/sched_switch/filter"), "0", 0);
	for (i = 0; i < TRACE_EVENTS; i++) {
		/* "p:tdxb/new sym" -> "-:tdxb/new" */
		snprintf(cmd, sizeof(cmd), "-:%.*s", (int)strcspn(trace_probes[i] + 2, " "),
			 trace_probes[i] + 2);
		write_file(trace_path(o, "kprobe_events"), cmd, O_APPEND);
	}
}

/* The timestamp printed just before @at (": name: ") in a trace line. */
static double trace_ts_before(const char *line, const char *at)
{
	const char *p = at;

	while (p > line && p[-1] != ' ')
		p--;
	return strtod(p, NULL) * 1e3;
}

/*
 * A sched_switch line of the reader: +1 when it goes on a CPU, -1 when it
 * goes off, 0 for any other line. @on and @off are "next_pid=PID " and
 * "prev_pid=PID " for the reader's PID.
 */
static int trace_switch_dir(const char *line, const char *on, const char *off)
{
	if (!strstr(line, ": sched_switch: "))
		return 0;
	if (strstr(line, on))
		return 1;
	return strstr(line, off) ? -1 : 0;
}

/*
 * Account the reader's time on a CPU inside tdx_quote_get(): it runs from
 * the entry probe (it is the one hitting it) to its first switch off a
 * CPU, and from every switch back on to the next off or the return.
 */
static void trace_xport_cpu(struct trace_req *r, int ev, int dir, double ts,
			    double *on_since)
{
	bool inside = r->seen[EV_QGET] && !r->seen[EV_DONE];

	if (ev == EV_QGET) {
		*on_since = ts;
	} else if (dir > 0) {
		*on_since = ts;
	} else if ((dir < 0 || ev == EV_DONE) && inside && *on_since >= 0) {
		r->xport_cpu += ts - *on_since;
		r->xport_sleeps += dir < 0;
		*on_since = -1;
	} else if (dir < 0) {
		*on_since = -1;
	}
}

/*
 * Read the trace of the requests made since the last clear, one request
 * at a time (the latency loop makes them one after another), into @reqs.
 */
static int trace_collect(const struct opts *o, struct trace_req *reqs,
			 int max)
{
	struct trace_req cur = { 0 };
	char line[1024], on[32], off[32], *at;
	bool open_req = false;
	double on_since = -1;
	int n = 0, ev, dir;
	FILE *f;

	f = fopen(trace_path(o, "trace"), "r");
	if (!f)
		return 0;
	snprintf(on, sizeof(on), "next_pid=%d ", getpid());
	snprintf(off, sizeof(off), "prev_pid=%d ", getpid());
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#')
			continue;
		dir = trace_switch_dir(line, on, off);
		if (dir) {
			at = strstr(line, ": sched_switch: ");
			if (open_req)
				trace_xport_cpu(&cur, -1, dir,
						trace_ts_before(line, at),
						&on_since);
			continue;
		}
		for (ev = 0; ev < TRACE_EVENTS; ev++) {
			at = strstr(line, trace_names[ev]);
			if (at)
				break;
		}
		if (ev == TRACE_EVENTS)
			continue;
		if (ev == EV_NEW) {
			memset(&cur, 0, sizeof(cur));
			open_req = true;
		}
		if (!open_req)
			continue;
		if (ev == EV_LOOP) {
			if (cur.nr_loops < (int)ARRAY_SIZE(cur.loops))
				cur.loops[cur.nr_loops++] =
					trace_ts_before(line, at);
			continue;
		}
		/* rd and ans: the last one counts; the others: the first. */
		if (cur.seen[ev] && ev != EV_RD && ev != EV_ANS)
			continue;
		if (ev == EV_QGET || ev == EV_DONE)
			trace_xport_cpu(&cur, ev, 0, trace_ts_before(line, at),
					&on_since);
		cur.t[ev] = trace_ts_before(line, at);
		cur.seen[ev] = true;
		if (ev == EV_DONE) {
			if (n < max && strstr(line, "rc=0"))
				reqs[n++] = cur;
			open_req = false;
		}
	}
	fclose(f);
	must_write(trace_path(o, "trace"), "", O_TRUNC);
	return n;
}

/*
 * When the emulated host wrote the result: the first run of its event
 * loop at or after both the service's answer and the configured delay
 * (earlier runs find nothing due); failing that, its last run before the
 * wait ended.
 */
static bool trace_publish_time(const struct trace_req *r, double delay_ms,
			       double *pub)
{
	double ready = r->t[EV_HC] + delay_ms;
	int i;

	if (r->seen[EV_ANS] && r->t[EV_ANS] > ready)
		ready = r->t[EV_ANS];
	for (i = 0; i < r->nr_loops; i++) {
		if (r->loops[i] >= ready && r->loops[i] <= r->t[EV_DONE]) {
			*pub = r->loops[i];
			return true;
		}
	}
	for (i = r->nr_loops - 1; i >= 0; i--) {
		if (r->loops[i] <= r->t[EV_DONE]) {
			*pub = r->loops[i];
			return true;
		}
	}
	return false;
}

/* Print the medians of where each request's time went. */
static void trace_report(const struct trace_req *reqs, int n,
			 const struct sample *samples, int nr_samples,
			 double delay_ms)
{
	static double report[MAX_SAMPLES], host[MAX_SAMPLES], qgs[MAX_SAMPLES];
	static double emu_lag[MAX_SAMPLES], poll_lag[MAX_SAMPLES];
	static double driver[MAX_SAMPLES], cfg[MAX_SAMPLES];
	static double over[MAX_SAMPLES], over_pct[MAX_SAMPLES];
	static double xcpu[MAX_SAMPLES], xsleeps[MAX_SAMPLES];
	double pub, ready, xcpu_sum = 0, xwall_sum = 0;
	int i, j, m = 0;
	long nq = 0, nx = 0;

	for (i = 0; i < n && m < MAX_SAMPLES; i++) {
		const struct trace_req *r = &reqs[i];
		const struct sample *s = NULL;

		if (!r->seen[EV_HC] || !trace_publish_time(r, delay_ms, &pub))
			continue;
		/* Only requests inside a measured sample (not warm-ups). */
		for (j = 0; j < nr_samples; j++) {
			if (r->t[EV_NEW] >= samples[j].t0_ns / 1e6 &&
			    r->t[EV_DONE] <= samples[j].t1_ns / 1e6) {
				s = &samples[j];
				break;
			}
		}
		if (!s)
			continue;
		ready = r->t[EV_HC] + delay_ms;
		if (r->seen[EV_ANS] && r->t[EV_ANS] > ready)
			ready = r->t[EV_ANS];
		report[m] = r->t[EV_HC] - r->t[EV_NEW];
		host[m] = pub - r->t[EV_HC];
		emu_lag[m] = pub - ready;
		poll_lag[m] = r->t[EV_DONE] - pub;
		driver[m] = (r->t[EV_DONE] - r->t[EV_NEW]) - host[m];
		cfg[m] = s->lat_ms - (r->t[EV_DONE] - r->t[EV_NEW]);
		/* What the client waited beyond the host's own time. */
		over[m] = s->lat_ms - host[m];
		over_pct[m] = host[m] > 0 ? 100.0 * over[m] / host[m] : 0;
		if (r->seen[EV_RD] && r->seen[EV_ANS])
			qgs[nq++] = r->t[EV_ANS] - r->t[EV_RD];
		if (r->seen[EV_QGET] && r->xport_sleeps) {
			xcpu[nx] = r->xport_cpu;
			xsleeps[nx++] = r->xport_sleeps;
			xcpu_sum += r->xport_cpu;
			xwall_sum += r->t[EV_DONE] - r->t[EV_QGET];
		}
		m++;
	}

	qsort(report, m, sizeof(double), cmp_double);
	qsort(host, m, sizeof(double), cmp_double);
	qsort(emu_lag, m, sizeof(double), cmp_double);
	qsort(poll_lag, m, sizeof(double), cmp_double);
	qsort(driver, m, sizeof(double), cmp_double);
	qsort(cfg, m, sizeof(double), cmp_double);
	qsort(over, m, sizeof(double), cmp_double);
	qsort(over_pct, m, sizeof(double), cmp_double);
	qsort(qgs, nq, sizeof(double), cmp_double);
	qsort(xcpu, nx, sizeof(double), cmp_double);
	qsort(xsleeps, nx, sizeof(double), cmp_double);

	printf(",\"tr_requests\":%d", m);
	print_num("tr_report_ms", pct(report, m, 50), m);
	print_num("tr_report_p95_ms", pct(report, m, 95), m);
	print_num("tr_qgs_ms", pct(qgs, nq, 50), nq);
	print_num("tr_host_ms", pct(host, m, 50), m);
	print_num("tr_host_p95_ms", pct(host, m, 95), m);
	print_num("tr_emu_lag_ms", pct(emu_lag, m, 50), m);
	print_num("tr_emu_lag_p95_ms", pct(emu_lag, m, 95), m);
	print_num("tr_poll_lag_ms", pct(poll_lag, m, 50), m);
	print_num("tr_poll_lag_p95_ms", pct(poll_lag, m, 95), m);
	print_num("tr_poll_lag_max_ms", m ? poll_lag[m - 1] : 0, m);
	print_num("tr_driver_ms", pct(driver, m, 50), m);
	print_num("tr_driver_p95_ms", pct(driver, m, 95), m);
	print_num("tr_configfs_ms", pct(cfg, m, 50), m);
	print_num("tr_overhead_ms", pct(over, m, 50), m);
	print_num("tr_overhead_p95_ms", pct(over, m, 95), m);
	print_num("tr_overhead_pct", pct(over_pct, m, 50), m);
	/* The transport's waiting: its CPU, sleeps and share of a CPU. */
	print_num("tr_xport_cpu_ms", pct(xcpu, nx, 50), nx);
	print_num("tr_xport_sleeps", pct(xsleeps, nx, 50), nx);
	print_num("tr_xport_cpu_pct", 100.0 * xcpu_sum / xwall_sum,
		  nx && xwall_sum > 0);
}

static void print_info(void)
{
	char model[256] = "unknown", line[512], *p;
	struct timespec res;
	struct utsname u;
	FILE *f;

	uname(&u);
	clock_getres(CLOCK_MONOTONIC, &res);
	f = fopen("/proc/cpuinfo", "r");
	while (f && fgets(line, sizeof(line), f)) {
		if (strncmp(line, "model name", 10))
			continue;
		p = strchr(line, ':');
		if (p) {
			snprintf(model, sizeof(model), "%s", p + 2);
			model[strcspn(model, "\n\"\\")] = '\0';
		}
		break;
	}
	if (f)
		fclose(f);
	json_begin("info");
	json_str("kernel", u.release);
	json_long("ncpu", sysconf(_SC_NPROCESSORS_ONLN));
	json_str("cpu_model", model);
	json_long("clock_res_ns", res.tv_nsec);
	json_long("clk_tck", sysconf(_SC_CLK_TCK));
	json_end();
}

/*
 * RTMR extenders: threads that extend RTMR3 back to back, each through its
 * own file descriptor, either with 48-byte digests written to the
 * measurements file (the sysfs ABI; the record is digest only) or with
 * TDX_CMD_EXTEND_EVENT events of a given size on /dev/tdx_guest (the
 * kernel hashes the event and keeps it in the log). Every extend also
 * appends a record to rtmr_log, which holds only so much (rtmr_log_kib):
 * a run stops after as many extends as the log has room for, and a
 * refused one (ENOSPC, or anything else) is an error.
 */
struct ext_ctl {
	atomic_long issued;	/* extends begun, by all threads */
	long max;		/* the most they may begin; 0: no bound */
	atomic_bool stop;
	atomic_bool budget_hit;	/* a thread stopped because of @max */
	atomic_int running;
};

/* What a worker does: extend with digests, with events, or only spin. */
enum ext_kind { EXT_DIGEST, EXT_EVENT, EXT_SPIN };

/*
 * Events of at least EXT_AAEL_MIN bytes are AAEL: EXT_AAEL_HEAD, letters,
 * and the sequence number in hex at the end; shorter ones (which cannot
 * hold that) carry the tag "TEST".
 */
#define EXT_AAEL_HEAD	"tdx-bench extend "
#define EXT_AAEL_MIN	((long)sizeof(EXT_AAEL_HEAD) - 1 + 16)
#define EXT_TAG_SHORT	0x54455354u

struct ext_worker {
	pthread_t thread;
	struct ext_ctl *ctl;
	pthread_barrier_t *start;	/* NULL: begin at once */
	enum ext_kind kind;
	bool event;
	long bytes;
	unsigned char *data;
	int fd;
	atomic_long count;
	long nlat;		/* in @lat_us, at most EXT_LAT_CAP */
	double *lat_us;
	double sum_us, max_us;	/* of every extend */
	unsigned long long rng;
	long long end_ns;
	int rc;
	char err[256];
};

static long long ext_record_bytes(bool event, long bytes)
{
	return EXT_RECORD_BYTES(event ? bytes : 0);
}

/* Bytes rtmr_log holds now (its stat size is 0: read it to the end). */
static long long log_length(const char *path)
{
	static char buf[65536];
	long long total = 0;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		die("open %s: %s", path, strerror(errno));
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		total += n;
	if (n < 0)
		die("read %s: %s", path, strerror(errno));
	close(fd);
	return total;
}

/* How many extends of this kind the log still has room for (0: unbounded). */
static long ext_budget(const struct opts *o, bool event, long bytes,
		       long long *log_len)
{
	long long room;

	*log_len = log_length(o->log);
	if (!o->log_kib)
		return 0;
	room = o->log_kib * 1024LL - *log_len;
	if (room < ext_record_bytes(event, bytes))
		die("rtmr_log is full: %lld bytes of %ld KiB", *log_len,
		    o->log_kib);
	return room / ext_record_bytes(event, bytes);
}

static int ext_open(const struct opts *o, bool event)
{
	char path[300];
	int fd;

	if (event)
		snprintf(path, sizeof(path), "%s", o->dev);
	else
		snprintf(path, sizeof(path), "%s/rtmr%d:sha384", o->mr_dir,
			 EXT_RTMR);
	fd = open(path, event ? O_RDWR : O_WRONLY);
	if (fd < 0)
		die("open %s: %s", path, strerror(errno));
	return fd;
}

/* One extend; @seq makes each digest or event differ. 0 or -errno. */
static int ext_one(struct ext_worker *w, unsigned long seq)
{
	struct tdx_rtmr_event_req req = {
		.index = EXT_RTMR,
		.tag_id = w->bytes >= EXT_AAEL_MIN ? TDX_RTMR_LOG_TAG_AAEL :
						     EXT_TAG_SHORT,
		.data_len = w->bytes,
		.data = (uintptr_t)w->data,
	};
	char hex[17];
	ssize_t n;

	if (!w->event) {
		memcpy(w->data, &seq, sizeof(seq));
	} else if (w->bytes >= EXT_AAEL_MIN) {
		/* In the CONTENT, as text. */
		snprintf(hex, sizeof(hex), "%016lx", seq);
		memcpy(w->data + w->bytes - 16, hex, 16);
	}
	if (w->event)
		return ioctl(w->fd, TDX_CMD_EXTEND_EVENT, &req) ? -errno : 0;
	n = pwrite(w->fd, w->data, EXT_DIGEST_LEN, 0);
	if (n < 0)
		return -errno;
	return n == EXT_DIGEST_LEN ? 0 : -EIO;
}

/*
 * Account one extend's time: the sum and the maximum of all, and a
 * uniform sample of EXT_LAT_CAP of them (reservoir sampling), so that the
 * percentiles cover the whole run, not its start.
 */
static void ext_keep_time(struct ext_worker *w, double us)
{
	long n = atomic_load(&w->count), j;

	w->sum_us += us;
	if (us > w->max_us)
		w->max_us = us;
	if (n < EXT_LAT_CAP) {
		w->lat_us[w->nlat++] = us;
		return;
	}
	/* xorshift64: cheap, and good enough to pick a slot */
	w->rng ^= w->rng << 13;
	w->rng ^= w->rng >> 7;
	w->rng ^= w->rng << 17;
	j = (long)(w->rng % (unsigned long long)(n + 1));
	if (j < EXT_LAT_CAP)
		w->lat_us[j] = us;
}

static void *ext_worker_fn(void *arg)
{
	struct ext_worker *w = arg;
	struct ext_ctl *ctl = w->ctl;
	unsigned long seq = (unsigned long)w->fd << 40;
	long long t0, t1;
	int rc;

	if (w->start)
		pthread_barrier_wait(w->start);
	/*
	 * A spinner takes a CPU as an extender does, and extends nothing: the
	 * control that tells the lock's cost from the CPU's.
	 */
	while (w->kind == EXT_SPIN && !atomic_load(&ctl->stop))
		atomic_fetch_add(&w->count, 1);
	while (w->kind != EXT_SPIN && !atomic_load(&ctl->stop)) {
		if (ctl->max && atomic_fetch_add(&ctl->issued, 1) >= ctl->max) {
			atomic_store(&ctl->budget_hit, true);
			break;
		}
		t0 = now_ns(CLOCK_MONOTONIC);
		rc = ext_one(w, seq++);
		t1 = now_ns(CLOCK_MONOTONIC);
		if (rc) {
			w->rc = rc;
			snprintf(w->err, sizeof(w->err), "%s extend: %s",
				 w->event ? "event" : "digest", strerror(-rc));
			/* Let the others stop too: the run is invalid. */
			atomic_store(&ctl->stop, true);
			break;
		}
		ext_keep_time(w, (t1 - t0) / 1e3);
		atomic_fetch_add(&w->count, 1);
	}
	w->end_ns = now_ns(CLOCK_MONOTONIC);
	atomic_fetch_sub(&ctl->running, 1);
	return NULL;
}

/* Set up @nr workers (not started) sharing @ctl. */
static struct ext_worker *ext_workers_new(const struct opts *o, long nr,
					  enum ext_kind kind, long bytes,
					  struct ext_ctl *ctl,
					  pthread_barrier_t *start)
{
	bool event = kind == EXT_EVENT;
	struct ext_worker *ws = calloc(nr, sizeof(*ws));
	long i, j;

	if (!ws)
		die("out of memory");
	for (i = 0; i < nr; i++) {
		ws[i].ctl = ctl;
		ws[i].start = start;
		ws[i].event = event;
		ws[i].bytes = event ? bytes : EXT_DIGEST_LEN;
		ws[i].data = malloc(ws[i].bytes ? ws[i].bytes : 1);
		ws[i].lat_us = calloc(EXT_LAT_CAP, sizeof(double));
		if (!ws[i].data || !ws[i].lat_us)
			die("out of memory");
		/*
		 * Events are an agent's: AAEL "DOMAIN OPERATION CONTENT" text
		 * (the driver refuses AAEL data that is not), where they are
		 * long enough for it.
		 */
		for (j = 0; j < ws[i].bytes; j++)
			ws[i].data[j] = event ? 'a' + (i * 131 + j * 7) % 26 :
					(unsigned char)(i * 131 + j * 7);
		if (event && ws[i].bytes >= EXT_AAEL_MIN)
			memcpy(ws[i].data, EXT_AAEL_HEAD, strlen(EXT_AAEL_HEAD));
		ws[i].kind = kind;
		ws[i].rng = 0x9e3779b97f4a7c15ULL * (i + 1);
		ws[i].fd = kind == EXT_SPIN ? -1 : ext_open(o, event);
		atomic_init(&ws[i].count, 0);
	}
	return ws;
}

static void ext_workers_start(struct ext_worker *ws, long nr)
{
	long i;

	atomic_store(&ws[0].ctl->running, (int)nr);
	for (i = 0; i < nr; i++)
		if (pthread_create(&ws[i].thread, NULL, ext_worker_fn, &ws[i]))
			die("pthread_create failed");
}

/* Stop and join them; the number that failed (their errors noted). */
static int ext_workers_stop(struct ext_worker *ws, long nr)
{
	int errors = 0;
	long i;

	atomic_store(&ws[0].ctl->stop, true);
	for (i = 0; i < nr; i++) {
		pthread_join(ws[i].thread, NULL);
		if (ws[i].rc) {
			note("%s", ws[i].err);
			errors++;
		}
	}
	return errors;
}

static void ext_workers_free(struct ext_worker *ws, long nr)
{
	long i;

	for (i = 0; i < nr; i++) {
		if (ws[i].fd >= 0)
			close(ws[i].fd);
		free(ws[i].data);
		free(ws[i].lat_us);
	}
	free(ws);
}

static long ext_total(struct ext_worker *ws, long nr)
{
	long i, total = 0;

	for (i = 0; i < nr; i++)
		total += atomic_load(&ws[i].count);
	return total;
}

/*
 * One point of "extend": @nr threads extend back to back for o->seconds,
 * or until the log has no room left for another record.
 */
static int ext_run(const struct opts *o, long nr)
{
	long long rec = ext_record_bytes(o->event, o->bytes);
	double *all_lat = calloc(nr * EXT_LAT_CAP, sizeof(double));
	double sum_us = 0, max_us = 0;
	long long log_before, log_after, t_start, t_end = 0, left;
	struct ext_ctl ctl = { 0 };
	pthread_barrier_t start;
	struct ext_worker *ws;
	struct timespec nap;
	struct cpu_window w;
	long total, nlat = 0, i, j;
	int errors;
	double secs;

	if (!all_lat)
		die("out of memory");
	pthread_barrier_init(&start, NULL, nr + 1);
	ctl.max = ext_budget(o, o->event, o->bytes, &log_before);
	ws = ext_workers_new(o, nr, o->event ? EXT_EVENT : EXT_DIGEST, o->bytes,
			     &ctl, &start);
	note("extend: %s, %ld bytes of data, %ld threads, %ld s, at most %ld",
	     o->event ? "events" : "digests", o->event ? o->bytes : 0, nr,
	     o->seconds, ctl.max);
	ext_workers_start(ws, nr);

	cpu_window_start(&w, o->qgs_pid, RUSAGE_SELF);
	pthread_barrier_wait(&start);
	t_start = now_ns(CLOCK_MONOTONIC);
	/* Until the time is up, or every thread stopped (the log is full). */
	for (;;) {
		left = t_start + o->seconds * 1000000000LL -
		       now_ns(CLOCK_MONOTONIC);
		if (left <= 0 || !atomic_load(&ctl.running) ||
		    atomic_load(&ctl.stop))
			break;
		left = left < 20000000 ? left : 20000000;
		nap.tv_sec = 0;
		nap.tv_nsec = left;
		nanosleep(&nap, NULL);
	}
	errors = ext_workers_stop(ws, nr);
	cpu_window_end(&w, o->qgs_pid, RUSAGE_SELF);
	for (i = 0; i < nr; i++) {
		if (ws[i].end_ns > t_end)
			t_end = ws[i].end_ns;
		for (j = 0; j < ws[i].nlat; j++)
			all_lat[nlat++] = ws[i].lat_us[j];
		sum_us += ws[i].sum_us;
		if (ws[i].max_us > max_us)
			max_us = ws[i].max_us;
	}
	secs = (t_end - t_start) / 1e9;
	total = ext_total(ws, nr);
	qsort(all_lat, nlat, sizeof(double), cmp_double);

	/* Every extend counted left its record, and nothing else did. */
	log_after = log_length(o->log);
	if (log_after - log_before != total * rec) {
		note("rtmr_log grew by %lld bytes for %ld extends of %lld",
		     log_after - log_before, total, rec);
		errors++;
	}

	json_begin("extend");
	json_str("how", o->event ? "event" : "digest");
	json_long("data_bytes", o->event ? o->bytes : 0);
	json_long("record_bytes", (long)rec);
	json_long("threads", nr);
	json_long("extends", total);
	json_long("errors", errors);
	print_num("seconds", secs, true);
	print_num("extends_per_s", secs > 0 ? total / secs : 0, secs > 0);
	json_str("stopped_by", atomic_load(&ctl.budget_hit) ? "log" : "time");
	json_long("max_extends", ctl.max);
	print_num("lat_p50_us", pct(all_lat, nlat, 50), nlat);
	print_num("lat_p95_us", pct(all_lat, nlat, 95), nlat);
	print_num("lat_max_us", max_us, total);
	print_num("lat_mean_us", total ? sum_us / total : 0, total);
	print_num("proc_cpu_pct",
		  100.0 * (tv_ms(&w.ru.ru_utime) + tv_ms(&w.ru.ru_stime)) /
		  (w.wall_ns / 1e6), w.wall_ns > 0);
	print_num("sys_busy_pct", cpu_window_busy_pct(&w), true);
	printf(",\"log_bytes\":%lld", log_after);
	json_end();

	ext_workers_free(ws, nr);
	free(all_lat);
	pthread_barrier_destroy(&start);
	return errors ? 1 : 0;
}

static int cmd_extend(const struct opts *o)
{
	struct ext_worker *ws;
	struct ext_ctl ctl = { 0 };
	int k, rc = 0;
	long i;

	if (o->event && o->bytes > TDX_RTMR_EVENT_DATA_MAX)
		die("--bytes: at most %d", TDX_RTMR_EVENT_DATA_MAX);
	/* Unmeasured: TCG translates the path, the log makes its first room. */
	ws = ext_workers_new(o, 1, o->event ? EXT_EVENT : EXT_DIGEST, o->bytes,
			     &ctl, NULL);
	for (i = 0; i < o->warmup; i++) {
		rc = ext_one(&ws[0], i);
		if (rc)
			die("warm-up extend: %s", strerror(-rc));
	}
	ext_workers_free(ws, 1);
	for (k = 0; k < o->nr_threads; k++) {
		if (o->threads[k] < 1 || o->threads[k] > MAX_EXTENDERS)
			die("--threads: 1..%d", MAX_EXTENDERS);
		rc |= ext_run(o, o->threads[k]);
	}
	return rc;
}

static void set_delay(const struct opts *o, long delay_ms)
{
	char val[32];

	snprintf(val, sizeof(val), "%ld", delay_ms * 1000);
	must_write(o->knob, val, 0);
}

static int cmd_latency(const struct opts *o)
{
	static struct sample samples[MAX_SAMPLES];
	static double lat[MAX_SAMPLES], cpu[MAX_SAMPLES];
	static struct trace_req treqs[MAX_SAMPLES + 8];
	unsigned char *buf = malloc(OUTBLOB_CAP);
	struct report_dir d;
	struct cpu_window w;
	struct sample warm, settle;
	double delay, med, sum_cpu, sum_lat, tck, warmup_first_ms = 0;
	char err[512], name[64];
	bool traced = false;
	struct ext_worker *ext = NULL;
	struct ext_ctl ctl = { 0 };
	long long ext_t0 = 0, ext_t1 = 0, log_len = 0;
	long n, i, ext_n0 = 0, ext_n1 = 0, nr_ext = 0;
	bool ext_throughout = true;
	int k, nt;

	if (!buf)
		die("out of memory");
	if (o->nr_samples != 1 && o->nr_samples != o->nr_delays)
		die("--samples takes one count or one per delay");
	if (o->extenders > MAX_EXTENDERS || o->spinners > MAX_EXTENDERS)
		die("--extenders, --spinners: at most %d", MAX_EXTENDERS);
	if (o->extenders > 0 && o->spinners > 0)
		die("--extenders or --spinners, not both");
	if (o->trace)
		traced = !trace_setup(o);

	snprintf(name, sizeof(name), "bench-lat-%d", getpid());
	report_dir_create(&d, o->root, name);
	tck = sysconf(_SC_CLK_TCK);

	/*
	 * Requests before any measurement: under TCG, code runs slowly until
	 * QEMU has translated it, and the quote service faults its pages in.
	 */
	set_delay(o, 0);
	for (i = 0; i < o->warmup; i++) {
		if (one_report(&d, buf, &warm, err, sizeof(err)))
			die("%s", err);
		if (!i)
			warmup_first_ms = warm.lat_ms;
	}

	/*
	 * Extenders (events of o->bytes into RTMR3), or spinners, run from
	 * here to the end, so every settling and measured request meets
	 * them; the warm-up is spared them, to spare the log.
	 */
	if (o->extenders > 0 || o->spinners > 0) {
		nr_ext = o->extenders > 0 ? o->extenders : o->spinners;
		if (o->extenders > 0)
			ctl.max = ext_budget(o, true, o->bytes, &log_len);
		ext = ext_workers_new(o, nr_ext,
				      o->extenders > 0 ? EXT_EVENT : EXT_SPIN,
				      o->bytes, &ctl, NULL);
		ext_workers_start(ext, nr_ext);
	}

	for (k = 0; k < o->nr_delays; k++) {
		n = o->samples[o->nr_samples == 1 ? 0 : k];
		if (n < 1 || n > MAX_SAMPLES)
			die("samples must be 1..%d", MAX_SAMPLES);
		delay = o->delays_ms[k];
		set_delay(o, o->delays_ms[k]);
		note("latency: %s, service %ld ms, %ld samples%s", d.provider,
		     o->delays_ms[k], n, traced ? ", traced" : "");

		/*
		 * Unmeasured requests after the change, so that TCG and the
		 * quote service settle at this service time: the samples show
		 * the steady state, and "first_ms" the first request after
		 * the change. (Polling keeps no history: each look comes a
		 * tenth of the time waited after the last.)
		 */
		for (i = 0; i < SETTLE_REQUESTS; i++) {
			if (one_report(&d, buf, i ? &settle : &warm, err,
				       sizeof(err)))
				die("%s", err);
		}

		cpu_window_start(&w, o->qgs_pid, RUSAGE_THREAD);
		if (ext) {
			ext_n0 = ext_total(ext, nr_ext);
			ext_t0 = now_ns(CLOCK_MONOTONIC);
		}
		sum_cpu = 0;
		sum_lat = 0;
		for (i = 0; i < n; i++) {
			if (one_report(&d, buf, &samples[i], err, sizeof(err)))
				die("%s", err);
			lat[i] = samples[i].lat_ms;
			cpu[i] = samples[i].cpu_ms;
			sum_lat += lat[i];
			sum_cpu += cpu[i];
		}
		if (ext) {
			ext_n1 = ext_total(ext, nr_ext);
			ext_t1 = now_ns(CLOCK_MONOTONIC);
			/* Did every extender run to the last request? */
			ext_throughout = atomic_load(&ctl.running) == nr_ext;
		}
		cpu_window_end(&w, o->qgs_pid, RUSAGE_THREAD);
		nt = traced ? trace_collect(o, treqs, MAX_SAMPLES + 8) : 0;

		qsort(lat, n, sizeof(double), cmp_double);
		qsort(cpu, n, sizeof(double), cmp_double);
		med = pct(lat, n, 50);

		json_begin("latency");
		json_str("provider", d.provider);
		printf(",\"traced\":%s", traced ? "true" : "false");
		json_long("service_ms", o->delays_ms[k]);
		json_long("samples", n);
		json_long("quote_bytes", (long)samples[0].quote_len);
		print_num("warmup_first_ms", warmup_first_ms, o->warmup > 0);
		print_num("first_ms", warm.lat_ms, true);
		print_num("median_ms", med, true);
		print_num("p95_ms", pct(lat, n, 95), true);
		print_num("min_ms", lat[0], true);
		print_num("max_ms", lat[n - 1], true);
		print_num("mean_ms", mean(lat, n), true);
		print_num("overhead_ms", med - delay, true);
		print_num("overhead_pct", 100.0 * (med - delay) / delay,
			  delay > 0);
		print_num("cpu_ms", pct(cpu, n, 50), true);
		print_num("cpu_mean_ms", sum_cpu / n, true);
		print_num("cpu_pct", 100.0 * sum_cpu / sum_lat, sum_lat > 0);
		print_num("utime_ms", tv_ms(&w.ru.ru_utime) / n, true);
		print_num("stime_ms", tv_ms(&w.ru.ru_stime) / n, true);
		print_num("sleeps", (double)w.ru.ru_nvcsw / n, true);
		print_num("preempted", (double)w.ru.ru_nivcsw / n, true);
		print_num("sys_busy_pct", cpu_window_busy_pct(&w), true);
		print_num("qgs_cpu_ms", 1e3 * w.qgs_ticks / tck / n,
			  o->qgs_pid > 0);
		if (o->extenders >= 0 || o->spinners > 0) {
			json_long("extenders", o->extenders > 0 ? nr_ext : 0);
			json_long("spinners", o->spinners > 0 ? nr_ext : 0);
			json_long("extend_bytes",
				  o->extenders > 0 ? o->bytes : 0);
		}
		if (ext && o->extenders > 0) {
			json_long("ext_extends", ext_n1 - ext_n0);
			print_num("ext_seconds", (ext_t1 - ext_t0) / 1e9, true);
			print_num("ext_per_s", (ext_n1 - ext_n0) * 1e9 /
				  (ext_t1 - ext_t0), ext_t1 > ext_t0);
			printf(",\"ext_throughout\":%s",
			       ext_throughout ? "true" : "false");
		}
		if (traced)
			trace_report(treqs, nt, samples, n, delay);
		printf(",\"lat_ms\":[");
		for (i = 0; i < n; i++)
			printf("%s%.3f", i ? "," : "", samples[i].lat_ms);
		printf("]");
		json_end();
	}

	report_dir_remove(&d);
	if (traced)
		trace_teardown(o);
	free(buf);
	if (ext) {
		k = ext_workers_stop(ext, nr_ext);
		ext_workers_free(ext, nr_ext);
		if (k)
			die("%d extender(s) failed", k);
	}
	return 0;
}

struct tp_worker {
	pthread_t thread;
	struct report_dir dir;
	pthread_barrier_t *start;
	long count;
	long warmup;
	double *lat_ms;
	int rc;
	char err[512];
};

static atomic_bool tp_stop;

static void *tp_worker_fn(void *arg)
{
	struct tp_worker *w = arg;
	unsigned char *buf = malloc(OUTBLOB_CAP);
	struct sample s;

	pthread_barrier_wait(w->start);
	if (!buf) {
		w->rc = -ENOMEM;
		snprintf(w->err, sizeof(w->err), "out of memory");
		return NULL;
	}
	while (!atomic_load(&tp_stop)) {
		w->rc = one_report(&w->dir, buf, &s, w->err, sizeof(w->err));
		if (w->rc) {
			/* Let the others stop too: the run is invalid. */
			atomic_store(&tp_stop, true);
			break;
		}
		if (w->count < TP_LAT_CAP)
			w->lat_ms[w->count] = s.lat_ms;
		w->count++;
	}
	free(buf);
	return NULL;
}

static int tp_run(const struct opts *o, long nr)
{
	struct timespec dur = { .tv_sec = o->seconds };
	static double all_lat[TP_LAT_CAP];
	struct tp_worker *ws = calloc(nr, sizeof(*ws));
	long total = 0, nlat = 0, min_c = -1, max_c = 0, i, j;
	pthread_barrier_t start;
	struct cpu_window w;
	int errors = 0;
	char name[64];
	double secs;

	if (!ws)
		die("out of memory");
	pthread_barrier_init(&start, NULL, nr + 1);
	atomic_store(&tp_stop, false);
	for (i = 0; i < nr; i++) {
		snprintf(name, sizeof(name), "bench-tp-%d-%ld", getpid(), i);
		report_dir_create(&ws[i].dir, o->root, name);
		ws[i].start = &start;
		ws[i].lat_ms = calloc(TP_LAT_CAP, sizeof(double));
		if (!ws[i].lat_ms)
			die("out of memory");
		if (pthread_create(&ws[i].thread, NULL, tp_worker_fn, &ws[i]))
			die("pthread_create failed");
	}
	note("throughput: %s, %ld dirs, %ld s", ws[0].dir.provider, nr,
	     o->seconds);

	cpu_window_start(&w, o->qgs_pid, RUSAGE_SELF);
	pthread_barrier_wait(&start);
	while (nanosleep(&dur, &dur) && errno == EINTR)
		;
	atomic_store(&tp_stop, true);
	for (i = 0; i < nr; i++)
		pthread_join(ws[i].thread, NULL);
	cpu_window_end(&w, o->qgs_pid, RUSAGE_SELF);
	secs = w.wall_ns / 1e9;

	for (i = 0; i < nr; i++) {
		if (ws[i].rc) {
			note("%s", ws[i].err);
			errors++;
		}
		total += ws[i].count;
		if (min_c < 0 || ws[i].count < min_c)
			min_c = ws[i].count;
		if (ws[i].count > max_c)
			max_c = ws[i].count;
		for (j = 0; j < ws[i].count && j < TP_LAT_CAP &&
		     nlat < TP_LAT_CAP; j++)
			all_lat[nlat++] = ws[i].lat_ms[j];
	}
	qsort(all_lat, nlat, sizeof(double), cmp_double);

	json_begin("throughput");
	json_str("provider", ws[0].dir.provider);
	json_long("dirs", nr);
	json_long("reports", total);
	json_long("errors", errors);
	print_num("seconds", secs, true);
	print_num("reports_per_s", total / secs, true);
	json_long("per_dir_min", min_c);
	json_long("per_dir_max", max_c);
	print_num("lat_p50_ms", pct(all_lat, nlat, 50), nlat);
	print_num("lat_p95_ms", pct(all_lat, nlat, 95), nlat);
	print_num("proc_cpu_pct",
		  100.0 * (tv_ms(&w.ru.ru_utime) + tv_ms(&w.ru.ru_stime)) /
		  (secs * 1e3), true);
	print_num("sys_busy_pct", cpu_window_busy_pct(&w), true);
	print_num("qgs_cpu_ms",
		  total ? 1e3 * w.qgs_ticks / sysconf(_SC_CLK_TCK) / total : 0,
		  o->qgs_pid > 0 && total);
	json_end();

	for (i = 0; i < nr; i++) {
		report_dir_remove(&ws[i].dir);
		free(ws[i].lat_ms);
	}
	pthread_barrier_destroy(&start);
	free(ws);
	return errors ? 1 : 0;
}

static int cmd_throughput(const struct opts *o)
{
	int k, rc = 0;

	for (k = 0; k < o->nr_dirs; k++) {
		if (o->dirs[k] < 1 || o->dirs[k] > 256)
			die("--dirs: 1..256 directories");
		rc |= tp_run(o, o->dirs[k]);
	}
	return rc;
}

/*
 * What one sleep/wake cycle on an hrtimer costs this CPU: the unit price of
 * polling. Run in the guest it shows what TCG charges; run on a host, what
 * hardware (or a KVM guest) would.
 */
static int cmd_sleepcost(const struct opts *o)
{
	struct timespec ts;
	long long c0, t0, cpu, wall;
	long i;
	int k;

	/* Like the driver's sleeps, not a user task's default 50 us slack. */
	prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
	for (k = 0; k < o->nr_intervals; k++) {
		ts.tv_sec = o->intervals_us[k] / 1000000;
		ts.tv_nsec = o->intervals_us[k] % 1000000 * 1000;
		c0 = now_ns(CLOCK_THREAD_CPUTIME_ID);
		t0 = now_ns(CLOCK_MONOTONIC);
		for (i = 0; i < o->count; i++)
			clock_nanosleep(CLOCK_MONOTONIC, 0, &ts, NULL);
		cpu = now_ns(CLOCK_THREAD_CPUTIME_ID) - c0;
		wall = now_ns(CLOCK_MONOTONIC) - t0;

		json_begin("sleepcost");
		json_long("interval_us", o->intervals_us[k]);
		json_long("count", o->count);
		print_num("cpu_us_per_wakeup", cpu / 1e3 / o->count, true);
		print_num("late_us_per_wakeup",
			  wall / 1e3 / o->count - o->intervals_us[k], true);
		print_num("cpu_pct", 100.0 * cpu / wall, wall > 0);
		json_end();
	}
	return 0;
}

static void show_help(FILE *f)
{
	fputs("usage: tdx-bench info\n"
	      "       tdx-bench latency [--delays-ms LIST] [--samples N[,N...]] [--trace]\n"
	      "                         [--warmup N]\n"
	      "                         [--extenders N [--bytes B] [--log-kib K]]\n"
	      "                         [--spinners N]\n"
	      "       tdx-bench throughput [--dirs LIST] [--seconds S]\n"
	      "       tdx-bench extend [--kind digest|event] [--bytes B] [--threads LIST]\n"
	      "                        [--seconds S] [--log-kib K] [--warmup N]\n"
	      "       tdx-bench sleepcost [--interval-us LIST] [--count N]\n"
	      "common: [--root DIR] [--knob PATH] [--qgs-pid PID] [--tracefs DIR]\n"
	      "        [--dev PATH] [--mr-dir DIR] [--log PATH]\n"
	      "\n"
	      "latency: --warmup requests (default 10) at delay 0, then for each\n"
	      "  service delay (ms; written to --knob in us) 4 unmeasured requests\n"
	      "  (the first is reported as first_ms) and N timed ones, all in one\n"
	      "  report directory.\n"
	      "  --trace adds kprobes (tracefs) that split each request into\n"
	      "  provider, emulated host and polling time.\n"
	      "  --extenders N: N threads extend RTMR3 with B-byte events\n"
	      "  (TDX_CMD_EXTEND_EVENT) all along, at most as many as rtmr_log\n"
	      "  (K KiB) has room for; the output counts their extends.\n"
	      "  --spinners N: N threads that only spin, the control.\n"
	      "throughput: for each count D, D threads with one report directory\n"
	      "  each loop write-inblob/read-outblob for S seconds.\n"
	      "extend: after --warmup unmeasured extends, for each count T, T\n"
	      "  threads extend RTMR3 back to back for S seconds, or until rtmr_log\n"
	      "  (K KiB; 0: not bounded here) has no room for another record:\n"
	      "  digest = 48-byte writes to rtmr3:sha384, event = B bytes of data\n"
	      "  through TDX_CMD_EXTEND_EVENT on --dev.\n"
	      "sleepcost: CPU time per hrtimer sleep/wake cycle of each interval.\n"
	      "Defaults: --delays-ms 0,1,10,100,1000 --samples 15 --dirs 1,4,16\n"
	      "  --seconds 10 --interval-us 20,1000,20000 --count 500\n"
	      "  --kind digest --bytes 100 --threads 1,4 --log-kib 0\n"
	      "  --dev " DEFAULT_DEV " --mr-dir " DEFAULT_MR_DIR "\n"
	      "  --log " DEFAULT_LOG "\n"
	      "  --root " DEFAULT_ROOT "\n"
	      "  --knob " DEFAULT_KNOB " --tracefs " DEFAULT_TRACEFS "\n"
	      "Output: one JSON object per line on stdout.\n", f);
}

int main(int argc, char **argv)
{
	struct opts o = {
		.root = DEFAULT_ROOT,
		.knob = DEFAULT_KNOB,
		.tracefs = DEFAULT_TRACEFS,
		.seconds = 10,
		.dev = DEFAULT_DEV,
		.mr_dir = DEFAULT_MR_DIR,
		.log = DEFAULT_LOG,
		.bytes = 100,
		.extenders = -1,
	};
	const char *cmd;
	int i;

	if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		show_help(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	cmd = argv[1];
	o.nr_delays = parse_list("0,1,10,100,1000", o.delays_ms, MAX_LIST);
	o.nr_samples = parse_list("15", o.samples, MAX_LIST);
	o.nr_dirs = parse_list("1,4,16", o.dirs, MAX_LIST);
	o.nr_intervals = parse_list("20,1000,20000", o.intervals_us, MAX_LIST);
	o.nr_threads = parse_list("1,4", o.threads, MAX_LIST);
	o.count = 500;
	o.warmup = 10;

	for (i = 2; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--trace")) {
			o.trace = true;
			continue;
		}
		if (!v) {
			show_help(stderr);
			return 2;
		}
		i++;
		if (!strcmp(a, "--delays-ms")) {
			o.nr_delays = parse_list(v, o.delays_ms, MAX_LIST);
		} else if (!strcmp(a, "--samples")) {
			o.nr_samples = parse_list(v, o.samples, MAX_LIST);
		} else if (!strcmp(a, "--dirs")) {
			o.nr_dirs = parse_list(v, o.dirs, MAX_LIST);
		} else if (!strcmp(a, "--seconds")) {
			o.seconds = parse_long(v);
		} else if (!strcmp(a, "--interval-us")) {
			o.nr_intervals = parse_list(v, o.intervals_us, MAX_LIST);
		} else if (!strcmp(a, "--warmup")) {
			o.warmup = parse_long(v);
		} else if (!strcmp(a, "--count")) {
			o.count = parse_long(v);
		} else if (!strcmp(a, "--root")) {
			o.root = v;
		} else if (!strcmp(a, "--knob")) {
			o.knob = v;
		} else if (!strcmp(a, "--qgs-pid")) {
			o.qgs_pid = parse_long(v);
		} else if (!strcmp(a, "--tracefs")) {
			o.tracefs = v;
		} else if (!strcmp(a, "--kind")) {
			if (strcmp(v, "digest") && strcmp(v, "event"))
				die("--kind: digest or event");
			o.event = !strcmp(v, "event");
		} else if (!strcmp(a, "--bytes")) {
			o.bytes = parse_long(v);
		} else if (!strcmp(a, "--threads")) {
			o.nr_threads = parse_list(v, o.threads, MAX_LIST);
		} else if (!strcmp(a, "--log-kib")) {
			o.log_kib = parse_long(v);
		} else if (!strcmp(a, "--extenders")) {
			o.extenders = parse_long(v);
		} else if (!strcmp(a, "--spinners")) {
			o.spinners = parse_long(v);
		} else if (!strcmp(a, "--dev")) {
			o.dev = v;
		} else if (!strcmp(a, "--mr-dir")) {
			o.mr_dir = v;
		} else if (!strcmp(a, "--log")) {
			o.log = v;
		} else {
			show_help(stderr);
			return 2;
		}
	}

	if (!strcmp(cmd, "info")) {
		print_info();
		return 0;
	}
	if (!strcmp(cmd, "latency"))
		return cmd_latency(&o);
	if (!strcmp(cmd, "throughput"))
		return cmd_throughput(&o);
	if (!strcmp(cmd, "extend"))
		return cmd_extend(&o);
	if (!strcmp(cmd, "sleepcost"))
		return o.count > 0 ? cmd_sleepcost(&o) : 2;
	show_help(stderr);
	return 2;
}
