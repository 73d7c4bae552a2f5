# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test: the run's exit status is the script's own ($1).
# Output without a final newline must not hide the end marker.

printf 'exiting with %s' "$1"
exit "$1"
