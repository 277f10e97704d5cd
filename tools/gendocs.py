#!/usr/bin/env python3
"""Generate and check the spec: docs/specs/userspace-abi.md and docs/specs/syscalls.tsv.

    gendocs.py generate     rewrite every generated block of the document and the TSV
    gendocs.py check        regenerate in memory and fail if the files differ (stale), and run the
                            checks: the document's Rust and C structure blocks against Linux's
                            headers (sizes, alignments, offsets), the profile against the table

The document is hand-written prose around generated blocks:
    <!-- gen:NAME -->
    ...generated text...
    <!-- /gen:NAME -->
Only the text between such markers is rewritten. The inputs are:
  syscall/syscall.tbl           numbers, names, arguments and Levitate's status of every syscall
  tests/spec/profile/           the trace profile (tests/spec/record-profile, `make spec-profile`)
  Linux's UAPI headers          constants and structure layouts, measured by compiling small C files
                                with aarch64-linux-gnu-gcc -S (and the host's gcc for x86-64) and
                                reading the values from the assembly: nothing is typed in
  uapi/*.h                      Levitate's own values of the same constants (checked to be equal)
  std's source                  the platform layer (library/std/src/sys, package rust-web-src)
"""
import collections
import difflib
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tools"))
sys.path.insert(0, os.path.join(ROOT, "tools", "spec"))
import gensyscalls  # noqa: E402
import layouts  # noqa: E402
import stdsys  # noqa: E402

DOC = os.path.join(ROOT, "docs", "specs", "userspace-abi.md")
TSV = os.path.join(ROOT, "docs", "specs", "syscalls.tsv")
TBL = os.path.join(ROOT, "syscall", "syscall.tbl")
PROFILE = os.path.join(ROOT, "tests", "spec", "profile")
TRACES = os.path.join(PROFILE, "traces")
BUILD = os.path.join(ROOT, "build", "spec", "gen")
CC_ARM = "aarch64-linux-gnu-gcc"
CC_X86 = "gcc"
RUSTC = "/usr/bin/rustc"

AREAS = ["fs", "io", "net", "thread", "sync", "time", "process", "env", "alloc", "stdio", "args",
         "random", "unix"]
AREA_TITLE = {"unix": "os::unix"}


class CheckError(Exception):
    pass


# ================================================================================================
# Inputs


def load_profile():
    rows = []
    with open(os.path.join(PROFILE, "linux.tsv")) as f:
        for line in f:
            if line.startswith("#") or line.startswith("session\t"):
                continue
            s, prog, phase, name, sig, cnt, res = line.rstrip("\n").split("\t")
            rows.append(dict(session=s, prog=prog, phase=phase, name=name, sig=sig, count=int(cnt),
                             results=res.split(",")))
    return rows


def load_runs():
    runs = {}
    with open(os.path.join(PROFILE, "runs.tsv")) as f:
        for line in f:
            if line.startswith("#") or line.startswith("session\t"):
                continue
            s, side, st = line.rstrip("\n").split("\t")
            runs[(s, side)] = int(st)
    return runs


def read_trace(name):
    p = os.path.join(TRACES, name)
    if not os.path.exists(p):
        return []
    with open(p) as f:
        return [l.rstrip("\n") for l in f]


# ================================================================================================
# Compiling C to read numbers: every value becomes a 64-bit global whose initializer the assembly
# shows (.xword on aarch64, .quad on x86-64).

def asm_values(cc, source, extra=()):
    os.makedirs(BUILD, exist_ok=True)
    with tempfile.NamedTemporaryFile("w", suffix=".c", dir=BUILD, delete=False) as f:
        f.write(source)
        path = f.name
    try:
        r = subprocess.run([cc, "-S", "-O0", "-w", "-o", "-", path] + list(extra),
                           capture_output=True, text=True)
        if r.returncode != 0:
            raise CheckError("%s failed on generated C (%s):\n%s" % (cc, path, r.stderr[-3000:]))
    finally:
        pass
    os.unlink(path)
    vals, label = {}, None
    for line in r.stdout.splitlines():
        m = re.match(r"^(v_\w+):", line)
        if m:
            label = m.group(1)[2:]
            continue
        m = re.match(r"^\s+\.(xword|quad|8byte)\s+(-?\d+)", line)
        if m and label:
            v = int(m.group(2))
            if v >= 1 << 63:
                v -= 1 << 64
            vals[label] = v
            label = None
        elif m is None and label and re.match(r"^\s+\.zero\s+8", line):
            vals[label] = 0
            label = None
    return vals


