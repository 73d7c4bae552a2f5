# SPDX-License-Identifier: GPL-2.0
# Guest side of tests/dkms/run: modprobe finds the DKMS-built module in the
# place DKMS puts it (dependencies from modules.dep), and that build, made
# for production, will not bind to the emulated platform. That it wins
# over the in-tree driver is checked on the host, in the real module tree.
set -eu
. /test/lib.sh

K=/lib/modules/$(uname -r)
mkdir -p "$K/kernel/fs/configfs" "$K/kernel/drivers/virt/coco/tdx-guest" "$K/updates/dkms"
cp /lib/modules/kernel/configfs.ko "$K/kernel/fs/configfs/"
cp /lib/modules/kernel/tsm.ko "$K/kernel/drivers/virt/coco/"
cp /test/extra/tdx_guest.ko "$K/updates/dkms/"
depmod
grep -q '^updates/dkms/tdx_guest.ko:' "$K/modules.dep" ||
	fail "depmod did not index the DKMS module"

# A packaged build carries no hook for the emulated platform: on a machine
# that is not a TDX guest it refuses to load even with the emulator there,
# and says why. That modprobe got as far as running its init shows the
# DKMS module and its dependencies were found.
load_module "$PROJECT_MODDIR/tdx_guest_emu.ko"
out=$(modprobe tdx_guest 2>&1) && fail "the packaged build bound to the emulated platform"
assert_eq ENODEV "$(errno_of_output "$out")" "modprobe tdx_guest"
dmesg | grep -q "tdx_guest: not a TDX guest$" ||
	fail "no log line says why the packaged build refused to load"
grep -q '^tsm ' /proc/modules || fail "modprobe did not load the dependency tsm"
assert_eq "Intel TDX guest attestation (configfs-tsm) and runtime measurements" \
	"$(modinfo -F description tdx_guest)" "modinfo finds ours"
