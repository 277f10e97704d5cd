/* procfs internals shared by fs/procfs.c (the filesystem: directories, lookup, links, reading
 * generated files) and fs/procfs_show.c (what each file says). */
#pragma once
#include "fs/vfs.h"

/* A growing text buffer the show functions print into (Linux's seq_file, minus paging: a file's
 * whole text is generated at open, so a reader sees one consistent snapshot). */
struct seqbuf {
    char *buf;
    size_t len, cap;
    bool oom;
};
void sb_printf(struct seqbuf *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_write(struct seqbuf *s, const void *p, size_t n);
void sb_pad(struct seqbuf *s, size_t col);   /* spaces up to column col of the current line */

struct task;
/* The live thread-group leader of pid (its files, fs, mm), or NULL. */
struct task *proc_task(pid_t pid);

/* One name in a procfs directory. Files have show, magic links get_path + text, plain links
 * text only. pid is 0 for the global entries. */
struct proc_entry {
    const char *name;
    mode_t mode;
    int (*show)(struct seqbuf *s, pid_t pid);
    int (*get_path)(pid_t pid, struct path *out);
    long (*text)(pid_t pid, char *buf, size_t n);
};

extern const struct proc_entry proc_root_entries[];
extern const size_t proc_root_count;
extern const struct proc_entry proc_pid_entries[];
extern const size_t proc_pid_count;

/* The fd links (/proc/PID/fd/N) and the super block to mount (fs/procfs.c). */
int proc_fd_path(pid_t pid, int fd, struct path *out);
long proc_fd_text(pid_t pid, int fd, char *buf, size_t n);
struct super_block *procfs_new_sb(void);
#define PROC_SUPER_MAGIC 0x9fa0
