"""Reading system-call traces for the spec (docs/specs/userspace-abi.md).

Two formats are read:
  qemu   `qemu-aarch64 -strace` (QEMU_STRACE=1) lines: `PID name(a,b,c) = RET`; a call that blocks
         prints `PID name(args)` and its ` = RET` later, possibly with other lines in between or
         glued after it; undecoded calls print `Unknown syscall NR`.
  lv     Levitate's tracer (tools/lvrun --trace, kernel `strace` option):
         `[pid N] name(a, b, c) = RET` or `= -1 ENOENT (No such file or directory)`.

Every call becomes a Call(pid, name, args, ret, err). `signature()` turns a call into the normalized
form the profile stores: the argument kinds of syscall/syscall.tbl decide what is kept (flags,
commands, signals, clock ids, well-known paths) and what is blurred (pointers, sizes,
descriptors above 2, other paths), so that two runs of the same program give the same profile.
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tools"))
import gensyscalls  # noqa: E402  (the table parser: one reader of syscall.tbl)

MARK_BEGIN = "/@spec/begin"
MARK_END = "/@spec/end"


class Call:
    __slots__ = ("pid", "name", "args", "ret", "err", "line")

    def __init__(self, pid, name, args, ret, err, line):
        self.pid, self.name, self.args, self.ret, self.err, self.line = pid, name, args, ret, err, line

    def __repr__(self):
        return "Call(%s %s(%s) = %s %s)" % (self.pid, self.name, ",".join(self.args), self.ret, self.err)


def split_args(s):
    """Split an argument list at top-level commas (quotes, (), {}, [] respected)."""
    out, cur, depth, q, i = [], [], 0, False, 0
    while i < len(s):
        c = s[i]
        if q:
            cur.append(c)
            if c == "\\" and i + 1 < len(s):
                cur.append(s[i + 1])
                i += 1
            elif c == '"':
                q = False
        elif c == '"':
            q = True
            cur.append(c)
        elif c in "({[":
            depth += 1
            cur.append(c)
        elif c in ")}]":
            depth -= 1
            cur.append(c)
        elif c == "," and depth == 0:
            out.append("".join(cur).strip())
            cur = []
        else:
            cur.append(c)
        i += 1
    if cur or out:
        out.append("".join(cur).strip())
    return out


def _scan_call(s, start):
    """s[start] is '(' : return the index of the matching ')' or -1."""
    depth, q, i = 0, False, start
    while i < len(s):
        c = s[i]
        if q:
            if c == "\\":
                i += 1
            elif c == '"':
                q = False
        elif c == '"':
            q = True
        elif c in "({[":
            depth += 1
        elif c in ")}]":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


QEMU_START = re.compile(r"(\d+) (?:(\w+)\(|Unknown syscall (\d+))")
LV_START = re.compile(r"^\[pid (\d+)\] (\w+)\(")
RET_RE = re.compile(r"^ = (-?\w+)(?: errno=(\d+) \(.*?\)| (E[A-Z0-9]+) \(.*?\))?")


def _errname(num, errnames):
    return errnames.get(num, "E%d" % num)


def parse_qemu(text, errnames, nr_names):
    calls = []
    for line in text.splitlines():
        pos = 0
        while True:
            m = QEMU_START.match(line, pos)
            if not m:
                break
            pid = int(m.group(1))
            if m.group(3):
                nr = int(m.group(3))
                calls.append(Call(pid, nr_names.get(nr, "syscall_%d" % nr), [], "-1", "ENOSYS", line))
                pos = m.end()
                continue
            name = m.group(2)
            op = m.end() - 1
            cl = _scan_call(line, op)
            if cl < 0:
                calls.append(Call(pid, name, split_args(line[op + 1:]), None, None, line))
                break
            args = split_args(line[op + 1:cl])
            rest = line[cl + 1:]
            r = RET_RE.match(rest)
            ret = err = None
            if r:
                ret = r.group(1)
                if r.group(2):
                    err = _errname(int(r.group(2)), errnames)
                pos = cl + 1 + r.end()
            else:
                pos = cl + 1
            calls.append(Call(pid, name, args, ret, err, line))
            # another call glued to this one (a blocked call's line interleaved)
            nxt = QEMU_START.search(line, pos)
            if not nxt:
                break
            pos = nxt.start()
    return calls


def parse_lv(text):
    calls = []
    for line in text.splitlines():
        m = LV_START.match(line)
        if not m:
            continue
        op = m.end() - 1
        cl = _scan_call(line, op)
        if cl < 0:
            continue
        args = split_args(line[op + 1:cl])
        r = RET_RE.match(line[cl + 1:])
        ret = err = None
        if r:
            ret = r.group(1)
            err = r.group(3)
        elif line[cl + 1:].startswith(" = ?"):
            ret = "?"
        calls.append(Call(int(m.group(1)), m.group(2), args, ret, err, line))
    return calls


# ------------------------------------------------------------------------------------------------
# Normalization

KEEP_PATH = re.compile(r'^"(/proc|/dev|/etc|/sys|/@spec)[^"]*"$|^""$')
BIGNUM = re.compile(r"^-?\d{4,}$")
NUM = re.compile(r"^(0x[0-9a-fA-F]+|\d+)$")
_CMDS = {}


def _cmd_names(syscall):
    """{value: name} of ioctl requests (uapi/termios.h) or fcntl commands (uapi/fcntl.h)."""
    if syscall not in _CMDS:
        hdr, rx = ("termios.h", r"(TC[A-Z0-9]+|TIOC[A-Z0-9]+|FIO[A-Z0-9]+)") if syscall == "ioctl" \
            else ("fcntl.h", r"(F_[A-Z0-9_]+)")
        d = {}
        with open(os.path.join(ROOT, "uapi", hdr)) as f:
            for line in f:
                m = re.match(r"#define\s+%s\s+(0x[0-9A-Fa-f]+|\d+)U?\b" % rx, line)
                if m and int(m.group(2), 0) not in d:
                    d[int(m.group(2), 0)] = m.group(1)
        _CMDS[syscall] = d
    return _CMDS[syscall]


def load_table(path=None):
    entries = gensyscalls.parse(path or os.path.join(ROOT, "syscall", "syscall.tbl"))
    return {e["name"]: e for e in entries}, {e["nr"]: e["name"] for e in entries}


def _norm_num(a):
    a = a.strip()
    if a in ("NULL", "(nil)", "0x0", "0"):
        return "0" if a == "0" else "NULL"
    return a


def norm_arg(a, kind):
    a = a.strip()
    if a in ("NULL", "(nil)"):
        return "NULL"
    if kind == "ptr":
        return "NULL" if a in ("0", "0x0") else "p"
    if kind == "size":
        return "n"
    if kind in ("fd", "dirfd"):
        if a in ("AT_FDCWD", "-100"):
            return "AT_FDCWD"
        if a in ("0", "1", "2", "-1"):
            return a
        return "fd"
    if kind in ("path", "str"):
        if KEEP_PATH.match(a):
            return a
        return "NULL" if a in ("0", "0x0") else '"…"'
    if kind == "argv":
        return "[…]"
    if kind in ("int", "uint"):
        if BIGNUM.match(a) or a.startswith("0x") and len(a) > 6:
            return "N"
        return a
    if kind in ("hex", "atflags", "oflags", "mmapflags", "prot"):
        if a.startswith("0x") and len(a) > 12:
            return "N"
        if NUM.match(a):  # qemu prints some flags in decimal, Levitate in hex
            v = int(a, 0)
            return str(v) if 0 <= v < 10 else hex(v) if v >= 0 else a
        return a
    return a  # signal, clockid


def signature(call, table):
    """The call's normalized argument list as one string, e.g. `AT_FDCWD,"…",O_RDONLY|O_CLOEXEC`."""
    e = table.get(call.name)
    if e is None:
        return ",".join(call.args)
    args = list(call.args)
    if call.name == "clone" and args:
        # qemu prints clone as FLAGS,child_stack=..,parent_tidptr=..,tls=..,child_tidptr=..;
        # Levitate prints the five registers in arm64 order.
        return _clone_flags(args[0])
    kinds = [k for _, _, k in e["args"]]
    args = args[:len(kinds)]
    out = []
    for i, a in enumerate(args):
        k = kinds[i]
        if i == 1 and call.name in ("ioctl", "fcntl") and NUM.match(a.strip()):
            # Levitate prints these commands as numbers, qemu by name: one spelling for both
            out.append(_cmd_names(call.name).get(int(a.strip(), 0), a.strip()))
            continue
        if call.name == "ioctl" and i == 2:
            k = "ptr"
        if call.name in ("futex",) and i == 2:
            k = "size"
        if call.name in ("prlimit64", "sched_getaffinity", "sched_setaffinity", "kill", "tgkill",
                         "tkill", "wait4", "waitid", "setpgid", "getpgid", "getsid") and a.lstrip("-").isdigit():
            n = int(a)
            out.append(str(n) if n <= 0 else "PID" if k in ("int", "uint") and i == 0 else norm_arg(a, k))
            continue
        out.append(norm_arg(a, k))
    return ",".join(out)


