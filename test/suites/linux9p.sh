#!/bin/sh
# linux9p - the Linux kernel's own 9P2000 client (Debian's kernel in QEMU,
# mount -t 9p over a virtio-serial port, see tools/linuxvm/mount9p) against
# our 9P server build/host/ramfs9p. One boot; every case below is reported,
# and any case the guest did not report as passed is a FAIL.
cd "$(dirname "$0")/../.." || exit 1
cases="mount write cat append ls-l mkdir create-in-dir mv mv-dir rm rmdir
	errors overwrite offset-write truncate chmod deep empty mtime sparse
	utf8-name long-name rename-dir exec perm-denied big-in big-out big-size
	parallel big-rm ls-empty"
failall() {
	for c in $cases; do
		echo "FAIL: linux9p-$c ($1)"
	done
	exit 1
}
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

# A free port on 127.0.0.1 (the kernel picks it; ramfs9p then binds it).
port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])') || failall "cannot pick a port"
"$srv" -p "$port" > "$tmp/srv.log" 2>&1 &
pid=$!
# Wait for the listening socket without connecting to it: look for it in
# /proc/net/tcp (local address 0100007F:PORT in hex, state 0A = LISTEN).
hex=$(printf '%04X' "$port")
i=0
until grep -q ":$hex 00000000:0000 0A" /proc/net/tcp; do
	if ! kill -0 "$pid" 2>/dev/null; then
		cat "$tmp/srv.log"
		pid=
		failall "ramfs9p exited"
	fi
	i=$((i + 1))
	[ $i -le 200 ] || failall "ramfs9p is not listening on $port"
	sleep 0.1
done

# The checks, run by the guest's busybox sh in the mounted /mnt.
cat > "$tmp/checks" <<'EOF2'
check() {
	name=$1
	shift
	if "$@"; then
		echo "PASS: $name"
	else
		echo "FAIL: $name"
	fi
}
same() {
	[ "$1" = "$2" ] && return 0
	echo "got '$1', want '$2'"
	return 1
}
check write sh -c 'printf "hello, 9p\n" > f'
check cat same "$(cat f)" "hello, 9p"
check append sh -c 'echo again >> f && [ "$(cat f)" = "$(printf "hello, 9p\nagain")" ]'
ls -l
check ls-l same "$(ls -l | awk '$NF == "f" { print substr($1, 1, 1) $5 }')" "-16"
check mkdir sh -c 'mkdir d && [ -d d ] && ls -l | grep -q "^d.* d$"'
check create-in-dir sh -c 'echo inner > d/x && [ "$(cat d/x)" = inner ]'
check mv sh -c 'mv f g && [ ! -e f ] && [ "$(cat g)" = "$(printf "hello, 9p\nagain")" ]'
check mv-dir sh -c 'mv g d/h && [ ! -e g ] && [ "$(cat d/h)" = "$(printf "hello, 9p\nagain")" ]'
check rm sh -c 'rm d/x d/h && [ ! -e d/x ] && [ ! -e d/h ]'
check rmdir sh -c 'rmdir d && [ ! -e d ]'
# Failures must come back as errors, not as success or a hang.
check errors sh -c '! cat nosuch 2>/dev/null && mkdir e && ! mkdir e 2>/dev/null &&
	touch e/y && ! rmdir e 2>/dev/null && rm e/y && rmdir e'
check overwrite sh -c 'echo a-longer-line > o && echo short > o &&
	[ "$(cat o)" = short ] && [ $(wc -c < o) -eq 6 ]'
check offset-write sh -c 'printf 0123456789 > w &&
	printf XY | dd of=w bs=1 seek=4 conv=notrunc 2>/dev/null &&
	[ "$(cat w)" = 0123XY6789 ]'
check truncate sh -c 'truncate -s 3 w && [ "$(cat w)" = 012 ] && rm o w'
check chmod sh -c 'echo x > p && chmod 600 p && ls -l p | grep -q "^-rw------- " &&
	chmod 644 p && ls -l p | grep -q "^-rw-r--r-- " && rm p'
check deep sh -c 'mkdir -p a/b/c/d && echo deep > a/b/c/d/e &&
	[ "$(cat a/b/c/d/e)" = deep ] && rm -r a && [ ! -e a ]'
check empty sh -c 'touch e && [ -f e ] && [ $(wc -c < e) -eq 0 ] && [ -z "$(cat e)" ]'
# wstat of the modification time (the guest runs in UTC)
check mtime sh -c 'touch -d "2020-01-02 03:04:05" e && [ "$(stat -c %Y e)" = 1577934245 ] &&
	rm e'
check sparse sh -c 'dd if=/dev/zero of=s bs=1 count=1 seek=100000 2>/dev/null &&
	[ $(wc -c < s) -eq 100001 ] && [ $(tr -d "\\0" < s | wc -c) -eq 0 ] && rm s'
check utf8-name sh -c 'echo u > "héllo wörld" && [ "$(cat "héllo wörld")" = u ] &&
	for f in *; do [ "$f" = "héllo wörld" ] && rm "$f" && exit 0; done; exit 1'
long=$(printf "%0200d" 0 | tr 0 n)
check long-name sh -c "echo l > $long && [ \"\$(cat $long)\" = l ] && rm $long"
check rename-dir sh -c 'mkdir rd && echo z > rd/z && mv rd rd2 && [ ! -e rd ] &&
	[ "$(cat rd2/z)" = z ] && rm -r rd2'
check exec sh -c 'printf "#!/bin/sh\necho ran\n" > x.sh && chmod +x x.sh &&
	[ "$(./x.sh)" = ran ] && rm x.sh'
# The server's permission check refuses a write to a read-only file.
check perm-denied sh -c 'echo ro > r && chmod 444 r && [ "$(cat r)" = ro ] &&
	! sh -c "echo no > r" 2>/dev/null && [ "$(cat r)" = ro ] && rm r'
# 1 MiB of random bytes into the server and back, compared byte for byte.
head -c 1048576 /dev/urandom > /tmp/r
check big-in sh -c 'cp /tmp/r big && cmp /tmp/r big'
check big-out sh -c 'cp big /tmp/r2 && cmp big /tmp/r2 && cmp /tmp/r /tmp/r2'
check big-size same "$(wc -c < big | tr -d ' ')" 1048576
# Three readers at once: several requests in flight, told apart by tag.
check parallel sh -c 'cat big > /tmp/a & cat big > /tmp/b & cat big > /tmp/c & wait
	cmp /tmp/r /tmp/a && cmp /tmp/r /tmp/b && cmp /tmp/r /tmp/c'
check big-rm sh -c 'rm big && [ ! -e big ]'
check ls-empty same "$(ls -a | grep -v '^\.\.\?$')" ""
EOF2

LINUXVM_TIMEOUT=${LINUXVM_TIMEOUT:-210} tools/linuxvm/mount9p "$port" "$tmp/checks" \
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
