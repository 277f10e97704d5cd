#!/usr/bin/env python3
"""Generate the syscall dispatch table and handler prototypes from syscall/syscall.tbl.

    gensyscalls.py TBL OUTDIR        writes OUTDIR/syscall_decls.h and OUTDIR/syscall_table.c
    gensyscalls.py --verify TBL      checks every NR/name against the installed arm64 UAPI headers

The table format is documented at the top of syscall/syscall.tbl. Any malformed line, duplicate
number or name, unknown kind or unmappable C type is a hard error (file:line: message, exit 1):
a silently dropped syscall would only show up much later as a mysterious ENOSYS.
"""
import os
import re
import subprocess
import sys

STATUSES = ("enosys", "partial", "done")
# RET kinds; must match enum syscall_retk in syscall/syscall.h.
RETKS = ("int", "fd", "size", "hex", "ptr", "noreturn", "exec", "frame")
# Argument kinds; must match enum syscall_argk in syscall/syscall.h.
ARGKS = ("int", "uint", "hex", "ptr", "size", "fd", "dirfd", "path", "str", "argv",
         "oflags", "atflags", "octal", "prot", "mmapflags", "signal", "clockid")
MAX_ARGS = 6

# Linux scalar parameter types -> the kernel type the handler receives (lib/types.h names).
# Widths follow Linux's arm64 definitions (include/uapi/asm-generic/posix_types.h, linux/types.h).
SCALARS = {
    "int": "int", "unsigned": "unsigned int", "unsigned int": "unsigned int",
    "long": "long", "unsigned long": "unsigned long", "size_t": "size_t",
    "umode_t": "mode_t",        # unsigned short in Linux, but syscalls take it in a full register
    "loff_t": "long", "off_t": "off_t",
    "pid_t": "pid_t", "uid_t": "uid_t", "gid_t": "gid_t",
    "u32": "u32", "__u32": "u32", "u64": "u64", "__u64": "u64", "s32": "s32", "__s32": "s32",
    "clockid_t": "int", "timer_t": "int", "mqd_t": "int", "key_t": "int",
    "key_serial_t": "s32", "qid_t": "u32", "aio_context_t": "unsigned long", "rwf_t": "int",
}
# Kernel types 32 bits wide: the tracer truncates those registers like the handler does.
NARROW = {"int", "unsigned int", "mode_t", "pid_t", "uid_t", "gid_t", "u32", "s32"}
# typedefs that are user pointers without a '*' in their spelling
POINTER_TYPEDEFS = {"cap_user_header_t", "cap_user_data_t"}


class TblError(Exception):
    pass


def kernel_type(ctype):
    """The handler's parameter type for a Linux parameter type."""
    if "*" in ctype:
        return "uaddr_t"
    base = " ".join(w for w in ctype.split() if w != "const")
    if base in POINTER_TYPEDEFS:
        return "uaddr_t"
    if base.startswith("enum "):
        return "int"
    if base in SCALARS:
        return SCALARS[base]
    raise TblError("unknown C type %r (add it to SCALARS in tools/gensyscalls.py)" % ctype)


ARG_RE = re.compile(r"^(?P<type>.*?[\w*])\s*\b(?P<name>[A-Za-z_]\w*):(?P<kind>\w+)$")
IDENT_RE = re.compile(r"^[a-z_][a-z0-9_]*$")


