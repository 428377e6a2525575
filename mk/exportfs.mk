# exportfs (serve a part of the namespace over 9P) and clockfs (a
# synthetic server): Lux9 programs on lib/9p, one source file each in
# user/srv/NAME/NAME.c.  (This fragment is read before libc's and
# user's, whose variables are not set yet: full paths.)
XSRV := exportfs clockfs
XSRVLIBC := $(B)/libc/amd64/start.o $(B)/user/libc.a
$(foreach s,$(XSRV),$(B)/usrv/$(s)/$(s).o): $(B)/usrv/%.o: user/srv/%.c $(9P_HDR) \
		$(wildcard user/include/*.h) $(B)/include/sysnum.h user/srv/lib/srvpipe.h
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -Iuser/srv/lib -c -o $@ $<
define xsrvlink
$(B)/user/bin/$(1): $(B)/usrv/$(1)/$(1).o $(B)/usrv/srvpipe.o $(B)/9p/lib9p-lux9.a $(XSRVLIBC)
	@mkdir -p $$(@D)
	$(ULD) $(ULDFLAGS) -o $$@ $(B)/libc/amd64/start.o $$< $(B)/usrv/srvpipe.o \
		$(B)/9p/lib9p-lux9.a $(B)/user/libc.a
endef
$(foreach s,$(XSRV),$(eval $(call xsrvlink,$(s))))
LUXBIN += $(XSRV:%=$(B)/user/bin/%)
ALL += $(XSRV:%=$(B)/user/bin/%)
