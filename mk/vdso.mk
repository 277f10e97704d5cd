# The vDSO (arch/arm64/vdso/): a tiny shared object embedded in the kernel (arch/arm64/vdso_image.S)
# plus a header of its symbol offsets (build/gen/vdso_offsets.h) generated from its symbol table.
VDSO_SRCS   := $(wildcard arch/arm64/vdso/*.c arch/arm64/vdso/*.S)
VDSO_CFLAGS := -std=gnu11 -O2 -fPIC -fno-plt -fvisibility=hidden -fno-stack-protector -ffreestanding \
               -mgeneral-regs-only -fno-asynchronous-unwind-tables -fno-unwind-tables -DVDSO_BUILD -I. -Wall
VDSO_LDFLAGS := -nostdlib -shared -Wl,-T,arch/arm64/vdso/vdso.lds -Wl,--hash-style=both \
                -Wl,-Bsymbolic -Wl,--no-undefined -Wl,-soname=linux-vdso.so.1 -Wl,--build-id=none -Wl,-z,max-page-size=4096

$(BUILD)/vdso/vdso.so: $(VDSO_SRCS) arch/arm64/vdso/vdso.lds arch/arm64/vdso.h mk/vdso.mk | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(VDSO_CFLAGS) $(VDSO_LDFLAGS) $(VDSO_SRCS) -o $@
	@if $(CROSS)readelf -r $@ | grep -q "R_AARCH64"; then echo "vdso: relocations are not allowed"; exit 1; fi

$(BUILD)/gen/vdso_offsets.h: $(BUILD)/vdso/vdso.so
	@mkdir -p $(dir $@)
	$(CROSS)nm -D $< | awk '$$3 ~ /^__kernel_/ { sub(/@.*/, "", $$3); printf "#define VDSO_SYM_%s 0x%s\n", $$3, $$1 }' > $@.tmp
	@mv $@.tmp $@

$(BUILD)/k/arch/arm64/vdso_image.S.o: $(BUILD)/vdso/vdso.so
$(BUILD)/k/arch/arm64/vdso_map.c.o: $(BUILD)/gen/vdso_offsets.h
