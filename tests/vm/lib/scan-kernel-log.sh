#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# scan-kernel-log.sh - find kernel reports (BUG, WARN, lockdep, KASAN,
# KFENCE, kmemleak, UBSAN, panics...) in a kernel log.
#
# Usage: scan-kernel-log.sh KERNEL_LOG
#
# Prints each report line with context on stdout and exits 3 if it found
# any, 0 if the log is clean, 2 on usage errors.  tests/vm/run calls it
# after every run; it also works on any saved console log or dmesg output.
#
# The VM log holds each message twice (the live console, then init's dmesg
# dump), so a report is shown once: lines are compared without their
# printk timestamp.  The service log that init copies between the
# @@TDXVM-USERLOG-BEGIN/END@@ markers is user-space output and not scanned.

set -eu

if [ $# -ne 1 ] || [ ! -r "$1" ]; then
	echo "usage: $0 KERNEL_LOG" >&2
	exit 2
fi

# Extended regexps, matched case-sensitively: each is how the kernel
# starts a report, chosen so that boot banners of the debug options
# ("kmemleak: Kernel memory leak detector initialized", "kfence:
# initialized", "Lock dependency validator") do not match.
report_patterns=(
	'BUG:'
	'WARNING:'
	'Oops'
	'general protection'
	'KASAN'
	'KFENCE'
	'kmemleak: [0-9]+ new suspected memory leak'
	'unreferenced object 0x'
	'possible recursive locking'
	'possible circular locking'
	'turning off the locking correctness validator'
	'INFO: trying to register non-static key'
	'lockdep is turned off'
	'inconsistent lock state'
	'scheduling while atomic'
	'sleeping function called from invalid context'
	'Kernel panic'
	'UBSAN'
	'list_add corruption'
	'list_del corruption'
	'blocked for more than [0-9]+ seconds'
	# Linux 7.x names a module that queues work on a workqueue it is
	# retiring; the module must move before the workqueue goes.
	'enqueued on deprecated workqueue'
	# An interrupt on a vector nobody owns: a device (or the host's
	# GetQuote notification) sent a vector a driver gave back.
	'No irq handler for'
	# A vector move still open when its old CPU died: the kernel forced
	# it (a driver that moves an IRQ must let the move complete).
	'IRQ fixup: irq [0-9]+ move in progress'
	# lockdep switches itself off when a taint makes it unreliable; every
	# later locking bug would go unreported.
	'Disabling lock debugging due to kernel taint'
)

# Lines that must not count: loading the project's unsigned, out-of-tree
# (and, for the emulator, test) modules taints the kernel, and the command line
# echoes whatever the user appended.
ignore_patterns=(
	'loading out-of-tree module taints kernel'
	'loading test module taints kernel'
	'module verification failed'
	'(Kernel c|C)ommand line:'
)

join_patterns()
{
	local IFS='|'
	echo "$*"
}

# Context: a WARN or lockdep splat is a header line followed by a register
# dump and a stack trace; 30 lines after the header show where it came
# from without flooding the terminal.  The full log is always kept.
LC_ALL=C awk \
	-v report="$(join_patterns "${report_patterns[@]}")" \
	-v ignore="$(join_patterns "${ignore_patterns[@]}")" \
	-v before=3 -v after=30 -v max_shown=400 '
{
	sub(/\r$/, "")
	line[NR] = $0
}
/@@TDXVM-USERLOG-BEGIN/ { in_user = 1 }
/@@TDXVM-USERLOG-END/ { in_user = 0; next }
in_user { next }
$0 ~ report && $0 !~ ignore {
	key = $0
	sub(/^\[ *[0-9]+\.[0-9]+\] */, "", key)
	if (!(key in seen)) {
		seen[key] = 1
		hit[++hits] = NR
	}
}
END {
	if (!hits)
		exit 0
	printf "%d kernel report line(s) found:\n", hits
	last = 0
	shown = 0
	for (h = 1; h <= hits; h++) {
		from = hit[h] - before
		if (from <= last)
			from = last + 1
		else if (last)
			print "..."
		if (from < 1)
			from = 1
		to = hit[h] + after
		if (to > NR)
			to = NR
		for (i = from; i <= to && shown < max_shown; i++) {
			# Context stops at the section markers of init: what
			# follows one is another copy or another log.
			if (line[i] ~ /^@@TDXVM-/) {
				if (i > hit[h])
					break
				continue
			}
			print line[i]
			shown++
		}
		last = i - 1
	}
	if (shown >= max_shown)
		print "... (output cut; see the full log)"
	exit 3
}' "$1"
