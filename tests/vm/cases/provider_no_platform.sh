# SPDX-License-Identifier: GPL-2.0
# Without TDX and without the emulated platform the provider refuses to
# load, with ENODEV and a log line that says why.
set -eu
. /test/lib.sh

platform_down
expect_cmd_errno ENODEV insmod "$PROJECT_MODDIR/tdx_guest.ko"
dmesg | grep -q "not a TDX guest, and no emulated platform" ||
	fail "no log line explains the refusal"
platform_up
