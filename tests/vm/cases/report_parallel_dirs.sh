# SPDX-License-Identifier: GPL-2.0
# Report directories used in parallel each get their own REPORTDATA.
set -eu
. /test/lib.sh

run_client()
{
	_d=$(new_report_dir "par$1")
	for _i in 1 2 3; do
		make_nonce "/tmp/n$1"
		write_errno "$_d/inblob" "/tmp/n$1" > "/tmp/w$1"
		cat "$_d/outblob" > "/tmp/q$1" || { echo read-failed > "/tmp/w$1"; return; }
		[ "$(hex_of "/tmp/n$1")" = "$(tdx-quote field "/tmp/q$1" reportdata)" ] ||
			{ echo mismatch > "/tmp/w$1"; return; }
	done
	echo ok > "/tmp/w$1"
}

for c in 1 2 3 4; do
	run_client "$c" &
done
wait
for c in 1 2 3 4; do
	assert_eq ok "$(cat "/tmp/w$c")" "client $c"
done
