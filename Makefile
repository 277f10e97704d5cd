# Levitate build. `make run` boots an interactive shell; `make test` runs every test.
# Targets install the Debian packages they need (tools/ensure-deps) and cache downloads in cache/.

CROSS   ?= aarch64-linux-gnu-
CC      := $(CROSS)gcc
LD      := $(CROSS)ld
OBJCOPY := $(CROSS)objcopy
BUILD   := build
PYTHON  := python3

KCFLAGS := -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
           -ffreestanding -fno-stack-protector -fno-pie -fno-pic -mgeneral-regs-only \
           -mno-outline-atomics -fno-omit-frame-pointer -fno-strict-aliasing \
           -I. -I$(BUILD)/gen -MMD -MP
KLDFLAGS := -nostdlib -static -no-pie -Wl,--build-id=none -Wl,-T,arch/arm64/kernel.ld -Wl,-z,max-page-size=4096

KDIRS   := arch/arm64 init lib mm proc fs net drivers syscall
KSRCS_C := $(foreach d,$(KDIRS),$(wildcard $(d)/*.c))
KSRCS_S := $(foreach d,$(KDIRS),$(wildcard $(d)/*.S))
KOBJS   := $(patsubst %,$(BUILD)/k/%.o,$(KSRCS_C) $(KSRCS_S)) $(BUILD)/k/gen/syscall_table.c.o

DEPS_STAMP := $(BUILD)/.deps-ok

.PHONY: all kernel run test test-host test-guest docs clean deps
all: kernel initramfs

deps: $(DEPS_STAMP)
$(DEPS_STAMP): tools/ensure-deps
	@mkdir -p $(BUILD)
	tools/ensure-deps
	@touch $@

kernel: $(BUILD)/levitate.elf $(BUILD)/levitate.img

# The syscall table (syscall/syscall.tbl) is the single list: dispatch, handler prototypes and the
# tracer's decoding all come from it.
$(BUILD)/gen/syscall_table.c $(BUILD)/gen/syscall_decls.h: syscall/syscall.tbl tools/gensyscalls.py | $(DEPS_STAMP)
	@mkdir -p $(BUILD)/gen
	$(PYTHON) tools/gensyscalls.py syscall/syscall.tbl $(BUILD)/gen

$(BUILD)/k/%.c.o: %.c $(BUILD)/gen/syscall_decls.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@
$(BUILD)/k/gen/syscall_table.c.o: $(BUILD)/gen/syscall_table.c $(BUILD)/gen/syscall_decls.h
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -c $< -o $@
$(BUILD)/k/%.S.o: %.S | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(KCFLAGS) -D__ASSEMBLY__ -c $< -o $@

$(BUILD)/levitate.elf: $(KOBJS) arch/arm64/kernel.ld
	$(CC) $(KLDFLAGS) $(KOBJS) -lgcc -o $@

# QEMU loads -initrd only for kernels in the arm64 Linux Image format (an ELF kernel gets no
# initrd), so the bootable file is the raw image with its 64-byte Image header; the ELF is for gdb.
$(BUILD)/levitate.img: $(BUILD)/levitate.elf
	$(OBJCOPY) -O binary $< $@

-include $(KOBJS:.o=.d)
-include mk/*.mk

clean:
	rm -rf $(BUILD)
