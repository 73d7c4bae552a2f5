# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test for tests/vm/batch: a script that fails with its own
# status, 5, with no newline after its last output.

printf 'batch-fail: exiting with 5'
exit 5
