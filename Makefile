# Lux9 top-level makefile.
#
#	make		build everything (kernel, userland, boot archive, host tools)
#	make run	build and boot Lux9 in QEMU, serial console on this terminal
#	make test	run every test; ends with "N passed, N failed"
#	make bench	benchmarks under qemu -icount (not part of make test)
#	make fuzz	libFuzzer targets (host, ASan+UBSan)
#	make iso	GRUB ISO image that boots with -cdrom
#
# Each part of the system has its own fragment in mk/*.mk, which adds its
# products to ALL, and its benchmark and fuzz targets to BENCH and FUZZ.

B := build
# Reference data of other projects, beside the checkout or in /work/shared.
TESTDATA ?= $(if $(wildcard ../shared/testdata),../shared/testdata,/work/shared/testdata)
# build in parallel on every core unless told otherwise
MAKEFLAGS += -j$(shell nproc)
HOSTCC := clang
HOSTCFLAGS := -std=gnu11 -Wall -Wextra -Werror -O1 -g \
	-fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
# Optimised host build for tools whose speed matters (benchmarks).
HOSTCFLAGS_FAST := -std=gnu11 -Wall -Wextra -Werror -O2 -g

# Lux9 user programs (x86_64, static, freestanding, our own libc).
UCC := clang
UCFLAGS := --target=x86_64-unknown-none-elf -std=gnu11 -ffreestanding \
	-nostdinc -isystem $(shell clang -print-resource-dir)/include \
	-Iuser/include -Ikernel/abi -Ilib/9p -I$(B)/include -O2 -g -Wall -Wextra -Werror \
	-fno-stack-protector -fno-pic -fno-omit-frame-pointer -mcmodel=small
ULD := ld.lld
ULDFLAGS := -static -nostdlib -T user/user.ld

ALL :=
BENCH :=
FUZZ :=

.PHONY: all deps deps-ok everything run test bench fuzz iso clean
# Packages first (tools/deps), then everything else in parallel.
all:
	@$(MAKE) --no-print-directory deps-ok
	@$(MAKE) --no-print-directory everything

# Install missing Debian packages once per build tree.
deps-ok: $(B)/.deps
$(B)/.deps: tools/deps
	@mkdir -p $(B)
	tools/deps
	@touch $@
deps: ; tools/deps

include $(sort $(wildcard mk/*.mk))

everything: $(ALL)

test: all
	tools/runtests

bench: all $(BENCH)

fuzz: all $(FUZZ)

clean:
	rm -rf $(B)
