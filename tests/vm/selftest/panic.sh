# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test: a kernel panic ends the run at once with status 125
# (the guest died without the end marker), not at the timeout.

echo "triggering a crash"
echo c > /proc/sysrq-trigger
sleep 100000
