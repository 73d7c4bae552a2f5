# SPDX-License-Identifier: GPL-2.0
#
# Harness self-test: a script that never ends is stopped by TDX_VM_TIMEOUT
# (status 124).

echo "hanging"
sleep 100000
