# Host unit tests (`make test-host`, part of `make test`): kernel sources compiled for the build
# machine with -DHOST_TEST under AddressSanitizer and UBSan, linked with small shims.
#
# Layout: every tests/host/<dir>/test_<name>.c is one test program, built to
# build/host/<dir>/test_<name> and run; it prints "PASS case" / "FAIL case: reason" lines (see
# tests/host/core/harness.h) and exits non-zero if a case failed. test-host fails if any program
# fails (all of them run regardless).
#
# Which kernel sources a test links:
#   HOST_SRCS_test_<name>   for that one test, else
#   HOST_SRCS_DIR_<dir>     the default of its directory.
# To add a test of, say, mm/vm.c: write tests/host/core/test_vm.c (include "harness.h" and the
# headers under test; define what the code needs from elsewhere, e.g. `u64 host_phys_offset;`) and
# add below `HOST_SRCS_test_vm := mm/vm.c $(HOST_CORE_SHIM)`. fs tests (tests/host/fs/) get all of
# fs/*.c plus tests/host/fs/shim_fs.c, whose stand-ins are weak so a test may link the real thing.
# Lines must be added in this file (the rules are generated when it is read).

HOST_CC     ?= gcc
HOST_OUT    := $(BUILD)/host
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
               -Wno-unused-function -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer -DHOST_TEST -I. -I$(BUILD)/gen -MMD -MP

HOST_CORE_SHIM := tests/host/core/shim.c
HOST_FS_SRCS   := $(wildcard fs/*.c) tests/host/fs/shim_fs.c $(HOST_CORE_SHIM)

HOST_SRCS_DIR_core := $(HOST_CORE_SHIM)
HOST_SRCS_DIR_fs   := $(HOST_FS_SRCS)
HOST_SRCS_test_buddy   := mm/buddy.c $(HOST_CORE_SHIM)
HOST_SRCS_test_kmalloc := mm/buddy.c mm/page_alloc.c mm/kmalloc.c $(HOST_CORE_SHIM)

HOST_TESTS := $(patsubst tests/host/%.c,%,$(wildcard tests/host/*/test_*.c))
HOST_BINS  := $(addprefix $(HOST_OUT)/,$(HOST_TESTS))
host_srcs   = $(or $(HOST_SRCS_$(notdir $(1))),$(HOST_SRCS_DIR_$(patsubst %/,%,$(dir $(1)))))
host_objs   = $(patsubst %.c,$(HOST_OUT)/obj/%.o,tests/host/$(1).c $(call host_srcs,$(1)))

$(HOST_OUT)/obj/%.o: %.c $(BUILD)/gen/syscall_decls.h
	@mkdir -p $(dir $@)
	$(HOST_CC) $(HOST_CFLAGS) -c $< -o $@

define host_test_rule
$(HOST_OUT)/$(1): $(call host_objs,$(1))
	@mkdir -p $$(dir $$@)
	$(HOST_CC) $(HOST_CFLAGS) $$^ -o $$@
endef
$(foreach t,$(HOST_TESTS),$(eval $(call host_test_rule,$(t))))

.PHONY: test-host
test-host: $(HOST_BINS)
	@fail=0; for t in $(HOST_BINS); do \
	    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 $$t || { echo "test-host: $$t FAILED"; fail=1; }; \
	done; \
	if [ $$fail = 0 ]; then echo "test-host: all $(words $(HOST_BINS)) programs passed"; fi; exit $$fail

-include $(foreach t,$(HOST_TESTS),$(patsubst %.o,%.d,$(call host_objs,$(t))))

TEST_DEPS += test-host
