// SPDX-License-Identifier: GPL-2.0
/*
 * watch-create: print the name of every entry created in a directory, for
 * the VM tests (busybox has no inotifyd).
 *
 *   watch-create DIR SECONDS
 *
 * Prints "ready" once the watch is in place, then one line per entry
 * created in DIR (even one removed again at once), for SECONDS. Exits 0,
 * or 2 on a usage or setup error.
 */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/inotify.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	union {
		struct inotify_event ev;	/* aligns buf for the events */
		char buf[4096];
	} u;
	char *buf = u.buf;
	struct pollfd pfd;
	time_t deadline;
	ssize_t len;
	char *p;

	if (argc != 3 || atoi(argv[2]) <= 0) {
		fprintf(stderr, "usage: watch-create DIR SECONDS\n");
		return 2;
	}
	pfd.fd = inotify_init1(IN_NONBLOCK);
	if (pfd.fd < 0 || inotify_add_watch(pfd.fd, argv[1], IN_CREATE) < 0) {
		perror("watch-create");
		return 2;
	}
	pfd.events = POLLIN;
	printf("ready\n");
	fflush(stdout);
	deadline = time(NULL) + atoi(argv[2]);
	while (time(NULL) < deadline) {
		if (poll(&pfd, 1, 100) <= 0)
			continue;
		len = read(pfd.fd, buf, sizeof(u.buf));
		for (p = buf; len > 0 && p < buf + len;) {
			const struct inotify_event *ev = (const void *)p;

			if (ev->len)
				printf("%s\n", ev->name);
			p += sizeof(*ev) + ev->len;
		}
		fflush(stdout);
	}
	return 0;
}
