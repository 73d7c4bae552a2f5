# SPDX-License-Identifier: GPL-2.0-only
#
# tdx-guest: out-of-tree build, tests and demo.
#
#   make            build the modules and the user-space tools
#   make check      install what is missing, run every gate and test
#   make demo       boot a VM and show an attestation step by step
#
# KDIR is the kernel build tree to build against. By default it is the
# running kernel's, if that kernel has configfs-tsm (<linux/tsm.h>),
# else the newest installed Debian 6.12 cloud headers.

RUNNING_KDIR := /lib/modules/$(shell uname -r)/build
DEBIAN_KDIR := $(lastword $(sort $(wildcard /usr/src/linux-headers-6.12*-cloud-amd64)))
KDIR ?= $(if $(wildcard $(RUNNING_KDIR)/include/linux/tsm.h),$(RUNNING_KDIR),$(DEBIAN_KDIR))

# Which modules to build; packagers leave the emulated platform out with
# CONFIG_TDX_GUEST_EMU=n.
CONFIG_TDX_GUEST_DRIVER ?= m
CONFIG_TDX_GUEST_EMU ?= m
KBUILD_ARGS := -C $(KDIR) M=$(CURDIR) \
	CONFIG_TDX_GUEST_DRIVER=$(CONFIG_TDX_GUEST_DRIVER) \
	CONFIG_TDX_GUEST_EMU=$(CONFIG_TDX_GUEST_EMU)

.PHONY: all modules tools deps check demo clean help

all: modules tools

modules:
	@test -n "$(KDIR)" || { echo "no kernel headers: run 'make deps' or set KDIR" >&2; exit 2; }
	$(MAKE) $(KBUILD_ARGS) modules

tools:
	$(MAKE) -C tools

deps:
	tests/install-deps

check: deps
	tests/check

demo: deps
	$(MAKE) all
	tests/vm/run tests/demo/demo.sh

clean:
	-$(MAKE) $(KBUILD_ARGS) clean
	-$(MAKE) -C tools clean

help:
	@sed -n '3,12p' Makefile
