# rc, the shell (user/cmd/rc).
#
#	$(B)/user/bin/rc	rc for Lux9 (/bin/rc in the boot archive)
#	$(B)/host/rc		rc on the host through test/unit/rcshim.c (test aid)
#	$(B)/host/rctest	unit tests: lexer, parser, deparser, matching

RC_SRC := $(wildcard user/cmd/rc/*.c)
RC_HDR := user/cmd/rc/rc.h
RC_HOSTOBJ := $(RC_SRC:user/cmd/rc/%.c=$(B)/rc/host/%.o)
RC_LUXOBJ := $(RC_SRC:user/cmd/rc/%.c=$(B)/rc/lux9/%.o)
RC_HOSTFLAGS := $(HOSTCFLAGS) -Itest/unit/rcshim -Ikernel/abi -Ilib/9p

$(B)/rc/host/%.o: user/cmd/rc/%.c $(RC_HDR) test/unit/rcshim/libc.h user/include/libc.h
	@mkdir -p $(@D)
	$(HOSTCC) $(RC_HOSTFLAGS) -c -o $@ $<

$(B)/rc/host/rcshim.o: test/unit/rcshim.c
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -Ikernel/abi -Ilib/9p -c -o $@ $<

$(B)/rc/host/rctest.o: test/unit/rctest.c $(RC_HDR) test/unit/rcdeparse.h
	@mkdir -p $(@D)
	$(HOSTCC) $(RC_HOSTFLAGS) -Iuser/cmd/rc -c -o $@ $<

$(B)/rc/host/rcdeparse.o: test/unit/rcdeparse.c $(RC_HDR) test/unit/rcdeparse.h
	@mkdir -p $(@D)
	$(HOSTCC) $(RC_HOSTFLAGS) -Iuser/cmd/rc -c -o $@ $<

$(B)/host/rc: $(RC_HOSTOBJ) $(B)/rc/host/rcshim.o
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $^

$(B)/host/rctest: $(filter-out %/main.o,$(RC_HOSTOBJ)) $(B)/rc/host/rcshim.o $(B)/rc/host/rctest.o \
		$(B)/rc/host/rcdeparse.o
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -o $@ $^

$(B)/rc/lux9/%.o: user/cmd/rc/%.c $(RC_HDR) $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<

# start.o first, by name, as for every Lux9 program (mk/user.mk)
$(B)/user/bin/rc: $(RC_LUXOBJ) $(B)/libc/amd64/start.o $(B)/user/libc.a
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -o $@ $(B)/libc/amd64/start.o $(RC_LUXOBJ) $(B)/user/libc.a

.PHONY: rc-lux9 rc-lux9-objs
rc-lux9: $(B)/user/bin/rc
rc-lux9-objs: $(RC_LUXOBJ)

LUXBIN += $(B)/user/bin/rc
ALL += $(B)/host/rc $(B)/host/rctest $(B)/user/bin/rc

# libFuzzer over the lexer, parser, deparser and matcher
RC_FUZZSRC := $(filter-out user/cmd/rc/main.c,$(RC_SRC)) test/unit/rcshim.c test/unit/rcfuzz.c \
	test/unit/rcdeparse.c
$(B)/host/rcfuzz: $(RC_FUZZSRC) $(RC_HDR) test/unit/rcshim/libc.h test/unit/rcdeparse.h
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 -Wall -Wextra -Werror -O1 -g \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Itest/unit/rcshim -Ikernel/abi -Ilib/9p -Iuser/cmd/rc -o $@ $(RC_FUZZSRC)
.PHONY: rc-fuzz
rc-fuzz: $(B)/host/rcfuzz
	@mkdir -p $(B)/fuzz/rc
	cd $(B)/fuzz && $(CURDIR)/$(B)/host/rcfuzz -max_total_time=300 -max_len=4096 -close_fd_mask=2 -print_final_stats=1 rc $(CURDIR)/test/sys
FUZZ += rc-fuzz

# make bench: rc's costs in guest instructions (qemu -icount), from
# test/unit/rcbench.c run inside Lux9 as /test/bin/rcbench
$(B)/rc/lux9/rcbench.o: test/unit/rcbench.c $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<
$(B)/user/test/rcbench: $(B)/rc/lux9/rcbench.o $(B)/libc/amd64/start.o $(B)/user/libc.a
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -o $@ $(B)/libc/amd64/start.o $< $(B)/user/libc.a
LUXTEST += $(B)/user/test/rcbench
ALL += $(B)/user/test/rcbench
.PHONY: rc-bench
rc-bench: $(B)/amd64/initrd.cpio $(B)/amd64/lux9.32
	@mkdir -p $(B)/bench
	timeout 900 qemu-system-x86_64 -icount shift=0 -cpu qemu64 -m 256M \
		-display none -no-reboot -monitor none \
		-device isa-debug-exit,iobase=0xf4,iosize=4 -kernel $(B)/amd64/lux9.32 \
		-initrd $(B)/amd64/initrd.cpio -serial stdio \
		-append "init='/test/bin/rcbench'" </dev/null 2>&1 | \
		tr -d '\r' | grep -E '^rc[a-z]+ [0-9]+$$' | tee $(B)/bench/rc.txt
BENCH += rc-bench
