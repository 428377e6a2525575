# Lux9 commands (user/cmd/NAME.c, one file each) into $(B)/user/bin, the
# kernel test programs (test/kern/NAME.c) into $(B)/user/test, and the
# boot archive $(B)/amd64/initrd.cpio made from them, user/root,
# test/sys and the manual.  Other fragments add their Lux9 programs to
# LUXBIN (they go in /bin) and LUXTEST (in /test/bin).
UCMD := $(patsubst user/cmd/%.c,$(B)/user/bin/%,$(wildcard user/cmd/*.c))
UTEST := $(patsubst test/kern/%.c,$(B)/user/test/%,$(wildcard test/kern/*.c))
ULIBC := $(B)/libc/amd64/start.o $(B)/user/libc.a
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
$(B)/amd64/initrd.cpio: $$(LUXBIN) $$(LUXTEST) tools/mkinitrd \
		$$(shell find user/root test/sys doc/man -type f 2>/dev/null)
	tools/mkinitrd $@ "$(LUXBIN)" "$(LUXTEST)"

ALL += $(UCMD) $(UTEST) $(B)/amd64/initrd.cpio
