// SPDX-License-Identifier: GPL-2.0
/*
 * tdx-qgs-emu: the emulated Quote Generation Service of the emulated TDX
 * platform. TEST ONLY: it signs with published test keys, so its Quotes
 * prove nothing.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/err.h>

#include "../common/parse.h"
#include "../common/util.h"
#include "keys.h"
#include "quote_gen.h"
#include "service.h"

#define EXIT_USAGE	2

static const char help[] =
	"Usage: tdx-qgs-emu [--device PATH] [--keys DIR] [--ready-file PATH]\n"
	"                   [--foreground] [--verbose] [--quote-version 4|5]\n"
	"                   [--pad-to N]\n"
	"       tdx-qgs-emu --tdreport FILE --out QUOTE [--keys DIR]\n"
	"                   [--quote-version 4|5] [--pad-to N]\n"
	"\n"
	"Emulated TDX Quote Generation Service. TEST ONLY: Quotes are signed\n"
	"with the published test keys of tests/keys and prove nothing.\n"
	"\n"
	"Service mode (default) opens the emulated platform's device, answers\n"
	"each GET_QUOTE_REQ with a GET_QUOTE_RESP holding a signed Quote,\n"
	"and stops cleanly on SIGTERM or SIGINT. Offline mode turns one TDREPORT\n"
	"file into a Quote file.\n"
	"\n"
	"Options:\n"
	"  --device PATH      device to serve\n"
	"                     (default " QGS_DEFAULT_DEVICE ")\n"
	"  --keys DIR         test key folder\n"
	"                     (default " QGS_DEFAULT_KEYS_DIR ")\n"
	"  --ready-file PATH  create PATH, holding the pid, once the device is\n"
	"                     open; removed on exit\n"
	"  --foreground       do not go to the background\n"
	"  --verbose          log one line per request to stderr\n"
	"  --device-fd N      serve the open descriptor N instead of a device\n"
	"                     (host tests)\n"
	"  --quote-version V  4 (default): Quote v4 with the TD 1.0 body;\n"
	"                     5: Quote v5, with the TD 1.5 body (type 3) for a\n"
	"                     TDREPORT of TDX module 1.5 (version 1), else the\n"
	"                     TD 1.0 body (type 2)\n"
	"  --pad-to N         return each Quote zero-padded to N bytes, as real\n"
	"                     services do (N up to 65536; default: no padding)\n"
	"  --tdreport FILE    offline mode: read a 1024-byte TDREPORT from FILE\n"
	"  --out QUOTE        offline mode: write the Quote to QUOTE\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 success or stopped by a signal, 1 error, 2 usage error.\n";

struct options {
	struct service_opts service;
	const char *keys_dir;
	const char *tdreport;
	const char *out;
	int service_only;	/* a service-mode option was given */
};

enum {
	OPT_DEVICE = 256,
	OPT_KEYS,
	OPT_READY_FILE,
	OPT_FOREGROUND,
	OPT_VERBOSE,
	OPT_DEVICE_FD,
	OPT_TDREPORT,
	OPT_OUT,
	OPT_QUOTE_VERSION,
	OPT_PAD_TO,
};

static const struct option long_options[] = {
	{ "device", required_argument, NULL, OPT_DEVICE },
	{ "keys", required_argument, NULL, OPT_KEYS },
	{ "ready-file", required_argument, NULL, OPT_READY_FILE },
	{ "foreground", no_argument, NULL, OPT_FOREGROUND },
	{ "verbose", no_argument, NULL, OPT_VERBOSE },
	{ "device-fd", required_argument, NULL, OPT_DEVICE_FD },
	{ "tdreport", required_argument, NULL, OPT_TDREPORT },
	{ "out", required_argument, NULL, OPT_OUT },
	{ "quote-version", required_argument, NULL, OPT_QUOTE_VERSION },
	{ "pad-to", required_argument, NULL, OPT_PAD_TO },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int parse_fd(const char *s, int *fd)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < 0 || v > 65535)
		return -1;
	*fd = (int)v;
	return 0;
}

