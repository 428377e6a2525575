/* Host build of rc (a test aid): Lux9's own u.h is portable C. */
#include "../../../user/include/u.h"
