# SPDX-License-Identifier: GPL-2.0
#
# guest-lib.sh - helpers for guest scripts run by tests/vm/run.
#
# The harness installs this file in the guest as /test/lib.sh; a guest
# script uses it with
#
#	. /test/lib.sh
#
# It runs under busybox sh, so it sticks to POSIX sh plus busybox applets.
# The guest's /init sources it too (platform_up), so the platform is brought
# up the same way whether init does it or a --no-platform script does.
#
# Nothing here sets shell options: a script that wants "set -eu" sets it.

# shellcheck shell=sh disable=SC2034,SC2120 # variables and options for scripts
TSM_REPORT_ROOT=/sys/kernel/config/tsm/report
TDX_MEASUREMENTS=/sys/devices/virtual/misc/tdx_guest/measurements
PROJECT_MODDIR=/lib/modules/project
TEST_KEYS=/usr/share/tdx-guest/test-keys
QGS_READY_FILE=/run/qgs.ready
QGS_LOG=/run/qgs.log
QGS_PID_FILE=/run/qgs.pid

# fail MSG... - report a test failure on stderr and end the script with 1.
fail()
{
	echo "FAIL: $*" >&2
	exit 1
}

# note MSG... - print MSG and record it in the kernel log as well, so the
# kernel log file shows where in the script a kernel message came from.
note()
{
	echo "$*"
	echo "tdxvm: $*" > /dev/kmsg 2>/dev/null || true
}

# assert_eq EXPECTED ACTUAL WHAT - fail unless the two strings are equal.
assert_eq()
{
	[ "$1" = "$2" ] || fail "$3: expected '$1', got '$2'"
}

# errno_name MESSAGE - print the errno name whose strerror() text (glibc,
# as busybox prints it) is MESSAGE, or "UNKNOWN(MESSAGE)".  Busybox reports
# errors as "applet: context: strerror text"; callers pass the last part.
errno_name()
{
	case "$1" in
	"Operation not permitted")		echo EPERM ;;
	"No such file or directory")		echo ENOENT ;;
	"No such process")			echo ESRCH ;;
	"Interrupted system call")		echo EINTR ;;
	"Input/output error")			echo EIO ;;
	"No such device or address")		echo ENXIO ;;
	"Argument list too long")		echo E2BIG ;;
	"Exec format error")			echo ENOEXEC ;;
	"Bad file descriptor")			echo EBADF ;;
	"Resource temporarily unavailable")	echo EAGAIN ;;
	"Cannot allocate memory")		echo ENOMEM ;;
	"Permission denied")			echo EACCES ;;
	"Bad address")				echo EFAULT ;;
	"Device or resource busy")		echo EBUSY ;;
	"File exists")				echo EEXIST ;;
	"No such device")			echo ENODEV ;;
	"Not a directory")			echo ENOTDIR ;;
	"Is a directory")			echo EISDIR ;;
	"Invalid argument")			echo EINVAL ;;
	"File too large")			echo EFBIG ;;
	"No space left on device")		echo ENOSPC ;;
	"Illegal seek")				echo ESPIPE ;;
	"Read-only file system")		echo EROFS ;;
	"Numerical result out of range")	echo ERANGE ;;
	"Resource deadlock avoided")		echo EDEADLK ;;
	"Function not implemented")		echo ENOSYS ;;
	"Directory not empty")			echo ENOTEMPTY ;;
	"No message of desired type")		echo ENOMSG ;;
	"No data available")			echo ENODATA ;;
	"Timer expired")			echo ETIME ;;
	"Protocol error")			echo EPROTO ;;
	"Bad message")				echo EBADMSG ;;
	"Value too large for defined data type") echo EOVERFLOW ;;
	"Message too long")			echo EMSGSIZE ;;
	"Operation not supported")		echo EOPNOTSUPP ;;
	"Inappropriate ioctl for device")	echo ENOTTY ;;
	"No buffer space available")		echo ENOBUFS ;;
	"Transport endpoint is not connected")	echo ENOTCONN ;;
	"Connection timed out")			echo ETIMEDOUT ;;
	"Connection refused")			echo ECONNREFUSED ;;
	"Host is down")				echo EHOSTDOWN ;;
	"No route to host")			echo EHOSTUNREACH ;;
	"Operation already in progress")	echo EALREADY ;;
	"Operation now in progress")		echo EINPROGRESS ;;
	"Communication error on send")		echo ECOMM ;;
	"Remote I/O error")			echo EREMOTEIO ;;
	"Operation canceled")			echo ECANCELED ;;
	"Required key not available")		echo ENOKEY ;;
	"Key was rejected by service")		echo EKEYREJECTED ;;
	"Stale file handle")			echo ESTALE ;;
	"Broken pipe")				echo EPIPE ;;
	"Text file busy")			echo ETXTBSY ;;
	*)					echo "UNKNOWN($1)" ;;
	esac
}

