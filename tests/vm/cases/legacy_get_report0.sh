# SPDX-License-Identifier: GPL-2.0
# TDX_CMD_GET_REPORT0 on /dev/tdx_guest, as Intel DCAP issues it before
# reading a Quote through configfs: a TDREPORT with the caller's
# REPORTDATA and the current RTMRs; any other request is ENOTTY.
set -eu
. /test/lib.sh

G=/test/extra/get-report0
assert_eq "crw-------" "$(ls -l /dev/tdx_guest | cut -c1-10)" "/dev/tdx_guest mode"

make_nonce /tmp/rd
assert_eq ok "$($G /tmp/rd /tmp/tdreport)" "GET_REPORT0"
assert_eq 1024 "$(size_of /tmp/tdreport)" "TDREPORT size"
assert_eq "$(hex_of /tmp/rd)" "$(tdx-quote field /tmp/tdreport reportdata)" "REPORTDATA"
assert_eq "$(hex_of "$TDX_MEASUREMENTS/mrtd:sha384")" "$(tdx-quote field /tmp/tdreport mrtd)" "MRTD"

# An extend shows in the next report.
head -c 48 /dev/urandom > /tmp/d
write_errno "$TDX_MEASUREMENTS/rtmr3:sha384" /tmp/d > /dev/null
assert_eq ok "$($G /tmp/rd /tmp/tdreport2)" "GET_REPORT0 after an extend"
assert_eq "$(hex_of "$TDX_MEASUREMENTS/rtmr3:sha384")" "$(tdx-quote field /tmp/tdreport2 rtmr3)" "RTMR3"

assert_eq ENOTTY "$($G --bad-ioctl 2>/dev/null || true)" "unknown ioctl"
