/* Process life cycle: creating tasks, exit, and the process tree. */
#pragma once
#include "proc/task.h"

struct mm;

struct task *task_alloc(void);                     /* zeroed task with a kernel stack; NULL on ENOMEM */
struct process *process_alloc(struct process *parent);
pid_t pid_alloc(void);
/* Ends the calling task with a wait status (exit code << 8, or the signal number). */
NORETURN void do_exit(int status);
NORETURN void do_exit_group(int status);
struct task *init_task(void);
void task_free(struct task *t);
void reap_dead_tasks(void);
void process_attach(struct process *p, struct task *t, bool new_process);
u64 process_count(uid_t uid);
u64 task_count(void);
struct task *task_by_tid(pid_t tid);
struct task *task_list_first(void);      /* every live task (single CPU: no lock needed to walk) */
struct task *task_list_next(struct task *t);
struct process *process_by_pid(pid_t pid);
void for_each_process(void (*fn)(struct process *, void *), void *arg);
void signal_pgrp(pid_t pgid, int sig);
void process_exited(struct process *p);
void process_reap(struct process *c);
void exec_release_vfork(void);
void de_thread(void);
void futex_wake_addr(struct mm *mm, uaddr_t uaddr, int n);   /* proc/futex.c */
/* Runs init: execs the program described by the boot arguments as PID 1. */
void start_init(void);
