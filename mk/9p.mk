# lib/9p (9P2000 codec and server library), ramfs, their tests and fuzzer.
9P_SRC := lib/9p/fcall.c lib/9p/srv.c
9P_HDR := lib/9p/9p.h lib/9p/9psrv.h
RAMFS_SRC := user/srv/ramfs/ramfs.c
RAMFS_HDR := user/srv/ramfs/ramfs.h
9P_HOSTINC := -Ilib/9p -Iuser/srv/ramfs

# The codec as the kernel compiles it: freestanding, no SSE, no red zone.
9P_KCFLAGS := --target=x86_64-unknown-none-elf -std=gnu11 -ffreestanding \
	-nostdinc -isystem $(shell clang -print-resource-dir)/include \
	-mno-red-zone -mcmodel=kernel -mno-sse -fno-pic -O2 -Wall -Wextra -Werror
$(B)/9p/fcall-kernel.o: lib/9p/fcall.c lib/9p/9p.h
	@mkdir -p $(@D)
	clang $(9P_KCFLAGS) -c -o $@ lib/9p/fcall.c

# The library and ramfs core for Lux9 user programs.
$(B)/9p/lux9/%.o: lib/9p/%.c $(9P_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<
$(B)/9p/lux9/ramfs.o: $(RAMFS_SRC) $(RAMFS_HDR) $(9P_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -Iuser/srv/ramfs -c -o $@ $<
$(B)/9p/lib9p-lux9.a: $(B)/9p/lux9/fcall.o $(B)/9p/lux9/srv.o
	rm -f $@
	llvm-ar rcs $@ $^

# Host programs.
$(B)/host/ramfs9p: $(9P_SRC) $(RAMFS_SRC) user/srv/ramfs/main.c $(9P_HDR) $(RAMFS_HDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $(9P_HOSTINC) -o $@ $(9P_SRC) $(RAMFS_SRC) user/srv/ramfs/main.c
$(B)/host/9pc: $(9P_SRC) tools/9p/9pc.c $(9P_HDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $(9P_HOSTINC) -o $@ lib/9p/fcall.c tools/9p/9pc.c
$(B)/host/9pcodec-test: $(9P_SRC) test/unit/9pcodec.c $(9P_HDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $(9P_HOSTINC) -o $@ lib/9p/fcall.c test/unit/9pcodec.c
$(B)/host/9psrv-test: $(9P_SRC) $(RAMFS_SRC) test/unit/9psrv.c $(9P_HDR) $(RAMFS_HDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $(9P_HOSTINC) -o $@ $(9P_SRC) $(RAMFS_SRC) test/unit/9psrv.c

ALL += $(B)/9p/fcall-kernel.o $(B)/9p/lib9p-lux9.a $(B)/9p/lux9/ramfs.o \
	$(B)/host/ramfs9p $(B)/host/9pc $(B)/host/9pcodec-test $(B)/host/9psrv-test


# libFuzzer over the codec and, through it, the server library and ramfs.
$(B)/host/9p-fuzz: $(9P_SRC) $(RAMFS_SRC) test/unit/9pfuzz.c $(9P_HDR) $(RAMFS_HDR)
	@mkdir -p $(@D)
	clang -std=gnu11 -Wall -Wextra -Werror -O1 -g -fno-omit-frame-pointer \
		-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		$(9P_HOSTINC) -o $@ $(9P_SRC) $(RAMFS_SRC) test/unit/9pfuzz.c
.PHONY: 9p-fuzz
9p-fuzz: $(B)/host/9p-fuzz $(B)/host/9pcodec-test
	rm -rf $(B)/9p/corpus && mkdir -p $(B)/9p/corpus
	$(B)/host/9pcodec-test -seeds $(B)/9p/corpus > /dev/null
	$(B)/host/9p-fuzz -runs=1000000 -max_len=4096 -print_final_stats=1 $(B)/9p/corpus
FUZZ += 9p-fuzz

# Host benchmark of the codec and the server library (reports only).
$(B)/host/9p-bench: $(9P_SRC) $(RAMFS_SRC) test/unit/9pbench.c $(9P_HDR) $(RAMFS_HDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS_FAST) $(9P_HOSTINC) -o $@ $(9P_SRC) $(RAMFS_SRC) test/unit/9pbench.c
.PHONY: 9p-bench
9p-bench: $(B)/host/9p-bench
	$(B)/host/9p-bench
BENCH += 9p-bench
