# SPDX-License-Identifier: GPL-2.0
# A TDX 1.5 platform end to end: tdx_guest_emu tdreport_version=1 reports
# as TDX module 1.5 (TDREPORT version 1, TEE_TCB_SVN2, SERVTD_HASH), and
# tdx-qgs-emu --quote-version 5 --pad-to 8000 turns that into a Quote v5
# with a TD 1.5 body (type 3, 648 bytes) in a zero-padded buffer, as real
# machines return it. tdx-quote verifies the buffers as they come, v5 and
# padded v4 alike. Bad parameters refuse the load.
set -eu
. /test/lib.sh

bytes()	# FILE OFFSET LENGTH: lowercase hex on one line
{
	dd if="$1" bs=1 skip="$2" count="$3" 2>/dev/null | od -An -v -tx1 | tr -d ' \n'
}

ROOT=$TEST_KEYS/test-root-ca.pem
G=/test/extra/get-report0
EMU=$PROJECT_MODDIR/tdx_guest_emu.ko
servtd=$(printf '5a%.0s' $(seq 48))

platform_down
expect_cmd_errno EINVAL insmod "$EMU" tdreport_version=2
expect_cmd_errno EINVAL insmod "$EMU" mrservicetd="$servtd"
expect_cmd_errno EINVAL insmod "$EMU" tdreport_version=1 mrservicetd=5a

load_module "$EMU" tdreport_version=1 mrservicetd="$servtd"
load_module "$PROJECT_MODDIR/tdx_guest.ko"
qgs_start --quote-version 5 --pad-to 8000

# The TDREPORT is a TDX module 1.5 one.
make_nonce /tmp/rd
assert_eq ok "$($G /tmp/rd /tmp/tdreport)" "GET_REPORT0"
assert_eq 810001 "$(bytes /tmp/tdreport 0 3)" "REPORTTYPE: TDX, subtype 0, version 1"
svn2=$(bytes /tmp/tdreport $((256 + 128)) 16)
assert_eq 050103 "$(printf '%.6s' "$svn2")" "TEE_TCB_SVN2 in TEE_TCB_INFO"
assert_eq "$servtd" "$(bytes /tmp/tdreport 912 48)" "SERVTD_HASH in TDINFO"

# Its Quote: v5, TD 1.5 body, padded to 8000 bytes.
d=$(new_report_dir)
arm_report "$d"
cat "$d/outblob" > /tmp/v5
assert_eq 8000 "$(size_of /tmp/v5)" "outblob size"
assert_eq 0500 "$(bytes /tmp/v5 0 2)" "Quote version 5"
assert_eq 030088020000 "$(bytes /tmp/v5 48 6)" "body descriptor: type 3, 648 bytes"
assert_eq "$(hex_of "$TDX_MEASUREMENTS/mrtd:sha384")" "$(bytes /tmp/v5 $((54 + 136)) 48)" "MRTD"
assert_eq "$(hex_of /tmp/nonce)" "$(bytes /tmp/v5 $((54 + 520)) 64)" "REPORTDATA"
assert_eq "$svn2" "$(bytes /tmp/v5 $((54 + 584)) 16)" "TEE_TCB_SVN2"
assert_eq "$servtd" "$(bytes /tmp/v5 $((54 + 600)) 48)" "MRSERVICETD"
tdx-quote verify --root "$ROOT" /tmp/v5 > /tmp/verify ||
	{ cat /tmp/verify >&2; fail "padded Quote v5 does not verify"; }
assert_eq verified "$(tail -n 1 /tmp/verify)" "verdict on the padded Quote v5"

# Quote v4 of the same platform, padded: verified as it comes.
qgs_stop
qgs_start --pad-to 8000
d=$(new_report_dir)
arm_report "$d"
cat "$d/outblob" > /tmp/v4
assert_eq 8000 "$(size_of /tmp/v4)" "outblob size (v4)"
assert_eq 0400 "$(bytes /tmp/v4 0 2)" "Quote version 4"
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/v4 reportdata)" "REPORTDATA (v4)"
tdx-quote verify --root "$ROOT" /tmp/v4 > /tmp/verify ||
	{ cat /tmp/verify >&2; fail "padded Quote v4 does not verify"; }
assert_eq verified "$(tail -n 1 /tmp/verify)" "verdict on the padded Quote v4"
