# SPDX-License-Identifier: GPL-2.0
# Guest side of tests/dkms/run: the DKMS-built module, in the place DKMS
# puts it, loads with modprobe (dependencies from modules.dep) and serves a
# quote. That it wins over the in-tree driver is checked on the host, in
# the real module tree.
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

# Not a TDX guest: the emulated platform must come first, by hand.
load_module "$PROJECT_MODDIR/tdx_guest_emu.ko"
modprobe tdx_guest || fail "modprobe tdx_guest"
grep -q '^tdx_guest ' /proc/modules || fail "tdx_guest is not loaded"
assert_eq "Intel TDX guest attestation (configfs-tsm) and runtime measurements" \
	"$(modinfo -F description tdx_guest)" "the loaded module is ours"
qgs_start

d=$(new_report_dir)
make_nonce /tmp/nonce
write_errno "$d/inblob" /tmp/nonce > /dev/null
cat "$d/outblob" > /tmp/quote
assert_eq "$(hex_of /tmp/nonce)" "$(tdx-quote field /tmp/quote reportdata)" "REPORTDATA"
