// SPDX-License-Identifier: GPL-2.0
/*
 * tdx-quote: inspect and verify Intel TDX Quotes (v4, v5) and TDREPORTs,
 * and replay the event logs behind their RTMRs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../common/util.h"
#include "fields.h"
#include "tdx_quote.h"

static const char help_head[] =
	"Usage: tdx-quote decode [--json] FILE\n"
	"       tdx-quote field FILE NAME\n"
	"       tdx-quote verify [--root ROOT.pem] [--at TIME] FILE\n"
	"       tdx-quote replay [--ccel CCEL] [--log LOG] FILE\n"
	"       tdx-quote --help\n"
	"\n"
	"Inspect and verify Intel TDX Quotes (versions 4 and 5, ECDSA-P256) and\n"
	"raw 1024-byte TDREPORTs. FILE may be '-' for standard input, or a\n"
	"configfs-tsm outblob. The format is detected: a 1024-byte file starting\n"
	"with 0x81 is a TDREPORT, one starting with the 16-bit little-endian\n"
	"version 4 or 5 a Quote. Bytes after a Quote's signature data (quote\n"
	"services pad their buffers) are not part of it: they are reported in a\n"
	"note and never change a verdict.\n"
	"\n"
	"Commands:\n"
	"  decode FILE         print every field as \"name: value\", byte fields\n"
	"                      in hex; for a Quote also the signature data, the\n"
	"                      QE report and the subject CN of each certificate\n"
	"  decode --json FILE  the same fields as one flat JSON object\n"
	"  field FILE NAME     print one field's value alone, for scripts: hex\n"
	"                      for byte fields, decimal for version, 0x.. for\n"
	"                      tee_type\n"
	"  verify [--root ROOT.pem] [--at TIME] FILE\n"
	"                      check a Quote: lengths, the Quote signature by the\n"
	"                      attestation key, the QE report's binding of that\n"
	"                      key, the QE report signature by the PCK\n"
	"                      certificate, and the PCK chain up to the one trust\n"
	"                      anchor: Intel's SGX Root CA, installed with the\n"
	"                      tool and checked against its SHA-256 fingerprint,\n"
	"                      or ROOT.pem (emulated Quotes need the test root).\n"
	"                      The certificates must be valid now, or at TIME\n"
	"                      (UTC, as 2026-11-30T12:00:00Z), for example when\n"
	"                      the Quote was made.\n"
	"                      One line per check (\"ok: ...\" or \"FAIL: ...\"),\n"
	"                      then \"verified\" or \"verification failed\". Policy\n"
	"                      (TCB level, measurements) is left to the caller.\n"
	"  replay --ccel CCEL [--log LOG] FILE\n"
	"                      replay a TD's firmware event log CCEL (TCG2\n"
	"                      crypto-agile, as the ACPI CCEL table points to; on\n"
	"                      a TD /sys/firmware/acpi/tables/data/CCEL), then\n"
	"                      LOG on top if given, and say for each RTMR whether\n"
	"                      FILE's value is reproduced\n"
	"  replay --log LOG FILE\n"
	"                      check that FILE's RTMR0-3 are the baselines of\n"
	"                      tdx_guest's runtime measurement log LOG (read from\n"
	"                      /sys/devices/virtual/misc/tdx_guest/rtmr_log)\n"
	"                      extended by some prefix of its records\n"
	"\n"
	"Fields, and the inputs that have them:\n";

static const char help_tail[] =
	"\n"
	"Exit status:\n"
	"  0  success (verify: every check passed; replay: every RTMR reproduced)\n"
	"  1  verify: the Quote failed a check; replay: an RTMR is not reproduced\n"
	"  2  usage error, unreadable file, malformed Quote, TDREPORT or log\n";

static void print_help(FILE *f)
{
	char formats[96];
	size_t i;

	fputs(help_head, f);
	for (i = 0; i < nr_fields; i++) {
		field_formats(&fields[i], formats, sizeof(formats));
		fprintf(f, "  %-18s %s\n", fields[i].name, formats);
	}
	fputs(help_tail, f);
}

static int usage_error(const char *fmt, ...) __printf(1, 2);

static int usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verrmsg(fmt, ap);
	va_end(ap);
	fputs("Try 'tdx-quote --help'.\n", stderr);
	return EXIT_USAGE;
}

static int cmd_decode(int argc, char **argv)
{
	const char *path = NULL;
	struct input in;
	int json = 0, i, ret;

	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--json"))
			json = 1;
		else if (path)
			return usage_error("decode: unexpected argument '%s'",
					   argv[i]);
		else
			path = argv[i];
	}
	if (!path)
		return usage_error("decode: missing FILE");
	ret = input_load(&in, path);
	if (!ret)
		ret = decode(&in, json);
	input_free(&in);
	return ret;
}

static int cmd_field(int argc, char **argv)
{
	struct input in;
	int ret;

	if (argc != 2)
		return usage_error("field: expected FILE NAME");
	ret = input_load(&in, argv[0]);
	if (!ret)
		ret = print_field(&in, argv[1]);
	input_free(&in);
	return ret;
}

/**
 * struct option_value - an option of verify or replay, and its value.
 * @name: "--root", "--at", "--ccel" or "--log".
 * @value: set to its argument, NULL when absent.
 */
