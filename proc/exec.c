/* execve (Linux fs/exec.c + fs/binfmt_elf.c, cut down): load an ELF (ET_EXEC or static-PIE ET_DYN,
 * optionally with a PT_INTERP interpreter) into a fresh address space with file-backed segments
 * paged in on demand, then lay out the initial stack exactly as Linux does:
 *   [argc][argv...][NULL][envp...][NULL][auxv pairs...][AT_NULL] ... random bytes, "aarch64",
 *   argv and env strings, the exec file name, 8 zero bytes, stack top. */
#include "proc/exec.h"
#include "proc/elf.h"
#include "proc/process.h"
#include "proc/signal.h"
#include "mm/vm.h"
#include "mm/page.h"
#include "mm/kmalloc.h"
#include "mm/uaccess.h"
#include "fs/vfs.h"
#include "arch/arm64/trap.h"
#include "arch/arm64/cpu.h"
#include "arch/arm64/vdso.h"
#include "lib/string.h"
#include "lib/printk.h"
#include "lib/random.h"
#include "uapi/errno.h"
#include "uapi/fcntl.h"
#include "uapi/auxv.h"

#define MAX_ARG_STRLEN (32 * PAGE_SIZE)
#define ELF_ET_DYN_BASE 0xaaaaaaaa0000UL       /* 2/3 of the 48-bit space, like Linux's arm64 */
#define INTERP_BASE     0xffff80000000UL
#define MINSIGSTKSZ_ARM64 4720                  /* Linux's signal_minsigstksz without SVE/SME */

void exec_args_free(struct exec_args *a) {
    kfree(a->strs);
    a->strs = NULL;
    a->len = a->cap = 0;
}


static int grow(struct exec_args *a, size_t need) {
    if (a->len + need <= a->cap) return 0;
    if (a->len + need > EXEC_ARGS_MAX) return -E2BIG;
    size_t ncap = a->cap ? a->cap : 4096;
    while (ncap < a->len + need) ncap *= 2;
    char *n = kmalloc(ncap);
    if (!n) return -ENOMEM;
    if (a->strs) { memcpy(n, a->strs, a->len); kfree(a->strs); }
    a->strs = n;
    a->cap = ncap;
    return 0;
}

int exec_args_add(struct exec_args *a, const char *s, bool is_env) {
    size_t n = strlen(s) + 1;
    if (n > MAX_ARG_STRLEN) return -E2BIG;
    int r = grow(a, n);
    if (r) return r;
    memcpy(a->strs + a->len, s, n);
    a->len += n;
    if (is_env) a->envc++; else a->argc++;
    return 0;
}

static int add_user_vector(struct exec_args *a, uaddr_t vec, bool is_env) {
    if (!vec) return 0;                      /* Linux accepts NULL argv/envp as empty */
    char *tmp = kmalloc(MAX_ARG_STRLEN);
    if (!tmp) return -ENOMEM;
    int r = 0;
    for (int i = 0;; i++) {
        u64 p;
        if (copy_from_user(&p, vec + 8 * i, 8)) { r = -EFAULT; break; }
        if (!p) break;
        if (i >= 0x7fffffff / 2) { r = -E2BIG; break; }
        long n = strncpy_from_user(tmp, p, MAX_ARG_STRLEN);
        if (n == -ENAMETOOLONG) { r = -E2BIG; break; }
        if (n < 0) { r = (int)n; break; }
        if ((r = exec_args_add(a, tmp, is_env))) break;
    }
    kfree(tmp);
    return r;
}

int exec_args_from_user(struct exec_args *a, uaddr_t argv, uaddr_t envp) {
    memset(a, 0, sizeof *a);
    int r = add_user_vector(a, argv, false);
    if (!r) r = add_user_vector(a, envp, true);
    if (r) exec_args_free(a);
    return r;
}

struct loaded { u64 bias, entry, phdr, phnum, brk; };

