/* strace-like syscall tracing (syscall/trace.c), driven by the argument/return kinds of
 * syscall/syscall.tbl. The line is built in a bounded buffer while the arguments are still valid
 * (before the call) and printed with a single printk after it, so lines of concurrent tasks never
 * interleave mid-line. */
#pragma once
#include "lib/types.h"

struct syscall_desc;

#define TRACE_LINE_MAX 400

struct trace_line {
    size_t len;
    char buf[TRACE_LINE_MAX];
};

/* Formats `[pid N] name(args` (d may be NULL or unnamed for an unknown number). For a noreturn
 * syscall the line is completed with ` = ?` and printed right away. */
void trace_syscall_enter(struct trace_line *tl, u64 nr, const struct syscall_desc *d,
                         const u64 args[6]);
/* Appends `) = result` and prints the line (nothing more for noreturn syscalls). */
void trace_syscall_exit(struct trace_line *tl, const struct syscall_desc *d, long ret);

/* "ENOENT" / "No such file or directory" for errno values 1..133 (and the kernel-internal restart
 * codes); NULL if unknown. */
const char *errno_name(long e);
const char *errno_message(long e);
