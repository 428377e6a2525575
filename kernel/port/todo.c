#include "u.h"
#include "portdat.h"
#include "portfns.h"
void eiarecv(int c) { USED(c); }
