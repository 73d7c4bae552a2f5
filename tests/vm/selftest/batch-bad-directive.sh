# SPDX-License-Identifier: GPL-2.0
# tdxvm: own-bot
#
# Harness self-test: a misspelt directive is a setup error (status 2),
# not a script run in the wrong kernel.

exit 0
