# SPDX-License-Identifier: GPL-2.0
# Benchmark, run in the guest by tests/bench/run (through tests/vm/run):
# quote latency and report throughput on tdx_guest, completed by the
# host's interrupt and by polling side by side; RTMR extends per second
# and quote latency while extends run; then the throughput floor on the
# null provider, all in this one boot.
#
#   guest.sh [SAMPLES [SLOW_SAMPLES [SECONDS [TRACE_SAMPLES [TRACE_SLOW
#            [EXTEND_SECONDS [EXTEND_SAMPLES]]]]]]]
#
# SAMPLES requests per service delay of 0, 1, 5, 10 and 100 ms, SLOW_SAMPLES
# for 1000 ms; SECONDS per throughput point; TRACE_* the same for the
# traced latency pass (0 skips it); EXTEND_SECONDS per extend-rate point
# (0 skips the extend part), EXTEND_SAMPLES requests per service time
# while extends run. Results are JSON lines on stdout.
set -eu
. /test/lib.sh

SAMPLES=${1:-15}
SLOW_SAMPLES=${2:-5}
SECONDS_PER_POINT=${3:-10}
TRACE_SAMPLES=${4:-10}
TRACE_SLOW=${5:-3}
EXTEND_SECONDS=${6:-5}
EXTEND_SAMPLES=${7:-40}

BENCH=/test/extra/tdx-bench
NULL_KO=/test/extra/tdx_null_provider.ko
DELAYS=0,1,5,10,100,1000
# Throughput at no service time, and at 5 ms, about what Intel measured
# GetQuote to take on Granite Rapids.
TPUT_DELAYS_MS="0 5"
PARAMS=/sys/module/tdx_guest/parameters
# The extend part reloads tdx_guest with the largest log it can have (64
# MiB) before each point, so that every point starts with an empty log;
# tdx-bench also stops a point once the log has no room left.
EXTEND_LOG_KIB=65536
# Events of about what an agent measuring a container layer logs, and of
# a page; quote latency is measured with the small ones.
EXTEND_EVENT_BYTES="100 4096"
EXTEND_LATENCY_BYTES=100
EXTEND_THREADS="1 4"
# N:extenders, or N:spinners (threads that take a CPU and extend nothing).
EXTEND_LOADS="0:extenders 1:extenders 4:extenders 4:spinners"
EXTEND_DELAYS_MS="0 5"

[ -x "$BENCH" ] || fail "no $BENCH: run tests/bench/run, not this script"
[ -f "$NULL_KO" ] || fail "no $NULL_KO"
[ "$(cat /sys/module/tdx_guest/initstate 2>/dev/null)" = live ] ||
	fail "tdx_guest is not loaded"

# tracefs, for the traced pass (debugfs is mounted already).
tracefs=/sys/kernel/tracing
if [ ! -e "$tracefs/kprobe_events" ]; then
	mount -t tracefs nodev "$tracefs" 2>/dev/null ||
		note "cannot mount tracefs: no traced pass"
fi

# completion MODE - wait for GetQuote by "interrupt" or "poll" from now
# on, and say so in the output: report.py files every later result under
# it.
completion()
{
	case $1 in
	interrupt)
		echo auto > "$PARAMS/quote_notify"
		case "$(cat "$PARAMS/quote_completion")" in
		interrupt*) ;;
		*) fail "no interrupt: $(cat "$PARAMS/quote_completion")" ;;
		esac ;;
	poll) echo poll > "$PARAMS/quote_notify" ;;
	esac
	printf '{"kind":"context","mode":"%s"}\n' "$1"
}