def macro_names(cc, headers, extra=()):
    r = subprocess.run([cc, "-dM", "-E", "-x", "c", "-"] + list(extra), input=headers,
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise CheckError("%s -dM failed:\n%s" % (cc, r.stderr[-2000:]))
    out = {}
    for line in r.stdout.splitlines():
        m = re.match(r"#define (\w+)(\(.*?\))? ?(.*)$", line)
        if m and not m.group(2):
            out[m.group(1)] = m.group(3)
    return out


# ================================================================================================
# Constants (section 5 and 8)

# group title, TU ("kernel" = UAPI headers only, "glibc" = glibc's), headers, name regex, excluded
CONST_GROUPS = [
    ("open flags", "kernel", ["asm/fcntl.h"], r"^O_[A-Z0-9_]+$", r"^O_(NDELAY)$"),
    ("fcntl commands and flags", "kernel", ["asm/fcntl.h", "linux/fcntl.h"], r"^(F_[A-Z0-9_]+|FD_CLOEXEC)$", r"^F_(LINUX_SPECIFIC_BASE)$"),
    ("AT_* (*at() flags)", "kernel", ["linux/fcntl.h"], r"^AT_[A-Z0-9_]+$", None),
    ("mmap, mprotect, madvise", "kernel", ["asm/mman.h"], r"^(PROT|MAP|MADV|MREMAP|MS|MCL)_[A-Z0-9_]+$", r"^MAP_(HUGE_\d+\w*|HUGE_MASK|HUGE_SHIFT|FILE|TYPE)$"),
    ("clone flags", "kernel", ["linux/sched.h"], r"^(CLONE_[A-Z0-9_]+|CSIGNAL)$", r"^CLONE_ARGS_SIZE"),
    ("futex operations and flags", "kernel", ["linux/futex.h"], r"^FUTEX_[A-Z0-9_]+$", r"^FUTEX_(OP_|WAITV)"),
    ("TTY ioctls", "kernel", ["asm/termbits.h", "asm/ioctls.h", "linux/serial.h"], r"^(TC[A-Z0-9_]+|TIOC[A-Z0-9_]+|FIO[A-Z0-9_]+)$", r"^(TIOCPKT_|TIOCSER_TEMT)"),
    ("socket address families and types", "glibc", ["sys/socket.h"], r"^(AF_(UNSPEC|UNIX|LOCAL|INET|INET6|NETLINK|PACKET)|SOCK_(STREAM|DGRAM|RAW|SEQPACKET|NONBLOCK|CLOEXEC))$", None),
    ("socket levels, options and message flags", "kernel", ["asm/socket.h", "linux/socket.h"], r"^(SOL_SOCKET|SO_[A-Z0-9_]+)$", r"^SO_(TIMESTAMP|TIMESTAMPNS|TIMESTAMPING|RCVTIMEO|SNDTIMEO)$"),
    ("message flags", "glibc", ["sys/socket.h"], r"^(MSG_[A-Z_]+|SCM_RIGHTS|SCM_CREDENTIALS|SHUT_(RD|WR|RDWR)|SOMAXCONN)$", None),
    ("clock ids", "kernel", ["linux/time.h"], r"^(CLOCK_[A-Z0-9_]+|TIMER_ABSTIME)$", None),
    ("poll events", "kernel", ["asm/poll.h"], r"^POLL[A-Z]+$", None),
    ("epoll", "kernel", ["linux/eventpoll.h"], r"^(EPOLL[A-Z_]+)$", r"^EPOLL_PACKED$"),
    ("wait options", "kernel", ["linux/wait.h"], r"^(W[A-Z]+|__W[A-Z]+|P_[A-Z]+)$", None),
    ("auxv types", "kernel", ["linux/auxvec.h", "asm/auxvec.h"], r"^AT_[A-Z0-9_]+$", r"^AT_VECTOR_SIZE"),
    ("resource limits", "kernel", ["asm/resource.h", "linux/resource.h"], r"^(RLIMIT_[A-Z]+|RLIM_NLIMITS|RLIM_INFINITY|RUSAGE_[A-Z]+|PRIO_[A-Z]+)$", None),
    ("sigaction flags, sigprocmask, sigaltstack", "kernel", ["asm/signal.h"], r"^(SA_[A-Z_]+|SIG_(BLOCK|UNBLOCK|SETMASK)|SS_[A-Z]+|MINSIGSTKSZ|SIGSTKSZ)$", None),
    ("si_code values", "kernel", ["asm/siginfo.h"], r"^(SI_[A-Z]+|CLD_[A-Z]+|SEGV_[A-Z]+|BUS_[A-Z]+|ILL_[A-Z]+|FPE_[A-Z]+|TRAP_[A-Z]+)$", r"^(SI_MAX_SIZE|SI_ASYNCNL|SI_DETHREAD)$"),
    ("getrandom, prctl names", "kernel", ["linux/random.h", "linux/prctl.h"], r"^(GRND_[A-Z]+|PR_(SET|GET)_(NAME|PDEATHSIG|DUMPABLE|NO_NEW_PRIVS|CHILD_SUBREAPER))$", None),
]

KERNEL_PRELUDE = "#include <linux/types.h>\n"


def _inc(headers):
    return "".join("#include <%s>\n" % h for h in headers)


def eval_consts(cc, tu, headers, names, extra=()):
    pre = KERNEL_PRELUDE if tu == "kernel" else "#define _GNU_SOURCE 1\n"
    src = lambda ns: pre + _inc(headers) + "".join(
        "#ifdef %s\nlong long v_%s = (long long)(%s);\n#endif\n" % (n, n, n) for n in ns)
    try:
        return asm_values(cc, src(names), extra)
    except CheckError:
        if cc == CC_ARM:
            raise
    vals = {}  # x86-64: a name that does not evaluate there is left out
    for n in names:
        try:
            vals.update(asm_values(cc, src([n]), extra))
        except CheckError:
            pass
    return vals


def const_groups():
    """[(title, [(name, arm64, x86_64)])] for every group, names from the arm64 headers."""
    out = []
    for title, tu, headers, rx, ex in CONST_GROUPS:
        pre = KERNEL_PRELUDE if tu == "kernel" else "#define _GNU_SOURCE 1\n"
        defs = macro_names(CC_ARM, pre + _inc(headers))
        names = sorted(n for n in defs if re.match(rx, n) and not (ex and re.match(ex, n)))
        arm = eval_consts(CC_ARM, tu, headers, names)
        x86 = eval_consts(CC_X86, tu, headers, names)
        rows = [(n, arm[n], x86.get(n)) for n in names if n in arm]
        rows.sort(key=lambda r: (r[1] if r[1] >= 0 else (1 << 64) + r[1], r[0]))
        out.append((title, rows))
    return out


def errno_table():
    defs = macro_names(CC_ARM, "#include <asm/errno.h>\n")
    names = [n for n in defs if re.match(r"^E[A-Z0-9]+$", n)]
    arm = eval_consts(CC_ARM, "kernel", ["asm/errno.h"], names)
    x86 = eval_consts(CC_X86, "kernel", ["asm/errno.h"], names)
    by = collections.defaultdict(list)
    for n, v in arm.items():
        by[v].append(n)
    rows = []
    for v in range(1, 134):
        ns = sorted(by.get(v, []), key=lambda n: (defs.get(n, "").startswith("E"), n))
        rows.append((v, ns, all(x86.get(n) == v for n in ns), os.strerror(v)))
    return rows


def signal_table():
    defs = macro_names(CC_ARM, KERNEL_PRELUDE + "#include <asm/signal.h>\n")
    names = [n for n in defs if re.match(r"^SIG[A-Z0-9]+$", n) and n not in ("SIGRTMIN", "SIGRTMAX", "SIGSTKSZ", "SIG_BLOCK")]
    arm = eval_consts(CC_ARM, "kernel", ["asm/signal.h"], names + ["SIGRTMIN", "SIGRTMAX", "_NSIG"])
    x86 = eval_consts(CC_X86, "kernel", ["asm/signal.h"], names + ["SIGRTMIN", "SIGRTMAX", "_NSIG"])
    by = collections.defaultdict(list)
    for n in names:
        if n in arm:
            by[arm[n]].append(n)
    return by, arm, x86


def levitate_uapi_values():
    """Levitate's own constants (uapi/*.h), to show they equal Linux's (make check-abi proves it)."""
    hdrs = sorted(f for f in os.listdir(os.path.join(ROOT, "uapi")) if f.endswith(".h"))
    src = "".join('#include "uapi/%s"\n' % h for h in hdrs)
    names = []
    for h in hdrs:
        with open(os.path.join(ROOT, "uapi", h)) as f:
            names += re.findall(r"^#define\s+([A-Z_][A-Z0-9_]*)[ \t]+\S", f.read(), re.M)
    defs = macro_names(CC_ARM, src, ["-I", ROOT, "-ffreestanding"])
    names = sorted(set(n for n in names if n in defs))
    vals = asm_values(CC_ARM, src + "".join("long long v_%s = (long long)(%s);\n" % (n, n) for n in names
                                            if not defs[n].startswith('"')),
                      ["-I", ROOT, "-ffreestanding"]) if names else {}
    return vals


# ================================================================================================
# Structures (section 4)

def doc_blocks(text, lang):
    return re.findall(r"^```%s\n(.*?)^```" % lang, text, re.S | re.M)


RUST_STRUCT = re.compile(r"pub (struct|union) (\w+)\s*\{(.*?)\n\}", re.S)
RUST_FIELD = re.compile(r"^\s*pub (\w+)\s*:", re.M)


def rust_structs(text):
    out = collections.OrderedDict()
    for b in doc_blocks(text, "rust"):
        for kind, name, body in RUST_STRUCT.findall(b):
            out[name] = [f for f in RUST_FIELD.findall(body)]
    return out


def checked_fields(fields):
    return [f for f in fields if not f.startswith("_pad")]


def layout_source(tu, items, prelude):
    """C source measuring (name, ctype, {field: designator}) items."""
    lines = [prelude]
    for name, ctype, fields in items:
        lines.append("long long v_%s__size = sizeof(%s);" % (name, ctype))
        lines.append("long long v_%s__align = _Alignof(%s);" % (name, ctype))
        for f, des in fields.items():
            lines.append("long long v_%s__off__%s = __builtin_offsetof(%s, %s);" % (name, f, ctype, des))
            if (name, f) not in layouts.FLEXIBLE:
                lines.append("long long v_%s__fsz__%s = sizeof(((%s *)0)->%s);" % (name, f, ctype, des))
    return "\n".join(lines) + "\n"


def linux_layouts(rstructs, cc=CC_ARM):
    """{name: {'size', 'align', 'fields': [(field, off, size)]}} from Linux's headers."""
    by_tu = collections.defaultdict(list)
    for name, tu, ctype, fmap in layouts.STRUCTS:
        if name not in rstructs:
            raise CheckError("section 4: no Rust block defines %s (tools/spec/layouts.py lists it)" % name)
        fields = collections.OrderedDict((f, fmap.get(f, f)) for f in checked_fields(rstructs[name]))
        by_tu[tu].append((name, ctype, fields))
    vals = {}
    for tu, items in by_tu.items():
        if tu == "kernel":
            pre = layouts.KERNEL_HEADERS
        elif tu == "glibc":
            pre = layouts.GLIBC_HEADERS
        else:
            pre = layouts.SRC_HEADERS % layouts.LINUX_SRC
        if cc == CC_ARM:
            vals.update(asm_values(cc, layout_source(tu, items, pre)))
            continue
        # x86-64: some structures do not exist or have other fields there; measure what compiles
        try:
            vals.update(asm_values(cc, layout_source(tu, items, pre)))
        except CheckError:
            for it in items:
                try:
                    vals.update(asm_values(cc, layout_source(tu, [it], pre)))
                except CheckError:
                    try:
                        vals.update(asm_values(cc, layout_source(tu, [(it[0], it[1], {})], pre)))
                    except CheckError:
                        pass
    out = collections.OrderedDict()
    for name, tu, ctype, fmap in layouts.STRUCTS:
        fields = [(f, vals.get("%s__off__%s" % (name, f)), vals.get("%s__fsz__%s" % (name, f), 0 if (name, f) in layouts.FLEXIBLE else None))
                  for f in checked_fields(rstructs[name])]
        out[name] = dict(size=vals.get(name + "__size"), align=vals.get(name + "__align"), fields=fields,
                         tu=tu, ctype=ctype)
    return out


def check_c_blocks(text, lin):
    """The document's C blocks must give every structure Linux's layout."""
    src = "#include <stdint.h>\n#include <stddef.h>\n" + "\n".join(doc_blocks(text, "c")) + "\n"
    asserts = []
    for name, L in lin.items():
        t = "struct %s" % name
        asserts.append("_Static_assert(sizeof(%s) == %d, \"%s: size\");" % (t, L["size"], name))
        asserts.append("_Static_assert(_Alignof(%s) == %d, \"%s: align\");" % (t, L["align"], name))
        for f, off, sz in L["fields"]:
            asserts.append("_Static_assert(offsetof(%s, %s) == %d, \"%s.%s: offset\");" % (t, f, off, name, f))
            if (name, f) not in layouts.FLEXIBLE:
                asserts.append("_Static_assert(sizeof(((%s *)0)->%s) == %d, \"%s.%s: size\");" % (t, f, sz, name, f))
    os.makedirs(BUILD, exist_ok=True)
    path = os.path.join(BUILD, "doc_structs_check.c")
    with open(path, "w") as f:
        f.write(src + "\n".join(asserts) + "\n")
    r = subprocess.run([CC_ARM, "-std=gnu11", "-fsyntax-only", path], capture_output=True, text=True)
    if r.returncode != 0:
        raise CheckError("section 4: the document's C blocks differ from Linux's layouts (%s):\n%s"
                         % (path, r.stderr[-3000:]))
    return len(asserts)


def check_rust_blocks(text, lin):
    """Compile the document's Rust blocks for aarch64 with const assertions of Linux's numbers."""
    src = ["#![allow(non_camel_case_types, dead_code, non_snake_case)]",
           "#![no_std]",
           "use core::mem::{size_of, align_of, offset_of};"]
    src += doc_blocks(text, "rust")
    n = 0
    for name, L in lin.items():
        src.append("const _: () = assert!(size_of::<%s>() == %d, \"%s: size\");" % (name, L["size"], name))
        src.append("const _: () = assert!(align_of::<%s>() == %d, \"%s: align\");" % (name, L["align"], name))
        n += 2
        for f, off, sz in L["fields"]:
            src.append("const _: () = assert!(offset_of!(%s, %s) == %d, \"%s.%s: offset\");" % (name, f, off, name, f))
            n += 1
    os.makedirs(BUILD, exist_ok=True)
    path = os.path.join(BUILD, "doc_structs_check.rs")
    with open(path, "w") as f:
        f.write("\n".join(src) + "\n")
    r = subprocess.run([RUSTC, "--edition", "2021", "--target", "aarch64-unknown-linux-gnu", "--crate-type", "lib",
                        "--emit", "metadata", "-o", os.path.join(BUILD, "doc_structs_check.rmeta"), path],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise CheckError("section 4: the document's Rust blocks differ from Linux's layouts (%s):\n%s"
                         % (path, r.stderr[-4000:]))
    return n


# ================================================================================================
# Rendering helpers

def md_table(header, rows):
    out = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    for r in rows:
        out.append("| " + " | ".join(str(c).replace("|", "\\|").replace("\n", " ") for c in r) + " |")
    return "\n".join(out)


def hexs(v):
    if v is None:
        return "—"
    if v < 0:
        return str(v)
    return "%d" % v if v < 10 else "0x%x" % v


def status_cell(e, notes):
    s = e["status"]
    if s == "partial" and notes.get(e["nr"]):
        return "partial: " + notes[e["nr"]]
    return s


def tbl_notes():
    notes = {}
    with open(TBL) as f:
        for line in f:
            m = re.match(r"^(\d+)\s+\w+\s+\w+\s+\w+\s+[^#]*#\s*(.*)$", line)
            if m:
                notes[int(m.group(1))] = m.group(2).strip()
    return notes


def c_args(e):
    return ", ".join("%s %s" % (t, n) for t, n, _ in e["args"]) or "void"


def program_label(session, prog):
    if session.startswith("area-"):
        return None
    return prog


# ================================================================================================
# The generated blocks

def gen_blocks(ctx):
    tbl, notes, prof, runs = ctx["tbl"], ctx["notes"], ctx["profile"], ctx["runs"]
    by_name = {e["name"]: e for e in tbl}
    B = collections.OrderedDict()

    # ---- usage per syscall
    areas_of = collections.defaultdict(set)
    progs_of = collections.defaultdict(set)
    for r in prof:
        if r["session"].startswith("area-") and r["prog"] == r["session"]:
            a = r["session"][5:]
            if r["phase"] == "area":
                areas_of[r["name"]].add(AREA_TITLE.get(a, a))
            elif r["phase"] == "start":
                areas_of[r["name"]].add("rt")
            elif r["phase"] == "exit":
                areas_of[r["name"]].add("exit")
        elif not r["session"].startswith("area-"):
            progs_of[r["name"]].add(r["prog"])
    area_order = ["rt"] + [AREA_TITLE.get(a, a) for a in AREAS] + ["exit"]

    cnt = collections.Counter(e["status"] for e in tbl)
    used = {r["name"] for r in prof}
    used_missing = sorted((by_name[n]["nr"], n) for n in used if n in by_name and by_name[n]["status"] == "enosys")
    B["summary"] = "\n".join([
        md_table(["", "count"], [
            ("system call numbers (arm64, Linux 6.1's <asm/unistd.h>)", len(tbl)),
            ("done (implemented as Linux behaves)", cnt["done"]),
            ("partial (implemented, some cases missing)", cnt["partial"]),
            ("enosys (not implemented)", cnt["enosys"]),
            ("used by a traced program (the profile)", len(used & set(by_name))),
            ("used by a traced program but enosys on Levitate", len(used_missing)),
        ]),
        "",
        "Used but not implemented: " + (", ".join("`%s` (%d)" % (n, nr) for nr, n in used_missing) or "none") + ".",
    ])

    # ---- the full table
    rows = []
    for e in tbl:
        ar = [a for a in area_order if a in areas_of[e["name"]]]
        pr = sorted(progs_of[e["name"]])
        rows.append(("%d" % e["nr"], "`%s`" % e["name"], "`%s`" % c_args(e), ", ".join(ar) or "—",
                     ", ".join(pr) or "—", status_cell(e, notes)))
    B["syscalls"] = md_table(["nr", "name", "C arguments", "std areas", "programs", "Levitate"], rows)

    tsv = ["nr\tname\targuments\tstd_areas\tprograms\tstatus\tnote"]
    for e in tbl:
        ar = [a for a in area_order if a in areas_of[e["name"]]]
        tsv.append("\t".join([str(e["nr"]), e["name"], c_args(e), ",".join(ar), ",".join(sorted(progs_of[e["name"]])),
                              e["status"], notes.get(e["nr"], "") if e["status"] == "partial" else ""]))
    ctx["tsv"] = "\n".join(tsv) + "\n"

    # ---- per area
    def calls_table(rows_, with_count=True):
        agg = collections.OrderedDict()
        for r in sorted(rows_, key=lambda r: (by_name[r["name"]]["nr"] if r["name"] in by_name else 999, r["sig"])):
            k = (r["name"], r["sig"])
            c, res = agg.get(k, (0, set()))
            agg[k] = (c + r["count"], res | set(r["results"]))
        out = []
        for (name, sig), (c, res) in agg.items():
            e = by_name.get(name)
            out.append(("`%s`" % name, "`%s(%s)`" % (name, sig), c, ", ".join(sorted(res)),
                        e["status"] if e else "?"))
        return md_table(["syscall", "arguments as called", "calls", "results", "Levitate"], out)

    for a in AREAS:
        rs = [r for r in prof if r["session"] == "area-" + a and r["prog"] == r["session"] and r["phase"] == "area"]
        names = []
        for r in rs:
            if r["name"] not in names:
                names.append(r["name"])
        names.sort(key=lambda n: by_name[n]["nr"] if n in by_name else 999)
        st = runs.get(("area-" + a, "linux"))
        head = "Measured: `tests/spec/progs/area-%s.rs` under `qemu-aarch64 -strace` (exit status %s). " % (a, st)
        head += "%d distinct system calls: %s." % (len(names), ", ".join("`%s`" % n for n in names) or "none")
        B["area-" + a] = head + "\n\n" + (calls_table(rs) if rs else "(no system call between the marks)")

    # runtime start-up and exit of std (every area program: the same)
    rs = [r for r in prof if r["session"] == "hello-rust" and r["phase"] == "start"]
    B["rt-start"] = calls_table(rs)
    rs = [r for r in prof if r["session"] == "hello-rust" and r["phase"] == "exit"]
    B["rt-exit"] = calls_table(rs)

    # ---- ioctls and O_CLOEXEC over the whole profile
    ioc = collections.defaultdict(set)
    for r in prof:
        if r["name"] == "ioctl":
            cmd = r["sig"].split(",")[1] if "," in r["sig"] else r["sig"]
            ioc[cmd].add(r["prog"] if not r["session"].startswith("area-") else "std " + r["session"][5:])
    B["ioctls"] = md_table(["request", "used by"], [("`%s`" % k, ", ".join(sorted(v))) for k, v in sorted(ioc.items())])
    opens = [r for r in prof if r["name"] == "openat" and r["prog"].startswith(("area-", "hello-rust", "rust-std"))]
    without = sorted({r["sig"] for r in opens if "O_CLOEXEC" not in r["sig"]})
    B["rust-cloexec"] = ("Every `openat` made by the traced Rust programs (%d distinct argument lists, %d calls) "
                         "carries `O_CLOEXEC`: %s." % (len({r['sig'] for r in opens}), sum(r["count"] for r in opens),
                                                       "yes" if not without else "no — " + ", ".join(without)))

    # ---- BusyBox minimal sets
    def minimal(progname, sessions):
        rs = [r for r in prof if r["session"] in sessions and r["prog"] == progname]
        names = sorted({r["name"] for r in rs}, key=lambda n: by_name[n]["nr"] if n in by_name else 999)
        missing = [n for n in names if n in by_name and by_name[n]["status"] == "enosys"]
        head = "%d system calls (sessions: %s): %s." % (len(names), ", ".join("`%s`" % s for s in sessions),
                                                       ", ".join("`%s`" % n for n in names))
        head += " Not implemented on Levitate: %s." % (", ".join("`%s`" % n for n in missing) or "none")
        return head + "\n\n" + calls_table(rs)
    B["bb-sh"] = minimal("busybox sh", ["bb-sh", "bb-sh-tty"])
    B["bb-ls"] = minimal("busybox ls", ["bb-ls", "bb-ls-root"])
    B["bb-cat"] = minimal("busybox cat", ["bb-cat", "bb-cat-stdin", "bb-sh"])

    # ---- clone flags measured (question 2)
    cl = collections.defaultdict(set)
    for r in prof:
        if r["name"] in ("clone", "clone3", "vfork"):
            cl[(r["sig"])].add(r["session"] if r["session"].startswith("area-") else r["prog"])
    B["clone-flags"] = md_table(["clone flags (as measured)", "programs"],
                                [("`%s`" % k, ", ".join(sorted(v))) for k, v in sorted(cl.items())])

    # ---- std's platform layer
    base, srows = ctx["stdsys"]
    out = []
    for rel, per, items in srows:
        if rel.startswith("pal/") or rel == "io":
            continue
        f = lambda l: ", ".join("`%s`" % x for x in l) or "—"
        out.append(("`sys/%s`" % rel, f(per["linux"]), f(per["redox"]), f(per["new"]),
                    ", ".join(sorted({n for k, n in items if k in ("fn", "struct", "type", "enum")})) or "—"))
    B["std-sys"] = ("Read from `%s` (Debian's rust-web-src; `tools/spec/stdsys.py` evaluates each "
                    "`cfg_select!` for the three targets).\n\n" % base) + md_table(
        ["module", "aarch64-unknown-linux-gnu", "aarch64-unknown-redox", "a new target_os (the fallback)",
         "public items of the fallback (what a backend supplies)"], out)

    # ---- libc crate's redox module
    B["libc-redox"] = ctx["libc_redox"]

    # ---- structures
    lin, x86 = ctx["layouts"], ctx["layouts_x86"]
    for name, L in lin.items():
        x = x86.get(name, {})
        frows = [("`%s`" % f, off, sz) for f, off, sz in L["fields"]]
        head = "`%s` in Linux's headers (%s): **size %d, align %d** on aarch64" % (
            L["ctype"], {"kernel": "UAPI", "glibc": "glibc", "src": "Linux 6.1 source"}[L["tu"]], L["size"], L["align"])
        if x.get("size") is not None:
            head += "; x86-64: size %d, align %d" % (x["size"], x["align"])
        B["layout-" + name] = head + ".\n\n" + md_table(["field", "offset", "size"], frows)

    sdiff = []
    for name, L in lin.items():
        x = x86.get(name, {})
        if x.get("size") is None:
            continue
        moved = [f for (f, o, s), (f2, o2, s2) in zip(L["fields"], x["fields"]) if (o, s) != (o2, s2)]
        if (L["size"], L["align"]) != (x["size"], x["align"]) or moved:
            sdiff.append(("`%s`" % name, "%d / %d" % (L["size"], L["align"]), "%d / %d" % (x["size"], x["align"]),
                          ", ".join("`%s`" % f for f in moved) or "—"))
    B["x86-structs"] = md_table(["structure", "aarch64 size / align", "x86-64 size / align", "fields at other offsets or sizes"], sdiff)

    # ---- constants
    lv = ctx["lv_uapi"]
    groups = ctx["consts"]
    crow = []
    for title, rows in groups:
        cells = []
        for n, a, x in rows:
            mark = "" if n not in lv else (" ✓" if lv[n] == a else " ✗LEVITATE=%s" % hexs(lv[n]))
            diff = "" if x == a else " (x86-64: %s)" % hexs(x)
            cells.append("`%s`=%s%s%s" % (n, hexs(a), diff, mark))
        crow.append("**%s** (%d): %s" % (title, len(rows), "; ".join(cells)))
    B["constants"] = "\n\n".join(crow)
    bad = [(n, a, lv[n]) for _, rows in groups for n, a, _ in rows if n in lv and lv[n] != a]
    if bad:
        ctx["errors"].append("constants: Levitate's uapi/*.h differ from Linux: %s" % bad)
    xd = [(title, n, a, x) for title, rows in groups for n, a, x in rows if x != a]
    B["x86-consts"] = md_table(["group", "name", "aarch64", "x86-64"],
                               [(t, "`%s`" % n, hexs(a), hexs(x)) for t, n, a, x in xd])

    er = ctx["errno"]
    B["errno"] = md_table(["errno", "names", "same on x86-64", "glibc's message"],
                          [(v, ", ".join("`%s`" % n for n in ns) or "— (unused)", "yes" if same else "no", msg)
                           for v, ns, same, msg in er])
    sby, sarm, sx86 = ctx["signals"]
    srows = []
    for i in range(1, 65):
        ns = sby.get(i, [])
        x = ", ".join("%s=%s" % (n, sx86.get(n)) for n in ns if sx86.get(n) != i)
        srows.append((i, ", ".join("`%s`" % n for n in sorted(ns)) or ("SIGRTMIN+%d" % (i - sarm["SIGRTMIN"]) if i >= sarm["SIGRTMIN"] else "—"),
                      x or "same"))
    B["signals"] = md_table(["number", "name (asm/signal.h)", "x86-64"], srows)
    B["x86-signals"] = md_table(["name", "aarch64", "x86-64"],
                                [("`%s`" % n, sarm[n], sx86.get(n)) for n in sorted(sarm) if sx86.get(n) != sarm[n]]) \
        if any(sx86.get(n) != sarm[n] for n in sarm) else "None: every signal number is the same."

    # ---- syscalls x86-64 has and arm64 has not
    B["x86-syscalls"] = ctx["x86_syscalls"]
    B["clone-order"] = ctx["clone_order"]

    # ---- start-up traces
    for prog in ("hello-glibc", "hello-musl", "hello-rust"):
        lvt = read_trace("levitate-%s.trace" % prog)
        lxt = read_trace("linux-%s.trace" % prog)
        st_l, st_v = runs.get((prog, "linux")), runs.get((prog, "levitate"))
        B["trace-" + prog] = ("Levitate (`tools/lvrun --trace`, exit %s), %d calls; Linux (qemu-aarch64 -strace, exit %s), %d calls.\n\n"
                              % (st_v, len(lvt), st_l, len(lxt))) + "```\n" + "\n".join(lvt) + "\n```"
    crt = read_trace("linux-crt0.out")
    lcrt = read_trace("levitate-crt0.out")
    B["crt0"] = ("Linux (qemu-aarch64), `/spec/crt0 one 'two words'`:\n\n```\n" + "\n".join(crt) + "\n```\n\n"
                 "Levitate, the `layout:` lines %s:\n\n```\n" % (
                     "are identical" if [l for l in crt if l.startswith("layout:")] == [l for l in lcrt if l.startswith("layout:")]
                     else "differ") + "\n".join(lcrt) + "\n```")
    # questions: results recorded by tests/spec/run-questions
    qp = os.path.join(PROFILE, "questions.tsv")
    if os.path.exists(qp):
        with open(qp) as f:
            ql = [l.rstrip("\n").split("\t") for l in f if not l.startswith("#") and not l.startswith("test\t")]
        B["questions"] = md_table(["test", "Linux", "Levitate", "checks"], [tuple(r) for r in ql])
    else:
        B["questions"] = "(not recorded yet: run `make test-spec`)"
    return B


# ================================================================================================
# Facts read from other sources

def x86_syscalls(tbl):
    """Syscalls x86-64's <asm/unistd_64.h> has that arm64's table lacks (the legacy ones)."""
    names = macro_names(CC_X86, "#include <asm/unistd_64.h>\n")
    x = sorted(((int(v), k[5:]) for k, v in names.items() if k.startswith("__NR_") and v.isdigit()))
    arm = {e["name"] for e in tbl}
    miss = [(nr, n) for nr, n in x if n not in arm]
    repl = {"open": "openat", "creat": "openat", "stat": "newfstatat", "lstat": "newfstatat", "access": "faccessat",
            "pipe": "pipe2", "dup2": "dup3", "poll": "ppoll", "select": "pselect6", "fork": "clone", "vfork": "clone",
            "mkdir": "mkdirat", "rmdir": "unlinkat", "unlink": "unlinkat", "rename": "renameat2", "link": "linkat",
            "symlink": "symlinkat", "readlink": "readlinkat", "chmod": "fchmodat", "chown": "fchownat",
            "lchown": "fchownat", "mknod": "mknodat", "utimes": "utimensat", "utime": "utimensat",
            "futimesat": "utimensat", "getdents": "getdents64", "epoll_create": "epoll_create1",
            "epoll_wait": "epoll_pwait", "inotify_init": "inotify_init1", "eventfd": "eventfd2",
            "signalfd": "signalfd4", "alarm": "setitimer", "pause": "ppoll/rt_sigsuspend", "time": "clock_gettime",
            "getpgrp": "getpgid(0)", "arch_prctl": "(TPIDR_EL0 is written from user space)",
            "dup2": "dup3", "ustat": "statfs", "sysfs": "—", "uselib": "—", "iopl": "—", "ioperm": "—",
            "getrlimit": "prlimit64", "setrlimit": "prlimit64", "newfstatat": "newfstatat", "fstat": "fstat"}
    rows = [(nr, "`%s`" % n, "`%s`" % repl[n] if n in repl else "—") for nr, n in miss]
    return ("%d of x86-64's %d system calls (host <asm/unistd_64.h>) do not exist on arm64; a port calls the "
            "replacement instead:\n\n" % (len(miss), len(x))) + md_table(["x86-64 nr", "name", "arm64 replacement"], rows)


def clone_order():
    src = os.path.join(layouts.LINUX_SRC, "kernel", "fork.c")
    kc = os.path.join(layouts.LINUX_SRC, "arch", "arm64", "Kconfig")
    with open(src) as f:
        fork = f.read()
    with open(kc) as f:
        arm = "select CLONE_BACKWARDS\n" in f.read().replace("\t", "")
    m1 = re.search(r"#ifdef CONFIG_CLONE_BACKWARDS\n(SYSCALL_DEFINE5\(clone,.*?\))\n", fork, re.S)
    m2 = re.search(r"#else\n(SYSCALL_DEFINE5\(clone,.*?\))\n", fork, re.S)
    norm = lambda s: " ".join(s.split())
    return ("`arch/arm64/Kconfig` selects `CLONE_BACKWARDS`: %s; x86-64 does not (only `X86_32` does). "
            "`kernel/fork.c` (Linux 6.1):\n\n```\n/* CONFIG_CLONE_BACKWARDS: arm64 */\n%s\n/* default: x86-64 */\n%s\n```"
            % ("yes" if arm else "no", norm(m1.group(1)), norm(m2.group(1))))


def libc_redox():
    import glob
    d = sorted(glob.glob("/usr/share/cargo/registry/libc-*/src/unix/redox/mod.rs"))
    if not d:
        return "(the libc crate's source is missing: apt-get install librust-libc-dev)"
    with open(d[-1]) as f:
        t = f.read()
    fns = len(re.findall(r"^\s*pub fn \w+", t, re.M))
    consts = len(re.findall(r"^\s*pub const \w+", t, re.M))
    structs = len(re.findall(r"^\s*pub struct \w+", t, re.M))
    link = re.findall(r'#\[link\(name = "(\w+)"\)\]', t)
    return ("`%s` (Debian's librust-libc-dev %s): %d `pub const`, %d structures (in `s!`/`s_no_extra_traits!`), "
            "%d `extern` functions; link directives: %s. A new target_os needs the same: a `src/unix/<os>/mod.rs` "
            "(or a non-unix module) with its types, constants and C functions."
            % (os.path.relpath(d[-1], "/usr/share/cargo/registry"), re.search(r"libc-([\d.]+)", d[-1]).group(1), consts,
               len(re.findall(r"^\s*pub struct \w+", t, re.M)), fns, ", ".join("`%s`" % l for l in link) or "none"))


# ================================================================================================
# Assembling the document

GEN_RE = re.compile(r"(<!-- gen:([\w-]+) -->\n)(.*?)(<!-- /gen:\2 -->)", re.S)


def render(doc, blocks):
    seen = set()

    def sub(m):
        name = m.group(2)
        seen.add(name)
        if name not in blocks:
            raise CheckError("the document has a block gen:%s that gendocs does not generate" % name)
        return m.group(1) + blocks[name].rstrip("\n") + "\n" + m.group(4)
    out = GEN_RE.sub(sub, doc)
    missing = [n for n in blocks if n not in seen]
    return out, missing


def build_context():
    tbl = gensyscalls.parse(TBL)
    ctx = dict(tbl=tbl, notes=tbl_notes(), profile=load_profile(), runs=load_runs(), errors=[])
    with open(DOC) as f:
        ctx["doc"] = f.read()
    rs = rust_structs(ctx["doc"])
    ctx["rust_structs"] = rs
    ctx["layouts"] = linux_layouts(rs)
    ctx["layouts_x86"] = linux_layouts(rs, CC_X86)
    ctx["consts"] = const_groups()
    ctx["errno"] = errno_table()
    ctx["signals"] = signal_table()
    ctx["lv_uapi"] = levitate_uapi_values()
    ctx["stdsys"] = stdsys.scan()
    ctx["libc_redox"] = libc_redox()
    ctx["x86_syscalls"] = x86_syscalls(tbl)
    ctx["clone_order"] = clone_order()
    # every profile syscall name must be in the table
    names = {e["name"] for e in tbl}
    bad = sorted(n for n in {r["name"] for r in ctx["profile"]} - names if not re.match(r"^syscall_\d+$", n))
    if bad:
        ctx["errors"].append("profile: syscalls not in syscall.tbl: %s" % bad)
    return ctx


def main(argv):
    if len(argv) != 2 or argv[1] not in ("generate", "check"):
        sys.stderr.write(__doc__)
        return 2
    try:
        ctx = build_context()
        blocks = gen_blocks(ctx)
        doc, missing = render(ctx["doc"], blocks)
        checks = [("C structure blocks vs Linux", check_c_blocks(doc, ctx["layouts"])),
                  ("Rust structure blocks vs Linux (rustc, aarch64)", check_rust_blocks(doc, ctx["layouts"]))]
    except CheckError as e:
        print("gendocs: FAIL: %s" % e)
        print("gendocs: 0 passed, 1 failed")
        return 1
    errors = list(ctx["errors"])
    if missing:
        errors.append("blocks with no place in the document: %s" % ", ".join(missing))
    if argv[1] == "generate":
        with open(DOC, "w") as f:
            f.write(doc)
        with open(TSV, "w") as f:
            f.write(ctx["tsv"])
        print("gendocs: wrote %s and %s (%d blocks)" % (os.path.relpath(DOC, ROOT), os.path.relpath(TSV, ROOT), len(blocks)))
    else:
        for path, want in ((DOC, doc), (TSV, ctx["tsv"])):
            with open(path) as f:
                have = f.read()
            if have != want:
                d = list(difflib.unified_diff(have.splitlines(), want.splitlines(), path, "regenerated", lineterm="", n=1))
                errors.append("%s is stale (run `make docs`):\n%s" % (os.path.relpath(path, ROOT), "\n".join(d[:40])))
    npass = 0
    for what, n in checks:
        print("gendocs: PASS %s: %d assertions" % (what, n))
        npass += 1
    nconst = sum(len(r) for _, r in ctx["consts"])
    print("gendocs: PASS constants from Linux's headers: %d (+%d errno, signals 1-64), Levitate's uapi agree"
          % (nconst, len(ctx["errno"])) if not any(e.startswith("constants") for e in errors) else "gendocs: FAIL constants")
    npass += 1
    for e in errors:
        print("gendocs: FAIL: %s" % e)
    if argv[1] == "check":
        if not any("stale" in e for e in errors):
            print("gendocs: PASS the document and the TSV are up to date with syscall.tbl, the profile and the headers")
            npass += 1
    print("gendocs: %d passed, %d failed" % (npass, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
