/* Process life cycle: creating tasks, exit, and the process tree. */
#pragma once
#include "proc/task.h"

struct task *task_alloc(void);                     /* zeroed task with a kernel stack; NULL on ENOMEM */
struct process *process_alloc(struct process *parent);
pid_t pid_alloc(void);
/* Ends the calling task with a wait status (exit code << 8, or the signal number). */
NORETURN void do_exit(int status);
NORETURN void do_exit_group(int status);
struct task *init_task(void);
/* Runs init: execs the program described by the boot arguments as PID 1. */
void start_init(void);
