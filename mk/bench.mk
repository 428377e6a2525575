# make bench: Lux9's instruction counts under qemu -icount next to the
# Linux guest's (mk/linuxvm.mk), with ratios.  See doc/PERFORMANCE.md.
# (libc's variables are not set yet when this fragment is read: full paths)
BLIBC := $(B)/libc/amd64/start.o $(B)/user/libc.a
$(B)/bench/lux9/%.o: bench/lux9/%.c $(wildcard user/include/*.h) $(B)/include/sysnum.h
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<
$(B)/bench/lux9/%.o: bench/lux9/%.S
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<
$(B)/user/test/bench: $(B)/bench/lux9/bench.o $(BLIBC)
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -o $@ $(B)/libc/amd64/start.o $< $(B)/user/libc.a
$(B)/user/test/tiny: $(B)/bench/lux9/tiny.o
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -o $@ $<
$(B)/bench/bootinit/init: $(B)/bench/lux9/bootstart.o $(B)/bench/lux9/boot.o $(BLIBC)
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -e _bootstart -o $@ $(B)/bench/lux9/bootstart.o \
		$(B)/libc/amd64/start.o $(B)/bench/lux9/boot.o $(B)/user/libc.a
LUXTEST += $(B)/user/test/bench $(B)/user/test/tiny
ALL += $(B)/user/test/bench $(B)/user/test/tiny $(B)/bench/bootinit/init

.PHONY: bench-lux9
bench-lux9: $(B)/amd64/lux9.32 $(B)/amd64/initrd.cpio $(B)/bench/bootinit/init $(B)/bench/linux.txt
	tools/bench
BENCH += bench-lux9