# remove_report_dirs - configfs-tsm of 6.12.117 will not register a
# provider while report directories exist, so none may be left.
remove_report_dirs()
{
	for d in "$TSM_REPORT_ROOT"/*; do
		if [ -d "$d" ]; then
			rmdir "$d" || fail "rmdir $d"
		fi
	done
}

# fresh_provider - tdx_guest loaded again with an empty log of
# EXTEND_LOG_KIB, completing by interrupt.
fresh_provider()
{
	remove_report_dirs
	rmmod tdx_guest || fail "rmmod tdx_guest"
	load_module "$PROJECT_MODDIR/tdx_guest.ko" "rtmr_log_kib=$EXTEND_LOG_KIB"
	assert_eq "$EXTEND_LOG_KIB" "$(cat "$PARAMS/rtmr_log_kib")" "rtmr_log_kib"
	completion interrupt
}

MODES="interrupt poll"
SAMPLE_LIST="$SAMPLES,$SAMPLES,$SAMPLES,$SAMPLES,$SAMPLES,$SLOW_SAMPLES"
TRACE_LIST="$TRACE_SAMPLES,$TRACE_SAMPLES,$TRACE_SAMPLES,$TRACE_SAMPLES,$TRACE_SAMPLES,$TRACE_SLOW"

qgs_pid=$(cat "$QGS_PID_FILE")
"$BENCH" info
# The unit price of polling here: CPU per hrtimer sleep/wake cycle.
"$BENCH" sleepcost --interval-us 20,1000,20000 --count 300

for mode in $MODES; do
	completion "$mode"
	note "bench: latency on tdx_guest ($mode)"
	"$BENCH" latency --delays-ms "$DELAYS" --samples "$SAMPLE_LIST" \
		--qgs-pid "$qgs_pid" || fail "latency run failed ($mode)"
done

if [ "$TRACE_SAMPLES" -gt 0 ] && [ -e "$tracefs/kprobe_events" ]; then
	for mode in $MODES; do
		completion "$mode"
		note "bench: traced latency on tdx_guest ($mode)"
		"$BENCH" latency --delays-ms "$DELAYS" --trace \
			--samples "$TRACE_LIST" --qgs-pid "$qgs_pid" ||
			fail "traced latency run failed ($mode)"
	done
fi

for mode in $MODES; do
	completion "$mode"
	for ms in $TPUT_DELAYS_MS; do
		note "bench: throughput on tdx_guest ($mode, service $ms ms)"
		echo $((ms * 1000)) > /sys/kernel/debug/tdx_guest_emu/quote_delay_us
		printf '{"kind":"context","mode":"%s","service_ms":%s}\n' "$mode" "$ms"
		"$BENCH" throughput --dirs 1,4,16 --seconds "$SECONDS_PER_POINT" \
			--qgs-pid "$qgs_pid" ||
			fail "throughput run on tdx_guest failed ($mode, $ms ms)"
	done
done
echo 0 > /sys/kernel/debug/tdx_guest_emu/quote_delay_us
completion interrupt

if [ "$EXTEND_SECONDS" -gt 0 ]; then
	# Extends per second: digests through sysfs, events through the
	# ioctl, each with 1 and 4 threads, each on an empty log.
	for kind in digest $EXTEND_EVENT_BYTES; do
		for t in $EXTEND_THREADS; do
			fresh_provider
			if [ "$kind" = digest ]; then
				args="--kind digest"
			else
				args="--kind event --bytes $kind"
			fi
			note "bench: extends on tdx_guest ($kind, $t threads)"
			# shellcheck disable=SC2086 # $args is two or four words
			"$BENCH" extend $args --threads "$t" \
				--seconds "$EXTEND_SECONDS" \
				--log-kib "$EXTEND_LOG_KIB" --warmup 20 \
				--qgs-pid "$qgs_pid" ||
				fail "extend run failed ($kind, $t threads)"
		done
	done
	# Quote latency while 0, 1 and 4 threads extend all along, and, as
	# the control, while 4 threads only spin; each service time on a
	# fresh log, as four extenders can fill even 64 MiB in seconds.
	# Traced: the time to the GetQuote hypercall (the TDREPORT, and the
	# wait for the lock extends hold) is what tells the two apart.
	trace=
	[ -e "$tracefs/kprobe_events" ] && trace=--trace
	for load in $EXTEND_LOADS; do
		for ms in $EXTEND_DELAYS_MS; do
			fresh_provider
			note "bench: latency on tdx_guest, service $ms ms, $load"
			# shellcheck disable=SC2086 # $trace is empty or one word
			"$BENCH" latency --delays-ms "$ms" $trace \
				--samples "$EXTEND_SAMPLES" \
				"--${load#*:}" "${load%:*}" \
				--bytes "$EXTEND_LATENCY_BYTES" \
				--log-kib "$EXTEND_LOG_KIB" \
				--qgs-pid "$qgs_pid" ||
				fail "latency run failed ($ms ms, $load)"
		done
	done
	echo 0 > /sys/kernel/debug/tdx_guest_emu/quote_delay_us
fi

remove_report_dirs
rmmod tdx_guest || fail "rmmod tdx_guest"
load_module "$NULL_KO"
assert_eq null "$(cat "$(new_report_dir nullcheck)/provider")" "provider"
rmdir "$TSM_REPORT_ROOT/nullcheck"

note "bench: throughput on the null provider (floor)"
"$BENCH" throughput --dirs 1,4,16 --seconds "$SECONDS_PER_POINT" ||
	fail "throughput run on the null provider failed"

rmmod tdx_null_provider || fail "rmmod tdx_null_provider"
note "bench: done"
