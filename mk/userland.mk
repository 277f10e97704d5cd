# Userland: Debian packages fetched into cache/ (never installed on the host), the guest test
# programs (build/tests/), the staged root filesystem (build/rootfs) and build/initramfs.cpio.
# `make run` boots it interactively.

CACHE        := cache
PKGDIR       := $(CACHE)/pkg
BUSYBOX      := $(PKGDIR)/busybox-static/bin/busybox
MUSL         := $(abspath $(PKGDIR)/musl-dev)/usr
MUSL_STAMP   := $(PKGDIR)/musl-dev/.extracted
QEMU_STATIC  := $(PKGDIR)/qemu-user-static/usr/bin/qemu-aarch64-static
TESTS_OUT    := $(BUILD)/tests
GUEST_SRC    := tests/guest
RUSTC        := /usr/bin/rustc

# Static C programs: glibc from Debian's arm64 cross toolchain; musl through a specs file that
# points gcc at the extracted musl-dev (crt1.o/crti.o/crtbeginT.o ... libc.a, no host paths).
GUEST_CFLAGS := -static -O2 -g -Wall -Wextra
MUSL_SPECS   := $(TESTS_OUT)/musl-gcc.specs
MUSL_CC      := $(CC) -specs $(MUSL_SPECS)
RUSTFLAGS_GUEST := --edition 2021 -O --target aarch64-unknown-linux-gnu -C linker=$(CC) \
                   -C target-feature=+crt-static -C strip=debuginfo

GUEST_C_TESTS := sys-mem sys-file sys-misc sys-proc
GUEST_RUST    := rust-std rust-threads
# Issue 3 (processes, threads, memory, signals): self-checking glibc programs built from
# tests/guest/NAME.c with check.h and lv.h; C programs built for both glibc and musl
# (NAME-glibc, NAME-musl from NAME.c); more Rust std programs.
GUEST_C_ISSUE3  := proc-clone proc-exec proc-wait sig-deliver sig-frame futex-sched mem-vm limits leak
GUEST_C_BOTH    := pthreads
GUEST_RUST      += rust-rt rust-spawn
GUEST_PROGS   := $(TESTS_OUT)/auxv-glibc $(TESTS_OUT)/auxv-musl $(addprefix $(TESTS_OUT)/,$(GUEST_RUST)) \
                 $(addprefix $(TESTS_OUT)/,$(GUEST_C_TESTS)) $(addprefix $(TESTS_OUT)/,$(GUEST_C_ISSUE3)) \
                 $(foreach p,$(GUEST_C_BOTH),$(TESTS_OUT)/$(p)-glibc $(TESTS_OUT)/$(p)-musl)
GUEST_DATA    := $(shell find $(GUEST_SRC)/data -type f 2>/dev/null)
# Issue 4 (files): self-checking glibc programs tests/guest/fs-NAME.c (with check.h and fs-util.h)
# and Rust std::fs programs tests/guest/fs-NAME.rs.
GUEST_C_FS    := fs-pipe fs-locks fs-errno fs-mount
GUEST_RUST_FS := fs-std
GUEST_PROGS   += $(addprefix $(TESTS_OUT)/,$(GUEST_C_FS) $(GUEST_RUST_FS))

.PHONY: initramfs userland guest-progs run
initramfs: $(BUILD)/initramfs.cpio
userland: $(BUSYBOX) $(MUSL_STAMP) $(QEMU_STATIC)
guest-progs: $(GUEST_PROGS)

$(BUSYBOX): tools/fetch-debs | $(DEPS_STAMP)
	tools/fetch-debs -c $(CACHE) busybox-static:arm64
	@touch $@
$(MUSL_STAMP): tools/fetch-debs | $(DEPS_STAMP)
	tools/fetch-debs -c $(CACHE) musl-dev:arm64
# The static x86-64 qemu-aarch64: tests/run-guest puts it into the Linux oracle's chroot as the
# binfmt interpreter (the host's qemu-aarch64 is dynamically linked).
$(QEMU_STATIC): tools/fetch-debs | $(DEPS_STAMP)
	tools/fetch-debs -c $(CACHE) qemu-user-static
	@touch $@

