/* strace-format syscall tracing: `[pid 5] openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3`.
 * How each argument and result is printed comes from the KIND/RET columns of syscall/syscall.tbl;
 * symbolic names come from our uapi/ headers so they cannot drift from the values we implement. */
#include "syscall/trace.h"
#include "syscall/syscall.h"
#include "proc/task.h"
#include "mm/uaccess.h"
#include "lib/printk.h"
#include "lib/string.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/mman.h"
#include "uapi/signal.h"
#include "uapi/time.h"

#define TRACE_STR_MAX 64     /* bytes of a string argument shown before "..." */
#define TRACE_ARGV_MAX 6     /* execve argv elements shown */

struct errno_desc { const char *name, *msg; };

/* Names from uapi/errno.h; messages are glibc's strerror() texts, as strace prints them. */
static const struct errno_desc errnos[] = {
    [EPERM] = { "EPERM", "Operation not permitted" },
    [ENOENT] = { "ENOENT", "No such file or directory" },
    [ESRCH] = { "ESRCH", "No such process" },
    [EINTR] = { "EINTR", "Interrupted system call" },
    [EIO] = { "EIO", "Input/output error" },
    [ENXIO] = { "ENXIO", "No such device or address" },
    [E2BIG] = { "E2BIG", "Argument list too long" },
    [ENOEXEC] = { "ENOEXEC", "Exec format error" },
    [EBADF] = { "EBADF", "Bad file descriptor" },
    [ECHILD] = { "ECHILD", "No child processes" },
    [EAGAIN] = { "EAGAIN", "Resource temporarily unavailable" },
    [ENOMEM] = { "ENOMEM", "Cannot allocate memory" },
    [EACCES] = { "EACCES", "Permission denied" },
    [EFAULT] = { "EFAULT", "Bad address" },
    [ENOTBLK] = { "ENOTBLK", "Block device required" },
    [EBUSY] = { "EBUSY", "Device or resource busy" },
    [EEXIST] = { "EEXIST", "File exists" },
    [EXDEV] = { "EXDEV", "Invalid cross-device link" },
    [ENODEV] = { "ENODEV", "No such device" },
    [ENOTDIR] = { "ENOTDIR", "Not a directory" },
    [EISDIR] = { "EISDIR", "Is a directory" },
    [EINVAL] = { "EINVAL", "Invalid argument" },
    [ENFILE] = { "ENFILE", "Too many open files in system" },
    [EMFILE] = { "EMFILE", "Too many open files" },
    [ENOTTY] = { "ENOTTY", "Inappropriate ioctl for device" },
    [ETXTBSY] = { "ETXTBSY", "Text file busy" },
    [EFBIG] = { "EFBIG", "File too large" },
    [ENOSPC] = { "ENOSPC", "No space left on device" },
    [ESPIPE] = { "ESPIPE", "Illegal seek" },
    [EROFS] = { "EROFS", "Read-only file system" },
    [EMLINK] = { "EMLINK", "Too many links" },
    [EPIPE] = { "EPIPE", "Broken pipe" },
    [EDOM] = { "EDOM", "Numerical argument out of domain" },
    [ERANGE] = { "ERANGE", "Numerical result out of range" },
    [EDEADLK] = { "EDEADLK", "Resource deadlock avoided" },
    [ENAMETOOLONG] = { "ENAMETOOLONG", "File name too long" },
    [ENOLCK] = { "ENOLCK", "No locks available" },
    [ENOSYS] = { "ENOSYS", "Function not implemented" },
    [ENOTEMPTY] = { "ENOTEMPTY", "Directory not empty" },
    [ELOOP] = { "ELOOP", "Too many levels of symbolic links" },
    [ENOMSG] = { "ENOMSG", "No message of desired type" },
    [EIDRM] = { "EIDRM", "Identifier removed" },
    [ECHRNG] = { "ECHRNG", "Channel number out of range" },
    [EL2NSYNC] = { "EL2NSYNC", "Level 2 not synchronized" },
    [EL3HLT] = { "EL3HLT", "Level 3 halted" },
    [EL3RST] = { "EL3RST", "Level 3 reset" },
    [ELNRNG] = { "ELNRNG", "Link number out of range" },
    [EUNATCH] = { "EUNATCH", "Protocol driver not attached" },
    [ENOCSI] = { "ENOCSI", "No CSI structure available" },
    [EL2HLT] = { "EL2HLT", "Level 2 halted" },
    [EBADE] = { "EBADE", "Invalid exchange" },
    [EBADR] = { "EBADR", "Invalid request descriptor" },
    [EXFULL] = { "EXFULL", "Exchange full" },
    [ENOANO] = { "ENOANO", "No anode" },
    [EBADRQC] = { "EBADRQC", "Invalid request code" },
    [EBADSLT] = { "EBADSLT", "Invalid slot" },
    [EBFONT] = { "EBFONT", "Bad font file format" },
    [ENOSTR] = { "ENOSTR", "Device not a stream" },
    [ENODATA] = { "ENODATA", "No data available" },
    [ETIME] = { "ETIME", "Timer expired" },
    [ENOSR] = { "ENOSR", "Out of streams resources" },
    [ENONET] = { "ENONET", "Machine is not on the network" },
    [ENOPKG] = { "ENOPKG", "Package not installed" },
    [EREMOTE] = { "EREMOTE", "Object is remote" },
    [ENOLINK] = { "ENOLINK", "Link has been severed" },
    [EADV] = { "EADV", "Advertise error" },
    [ESRMNT] = { "ESRMNT", "Srmount error" },
    [ECOMM] = { "ECOMM", "Communication error on send" },
    [EPROTO] = { "EPROTO", "Protocol error" },
    [EMULTIHOP] = { "EMULTIHOP", "Multihop attempted" },
    [EDOTDOT] = { "EDOTDOT", "RFS specific error" },
    [EBADMSG] = { "EBADMSG", "Bad message" },
    [EOVERFLOW] = { "EOVERFLOW", "Value too large for defined data type" },
    [ENOTUNIQ] = { "ENOTUNIQ", "Name not unique on network" },
    [EBADFD] = { "EBADFD", "File descriptor in bad state" },
    [EREMCHG] = { "EREMCHG", "Remote address changed" },
    [ELIBACC] = { "ELIBACC", "Can not access a needed shared library" },
    [ELIBBAD] = { "ELIBBAD", "Accessing a corrupted shared library" },
    [ELIBSCN] = { "ELIBSCN", ".lib section in a.out corrupted" },
    [ELIBMAX] = { "ELIBMAX", "Attempting to link in too many shared libraries" },
    [ELIBEXEC] = { "ELIBEXEC", "Cannot exec a shared library directly" },
    [EILSEQ] = { "EILSEQ", "Invalid or incomplete multibyte or wide character" },
    [ERESTART] = { "ERESTART", "Interrupted system call should be restarted" },
    [ESTRPIPE] = { "ESTRPIPE", "Streams pipe error" },
    [EUSERS] = { "EUSERS", "Too many users" },
    [ENOTSOCK] = { "ENOTSOCK", "Socket operation on non-socket" },
    [EDESTADDRREQ] = { "EDESTADDRREQ", "Destination address required" },
    [EMSGSIZE] = { "EMSGSIZE", "Message too long" },
    [EPROTOTYPE] = { "EPROTOTYPE", "Protocol wrong type for socket" },
    [ENOPROTOOPT] = { "ENOPROTOOPT", "Protocol not available" },
    [EPROTONOSUPPORT] = { "EPROTONOSUPPORT", "Protocol not supported" },
    [ESOCKTNOSUPPORT] = { "ESOCKTNOSUPPORT", "Socket type not supported" },
    [EOPNOTSUPP] = { "EOPNOTSUPP", "Operation not supported" },
    [EPFNOSUPPORT] = { "EPFNOSUPPORT", "Protocol family not supported" },
    [EAFNOSUPPORT] = { "EAFNOSUPPORT", "Address family not supported by protocol" },
    [EADDRINUSE] = { "EADDRINUSE", "Address already in use" },
    [EADDRNOTAVAIL] = { "EADDRNOTAVAIL", "Cannot assign requested address" },
    [ENETDOWN] = { "ENETDOWN", "Network is down" },
    [ENETUNREACH] = { "ENETUNREACH", "Network is unreachable" },
    [ENETRESET] = { "ENETRESET", "Network dropped connection on reset" },
    [ECONNABORTED] = { "ECONNABORTED", "Software caused connection abort" },
    [ECONNRESET] = { "ECONNRESET", "Connection reset by peer" },
    [ENOBUFS] = { "ENOBUFS", "No buffer space available" },
    [EISCONN] = { "EISCONN", "Transport endpoint is already connected" },
    [ENOTCONN] = { "ENOTCONN", "Transport endpoint is not connected" },
    [ESHUTDOWN] = { "ESHUTDOWN", "Cannot send after transport endpoint shutdown" },
    [ETOOMANYREFS] = { "ETOOMANYREFS", "Too many references: cannot splice" },
    [ETIMEDOUT] = { "ETIMEDOUT", "Connection timed out" },
    [ECONNREFUSED] = { "ECONNREFUSED", "Connection refused" },
    [EHOSTDOWN] = { "EHOSTDOWN", "Host is down" },
    [EHOSTUNREACH] = { "EHOSTUNREACH", "No route to host" },
    [EALREADY] = { "EALREADY", "Operation already in progress" },
    [EINPROGRESS] = { "EINPROGRESS", "Operation now in progress" },
    [ESTALE] = { "ESTALE", "Stale file handle" },
    [EUCLEAN] = { "EUCLEAN", "Structure needs cleaning" },
    [ENOTNAM] = { "ENOTNAM", "Not a XENIX named type file" },
    [ENAVAIL] = { "ENAVAIL", "No XENIX semaphores available" },
    [EISNAM] = { "EISNAM", "Is a named type file" },
    [EREMOTEIO] = { "EREMOTEIO", "Remote I/O error" },
    [EDQUOT] = { "EDQUOT", "Disk quota exceeded" },
    [ENOMEDIUM] = { "ENOMEDIUM", "No medium found" },
    [EMEDIUMTYPE] = { "EMEDIUMTYPE", "Wrong medium type" },
    [ECANCELED] = { "ECANCELED", "Operation canceled" },
    [ENOKEY] = { "ENOKEY", "Required key not available" },
    [EKEYEXPIRED] = { "EKEYEXPIRED", "Key has expired" },
    [EKEYREVOKED] = { "EKEYREVOKED", "Key has been revoked" },
    [EKEYREJECTED] = { "EKEYREJECTED", "Key was rejected by service" },
    [EOWNERDEAD] = { "EOWNERDEAD", "Owner died" },
    [ENOTRECOVERABLE] = { "ENOTRECOVERABLE", "State not recoverable" },
    [ERFKILL] = { "ERFKILL", "Operation not possible due to RF-kill" },
    [EHWPOISON] = { "EHWPOISON", "Memory page has hardware error" },
};

