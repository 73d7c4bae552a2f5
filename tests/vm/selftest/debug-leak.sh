# SPDX-License-Identifier: GPL-2.0
#
# Run by tests/check on the debug kernel, with the platform, and expected
# to FAIL with status 3: it leaks 200 bytes on purpose through the
# emulator's leak_bytes knob, three times, and the harness must find
# kmemleak's report in the kernel log. The script itself succeeds.
#
# Three leaks, because kmemleak misses one now and then: an object KFENCE
# happened to serve (one allocation every 100 ms; more of them in a guest
# slowed down by a busy host) is pointed to by KFENCE's own metadata,
# which kmemleak scans. Missing all three is far less likely.

set -eu
. /test/lib.sh

[ -w /sys/kernel/debug/kmemleak ] || fail "this kernel has no kmemleak"
# Each in a child that then exits: a stale copy of the pointer on a live
# task's stack would hide the leak from kmemleak.
for i in 1 2 3; do
	sh -c 'echo 200 > /sys/kernel/debug/tdx_guest_emu/leak_bytes'
	echo "debug-leak: leaked 200 bytes"
done
