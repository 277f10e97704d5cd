/* execve: replaces the current process image with an ELF program. */
#pragma once
#include "lib/types.h"

/* Argument and environment strings already copied into the kernel: `strs` holds argc + envc
 * NUL-terminated strings back to back (argv first). */
struct exec_args {
    char *strs;
    size_t len, cap;             /* bytes used and allocated in strs */
    int argc, envc;
};
#define EXEC_ARGS_MAX (2 * 1024 * 1024)       /* E2BIG above this (like Linux's 1/4 of an 8M stack) */

int exec_args_from_user(struct exec_args *a, uaddr_t argv, uaddr_t envp);
int exec_args_add(struct exec_args *a, const char *s, bool is_env);
void exec_args_free(struct exec_args *a);
/* Replaces current's image. On success returns 0 with the trap frame set to start the program;
 * on failure returns -errno and the old image is intact (unless the point of no return passed, in
 * which case the process is killed). */
int do_execve(const char *path, struct exec_args *args);
struct file;
int do_execve_file(struct file *f, const char *path, struct exec_args *args, int depth);
