/* What the kernel hands a new program (ELF entry point, no C library): the registers and the
 * initial stack. _start passes the initial sp and x0 to crt0_main, which prints, with offsets from
 * sp, argc, argv[], envp[] and the auxiliary vector, and where the strings and AT_RANDOM's bytes
 * lie. Lines starting with "layout:" must be equal on Linux and Levitate (tests/spec/run-questions);
 * "auxv:" lines list the auxiliary vector (its entries and their order are the kernel's choice:
 * qemu-user gives no AT_SYSINFO_EHDR, for one) and "where:" lines hold offsets that depend on the
 * kernel's placement of the strings.
 * Built with -nostdlib -static: only raw system calls (write, exit_group). */
typedef unsigned long u64;

__asm__(".text\n.global _start\n_start:\n"
        "  mov x1, x0\n"          /* x0 at entry */
        "  mov x0, sp\n"
        "  mov x2, x29\n"
        "  mov x3, x30\n"
        "  bl crt0_main\n"
        "  b .\n");

static long sys3(long n, long a, long b, long c)
{
    register long x8 __asm__("x8") = n, x0 __asm__("x0") = a, x1 __asm__("x1") = b, x2 __asm__("x2") = c;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2) : "memory");
    return x0;
}

static char buf[8192];
/* initialized data: keeps the RW segment non-empty in the file (Levitate rejected a LOAD segment
 * with p_filesz 0 whose p_offset lies past the end of the file) */
static volatile int data_marker = 1;
static int len;
static void put(const char *s) { while (*s && len < (int)sizeof buf) buf[len++] = *s++; }
static void putu(u64 v, int base)
{
    char t[24];
    int i = 0;
    if (base == 16) put("0x");
    do { t[i++] = "0123456789abcdef"[v % base]; v /= base; } while (v);
    while (i) { char c[2] = { t[--i], 0 }; put(c); }
}
static void puts_q(const char *s)
{
    put("\"");
    for (int i = 0; s[i] && i < 60; i++) { char c[2] = { s[i], 0 }; put(c); }
    put("\"");
}

static const char *at_name(u64 t)
{
    switch (t) {
    case 3: return "AT_PHDR"; case 4: return "AT_PHENT"; case 5: return "AT_PHNUM";
    case 6: return "AT_PAGESZ"; case 7: return "AT_BASE"; case 8: return "AT_FLAGS";
    case 9: return "AT_ENTRY"; case 11: return "AT_UID"; case 12: return "AT_EUID";
    case 13: return "AT_GID"; case 14: return "AT_EGID"; case 15: return "AT_PLATFORM";
    case 16: return "AT_HWCAP"; case 17: return "AT_CLKTCK"; case 23: return "AT_SECURE";
    case 25: return "AT_RANDOM"; case 26: return "AT_HWCAP2"; case 31: return "AT_EXECFN";
    case 33: return "AT_SYSINFO_EHDR"; case 51: return "AT_MINSIGSTKSZ";
    default: return 0;
    }
}

void crt0_main(u64 *sp, u64 x0, u64 fp, u64 lr)
{
    u64 base = (u64)sp;
    (void)data_marker;
    put("layout: sp % 16 = "); putu(base % 16, 10); put("\n");
    put("layout: x0 = "); putu(x0, 10); put(", x29 = "); putu(fp, 10); put(", x30 = "); putu(lr, 10); put("\n");
    u64 argc = sp[0];
    put("layout: [sp+0] argc = "); putu(argc, 10); put("\n");
    char **argv = (char **)(sp + 1);
    for (u64 i = 0; i < argc; i++) {
        put("layout: [sp+"); putu(8 + 8 * i, 10); put("] argv["); putu(i, 10); put("] -> "); puts_q(argv[i]); put("\n");
    }
    put("layout: [sp+"); putu(8 + 8 * argc, 10); put("] argv["); putu(argc, 10); put("] = NULL\n");
    char **envp = argv + argc + 1;
    u64 n = 0;
    while (envp[n]) n++;
    u64 eoff = (u64)(envp) - base;
    put("layout: [sp+"); putu(eoff, 10); put("] envp[0.."); putu(n, 10); put("] ("); putu(n, 10); put(" strings), then NULL at [sp+"); putu(eoff + 8 * n, 10); put("]\n");
    u64 *auxv = (u64 *)(envp + n + 1);
    u64 aoff = (u64)auxv - base;
    put("layout: [sp+"); putu(aoff, 10); put("] auxv: (type, value) pairs of 16 bytes\n");
    u64 lo = ~0UL, hi = 0, random = 0, execfn = 0, platform = 0;
    int i;
    for (i = 0; auxv[2 * i]; i++) {
        u64 t = auxv[2 * i], v = auxv[2 * i + 1];
        const char *nm = at_name(t);
        put("auxv: auxv["); putu(i, 10); put("] ");
        if (nm) put(nm); else { put("type "); putu(t, 10); }
        if (t == 25) random = v;
        if (t == 31) execfn = v;
        if (t == 15) platform = v;
        if (t == 6 || t == 4 || t == 11 || t == 12 || t == 13 || t == 14 || t == 23 || t == 17) {
            put(" = "); putu(v, 10);
        } else if (v >= base && v < base + (1UL << 20)) {
            put(" -> the stack");
        }
        put("\n");
    }
    put("where: [sp+"); putu(aoff + 16 * i, 10); put("] AT_NULL (end of auxv)\n");
    for (u64 k = 0; k < argc; k++) { u64 a = (u64)argv[k]; if (a < lo) lo = a; if (a > hi) hi = a; }
    for (u64 k = 0; k < n; k++) { u64 a = (u64)envp[k]; if (a < lo) lo = a; if (a > hi) hi = a; }
    put("layout: strings above the vectors: "); put(lo > (u64)(auxv + 2 * i) ? "yes" : "no"); put("\n");
    put("layout: argv strings below env strings: "); put(argc && n ? ((u64)argv[argc - 1] < (u64)envp[0] ? "yes" : "no") : "n/a"); put("\n");
    put("where: end of auxv at sp+"); putu(aoff + 16 * i + 16, 10); put("\n");
    if (random) { put("where: AT_RANDOM's 16 bytes at sp+"); putu(random - base, 10); put("\n"); }
    if (platform) { put("where: AT_PLATFORM string "); puts_q((char *)platform); put(" at sp+"); putu(platform - base, 10); put("\n"); }
    put("where: argv[0] string at sp+"); putu((u64)argv[0] - base, 10); put("\n");
    if (n) { put("where: envp[0] string at sp+"); putu((u64)envp[0] - base, 10); put("\n"); }
    if (execfn) { put("where: AT_EXECFN string "); puts_q((char *)execfn); put(" at sp+"); putu(execfn - base, 10); put("\n"); }
    put("where: last string ends at sp+"); putu(hi - base, 10); put(" + its length\n");
    sys3(64, 1, (long)buf, len);
    sys3(94, 0, 0, 0);
}
