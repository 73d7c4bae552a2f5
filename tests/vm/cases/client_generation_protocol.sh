# SPDX-License-Identifier: GPL-2.0
# The protocol attestation clients follow (go-configfs-tsm, Intel DCAP,
# Confidential Containers), step by step: read generation, write inblob,
# wait for generation + 1, read outblob, check generation did not move,
# rmdir. Several rounds in one directory (DCAP keeps one), and one fresh
# directory per quote (Confidential Containers: generation must be 1).
set -eu
. /test/lib.sh

# client_round DIR - one attestation as the clients do it.
client_round()
{
	_gen=$(cat "$1/generation")
	make_nonce /tmp/cn
	assert_eq 0 "$(write_errno "$1/inblob" /tmp/cn)" "inblob write"
	_want=$((_gen + 1))
	_tries=100
	while [ "$(cat "$1/generation")" != "$_want" ]; do
		_tries=$((_tries - 1))
		[ "$_tries" -gt 0 ] || fail "generation never reached $_want"
		usleep 10000
	done
	cat "$1/outblob" > /tmp/cq || fail "outblob read"
	assert_eq "$_want" "$(cat "$1/generation")" "generation after the read (go-configfs-tsm re-checks it)"
	assert_eq "$(hex_of /tmp/cn)" "$(tdx-quote field /tmp/cq reportdata)" "REPORTDATA"
	[ "$(size_of /tmp/cq)" -lt 8192 ] || fail "DCAP reads outblob into 8 KiB"
}

# DCAP: one long-lived directory.
d=$(new_report_dir dcap)
printf 'tdx_guest\n' > /tmp/p
cmp -s /tmp/p "$d/provider" || fail "provider"
for round in 1 2 3; do
	client_round "$d"
done
assert_eq 3 "$(cat "$d/generation")" "generation after three rounds"
rmdir "$d"

# Confidential Containers: a fresh directory per quote.
for round in 1 2; do
	d=$(new_report_dir "coco$round")
	client_round "$d"
	assert_eq 1 "$(cat "$d/generation")" "generation in a fresh directory"
	rmdir "$d"
done
[ -z "$(ls "$TSM_REPORT_ROOT")" ] || fail "report directories left behind"
