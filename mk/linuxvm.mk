# Linux guest for 9P interop tests and reference benchmarks (tools/linuxvm,
# bench/linux). Debian's kernel is fetched and unpacked, never installed.
LVM := $(B)/linux
LVMCC := gcc
LVMCFLAGS := -static -O2 -std=gnu11 -Wall -Wextra -Werror
LVMBENCH := nullsys pipert forkexec fork pread8k read16m pipe64m tiny
LVMBIN := $(LVM)/bin/init $(LVM)/bin/relay $(LVMBENCH:%=$(LVM)/bin/%)

# Every rule waits for tools/deps (gcc, libc6-dev, binutils, xz-utils,
# busybox-static, cpio), which make all may run in parallel with it.
$(LVM)/bin/init: tools/linuxvm/init.c | $(B)/.deps
	@mkdir -p $(@D)
	$(LVMCC) $(LVMCFLAGS) -Wl,-e,initentry -o $@ $<
$(LVM)/bin/relay: tools/linuxvm/relay.c | $(B)/.deps
	@mkdir -p $(@D)
	$(LVMCC) $(LVMCFLAGS) -o $@ $<
# tiny: the smallest static program, what forkexec runs (no libc start-up)
$(LVM)/bin/tiny: bench/linux/tiny.c | $(B)/.deps
	@mkdir -p $(@D)
	$(LVMCC) $(LVMCFLAGS) -nostdlib -o $@ $<
$(LVM)/bin/%: bench/linux/%.c bench/linux/tsc.h | $(B)/.deps
	@mkdir -p $(@D)
	$(LVMCC) $(LVMCFLAGS) -o $@ $<

$(LVM)/vmlinuz $(LVM)/initramfs.cpio &: tools/linuxvm/mkguest tools/linuxvm/rc $(LVMBIN) | $(B)/.deps
	tools/linuxvm/mkguest $(LVM) /init=$(LVM)/bin/init \
		/bin/relay=$(LVM)/bin/relay $(foreach b,$(LVMBENCH),/bench/$(b)=$(LVM)/bin/$(b))

ALL += $(LVM)/vmlinuz $(LVM)/initramfs.cpio

# The figures are instruction counts of a fixed kernel: measured again only
# when the guest or the tools change (rm the file to force). Lux9's
# benchmarks can depend on $(B)/bench/linux.txt for their ratios.
$(B)/bench/linux.txt: $(LVM)/vmlinuz $(LVM)/initramfs.cpio tools/linuxvm/bench tools/linuxvm/boot
	@mkdir -p $(@D)
	tools/linuxvm/bench $@ > $(B)/bench/linux.log 2>&1 || \
		{ cat $(B)/bench/linux.log; exit 1; }
.PHONY: bench-linux
bench-linux: $(B)/bench/linux.txt
	@cat $(B)/bench/linux.log
BENCH += bench-linux