/* Kernel-internal restart codes (include/linux/errno.h in Linux 6.1): never seen by user space,
 * but a traced syscall interrupted by a signal returns one before the restart logic runs. */
static const struct { long e; const char *name, *msg; } restart_errnos[] = {
    { 512, "ERESTARTSYS", "To be restarted if SA_RESTART is set" },
    { 513, "ERESTARTNOINTR", "To be restarted" },
    { 514, "ERESTARTNOHAND", "To be restarted if no handler" },
    { 515, "ENOIOCTLCMD", "No ioctl command" },
    { 516, "ERESTART_RESTARTBLOCK", "Interrupted by signal" },
};

const char *errno_name(long e) {
    if (e > 0 && e < (long)ARRAY_SIZE(errnos) && errnos[e].name)
        return errnos[e].name;
    for (size_t i = 0; i < ARRAY_SIZE(restart_errnos); i++)
        if (restart_errnos[i].e == e)
            return restart_errnos[i].name;
    return NULL;
}

const char *errno_message(long e) {
    if (e > 0 && e < (long)ARRAY_SIZE(errnos) && errnos[e].msg)
        return errnos[e].msg;
    for (size_t i = 0; i < ARRAY_SIZE(restart_errnos); i++)
        if (restart_errnos[i].e == e)
            return restart_errnos[i].msg;
    return NULL;
}

