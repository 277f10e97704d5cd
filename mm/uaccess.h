/* The only doors to user memory (xv6's copyin/copyout). Every user pointer a syscall receives is an
 * uaddr_t and goes through these: they check the range lies in user space, is mapped with the needed
 * permission in the current address space (faulting in demand pages), and return -EFAULT otherwise. */
#pragma once
#include "lib/types.h"

int copy_from_user(void *dst, uaddr_t src, size_t n);     /* 0 or -EFAULT */
int copy_to_user(uaddr_t dst, const void *src, size_t n);   /* 0 or -EFAULT */
int clear_user(uaddr_t dst, size_t n);                      /* 0 or -EFAULT */
/* Copies a NUL-terminated string of at most max-1 chars; returns its length, -EFAULT, or
 * -ENAMETOOLONG when no NUL is found within max bytes. */
long strncpy_from_user(char *dst, uaddr_t src, size_t max);
/* copy_to_user into another address space (clone's CLONE_CHILD_SETTID). */
struct mm;
int copy_to_user_mm(struct mm *mm, uaddr_t dst, const void *src, size_t n);
/* copy_from_user from another address space (/proc/PID/cmdline and environ). */
int copy_from_user_mm(struct mm *mm, void *dst, uaddr_t src, size_t n);
