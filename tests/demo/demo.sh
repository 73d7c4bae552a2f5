# SPDX-License-Identifier: GPL-2.0
# Guest script for `make demo`: one attestation, step by step, the way a
# person would do it at a shell.
set -eu
. /test/lib.sh

R=/sys/kernel/config/tsm/report
step()
{
	printf '\n\033[1m==> %s\033[0m\n' "$*"
}
show()
{
	printf '    $ %s\n' "$*"
	sh -c "$*" 2>&1 | sed 's/^/    /'
}

step "This VM runs Debian's $(uname -r) kernel with the emulated TDX platform"
show "lsmod | grep -E '^(tdx_guest|tdx_guest_emu|tsm|configfs) '"

step "Create a report directory"
show "mkdir $R/r0"
show "ls $R/r0"

step "The provider, as clients check it"
show "cat $R/r0/provider"
show "cat $R/r0/generation"

step "Write a 64-byte nonce to inblob (it becomes REPORTDATA)"
head -c 64 /dev/urandom > /tmp/nonce.bin
show "od -An -tx1 -v /tmp/nonce.bin | head -n 2"
show "cat /tmp/nonce.bin > $R/r0/inblob"
show "cat $R/r0/generation"

step "Read outblob: TDG.MR.REPORT, then GetQuote through the host's quote service"
show "cat $R/r0/outblob > /tmp/quote.bin"
show "wc -c < /tmp/quote.bin"
show "cat $R/r0/generation"

step "Decode the Quote"
show "tdx-quote decode /tmp/quote.bin"

step "REPORTDATA in the Quote equals the nonce"
nonce=$(hex_of /tmp/nonce.bin)
rd=$(tdx-quote field /tmp/quote.bin reportdata)
printf '    nonce:      %s\n    reportdata: %s\n' "$nonce" "$rd"
[ "$nonce" = "$rd" ] || fail "REPORTDATA differs from the nonce"
echo "    match"

step "Verify the signature chain against the test root CA"
show "tdx-quote verify --root $TEST_KEYS/test-root-ca.pem /tmp/quote.bin"
tdx-quote verify --root "$TEST_KEYS/test-root-ca.pem" /tmp/quote.bin > /dev/null

step "Done. The TD is marked DEBUG: emulated quotes prove nothing to a real verifier."
