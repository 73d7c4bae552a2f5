# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test for tests/vm/batch: leave behind what the reset
# between two scripts must undo; batch-clean.sh, next in the batch, checks
# that none of it is left.  Needs a second CPU (the harness boots two).

set -eu
. /test/lib.sh

# A process that would outlive the script, in a session of its own.
setsid sleep 100000 < /dev/null > /dev/null 2>&1 &
echo leftover > /tmp/batch-leftover
echo leftover > /run/batch-leftover
echo 0 > /sys/devices/system/cpu/cpu1/online
note "batch-leave: a line for this script's dmesg only"
if [ "$TDXVM_PLATFORM" = 1 ]; then
	new_report_dir batch-leftover > /dev/null
	echo 12345 > /sys/module/tdx_guest/parameters/quote_timeout_ms
fi
echo "batch-leave: left its things"
