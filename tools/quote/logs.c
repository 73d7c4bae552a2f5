// SPDX-License-Identifier: GPL-2.0
/*
 * tdx-quote: reading the event logs named on the command line (--ccel,
 * --log) into the one log that `log` prints and `replay` replays.
 */
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "tdx_quote.h"

/**
 * logs_load() - read a CCEL and rtmr_log and put them together.
 * @e: the combined log; release with evlog_free().
 * @ccel_path: the CCEL log area, or NULL.
 * @log_path: tdx_guest's rtmr_log, or NULL.
 *
 * Return: 0, or EXIT_USAGE after saying what is wrong (unreadable file,
 * malformed log, with the offset of the first bad record).
 */
int logs_load(struct evlog *e, const char *ccel_path, const char *log_path)
{
	uint8_t *ccel = NULL, *rtmr_log = NULL;
	size_t ccel_len = 0, log_len = 0;
	char err[192];
	int ret;

	memset(e, 0, sizeof(*e));
	if (ccel_path) {
		ret = read_file(ccel_path, EVLOG_CCEL_MAX_SIZE, &ccel, &ccel_len);
		if (ret) {
			errmsg("%s: %s", ccel_path, strerror(-ret));
			return EXIT_USAGE;
		}
	}
	if (log_path) {
		ret = read_file(log_path, EVLOG_RTMR_LOG_MAX_SIZE, &rtmr_log,
				&log_len);
		if (ret) {
			errmsg("%s: %s", log_path, strerror(-ret));
			free(ccel);
			return EXIT_USAGE;
		}
	}
	ret = evlog_build(e, ccel, ccel_len, rtmr_log, log_len, !!log_path,
			  err, sizeof(err));
	free(ccel);
	free(rtmr_log);
	if (ret == -2) {
		errmsg("out of memory");
		return EXIT_USAGE;
	}
	if (ret) {
		/* Name the file the bad byte is in. */
		errmsg("%s: malformed event log: %s",
		       e->err_runtime ? log_path : ccel_path, err);
		return EXIT_USAGE;
	}
	return 0;
}
