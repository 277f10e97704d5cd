# Host unit tests of the kernel's pure parts (tests/host/core/): the buddy allocator, the page
# allocator and kmalloc over a malloc'ed arena, the ELF header checks, the device tree reader (on
# QEMU's own `-M virt` DTB), the command line parser and vsnprintf (against the host's snprintf).
# Built with the host gcc under ASan/UBSan; every program prints PASS/FAIL per case.
#
#   make test-host-core          build and run them all (fails if any case fails)

HC_DIR    := tests/host/core
HC_OUT    := $(BUILD)/host-core
HC_CC     := gcc
HC_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
             -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
             -DHOST_TEST -I. -MMD -MP
HC_NAMES  := buddy kmalloc elf fdt bootargs vsnprintf

# Kernel sources under test, per program (each also links its test_NAME.c and shim.c).
HC_SRCS_buddy     := mm/buddy.c
HC_SRCS_kmalloc   := mm/kmalloc.c mm/page_alloc.c mm/buddy.c
HC_SRCS_elf       := proc/elf.c
HC_SRCS_fdt       := lib/fdt.c
HC_SRCS_bootargs  := init/bootargs.c
HC_SRCS_vsnprintf := lib/vsnprintf.c

hc_objs = $(patsubst %.c,$(HC_OUT)/obj/%.o,$(HC_DIR)/test_$(1).c $(HC_DIR)/shim.c $(HC_SRCS_$(1)))
HC_BINS := $(foreach n,$(HC_NAMES),$(HC_OUT)/test_$(n))
HC_OBJS := $(sort $(foreach n,$(HC_NAMES),$(call hc_objs,$(n))))

# The kernel's vsnprintf/snprintf are renamed so that the test can call the host's as the oracle;
# the test itself holds deliberately odd formats.
$(HC_OUT)/obj/lib/vsnprintf.o: HC_XFLAGS := -Dvsnprintf=lv_vsnprintf -Dsnprintf=lv_snprintf
$(HC_OUT)/obj/$(HC_DIR)/test_vsnprintf.o: HC_XFLAGS := -Wno-format

$(HC_OUT)/obj/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(HC_CC) $(HC_CFLAGS) $(HC_XFLAGS) -c $< -o $@

$(foreach n,$(HC_NAMES),$(eval $(HC_OUT)/test_$(n): $(call hc_objs,$(n))))
$(HC_BINS):
	$(HC_CC) $(HC_CFLAGS) $^ -o $@

# QEMU's device tree for the machine Levitate boots on, with a command line and an initrd (QEMU
# needs some -kernel to accept -append/-initrd: a page of zeros will do, it only dumps the DTB).
$(HC_OUT)/virt.dtb: mk/host-core.mk | $(DEPS_STAMP)
	@mkdir -p $(HC_OUT)
	@head -c 4096 /dev/zero > $(HC_OUT)/dummy-kernel
	@printf 'levitate host-core test initrd\n' > $(HC_OUT)/dummy-initrd
	qemu-system-aarch64 -M virt,dumpdtb=$@.tmp -cpu cortex-a72 -m 256M -display none -append "a b" \
	  -kernel $(HC_OUT)/dummy-kernel -initrd $(HC_OUT)/dummy-initrd 2>$(HC_OUT)/dumpdtb.log \
	  || { cat $(HC_OUT)/dumpdtb.log; exit 1; }
	@mv $@.tmp $@

# Real aarch64 executables for the ELF checks besides BusyBox and the guest tests: a static-pie
# and a dynamically linked one, from the cross toolchain.
$(HC_OUT)/sample-static-pie $(HC_OUT)/sample-dynamic: mk/host-core.mk | $(DEPS_STAMP)
	@mkdir -p $(HC_OUT)
	printf 'int main(void) { return 0; }\n' | $(CC) -O2 $(if $(findstring static-pie,$@),-static-pie) -x c - -o $@

# kind:path arguments of test_elf (a missing file is a SKIP: the userland need not be built).
HC_ELF_ARGS = exec:$(BUSYBOX) static-pie:$(HC_OUT)/sample-static-pie dynamic:$(HC_OUT)/sample-dynamic \
              $(addprefix any:,$(wildcard $(BUILD)/tests/*))

.PHONY: test-host-core
test-host-core: $(HC_BINS) $(HC_OUT)/virt.dtb $(HC_OUT)/sample-static-pie $(HC_OUT)/sample-dynamic
	@failed=""; \
	for n in $(HC_NAMES); do \
	  case $$n in \
	    elf) args="$(HC_ELF_ARGS)" ;; \
	    fdt) args="$(HC_OUT)/virt.dtb $(HC_OUT)/dummy-initrd" ;; \
	    *)   args="" ;; \
	  esac; \
	  $(HC_OUT)/test_$$n $$args || failed="$$failed $$n"; \
	done; \
	if [ -n "$$failed" ]; then echo "test-host-core: FAILED:$$failed"; exit 1; fi; \
	echo "test-host-core: all passed"

TEST_DEPS += test-host-core

-include $(HC_OBJS:.o=.d)
