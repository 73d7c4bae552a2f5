# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# host.sh - what tests/vm/run and tests/vm/batch share on the host:
# finding the kernel and the project's artefacts, the QEMU command line,
# booting the guest.  Sourced (bash); not meant to run on its own.
#
# The caller sets VM_DIR, REPO_ROOT, PROG (its name in messages),
# KERNEL_FLAVOUR and PLATFORM before resolve_setup.

# shellcheck disable=SC2034 # used by the scripts that source this
readonly EXIT_SETUP=2 EXIT_REPORTS=3 EXIT_GUEST_SETUP=4
readonly EXIT_TIMEOUT=124 EXIT_NO_MARKER=125

# shellcheck source-path=SCRIPTDIR source=initramfs.sh
. "$VM_DIR/lib/initramfs.sh"

# die_setup MSG... - a usage or host setup problem: nothing was booted.
die_setup()
{
	echo "$PROG: $*" >&2
	exit "$EXIT_SETUP"
}

# image_release IMAGE - print the kernel release an x86 bzImage was built
# as, from the version string its setup header points to (at 0x20e),
# or nothing if IMAGE is not a bzImage.
image_release()
{
	local off

	[ "$(dd if="$1" bs=1 skip=514 count=4 status=none 2>/dev/null)" = HdrS ] || return 0
	off=$(od -An -j 526 -N 2 -t u2 "$1" | tr -d ' ')
	dd if="$1" bs=1 skip=$((off + 512)) count=256 status=none |
		tr '\0' '\n' | sed -n '1s/ .*//p'
}

# module_release KO - print the kernel release in a module's vermagic, or
# nothing if modinfo is not available.
module_release()
{
	local modinfo

	modinfo=$(PATH=$PATH:/sbin:/usr/sbin command -v modinfo) || return 0
	"$modinfo" -F vermagic "$1" 2>/dev/null | cut -d ' ' -f 1
}

# module_release_mismatch KO - print why KO cannot load into the selected
# kernel (built for another release), or nothing.  Saying so here beats an
# "Invalid module format" from insmod inside the guest.
module_release_mismatch()
{
	local rel

	rel=$(module_release "$1")
	[ -z "$rel" ] || [ -z "$KERNEL_RELEASE" ] || [ "$rel" = "$KERNEL_RELEASE" ] ||
		echo "$1 is built for $rel, the kernel is $KERNEL_RELEASE"
}

# check_module_release KO HINT - die unless KO matches the kernel.
check_module_release()
{
	local why

	why=$(module_release_mismatch "$1")
	[ -z "$why" ] || die_setup "$why; $2"
}

# find_kmod DIR NAME - print the first NAME.ko or NAME.ko.{xz,zst,gz}
# under DIR.
find_kmod()
{
	[ -d "$1" ] || return 0
	find -L "$1" \( -name "$2.ko" -o -name "$2.ko.xz" -o -name "$2.ko.zst" -o -name "$2.ko.gz" \) \
		-print -quit 2>/dev/null
}

