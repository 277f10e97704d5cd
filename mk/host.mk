# Host unit tests of the filesystem layer (`make test-host`, part of `make test`): fs/*.c compiled
# for the build machine with -DHOST_TEST under AddressSanitizer and UBSan, linked with
# tests/host/fs/shim_fs.c (kmalloc = malloc, user memory = host memory with small addresses
# faulting, a static `current`, host clocks, non-blocking wait queues) and tests/host/core/shim.c
# (printk, panic, strlcpy). The kernel core's host tests are mk/host-core.mk's (test-host-core).
#
# Every tests/host/<dir>/test_<name>.c outside tests/host/core/ is one program, built to
# build/host/<dir>/test_<name> and run; it prints "PASS case" / "FAIL case: reason" lines
# (tests/host/core/harness.h) and exits non-zero if a case failed. test-host runs them all and
# fails if any failed. See tests/host/README for adding tests.
#
# Sources a test links, first match wins:
#   HOST_SRCS_test_<name> := ...    set in this file, before the rules are generated below;
#   a line `HOST_SRCS: a.c b.c` in the test source (e.g. in its header comment);
#   the default: all of fs/*.c + the two shims (whose stand-ins are weak: a test may link the
#   real implementation of one instead).
# HOST_ARGS_test_<name> (evaluated when the test runs) are its command-line arguments.

HOST_CC     ?= gcc
HOST_OUT    := $(BUILD)/host
HOST_CFLAGS := -std=gnu11 -g -O1 -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare \
               -Wno-unused-function -fsanitize=address,undefined -fno-sanitize-recover=all \
               -fno-omit-frame-pointer -DHOST_TEST -I. -I$(BUILD)/gen -MMD -MP

HOST_SHIMS    := tests/host/fs/shim_fs.c tests/host/core/shim.c
HOST_DEF_SRCS := $(wildcard fs/*.c) $(HOST_SHIMS)

HOST_TESTS := $(patsubst tests/host/%.c,%,$(filter-out tests/host/core/%,$(wildcard tests/host/*/test_*.c)))
HOST_BINS  := $(addprefix $(HOST_OUT)/,$(HOST_TESTS))
host_srcs_line = $(shell sed -n 's/^.*HOST_SRCS:[[:space:]]*\([^*]*\).*$$/\1/p' tests/host/$(1).c)
host_srcs      = $(or $(HOST_SRCS_$(notdir $(1))),$(call host_srcs_line,$(1)),$(HOST_DEF_SRCS))
host_objs      = $(patsubst %.c,$(HOST_OUT)/obj/%.o,tests/host/$(1).c $(call host_srcs,$(1)))

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
	@fail=""; \
	$(foreach t,$(HOST_TESTS),$(HOST_OUT)/$(t) $(HOST_ARGS_$(notdir $(t))) || fail="$$fail $(t)";) \
	if [ -n "$$fail" ]; then echo "test-host: FAILED:$$fail"; exit 1; fi; \
	echo "test-host: all $(words $(HOST_BINS)) programs passed"

-include $(foreach t,$(HOST_TESTS),$(patsubst %.o,%.d,$(call host_objs,$(t))))

TEST_DEPS += test-host
