// SPDX-License-Identifier: GPL-2.0
/*
 * tdx-quote: inspect and verify Intel TDX Quotes (v4, v5) and TDREPORTs,
 * and replay the event logs behind their RTMRs.
 */
#include <errno.h>
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
	"       tdx-quote replay [--ccel CCEL] [--log LOG] [--whole-log] FILE\n"
	"       tdx-quote log [--json] [--ccel CCEL] [--log LOG]\n"
	"       tdx-quote extend --rtmr N --tag TAG (--text STRING | --data-file F)\n"
	"                        [--device DEV] [--dry-run]\n"
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
	"\n"
	"Event logs: CCEL is a TD's firmware event log (the ACPI CCEL log area,\n"
	"on a TD /sys/firmware/acpi/tables/data/CCEL), LOG tdx_guest's runtime\n"
	"log (/sys/devices/virtual/misc/tdx_guest/rtmr_log). Both are TCG2\n"
	"crypto-agile logs (TCG_PCR_EVENT2 records, MR index 1..4 = RTMR0..3);\n"
	"LOG has no Spec ID event of its own and goes after the CCEL's last\n"
	"event, making the one log a verifier (such as Confidential Containers'\n"
	"trustee) replays. Reading stops at 8 bytes of 0x00 or 0xff, after which\n"
	"only such free space may follow; digest sizes come from the CCEL's Spec\n"
	"ID event (LOG alone: SHA-384); an unknown event type or algorithm, a\n"
	"record past the end, or a LOG record that is not one of the three kinds\n"
	"tdx_guest writes is an error naming its offset.\n"
	"\n"
	"  replay [--ccel CCEL] [--log LOG] [--whole-log] FILE\n"
	"                      replay the log from 48 zero bytes per RTMR (events\n"
	"                      of type EV_NO_ACTION are not extended) and say for\n"
	"                      each RTMR whether FILE's value is reproduced: by the\n"
	"                      CCEL, then by the first K records of LOG (a Quote\n"
	"                      taken while LOG grew holds a prefix of it), or with\n"
	"                      --whole-log by all of them, as a verifier that\n"
	"                      replays the whole log it is given requires. An\n"
	"                      RTMR with a TDXB baseline record in LOG was\n"
	"                      extended before tdx_guest loaded by something no log\n"
	"                      records: replay says so, and whether LOG is\n"
	"                      consistent from the value the baseline gives\n"
	"  log [--json] [--ccel CCEL] [--log LOG]\n"
	"                      print every record: its number and byte offset in\n"
	"                      the log (and in LOG), MR index and register, event\n"
	"                      type, digests, the event (text if printable, else\n"
	"                      hex), for tagged events the tag ID (hex, and its\n"
	"                      four characters) and data, for AAEL events their\n"
	"                      domain, operation and content, and whether the\n"
	"                      digest is SHA-384 of the event: yes, no, n/a\n"
	"                      (EV_NO_ACTION) or digest-only (TDXD records)\n"
	"  extend --rtmr N --tag TAG (--text STRING | --data-file F)\n"
	"                      extend RTMR N (0..3) with an event through\n"
	"                      /dev/tdx_guest (or --device DEV): the driver hashes\n"
	"                      the tagged event made of TAG and the data (at most\n"
	"                      65536 bytes; F may be '-'), extends and appends its\n"
	"                      record to rtmr_log in one step. Prints\n"
	"                      \"log_offset: N\", where the record starts in\n"
	"                      rtmr_log; errors are named by errno (ENOSPC: the\n"
	"                      log is full, nothing extended). TAG is four\n"
	"                      characters (AAEL is 0x4141454c) or 0x and hex\n"
	"                      digits; TDXD and TDXB are tdx_guest's own. AAEL\n"
	"                      data must be \"DOMAIN OPERATION CONTENT\" in UTF-8\n"
	"                      without a line feed, as Confidential Containers'\n"
	"                      attestation agent writes it. --dry-run sends\n"
	"                      nothing and prints the request and the record the\n"
	"                      driver must append for it, in hex\n"
	"\n"
	"Fields, and the inputs that have them:\n";

static const char help_tail[] =
	"\n"
	"Exit status:\n"
	"  0  success (verify: every check passed; replay: every RTMR reproduced)\n"
	"  1  verify: the Quote failed a check; replay: an RTMR is not reproduced;\n"
	"     log: an AAEL event is malformed (trustee refuses such a log)\n"
	"  2  usage error, unreadable file, malformed Quote, TDREPORT or log;\n"
	"     extend: the driver refused the event\n";

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
 * struct option_value - an option of a command, and its value.
 * @name: "--root", "--ccel" and the like.
 * @flag: the option takes no value.
 * @value: set to its argument (to @name for a flag), NULL when absent.
 */
struct option_value {
	const char *name;
	int flag;
	const char *value;
};

