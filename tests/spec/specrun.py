"""Running programs for the spec's measurements, on Linux and on Levitate, with system-call traces.

Linux: qemu-aarch64 (user mode) chrooted into a tmpfs holding a copy of build/rootfs (what
build/initramfs.cpio holds) plus
the spec programs (build/spec/progs -> /spec), started through binfmt_misc like tests/run-guest's
oracle, traced with QEMU_STRACE=1 and QEMU_LOG_FILENAME=/trace/NAME.%d: every process image
(including programs it executes, which inherit the variables) writes its own log, named by pid.
The caller must be root in a private mount namespace (enter_namespace()).

Levitate: tools/lvrun --trace with build/spec/overlay (the spec programs under /spec).
"""
import os
import pty
import re
import shlex
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
BUILD = os.path.join(ROOT, "build")
SPEC_BUILD = os.path.join(BUILD, "spec")
PROGS = os.path.join(SPEC_BUILD, "progs")
OVERLAY = os.path.join(SPEC_BUILD, "overlay")
LINUX_ROOT = os.path.join(SPEC_BUILD, "linux-root")
QEMU_STATIC = os.path.join(ROOT, "cache", "pkg", "qemu-user-static", "usr", "bin", "qemu-aarch64-static")
BINFMT_DIR = "/proc/sys/fs/binfmt_misc"
BINFMT_CONF = "/usr/lib/binfmt.d/qemu-aarch64.conf"
LVRUN = os.path.join(ROOT, "tools", "lvrun")
DEFAULT_ENV = [("PATH", "/bin:/usr/bin"), ("HOME", "/"), ("TERM", "linux")]
NS_MARK = "LV_SPEC_NS"
MTIME = 1704067200

sys.path.insert(0, os.path.join(ROOT, "tools", "spec"))
import tracefmt  # noqa: E402


class Session:
    """One line of tests/spec/sessions.txt or tests/spec/questions.txt's program list."""

    def __init__(self, name, opts, cmd):
        self.name, self.cmd = name, cmd
        self.stdin, self.env, self.lv, self.tty, self.timeout = None, list(DEFAULT_ENV), False, False, 60.0
        self.linux = True
        self.plainenv = False
        for o in opts:
            k, _, v = o.partition("=")
            if o == "lv":
                self.lv = True
            elif o == "lv-only":
                self.lv, self.linux = True, False
            elif o == "tty":
                self.tty = True
            elif o == "plainenv":   # the program sees exactly the session's environment
                self.plainenv = True
            elif k == "stdin":
                self.stdin = os.path.join(ROOT, v)
            elif k == "env":
                n, _, val = v.partition("=")
                self.env = [(a, b) for (a, b) in self.env if a != n] + [(n, val)]
            elif k == "timeout":
                self.timeout = float(v)
            else:
                raise ValueError("%s: unknown option %r" % (name, o))

    def stdin_data(self):
        if not self.stdin:
            return b""
        with open(self.stdin, "rb") as f:
            return f.read()


def load_sessions(path):
    out = []
    with open(path) as f:
        for i, line in enumerate(f, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            w = shlex.split(s)
            if "--" not in w:
                raise ValueError("%s:%d: no `--`" % (path, i))
            k = w.index("--")
            out.append(Session(w[0], w[1:k], w[k + 1:]))
    return out


def guest_sessions():
    """tests/guest/TESTS (read only) as sessions named guest:NAME."""
    out = []
    with open(os.path.join(ROOT, "tests", "guest", "TESTS")) as f:
        for line in f:
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            w = shlex.split(s)
            k = w.index("--")
            opts = []
            for o in w[1:k]:
                key, _, v = o.partition("=")
                if key == "stdin":
                    opts.append("stdin=tests/guest/" + v)
                elif key in ("env", "timeout"):
                    opts.append(o)
            out.append(Session("guest:" + w[0], opts, w[k + 1:]))
    return out


def enter_namespace(argv):
    """Re-execute the calling script in a private mount namespace (once)."""
    if os.geteuid() != 0:
        sys.exit("%s: must run as root (chroot, mount, binfmt_misc)" % os.path.basename(argv[0]))
    if not os.environ.get(NS_MARK) and shutil.which("unshare"):
        os.environ[NS_MARK] = "1"
        os.execvp("unshare", ["unshare", "-m", "--propagation", "private", sys.executable,
                              os.path.realpath(argv[0])] + argv[1:])


def ensure_binfmt():
    if not os.path.exists(os.path.join(BINFMT_DIR, "register")):
        subprocess.run(["mount", "-t", "binfmt_misc", "binfmt_misc", BINFMT_DIR], capture_output=True)
    entry = os.path.join(BINFMT_DIR, "qemu-aarch64")
    if not os.path.exists(entry):
        with open(BINFMT_CONF) as f:
            line = next((l.strip() for l in f if l.strip() and not l.startswith("#")), "")
        try:
            with open(os.path.join(BINFMT_DIR, "register"), "w") as f:
                f.write(line)
        except OSError:
            if not os.path.exists(entry):
                raise


def setup_linux_root():
    ensure_binfmt()
    os.makedirs(LINUX_ROOT, exist_ok=True)
    if os.environ.get(NS_MARK):
        subprocess.run(["mount", "-t", "tmpfs", "-o", "mode=0755", "lv-spec", LINUX_ROOT], capture_output=True)
    for n in os.listdir(LINUX_ROOT):
        p = os.path.join(LINUX_ROOT, n)
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p)
        else:
            os.unlink(p)
    # the staged root filesystem (build/initramfs.cpio may be several concatenated archives)
    subprocess.run(["cp", "-a", os.path.join(BUILD, "rootfs") + "/.", LINUX_ROOT + "/"], check=True)
    interp = os.path.join(LINUX_ROOT, "usr", "libexec", "qemu-binfmt")
    os.makedirs(interp, exist_ok=True)
    shutil.copy2(QEMU_STATIC, os.path.join(interp, "aarch64-binfmt-P"))
    shutil.copytree(os.path.join(OVERLAY, "spec"), os.path.join(LINUX_ROOT, "spec"))
    os.makedirs(os.path.join(LINUX_ROOT, "trace"), exist_ok=True)
    # the device nodes a Linux system has (Levitate's devfs has them too); the oracle of
    # tests/run-guest leaves /dev empty
    for name, major, minor in (("null", 1, 3), ("zero", 1, 5), ("full", 1, 7), ("random", 1, 8),
                               ("urandom", 1, 9), ("tty", 5, 0)):
        os.mknod(os.path.join(LINUX_ROOT, "dev", name), 0o20666, os.makedev(major, minor))


