# The spec (issue 5): docs/specs/userspace-abi.md and docs/specs/syscalls.tsv.
#
#   make docs          regenerate the generated parts of the document and the TSV from
#                      syscall/syscall.tbl, the recorded trace profile (tests/spec/profile/), the
#                      Linux UAPI headers (arm64 and the host's x86-64) and std's source
#   make check-docs    fail when the document or the TSV is stale, or a check fails: the Rust and C
#                      structure blocks of the document against Linux's headers, the constants, the
#                      profile against the table (part of `make test`)
#   make spec-profile  re-record the trace profile: every spec program, guest test and BusyBox
#                      session traced on Linux (qemu-aarch64 -strace), the start-up programs also on
#                      Levitate; then run `make docs`
#   make test-spec     the six questions' tests (tests/spec/questions.txt), on Linux and Levitate
#                      (not part of `make test`: it boots Levitate once per test)
#
# The spec programs (tests/spec/progs/) are built into build/spec/progs and staged for both runs
# in build/spec/overlay/spec (/spec in the guest).

SPEC_SRC   := tests/spec/progs
SPEC_OUT   := $(BUILD)/spec/progs
SPEC_OV    := $(BUILD)/spec/overlay/spec
SPEC_RUST  := $(patsubst $(SPEC_SRC)/%.rs,%,$(filter-out $(SPEC_SRC)/mark.rs,$(wildcard $(SPEC_SRC)/*.rs)))
SPEC_CBOTH := hello q-clone q-tls
SPEC_CGLIBC := q-cloexec q-tty
SPEC_BINS  := $(addprefix $(SPEC_OUT)/,$(SPEC_RUST) $(foreach p,$(SPEC_CBOTH),$(p)-glibc $(p)-musl) \
              $(SPEC_CGLIBC) crt0)
SPEC_RUSTFLAGS := --edition 2021 -O --target aarch64-unknown-linux-gnu -C linker=$(CC) \
                  -C target-feature=+crt-static -C strip=debuginfo

$(addprefix $(SPEC_OUT)/,$(SPEC_RUST)): $(SPEC_OUT)/%: $(SPEC_SRC)/%.rs $(SPEC_SRC)/mark.rs | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(RUSTC) $(SPEC_RUSTFLAGS) $< -o $@
$(foreach p,$(SPEC_CBOTH),$(SPEC_OUT)/$(p)-glibc) $(addprefix $(SPEC_OUT)/,$(SPEC_CGLIBC)): $(SPEC_OUT)/%: | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(GUEST_CFLAGS) -pthread $(SPEC_SRC)/$(patsubst %-glibc,%,$*).c -o $@
$(foreach p,$(SPEC_CBOTH),$(SPEC_OUT)/$(p)-musl): $(SPEC_OUT)/%-musl: $(SPEC_SRC)/%.c $(MUSL_SPECS) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(MUSL_CC) $(GUEST_CFLAGS) $< -o $@
$(SPEC_OUT)/crt0: $(SPEC_SRC)/crt0.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) -static -nostdlib -ffreestanding -fno-stack-protector -O1 $< -o $@
$(foreach p,$(SPEC_CBOTH),$(SPEC_OUT)/$(p)-glibc): $(SPEC_OUT)/%-glibc: $(SPEC_SRC)/%.c
$(addprefix $(SPEC_OUT)/,$(SPEC_CGLIBC)): $(SPEC_OUT)/%: $(SPEC_SRC)/%.c

.PHONY: spec-progs spec-profile check-docs test-spec
spec-progs: $(SPEC_BINS)
	@mkdir -p $(SPEC_OV)
	@cp -p $(SPEC_BINS) $(SPEC_OV)/

# docs: regenerate (needs the cross compilers, qemu-aarch64 and rustc; no traces are taken).
LINUX_SRC_STAMP := cache/linux-source-6.1/.extracted
$(LINUX_SRC_STAMP): | $(DEPS_STAMP)
	@mkdir -p cache
	tar -C cache -xJf /usr/src/linux-source-6.1.tar.xz linux-source-6.1/include/linux/dirent.h \
	    linux-source-6.1/kernel/fork.c linux-source-6.1/arch/arm64/Kconfig
	@touch $@

docs: | $(DEPS_STAMP) $(LINUX_SRC_STAMP)
	$(PYTHON) tools/gendocs.py generate

check-docs: | $(DEPS_STAMP) $(LINUX_SRC_STAMP)
	$(PYTHON) tools/gendocs.py check

spec-profile: kernel initramfs userland spec-progs | $(DEPS_STAMP) $(LINUX_SRC_STAMP)
	$(PYTHON) tests/spec/record-profile
	-$(PYTHON) tests/spec/run-questions --record
	$(PYTHON) tools/gendocs.py generate

test-spec: kernel initramfs userland spec-progs | $(DEPS_STAMP)
	$(PYTHON) tests/spec/run-questions

TEST_DEPS += check-docs
TEST_DEPS += test-spec
