/* Sockets: AF_UNIX socket pairs today (net/unix.c). */
#pragma once
#include "lib/types.h"

struct file;
struct unix_sock;
struct unix_sock *file_unix_sock(struct file *f);   /* NULL if f is not an AF_UNIX socket */
