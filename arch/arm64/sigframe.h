/* The arm64 rt_sigframe: siginfo, then ucontext whose mcontext holds x0-x30, sp, pc, pstate and a
 * 4 KiB record area (an fpsimd_context, then a zero terminator), below a {fp, lr} frame record. */
#pragma once
#include "lib/types.h"

struct trap_frame;
struct k_sigaction;
struct linux_siginfo;
int setup_rt_frame(struct trap_frame *tf, int sig, struct k_sigaction *a, struct linux_siginfo *info, u64 oldmask);
