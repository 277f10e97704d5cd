"""std's platform layer, read from its source (library/std/src/sys in Debian's rust-web-src).

Every `mod.rs` under sys/ that chooses an implementation with `cfg_select! { PRED => { mod x; ... }
... _ => { ... } }` is evaluated for three configurations: Linux (aarch64-unknown-linux-gnu),
Redox (aarch64-unknown-redox: target_family unix, target_env relibc) and a new target_os that is
not in any list (the `_` branch). The result says which file std compiles for each, and which
public items the fallback defines: the interface a new backend replaces.
"""
import glob
import os
import re

STD_SYS_GLOB = "/usr/src/rustc-*/library/std/src/sys"

CONFIGS = {
    "linux": {"target_os": "linux", "target_family": "unix", "unix": True, "target_env": "gnu",
              "target_arch": "aarch64", "target_vendor": "unknown", "target_pointer_width": "64",
              "panic": "unwind", "target_has_atomic": "64"},
    "redox": {"target_os": "redox", "target_family": "unix", "unix": True, "target_env": "relibc",
              "target_arch": "aarch64", "target_vendor": "unknown", "target_pointer_width": "64",
              "panic": "unwind", "target_has_atomic": "64"},
    "new": {"target_os": "newos", "target_arch": "aarch64", "target_vendor": "unknown",
            "target_pointer_width": "64", "panic": "unwind", "target_has_atomic": "64"},
}


def std_sys_dir():
    d = sorted(glob.glob(STD_SYS_GLOB))
    if not d:
        raise SystemExit("gendocs: std's source is missing: apt-get install rust-web-src")
    return d[-1]


# ------------------------------------------------------------------------------------------------
# A small cfg-predicate evaluator: any(), all(), not(), key = "value", bare flags.

TOK = re.compile(r'\s*(?:(any|all|not)\s*\(|([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"([^"]*)"|([A-Za-z_][A-Za-z0-9_]*)|(\))|(,))')


def eval_cfg(pred, cfg):
    toks, pos = [], 0
    pred = pred.strip()
    while pos < len(pred):
        m = TOK.match(pred, pos)
        if not m:
            if pred[pos:].strip() == "":
                break
            raise ValueError("cannot parse cfg %r at %r" % (pred, pred[pos:]))
        pos = m.end()
        if m.group(1):
            toks.append(("fn", m.group(1)))
        elif m.group(2):
            toks.append(("kv", m.group(2), m.group(3)))
        elif m.group(4):
            toks.append(("flag", m.group(4)))
        elif m.group(5):
            toks.append((")",))
        else:
            toks.append((",",))
    i = 0

    def expr():
        nonlocal i
        t = toks[i]
        i += 1
        if t[0] == "kv":
            v = cfg.get(t[1])
            return v == t[2] if not isinstance(v, (list, set)) else t[2] in v
        if t[0] == "flag":
            return bool(cfg.get(t[1], False))
        if t[0] == "fn":
            vals = []
            while toks[i][0] != ")":
                vals.append(expr())
                if toks[i][0] == ",":
                    i += 1
            i += 1
            if t[1] == "any":
                return any(vals)
            if t[1] == "all":
                return all(vals)
            return not vals[0]
        raise ValueError("bad cfg %r" % pred)
    return expr()


def _match_brace(s, i):
    """s[i] == '{': index of the matching '}' (comments and strings are rare enough here)."""
    depth = 0
    for j in range(i, len(s)):
        if s[j] == "{":
            depth += 1
        elif s[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return -1


def strip_comments(s):
    s = re.sub(r"/\*.*?\*/", "", s, flags=re.S)
    return re.sub(r"//[^\n]*", "", s)


def cfg_select_branches(text):
    """[(predicate or '_', body)] of every cfg_select! in the text."""
    text = strip_comments(text)
    out = []
    for m in re.finditer(r"cfg_select!\s*\{", text):
        start = m.end() - 1
        end = _match_brace(text, start)
        body = text[start + 1:end]
        pos = 0
        while True:
            a = body.find("=>", pos)
            if a < 0:
                break
            pred = body[pos:a].strip()
            rest = body[a + 2:]
            if rest.lstrip().startswith("{"):
                b = a + 2 + (len(rest) - len(rest.lstrip()))
                c = _match_brace(body, b)
                if c < 0:
                    break
                out.append((pred, body[b + 1:c]))
                pos = c + 1
            else:  # an expression branch: `PRED => type,`
                c = body.find(",", a)
                c = len(body) if c < 0 else c
                out.append((pred, body[a + 2:c]))
                pos = c + 1
        out.append(None)  # separator between cfg_select! blocks
    return out


def chosen(branches, cfg):
    """Per cfg_select! block, the body of the first matching branch."""
    res, done = [], False
    for br in branches:
        if br is None:
            done = False
            continue
        if done:
            continue
        pred, body = br
        if pred == "_" or eval_cfg(pred, cfg):
            res.append(body)
            done = True
    return res


def mods_of(bodies):
    mods = []
    for b in bodies:
        for m in re.finditer(r"(?:pub(?:\([^)]*\))?\s+)?mod\s+(\w+)\s*;", b):
            mods.append(m.group(1))
    return mods


def resolve_mod(dirpath, name):
    for cand in (os.path.join(dirpath, name + ".rs"), os.path.join(dirpath, name, "mod.rs")):
        if os.path.exists(cand):
            return cand
    return None


PUB_ITEM = re.compile(r"^\s*pub(?:\((?:crate|super)\))?\s+(?:unsafe\s+)?(?:const\s+)?(fn|struct|enum|type|trait|static|const|union)\s+(\w+)", re.M)


def pub_items(path):
    if path is None or not os.path.exists(path):
        return []
    with open(path) as f:
        text = strip_comments(f.read())
    return [(k, n) for k, n in PUB_ITEM.findall(text)]


def scan():
    """[(module, {config: [files]}, fallback_items)] for every sys/ module with a cfg_select!."""
    base = std_sys_dir()
    rows = []
    for dirpath, _, files in sorted(os.walk(base)):
        if "mod.rs" not in files:
            continue
        p = os.path.join(dirpath, "mod.rs")
        with open(p) as f:
            text = f.read()
        if "cfg_select!" not in text:
            continue
        br = cfg_select_branches(text)
        per = {}
        for cname, cfg in CONFIGS.items():
            mods = mods_of(chosen(br, cfg))
            per[cname] = [os.path.relpath(resolve_mod(dirpath, m), base) for m in mods if resolve_mod(dirpath, m)]
        items = []
        for f in per["new"]:
            items += pub_items(os.path.join(base, f))
        rel = os.path.relpath(dirpath, base)
        rows.append((rel, per, items))
    return base, rows