/* ---- bounded line buffer ---- */

static void add(struct trace_line *tl, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void add(struct trace_line *tl, const char *fmt, ...) {
    if (tl->len >= TRACE_LINE_MAX - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(tl->buf + tl->len, TRACE_LINE_MAX - tl->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        tl->len = MIN(tl->len + (size_t)n, (size_t)TRACE_LINE_MAX - 1);
}

static void add_char(struct trace_line *tl, char c) {
    if (tl->len < TRACE_LINE_MAX - 1) {
        tl->buf[tl->len++] = c;
        tl->buf[tl->len] = 0;
    }
}

/* ---- flag tables ---- */

struct flag_name { u64 bit; const char *name; };
#define F(x) { (u64)(x), #x }

static const struct flag_name open_flags[] = {   /* after the O_ACCMODE part */
    F(O_CREAT), F(O_EXCL), F(O_NOCTTY), F(O_TRUNC), F(O_APPEND), F(O_NONBLOCK), F(O_DSYNC),
    F(FASYNC), F(O_DIRECTORY), F(O_NOFOLLOW), F(O_DIRECT), F(O_LARGEFILE), F(O_NOATIME),
    F(O_CLOEXEC), F(__O_SYNC), F(O_PATH), F(__O_TMPFILE),
};
static const struct flag_name at_flags[] = {
    F(AT_SYMLINK_NOFOLLOW), F(AT_REMOVEDIR), F(AT_SYMLINK_FOLLOW), F(AT_NO_AUTOMOUNT),
    F(AT_EMPTY_PATH), F(AT_STATX_FORCE_SYNC), F(AT_STATX_DONT_SYNC), F(AT_RECURSIVE),
};
static const struct flag_name prot_flags[] = {
    F(PROT_READ), F(PROT_WRITE), F(PROT_EXEC), F(PROT_SEM), F(PROT_BTI), F(PROT_MTE),
    F(PROT_GROWSDOWN), F(PROT_GROWSUP),
};
static const struct flag_name mmap_flags[] = {   /* after the MAP_TYPE part */
    F(MAP_FIXED), F(MAP_ANONYMOUS), F(MAP_GROWSDOWN), F(MAP_DENYWRITE), F(MAP_EXECUTABLE),
    F(MAP_LOCKED), F(MAP_NORESERVE), F(MAP_POPULATE), F(MAP_NONBLOCK), F(MAP_STACK),
    F(MAP_HUGETLB), F(MAP_SYNC), F(MAP_FIXED_NOREPLACE), F(MAP_UNINITIALIZED),
};
static const char *const signal_names[] = {
    [SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT", [SIGILL] = "SIGILL",
    [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT", [SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE",
    [SIGKILL] = "SIGKILL", [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
    [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
    [SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
    [SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP", [SIGTTIN] = "SIGTTIN", [SIGTTOU] = "SIGTTOU",
    [SIGURG] = "SIGURG", [SIGXCPU] = "SIGXCPU", [SIGXFSZ] = "SIGXFSZ",
    [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF", [SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO",
    [SIGPWR] = "SIGPWR", [SIGSYS] = "SIGSYS",
};
static const char *const clock_names[] = {
    [CLOCK_REALTIME] = "CLOCK_REALTIME", [CLOCK_MONOTONIC] = "CLOCK_MONOTONIC",
    [CLOCK_PROCESS_CPUTIME_ID] = "CLOCK_PROCESS_CPUTIME_ID",
    [CLOCK_THREAD_CPUTIME_ID] = "CLOCK_THREAD_CPUTIME_ID",
    [CLOCK_MONOTONIC_RAW] = "CLOCK_MONOTONIC_RAW", [CLOCK_REALTIME_COARSE] = "CLOCK_REALTIME_COARSE",
    [CLOCK_MONOTONIC_COARSE] = "CLOCK_MONOTONIC_COARSE", [CLOCK_BOOTTIME] = "CLOCK_BOOTTIME",
    [CLOCK_REALTIME_ALARM] = "CLOCK_REALTIME_ALARM", [CLOCK_BOOTTIME_ALARM] = "CLOCK_BOOTTIME_ALARM",
    [CLOCK_SGI_CYCLE] = "CLOCK_SGI_CYCLE", [CLOCK_TAI] = "CLOCK_TAI",
};

/* Prints the set bits by name joined with '|', then any unknown rest in hex. `sep` says whether
 * something was printed already (the O_ACCMODE / MAP_TYPE part). */
static void put_flags(struct trace_line *tl, u64 v, const struct flag_name *t, size_t n, bool sep) {
    for (size_t i = 0; i < n; i++) {
        if (t[i].bit && (v & t[i].bit) == t[i].bit) {
            add(tl, "%s%s", sep ? "|" : "", t[i].name);
            sep = true;
            v &= ~t[i].bit;
        }
    }
    if (v || !sep)
        add(tl, sep ? "|%#lx" : "%#lx", (unsigned long)v);
}

/* ---- strings ---- */

static void put_escaped(struct trace_line *tl, const char *s, size_t n) {
    add_char(tl, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '"': add(tl, "\\\""); break;
        case '\\': add(tl, "\\\\"); break;
        case '\n': add(tl, "\\n"); break;
        case '\t': add(tl, "\\t"); break;
        case '\r': add(tl, "\\r"); break;
        default:
            if (c < 0x20 || c >= 0x7f) add(tl, "\\%o", c);
            else add_char(tl, (char)c);
        }
    }
    add_char(tl, '"');
}

/* A NUL-terminated user string, cut at `max` bytes (then `"..."...` like strace). Faulting
 * pointers are shown as addresses: the syscall itself will report EFAULT. */
static void put_user_string(struct trace_line *tl, uaddr_t p, size_t max) {
    char buf[TRACE_STR_MAX + 1];
    if (!p) {
        add(tl, "NULL");
        return;
    }
    long n = strncpy_from_user(buf, p, max + 1);
    if (n >= 0) {
        put_escaped(tl, buf, (size_t)n);
    } else if (n == -ENAMETOOLONG && copy_from_user(buf, p, max) == 0) {
        put_escaped(tl, buf, max);   /* at least max readable non-NUL bytes */
        add(tl, "...");
    } else {
        add(tl, "%#lx", (unsigned long)p);
    }
}

/* execve's argv: ["sh", "-c", ...]. */
static void put_user_argv(struct trace_line *tl, uaddr_t p) {
    if (!p) {
        add(tl, "NULL");
        return;
    }
    add_char(tl, '[');
    for (int i = 0;; i++) {
        u64 s;
        if (copy_from_user(&s, p + 8 * (u64)i, sizeof s) != 0) {
            add(tl, "%s%#lx", i ? ", " : "", (unsigned long)(p + 8 * (u64)i));
            break;
        }
        if (!s)
            break;
        if (i == TRACE_ARGV_MAX) {
            add(tl, ", ...");
            break;
        }
        if (i)
            add(tl, ", ");
        put_user_string(tl, s, TRACE_STR_MAX / 2);
    }
    add_char(tl, ']');
}

/* ---- one argument ---- */

static void put_arg(struct trace_line *tl, int kind, bool narrow, u64 v) {
    long sv = narrow ? (long)(s32)v : (long)v;   /* the value the handler sees */
    u64 uv = narrow ? (u64)(u32)v : v;
    switch (kind) {
    case SA_INT: add(tl, "%ld", sv); break;
    case SA_UINT: case SA_SIZE: add(tl, "%lu", (unsigned long)uv); break;
    case SA_HEX: add(tl, uv ? "%#lx" : "0", (unsigned long)uv); break;
    case SA_PTR: if (uv) add(tl, "%#lx", (unsigned long)uv); else add(tl, "NULL"); break;
    case SA_FD: add(tl, "%d", (int)v); break;
    case SA_DIRFD:
        if ((int)v == AT_FDCWD) add(tl, "AT_FDCWD");
        else add(tl, "%d", (int)v);
        break;
    case SA_PATH: case SA_STR: put_user_string(tl, v, TRACE_STR_MAX); break;
    case SA_ARGV: put_user_argv(tl, v); break;
    case SA_OFLAGS: {
        u64 acc = uv & O_ACCMODE;
        add(tl, "%s", acc == O_RDONLY ? "O_RDONLY" : acc == O_WRONLY ? "O_WRONLY"
                      : acc == O_RDWR ? "O_RDWR" : "O_ACCMODE");
        put_flags(tl, uv & ~(u64)O_ACCMODE, open_flags, ARRAY_SIZE(open_flags), true);
        break;
    }
    case SA_ATFLAGS:
        if (uv) put_flags(tl, uv, at_flags, ARRAY_SIZE(at_flags), false);
        else add(tl, "0");
        break;
    case SA_OCTAL: add(tl, "0%03lo", (unsigned long)uv); break;
    case SA_PROT:
        if (uv) put_flags(tl, uv, prot_flags, ARRAY_SIZE(prot_flags), false);
        else add(tl, "PROT_NONE");
        break;
    case SA_MMAPFLAGS: {
        u64 type = uv & MAP_TYPE;
        if (type == MAP_SHARED) add(tl, "MAP_SHARED");
        else if (type == MAP_PRIVATE) add(tl, "MAP_PRIVATE");
        else if (type == MAP_SHARED_VALIDATE) add(tl, "MAP_SHARED_VALIDATE");
        else add(tl, "%#lx", (unsigned long)type);
        put_flags(tl, uv & ~(u64)MAP_TYPE, mmap_flags, ARRAY_SIZE(mmap_flags), true);
        break;
    }
    case SA_SIGNAL:
        if (sv > 0 && sv < (long)ARRAY_SIZE(signal_names) && signal_names[sv])
            add(tl, "%s", signal_names[sv]);
        else if (sv == SIGRTMIN) add(tl, "SIGRTMIN");
        else if (sv > SIGRTMIN && sv <= SIGRTMAX) add(tl, "SIGRT_%ld", sv - SIGRTMIN);
        else add(tl, "%ld", sv);
        break;
    case SA_CLOCKID:
        if (sv >= 0 && sv < (long)ARRAY_SIZE(clock_names) && clock_names[sv])
            add(tl, "%s", clock_names[sv]);
        else add(tl, "%ld", sv);
        break;
    default: add(tl, "%#lx", (unsigned long)v); break;
    }
}

/* ---- entry and exit ---- */

static void emit(struct trace_line *tl) {
    printk("%s\n", tl->buf);
}

void trace_syscall_enter(struct trace_line *tl, u64 nr, const struct syscall_desc *d,
                         const u64 args[6]) {
    tl->len = 0;
    tl->buf[0] = 0;
    add(tl, "[pid %d] ", current->tid);
    if (!d || !d->name) {
        /* unknown number: strace prints syscall_0x...(all six registers) */
        add(tl, "syscall_%#lx(", (unsigned long)nr);
        for (int i = 0; i < SYSCALL_MAX_ARGS; i++)
            add(tl, "%s%#lx", i ? ", " : "", (unsigned long)args[i]);
        return;
    }
    add(tl, "%s(", d->name);
    for (int i = 0; i < d->nargs; i++) {
        if (i)
            add(tl, ", ");
        put_arg(tl, d->argk[i], d->narrow & (1u << i), args[i]);
    }
    if (d->retk == SR_NORETURN) {
        add(tl, ") = ?");
        emit(tl);
    }
}

void trace_syscall_exit(struct trace_line *tl, const struct syscall_desc *d, long ret) {
    int retk = d && d->name ? d->retk : SR_INT;
    if (retk == SR_NORETURN)
        return;                         /* printed at entry */
    add(tl, ") = ");
    if (retk != SR_FRAME && ret < 0 && IS_ERR_VALUE(ret)) {
        const char *name = errno_name(-ret), *msg = errno_message(-ret);
        bool restart = -ret >= 512;     /* strace: "= ? ERESTARTSYS (...)" */
        if (name)
            add(tl, "%s %s (%s)", restart ? "?" : "-1", name, msg);
        else
            add(tl, "-1 E??? (errno %ld)", -ret);
    } else {
        switch (retk) {
        case SR_HEX: case SR_PTR: add(tl, "%#lx", (unsigned long)ret); break;
        default: add(tl, "%ld", ret); break;
        }
    }
    emit(tl);
}
