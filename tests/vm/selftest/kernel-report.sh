# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test: a kernel report in the log fails the run (status 3)
# although the script passes.  A stock kernel has no clean way to WARN on
# demand, so the report is written to the kernel log the way WARN() would
# print its first line.

echo "<4>WARNING: CPU: 0 PID: 1 at tests/vm/selftest/kernel-report.sh:1 selftest" > /dev/kmsg
exit 0
