# user/libc: Lux9's C library, $(B)/user/libc.a (with the system-call
# stubs made from kernel/port/syscall.tab), a first program to boot
# ($(B)/user/hello), and the host unit test of its pure parts.

LIBC_SRC := $(sort $(wildcard user/libc/*.c))
LIBC_ASM := $(sort $(wildcard user/libc/amd64/*.S))
LIBC_HDR := $(wildcard user/include/*.h) kernel/abi/abi.h lib/9p/9p.h $(B)/include/sysnum.h
LIBC_OBJ := $(LIBC_SRC:user/libc/%.c=$(B)/libc/%.o) \
	$(LIBC_ASM:user/libc/amd64/%.S=$(B)/libc/amd64/%.o) $(B)/libc/sys.o

$(B)/libc/%.o: user/libc/%.c $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<

$(B)/libc/amd64/%.o: user/libc/amd64/%.S
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<

$(B)/libc/sys.o: $(B)/user/sys.S
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<

$(B)/user/libc.a: $(LIBC_OBJ)
	@mkdir -p $(@D)
	rm -f $@
	llvm-ar rcs $@ $(LIBC_OBJ)

# user/user.ld puts .rodata right after .text in the same page but in
# a separate read-only segment, so a loader mapping whole pages makes
# the end of .text unexecutable; one R+X segment for both avoids that.
LIBC_LDFLAGS := --no-rosegment

# start.o is linked first, by name, so every program has _start.
$(B)/user/hello: test/unit/libchello.c $(B)/user/libc.a $(LIBC_HDR)
	$(UCC) $(UCFLAGS) -c -o $(B)/libc/hello.o test/unit/libchello.c
	$(ULD) $(ULDFLAGS) $(LIBC_LDFLAGS) -o $@ $(B)/libc/amd64/start.o $(B)/libc/hello.o $(B)/user/libc.a

# Host test: the same sources built freestanding for the host, merged
# into one object whose symbols get the prefix lux_ (so they do not
# meet glibc's), except the sanitizers' own entry points.
LIBC_HOSTCFLAGS := $(HOSTCFLAGS) -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell clang -print-resource-dir)/include \
	-Iuser/include -Ikernel/abi -Ilib/9p -I$(B)/include
LIBC_HOBJ := $(LIBC_SRC:user/libc/%.c=$(B)/libc/host/%.o)

$(B)/libc/host/%.o: user/libc/%.c $(LIBC_HDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(LIBC_HOSTCFLAGS) -c -o $@ $<

$(B)/libc/host/lux.o: $(LIBC_HOBJ) test/unit/libcprefix.sh
	test/unit/libcprefix.sh $@ $(LIBC_HOBJ)

$(B)/host/libctest: test/unit/libctest.c test/unit/libcfake.c test/unit/libcfake.h test/unit/libclux.h $(B)/libc/host/lux.o
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -D_GNU_SOURCE -Ilib/9p -o $@ test/unit/libctest.c test/unit/libcfake.c $(B)/libc/host/lux.o

ALL += $(B)/user/libc.a $(B)/user/hello $(B)/host/libctest

# libcrun runs Lux9 programs on the host (syscalls translated under
# ptrace) so libc's start-up, break and I/O are tested for real.
$(B)/host/libcrun: test/unit/libcrun.c $(B)/include/sysnum.h lib/9p/9p.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -I$(B)/include -Ilib/9p -o $@ test/unit/libcrun.c

$(B)/user/libctarget: test/unit/libctarget.c $(B)/user/libc.a $(LIBC_HDR)
	$(UCC) $(UCFLAGS) -c -o $(B)/libc/libctarget.o test/unit/libctarget.c
	$(ULD) $(ULDFLAGS) $(LIBC_LDFLAGS) -o $@ $(B)/libc/amd64/start.o $(B)/libc/libctarget.o $(B)/user/libc.a

ALL += $(B)/host/libcrun $(B)/user/libctarget
# ... and it goes in the boot archive's /test/bin, for tools/systest.
LUXTEST += $(B)/user/libctarget

# libFuzzer over libc's parsers: the sources again, with coverage.
LIBC_FOBJ := $(LIBC_SRC:user/libc/%.c=$(B)/libc/fuzz/%.o)

$(B)/libc/fuzz/%.o: user/libc/%.c $(LIBC_HDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(LIBC_HOSTCFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(B)/libc/fuzz/lux.o: $(LIBC_FOBJ) test/unit/libcprefix.sh
	test/unit/libcprefix.sh $@ $(LIBC_FOBJ)

$(B)/host/libcfuzz: test/unit/libcfuzz.c test/unit/libcfake.c test/unit/libcfake.h test/unit/libclux.h $(B)/libc/fuzz/lux.o
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -fsanitize=fuzzer -D_GNU_SOURCE -Ilib/9p -o $@ \
		test/unit/libcfuzz.c test/unit/libcfake.c $(B)/libc/fuzz/lux.o

.PHONY: libc-fuzz
libc-fuzz: $(B)/host/libcfuzz
	@mkdir -p $(B)/libc/corpus
	$(B)/host/libcfuzz -runs=300000 -max_len=4096 -print_final_stats=1 $(B)/libc/corpus
FUZZ += libc-fuzz

# Timings against glibc (make bench): libc built -O2, no sanitizers.
LIBC_BOBJ := $(LIBC_SRC:user/libc/%.c=$(B)/libc/bench/%.o)
LIBC_BENCHFLAGS := $(HOSTCFLAGS_FAST) -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell clang -print-resource-dir)/include \
	-Iuser/include -Ikernel/abi -Ilib/9p -I$(B)/include

$(B)/libc/bench/%.o: user/libc/%.c $(LIBC_HDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(LIBC_BENCHFLAGS) -c -o $@ $<

$(B)/libc/bench/lux.o: $(LIBC_BOBJ) test/unit/libcprefix.sh
	test/unit/libcprefix.sh $@ $(LIBC_BOBJ)

$(B)/host/libcbench: test/unit/libcbench.c test/unit/libcfake.c test/unit/libcfake.h test/unit/libclux.h $(B)/libc/bench/lux.o
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS_FAST) -D_GNU_SOURCE -Ilib/9p -o $@ \
		test/unit/libcbench.c test/unit/libcfake.c $(B)/libc/bench/lux.o

.PHONY: libc-bench
libc-bench: $(B)/host/libcbench
	$(B)/host/libcbench
BENCH += libc-bench
