/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tdx-quote: commands and their shared input handling.
 */
#ifndef TDX_QUOTE_H
#define TDX_QUOTE_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <openssl/x509.h>

#include <tdx-guest/rtmr_log.h>

#include "../common/evlog.h"
#include "../common/parse.h"
#include "fields.h"

#define EXIT_OK			0
#define EXIT_NOT_VERIFIED	1
#define EXIT_USAGE		2	/* also bad input and I/O errors */

/**
 * struct input - a file given on the command line.
 * @path: its name.
 * @buf: its bytes.
 * @len: bytes of @buf.
 * @fmt: what it looks like.
 */
struct input {
	const char *path;
	uint8_t *buf;
	size_t len;
	enum input_format fmt;
};

int input_load(struct input *in, const char *path);
int input_check(const struct input *in);
void input_layout(const struct input *in, struct field_layout *l);
void input_free(struct input *in);

int decode(const struct input *in, int json);
int print_field(const struct input *in, const char *name);
int verify(const struct input *in, const char *root_path, const time_t *at);
X509 *default_anchor(char *path, size_t pathlen);
int replay(const struct input *in, const char *ccel_path,
	   const char *log_path, int whole);
int replay_log(const struct input *in, const struct evlog *e, int whole);
int logs_load(struct evlog *e, const char *ccel_path, const char *log_path);
int print_log(const struct evlog *e, int json);
int parse_tag(const char *s, uint32_t *tag);
int extend_build(struct tdx_rtmr_event_req *req, unsigned int rtmr,
		 uint32_t tag, const uint8_t *data, size_t len);
int extend_event(struct tdx_rtmr_event_req *req, const char *device,
		 int dry_run);

#endif /* TDX_QUOTE_H */
