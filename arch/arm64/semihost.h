/* Arm semihosting (IHI0056): a debug channel to QEMU (-semihosting-config enable=on). Used for the
 * kernel log in runner mode (QEMU writes it to its stderr) and to exit QEMU with a status code. */
#pragma once
#include "lib/types.h"

void semihost_write0(const char *s);          /* SYS_WRITE0 */
NORETURN void semihost_exit(int status);      /* SYS_EXIT, ADP_Stopped_ApplicationExit + status */