def parse(path):
    """Returns the entries sorted by number: dicts nr, name, status, ret, args[(ctype, name, kind)]."""
    entries, by_nr, by_name = [], {}, {}
    with open(path) as f:
        lines = f.readlines()
    for lineno, raw in enumerate(lines, 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        where = "%s:%d: " % (path, lineno)
        cols = line.split(None, 4)
        if len(cols) != 5:
            raise TblError(where + "expected `NR NAME STATUS RET ARGS`, got %r" % line)
        nr_s, name, status, ret, args_s = cols
        if not nr_s.isdigit():
            raise TblError(where + "bad syscall number %r" % nr_s)
        nr = int(nr_s)
        if not IDENT_RE.match(name):
            raise TblError(where + "bad syscall name %r" % name)
        if status not in STATUSES:
            raise TblError(where + "status %r is not one of %s" % (status, "|".join(STATUSES)))
        if ret not in RETKS:
            raise TblError(where + "return kind %r is not one of %s" % (ret, "|".join(RETKS)))
        if nr in by_nr:
            raise TblError(where + "duplicate number %d (also line %d)" % (nr, by_nr[nr]))
        if name in by_name:
            raise TblError(where + "duplicate name %s (also line %d)" % (name, by_name[name]))
        by_nr[nr], by_name[name] = lineno, lineno
        args = []
        if args_s.strip() != "void":
            for a in args_s.split(","):
                m = ARG_RE.match(a.strip())
                if not m:
                    raise TblError(where + "bad argument %r (want `TYPE NAME:KIND`)" % a.strip())
                ctype, aname, kind = " ".join(m.group("type").split()), m.group("name"), m.group("kind")
                if kind not in ARGKS:
                    raise TblError(where + "argument %s: kind %r is not one of %s"
                                   % (aname, kind, " ".join(ARGKS)))
                try:
                    kernel_type(ctype)
                except TblError as e:
                    raise TblError(where + "argument %s: %s" % (aname, e))
                args.append((ctype, aname, kind))
            if len(args) > MAX_ARGS:
                raise TblError(where + "%d arguments (max %d)" % (len(args), MAX_ARGS))
            if len({a[1] for a in args}) != len(args):
                raise TblError(where + "duplicate argument names")
        entries.append(dict(nr=nr, name=name, status=status, ret=ret, args=args))
    if not entries:
        raise TblError(path + ": no syscalls")
    return sorted(entries, key=lambda e: e["nr"])


def enum_name(prefix, kind):
    return prefix + kind.upper()


def gen_decls(entries):
    out = ["/* Generated by tools/gensyscalls.py from syscall/syscall.tbl: do not edit. */",
           "#pragma once",
           '#include "lib/types.h"', "",
           "#define NR_SYSCALLS %d  /* one past the highest syscall number */"
           % (entries[-1]["nr"] + 1), "",
           "/* Syscall numbers (x8), the Linux arm64 ABI's __NR_* under our own prefix. */"]
    for e in entries:
        out.append("#define NR_%s %d" % (e["name"], e["nr"]))
    out += ["", "/* Handlers of the implemented (done/partial) syscalls. */"]
    for e in entries:
        if e["status"] == "enosys":
            continue
        params = ", ".join("%s %s" % (kernel_type(t), n) for t, n, _ in e["args"]) or "void"
        out.append("long sys_%s(%s);" % (e["name"], params))
    return "\n".join(out) + "\n"


def gen_table(entries):
    out = ["/* Generated by tools/gensyscalls.py from syscall/syscall.tbl: do not edit. */",
           '#include "syscall/syscall.h"', "",
           "/* Wrappers take all six registers whatever the arity. */",
           '#pragma GCC diagnostic ignored "-Wunused-parameter"', "",
           "/* One wrapper per implemented syscall: truncates each 64-bit register to the parameter's",
           " * C type (like Linux's __SC_CAST), so handlers get well-typed arguments and the table",
           " * holds a single function-pointer type without casts between incompatible types. */"]
    regs = ", ".join("u64 a%d" % i for i in range(MAX_ARGS))
    for e in entries:
        if e["status"] == "enosys":
            continue
        call = ", ".join("(%s)a%d" % (kernel_type(t), i) for i, (t, _, _) in enumerate(e["args"]))
        out.append("static long sysw_%s(%s) { return sys_%s(%s); }" % (e["name"], regs, e["name"], call))
    out += ["", "const struct syscall_desc syscall_table[NR_SYSCALLS] = {"]
    for e in entries:
        fn = "sysw_%s" % e["name"] if e["status"] != "enosys" else "NULL"
        argk = ", ".join(enum_name("SA_", k) for _, _, k in e["args"])
        argn = ", ".join('"%s"' % n for _, n, _ in e["args"])
        narrow = sum(1 << i for i, (t, _, _) in enumerate(e["args"]) if kernel_type(t) in NARROW)
        out.append('    [%d] = { .name = "%s", .fn = %s, .nargs = %d, .retk = %s, .status = %s,'
                   ' .narrow = 0x%02x,'
                   % (e["nr"], e["name"], fn, len(e["args"]), enum_name("SR_", e["ret"]),
                      enum_name("SS_", e["status"]), narrow))
        out.append("            .argk = { %s }, .argn = { %s } }," % (argk, argn))
    out.append("};")
    return "\n".join(out) + "\n"


def write_atomic(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)   # never leave a half-written file for make to trust


def uapi_syscalls(cc="aarch64-linux-gnu-gcc"):
    """{name: nr} from the installed arm64 UAPI <asm/unistd.h>, resolving __NR3264_* aliases."""
    dm = subprocess.run([cc, "-dM", "-E", "-x", "c", "-"], input="#include <asm/unistd.h>\n",
                        capture_output=True, text=True, check=True).stdout
    defs = dict(re.findall(r"^#define (__NR\w+) (\S+)$", dm, re.M))

    def resolve(v, depth=0):
        while not v.isdigit():
            if v not in defs or depth > 10:
                raise TblError("cannot resolve %s" % v)
            v, depth = defs[v], depth + 1
        return int(v)
    return {k[5:]: resolve(v) for k, v in defs.items()
            if k.startswith("__NR_") and k not in ("__NR_syscalls", "__NR_arch_specific_syscall")}


def verify(path):
    entries = parse(path)
    want = uapi_syscalls()
    have = {e["name"]: e["nr"] for e in entries}
    errs = ["%s: missing %s = %d" % (path, n, nr) for n, nr in sorted(want.items()) if n not in have]
    errs += ["%s: %s is %d in the table but %d in <asm/unistd.h>" % (path, n, have[n], want[n])
             for n in sorted(have) if n in want and have[n] != want[n]]
    errs += ["%s: %s is not in <asm/unistd.h>" % (path, n) for n in sorted(have) if n not in want]
    if errs:
        raise TblError("\n".join(errs))
    print("%s: %d syscalls match <asm/unistd.h> (%d done, %d partial)" % (
        path, len(entries), sum(e["status"] == "done" for e in entries),
        sum(e["status"] == "partial" for e in entries)))


def main(argv):
    try:
        if len(argv) == 3 and argv[1] == "--verify":
            verify(argv[2])
            return 0
        if len(argv) != 3:
            sys.stderr.write(__doc__)
            return 2
        entries = parse(argv[1])
        os.makedirs(argv[2], exist_ok=True)
        write_atomic(os.path.join(argv[2], "syscall_decls.h"), gen_decls(entries))
        write_atomic(os.path.join(argv[2], "syscall_table.c"), gen_table(entries))
        return 0
    except TblError as e:
        sys.stderr.write("gensyscalls: error: %s\n" % e)
        return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
