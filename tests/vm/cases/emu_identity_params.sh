# SPDX-License-Identifier: GPL-2.0
# The emulated TD's identity comes from tdx_guest_emu's parameters and
# shows up in Quotes and in the measurement files; malformed values are
# refused at load.
set -eu
. /test/lib.sh

platform_down

# 95 digits, and a non-hex digit: both refused.
short=$(printf 'a%.0s' $(seq 95))
expect_cmd_errno EINVAL insmod "$PROJECT_MODDIR/tdx_guest_emu.ko" mrtd="$short"
bad=$(printf 'a%.0s' $(seq 95))g
expect_cmd_errno EINVAL insmod "$PROJECT_MODDIR/tdx_guest_emu.ko" mrowner="$bad"

mrtd=$(printf '11%.0s' $(seq 48))
cfg=$(printf '22%.0s' $(seq 48))
own=$(printf '33%.0s' $(seq 48))
ownc=$(printf '44%.0s' $(seq 48))
load_module "$PROJECT_MODDIR/tdx_guest_emu.ko" mrtd="$mrtd" mrconfigid="$cfg" \
	mrowner="$own" mrownerconfig="$ownc"
load_module "$PROJECT_MODDIR/tdx_guest.ko"
qgs_start

d=$(new_report_dir)
arm_report "$d"
cat "$d/outblob" > /tmp/quote
assert_eq "$mrtd" "$(tdx-quote field /tmp/quote mrtd)" "MRTD in the quote"
assert_eq "$cfg" "$(tdx-quote field /tmp/quote mrconfigid)" "MRCONFIGID in the quote"
assert_eq "$own" "$(tdx-quote field /tmp/quote mrowner)" "MROWNER in the quote"
assert_eq "$ownc" "$(tdx-quote field /tmp/quote mrownerconfig)" "MROWNERCONFIG in the quote"
assert_eq "$mrtd" "$(hex_of "$TDX_MEASUREMENTS/mrtd:sha384")" "mrtd:sha384"
assert_eq "$cfg" "$(hex_of "$TDX_MEASUREMENTS/mrconfigid")" "mrconfigid"
assert_eq "$own" "$(hex_of "$TDX_MEASUREMENTS/mrowner")" "mrowner"
assert_eq "$ownc" "$(hex_of "$TDX_MEASUREMENTS/mrownerconfig")" "mrownerconfig"
