# System-call glue made from kernel/port/syscall.tab (see tools/mksys).
SYSGEN := $(B)/include/sysnum.h $(B)/user/sys.S $(B)/kernel/systab.c
$(SYSGEN) &: kernel/port/syscall.tab tools/mksys
	tools/mksys kernel/port/syscall.tab $(B)
ALL += $(SYSGEN)
