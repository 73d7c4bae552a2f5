# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test for tests/vm/batch: a script that passes; the
# self-tests run copies of it beside scripts that fail, WARN, panic or
# leak, and each copy must still pass.

# Only batch-append.sh's boot has its command line.
! grep -qw 'tdxvm.selftest=1' /proc/cmdline || { echo "appended here too"; exit 1; }
echo "batch-pass: ok"