$(MUSL_SPECS): $(MUSL_STAMP) mk/userland.mk
	@mkdir -p $(dir $@)
	@printf '%s\n' \
	  '%rename cpp_options old_cpp_options' '' \
	  '*cpp_options:' '-nostdinc -isystem $(MUSL)/include/aarch64-linux-musl -isystem include%s %(old_cpp_options)' '' \
	  '*cc1:' '%(cc1_cpu) -nostdinc -isystem $(MUSL)/include/aarch64-linux-musl -isystem include%s' '' \
	  '*link_libgcc:' '-L$(MUSL)/lib/aarch64-linux-musl -L .%s' '' \
	  '*libgcc:' 'libgcc.a%s %:if-exists(libgcc_eh.a%s)' '' \
	  '*startfile:' '$(MUSL)/lib/aarch64-linux-musl/crt1.o $(MUSL)/lib/aarch64-linux-musl/crti.o crtbeginT.o%s' '' \
	  '*endfile:' 'crtend.o%s $(MUSL)/lib/aarch64-linux-musl/crtn.o' '' \
	  '*link:' '-nostdlib -static' '' > $@

$(TESTS_OUT)/auxv-glibc: $(GUEST_SRC)/auxv.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) $< -o $@
$(TESTS_OUT)/auxv-musl: $(GUEST_SRC)/auxv.c $(MUSL_SPECS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MUSL_CC) $(GUEST_CFLAGS) $< -o $@
$(addprefix $(TESTS_OUT)/,$(GUEST_RUST)): $(TESTS_OUT)/%: $(GUEST_SRC)/%.rs | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(RUSTC) $(RUSTFLAGS_GUEST) $< -o $@
$(addprefix $(TESTS_OUT)/,$(GUEST_C_TESTS)): $(TESTS_OUT)/%: $(GUEST_SRC)/%.c $(GUEST_SRC)/check.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) $< -o $@

$(addprefix $(TESTS_OUT)/,$(GUEST_C_ISSUE3)): $(TESTS_OUT)/%: $(GUEST_SRC)/%.c $(GUEST_SRC)/check.h $(GUEST_SRC)/lv.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -pthread $< -o $@
$(foreach p,$(GUEST_C_BOTH),$(TESTS_OUT)/$(p)-glibc): $(TESTS_OUT)/%-glibc: $(GUEST_SRC)/%.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -pthread $< -o $@
$(foreach p,$(GUEST_C_BOTH),$(TESTS_OUT)/$(p)-musl): $(TESTS_OUT)/%-musl: $(GUEST_SRC)/%.c $(MUSL_SPECS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MUSL_CC) $(GUEST_CFLAGS) -pthread $< -o $@

$(addprefix $(TESTS_OUT)/,$(GUEST_C_FS)): $(TESTS_OUT)/%: $(GUEST_SRC)/%.c $(GUEST_SRC)/check.h $(GUEST_SRC)/fs-util.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) $< -o $@
$(addprefix $(TESTS_OUT)/,$(GUEST_RUST_FS)): $(TESTS_OUT)/%: $(GUEST_SRC)/%.rs | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(RUSTC) $(RUSTFLAGS_GUEST) $< -o $@

$(BUILD)/initramfs.cpio: tools/mkinitramfs $(BUSYBOX) $(GUEST_PROGS) $(GUEST_DATA) | $(DEPS_STAMP)
	tools/mkinitramfs -o $@ -r $(BUILD)/rootfs -b $(BUSYBOX) -d $(GUEST_SRC)/data $(GUEST_PROGS)

# Interactive boot: the kernel's default console (the PL011, as a tty) on this terminal, BusyBox sh
# as init. Quit QEMU with Ctrl-A x.
QEMU_RUN_MEM ?= 512M
QEMU_RUN_SMP ?= 1
run: kernel initramfs
	qemu-system-aarch64 -M virt -cpu cortex-a72 -m $(QEMU_RUN_MEM) -smp $(QEMU_RUN_SMP) -nographic \
	  -no-reboot -kernel $(BUILD)/levitate.img -initrd $(BUILD)/initramfs.cpio \
	  -append "init=/bin/sh" -semihosting-config enable=on,target=native