static int read_headers(struct file *f, struct elf_info *info) {
    u64 fsize = f->inode->size;
    size_t n = MIN(fsize, 4096);
    u8 *buf = kmalloc(4096);
    if (!buf) return -ENOMEM;
    ssize_t got = kernel_read(f, buf, n, 0);
    int r = got < 0 ? (int)got : elf_parse(buf, (size_t)got, fsize, info);
    kfree(buf);
    return r;
}

static int map_elf(struct mm *mm, struct file *f, struct elf_info *info, u64 bias, struct loaded *out) {
    for (int i = 0; i < info->eh.phnum; i++) {
        struct elf64_phdr *p = &info->ph[i];
        if (p->type != PT_LOAD || p->memsz == 0) continue;
        u32 prot = ((p->flags & PF_R) ? 1 : 0) | ((p->flags & PF_W) ? 2 : 0) | ((p->flags & PF_X) ? 4 : 0);
        u64 start = ALIGN_DOWN(p->vaddr + bias, PAGE_SIZE);
        u64 end = ALIGN_UP(p->vaddr + bias + p->memsz, PAGE_SIZE);
        u64 foff = ALIGN_DOWN(p->offset, PAGE_SIZE);
        long r = mm_map(mm, start, end - start, prot, 0, true, f, foff);
        if (r < 0) return (int)r;
        struct vma *v = mm_find_vma(mm, start);
        v->file_len = p->offset + p->filesz - foff;     /* the rest of the segment is bss: zero */
    }
    out->bias = bias;
    out->entry = info->eh.entry + bias;
    out->phdr = info->phdr_vaddr ? info->phdr_vaddr + bias : 0;
    out->phnum = info->eh.phnum;
    out->brk = info->hi + bias;
    return 0;
}

static u64 choose_bias(struct elf_info *info, u64 base) {
    if (info->eh.type != ET_DYN) return 0;
    u64 align = info->max_align > PAGE_SIZE ? info->max_align : PAGE_SIZE;
    return ALIGN_DOWN(base, align) - info->lo;
}

/* Writes the initial stack into the (now current) address space; returns the initial sp. */
static long build_stack(struct mm *mm, struct exec_args *a, const char *execfn, struct loaded *prog,
                        struct loaded *interp, u64 vdso) {
    uaddr_t top = mm->stack_top;
    uaddr_t p = top - 8;
    size_t fnlen = strlen(execfn) + 1;
    p -= fnlen;
    uaddr_t u_execfn = p;
    if (copy_to_user(p, execfn, fnlen)) return -EFAULT;
    p -= a->len;
    uaddr_t u_strs = p;
    if (copy_to_user(p, a->strs, a->len)) return -EFAULT;
    mm->arg_start = u_strs;
    p = ALIGN_DOWN(p, 16);
    static const char platform[] = "aarch64";
    p -= sizeof platform;
    uaddr_t u_platform = p;
    if (copy_to_user(p, platform, sizeof platform)) return -EFAULT;
    u8 rnd[16];
    get_random_bytes(rnd, sizeof rnd);
    p -= 16;
    uaddr_t u_random = p;
    if (copy_to_user(p, rnd, 16)) return -EFAULT;

    u64 auxv[64];
    int n = 0;
#define AUX(t, v) do { auxv[n++] = (t); auxv[n++] = (v); } while (0)
    AUX(AT_SYSINFO_EHDR, vdso);
    AUX(AT_MINSIGSTKSZ, MINSIGSTKSZ_ARM64);
    AUX(AT_HWCAP, cpu_hwcap());
    AUX(AT_PAGESZ, PAGE_SIZE);
    AUX(AT_CLKTCK, 100);
    AUX(AT_PHDR, prog->phdr);
    AUX(AT_PHENT, sizeof(struct elf64_phdr));
    AUX(AT_PHNUM, prog->phnum);
    AUX(AT_BASE, interp ? interp->bias : 0);
    AUX(AT_FLAGS, 0);
    AUX(AT_ENTRY, prog->entry);
    AUX(AT_UID, current->cred.uid);
    AUX(AT_EUID, current->cred.euid);
    AUX(AT_GID, current->cred.gid);
    AUX(AT_EGID, current->cred.egid);
    AUX(AT_SECURE, 0);
    AUX(AT_RANDOM, u_random);
    AUX(AT_HWCAP2, cpu_hwcap2());
    AUX(AT_EXECFN, u_execfn);
    AUX(AT_PLATFORM, u_platform);
    AUX(AT_NULL, 0);
#undef AUX
    size_t items = 1 + a->argc + 1 + a->envc + 1;
    uaddr_t sp = ALIGN_DOWN(p - (items * 8 + n * 8), 16);
    uaddr_t w = sp;
    u64 argc = a->argc;
    if (copy_to_user(w, &argc, 8)) return -EFAULT;
    w += 8;
    /* argv pointers, NULL, envp pointers, NULL: the strings are back to back from u_strs. */
    uaddr_t str = u_strs;
    const char *k = a->strs;
    u64 z = 0;
    for (int i = 0; i < a->argc + a->envc; i++) {
        if (i == a->argc) {
            mm->arg_end = mm->env_start = str;
            if (copy_to_user(w, &z, 8)) return -EFAULT;
            w += 8;
        }
        if (copy_to_user(w, &str, 8)) return -EFAULT;
        w += 8;
        size_t l = strlen(k) + 1;
        str += l;
        k += l;
    }
    if (a->envc == 0) {
        mm->arg_end = mm->env_start = str;
        if (copy_to_user(w, &z, 8)) return -EFAULT;
        w += 8;
    }
    mm->env_end = str;
    if (copy_to_user(w, &z, 8)) return -EFAULT;
    w += 8;
    if (copy_to_user(w, auxv, n * 8)) return -EFAULT;
    return (long)sp;
}

