# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test, run with --kernel debug --no-platform: the debug
# kernel boots with 4-level paging (no5lvl), because in 5-level mode a
# KASAN check that runs while identify_cpu() has the feature bits cleared
# reports a valid direct-map address as wild (see qemu_command in run).

set -eu
. /test/lib.sh

assert_eq debug "$TDXVM_KERNEL" "TDXVM_KERNEL"
grep -qw no5lvl /proc/cmdline || fail "no5lvl missing from $(cat /proc/cmdline)"
! grep -qw la57 /proc/cpuinfo || fail "the debug kernel runs with 5-level paging"
echo "debug-paging: ok"
