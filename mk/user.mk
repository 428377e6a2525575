# Lux9 commands (user/cmd/NAME.c, one file each) into $(B)/user/bin, the
# kernel test programs (test/kern/NAME.c) into $(B)/user/test, and the
# boot archive $(B)/amd64/initrd.cpio made from them, user/root,
# test/sys and the manual.  Other fragments add their Lux9 programs to
# LUXBIN (they go in /bin), LUXTEST (in /test/bin) and LUXLIB (translators,
# in /lib/trans).
UCMD := $(patsubst user/cmd/%.c,$(B)/user/bin/%,$(wildcard user/cmd/*.c))
UTEST := $(patsubst test/kern/%.c,$(B)/user/test/%,$(wildcard test/kern/*.c))
ULIBC := $(B)/libc/amd64/start.o $(B)/user/libc.a
# keep the objects: builds sharing build/ must not lose them midway
.SECONDARY:
LUXBIN += $(UCMD)
LUXTEST += $(UTEST)

$(B)/ucmd/%.o: user/cmd/%.c $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<
$(B)/user/bin/%: $(B)/ucmd/%.o $(ULIBC)
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -o $@ $(B)/libc/amd64/start.o $< $(B)/user/libc.a

$(B)/utest/%.o: test/kern/%.c $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<
$(B)/user/test/%: $(B)/utest/%.o $(ULIBC)
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -o $@ $(B)/libc/amd64/start.o $< $(B)/user/libc.a

.SECONDEXPANSION:
$(B)/amd64/initrd.cpio: $$(LUXBIN) $$(LUXTEST) $$(LUXLIB) tools/mkinitrd \
		$$(shell find user/root test/sys doc/man -type f 2>/dev/null)
	tools/mkinitrd $@ "$(LUXBIN)" "$(LUXTEST)" "$(LUXLIB)"

ALL += $(UCMD) $(UTEST) $(B)/amd64/initrd.cpio

# What the Lux9 file servers share (serving on a pipe, posting, mounting):
# user/srv/lib, linked into each (rules here and in mk/exportfs.mk, transfs.mk).
$(B)/usrv/srvpipe.o: user/srv/lib/srvpipe.c user/srv/lib/srvpipe.h $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -Iuser/srv/lib -c -o $@ $<

# ramfs for Lux9: the portable core (user/srv/ramfs/ramfs.c) and lib/9p.
$(B)/usrv/ramfs/%.o: user/srv/ramfs/%.c user/srv/ramfs/ramfs.h user/srv/lib/srvpipe.h $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -Iuser/srv/ramfs -Iuser/srv/lib -c -o $@ $<
$(B)/user/bin/ramfs: $(B)/usrv/ramfs/ramfs.o $(B)/usrv/ramfs/lux9.o $(B)/usrv/srvpipe.o $(B)/9p/lib9p-lux9.a $(ULIBC)
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -o $@ $(B)/libc/amd64/start.o $(B)/usrv/ramfs/lux9.o \
		$(B)/usrv/ramfs/ramfs.o $(B)/usrv/srvpipe.o $(B)/9p/lib9p-lux9.a $(B)/user/libc.a
LUXBIN += $(B)/user/bin/ramfs
ALL += $(B)/user/bin/ramfs