# errno_of_output TEXT - map the last "applet: ...: message" line of a
# busybox error output to an errno name.
errno_of_output()
{
	_line=$(printf '%s\n' "$1" | grep ': ' | tail -n 1)
	errno_name "${_line##*: }"
}

# cmd_errno CMD [ARGS...] - run CMD; print "0" if it succeeds, else the
# errno name of its error message.  Its stdout is discarded.
cmd_errno()
{
	if _out=$("$@" 2>&1 >/dev/null); then
		echo 0
	else
		errno_of_output "$_out"
	fi
}

# read_errno FILE - read FILE whole (as clients do, in one large read) and
# print "0" on success or the errno name of the failure.
read_errno()
{
	cmd_errno dd if="$1" of=/dev/null bs=65536
}

# write_errno FILE DATAFILE [DD_ARGS...] - write DATAFILE to FILE in one
# write(2) (no O_TRUNC, like echo/cat into a sysfs or configfs attribute)
# and print "0" or the errno name.  configfs binary attributes commit on
# close(), and dd reports a failed close too.
write_errno()
{
	_file=$1
	_data=$2
	shift 2
	cmd_errno dd if="$_data" of="$_file" bs=1048576 conv=notrunc "$@"
}

# expect_errno ERRNAME FILE - fail unless reading FILE fails with ERRNAME
# (e.g. expect_errno EINVAL "$dir/outblob").
expect_errno()
{
	_got=$(read_errno "$2")
	[ "$_got" = "$1" ] || fail "reading $2: expected $1, got $_got"
}

# expect_write_errno ERRNAME FILE DATAFILE - as expect_errno, for a write.
expect_write_errno()
{
	_got=$(write_errno "$2" "$3")
	[ "$_got" = "$1" ] || fail "writing $3 to $2: expected $1, got $_got"
}

# expect_cmd_errno ERRNAME CMD [ARGS...] - fail unless the busybox command
# fails with ERRNAME (e.g. expect_cmd_errno ENXIO mkdir "$TSM_REPORT_ROOT/r").
expect_cmd_errno()
{
	_want=$1
	shift
	_got=$(cmd_errno "$@")
	[ "$_got" = "$_want" ] || fail "$*: expected $_want, got $_got"
}

# hex_of FILE - print FILE's bytes as one line of lowercase hex.
hex_of()
{
	od -An -v -tx1 "$1" | tr -d ' \n'
	echo
}

# size_of FILE - print the number of bytes a read of FILE returns (stat
# sizes of sysfs/configfs attributes do not tell).
size_of()
{
	wc -c < "$1" | tr -d ' '
}

# make_nonce FILE [SIZE] - write SIZE (default 64) random bytes to FILE.
make_nonce()
{
	head -c "${2:-64}" /dev/urandom > "$1"
}

_report_dir_seq=0

