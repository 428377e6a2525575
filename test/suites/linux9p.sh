#!/bin/sh
# linux9p - the Linux kernel's own 9P2000 client (Debian's kernel in QEMU,
# mount -t 9p over a virtio-serial port, see tools/linuxvm/mount9p) against
# our 9P server build/host/ramfs9p, with the checks of tools/linuxvm/checks9p.
# One boot; every case is reported, and any case the guest did not report as
# passed is a FAIL.
cd "$(dirname "$0")/../.." || exit 1
# The cases: the rig's mount, then every check of the guest's script.
checks=tools/linuxvm/checks9p
cases="mount $(sed -n 's/^check \([a-z0-9-]*\) .*/\1/p' "$checks" 2>/dev/null)"
failall() {
	for c in $cases; do
		echo "FAIL: linux9p-$c ($1)"
	done
	exit 1
}
[ "$cases" != "mount " ] || failall "no checks in $checks"
srv=build/host/ramfs9p
[ -x "$srv" ] || failall "$srv missing: make builds it (mk/9p.mk)"
for f in build/linux/vmlinuz build/linux/initramfs.cpio; do
	[ -f "$f" ] || failall "$f missing: make builds it (mk/linuxvm.mk)"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/linux9p.XXXXXX") || failall "mktemp failed"
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Start ramfs9p on a free port of 127.0.0.1 (the kernel picks it; ramfs9p
# then binds it, so another program may take it in between: then retry).
# Wait for the listening socket without connecting to it: look for it in
# /proc/net/tcp (local address 0100007F:PORT in hex, state 0A = LISTEN).
startsrv() {
	port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])') || failall "cannot pick a port"
	"$srv" -p "$port" > "$tmp/srv.log" 2>&1 &
	pid=$!
	hex=$(printf '%04X' "$port")
	i=0
	until grep -q ":$hex 00000000:0000 0A" /proc/net/tcp; do
		if ! kill -0 "$pid" 2>/dev/null; then
			cat "$tmp/srv.log"
			pid=
			return 1
		fi
		i=$((i + 1))
		[ $i -le 200 ] || failall "ramfs9p is not listening on $port"
		sleep 0.1
	done
}
startsrv || startsrv || startsrv || failall "ramfs9p exited"

LINUXVM_TIMEOUT=${LINUXVM_TIMEOUT:-210} tools/linuxvm/mount9p "$port" "$checks" \
	> "$tmp/out" 2>&1
st=$?
sed 's/^\(PASS\|FAIL\): /guest \1: /' "$tmp/out"
echo "mount9p exited $st"
failed=0
for c in $cases; do
	if grep -q "PASS: $c\$" "$tmp/out"; then
		echo "PASS: linux9p-$c"
	else
		echo "FAIL: linux9p-$c"
		failed=1
	fi
done
if [ $failed -ne 0 ]; then
	echo "ramfs9p's log:"
	cat "$tmp/srv.log"
fi
exit $failed
