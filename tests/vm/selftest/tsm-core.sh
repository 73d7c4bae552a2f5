# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test, run with --no-platform: the guest environment is what
# tests/vm/README promises (kernel modules, configfs, arguments, extra
# files, helpers), and the harness ignores the taint lines of unsigned
# out-of-tree modules.
#
# Arguments: the harness self-test passes "one" "two words" "it's".

set -eu
. /test/lib.sh

assert_eq 3 "$#" "argument count"
assert_eq "two words" "$2" "argument with a space"
assert_eq "it's" "$3" "argument with a quote"
assert_eq 0 "$TDXVM_PLATFORM" "TDXVM_PLATFORM"

for m in configfs "$TDXVM_TSM_MODULE"; do
	[ -d "/sys/module/$m" ] || fail "$m is not loaded"
done
grep -q ' /sys/kernel/config configfs ' /proc/mounts || fail "configfs not mounted"
grep -q ' /sys/kernel/debug debugfs ' /proc/mounts || fail "debugfs not mounted"
[ -d "$TSM_REPORT_ROOT" ] || fail "$TSM_REPORT_ROOT missing"
[ ! -d /sys/module/tdx_guest ] || fail "--no-platform loaded tdx_guest"

# No provider is registered, so the core refuses new report directories.
expect_cmd_errno ENXIO mkdir "$TSM_REPORT_ROOT/selftest"

# The helpers behave as documented.
printf 'abc' > /tmp/abc
assert_eq 616263 "$(hex_of /tmp/abc)" "hex_of"
assert_eq 3 "$(size_of /tmp/abc)" "size_of"
make_nonce /tmp/nonce
assert_eq 64 "$(size_of /tmp/nonce)" "make_nonce"
expect_errno ENOENT /nonexistent
expect_errno EISDIR /tmp
assert_eq 0 "$(read_errno /tmp/abc)" "read_errno of a readable file"
expect_write_errno EIO /proc/version /tmp/abc
assert_eq EINVAL "$(errno_name 'Invalid argument')" "errno_name"

[ "$(cat /test/extra/greeting)" = hello ] || fail "TDX_VM_EXTRA file missing"
for t in sh insmod rmmod dd od hexdump xxd sha256sum sha512sum cmp timeout; do
	command -v "$t" > /dev/null || fail "no $t in the guest"
done

assert_eq 65534 "$(su nobody -s /bin/sh -c 'id -u')" "su nobody"

# Loading an unsigned out-of-tree module prints these: not a failure.
echo "<4>loading out-of-tree module taints kernel." > /dev/kmsg
echo "<4>module verification failed: signature and/or required key missing - tainting kernel" > /dev/kmsg

note "tsm-core: ok"
