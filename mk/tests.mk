# Tests. `make test` runs $(TEST_DEPS) (other fragments append check-abi, test-host, ...) and then
# test-guest. TEST_DEPS may be appended in fragments included after this one, so the prerequisite
# list of `test` is expanded a second time, after all of mk/*.mk has been read.
#
# test-guest: every program in tests/guest/TESTS runs under qemu-aarch64 (the Linux oracle) and on
# Levitate (tools/lvrun); both runs must pass. GUEST_TESTS=name1,name2 selects tests.

GUEST_TESTS ?=
GUEST_JOBS  ?= 2

.PHONY: test test-guest
test-guest: initramfs userland | $(DEPS_STAMP)
	$(PYTHON) tests/run-guest -j $(GUEST_JOBS) $(subst $(comma), ,$(GUEST_TESTS))

comma := ,

.SECONDEXPANSION:
test: $$(TEST_DEPS) test-guest