/* A decimal number in [@min, @max]. */
static int parse_ulong(const char *s, unsigned long min, unsigned long max,
		       unsigned long *out)
{
	char *end;
	unsigned long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Return: -1 to go on, or the exit status to end with. */
static int parse_options(int argc, char **argv, struct options *o)
{
	unsigned long v;
	int c;

	while ((c = getopt_long(argc, argv, "h", long_options, NULL)) != -1) {
		switch (c) {
		case OPT_DEVICE:
			o->service.device = optarg;
			o->service_only = 1;
			break;
		case OPT_KEYS:
			o->keys_dir = optarg;
			break;
		case OPT_READY_FILE:
			o->service.ready_file = optarg;
			o->service_only = 1;
			break;
		case OPT_FOREGROUND:
			o->service.foreground = 1;
			o->service_only = 1;
			break;
		case OPT_VERBOSE:
			o->service.verbose = 1;
			break;
		case OPT_DEVICE_FD:
			if (parse_fd(optarg, &o->service.device_fd)) {
				errmsg("--device-fd: bad descriptor '%s'",
				       optarg);
				return EXIT_USAGE;
			}
			o->service_only = 1;
			break;
		case OPT_TDREPORT:
			o->tdreport = optarg;
			break;
		case OPT_OUT:
			o->out = optarg;
			break;
		case OPT_QUOTE_VERSION:
			if (parse_ulong(optarg, TDX_QUOTE_VERSION_4,
					TDX_QUOTE_VERSION_5, &v)) {
				errmsg("--quote-version: '%s' is not 4 or 5",
				       optarg);
				return EXIT_USAGE;
			}
			o->service.format.version = (unsigned int)v;
			break;
		case OPT_PAD_TO:
			if (parse_ulong(optarg, 1, QGS_EMU_PAD_MAX, &v)) {
				errmsg("--pad-to: '%s' is not 1..%d", optarg,
				       QGS_EMU_PAD_MAX);
				return EXIT_USAGE;
			}
			o->service.format.pad_to = v;
			break;
		case 'h':
			fputs(help, stdout);
			return EXIT_SUCCESS;
		default:
			fputs("Try 'tdx-qgs-emu --help'.\n", stderr);
			return EXIT_USAGE;
		}
	}
	if (optind != argc) {
		errmsg("unexpected argument '%s'", argv[optind]);
		return EXIT_USAGE;
	}
	if (!o->tdreport != !o->out) {
		errmsg("offline mode needs both --tdreport and --out");
		return EXIT_USAGE;
	}
	if (o->tdreport && o->service_only) {
		errmsg("--tdreport/--out cannot be mixed with service options");
		return EXIT_USAGE;
	}
	return -1;
}

static int quote_to_file(const struct qgs_keys *keys,
			 const struct quote_format *fmt, const uint8_t *report,
			 size_t report_len, const char *out)
{
	uint8_t *quote;
	size_t quote_len;
	int err;

	if (quote_build(keys, fmt, NULL, report, report_len, &quote,
			&quote_len))
		return EXIT_FAILURE;
	err = write_file(out, quote, quote_len);
	free(quote);
	if (err) {
		errmsg("%s: %s", out, strerror(-err));
		return EXIT_FAILURE;
	}
	return EXIT_SUCCESS;
}

static int run_offline(const struct qgs_keys *keys, const struct options *o)
{
	size_t report_len;
	uint8_t *report;
	char err[128];
	int ret;

	ret = read_file(o->tdreport, TOOLS_MAX_FILE_SIZE, &report,
			&report_len);
	if (ret) {
		errmsg("%s: %s", o->tdreport, strerror(-ret));
		return EXIT_FAILURE;
	}
	if (tdreport_check(report, report_len, err, sizeof(err))) {
		errmsg("%s: %s", o->tdreport, err);
		ret = EXIT_FAILURE;
	} else {
		ret = quote_to_file(keys, &o->service.format, report,
				    report_len, o->out);
	}
	free(report);
	return ret;
}

int main(int argc, char **argv)
{
	struct options o = {
		.service = {
			.device = QGS_DEFAULT_DEVICE,
			.device_fd = -1,
			.format.version = TDX_QUOTE_VERSION_4,
		},
		.keys_dir = QGS_DEFAULT_KEYS_DIR,
	};
	struct qgs_keys keys;
	int ret;

	progname = "tdx-qgs-emu";
	ret = parse_options(argc, argv, &o);
	if (ret >= 0)
		return ret;

	ret = EXIT_FAILURE;
	if (qgs_keys_load(&keys, o.keys_dir))
		errmsg("cannot use the test keys in %s", o.keys_dir);
	else if (o.tdreport)
		ret = run_offline(&keys, &o);
	else if (!service_run(&keys, &o.service))
		ret = EXIT_SUCCESS;
	qgs_keys_free(&keys);
	return ret;
}