/* "#!interpreter [one argument]": argv becomes interpreter, [argument,] script path, argv[1..]. */
static int script_args(struct file *f, const char *path, struct exec_args *args, char *interp, size_t isize) {
    char line[256];
    ssize_t n = kernel_read(f, line, sizeof line - 1, 0);
    if (n < 2 || line[0] != '#' || line[1] != '!') return 1;     /* not a script */
    line[n] = 0;
    char *nl = strchr(line, '\n');
    if (nl) *nl = 0;
    else if (n == sizeof line - 1) return -ENOEXEC;            /* interpreter line too long */
    char *p = line + 2;
    while (*p == ' ' || *p == '\t') p++;
    if (!*p) return -ENOEXEC;
    char *ie = p;
    while (*ie && *ie != ' ' && *ie != '\t') ie++;
    char *arg = ie;
    while (*arg == ' ' || *arg == '\t') arg++;
    char *ae = arg + strlen(arg);
    while (ae > arg && (ae[-1] == ' ' || ae[-1] == '\t')) *--ae = 0;
    *ie = 0;
    if (strlcpy(interp, p, isize) >= isize) return -ENAMETOOLONG;
    struct exec_args na = { 0 };
    size_t a0 = strlen(args->strs) + 1;                         /* old argv[0] is dropped */
    int r = exec_args_add(&na, interp, false);
    if (!r && *arg) r = exec_args_add(&na, arg, false);
    if (!r) r = exec_args_add(&na, path, false);
    const char *s = args->strs + a0;
    for (int i = 1; i < args->argc + args->envc && !r; i++) {
        r = exec_args_add(&na, s, i >= args->argc);
        s += strlen(s) + 1;
    }
    if (r) { exec_args_free(&na); return r; }
    exec_args_free(args);
    *args = na;
    return 0;
}

int do_execve_file(struct file *f, const char *path, struct exec_args *args, int depth);

int do_execve(const char *path, struct exec_args *args) {
    struct file *f = file_open_kernel(path, O_RDONLY, 0);
    if (IS_ERR(f)) return (int)PTR_ERR(f);
    int r = do_execve_file(f, path, args, 0);
    file_put(f);
    return r;
}

