# SPDX-License-Identifier: GPL-2.0-only
#
# tdx-guest: out-of-tree build, tests and demo.
#
#   make            build the modules and the user-space tools
#   make check      install what is missing, run every gate and test
#   make demo       boot a VM and show an attestation step by step
#   make bench      measure quote latency and report throughput in a VM
#   make install    install tdx_guest into updates/ (overrides in-tree)
#   make uninstall  remove it again
#   make install-tools      install tdx-quote (and tdx-qgs-emu) into PREFIX
#   make fuzz       fuzz tdx-quote's parsers (FUZZ_SECONDS each; not in check)
#   make dkms-install       the same as install, through DKMS
#   make dkms-remove        remove the DKMS package
#   make deb        Debian packages into DEB_OUT (default deb/)
#
# KDIR is the kernel build tree to build against. By default it is the
# running kernel's, if that kernel has configfs-tsm (<linux/tsm.h>),
# else the newest installed Debian 6.12 cloud headers.

RUNNING_KDIR := /lib/modules/$(shell uname -r)/build
DEBIAN_KDIR := $(lastword $(sort $(wildcard /usr/src/linux-headers-6.12*-cloud-amd64)))
KDIR ?= $(if $(wildcard $(RUNNING_KDIR)/include/linux/tsm.h),$(RUNNING_KDIR),$(DEBIAN_KDIR))

# A kernel tree prepared by tests/newest-kernel (Debian's newest kernel,
# made for a newer compiler than this machine's) says in this file which
# make variables building against it with this machine's gcc needs.
-include $(KDIR)/tdx-guest-host.mk

# Which modules to build; packagers leave the emulated platform out with
# CONFIG_TDX_GUEST_EMU=n.
CONFIG_TDX_GUEST_DRIVER ?= m
CONFIG_TDX_GUEST_EMU ?= m
KBUILD_ARGS := -C $(KDIR) M=$(CURDIR) \
	CONFIG_TDX_GUEST_DRIVER=$(CONFIG_TDX_GUEST_DRIVER) \
	CONFIG_TDX_GUEST_EMU=$(CONFIG_TDX_GUEST_EMU) $(TDX_GUEST_HOST_KBUILD)

.PHONY: all modules tools deps deps-demo check demo bench clean help install uninstall \
	install-tools uninstall-tools dkms-install dkms-remove print-kdir fuzz deb

VERSION := $(shell cat VERSION)
KVER ?= $(shell cat $(KDIR)/include/config/kernel.release 2>/dev/null)
PREFIX ?= /usr/local
MOD_DIR := $(DESTDIR)/lib/modules/$(KVER)/updates
DKMS_SRC := /usr/src/tdx-guest-$(VERSION)

all: modules tools

modules:
	@test -n "$(KDIR)" || { echo "no kernel headers: run 'make deps' or set KDIR" >&2; exit 2; }
	$(MAKE) $(KBUILD_ARGS) modules

tools:
	$(MAKE) -C tools

fuzz:
	$(MAKE) -C tools fuzz

deps:
	tests/install-deps

# The demo boots only Debian's 6.12 kernel: no kernel source, no newest
# kernel (minutes on a fresh machine), only the packages it uses.
deps-demo:
	tests/install-deps --demo

check: deps
	tests/check

demo: deps-demo
	$(MAKE) all
	tests/vm/run tests/demo/demo.sh

bench: deps
	$(MAKE) all
	tests/bench/run

# Only the provider is installed, built without the emulator's hook: the
# emulated platform is a test tool, installed (with a provider that can
# bind to it) only on request with INSTALL_EMU=m.
install:
	$(MAKE) modules CONFIG_TDX_GUEST_EMU=$(if $(filter m,$(INSTALL_EMU)),m,n)
	install -D -m 0644 drivers/virt/coco/tdx-guest/tdx_guest.ko $(MOD_DIR)/tdx_guest.ko
	$(if $(filter m,$(INSTALL_EMU)),install -D -m 0644 tests/emu/tdx_guest_emu.ko $(MOD_DIR)/tdx_guest_emu.ko)
	$(if $(DESTDIR),,depmod -a $(KVER))

uninstall:
	rm -f $(MOD_DIR)/tdx_guest.ko $(MOD_DIR)/tdx_guest_emu.ko
	$(if $(DESTDIR),,depmod -a $(KVER))

# tdx-quote finds Intel's SGX Root CA in ../share/tdx-guest from its bin/.
install-tools: tools
	install -D -m 0755 tools/bin/tdx-quote $(DESTDIR)$(PREFIX)/bin/tdx-quote
	install -D -m 0755 tools/bin/tdx-qgs-emu $(DESTDIR)$(PREFIX)/bin/tdx-qgs-emu
	install -D -m 0644 tools/certs/intel-sgx-root-ca.pem \
		$(DESTDIR)$(PREFIX)/share/tdx-guest/intel-sgx-root-ca.pem
	install -D -m 0644 -t $(DESTDIR)$(PREFIX)/share/man/man1 \
		tools/man/tdx-quote.1 tools/man/tdx-qgs-emu.1

uninstall-tools:
	rm -f $(DESTDIR)$(PREFIX)/bin/tdx-quote $(DESTDIR)$(PREFIX)/bin/tdx-qgs-emu \
		$(DESTDIR)$(PREFIX)/share/tdx-guest/intel-sgx-root-ca.pem \
		$(DESTDIR)$(PREFIX)/share/man/man1/tdx-quote.1 \
		$(DESTDIR)$(PREFIX)/share/man/man1/tdx-qgs-emu.1

# Debian packages (debian/, debian/README.Debian files): built by
# dpkg-buildpackage -us -uc -b in a copy of the checkout under DEB_OUT.
DEB_OUT ?= $(CURDIR)/deb
deb:
	debian/make-deb $(DEB_OUT)

# DKMS copies the sources it needs into /usr/src, then builds and installs
# for KVER (default: the kernel KDIR belongs to). With INSTALL_EMU=m the
# emulated platform's sources go along, and DKMS builds it, and the
# provider that can use it, too (see dkms.conf).
dkms-install:
	rm -rf $(DKMS_SRC)
	mkdir -p $(DKMS_SRC)
	cp -r Kbuild VERSION drivers include $(DKMS_SRC)/
	$(if $(filter m,$(INSTALL_EMU)),mkdir -p $(DKMS_SRC)/tests && cp -r tests/emu $(DKMS_SRC)/tests/)
	sed 's/#MODULE_VERSION#/$(VERSION)/' dkms.conf > $(DKMS_SRC)/dkms.conf
	find $(DKMS_SRC) \( -name '*.o' -o -name '*.ko' -o -name '.*.cmd' -o -name '*.mod*' -o -name '*.o.d' \) -delete
	dkms add tdx-guest/$(VERSION)
	dkms build tdx-guest/$(VERSION) -k $(KVER)
	dkms install tdx-guest/$(VERSION) -k $(KVER)

dkms-remove:
	-dkms remove tdx-guest/$(VERSION) --all
	rm -rf $(DKMS_SRC)

clean:
	-$(MAKE) $(KBUILD_ARGS) clean
	-$(MAKE) -C tools clean

print-kdir:
	@echo $(KDIR)

help:
	@sed -n '3,15p' Makefile
