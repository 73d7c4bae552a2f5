// SPDX-License-Identifier: GPL-2.0
/*
 * tdx-quote: inspect and verify Intel TDX Quotes (v4) and TDREPORTs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../common/util.h"
#include "fields.h"
#include "tdx_quote.h"

static const char help_head[] =
	"Usage: tdx-quote decode [--json] FILE\n"
	"       tdx-quote field FILE NAME\n"
	"       tdx-quote verify --root ROOT.pem FILE\n"
	"       tdx-quote replay --log LOG FILE\n"
	"       tdx-quote --help\n"
	"\n"
	"Inspect and verify Intel TDX Quotes (version 4, ECDSA-P256) and raw\n"
	"1024-byte TDREPORTs. FILE may be '-' for standard input, or a\n"
	"configfs-tsm outblob. The format is detected: a 1024-byte file starting\n"
	"with 0x81 is a TDREPORT, one starting with the 16-bit little-endian\n"
	"version 4 a Quote.\n"
	"\n"
	"Commands:\n"
	"  decode FILE         print every field as \"name: value\", byte fields\n"
	"                      in hex; for a Quote also the signature data, the\n"
	"                      QE report and the subject CN of each certificate\n"
	"  decode --json FILE  the same fields as one flat JSON object\n"
	"  field FILE NAME     print one field's value alone, for scripts: hex\n"
	"                      for byte fields, decimal for version, 0x.. for\n"
	"                      tee_type\n"
	"  verify --root ROOT.pem FILE\n"
	"                      check a Quote: lengths, the Quote signature by the\n"
	"                      attestation key, the QE report's binding of that\n"
	"                      key, the QE report signature by the PCK\n"
	"                      certificate, and the PCK chain up to ROOT.pem, the\n"
	"                      only trust anchor. One line per check (\"ok: ...\"\n"
	"                      or \"FAIL: ...\"), then \"verified\" or\n"
	"                      \"verification failed\". Policy (TCB level,\n"
	"                      measurements) is left to the caller.\n"
	"  replay --log LOG FILE\n"
	"                      check that FILE's RTMR0-3 are the baselines of\n"
	"                      tdx_guest's runtime measurement log LOG (read from\n"
	"                      /sys/devices/virtual/misc/tdx_guest/rtmr_log)\n"
	"                      extended by some prefix of its records\n"
	"\n"
	"Fields, and the formats that have them:\n";

static const char help_tail[] =
	"\n"
	"Exit status:\n"
	"  0  success (verify: every check passed; replay: a prefix matched)\n"
	"  1  verify: the Quote failed a check; replay: no prefix matched\n"
	"  2  usage error, unreadable file, malformed Quote, TDREPORT or log\n";

static void print_help(FILE *f)
{
	int in_quote, in_report;
	size_t i;

	fputs(help_head, f);
	for (i = 0; i < nr_fields; i++) {
		in_quote = !!field_loc(&fields[i], FORMAT_QUOTE_V4);
		in_report = !!field_loc(&fields[i], FORMAT_TDREPORT);
		fprintf(f, "  %-18s %s\n", fields[i].name,
			in_quote && in_report ? "Quote, TDREPORT" :
			in_quote ? "Quote" : "TDREPORT");
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

/**
 * input_load() - read a Quote or TDREPORT and detect which it is.
 * @in: filled in; release with input_free().
 * @path: file name, or "-" for standard input.
 *
 * Return: 0, or EXIT_USAGE after reporting the problem.
 */
int input_load(struct input *in, const char *path)
{
	int err;

	memset(in, 0, sizeof(*in));
	in->path = path;
	err = read_file(path, TOOLS_MAX_FILE_SIZE, &in->buf, &in->len);
	if (err) {
		errmsg("%s: %s", path, strerror(-err));
		return EXIT_USAGE;
	}
	in->fmt = detect_format(in->buf, in->len);
	if (in->fmt == FORMAT_UNKNOWN) {
		errmsg("%s: neither a TDREPORT (1024 bytes, type 0x81) nor a Quote v4 (%zu bytes)",
		       path, in->len);
		return EXIT_USAGE;
	}
	return 0;
}

/**
 * input_check() - is the input a well-formed Quote or TDREPORT throughout?
 * @in: a loaded input.
 *
 * Return: 0, or EXIT_USAGE after saying what is wrong.
 */
int input_check(const struct input *in)
{
	struct quote_view v;
	char err[128];

	if (in->fmt == FORMAT_QUOTE_V4 && quote_parse(&v, in->buf, in->len)) {
		errmsg("%s: malformed quote: %s", in->path, v.error);
		return EXIT_USAGE;
	}
	if (in->fmt == FORMAT_TDREPORT &&
	    tdreport_check(in->buf, in->len, err, sizeof(err))) {
		errmsg("%s: %s", in->path, err);
		return EXIT_USAGE;
	}
	return 0;
}

void input_free(struct input *in)
{
	free(in->buf);
	in->buf = NULL;
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

/*
 * Parse "--OPT VALUE FILE" in any order (also --OPT=VALUE), as verify and
 * replay take them. Return: 0, or EXIT_USAGE after saying why.
 */
static int parse_opt_file(const char *cmd, const char *opt, int argc,
			  char **argv, const char **value, const char **path)
{
	size_t opt_len = strlen(opt);
	int i;

	*value = NULL;
	*path = NULL;
	for (i = 0; i < argc; i++) {
		if (!strcmp(argv[i], opt) && i + 1 < argc)
			*value = argv[++i];
		else if (!strncmp(argv[i], opt, opt_len) &&
			 argv[i][opt_len] == '=')
			*value = argv[i] + opt_len + 1;
		else if (argv[i][0] == '-' && argv[i][1])
			return usage_error("%s: unknown option '%s'", cmd,
					   argv[i]);
		else if (*path)
			return usage_error("%s: unexpected argument '%s'", cmd,
					   argv[i]);
		else
			*path = argv[i];
	}
	if (!*value || !*path)
		return usage_error("%s: expected %s %s FILE", cmd, opt,
				   !strcmp(opt, "--root") ? "ROOT.pem" : "LOG");
	return 0;
}

static int cmd_verify(int argc, char **argv)
{
	const char *root, *path;
	struct input in;
	int ret;

	ret = parse_opt_file("verify", "--root", argc, argv, &root, &path);
	if (ret)
		return ret;
	ret = input_load(&in, path);
	if (!ret)
		ret = verify(&in, root);
	input_free(&in);
	return ret;
}

static int cmd_replay(int argc, char **argv)
{
	const char *log, *path;
	struct input in;
	int ret;

	ret = parse_opt_file("replay", "--log", argc, argv, &log, &path);
	if (ret)
		return ret;
	ret = input_load(&in, path);
	if (!ret)
		ret = replay(&in, log);
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
