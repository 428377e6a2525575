# transfs: trans(1), the translating file server transfs(4), for Lux9.
# The translators ($(B)/trans/*.wasm, built by mk/wasm.mk) go in the boot
# archive's /bin with the programs, where trans looks after /lib/trans;
# the test module trap.wasm goes in /test/bin.
TRANSFSSRC := user/srv/transfs/chain.c user/srv/transfs/fs.c user/srv/transfs/trans.c
TRANSFSOBJ := $(TRANSFSSRC:user/srv/transfs/%.c=$(B)/transfs/%.o)

$(B)/transfs/%.o: user/srv/transfs/%.c user/srv/transfs/transfs.h lib/wasm/wasm.h \
		user/srv/lib/srvpipe.h $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -Ilib/wasm -Iuser/srv/lib -c -o $@ $<
$(B)/user/bin/trans: $(TRANSFSOBJ) $(B)/usrv/srvpipe.o $(B)/wasm/libwasm-lux9.a $(B)/9p/lib9p-lux9.a \
		$(B)/libc/amd64/start.o $(B)/user/libc.a
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -o $@ $(B)/libc/amd64/start.o $(TRANSFSOBJ) $(B)/usrv/srvpipe.o \
		$(B)/wasm/libwasm-lux9.a $(B)/9p/lib9p-lux9.a $(B)/user/libc.a

$(B)/transfs/trap.wasm: user/srv/transfs/trap.c
	@mkdir -p $(@D)
	clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror -o $@ $<

LUXBIN += $(B)/user/bin/trans
LUXLIB += $(TRANSWASM) $(B)/trans/nl.wasm
LUXTEST += $(B)/transfs/trap.wasm
ALL += $(B)/user/bin/trans $(B)/transfs/trap.wasm
