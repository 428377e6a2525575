# exportfs (serve a part of the namespace over 9P), clockfs (a synthetic
# server) and the kbadsrv test, all Lux9 programs on lib/9p.
$(B)/usrv/exportfs/%.o: user/srv/exportfs/%.c $(9P_HDR) $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<
$(B)/user/bin/exportfs: $(B)/usrv/exportfs/exportfs.o $(B)/9p/lib9p-lux9.a $(ULIBC)
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -o $@ $(B)/libc/amd64/start.o $< \
		$(B)/9p/lib9p-lux9.a $(B)/user/libc.a

$(B)/usrv/clockfs/%.o: user/srv/clockfs/%.c $(9P_HDR) $(LIBC_HDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -c -o $@ $<
$(B)/user/bin/clockfs: $(B)/usrv/clockfs/clockfs.o $(B)/9p/lib9p-lux9.a $(ULIBC)
	@mkdir -p $(@D)
	$(ULD) $(ULDFLAGS) -o $@ $(B)/libc/amd64/start.o $< \
		$(B)/9p/lib9p-lux9.a $(B)/user/libc.a

LUXBIN += $(B)/user/bin/exportfs $(B)/user/bin/clockfs
ALL += $(B)/user/bin/exportfs $(B)/user/bin/clockfs