def _resolve(cmd0):
    if "/" in cmd0:
        return cmd0
    for d in ("/bin", "/usr/bin"):
        if os.path.lexists(os.path.join(LINUX_ROOT, d.lstrip("/"), cmd0)):
            return d + "/" + cmd0
    return cmd0


def _is_busybox(path):
    p = os.path.join(LINUX_ROOT, path.lstrip("/"))
    try:
        return os.path.basename(os.path.realpath(p) if not os.path.islink(p)
                                else os.readlink(p)) == "busybox" or path == "/proc/self/exe"
    except OSError:
        return False


def program_name(path, argv0):
    """`busybox ls` for a BusyBox applet (argv[0] names it), else the file's base name."""
    base = os.path.basename(argv0 or path)
    if _is_busybox(path) or os.path.basename(path) == "busybox":
        return "busybox" if base == "busybox" else "busybox " + base
    return os.path.basename(path)


EXECVE_ARGV0 = re.compile(r'^\{"([^"]*)"')


def run_linux(s, errnames, nr_names):
    """Run a session under qemu-aarch64 with tracing; returns (status, output, [(program, calls)])."""
    tdir = os.path.join(LINUX_ROOT, "trace")
    for n in os.listdir(tdir):
        os.unlink(os.path.join(tdir, n))
    env = dict(reversed(s.env))  # qemu-user hands the guest its environment in reverse order
    env["QEMU_STRACE"] = "1"
    env["SPEC_QEMU_USER"] = "1"   # lets a program tolerate a measured qemu-user difference
    if s.plainenv:  # qemu removes these from the guest's environment (its children are not traced)
        env["QEMU_UNSET_ENV"] = "QEMU_STRACE,QEMU_LOG_FILENAME,SPEC_QEMU_USER,QEMU_UNSET_ENV"
    env["QEMU_LOG_FILENAME"] = "/trace/log.%d"

    def enter():
        os.chroot(LINUX_ROOT)
        os.chdir("/")
        if s.tty:
            os.setsid()

    exe = _resolve(s.cmd[0])
    start = time.monotonic()
    if s.tty:
        master, slave = pty.openpty()
        p = subprocess.Popen(s.cmd, executable=exe, stdin=slave, stdout=slave, stderr=slave, env=env,
                             preexec_fn=enter)
        os.close(slave)
        data = s.stdin_data()
        if data:
            os.write(master, data)
        out = b""
        deadline = time.monotonic() + s.timeout
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
            if time.monotonic() > deadline:
                p.kill()
                break
        st = p.wait()
        os.close(master)
    else:
        stdin = open(s.stdin, "rb") if s.stdin else subprocess.DEVNULL
        try:
            p = subprocess.run(s.cmd, executable=exe, stdin=stdin, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=env, preexec_fn=enter, timeout=s.timeout)
            st, out = p.returncode, p.stdout
        except subprocess.TimeoutExpired as e:
            st, out = 124, e.stdout or b""
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    if st < 0:
        st = 128 - st
    # one log per process image, named by pid; which program each is follows from the execve calls
    logs = {}
    for n in sorted(os.listdir(tdir)):
        with open(os.path.join(tdir, n), errors="replace") as f:
            logs[int(n.split(".")[1])] = tracefmt.parse_qemu(f.read(), errnames, nr_names)
    execs = {}
    for pid, calls in logs.items():
        for c in calls:
            if c.name == "execve" and c.err is None and c.args:
                m = EXECVE_ARGV0.match(c.args[1]) if len(c.args) > 1 else None
                execs[c.pid] = program_name(c.args[0].strip('"'), m.group(1) if m else None)
    first = program_name(exe, s.cmd[0])
    result = []
    for pid in sorted(logs, key=lambda p: (p in execs, p)):
        result.append((execs.get(pid, first), logs[pid]))
    return st, out, result, time.monotonic() - start


def run_levitate(s, timeout=None):
    """Run a session on Levitate with --trace; returns (status, output, calls, kernel log)."""
    args = [LVRUN, "--no-build", "--trace", "--overlay", OVERLAY, "--timeout", str(timeout or s.timeout),
            "--no-default-env"] + ["--env=%s=%s" % kv for kv in s.env] + ["--"] + s.cmd
    start = time.monotonic()
    p = subprocess.run(args, input=s.stdin_data(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = p.stderr.decode("utf-8", "replace")
    return p.returncode, p.stdout, tracefmt.parse_lv(err), err, time.monotonic() - start
