# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# leak-symbols.sh - name the bare addresses in kmemleak's report.  Sourced
# by tests/vm/batch (bash); not meant to run on its own.
#
# In a batch the modules a case loaded are gone by the time kmemleak
# scans, at the end of the boot, and kmemleak prints a backtrace address
# in them as a bare number where a boot of its own would print
# leak_bytes_set+0x51/0x90.  The guest recorded where each module's code
# lay (lib/batch-guest.sh, record_module_sections); the module's own
# symbol table gives the rest.  Bash's 64-bit arithmetic, not awk's
# doubles: kernel addresses need all 64 bits.

# module_functions MODS KO... - "MODULE SECTION VALUE SIZE NAME" for the
# functions of each module named in MODS (lines "MODULE SECTION ADDRESS")
# whose KO is among KO...; VALUE is the offset in SECTION, hex.
module_functions()
{
	local mods=$1 m ko
	shift

	cut -d ' ' -f 1 "$mods" | sort -u | while read -r m; do
		for ko in "$@"; do
			[ "$(basename "$ko" .ko | tr - _)" = "$m" ] || continue
			# objdump -t: VALUE, 7 flag columns, SECTION TAB SIZE NAME
			objdump -t "$ko" | awk -v m="$m" '
				substr($0, 24, 1) == "F" {
					split(substr($0, 26), r, "\t")
					split(r[2], t, " ")
					print m, r[1], $1, t[1], t[2]
				}'
			break
		done
	done
}

# name_leak_addresses LEAK MODS KO... - append "NAME+OFF/SIZE [MODULE]"
# to each bare address line of the kmemleak report LEAK that falls in a
# function of a module of MODS.
name_leak_addresses()
{
	local leak=$1 mods=$2 syms line addr m sec start off sm ssec sv ss sname found
	shift 2

	[ -s "$mods" ] || return 0
	grep -q -E '^ +0x[0-9a-f]+$' "$leak" || return 0
	syms=$leak.functions
	module_functions "$mods" "$@" > "$syms"
	while IFS= read -r line; do
		if [[ "$line" =~ ^[[:space:]]+0x([0-9a-f]+)$ ]]; then
			addr=$((16#${BASH_REMATCH[1]}))
			found=
			while read -r m sec start && [ -z "$found" ]; do
				off=$((addr - 16#${start#0x}))
				((off >= 0 && off < 16#1000000)) || continue
				while read -r sm ssec sv ss sname; do
					[ "$sm" = "$m" ] || continue
					[ "$ssec" = "$sec" ] || continue
					((off >= 16#$sv && off < 16#$sv + 16#$ss)) || continue
					found=$(printf '%s+0x%x/0x%x [%s]' "$sname" $((off - 16#$sv)) $((16#$ss)) "$m")
					break
				done < "$syms"
			done < "$mods"
			line+="${found:+ $found}"
		fi
		printf '%s\n' "$line"
	done < "$leak" > "$leak.named"
	mv "$leak.named" "$leak"
	rm -f "$syms"
}
