#!/usr/bin/env python3
"""rcconsole - drive the interactive rc on Lux9's console (QEMU serial).

Boots build/amd64/lux9.32 with the default init, which runs `rc -i` on
the console, and types at it like a user: waits for each prompt before
typing, so nothing depends on timing.  Prints one PASS:/FAIL: line per
check.  Usage: rcconsole.py KERNEL INITRD
"""
import os
import select
import subprocess
import sys
import time

PROMPT = b"lux9% "


class Console:
    def __init__(self, kernel, initrd):
        self.q = subprocess.Popen(
            ["qemu-system-x86_64", "-kernel", kernel, "-initrd", initrd,
             "-m", "256M", "-display", "none", "-no-reboot", "-serial", "stdio",
             "-monitor", "none", "-device", "isa-debug-exit,iobase=0xf4,iosize=4"],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        self.buf = b""

    def expect(self, what, limit=120):
        """Read until `what` appears; return all read up to and including it."""
        end = time.monotonic() + limit
        while what not in self.buf:
            left = end - time.monotonic()
            if left <= 0:
                return None
            r, _, _ = select.select([self.q.stdout], [], [], left)
            if not r:
                return None
            data = os.read(self.q.stdout.fileno(), 4096)
            if not data:
                return None
            self.buf += data.replace(b"\r", b"")
        i = self.buf.index(what) + len(what)
        got, self.buf = self.buf[:i], self.buf[i:]
        return got

    def send(self, s):
        self.q.stdin.write(s)
        self.q.stdin.flush()

    def close(self):
        self.q.kill()
        self.q.wait()


def check(name, ok, detail=b""):
    print(("PASS: " if ok else "FAIL: ") + "rc console " + name)
    if not ok:
        print("\t" + repr(detail)[:300])


def main():
    c = Console(sys.argv[1], sys.argv[2])
    try:
        got = c.expect(PROMPT)
        check("prompt", got is not None, c.buf)
        if got is None:
            return
        c.send(b"echo hello $#prompt\n")
        got = c.expect(PROMPT)
        check("command", got is not None and b"\nhello 2\n" in got, got)

        c.send(b"for(i in a b)\n")
        got = c.expect(b"\t")
        check("continuation prompt", got is not None, c.buf)
        c.send(b"echo x$i\n")
        got = c.expect(PROMPT)
        check("continued command", got is not None and b"xa\nxb\n" in got, got)

        c.send(b"echo (\n")
        got = c.expect(PROMPT)
        check("syntax error", got is not None and b"syntax error near newline" in got, got)
        c.send(b"echo still here\n")
        got = c.expect(PROMPT)
        check("alive after syntax error", got is not None and b"\nstill here\n" in got, got)

        c.send(b"rc -c 'echo started; while(~ a a) x=1; echo not reached'\n")
        got = c.expect(b"\nstarted\n")
        if got is not None:
            c.send(b"\x03")
            got = c.expect(PROMPT)
        check("interrupt ends the command", got is not None and b"not reached" not in got, got)
        c.send(b"echo status $status\n")
        got = c.expect(PROMPT)
        check("interrupt status", got is not None and b"\nstatus interrupt\n" in got, got)

        c.send(b"prompt=('new> ' '')\n")
        got = c.expect(b"new> ")
        check("prompt variable", got is not None, c.buf)
    finally:
        c.close()


main()