# newest_cloud_kernel - the release of the newest installed Debian cloud
# kernel that also has its modules installed.
newest_cloud_kernel()
{
	local img kver

	for img in $(printf '%s\n' /boot/vmlinuz-*-cloud-amd64 | sort -rV); do
		kver=${img#/boot/vmlinuz-}
		if [ -d "/lib/modules/$kver" ]; then
			echo "$kver"
			return 0
		fi
	done
}

# debian_kmod KVER NAME RELPATH - the kernel's own module, or nothing if
# that kernel has it built in.
debian_kmod()
{
	local kver=$1 name=$2 rel=$3 ko

	ko=$(find_kmod "/lib/modules/$kver/kernel/$rel" "$name")
	if [ -z "$ko" ] &&
	   ! grep -qs "/$name.ko\$" "/lib/modules/$kver/modules.builtin"; then
		die_setup "$name.ko not found under /lib/modules/$kver (install linux-image-$kver)"
	fi
	echo "$ko"
}

# newest_kernel_root - the unpacked tree of Debian's newest kernel that
# tests/newest-kernel prepared (it prints its release); nothing if none.
newest_kernel_root()
{
	local cache=${TDX_GUEST_CACHE:-$HOME/.cache/tdx-guest}/newest-kernel kver

	kver=${TDX_VM_NEWEST_KVER:-$(cat "$cache/current" 2>/dev/null || true)}
	[ -n "$kver" ] && [ -f "$cache/$kver/.prepared" ] || return 0
	echo "$cache/$kver/root"
}

# select_kernel - set KERNEL_IMAGE, KERNEL_RELEASE, CONFIGFS_KO, TSM_KO and
# TSM_MODULE (the configfs-tsm core's module name) for the chosen flavour.
# An empty *_KO means "built in".
select_kernel()
{
	local kver kmoddir root

	TSM_MODULE=tsm

	case "$KERNEL_FLAVOUR" in
	debian)
		kver=${TDX_VM_KVER:-$(newest_cloud_kernel)}
		[ -n "$kver" ] ||
			die_setup "no /boot/vmlinuz-*-cloud-amd64 with modules (install linux-image-cloud-amd64)"
		KERNEL_IMAGE=/boot/vmlinuz-$kver
		[ -r "$KERNEL_IMAGE" ] || die_setup "$KERNEL_IMAGE not readable"
		[ -d "/lib/modules/$kver" ] || die_setup "/lib/modules/$kver missing"
		CONFIGFS_KO=$(debian_kmod "$kver" configfs fs/configfs)
		TSM_KO=$(debian_kmod "$kver" tsm drivers/virt/coco)
		;;
	newest)
		root=$(newest_kernel_root)
		[ -n "$root" ] ||
			die_setup "Debian's newest kernel is not prepared: run tests/newest-kernel"
		kmoddir=$(echo "$root"/usr/lib/modules/*)
		KERNEL_IMAGE=$kmoddir/vmlinuz
		[ -r "$KERNEL_IMAGE" ] || die_setup "$KERNEL_IMAGE not readable"
		CONFIGFS_KO=$(find_kmod "$kmoddir/kernel/fs/configfs" configfs)
		# Since 6.16 the report core is tsm_report; tsm is a device class.
		TSM_MODULE=tsm_report
		TSM_KO=$(find_kmod "$kmoddir/kernel/drivers/virt/coco" tsm_report)
		[ -n "$TSM_KO" ] || die_setup "tsm_report.ko not found under $kmoddir"
		;;
	debug)
		KERNEL_IMAGE=${TDX_VM_DEBUG_KERNEL:-${TDX_GUEST_CACHE:-$HOME/.cache/tdx-guest}/debug-kernel/bzImage}
		[ -r "$KERNEL_IMAGE" ] ||
			die_setup "debug kernel $KERNEL_IMAGE missing: run 'make debug-kernel' (or set TDX_VM_DEBUG_KERNEL)"
		kmoddir=${TDX_VM_DEBUG_KMODDIR:-$(dirname "$KERNEL_IMAGE")}
		CONFIGFS_KO=$(find_kmod "$kmoddir" configfs)
		TSM_KO=$(find_kmod "$kmoddir" tsm)
		;;
	esac
	KERNEL_RELEASE=$(image_release "$KERNEL_IMAGE")
	[ -n "$KERNEL_RELEASE" ] || die_setup "$KERNEL_IMAGE is not an x86 bzImage"
	[ -z "$CONFIGFS_KO" ] || check_module_release "$CONFIGFS_KO" "set TDX_VM_DEBUG_KMODDIR"
	[ -z "$TSM_KO" ] || check_module_release "$TSM_KO" "set TDX_VM_DEBUG_KMODDIR"
}

# check_artefacts - the project's modules and tools.  The platform needs
# all of them; --no-platform scripts load what they need themselves, so
# there they are optional: those present and usable go in (PROJECT_KOS,
# PROJECT_TOOLS), so that harness self-tests run before anything is built.
check_artefacts()
{
	local ko tool why hint="run 'make modules'"

	[ "$KERNEL_FLAVOUR" = debug ] &&
		hint="build them against the debug kernel and set TDX_VM_MODDIR"
	[ "$KERNEL_FLAVOUR" = newest ] &&
		hint="run tests/build-newest-modules (or set TDX_VM_MODDIR)"
	PROJECT_KOS=()
	for ko in "$PROJECT_MODDIR"/tdx_guest.ko "$EMU_MODDIR"/tdx_guest_emu.ko; do
		if [ ! -f "$ko" ]; then
			[ "$PLATFORM" = 0 ] ||
				die_setup "$ko missing: $hint"
			continue
		fi
		why=$(module_release_mismatch "$ko")
		if [ -z "$why" ]; then
			PROJECT_KOS+=("$ko")
		elif [ "$PLATFORM" = 1 ]; then
			die_setup "$why; $hint"
		else
			echo "$PROG: warning: $why; leaving it out" >&2
		fi
	done
	PROJECT_TOOLS=()
	for tool in "$REPO_ROOT"/tools/bin/tdx-qgs-emu "$REPO_ROOT"/tools/bin/tdx-quote; do
		if [ ! -f "$tool" ]; then
			[ "$PLATFORM" = 0 ] ||
				die_setup "${tool#"$REPO_ROOT"/} missing: run 'make tools'"
			continue
		fi
		! is_dynamic_elf "$tool" ||
			die_setup "${tool#"$REPO_ROOT"/} is dynamically linked and the guest has no C library: build it static ('make tools')"
		PROJECT_TOOLS+=("$tool")
	done
}

# The firmware's event log the guest gets: a real TD's CCEL log area, from
# the project's shared evidence (never copied into the repository), put
# where a TD's firmware leaves it: in reserved memory the ACPI CCEL table
# points to.  The emulated platform then starts its RTMRs where that
# firmware left them, and Linux shows the log in
# /sys/firmware/acpi/tables/data/CCEL.
CCEL_ADDR=0x30000000
CCEL_DATA=${TDX_VM_CCEL:-${TDX_REAL_TDX_DATA:-$REPO_ROOT/../shared/data/real-tdx}/cos113-ccel-data.dat}

# ccel_table FILE SIZE - write an ACPI CCEL table (56 bytes: header, TDX,
# log area of SIZE bytes at CCEL_ADDR) with its checksum to FILE.
ccel_table()
{
	python3 - "$1" "$2" "$CCEL_ADDR" <<-'EOF'
	import struct, sys
	path, size, addr = sys.argv[1], int(sys.argv[2]), int(sys.argv[3], 0)
	t = bytearray(struct.pack("<4sIBB6s8sI4sI", b"CCEL", 56, 1, 0,
				  b"TDXGST", b"TDXGSTVM", 1, b"TDXG", 1))
	t += struct.pack("<BBHQQ", 2, 0, 0, size, addr)	# TDX, LAML, LASA
	t[9] = -sum(t) & 0xff
	open(path, "wb").write(t)
	EOF
}

# ccel_qemu_args WORK_DIR - fill CCEL_ARGS (QEMU options) and CCEL_APPEND
# (kernel command line) for the firmware's log, or leave them empty when
# there is no log to give.
ccel_qemu_args()
{
	local size kib

	CCEL_ARGS=() CCEL_APPEND=
	if [ ! -r "$CCEL_DATA" ]; then
		echo "$PROG: no firmware event log ($CCEL_DATA): the guest has no CCEL, and the cases skip what replays it (set TDX_REAL_TDX_DATA or TDX_VM_CCEL)" >&2
		return 0
	fi
	size=$(stat -c %s "$CCEL_DATA")
	kib=$(((size + 4095) / 4096 * 4))
	ccel_table "$1/ccel-table.bin" "$size" ||
		die_setup "cannot write the CCEL table"
	CCEL_ARGS=(-acpitable "file=$1/ccel-table.bin"
		   -device "loader,file=$CCEL_DATA,addr=$CCEL_ADDR,force-raw=on")
	CCEL_APPEND="memmap=${kib}K\$$CCEL_ADDR"
}

# qemu_command INITRD KERNEL_LOG [APPEND [NO_CCEL]] - fill QEMU_CMD.
# ttyS0 (the first -serial) is the script channel on stdio, ttyS1 the
# kernel console into a file.  -nodefaults: no NIC, VGA or monitor to set
# up or probe.  APPEND: more kernel command line (a script's append=
# directive); NO_CCEL=1: no firmware event log (no-ccel directive).
qemu_command()
{
	local accel cpu append

	case "${TDX_VM_ACCEL:-tcg}" in
	tcg)	accel=tcg cpu=max ;;
	kvm)	accel=kvm cpu=host ;;
	*)	die_setup "TDX_VM_ACCEL must be tcg or kvm" ;;
	esac
	# oops=panic: an oops ends the run at once (status 125) instead of
	# leaving a half-dead guest to run into the timeout.  WARN does not
	# panic: the scanner fails the run on it and the script keeps going.
	# no_timer_check: under TCG on a loaded host the IO-APIC timer check
	# can count too few ticks and panic the boot ("IO-APIC + timer
	# doesn't work!"); the virtual timer is known to work.
	append="console=ttyS1 loglevel=7 panic=-1 oops=panic printk.devkmsg=on rdinit=/init no_timer_check"
	# no5lvl: -cpu max offers LA57, and the debug kernel (X86_5LEVEL,
	# KASAN) would boot with 5-level paging. identify_cpu() clears the
	# boot CPU's feature bits and sets them again, and a KASAN check in an
	# interrupt in that window sees LA57 off, takes the 4-level shadow
	# bounds and reports a valid 5-level direct-map address (ff11...) as
	# a wild-memory-access, now and then, long before our modules load.
	# 4-level paging has no such window; nothing here tests 5-level.
	[ "$KERNEL_FLAVOUR" != debug ] || append+=" no5lvl"
	append+="${TDX_VM_APPEND:+ $TDX_VM_APPEND}${3:+ $3}"
	CCEL_ARGS=() CCEL_APPEND=
	[ "${4:-0}" = 1 ] || ccel_qemu_args "$(dirname "$1")"
	append+="${CCEL_APPEND:+ $CCEL_APPEND}"
	QEMU_CMD=(qemu-system-x86_64 -accel "$accel" -cpu "$cpu" -smp 2 -m 1024
		  -nographic -nodefaults -no-reboot
		  -kernel "$KERNEL_IMAGE" -initrd "$1" -append "$append"
		  -serial stdio -serial "file:$2" "${CCEL_ARGS[@]}")
}

# show_kernel_log_tail WHY [LOG] - the last 50 kernel log lines (of
# $LOG_FILE by default), for runs that ended without the script finishing.
show_kernel_log_tail()
{
	local log=${2:-$LOG_FILE}

	echo "$PROG: $1; last 50 lines of $log:" >&2
	tail -n 50 "$log" >&2 || true
}

# boot_guest WATCHER FILTER - run QEMU under timeout (QEMU_LIMIT
# seconds); the script channel goes through the FILTER function to our
# stdout and is kept whole in $WORK_DIR/script.out, while the WATCHER
# function runs beside it (and may stop QEMU).  Sets QEMU_STATUS.  QEMU
# runs in the background so that an interrupt here can stop it: timeout
# puts it in its own process group, where the terminal's ^C does not
# reach.
boot_guest()
{
	local watcher=$1 filter=$2 fifo=$WORK_DIR/script.fifo filter_pid watch_pid

	rm -f "$fifo" "$WORK_DIR/boot-hung"
	: > "$WORK_DIR/kernel.log"
	mkfifo "$fifo"
	tee -p "$WORK_DIR/script.out" < "$fifo" | "$filter" &
	filter_pid=$!
	timeout -k 10 "$QEMU_LIMIT" "${QEMU_CMD[@]}" < /dev/null > "$fifo" &
	QEMU_PID=$!
	"$watcher" &
	watch_pid=$!
	QEMU_STATUS=0
	wait "$QEMU_PID" || QEMU_STATUS=$?
	kill "$watch_pid" 2>/dev/null || true
	wait "$watch_pid" 2>/dev/null || true
	QEMU_PID=
	wait "$filter_pid" || true
}

# reached_init - the guest's /init ran: it prints the begin marker first.
reached_init()
{
	grep -qa '@@TDXVM-BEGIN@@' "$WORK_DIR/script.out" 2>/dev/null
}

# boot_until_init WATCHER FILTER FAILED_LOG - boot_guest, and once more
# if the kernel did not reach /init, keeping the first kernel log as
# FAILED_LOG.  Under QEMU 7.2's TCG on a loaded machine a kernel now and
# then hangs bringing up the second CPU, or finds the timer too slow and
# panics, before /init runs and so before anything of the test (seen
# with 7.3).  That says nothing about the test.
boot_until_init()
{
	boot_guest "$1" "$2"
	reached_init && return 0
	tr -d '\r' < "$WORK_DIR/kernel.log" > "$3"
	echo "$PROG: the kernel did not reach /init$([ ! -f "$WORK_DIR/boot-hung" ] || echo " within ${BOOT_TIMEOUT}s") (log: $3); booting once more" >&2
	boot_guest "$1" "$2"
}

# script_directives SCRIPT - read the "# tdxvm: ..." lines of SCRIPT's
# leading comment block into DIRECTIVE_APPEND (kernel command line words,
# from "append=WORDS"; several such lines add up), DIRECTIVE_OWN_BOOT
# (1 for "own-boot") and DIRECTIVE_NO_CCEL (1 for "no-ccel").  An unknown directive is a setup error, so that a
# misspelt one does not silently run the script in the wrong kernel.
script_directives()
{
	local line word

	DIRECTIVE_APPEND=
	DIRECTIVE_OWN_BOOT=0
	DIRECTIVE_NO_CCEL=0
	while IFS= read -r line; do
		case "$line" in
		'#'*)	;;
		'')	continue ;;
		*)	break ;;
		esac
		[[ "$line" =~ ^#[[:space:]]*tdxvm:[[:space:]]*(.*[^[:space:]])[[:space:]]*$ ]] || continue
		word=${BASH_REMATCH[1]}
		case "$word" in
		own-boot)	DIRECTIVE_OWN_BOOT=1 ;;
		no-ccel)	DIRECTIVE_NO_CCEL=1 ;;
		append=?*)	DIRECTIVE_APPEND+="${DIRECTIVE_APPEND:+ }${word#append=}" ;;
		*)		die_setup "$1: unknown directive '# tdxvm: $word' (tests/vm/README, Directives)" ;;
		esac
	done < "$1"
}

# resolve_setup - after the options: check the environment, find the
# kernel and the project's artefacts, create the log folder.  Sets
# TIMEOUT, QEMU_LIMIT (= TIMEOUT), BOOT_TIMEOUT, PROJECT_MODDIR, EMU_MODDIR, LOG_DIR and what
# select_kernel and check_artefacts set.
resolve_setup()
{
	[ -z "${TDX_VM_EXTRA:-}" ] || [ -d "$TDX_VM_EXTRA" ] ||
		die_setup "TDX_VM_EXTRA=$TDX_VM_EXTRA is not a directory"
	TIMEOUT=${TDX_VM_TIMEOUT:-300}
	[[ "$TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die_setup "TDX_VM_TIMEOUT must be a number of seconds"
	QEMU_LIMIT=$TIMEOUT
	BOOT_TIMEOUT=${TDX_VM_BOOT_TIMEOUT:-180}
	[[ "$BOOT_TIMEOUT" =~ ^[1-9][0-9]*$ ]] || die_setup "TDX_VM_BOOT_TIMEOUT must be a number of seconds"
	command -v qemu-system-x86_64 > /dev/null || die_setup "qemu-system-x86_64 not found (install qemu-system-x86)"
	# The provider and the emulated platform are built in folders of
	# their own; TDX_VM_MODDIR names one folder that holds both.  For the
	# newest kernel they are built outside the checkout by
	# tests/build-newest-modules, into a folder of that checkout's own.
	if [ "$KERNEL_FLAVOUR" = newest ] && [ -z "${TDX_VM_MODDIR:-}" ]; then
		TDX_VM_MODDIR=${TDX_GUEST_CACHE:-$HOME/.cache/tdx-guest}/newest-modules/$(printf '%s' "$REPO_ROOT" | sha256sum | cut -c1-12)/ko
	fi
	PROJECT_MODDIR=${TDX_VM_MODDIR:-$REPO_ROOT/drivers/virt/coco/tdx-guest}
	EMU_MODDIR=${TDX_VM_MODDIR:-$REPO_ROOT/tests/emu}

	select_kernel
	check_artefacts

	LOG_DIR=${TDX_VM_LOGDIR:-$REPO_ROOT/tests/vm/logs}
	mkdir -p "$LOG_DIR" || die_setup "cannot create $LOG_DIR"
}

# shellcheck disable=SC2317 # called by the EXIT trap
cleanup()
{
	local rc=$?

	[ -z "${QEMU_PID:-}" ] || kill "$QEMU_PID" 2>/dev/null || true
	if [ -n "${WORK_DIR:-}" ]; then
		if [ "${TDX_VM_KEEP:-0}" = 1 ]; then
			echo "$PROG: kept $WORK_DIR" >&2
		else
			rm -rf "$WORK_DIR"
		fi
	fi
	exit "$rc"
}