int do_execve_file(struct file *f, const char *path, struct exec_args *args, int depth) {
    struct file *fi = NULL;
    struct elf_info *info = kmalloc(sizeof *info * 2), *iinfo = info + 1;
    struct mm *mm = NULL;
    int r = -ENOMEM;
    if (!info) goto out;
    if ((r = file_check_exec(f))) goto out;
    char script_interp[256];
    r = script_args(f, path, args, script_interp, sizeof script_interp);
    if (r <= 0) {
        kfree(info);
        if (r < 0) return r;
        if (depth >= 4) return -ELOOP;                          /* BINPRM_MAX_RECURSION */
        struct file *sf = file_open_kernel(script_interp, O_RDONLY, 0);
        if (IS_ERR(sf)) return (int)PTR_ERR(sf);
        r = do_execve_file(sf, script_interp, args, depth + 1);
        file_put(sf);
        return r;
    }
    if ((r = read_headers(f, info))) goto out;
    if (info->has_interp) {
        char ipath[256];
        if (info->interp_len >= sizeof ipath) { r = -ENOEXEC; goto out; }
        ssize_t got = kernel_read(f, ipath, info->interp_len, info->interp_off);
        if (got != (ssize_t)info->interp_len || ipath[info->interp_len - 1]) { r = -ENOEXEC; goto out; }
        fi = file_open_kernel(ipath, O_RDONLY, 0);
        if (IS_ERR(fi)) { r = (int)PTR_ERR(fi); fi = NULL; goto out; }
        if ((r = read_headers(fi, iinfo))) goto out;
    }
    if (!(mm = mm_create())) { r = -ENOMEM; goto out; }
    struct loaded prog, interp;
    if ((r = map_elf(mm, f, info, choose_bias(info, ELF_ET_DYN_BASE), &prog))) goto out;
    if (fi && (r = map_elf(mm, fi, iinfo, choose_bias(iinfo, INTERP_BASE), &interp))) goto out;
    mm->brk_start = mm->brk = ALIGN_UP(prog.brk, PAGE_SIZE);
    u64 stack = current->proc->rlim[3].cur;                    /* RLIMIT_STACK */
    if (stack > (256UL << 20) || stack < (128UL << 10)) stack = 8UL << 20;
    long sr = mm_map(mm, mm->stack_top - stack, stack, 3, VMA_STACK | VMA_GROWSDOWN, true, NULL, 0);
    if (sr < 0) { r = (int)sr; goto out; }
    long vdso = vdso_map(mm);
    if (vdso < 0) { r = (int)vdso; goto out; }

    /* Point of no return: other threads go, then switch to the new address space. */
    de_thread();
    struct mm *old = current->mm;
    current->mm = mm;
    mm_activate(mm);
    if (old) mm_put(old);
    mm = NULL;
    long sp = build_stack(current->mm, args, path, &prog, fi ? &interp : NULL, (u64)vdso);
    if (sp < 0) do_exit_group(11 /* SIGSEGV */);
    struct trap_frame *tf = current->tf;
    memset(tf, 0, sizeof *tf);
    tf->sp = (u64)sp;
    tf->pc = fi ? interp.entry : prog.entry;
    tf->pstate = 0;                                            /* EL0t, interrupts unmasked */
    tf->syscallno = ~0UL;
    memset(&current->fp, 0, sizeof current->fp);
    current->tpidr_el0 = 0;
    __asm__ volatile("msr tpidr_el0, xzr");
    extern void fpsimd_restore(struct fpsimd_state *);
    fpsimd_restore(&current->fp);
    current->rseq = 0;
    current->proc->did_exec = true;                     /* itimers survive exec, as on Linux */
    exec_release_vfork();
    files_close_on_exec(current->files);
    signals_reset_on_exec(current);
    const char *base = strrchr(path, '/');
    strlcpy(current->comm, base ? base + 1 : path, TASK_COMM_LEN);
    if (vfs_path_of(f, current->proc->exe_path, sizeof current->proc->exe_path) < 0)
        strlcpy(current->proc->exe_path, path, sizeof current->proc->exe_path);
    r = 0;
out:
    if (mm) mm_put(mm);
    if (fi) file_put(fi);
    kfree(info);
    return r;
}
