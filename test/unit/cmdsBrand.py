#!/usr/bin/env python3
"""
cmdsBrand.py - differential tests of diff, sort, grep, wc and uniq, run
inside Lux9.

Random inputs (a fixed seed by default, CMDSB_SEED to change it) are put
in a copy of the boot archive ($B/amd64/initrd.cpio) under /test/rand with a generated rc
script that runs diff and sort on them; one boot runs it all
(tools/systest).  Back on the host each result is checked:
  diff: applying its normal-form output to the first file must give the
        second exactly, it must delete and insert exactly as many lines as
        a shortest edit script (from a longest common subsequence computed
        here), and its status must be "1" for different files, "" if same.
  sort: the output must equal a stable sort done here by the rules of
        sort(1) (fields split at blanks, -n numeric, -f folded, -r, -u).
  grep: grep -n must select the lines Python's re.search selects, for
        expressions in the syntax the two share (whether a line matches
        does not depend on leftmost-longest or leftmost-first).
  wc:   wc -lwrc must count as Python does (UTF-8 text, ASCII blanks).
  uniq: uniq -c must agree with itertools.groupby.
Prints one line per group: PASS: name or FAIL: name.
"""
import functools
import itertools
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from fractions import Fraction

B = os.environ.get("B", "build")
SEED = int(os.environ.get("CMDSB_SEED", "9"))
NDIFF = 60
NSORT = 45
NGREP = 40
NWC = 15
NUNIQ = 15
rng = random.Random(SEED)


def gen_lines(n, alpha):
    return ["".join(rng.choice(alpha) for _ in range(rng.randint(0, 2))) or rng.choice(alpha)
            for _ in range(n)]


def mutate(a, alpha):
    b = list(a)
    for _ in range(rng.randint(0, 8)):
        op = rng.random()
        i = rng.randint(0, len(b))
        if op < 0.35 and b:
            del b[min(i, len(b) - 1)]
        elif op < 0.7:
            b.insert(i, rng.choice(alpha))
        elif b:
            b[min(i, len(b) - 1)] = rng.choice(alpha)
    return b


def text(lines, nonl):
    if not lines:
        return ""
    return "\n".join(lines) + ("" if nonl else "\n")


