/* The devices configured into the kernel, by letter. */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

extern Dev rootdevtab, consdevtab, pipedevtab, envdevtab, procdevtab, srvdevtab, dupdevtab, mntdevtab, uartdevtab;

Dev *devtab[] = {
	&rootdevtab,
	&consdevtab,
	&pipedevtab,
	&envdevtab,
	&procdevtab,
	&srvdevtab,
	&dupdevtab,
	&mntdevtab,
	&uartdevtab,
	nil,
};
