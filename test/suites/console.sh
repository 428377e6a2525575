#!/bin/sh
# The interactive path: `make run`'s QEMU command, and the GRUB ISO,
# driven through a pseudo-terminal by test/pty/console.py.
cd "$(dirname "$0")/../.." || exit 1
B=${B:-build}
rc=0
python3 test/pty/console.py run -- qemu-system-x86_64 -m 256M -nographic -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=4 \
	-kernel $B/amd64/lux9.32 -initrd $B/amd64/initrd.cpio || rc=1
if [ -f $B/lux9.iso ]; then
	python3 test/pty/console.py iso -- qemu-system-x86_64 -m 256M -nographic -no-reboot \
		-device isa-debug-exit,iobase=0xf4,iosize=4 -cdrom $B/lux9.iso || rc=1
else
	echo "FAIL: iso (no $B/lux9.iso)"; rc=1
fi
exit $rc