def lcs_len(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def as_lines(t):
    """a file's lines, each with its newline flag, as diff sees them"""
    if t == "":
        return []
    parts = t.split("\n")
    if parts[-1] == "":
        return [(p, True) for p in parts[:-1]]
    return [(p, True) for p in parts[:-1]] + [(parts[-1], False)]


def parse_range(s):
    if "," in s:
        x, y = s.split(",")
        return int(x), int(y)
    return int(s), int(s)


def apply_diff(a, out):
    """apply normal-form diff output to lines a; return (result, deleted, inserted) or raise"""
    res = []
    pos = 0   # lines of a used so far
    i = 0
    ndel = nins = 0
    while i < len(out):
        h = out[i]
        i += 1
        for op in "acd":
            if op in h:
                l, r = h.split(op)
                break
        else:
            raise ValueError("bad hunk header %r" % h)
        l1, l2 = parse_range(l)
        if op == "a":
            start, end = l1, l1          # insert after line l1
        else:
            start, end = l1 - 1, l2
        if start < pos or end > len(a):
            raise ValueError("hunk out of order %r" % h)
        res.extend(a[pos:start])
        pos = start
        old = []
        while i < len(out) and out[i].startswith("< "):
            s = out[i][2:]
            i += 1
            nl = True
            if i < len(out) and out[i] == "\\ No newline at end of file":
                nl = False
                i += 1
            old.append((s, nl))
        if op != "a" and old != a[start:end]:
            raise ValueError("deleted lines differ at %r" % h)
        if op == "a" and old:
            raise ValueError("< lines in an append %r" % h)
        if op == "c":
            if i >= len(out) or out[i] != "---":
                raise ValueError("no --- in change %r" % h)
            i += 1
        new = []
        while i < len(out) and out[i].startswith("> "):
            s = out[i][2:]
            i += 1
            nl = True
            if i < len(out) and out[i] == "\\ No newline at end of file":
                nl = False
                i += 1
            new.append((s, nl))
        r1, r2 = parse_range(r)
        if op != "d" and len(new) != r2 - r1 + 1:
            raise ValueError("wrong count of > lines at %r" % h)
        if op == "d" and new:
            raise ValueError("> lines in a delete %r" % h)
        res.extend(new)
        pos = end
        ndel += len(old)
        nins += len(new)
    res.extend(a[pos:])
    return res, ndel, nins


def numkey(s):
    """the number at the front of s as sort -n reads it; 0 if none"""
    i = 0
    neg = False
    if s[:1] == "-":
        neg = True
        i = 1
    j = i
    while j < len(s) and s[j].isdigit():
        j += 1
    ip = s[i:j]
    fp = ""
    if j < len(s) and s[j] == ".":
        k = j + 1
        while k < len(s) and s[k].isdigit():
            k += 1
        fp = s[j + 1:k]
    v = Fraction(int(ip or "0")) + (Fraction(int(fp), 10 ** len(fp)) if fp else 0)
    return -v if neg else v


def sortref(lines, flags, keys, uniq):
    def keytext(line, k):
        w = line.split(" ")
        f1, f2 = k
        if f1 > len(w):
            return ""
        if f2 == 0:
            return " ".join(w[f1 - 1:])
        return " ".join(w[f1 - 1:f2])

    def cmp1(x, y, f):
        if "n" in f:
            a, b = numkey(x), numkey(y)
        elif "f" in f:
            a, b = x.lower(), y.lower()
        else:
            a, b = x, y
        c = (a > b) - (a < b)
        return -c if "r" in f else c

    def cmp(x, y):
        if not keys:
            return cmp1(x, y, flags)
        for k, kf in keys:
            c = cmp1(keytext(x, k), keytext(y, k), kf or flags)
            if c:
                return c
        return 0

    out = sorted(lines, key=functools.cmp_to_key(cmp))
    if uniq:
        u = []
        for l in out:
            if not u or cmp(u[-1], l) != 0:
                u.append(l)
        out = u
    return out


SORTS = [
    ("", "", [], False), ("-r", "r", [], False), ("-n", "n", [], False),
    ("-f", "f", [], False), ("-u", "", [], True), ("-nr", "nr", [], False),
    ("-fu", "f", [], True), ("-k 2", "", [((2, 0), "")], False),
    ("-k 2n", "", [((2, 0), "n")], False), ("-k 2,2 -r", "r", [((2, 2), "")], False),
    ("+1", "", [((2, 0), "")], False), ("+2 -3 -n", "n", [((3, 3), "")], False),
    ("-k 3 -k 1", "", [((3, 0), ""), ((1, 0), "")], False),
    ("-k 2,2n -k 1,1r", "", [((2, 2), "n"), ((1, 1), "r")], False),
    ("-u -k 1,1f", "", [((1, 1), "f")], True),
]


def sortword():
    r = rng.random()
    if r < 0.4:
        return rng.choice(["-", ""]) + str(rng.randint(0, 30)) + rng.choice(["", ".5", ".25", "0"])
    return "".join(rng.choice("aAbBcz") for _ in range(rng.randint(1, 3)))


def regex(depth=0):
    """a random expression in the syntax Plan 9 regexp and Python re share"""
    def atom():
        r = rng.random()
        if r < 0.45:
            return rng.choice("abc")
        if r < 0.55:
            return "."
        if r < 0.65:
            return rng.choice(["[ab]", "[^a]", "[a-c]", "[^bc ]"])
        if r < 0.75 and depth < 2:
            return "(" + regex(depth + 1) + ")"
        return rng.choice(["b", "c", " "])

    def piece():
        a = atom()
        r = rng.random()
        if r < 0.15:
            return a + "*"
        if r < 0.25:
            return a + "+"
        if r < 0.32:
            return a + "?"
        return a

    def branch():
        return "".join(piece() for _ in range(rng.randint(1, 3)))

    e = "|".join(branch() for _ in range(rng.randint(1, 2)))
    if depth == 0:
        if rng.random() < 0.25:
            e = "^" + ("(" + e + ")" if "|" in e else e)
        if rng.random() < 0.25:
            e = ("(" + e + ")" if "|" in e else e) + "$"
    return e


def wctext():
    out = []
    for _ in range(rng.randint(0, 60)):
        out.append(rng.choice(["a", "b", "word", " ", "  ", "\t", "\n", "\n", "é", "☺", "ü"]))
    return "".join(out)


def main():
    tmp = tempfile.mkdtemp(prefix="cmdsB.")
    ok = {"diff_random": True, "sort_random": True, "grep_random": True,
          "wc_random": True, "uniq_random": True}
    try:
        os.makedirs(tmp + "/amd64")
        shutil.copy(B + "/amd64/lux9.32", tmp + "/amd64/lux9.32")
        root = tmp + "/amd64/root"
        os.makedirs(root)
        with open(B + "/amd64/initrd.cpio", "rb") as f:
            subprocess.run(["cpio", "--quiet", "-id", "--no-absolute-filenames"], cwd=root,
                           stdin=f, check=True)
        os.makedirs(root + "/test/rand", exist_ok=True)
        script = ["# generated by test/unit/cmdsBrand.py"]
        dcases = []
        for n in range(NDIFF):
            alpha = "abcdefgh"[:rng.randint(2, 8)]
            a = gen_lines(rng.randint(0, 30), alpha)
            b = mutate(a, alpha) if rng.random() < 0.8 else gen_lines(rng.randint(0, 30), alpha)
            ta = text(a, rng.random() < 0.1)
            tb = text(b, rng.random() < 0.1)
            for name, t in (("a", ta), ("b", tb)):
                with open("%s/test/rand/d%d.%s" % (root, n, name), "w") as f:
                    f.write(t)
            dcases.append((ta, tb))
            script.append("echo '@@diff %d'" % n)
            script.append("diff /test/rand/d%d.a /test/rand/d%d.b" % (n, n))
            script.append("echo '@@status' $status")
        scases = []
        for n in range(NSORT):
            lines = [" ".join(sortword() for _ in range(rng.randint(1, 3)))
                     for _ in range(rng.randint(0, 25))]
            with open("%s/test/rand/s%d" % (root, n), "w") as f:
                f.write("".join(l + "\n" for l in lines))
            spec = SORTS[n % len(SORTS)]
            scases.append((lines, spec))
            script.append("echo '@@sort %d'" % n)
            script.append("sort %s /test/rand/s%d" % (spec[0], n))
        gcases = []
        for n in range(NGREP):
            lines = ["".join(rng.choice("abc  ") for _ in range(rng.randint(0, 8)))
                     for _ in range(rng.randint(1, 20))]
            with open("%s/test/rand/g%d" % (root, n), "w") as f:
                f.write("".join(l + "\n" for l in lines))
            e = regex()
            gcases.append((lines, e))
            script.append("echo '@@grep %d'" % n)
            script.append("grep -n '%s' /test/rand/g%d" % (e, n))
        wcases = []
        for n in range(NWC):
            t = wctext()
            with open("%s/test/rand/w%d" % (root, n), "w", encoding="utf-8") as f:
                f.write(t)
            wcases.append(t)
            script.append("echo '@@wc   %d'" % n)
            script.append("wc -lwrc /test/rand/w%d" % n)
        ucases = []
        for n in range(NUNIQ):
            lines = [rng.choice(["a", "b", "", "a b"]) for _ in range(rng.randint(0, 30))]
            with open("%s/test/rand/u%d" % (root, n), "w") as f:
                f.write("".join(l + "\n" for l in lines))
            ucases.append(lines)
            script.append("echo '@@uniq %d'" % n)
            script.append("uniq -c /test/rand/u%d" % n)
        script.append("echo '@@end'")
        with open(root + "/test/sys/cmdBrand.rc", "w") as f:
            f.write("\n".join(script) + "\n")
        with open(tmp + "/amd64/initrd.cpio", "wb") as f:
            files = subprocess.run("find . | LC_ALL=C sort", shell=True, cwd=root,
                                   capture_output=True, check=True).stdout
            subprocess.run(["cpio", "--quiet", "-o", "-H", "newc", "-R", "0:0"], cwd=root,
                           input=files, stdout=f, check=True)
        log = tmp + "/log"
        env = dict(os.environ, B=tmp, SYSTEST_LOG=log)
        r = subprocess.run(["tools/systest", "-t", "200", "cmdBrand"], env=env,
                           capture_output=True, text=True)
        print(r.stdout, end="")
        if not os.path.exists(log):
            print("no serial log")
            for k in ok:
                print("FAIL: %s" % k)
            return 1
        body = []
        on = False
        for l in open(log, encoding="utf-8", errors="replace").read().split("\n"):
            if l == "=== RUN cmdBrand":
                on = True
            elif l.startswith("=== END cmdBrand"):
                on = False
            elif on:
                body.append(l)
        groups = {}
        cur = None
        for l in body:
            if l[:7] in ("@@diff ", "@@sort ", "@@grep ", "@@wc   ", "@@uniq "):
                cur = (l[2:6], int(l[7:]))
                groups[cur] = []
            elif l.startswith("@@status") and cur is not None:
                groups[(cur[0], cur[1], "status")] = l[9:]
            elif l == "@@end":
                cur = None
            elif cur is not None:
                groups[cur].append(l)
        for n, (ta, tb) in enumerate(dcases):
            out = groups.get(("diff", n))
            st = groups.get(("diff", n, "status"))
            a, b = as_lines(ta), as_lines(tb)
            why = None
            if out is None:
                why = "no output"
            else:
                try:
                    res, nd, ni = apply_diff(a, out)
                    best = len(a) + len(b) - 2 * lcs_len(a, b)
                    if res != b:
                        why = "applying the output does not give the second file"
                    elif nd + ni != best:
                        why = "%d edits, shortest is %d" % (nd + ni, best)
                    elif st != ("1" if a != b else ""):
                        why = "status %r" % st
                except ValueError as e:
                    why = str(e)
            if why:
                ok["diff_random"] = False
                print("diff case %d (seed %d): %s" % (n, SEED, why))
                print("  a=%r b=%r output=%r" % (ta, tb, out))
        for n, (lines, spec) in enumerate(scases):
            out = groups.get(("sort", n))
            want = sortref(lines, spec[1], spec[2], spec[3])
            if out != want:
                ok["sort_random"] = False
                print("sort case %d (seed %d) sort %s: got %r want %r" % (n, SEED, spec[0], out, want))
        for n, (lines, e) in enumerate(gcases):
            out = groups.get(("grep", n))
            want = ["%d:%s" % (i + 1, l) for i, l in enumerate(lines) if re.search(e, l)]
            if out != want:
                ok["grep_random"] = False
                print("grep case %d (seed %d) %r on %r: got %r want %r" % (n, SEED, e, lines, out, want))
        for n, t in enumerate(wcases):
            out = groups.get(("wc  ", n))
            want = ["%7d %7d %7d %7d /test/rand/w%d" % (t.count("\n"),
                    len(re.findall(r"[^ \t\n]+", t)), len(t), len(t.encode("utf-8")), n)]
            if out != want:
                ok["wc_random"] = False
                print("wc case %d (seed %d) %r: got %r want %r" % (n, SEED, t, out, want))
        for n, lines in enumerate(ucases):
            out = groups.get(("uniq", n))
            want = ["%4d %s" % (len(list(g)), k) for k, g in itertools.groupby(lines)]
            if out != want:
                ok["uniq_random"] = False
                print("uniq case %d (seed %d): got %r want %r" % (n, SEED, out, want))
        for k, v in ok.items():
            print("%s: %s" % ("PASS" if v else "FAIL", k))
        return 0 if all(ok.values()) else 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
