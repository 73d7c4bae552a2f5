# SPDX-License-Identifier: GPL-2.0
#
# Run by tests/check on the debug kernel, with the platform, and expected
# to FAIL with status 3: it leaks 200 bytes on purpose through the
# emulator's leak_bytes knob, and the harness must find kmemleak's report
# in the kernel log. The script itself succeeds.

set -eu
. /test/lib.sh

[ -w /sys/kernel/debug/kmemleak ] || fail "this kernel has no kmemleak"
# In a child that then exits: a stale copy of the pointer on a live
# task's stack would hide the leak from kmemleak.
sh -c 'echo 200 > /sys/kernel/debug/tdx_guest_emu/leak_bytes'
echo "debug-leak: leaked 200 bytes"