struct option_value {
	const char *name;
	const char *value;
};

/*
 * Parse "--OPT VALUE" (or --OPT=VALUE) for each option of @opts and one
 * FILE, in any order. Return: 0, or EXIT_USAGE after saying why.
 */
static int parse_opts(const char *cmd, struct option_value *opts,
		      size_t nr_opts, int argc, char **argv, const char **path)
{
	size_t len, j;
	int i;

	*path = NULL;
	for (i = 0; i < argc; i++) {
		for (j = 0; j < nr_opts; j++) {
			len = strlen(opts[j].name);
			if (!strcmp(argv[i], opts[j].name) && i + 1 < argc) {
				opts[j].value = argv[++i];
				break;
			}
			if (!strncmp(argv[i], opts[j].name, len) &&
			    argv[i][len] == '=') {
				opts[j].value = argv[i] + len + 1;
				break;
			}
		}
		if (j < nr_opts)
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			return usage_error("%s: unknown option '%s'", cmd,
					   argv[i]);
		if (*path)
			return usage_error("%s: unexpected argument '%s'", cmd,
					   argv[i]);
		*path = argv[i];
	}
	if (!*path)
		return usage_error("%s: missing FILE", cmd);
	return 0;
}

#define UTC_FORMAT "%Y-%m-%dT%H:%M:%SZ"

/*
 * Parse a UTC time written as YYYY-MM-DDTHH:MM:SSZ, and nothing else.
 * Return: 0, or -1 if @s is not one. A date that does not exist (February
 * 30th) is refused: it must read the same when written back.
 */
static int parse_utc(const char *s, time_t *t)
{
	struct tm tm = { 0 };
	const char *end = strptime(s, UTC_FORMAT, &tm);
	char back[32];

	if (!end || *end)
		return -1;
	*t = timegm(&tm);
	if (!gmtime_r(t, &tm) ||
	    !strftime(back, sizeof(back), UTC_FORMAT, &tm))
		return -1;
	return strcmp(back, s) ? -1 : 0;
}

static int cmd_verify(int argc, char **argv)
{
	struct option_value opts[] = { { .name = "--root" },
				       { .name = "--at" } };
	const char *path;
	struct input in;
	time_t at;
	int ret;

	ret = parse_opts("verify", opts, 2, argc, argv, &path);
	if (ret)
		return ret;
	if (opts[1].value && parse_utc(opts[1].value, &at))
		return usage_error("verify: --at '%s' is not a UTC time like 2026-11-30T12:00:00Z",
				   opts[1].value);
	ret = input_load(&in, path);
	if (!ret)
		ret = verify(&in, opts[0].value, opts[1].value ? &at : NULL);
	input_free(&in);
	return ret;
}

static int cmd_replay(int argc, char **argv)
{
	struct option_value opts[] = { { .name = "--ccel" }, { .name = "--log" } };
	const char *path;
	struct input in;
	int ret;

	ret = parse_opts("replay", opts, ARRAY_SIZE(opts), argc, argv, &path);
	if (ret)
		return ret;
	if (!opts[0].value && !opts[1].value)
		return usage_error("replay: expected --ccel CCEL, --log LOG or both");
	ret = input_load(&in, path);
	if (!ret)
		ret = replay(&in, opts[0].value, opts[1].value);
	input_free(&in);
	return ret;
}

int main(int argc, char **argv)
{
	progname = "tdx-quote";
	if (argc < 2)
		return usage_error("missing command");
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		print_help(stdout);
		return EXIT_OK;
	}
	if (!strcmp(argv[1], "decode"))
		return cmd_decode(argc - 2, argv + 2);
	if (!strcmp(argv[1], "field"))
		return cmd_field(argc - 2, argv + 2);
	if (!strcmp(argv[1], "verify"))
		return cmd_verify(argc - 2, argv + 2);
	if (!strcmp(argv[1], "replay"))
		return cmd_replay(argc - 2, argv + 2);
	return usage_error("unknown command '%s'", argv[1]);
}
