# SPDX-License-Identifier: GPL-2.0
# The whole attestation flow as a client drives it: a fresh report
# directory, a 64-byte nonce, the provider name, the generation, and a
# Quote v4 whose REPORTDATA is the nonce and whose chain verifies.
set -eu
. /test/lib.sh

dir=$(new_report_dir)

# Only what TDX honours is visible.
assert_eq "generation inblob outblob provider" \
	"$(cd "$dir" && for f in generation inblob outblob provider; do [ -e "$f" ] && printf '%s ' "$f"; done | sed 's/ $//')" \
	"visible attributes"
for hidden in auxblob manifestblob privlevel privlevel_floor service_provider service_guid service_manifest_version; do
	[ ! -e "$dir/$hidden" ] || fail "$hidden should be hidden"
done

# go-tdx-guest compares these bytes exactly.
printf 'tdx_guest\n' > /tmp/expect_provider
cmp -s /tmp/expect_provider "$dir/provider" || fail "provider is not 'tdx_guest\\n'"

assert_eq 0 "$(cat "$dir/generation")" "generation before any write"
make_nonce /tmp/nonce
assert_eq 0 "$(write_errno "$dir/inblob" /tmp/nonce)" "64-byte inblob write"
assert_eq 1 "$(cat "$dir/generation")" "generation after one write"

cat "$dir/outblob" > /tmp/quote
size=$(size_of /tmp/quote)
[ "$size" -gt 1024 ] && [ "$size" -lt 8192 ] || fail "quote size $size is not a realistic ECDSA quote"
assert_eq 1 "$(cat "$dir/generation")" "generation after the read"

tdx-quote decode /tmp/quote > /tmp/decoded || fail "decode failed"
grep -q '^version: 4$' /tmp/decoded || fail "not a version 4 quote"
grep -q '^tee_type: 0x81$' /tmp/decoded || fail "not a TDX quote"
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/quote reportdata)" "REPORTDATA"
assert_eq 96 "$(tdx-quote field /tmp/quote mrtd | tr -d '\n' | wc -c)" "MRTD length"
tdx-quote verify --root "$TEST_KEYS/test-root-ca.pem" /tmp/quote || fail "quote does not verify"

# The emulated TD is a debug TD: no real verifier policy accepts it.
grep -q '^debug: yes$' /tmp/decoded || fail "emulated quote must say DEBUG"
note "quote of $size bytes verified"
