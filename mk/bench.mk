# Benchmarks (issue 6): Levitate against Linux on the same emulated machine; docs/PERFORMANCE.md.
#
#   make bench          build everything and run the whole comparison (tools/bench-run): several
#                       rounds on Levitate and on Debian's arm64 Linux, boot times, minimum memory,
#                       the svc floor; the report goes to build/bench/report.md (+ results.json).
#                       BENCH_ARGS adds runner options, e.g. BENCH_ARGS="--rounds 5" or
#                       BENCH_ARGS="--doc docs/PERFORMANCE.md" (rewrite the doc's table).
#   make check-bench    (part of make test) bench --quick on Levitate (and under qemu-aarch64)
#                       prints valid JSON lines for every benchmark; well under 60 s.
#
# build/bench/bench       tools/bench/bench.c, static glibc
# build/bench/floor.elf   tools/bench/floor/: bare EL1 image timing `svc #0` + `eret`
# build/bench/linux/Image Debian's linux-image-arm64 kernel (tools/bench/fetch-linux, cached in
#                         cache/; only `make bench` needs it, not `make check-bench`)

BENCH_OUT   := $(BUILD)/bench
BENCH_BIN   := $(BENCH_OUT)/bench
BENCH_FLOOR := $(BENCH_OUT)/floor.elf
BENCH_LINUX := $(BENCH_OUT)/linux/Image
BENCH_ARGS  ?=

FLOOR_SRCS  := tools/bench/floor/start.S tools/bench/floor/floor.c
FLOOR_FLAGS := -ffreestanding -nostdlib -static -no-pie -fno-pie -O2 -mgeneral-regs-only \
               -fno-stack-protector -Wall -Wextra -Wl,--build-id=none \
               -Wl,-T,tools/bench/floor/floor.ld -Wl,-z,max-page-size=4096

.PHONY: bench bench-deps check-bench
bench-deps: kernel initramfs $(BENCH_BIN) $(BENCH_FLOOR) $(BENCH_LINUX)

$(BENCH_BIN): tools/bench/bench.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) -static -O2 -g -Wall -Wextra -pthread $< -o $@

$(BENCH_FLOOR): $(FLOOR_SRCS) tools/bench/floor/floor.ld | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(FLOOR_FLAGS) $(FLOOR_SRCS) -o $@

$(BENCH_LINUX): tools/bench/fetch-linux tools/fetch-debs | $(DEPS_STAMP)
	tools/bench/fetch-linux -c $(CACHE) -o $@

bench: bench-deps
	$(PYTHON) tools/bench-run --no-build $(BENCH_ARGS)

check-bench: kernel initramfs $(BENCH_BIN)
	$(PYTHON) tools/bench-run --no-build --check

TEST_DEPS += check-bench
