# SPDX-License-Identifier: GPL-2.0
# tdxvm: append=tdxvm.selftest=1
#
# Harness self-test for tests/vm/batch: the directive above puts its
# words on the kernel command line of this script's boot, and of no
# other's (batch-pass.sh checks that it has none).

grep -qw 'tdxvm.selftest=1' /proc/cmdline || { echo "not appended: $(cat /proc/cmdline)"; exit 1; }
echo "batch-append: ok"
