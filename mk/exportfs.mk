# exportfs (serve a part of the namespace over 9P) and clockfs (a
# synthetic server): Lux9 programs on lib/9p, one source file each in
# user/srv/NAME/NAME.c.
XSRV := exportfs clockfs
$(foreach s,$(XSRV),$(B)/usrv/$(s)/$(s).o): $(B)/usrv/%.o: user/srv/%.c $(9P_HDR) $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<
define xsrvlink
$(B)/user/bin/$(1): $(B)/usrv/$(1)/$(1).o $(B)/9p/lib9p-lux9.a $(ULIBC)
	@mkdir -p $$(@D)
	$(ULD) $(ULDFLAGS) -o $$@ $(B)/libc/amd64/start.o $$< \
		$(B)/9p/lib9p-lux9.a $(B)/user/libc.a
endef
$(foreach s,$(XSRV),$(eval $(call xsrvlink,$(s))))
LUXBIN += $(XSRV:%=$(B)/user/bin/%)
ALL += $(XSRV:%=$(B)/user/bin/%)
