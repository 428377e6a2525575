# user/libc: Lux9's C library, $(B)/user/libc.a (with the system-call
# stubs made from kernel/port/syscall.tab), a first program to boot
# ($(B)/user/hello), and its tests: a host unit test, a program run on
# the host by libcrun and inside Lux9, a fuzzer and a benchmark.

# lib/9p's codec is part of libc: dirstat and friends pack and unpack with it.
LIBC_SRC := $(sort $(wildcard user/libc/*.c)) lib/9p/fcall.c
LIBC_ASM := $(sort $(wildcard user/libc/amd64/*.S))
LIBC_HDR := $(wildcard user/include/*.h) kernel/abi/abi.h lib/9p/9p.h $(B)/include/sysnum.h
LIBC_OBJ := $(patsubst lib/9p/%.c,$(B)/libc/9p-%.o,$(LIBC_SRC:user/libc/%.c=$(B)/libc/%.o)) \
	$(LIBC_ASM:user/libc/amd64/%.S=$(B)/libc/amd64/%.o) $(B)/libc/sys.o

$(B)/libc/%.o: user/libc/%.c $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<

$(B)/libc/9p-%.o: lib/9p/%.c lib/9p/9p.h
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

# $(call libc_prog,NAME,SOURCE): a Lux9 program on libc.a; start.o is
# linked first, by name, so every program has _start.
define libc_prog
$(B)/user/$(1): $(2) $(B)/user/libc.a $$(LIBC_HDR)
	$$(UCC) $$(UCFLAGS) -c -o $(B)/libc/$(1).o $(2)
	$$(ULD) $$(ULDFLAGS) $$(LIBC_LDFLAGS) -o $$@ $(B)/libc/amd64/start.o $(B)/libc/$(1).o $(B)/user/libc.a
endef
$(eval $(call libc_prog,hello,test/unit/libchello.c))
$(eval $(call libc_prog,libctarget,test/unit/libctarget.c))

# For the host, the same sources are built freestanding and merged into
# one object whose symbols get the prefix lux_ (so they do not meet
# glibc's), except the sanitizers' own entry points:
# $(call libc_host,DIR,FLAGSVAR) makes $(B)/libc/DIR/lux.o.
LIBC_HOSTINC := -ffreestanding -fno-builtin -nostdinc \
	-isystem $(shell clang -print-resource-dir)/include \
	-Iuser/include -Ikernel/abi -Ilib/9p -I$(B)/include
LIBC_HOSTCFLAGS := $(HOSTCFLAGS) $(LIBC_HOSTINC)
LIBC_FUZZCFLAGS := $(HOSTCFLAGS) -fsanitize=fuzzer-no-link $(LIBC_HOSTINC)
LIBC_BENCHCFLAGS := $(HOSTCFLAGS_FAST) $(LIBC_HOSTINC)
LIBC_FAKE := test/unit/libcfake.c test/unit/libcfake.h test/unit/libclux.h
LIBC_HOBJ = $(patsubst lib/9p/%.c,$(B)/libc/$(1)/9p-%.o,$(LIBC_SRC:user/libc/%.c=$(B)/libc/$(1)/%.o))
define libc_host
$(B)/libc/$(1)/%.o: user/libc/%.c $$(LIBC_HDR)
	@mkdir -p $$(@D)
	$$(HOSTCC) $$($(2)) -c -o $$@ $$<
$(B)/libc/$(1)/9p-%.o: lib/9p/%.c lib/9p/9p.h
	@mkdir -p $$(@D)
	$$(HOSTCC) $$($(2)) -c -o $$@ $$<
$(B)/libc/$(1)/lux.o: $(call LIBC_HOBJ,$(1)) test/unit/libcprefix.sh
	test/unit/libcprefix.sh $$@ $(call LIBC_HOBJ,$(1))
endef
$(eval $(call libc_host,host,LIBC_HOSTCFLAGS))
$(eval $(call libc_host,fuzz,LIBC_FUZZCFLAGS))
$(eval $(call libc_host,bench,LIBC_BENCHCFLAGS))

$(B)/host/libctest: test/unit/libctest.c $(LIBC_FAKE) $(B)/libc/host/lux.o
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -D_GNU_SOURCE -Ilib/9p -o $@ \
		test/unit/libctest.c test/unit/libcfake.c $(B)/libc/host/lux.o

# libcrun runs Lux9 programs on the host (syscalls translated under
# ptrace) so libc's start-up, break and I/O are tested for real.
$(B)/host/libcrun: test/unit/libcrun.c $(B)/include/sysnum.h lib/9p/9p.h
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -I$(B)/include -Ilib/9p -o $@ test/unit/libcrun.c

ALL += $(B)/user/libc.a $(B)/user/hello $(B)/host/libctest $(B)/host/libcrun $(B)/user/libctarget
# libctarget also goes in the boot archive's /test/bin, for tools/systest.
LUXTEST += $(B)/user/libctarget

# libFuzzer over libc's parsers (make fuzz).
$(B)/host/libcfuzz: test/unit/libcfuzz.c $(LIBC_FAKE) $(B)/libc/fuzz/lux.o
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -fsanitize=fuzzer -D_GNU_SOURCE -Ilib/9p -o $@ \
		test/unit/libcfuzz.c test/unit/libcfake.c $(B)/libc/fuzz/lux.o

.PHONY: libc-fuzz
libc-fuzz: $(B)/host/libcfuzz
	@mkdir -p $(B)/libc/corpus
	cd $(B)/libc && host=$$(pwd)/../host && \
		$$host/libcfuzz -runs=300000 -max_len=4096 -print_final_stats=1 corpus
FUZZ += libc-fuzz

# Timings against glibc (make bench).
$(B)/host/libcbench: test/unit/libcbench.c $(LIBC_FAKE) $(B)/libc/bench/lux.o
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS_FAST) -D_GNU_SOURCE -Ilib/9p -o $@ \
		test/unit/libcbench.c test/unit/libcfake.c $(B)/libc/bench/lux.o

.PHONY: libc-bench
libc-bench: $(B)/host/libcbench
	$(B)/host/libcbench
BENCH += libc-bench
