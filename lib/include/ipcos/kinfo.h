/* /dev/kinfo's layout: the kernel's own header (kernel/include/uapi/kinfo.h). */
#include "../../../kernel/include/uapi/kinfo.h"
