# SPDX-License-Identifier: GPL-2.0
# Every interface at once, at random, for two minutes: four processes
# create and remove report directories, write inblobs of random lengths,
# read outblobs, extend RTMRs with good and bad sizes, read measurement
# registers, issue TDX_CMD_GET_REPORT0, change quote_timeout_ms and the
# emulated platform's fault knobs, while a handled signal hits one of
# them every 300 us. Every result must be an outcome Documentation/ABI
# documents for that operation (tests/vm/helpers/stress.c prints the
# counts of each). Afterwards the next Quote is valid and carries its
# nonce, the runtime measurement log replays exactly to the final
# registers, and the modules unload (the harness then checks the kernel
# log for lockdep, KASAN, KFENCE, kmemleak, WARN and BUG reports; a leaked
# buffer is a kmemleak report).
set -eu
. /test/lib.sh

K=/sys/kernel/debug/tdx_guest_emu
P=/sys/module/tdx_guest/parameters/quote_timeout_ms
M=$TDX_MEASUREMENTS

note "stress: 120 s, 4 workers, signal storm"
/test/extra/stress 120 4 || fail "undocumented outcomes (marked above)"

# Calm: no faults, the default timeout, no directory left behind.
for k in quote_delay_us quote_status vmcall_retry report_busy quote_oversize; do
	echo 0 > "$K/$k"
done
echo 30000 > "$P"
for d in "$TSM_REPORT_ROOT"/stress*; do
	[ ! -d "$d" ] || rmdir "$d" || fail "rmdir $d"
done

# The next Quote is valid. Buffers quarantined during the run were
# completed by the host (no hang was injected), so one is free.
d=$(new_report_dir)
arm_report "$d"
cat "$d/outblob" > /tmp/quote || fail "no Quote after the stress"
tdx-quote verify --root "$TEST_KEYS/test-root-ca.pem" /tmp/quote > /tmp/verify ||
	{ cat /tmp/verify; fail "the Quote after the stress does not verify"; }
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/quote reportdata)" "REPORTDATA"
rmdir "$d"

# The firmware's log and the runtime log, all of it, replay to exactly
# these registers: nothing missing, nothing extra.
cat /sys/devices/virtual/misc/tdx_guest/rtmr_log > /tmp/log
# shellcheck disable=SC2046 # ccel_opt is an option and its file, or nothing
tdx-quote replay $(ccel_opt) --log /tmp/log --whole-log /tmp/quote > /tmp/replay ||
	{ cat /tmp/replay; fail "the logs do not replay to the Quote's RTMRs"; }
records=$(/test/extra/rtmr-log-dump /tmp/log | wc -l)
for i in 0 1 2 3; do
	assert_eq "$(tdx-quote field /tmp/quote "rtmr$i")" "$(hex_of "$M/rtmr$i:sha384")" "rtmr$i"
done
note "after the stress: a valid Quote, and $records extends that replay to it"

# Everything the run allocated goes with the modules.
platform_down
