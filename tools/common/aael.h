/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Events of Confidential Containers' attestation agent event log (AAEL):
 * the data of a tagged event with ID "AAEL", "DOMAIN OPERATION CONTENT".
 */
#ifndef TOOLS_COMMON_AAEL_H
#define TOOLS_COMMON_AAEL_H

#include <stddef.h>
#include <stdint.h>

/**
 * struct aael_entry - the three fields of an AAEL event, in its data.
 * @domain: the event's domain, up to the first space.
 * @domain_len: its bytes.
 * @operation: up to the second space.
 * @operation_len: its bytes.
 * @content: the rest.
 * @content_len: its bytes.
 */
struct aael_entry {
	const uint8_t *domain;
	size_t domain_len;
	const uint8_t *operation;
	size_t operation_len;
	const uint8_t *content;
	size_t content_len;
};

const char *aael_parse(const uint8_t *data, size_t len, struct aael_entry *e);
int is_utf8(const uint8_t *s, size_t len);

#endif /* TOOLS_COMMON_AAEL_H */