/*
 * Parse "--OPT VALUE" (or --OPT=VALUE) for each option of @opts, flags
 * ("--OPT") and, if @path is not NULL, one FILE, in any order. Return: 0,
 * or EXIT_USAGE after saying why.
 */
static int parse_opts(const char *cmd, struct option_value *opts,
		      size_t nr_opts, int argc, char **argv, const char **path)
{
	size_t len, j;
	int i;

	if (path)
		*path = NULL;
	for (i = 0; i < argc; i++) {
		for (j = 0; j < nr_opts; j++) {
			len = strlen(opts[j].name);
			if (strncmp(argv[i], opts[j].name, len))
				continue;
			if (opts[j].flag && !argv[i][len]) {
				opts[j].value = opts[j].name;
				break;
			}
			if (opts[j].flag)
				continue;
			if (!argv[i][len] && i + 1 < argc) {
				opts[j].value = argv[++i];
				break;
			}
			if (!argv[i][len])
				return usage_error("%s: %s needs a value", cmd,
						   argv[i]);
			if (argv[i][len] == '=') {
				opts[j].value = argv[i] + len + 1;
				break;
			}
		}
		if (j < nr_opts)
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			return usage_error("%s: unknown option '%s'", cmd,
					   argv[i]);
		if (!path || *path)
			return usage_error("%s: unexpected argument '%s'", cmd,
					   argv[i]);
		*path = argv[i];
	}
	if (path && !*path)
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
	struct option_value opts[] = { { .name = "--ccel" }, { .name = "--log" },
				       { .name = "--whole-log", .flag = 1 } };
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
		ret = replay(&in, opts[0].value, opts[1].value,
			     !!opts[2].value);
	input_free(&in);
	return ret;
}

static int cmd_log(int argc, char **argv)
{
	struct option_value opts[] = { { .name = "--ccel" }, { .name = "--log" },
				       { .name = "--json", .flag = 1 } };
	struct evlog e;
	int ret;

	ret = parse_opts("log", opts, ARRAY_SIZE(opts), argc, argv, NULL);
	if (ret)
		return ret;
	if (!opts[0].value && !opts[1].value)
		return usage_error("log: expected --ccel CCEL, --log LOG or both");
	ret = logs_load(&e, opts[0].value, opts[1].value);
	if (ret)
		return ret;
	ret = print_log(&e, !!opts[2].value);
	evlog_free(&e);
	return ret;
}

/* "0".."3". Return: 0, or -1 for anything else. */
static int parse_rtmr(const char *s, unsigned int *rtmr)
{
	if (s[0] < '0' || s[0] > '3' || s[1])
		return -1;
	*rtmr = s[0] - '0';
	return 0;
}

static int cmd_extend(int argc, char **argv)
{
	struct option_value opts[] = {
		{ .name = "--rtmr" }, { .name = "--tag" },
		{ .name = "--text" }, { .name = "--data-file" },
		{ .name = "--device" }, { .name = "--dry-run", .flag = 1 } };
	struct tdx_rtmr_event_req req;
	const char *text;
	uint8_t *data = NULL;
	unsigned int rtmr;
	size_t len = 0;
	uint32_t tag;
	int ret;

	ret = parse_opts("extend", opts, ARRAY_SIZE(opts), argc, argv, NULL);
	if (ret)
		return ret;
	text = opts[2].value;
	if (!opts[0].value || parse_rtmr(opts[0].value, &rtmr))
		return usage_error("extend: expected --rtmr 0, 1, 2 or 3");
	if (!opts[1].value || parse_tag(opts[1].value, &tag))
		return usage_error("extend: --tag takes 4 characters or 0x and 1 to 8 hex digits");
	if (!text == !opts[3].value)
		return usage_error("extend: expected one of --text STRING and --data-file FILE");
	if (opts[3].value) {
		ret = read_file(opts[3].value, TDX_RTMR_EVENT_DATA_MAX, &data,
				&len);
		if (ret == -EFBIG)
			return usage_error("extend: %s: more than the %d bytes the driver takes",
					   opts[3].value, TDX_RTMR_EVENT_DATA_MAX);
		if (ret) {
			errmsg("extend: %s: %s", opts[3].value, strerror(-ret));
			return EXIT_USAGE;
		}
	} else {
		len = strlen(text);
	}
	ret = extend_build(&req, rtmr, tag, data ? data : (const uint8_t *)text,
			   len);
	if (!ret)
		ret = extend_event(&req, opts[4].value, !!opts[5].value);
	free(data);
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
	if (!strcmp(argv[1], "log"))
		return cmd_log(argc - 2, argv + 2);
	if (!strcmp(argv[1], "extend"))
		return cmd_extend(argc - 2, argv + 2);
	return usage_error("unknown command '%s'", argv[1]);
}
