/* Where a signal handler installed without SA_RESTORER returns (glibc on arm64 relies on it). */
    .text
    .globl __kernel_rt_sigreturn
    .type __kernel_rt_sigreturn, %function
    nop                              // so unwinders looking at pc - 4 stay inside the symbol
__kernel_rt_sigreturn:
    mov     x8, #139                 // rt_sigreturn
    svc     #0
    .size __kernel_rt_sigreturn, . - __kernel_rt_sigreturn