CLONE_BITS = [(0x100, "CLONE_VM"), (0x200, "CLONE_FS"), (0x400, "CLONE_FILES"), (0x800, "CLONE_SIGHAND"),
              (0x1000, "CLONE_PIDFD"), (0x2000, "CLONE_PTRACE"), (0x4000, "CLONE_VFORK"),
              (0x8000, "CLONE_PARENT"), (0x10000, "CLONE_THREAD"), (0x20000, "CLONE_NEWNS"),
              (0x40000, "CLONE_SYSVSEM"), (0x80000, "CLONE_SETTLS"), (0x100000, "CLONE_PARENT_SETTID"),
              (0x200000, "CLONE_CHILD_CLEARTID"), (0x400000, "CLONE_DETACHED"),
              (0x800000, "CLONE_UNTRACED"), (0x1000000, "CLONE_CHILD_SETTID")]
SIGNAMES = {17: "SIGCHLD"}


def _clone_flags(a):
    """Clone flags in one spelling for both tracers: CLONE_* names in bit order, then the signal."""
    a = a.strip()
    if re.match(r"^(0x[0-9a-f]+|\d+)$", a):
        v = int(a, 0)
    else:
        v = 0
        names = dict((n, b) for b, n in CLONE_BITS)
        for part in a.split("|"):
            if part in names:
                v |= names[part]
            elif part == "SIGCHLD":
                v |= 17
            elif re.match(r"^(0x[0-9a-f]+|\d+)$", part):
                v |= int(part, 0)
            else:
                return a
    parts = [n for b, n in CLONE_BITS if v & b]
    sig = v & 0xff
    if sig:
        parts.append(SIGNAMES.get(sig, str(sig)))
    rest = v & ~0xff & ~sum(b for b, _ in CLONE_BITS)
    if rest:
        parts.append(hex(rest))
    return "|".join(parts) or "0"


def cut_marked(calls):
    """(before, inside, after): the calls before the begin mark, between the marks, after the end."""
    b = e = None
    for i, c in enumerate(calls):
        if c.name == "faccessat" and c.args[1:2] == ['"%s"' % MARK_BEGIN] and b is None:
            b = i
        elif c.name == "faccessat" and c.args[1:2] == ['"%s"' % MARK_END]:
            e = i
    if b is None or e is None:
        return calls, [], []
    return calls[:b], calls[b + 1:e], calls[e + 1:]


def load_errnames(path=None):
    """{number: name} from uapi/errno.h (first name wins: EAGAIN over EWOULDBLOCK)."""
    names = {}
    with open(path or os.path.join(ROOT, "uapi", "errno.h")) as f:
        for line in f:
            m = re.match(r"#define\s+(E[A-Z0-9]+)\s+(\d+)\b", line)
            if m and int(m.group(2)) not in names:
                names[int(m.group(2))] = m.group(1)
    return names
