# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# pool.sh - run tests/check's jobs a few at a time, each once the jobs it
# needs have ended, and hand each job's results back as it ends.  Sourced
# by tests/check (bash); not meant to run on its own.
#
# Most gates use one core (a kbuild of a few files, checkpatch, one guest
# under TCG), so on two cores two of them at a time take half as long.
#
#   pool_add ID NEEDS CMD...   a job (ID: a file name): CMD runs (in a subshell, output
#                              discarded) once every job in NEEDS (IDs,
#                              space-separated) has ended, whatever their
#                              results.  CMD appends its results to
#                              "$POOL_RESULTS/$POOL_JOB", one line each
#                              ("STATUS SECONDS NAME").
#   pool_run SLOTS START REPORT
#                              run the jobs, SLOTS at a time, starting
#                              ready ones in the order of START (IDs; the
#                              jobs not in it come after, in the order
#                              added); as each job ends, call REPORT ID
#                              (POOL_STATE[ID] of the others says which
#                              have ended: done).

POOL_IDS=()
declare -A POOL_NEEDS=() POOL_CMD=() POOL_STATE=() POOL_OF_PID=()

pool_add()
{
	local id=$1 needs=$2
	shift 2
	POOL_IDS+=("$id")
	POOL_NEEDS[$id]=$needs
	POOL_CMD[$id]=$(printf '%q ' "$@")
	POOL_STATE[$id]=waiting
}

# pool_ready ID - the job waits and every job it needs has ended.
pool_ready()
{
	local need

	[ "${POOL_STATE[$1]}" = waiting ] || return 1
	for need in ${POOL_NEEDS[$1]}; do
		case "${POOL_STATE[$need]:-}" in
		done)		;;
		'')		echo "pool: $1 needs $need, which is no job" >&2; return 1 ;;
		*)		return 1 ;;
		esac
	done
}

pool_run()
{
	local slots=$1 report=$3 order=() id pid running=0 started
	# shellcheck disable=SC2206 # a list of IDs
	local start=($2)

	POOL_RESULTS=$(mktemp -d)
	export POOL_RESULTS
	order=("${start[@]}")
	for id in "${POOL_IDS[@]}"; do
		[[ " ${start[*]} " == *" $id "* ]] || order+=("$id")
	done
	while :; do
		started=1
		while ((running < slots && started)); do
			started=0
			for id in "${order[@]}"; do
				pool_ready "$id" || continue
				: > "$POOL_RESULTS/$id"
				export POOL_JOB=$id
				eval "( ${POOL_CMD[$id]} ) > /dev/null 2>&1 &"
				POOL_OF_PID[$!]=$id
				POOL_STATE[$id]=running
				running=$((running + 1))
				started=1
				break
			done
		done
		((running)) || break
		wait -n -p pid || true
		[ -n "${POOL_OF_PID[$pid]:-}" ] || continue
		id=${POOL_OF_PID[$pid]}
		POOL_STATE[$id]="done"
		running=$((running - 1))
		"$report" "$id"
	done
	for id in "${POOL_IDS[@]}"; do
		[ "${POOL_STATE[$id]}" = "done" ] ||
			echo "pool: job $id never ran (it needs: ${POOL_NEEDS[$id]})" >&2
	done
	rm -rf "$POOL_RESULTS"
}
