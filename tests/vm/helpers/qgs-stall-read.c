// SPDX-License-Identifier: GPL-2.0
/*
 * qgs-stall-read: show that the emulated VMM's lock is free while the
 * quote service's read() is stuck copying a request to user space.
 *
 *   qgs-stall-read DEVICE LOCK_FILE
 *
 * Opens DEVICE (the emulator's quote service device) as the service,
 * says "reading", and reads the next request into a buffer whose pages
 * are registered with userfaultfd, so the kernel's copy stalls on its
 * first byte. While it is
 * stalled, a child writes "1" to LOCK_FILE (a debugfs file whose write
 * takes the VMM's lock), and that write must finish within 2 s. Then the
 * copy is let through, and the read must return a whole message.
 *
 * Prints "reading", "stalled", "lock free" and "read N" as it goes. Exits 0; 1 if the
 * write waited for the copy; 77 if the kernel has no userfaultfd; 2 on
 * any other error.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REGION_PAGES	2

struct reader {
	int fd;
	void *buf;
	size_t len;
	ssize_t ret;
	int err;
};

static void *read_request(void *arg)
{
	struct reader *r = arg;

	r->ret = read(r->fd, r->buf, r->len);
	r->err = errno;
	return NULL;
}

static int die(const char *what)
{
	fprintf(stderr, "qgs-stall-read: %s: %s\n", what, strerror(errno));
	return 2;
}

/* Wait up to @ms for the page fault the reader's copy raised. */
static int wait_fault(int uffd, int ms, unsigned long *addr)
{
	struct pollfd pfd = { .fd = uffd, .events = POLLIN };
	struct uffd_msg msg;

	if (poll(&pfd, 1, ms) != 1)
		return -1;
	if (read(uffd, &msg, sizeof(msg)) != sizeof(msg) ||
	    msg.event != UFFD_EVENT_PAGEFAULT)
		return -1;
	*addr = msg.arg.pagefault.address;
	return 0;
}

/* Write "1" to @path in a child; return its pid. */
static pid_t write_in_child(const char *path)
{
	pid_t pid = fork();
	int fd;

	if (pid)
		return pid;
	fd = open(path, O_WRONLY);
	_exit(fd >= 0 && write(fd, "1\n", 2) == 2 ? 0 : 1);
}

/* Has child @pid exited within @ms? 1 yes (status in *@status), 0 no. */
static int exited_within(pid_t pid, int ms, int *status)
{
	struct timespec tick = { 0, 10 * 1000 * 1000 };

	for (; ms > 0; ms -= 10) {
		if (waitpid(pid, status, WNOHANG) == pid)
			return 1;
		nanosleep(&tick, NULL);
	}
	return 0;
}

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE);
	struct uffdio_api api = { .api = UFFD_API };
	struct uffdio_register reg = { .mode = UFFDIO_REGISTER_MODE_MISSING };
	struct uffdio_zeropage zero = { .mode = 0 };
	struct reader r = { .len = REGION_PAGES * page };
	int uffd, status = 0, held = 0;
	unsigned long addr;
	pthread_t thread;
	pid_t child;

	if (argc != 3) {
		fprintf(stderr, "usage: qgs-stall-read DEVICE LOCK_FILE\n");
		return 2;
	}
	/* The sysctl exists exactly when the kernel has userfaultfd. */
	if (access("/proc/sys/vm/unprivileged_userfaultfd", F_OK)) {
		printf("no userfaultfd\n");
		return 77;
	}
	uffd = syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uffd < 0 || ioctl(uffd, UFFDIO_API, &api))
		return die("userfaultfd");
	r.buf = mmap(NULL, r.len, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (r.buf == MAP_FAILED)
		return die("mmap");
	reg.range.start = (unsigned long)r.buf;
	reg.range.len = r.len;
	if (ioctl(uffd, UFFDIO_REGISTER, &reg))
		return die("UFFDIO_REGISTER");
	r.fd = open(argv[1], O_RDWR);
	if (r.fd < 0)
		return die(argv[1]);
	if (pthread_create(&thread, NULL, read_request, &r))
		return die("pthread_create");
	/* The device is open: the emulated VMM now routes requests here. */
	printf("reading\n");
	fflush(stdout);

	if (wait_fault(uffd, 10000, &addr)) {
		fprintf(stderr, "qgs-stall-read: the read never faulted\n");
		return 2;
	}
	printf("stalled\n");
	fflush(stdout);

	child = write_in_child(argv[2]);
	if (child < 0)
		return die("fork");
	if (exited_within(child, 2000, &status)) {
		printf("lock free\n");
	} else {
		printf("the write to %s waited for the stalled copy\n",
		       argv[2]);
		held = 1;
	}

	/* Let the copy through, page by page as it faults. */
	do {
		zero.range.start = addr & ~(unsigned long)(page - 1);
		zero.range.len = page;
		if (ioctl(uffd, UFFDIO_ZEROPAGE, &zero) && errno != EEXIST)
			return die("UFFDIO_ZEROPAGE");
	} while (!wait_fault(uffd, 200, &addr));
	pthread_join(thread, NULL);
	if (held)
		waitpid(child, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "qgs-stall-read: the write to %s failed\n",
			argv[2]);
		return 2;
	}
	if (r.ret <= 0) {
		errno = r.err;
		return die("read");
	}
	printf("read %zd\n", r.ret);
	return held;
}
