#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# /init of the VM harness (tests/vm/run).  Runs under busybox sh as PID 1.
#
# Two serial ports keep the two outputs apart:
#   ttyS0  the guest script's stdout and stderr, then the end marker; the
#          harness shows it on its stdout.
#   ttyS1  the kernel console (console=ttyS1); init's own messages, the
#          dmesg dump and the service log go here too; the harness keeps it
#          as the kernel log file and scans it for kernel reports.
#
# The harness leaves its settings in /test/config (TDXVM_PLATFORM,
# TDXVM_KERNEL, TDXVM_TSM_MODULE) and the script's arguments,
# shell-quoted, in /test/args; or, for tests/vm/batch, the list of
# scripts to run in turn in /test/batch.
#
# PID 1 must never exit (the kernel would panic and the run would look like
# a crash), so nothing here uses "set -e" and every failure path ends in
# finish(), which powers the machine off.

SCRIPT_TTY=/dev/ttyS0
KLOG_TTY=/dev/ttyS1
KMEMLEAK=/sys/kernel/debug/kmemleak

/bin/busybox --install -s /bin
export PATH=/usr/bin:/bin
export HOME=/root

# log MSG... - a progress line for the kernel log, timestamped by printk.
log()
{
	echo "tdxvm-init: $*" > /dev/kmsg
}

# finish STATUS - print the end marker the harness looks for, leave the
# kernel's view of the run in the kernel log, and power off.
finish()
{
	printf '@@TDXVM-EXIT %d@@\n' "$1" > "$SCRIPT_TTY"
	log "guest script exited with status $1"
	scan_kmemleak
	{
		echo "@@TDXVM-USERLOG-BEGIN /run/qgs.log@@"
		[ -f /run/qgs.log ] && cat /run/qgs.log
		echo "@@TDXVM-USERLOG-END@@"
		echo "@@TDXVM-DMESG-BEGIN@@"
		dmesg
		echo "@@TDXVM-DMESG-END@@"
	} > "$KLOG_TTY" 2>&1
	poweroff -f
	# Not reached; if it were, sleeping keeps PID 1 alive until the
	# harness's timeout rather than panicking.
	while :; do sleep 3600; done
}

# setup_failed MSG... - the platform never came up: say so on the script
# channel (the user reads that) and end with the harness's setup status.
setup_failed()
{
	echo "tdxvm-init: guest setup failed: $*" > "$SCRIPT_TTY"
	log "guest setup failed: $*"
	printf '@@TDXVM-SETUP-FAILED@@\n' > "$SCRIPT_TTY"
	finish 4
}

# load_kernel_module NAME - load the kernel's own NAME.ko unless it is
# already there.  A debug kernel may have it built in: then the harness
# ships no file and /sys/module/NAME may exist, and both mean "skip".
load_kernel_module()
{
	_file=/lib/modules/kernel/$1.ko
	[ -d "/sys/module/$1" ] && return 0
	[ -f "$_file" ] || return 0
	_out=$(insmod "$_file" 2>&1) && return 0
	case "$_out" in
	*"File exists"*) return 0 ;;
	esac
	setup_failed "insmod $_file: $_out"
}

# scan_kmemleak - with kmemleak in the kernel, make it report now rather
# than minutes later.  A scan reports an object only if it is at least 5 s
# old and its contents did not change since the previous scan, and the
# first scan to see an object always finds it changed (its checksum starts
# at ~0, which no contents give): so two scans, the second starting 6 s or
# more after the script ended (a second of margin for TCG's clocks).  Each takes seconds
# under TCG, so the first one is most of that wait.  The kernel's own
# objects from boot are judged too: a scan at boot could not report them
# (it would be their first) and so could not have excused them either.
# The report goes to the kernel log, where the harness's scanner finds
# "unreferenced object".
scan_kmemleak()
{
	[ -w "$KMEMLEAK" ] || return 0
	log "kmemleak: scanning"
	_until=$(($(now_cs) + 600))
	echo scan > "$KMEMLEAK"
	while [ "$(now_cs)" -lt "$_until" ]; do
		usleep 100000
	done
	echo scan > "$KMEMLEAK"
	cat "$KMEMLEAK" > "$KLOG_TTY" 2>&1
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# Anything init or its children print by accident belongs in the kernel
# log, not in the script's output.
exec < /dev/null > "$KLOG_TTY" 2>&1
mount -t tmpfs tmpfs /tmp
mount -t tmpfs tmpfs /run
mount -t debugfs debugfs /sys/kernel/debug

# The script channel carries bytes, not terminal text: no CR before LF.
# The firmware wrote to this port before us; the harness shows only what
# follows the begin marker.
stty -F "$SCRIPT_TTY" raw -echo
printf '\n@@TDXVM-BEGIN@@\n' > "$SCRIPT_TTY"

. /test/config
. /test/lib.sh

load_kernel_module configfs
grep -q ' /sys/kernel/config ' /proc/mounts ||
	mount -t configfs configfs /sys/kernel/config ||
	setup_failed "cannot mount configfs on /sys/kernel/config"
load_kernel_module "$TDXVM_TSM_MODULE"

# tests/vm/batch: several scripts, each with the platform brought up in
# its own window (lib/batch-guest.sh); run_batch powers off at the end.
if [ -f /test/batch ]; then
	. /test/batch.sh
	run_batch
fi

if [ "$TDXVM_PLATFORM" = 1 ]; then
	log "loading the emulated platform"
	# A subshell, because platform_up ends in fail() (exit) on error.
	_out=$( (platform_up) 2>&1) || setup_failed "${_out#FAIL: }"
fi

log "running /test/script"
eval "set -- $(cat /test/args)"
cd /tmp || true
sh /test/script "$@" < /dev/null > "$SCRIPT_TTY" 2>&1
finish $?
