/* System-wide information syscalls: uname, sysinfo, getrandom, times. */
#include "syscall/syscall.h"
#include "mm/uaccess.h"
#include "mm/page.h"
#include "lib/random.h"
#include "lib/string.h"
#include "lib/time.h"
#include "uapi/errno.h"
#include "uapi/misc.h"


long sys_uname(uaddr_t name) {
    struct linux_utsname u;
    memset(&u, 0, sizeof u);
    strlcpy(u.sysname, "Linux", sizeof u.sysname);           /* programs key on "Linux" */
    strlcpy(u.nodename, "levitate", sizeof u.nodename);
    strlcpy(u.release, "6.1.0-levitate", sizeof u.release);  /* glibc checks the kernel version */
    strlcpy(u.version, "#1 SMP Levitate", sizeof u.version);
    strlcpy(u.machine, "aarch64", sizeof u.machine);
    strlcpy(u.domainname, "(none)", sizeof u.domainname);
    return copy_to_user(name, &u, sizeof u) ? -EFAULT : 0;
}

long sys_getrandom(uaddr_t buf, size_t len, unsigned int flags) {
    if (flags & ~(unsigned)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) return -EINVAL;
    if ((flags & GRND_INSECURE) && (flags & GRND_RANDOM)) return -EINVAL;
    if (len > 0x1ffffff) len = 0x1ffffff;                    /* Linux caps one call at 32 MiB - 1 */
    u8 tmp[256];
    size_t done = 0;
    while (done < len) {
        size_t c = MIN(len - done, sizeof tmp);
        get_random_bytes(tmp, c);
        if (copy_to_user(buf + done, tmp, c)) return done ? (long)done : -EFAULT;
        done += c;
    }
    return (long)done;
}

long sys_sysinfo(uaddr_t info) {
    struct linux_sysinfo si;
    memset(&si, 0, sizeof si);
    si.uptime = (long)(clock_monotonic_ns() / 1000000000);
    si.totalram = nr_total_pages() * PAGE_SIZE;
    si.freeram = nr_free_pages() * PAGE_SIZE;
    si.procs = 1;
    si.mem_unit = 1;
    return copy_to_user(info, &si, sizeof si) ? -EFAULT : 0;
}

long sys_times(uaddr_t buf) {
    long ticks = (long)(clock_monotonic_ns() / 10000000);   /* USER_HZ = 100 */
    if (buf) {
        long t[4] = { 0, 0, 0, 0 };
        if (copy_to_user(buf, t, sizeof t)) return -EFAULT;
    }
    return ticks;
}
