# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# vm-batches.sh - tests/check's VM cases in batches (tests/vm/batch): how
# to split them between the two guests, one batch's job, and what each
# case cost for the next split.  Sourced by tests/check (bash), which
# provides ROOT, LOGDIR, selected and the pool (tests/lib/pool.sh).

VM_LOGDIR=${TDX_VM_LOGDIR:-$ROOT/tests/vm/logs}
# What each case took last time, shared by every checkout on the
# machine: "KERNEL CASE SECONDS" lines.
VM_DURATIONS=${TDX_GUEST_CACHE:-$HOME/.cache/tdx-guest}/vm-durations

# vm_balance N KERNEL CASE... - print N lines, each the cases of one batch:
# longest expected first, each to the batch expected to end first.  A
# case never timed counts as the longest known on that kernel (or 60 s):
# better a new case early than a long one last.
vm_balance()
{
	local n=$1 kernel=$2
	shift 2
	printf '%s\n' "$@" |
		awk -v n="$n" -v k="$kernel" -v durations="$VM_DURATIONS" '
		BEGIN {
			while ((getline l < durations) > 0) {
				split(l, f, " ")
				if (f[1] == k) {
					took[f[2]] = f[3] + 0
					if (f[3] + 0 > longest)
						longest = f[3] + 0
				}
			}
			if (!longest)
				longest = 60
		}
		{
			name = $0
			sub(/.*\//, "", name)
			sub(/\.sh$/, "", name)
			c[NR] = $0
			t[NR] = (name in took) ? took[name] : longest
		}
		END {
			# Longest first (a selection sort: some 35 cases).
			for (i = 1; i <= NR; i++)
				for (j = i + 1; j <= NR; j++)
					if (t[j] > t[i]) {
						x = t[i]; t[i] = t[j]; t[j] = x
						x = c[i]; c[i] = c[j]; c[j] = x
					}
			for (i = 1; i <= NR; i++) {
				b = 1
				for (j = 2; j <= n; j++)
					if (load[j] < load[b])
						b = j
				load[b] += t[i]
				batch[b] = batch[b] " " c[i]
			}
			for (b = 1; b <= n; b++)
				print substr(batch[b], 2)
		}'
}

# vm_record_durations - fold the durations this run measured (files
# durations.* in POOL_RESULTS, "KERNEL CASE SECONDS" lines) into
# VM_DURATIONS.
vm_record_durations()
{
	local new tmp

	new=$(cat "$POOL_RESULTS"/durations.* 2>/dev/null) || return 0
	[ -n "$new" ] || return 0
	mkdir -p "$(dirname "$VM_DURATIONS")"
	tmp=$(mktemp "$VM_DURATIONS.XXXXXX")
	{
		printf '%s\n' "$new"
		cat "$VM_DURATIONS" 2>/dev/null || true
	} | awk '!seen[$1 " " $2]++' | sort > "$tmp"
	mv "$tmp" "$VM_DURATIONS"
}

# vm_batch_job KERNEL SLOT RUNNER CASE... - the job of one batch: RUNNER
# (a command taking tests/vm/batch's options and scripts) runs the
# selected CASEs of vm/KERNEL; each gets its result line and its log
# (what tests/vm/run would have printed for it), judged by the function
# VM_JUDGE[CASE] if there is one (it gets STATUS and the log, and returns
# the check's status).  A batch that fails outside its cases is a check
# of its own, vm/KERNEL/batch-SLOT, shown only then.
declare -A VM_JUDGE=()
vm_batch_job()
{
	local kernel=$1 slot=$2 runner=$3 cases=() c name vmname log st secs rc suffix
	local blog=$LOGDIR/vm_${1}_batch-$2.log
	shift 3

	for c in "$@"; do
		selected "vm/$kernel/$(basename "$c" .sh)" && cases+=("$c")
	done
	((${#cases[@]})) || return 0
	suffix=
	[ "$kernel" = debian ] || suffix=.$kernel
	for c in "${cases[@]}"; do
		rm -f "$VM_LOGDIR/$(basename "$c" .sh)$suffix.status"
	done
	rc=0
	"$runner" --kernel "$kernel" --name "check-$slot" "${cases[@]}" > "$blog" 2>&1 || rc=$?
	for c in "${cases[@]}"; do
		name=$(basename "$c" .sh)
		vmname=$name$suffix
		log=$LOGDIR/vm_${kernel}_$name.log
		if read -r st secs 2>/dev/null < "$VM_LOGDIR/$vmname.status"; then
			cp "$VM_LOGDIR/$vmname.out" "$log"
			echo "$kernel $name $secs" >> "$POOL_RESULTS/durations.$POOL_JOB"
		else
			st=2 secs=0
			{ echo "tests/vm/batch did not judge it (exit $rc):"; cat "$blog"; } > "$log"
		fi
		if [ -n "${VM_JUDGE[$c]:-}" ]; then
			"${VM_JUDGE[$c]}" "$st" "$log" > "$log.judged" 2>&1
			st=$?
			cat "$log.judged" >> "$log"
			rm -f "$log.judged"
		fi
		echo "$st $secs vm/$kernel/$name" >> "$POOL_RESULTS/$POOL_JOB"
	done
	st=$(cat "$VM_LOGDIR/check-$slot$suffix.status" 2>/dev/null || echo "$rc")
	if [ "$st" != 0 ]; then
		{ cat "$VM_LOGDIR/check-$slot$suffix.out" 2>/dev/null; cat "$blog"; } \
			> "$LOGDIR/vm_${kernel}_batch-$slot.failed.log"
		mv "$LOGDIR/vm_${kernel}_batch-$slot.failed.log" "$blog"
		echo "$st 0 vm/$kernel/batch-$slot" >> "$POOL_RESULTS/$POOL_JOB"
	fi
}

# vm_batches KERNEL NEEDS RUNNER CASE... - the pool jobs vm-KERNEL-1 and
# vm-KERNEL-2 (two guests at a time: on two cores each runs as fast as
# alone, and one waits on timers while the other computes), the cases
# split by vm_balance.
vm_batches()
{
	local kernel=$1 needs=$2 runner=$3 slot=0 line
	shift 3

	while IFS= read -r line; do
		slot=$((slot + 1))
		# shellcheck disable=SC2086 # a list of paths without spaces
		pool_add "vm-$kernel-$slot" "$needs" vm_batch_job "$kernel" "$slot" "$runner" $line
	done < <(vm_balance 2 "$kernel" "$@")
}
