#!/bin/sh
# Helper A's core commands (ls, cat, cp, mv, test, date, bind, ps, ...):
# rc scripts test/sys/cmdA_*.rc run inside Lux9 by tools/systest, and a
# boot of its own for halt, which stops the machine.
cd "$(dirname "$0")/../.." || exit 1
B=${B:-build}
tests=$(ls test/sys/cmdA_*.rc | sed 's,.*/,,; s,\.rc$,,')
tools/systest -t 200 $tests
rc=$?
log=$(mktemp /tmp/cmdsA.XXXXXX)
timeout -k 5 60 qemu-system-x86_64 -kernel $B/amd64/lux9.32 \
	-initrd $B/amd64/initrd.cpio -m 256M -display none -no-reboot \
	-serial stdio -monitor none -device isa-debug-exit,iobase=0xf4,iosize=4 \
	-append "init='/bin/rc -c ''echo before; halt; echo after'''" </dev/null >"$log" 2>&1
if grep -q '^before' "$log" && ! grep -q '^after' "$log"; then
	echo "PASS: cmdA_halt"
else
	echo "FAIL: cmdA_halt"
	tail -5 "$log"
	rc=1
fi
rm -f "$log"
exit $rc
