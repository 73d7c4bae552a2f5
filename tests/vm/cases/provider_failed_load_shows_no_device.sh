# SPDX-License-Identifier: GPL-2.0
# /dev/tdx_guest and its sysfs files are registered last in init: a load
# that fails (here configfs-tsm refuses the provider, because a report
# directory from before still exists) never shows them, not even for a
# moment; the next load does.
set -eu
. /test/lib.sh

d=$(new_report_dir)
rmmod tdx_guest || fail "rmmod tdx_guest"
[ ! -e /dev/tdx_guest ] || fail "/dev/tdx_guest outlived the module"

# A kernel without inotify (the debug kernel) only gets the checks after.
/test/extra/watch-create /dev 4 > /tmp/created 2> /tmp/watch.err &
watcher=$!
while ! grep -q ready /tmp/created && kill -0 "$watcher" 2> /dev/null; do
	sleep 0.1
done
grep -q ready /tmp/created || note "no inotify here ($(cat /tmp/watch.err)): not watching /dev"
expect_cmd_errno EBUSY insmod "$PROJECT_MODDIR/tdx_guest.ko"
wait "$watcher" || true
if grep -qx tdx_guest /tmp/created; then
	fail "/dev/tdx_guest appeared during a load that failed"
fi
[ ! -e /dev/tdx_guest ] || fail "/dev/tdx_guest left by a failed load"
[ ! -e /sys/devices/virtual/misc/tdx_guest ] || fail "sysfs files left by a failed load"

rmdir "$d"
load_module "$PROJECT_MODDIR/tdx_guest.ko"
[ -c /dev/tdx_guest ] || fail "no /dev/tdx_guest after a good load"
assert_eq 48 "$(size_of "$TDX_MEASUREMENTS/mrtd:sha384")" "mrtd after a good load"