# new_report_dir [NAME] - create a fresh configfs-tsm report directory and
# print its path.  Without NAME, picks one unique within this boot.
new_report_dir()
{
	if [ $# -ge 1 ]; then
		_name=$1
	else
		while :; do
			_report_dir_seq=$((_report_dir_seq + 1))
			_name="r$$-$_report_dir_seq"
			[ -e "$TSM_REPORT_ROOT/$_name" ] || break
		done
	fi
	mkdir "$TSM_REPORT_ROOT/$_name" || fail "mkdir $TSM_REPORT_ROOT/$_name"
	echo "$TSM_REPORT_ROOT/$_name"
}

# wait_for PATH [SECONDS] - wait until PATH exists; return 1 on timeout
# (default 10 s).  Polls every 50 ms: busybox has no inotify waiter.
wait_for()
{
	_tries=$(( ${2:-10} * 20 ))
	while [ ! -e "$1" ]; do
		_tries=$((_tries - 1))
		[ "$_tries" -gt 0 ] || return 1
		usleep 50000
	done
}

# load_module FILE [PARAMS...] - insmod FILE; fail with insmod's message.
load_module()
{
	_out=$(insmod "$@" 2>&1) || fail "insmod $*: $_out"
}

# qgs_start [ARGS...] - start the emulated quote generation service in the
# background and wait (10 s) for it to say it is ready; ARGS are more
# tdx-qgs-emu options (e.g. --verbose).  It runs with --foreground under
# "&" rather than daemonizing, so that its pid is known from the start.
# Its output goes to /run/qgs.log, which init copies into the kernel log
# file at the end.
qgs_start()
{
	rm -f "$QGS_READY_FILE"
	tdx-qgs-emu --foreground --ready-file "$QGS_READY_FILE" "$@" >> "$QGS_LOG" 2>&1 &
	echo $! > "$QGS_PID_FILE"
	if ! wait_for "$QGS_READY_FILE" 10; then
		tail -n 20 "$QGS_LOG" >&2
		fail "tdx-qgs-emu did not create $QGS_READY_FILE within 10 s"
	fi
}

# qgs_stop - stop the service started by qgs_start and wait for it to go.
qgs_stop()
{
	[ -f "$QGS_PID_FILE" ] || return 0
	_pid=$(cat "$QGS_PID_FILE")
	rm -f "$QGS_PID_FILE" "$QGS_READY_FILE"
	kill "$_pid" 2>/dev/null || return 0
	_tries=100
	while kill -0 "$_pid" 2>/dev/null && [ "$_tries" -gt 0 ]; do
		_tries=$((_tries - 1))
		usleep 50000
	done
}

# platform_up - load the emulated platform and the provider, then start
# the quote generation service.  init runs this unless --no-platform.
platform_up()
{
	load_module "$PROJECT_MODDIR/tdx_guest_emu.ko"
	load_module "$PROJECT_MODDIR/tdx_guest.ko"
	qgs_start
}

# platform_down - the reverse of platform_up.
platform_down()
{
	qgs_stop
	rmmod tdx_guest || fail "rmmod tdx_guest"
	rmmod tdx_guest_emu || fail "rmmod tdx_guest_emu"
}

# arm_report DIR [NONCE_FILE] - write a fresh 64-byte nonce (kept in
# NONCE_FILE, default /tmp/nonce) to DIR/inblob in one write.
arm_report()
{
	_nonce=${2:-/tmp/nonce}
	make_nonce "$_nonce"
	_e=$(write_errno "$1/inblob" "$_nonce")
	[ "$_e" = 0 ] || fail "writing $1/inblob: $_e"
}

# now_cs - centiseconds since boot (/proc/uptime without its dot).
now_cs()
{
	cut -d' ' -f1 /proc/uptime | tr -d .
}

# ccel_opt - "--ccel FILE" for tdx-quote when the machine has a firmware
# event log (the harness gives the guest a real TD's), else nothing: the
# RTMRs then start at zero.
ccel_opt()
{
	[ ! -r /sys/firmware/acpi/tables/data/CCEL ] ||
		echo "--ccel /sys/firmware/acpi/tables/data/CCEL"
}

# irq_count - interrupts taken on tdx_guest_quote, summed over CPUs ("-"
# when there is no such IRQ).
irq_count()
{
	awk '/ tdx_guest_quote$/ { s = 0; for (i = 2; i <= NF; i++) {
		if ($i !~ /^[0-9]+$/) break; s += $i }; print s; found = 1 }
	     END { if (!found) print "-" }' /proc/interrupts
}

# expect_quote_works WHAT - a fresh report directory yields a Quote whose
# REPORTDATA is its nonce; fail naming WHAT otherwise. The directory is
# removed afterwards.
expect_quote_works()
{
	_d=$(new_report_dir)
	arm_report "$_d" /tmp/works.nonce
	cat "$_d/outblob" > /tmp/works.quote || fail "$1: reading outblob failed"
	assert_eq "$(hex_of /tmp/works.nonce)" \
		"$(tdx-quote field /tmp/works.quote reportdata)" "$1: REPORTDATA"
	rmdir "$_d"
}
