#!/bin/sh
# lux9p - Lux9 and Linux speaking 9P2000 to each other.  Lux9 (QEMU #1)
# boots with test/sys/exportfs_serial.rc as init: exportfs serves its RAM
# /tmp on the second serial line, which QEMU joins to a listening socket on
# 127.0.0.1.  The Linux guest (QEMU #2, tools/linuxvm/mount9p) connects to
# it, mounts it with the Linux kernel's own 9P2000 client and runs
# tools/linuxvm/checks9p.  One boot of each.  Before that, the system tests
# of exportfs and clockfs run inside one Lux9 boot.  The guest first
# times 64 KiB each way over the line (the serial-64k case; the figures
# are printed as "serial:" lines).
cd "$(dirname "$0")/../.." || exit 1
B=${B:-build}
checks=tools/linuxvm/checks9p
# Over the emulated serial line (about 40 KB/s each way) the two heaviest
# checks, three parallel 1 MiB reads and a 300-file directory, do not fit
# the suite's time; linux9p.sh runs them against the host's ramfs9p.
slow=" parallel big-dir "
cases="mount serial-64k $(sed -n 's/^check \([a-z0-9-]*\) .*/\1/p' "$checks" 2>/dev/null |
	while read c; do case "$slow" in *" $c "*) ;; *) echo $c;; esac; done)"

tools/systest -t 120 exportfs clockfs

failall() {
	for c in $cases; do
		echo "FAIL: lux9p-$c ($1)"
	done
	exit 1
}
[ "$cases" != "mount serial-64k " ] || failall "no checks in $checks"
for f in $B/amd64/lux9.32 $B/amd64/initrd.cpio $B/linux/vmlinuz $B/linux/initramfs.cpio; do
	[ -f "$f" ] || failall "$f missing: make builds it"
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/lux9p.XXXXXX") || failall "mktemp failed"
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Boot Lux9 with its second serial line listening on a free port of
# 127.0.0.1 (picked by the kernel; QEMU binds it after, so another program
# may take it in between: then retry).  Wait for the listening socket in
# /proc/net/tcp without connecting to it (0100007F:PORT, state 0A).
bootlux9() {
	port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])') || failall "cannot pick a port"
	qemu-system-x86_64 -kernel $B/amd64/lux9.32 -initrd $B/amd64/initrd.cpio \
		-m 256M -display none -no-reboot -monitor none \
		-device isa-debug-exit,iobase=0xf4,iosize=4 \
		-serial "file:$tmp/console" \
		-serial "tcp:127.0.0.1:$port,server=on,wait=off" \
		-append "init='/bin/rc /test/sys/exportfs_serial.rc'" \
		</dev/null >"$tmp/qemu.log" 2>&1 &
	pid=$!
	hex=$(printf '%04X' "$port")
	i=0
	until grep -q ":$hex 00000000:0000 0A" /proc/net/tcp; do
		if ! kill -0 "$pid" 2>/dev/null; then
			cat "$tmp/qemu.log"
			pid=
			return 1
		fi
		i=$((i + 1))
		[ $i -le 200 ] || failall "Lux9's QEMU is not listening on $port"
		sleep 0.1
	done
}
bootlux9 || bootlux9 || bootlux9 || failall "Lux9's QEMU exited"

# The guest's script: the timing, then the checks.
cat > "$tmp/script" <<'EOF2'
up() { cut -d' ' -f1 /proc/uptime; }
head -c 65536 /dev/urandom > /tmp/tp
t1=$(up)
cp /tmp/tp tp
t2=$(up)
cat tp > /tmp/tp2
t3=$(up)
if cmp /tmp/tp /tmp/tp2 && rm tp; then
	echo "PASS: serial-64k"
	echo "serial-times $t1 $t2 $t3"
else
	echo "FAIL: serial-64k"
fi
EOF2
awk -v slow="$slow" '
	/^check / { skip = index(slow, " " $2 " ") > 0 }
	/^(#|head |exit )/ { skip = 0 }
	!skip' "$checks" >> "$tmp/script"
start=$(date +%s.%N)
LINUXVM_TIMEOUT=${LINUXVM_TIMEOUT:-185} tools/linuxvm/mount9p "$port" "$tmp/script" \
	> "$tmp/out" 2>&1
st=$?
end=$(date +%s.%N)
sed 's/^\(PASS\|FAIL\): /guest \1: /' "$tmp/out"
echo "mount9p exited $st after $(echo "$end - $start" | bc) s"
set -- $(sed -n 's/^serial-times //p' "$tmp/out")
if [ $# -eq 3 ]; then
	echo "serial: 64 KiB Linux -> Lux9 in $(echo "$2 - $1" | bc) s," \
		"$(echo "65536 / ($2 - $1)" | bc) bytes/s"
	echo "serial: 64 KiB Lux9 -> Linux in $(echo "$3 - $2" | bc) s," \
		"$(echo "65536 / ($3 - $2)" | bc) bytes/s"
fi
failed=0
for c in $cases; do
	if grep -q "PASS: $c\$" "$tmp/out"; then
		echo "PASS: lux9p-$c"
	else
		echo "FAIL: lux9p-$c"
		failed=1
	fi
done
if [ $failed -ne 0 ]; then
	echo "Lux9's console:"
	tr -d '\r' < "$tmp/console" | tail -30
fi
exit $failed
