# SPDX-License-Identifier: GPL-2.0
# Helpers of the scripts that run inside the system test's Debian root
# filesystems (install-steps in a chroot, boot-checks in the booted VM).
# Sourced by bash; /tdx-systest holds these scripts, the packages and
# the expectations that tests/system/run put there.
SYSTEST=/tdx-systest
# shellcheck disable=SC1091
. "$SYSTEST/expect"	# V1, V2: the two package versions; DIST
TSM_REPORT=/sys/kernel/config/tsm/report
MEASUREMENTS=/sys/devices/virtual/misc/tdx_guest/measurements
TEST_ROOT=/usr/share/tdx-guest/test-keys/test-root-ca.pem

ok() { echo "ok: $*"; }
fail() { echo "FAIL: $*"; exit 1; }
# check WHAT CMD... - run CMD quietly; ok, or fail with its output.
check()
{
	local what=$1 out
	shift
	if out=$("$@" 2>&1); then
		ok "$what"
	else
		printf '%s\n' "$out" | tail -n 20
		fail "$what"
	fi
}

# supported KVER - does tdx_guest support this kernel (dkms.conf's rule)?
supported()
{
	[[ $1 =~ ^(6\.(12|1[6-9]|[2-9][0-9])\.|([7-9]|[1-9][0-9]+)\.) ]] &&
		grep -q '^CONFIG_TSM_REPORTS=[ym]' "/lib/modules/$1/build/.config"
}

# ko_text FILE - a module's bytes, decompressed.
ko_text()
{
	case "$1" in
	*.xz) xz -dc "$1" ;;
	*.zst) zstd -dcq "$1" ;;
	*.gz) gzip -dc "$1" ;;
	*) cat "$1" ;;
	esac
}

# has_emu_hook KO - does this tdx_guest build look for the emulated
# platform? (Only a build with CONFIG_TDX_GUEST_EMU=m names its ops.)
has_emu_hook()
{
	# grep -c reads to the end: -q would stop early and, under pipefail,
	# the decompressor's SIGPIPE would turn a match into a failure.
	[ "$(ko_text "$1" | grep -ac tdx_emu_platform_ops)" -gt 0 ]
}

# hex FILE - the file's bytes as one line of lowercase hex.
hex() { od -An -v -tx1 "$1" | tr -d ' \n'; }
