# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test, run without --no-platform: init brought the emulated
# platform up before the script started, as tests/vm/README promises.
# Run by selftest/run only when the project's modules and tools are built.

set -eu
. /test/lib.sh

assert_eq 1 "$TDXVM_PLATFORM" "TDXVM_PLATFORM"
for m in tdx_guest_emu tdx_guest; do
	[ -d "/sys/module/$m" ] || fail "$m is not loaded"
done
[ -e "$QGS_READY_FILE" ] || fail "$QGS_READY_FILE missing"
kill -0 "$(cat "$QGS_PID_FILE")" || fail "tdx-qgs-emu is not running"
[ -f "$TEST_KEYS/test-root-ca.pem" ] || [ -n "$(ls "$TEST_KEYS")" ] ||
	fail "no test keys in $TEST_KEYS"

dir=$(new_report_dir)
assert_eq tdx_guest "$(cat "$dir/provider")" "provider"
rmdir "$dir"

# platform_down and platform_up bring it down and back, for scripts that
# need a fresh platform.
platform_down
[ ! -d /sys/module/tdx_guest ] || fail "platform_down left tdx_guest loaded"
platform_up
[ -d /sys/module/tdx_guest ] || fail "platform_up did not load tdx_guest"

note "platform: ok"
