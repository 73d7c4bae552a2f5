# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# initramfs.sh - build the harness's busybox initramfs.  Sourced by
# tests/vm/run (bash); not meant to run on its own.
#
# The image is an uncompressed newc cpio: it is a few MB, and under TCG
# the guest kernel would spend longer unpacking a compressed one than the
# host spends copying it.

# is_dynamic_elf FILE - true if FILE has a PT_INTERP program header, i.e.
# needs a dynamic loader and a C library, neither of which the guest has.
is_dynamic_elf()
{
	local f=$1 phoff phentsize phnum i

	phoff=$(od -An -j 32 -N 8 -t u8 "$f" | tr -d ' ')
	phentsize=$(od -An -j 54 -N 2 -t u2 "$f" | tr -d ' ')
	phnum=$(od -An -j 56 -N 2 -t u2 "$f" | tr -d ' ')
	for ((i = 0; i < phnum; i++)); do
		[ "$(od -An -j $((phoff + i * phentsize)) -N 4 -t u4 "$f" | tr -d ' ')" != 3 ] ||
			return 0
	done
	return 1
}

# install_busybox ROOT - busybox-static as /bin/busybox and /bin/sh.  The
# other applet links (dd, insmod, xxd...) are made in the guest by init's
# "busybox --install": one command there instead of ~270 ln here.
install_busybox()
{
	local root=$1 busybox

	busybox=$(command -v busybox) || {
		echo "tests/vm/run: busybox not found (install busybox-static)" >&2
		return 1
	}
	if is_dynamic_elf "$busybox"; then
		echo "tests/vm/run: $busybox is dynamically linked (install busybox-static)" >&2
		return 1
	fi
	install -m 0755 "$busybox" "$root/bin/busybox"
	ln -s busybox "$root/bin/sh"
}

# install_kmod SRC DST - copy a kernel module, decompressing it: busybox
# insmod takes plain ELF only.
install_kmod()
{
	local src=$1 dst=$2

	case "$src" in
	*.ko.xz)	xz -dc "$src" > "$dst" ;;
	*.ko.zst)	zstd -qdc "$src" > "$dst" ;;
	*.ko.gz)	gzip -dc "$src" > "$dst" ;;
	*)		cp "$src" "$dst" ;;
	esac
}

# shell_quote ARG... - print the arguments as one line of single-quoted
# words that busybox sh can eval back into the same argument list.
shell_quote()
{
	local arg sep=""

	for arg in "$@"; do
		printf "%s'%s'" "$sep" "${arg//\'/\'\\\'\'}"
		sep=" "
	done
	echo
}

# cpio_dev_console - a newc archive holding only /dev/console (char 5:1).
# The kernel opens it for init's stdin/stdout/stderr before init can mount
# devtmpfs; creating the node on the host would need root, but a newc
# header is plain ASCII, so it is written directly.  The kernel accepts
# concatenated archives.
cpio_dev_console()
{
	local name mode rmaj rmin

	# fields: magic ino mode uid gid nlink mtime filesize devmajor
	# devminor rdevmajor rdevminor namesize check, then the name padded
	# so that header + name is a multiple of 4
	for name in dev/console TRAILER!!!; do
		case "$name" in
		dev/console)	mode=020600 rmaj=5 rmin=1 ;;
		*)		mode=0 rmaj=0 rmin=0 ;;
		esac
		printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
			0 "$((8#$mode))" 0 0 1 0 0 0 0 "$rmaj" "$rmin" \
			"$((${#name} + 1))" 0
		printf '%s\0' "$name"
		# 110-byte header + name + NUL, padded to 4
		printf '%*s' "$(( (4 - (110 + ${#name} + 1) % 4) % 4 ))" '' | tr ' ' '\0'
	done
}

