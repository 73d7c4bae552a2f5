# SPDX-License-Identifier: GPL-2.0
# Each final status the host can publish maps to its own errno, and the
# next request after a failure succeeds with the right REPORTDATA.
set -eu
. /test/lib.sh

F=/sys/kernel/debug/tdx_guest_emu

# fresh_quote_ok - a new request succeeds and carries its own nonce.
fresh_quote_ok()
{
	_d=$(new_report_dir)
	make_nonce /tmp/ok
	write_errno "$_d/inblob" /tmp/ok > /dev/null
	cat "$_d/outblob" > /tmp/okq || fail "request after $1 failed"
	assert_eq "$(hex_of /tmp/ok)" "$(tdx-quote field /tmp/okq reportdata)" "REPORTDATA after $1"
	rmdir "$_d"
}

# expect_status STATUS ERRNO - inject STATUS and expect ERRNO on outblob.
expect_status()
{
	_d=$(new_report_dir)
	make_nonce /tmp/n
	write_errno "$_d/inblob" /tmp/n > /dev/null
	echo "$1" > "$F/quote_status"
	expect_errno "$2" "$_d/outblob"
	assert_eq 0x0000000000000000 "$(cat "$F/quote_status")" "quote_status resets after use"
	rmdir "$_d"
	fresh_quote_ok "status $1"
}

expect_status 0x8000000000000000 EIO
expect_status 0x8000000000000001 ECONNREFUSED
expect_status 0x8000000000000007 EPROTO
expect_status 0x0000000000001234 EPROTO

# An out_len larger than the buffer is refused, never copied.
d=$(new_report_dir)
make_nonce /tmp/n
write_errno "$d/inblob" /tmp/n > /dev/null
echo 1 > "$F/quote_oversize"
expect_errno EFBIG "$d/outblob"
assert_eq 0 "$(cat "$F/quote_oversize")" "quote_oversize resets after use"
fresh_quote_ok "oversize"
