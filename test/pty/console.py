#!/usr/bin/env python3
"""Drive Lux9's serial console through a pseudo-terminal, as a person at
`make run` would: wait for the prompt, type, read the answers, press ^C,
type halt.  Prints PASS:/FAIL: lines.

usage: console.py NAME -- QEMU-COMMAND...
"""
import os, pty, select, sys, time

PROMPT = b"lux9% "

class Console:
	def __init__(self, argv):
		self.pid, self.fd = pty.fork()
		if self.pid == 0:
			os.execvp(argv[0], argv)
		self.out = b""
		self.log = b""

	def read(self, timeout):
		r, _, _ = select.select([self.fd], [], [], timeout)
		if not r:
			return False
		try:
			data = os.read(self.fd, 4096)
		except OSError:
			return None
		if not data:
			return None
		self.out += data
		self.log += data
		return True

	def expect(self, what, timeout=120):
		"""Wait for what in the output; return the text before it."""
		end = time.time() + timeout
		while what not in self.out:
			left = end - time.time()
			if left <= 0 or self.read(left) is None:
				raise TimeoutError("waiting for %r; got %r" % (what, self.out[-300:]))
		i = self.out.index(what)
		before = self.out[:i]
		self.out = self.out[i + len(what):]
		return before.replace(b"\r", b"")

	def type(self, s, delay=0.02):
		for ch in s.encode():
			os.write(self.fd, bytes([ch]))
			time.sleep(delay)

	def wait(self, timeout=60):
		end = time.time() + timeout
		while time.time() < end:
			pid, status = os.waitpid(self.pid, os.WNOHANG)
			if pid:
				return os.waitstatus_to_exitcode(status)
			self.read(0.2)
		os.kill(self.pid, 9)
		os.waitpid(self.pid, 0)
		return None

def main():
	name = sys.argv[1]
	argv = sys.argv[sys.argv.index("--") + 1:]
	c = Console(argv)
	results = []
	def check(what, ok, detail=""):
		results.append(ok)
		print("%s: %s %s%s" % ("PASS" if ok else "FAIL", name, what, (": " + detail) if detail and not ok else ""))
	try:
		c.expect(PROMPT, 300)
		c.type("echo hello, lux9\r")
		out = c.expect(PROMPT)
		check("echo", b"hello, lux9\n" in out, repr(out))
		# erase and kill line: typed text corrected before return
		c.type("echo abx\x7fc\r")
		out = c.expect(PROMPT)
		check("backspace", b"\nabc\n" in out, repr(out))
		c.type("echo wrong\x15echo right\r")
		out = c.expect(PROMPT)
		check("kill line", b"right\n" in out and b"wrong\n" not in out.split(b"\n", 1)[-1], repr(out))
		# ^C interrupts the foreground command, not the shell
		c.type("sleep 100\r")
		time.sleep(2)
		c.type("\x03", 0)
		t0 = time.time()
		out = c.expect(PROMPT, 60)
		check("interrupt", time.time() - t0 < 60, repr(out))
		c.type("echo still here\r")
		out = c.expect(PROMPT)
		check("shell survives interrupt", b"still here\n" in out, repr(out))
		c.type("halt\r")
		code = c.wait(60)
		check("halt ends qemu with status 0", code == 0, "exit %r" % code)
	except TimeoutError as e:
		check("dialogue", False, str(e))
		c.wait(1)
	with open(os.environ.get("CONSOLE_LOG", "/dev/null"), "wb") as f:
		f.write(c.log)
	sys.exit(0 if all(results) else 1)

main()