# stage_batch ROOT - the cases of one boot of tests/vm/batch: each
# "INDEX SCRIPT" of BATCH_CASES becomes /test/cases/INDEX.sh and a line
# "INDEX NAME" of /test/batch, which tells init to run them in turn
# (lib/batch-guest.sh, installed as /test/batch.sh).
stage_batch()
{
	local root=$1 entry

	mkdir -p "$root/test/cases"
	install -m 0644 "$VM_DIR/lib/batch-guest.sh" "$root/test/batch.sh"
	for entry in "${BATCH_CASES[@]}"; do
		install -m 0755 "${entry#* }" "$root/test/cases/${entry%% *}.sh"
		echo "${entry%% *} $(basename "${entry#* }" .sh)"
	done > "$root/test/batch"
}

# build_initramfs OUT - stage the guest tree under $WORK_DIR/root and pack
# it into OUT.  Reads the settings tests/vm/run resolved: CONFIGFS_KO and
# TSM_KO (empty: built in), PROJECT_KOS, PROJECT_TOOLS, GUEST_SCRIPT,
# SCRIPT_ARGS, PLATFORM, KERNEL_FLAVOUR; or, for tests/vm/batch,
# BATCH_CASES instead of GUEST_SCRIPT and SCRIPT_ARGS.
build_initramfs()
{
	local out=$1 root=$WORK_DIR/root f

	rm -rf "$root"
	mkdir -p "$root"/{bin,dev,proc,sys,tmp,run,root,etc,usr/bin}
	mkdir -p "$root"/lib/modules/{kernel,project} "$root"/test/extra
	mkdir -p "$root"/usr/share/tdx-guest/test-keys
	ln -s bin "$root/sbin"
	ln -s ../bin "$root/usr/sbin"

	install_busybox "$root" || return 1

	[ -z "$CONFIGFS_KO" ] || install_kmod "$CONFIGFS_KO" "$root/lib/modules/kernel/configfs.ko"
	[ -z "$TSM_KO" ] || install_kmod "$TSM_KO" "$root/lib/modules/kernel/$TSM_MODULE.ko"

	for f in "${PROJECT_KOS[@]+"${PROJECT_KOS[@]}"}"; do
		cp "$f" "$root/lib/modules/project/"
	done
	for f in "${PROJECT_TOOLS[@]+"${PROJECT_TOOLS[@]}"}"; do
		install -m 0755 "$f" "$root/usr/bin/"
	done
	if [ -d "$REPO_ROOT/tests/keys" ]; then
		cp -R "$REPO_ROOT/tests/keys/." "$root/usr/share/tdx-guest/test-keys/"
	fi

	# root, and an unprivileged user for permission tests ("su nobody").
	printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
		'nobody:x:65534:65534:nobody:/nonexistent:/bin/sh' > "$root/etc/passwd"
	printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' > "$root/etc/group"

	install -m 0755 "$VM_DIR/lib/init.sh" "$root/init"
	install -m 0644 "$VM_DIR/lib/guest-lib.sh" "$root/test/lib.sh"
	if [ -n "${BATCH_CASES+set}" ]; then
		stage_batch "$root"
	else
		install -m 0755 "$GUEST_SCRIPT" "$root/test/script"
		shell_quote "${SCRIPT_ARGS[@]+"${SCRIPT_ARGS[@]}"}" > "$root/test/args"
	fi
	if [ -n "${TDX_VM_EXTRA:-}" ]; then
		cp -R "$TDX_VM_EXTRA/." "$root/test/extra/"
	fi
	cat > "$root/test/config" <<-EOF
		TDXVM_PLATFORM=$PLATFORM
		TDXVM_KERNEL=$KERNEL_FLAVOUR
		TDXVM_TSM_MODULE=$TSM_MODULE
		export TDXVM_PLATFORM TDXVM_KERNEL TDXVM_TSM_MODULE
	EOF

	{
		(cd "$root" && find . -mindepth 1 -print0 |
			LC_ALL=C sort -z |
			cpio --null -o -H newc -R 0:0 --quiet)
		cpio_dev_console
	} > "$out"
}
