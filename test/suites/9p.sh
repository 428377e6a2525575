#!/bin/sh
# test/suites/9p.sh - lib/9p codec and server library, ramfs, ramfs9p.
# Unit tests print their own PASS/FAIL lines; then ramfs9p is driven
# end to end over TCP on 127.0.0.1 with 9pc, and over stdin/stdout.
B=build/host
tmp=$(mktemp -d)
srvpid=
cleanup() {
	[ -n "$srvpid" ] && kill "$srvpid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

# A unit test program: its lines, or one FAIL if it died without one.
unit() {
	"$B/$1" > "$tmp/$1.out" 2>&1
	rc=$?
	cat "$tmp/$1.out"
	if [ $rc -ne 0 ] && ! grep -q '^FAIL: ' "$tmp/$1.out"; then
		echo "FAIL: $1 (exit $rc)"
	fi
}
unit 9pcodec-test
unit 9psrv-test

pass() { echo "PASS: 9p-e2e-$1"; }
fail() { echo "FAIL: 9p-e2e-$1"; }
result() { if [ "$2" = 0 ]; then pass "$1"; else fail "$1"; fi; }

# ramfs9p on a port the system picks; it says which on stderr.
"$B/ramfs9p" -p 0 -u glenda 2> "$tmp/srv.log" &
srvpid=$!
port=
for i in $(seq 1 100); do
	port=$(sed -n 's/^ramfs9p: listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$tmp/srv.log")
	[ -n "$port" ] && break
	sleep 0.1
done
if [ -z "$port" ]; then
	fail listen
	cat "$tmp/srv.log"
	exit 1
fi
pass listen
c() { timeout 30 "$B/9pc" -p "$port" "$@"; }

out=$(c ls /); result ls-empty-root $([ $? = 0 ] && [ -z "$out" ]; echo $?)

c mkdir /d && echo hello | c put /d/f && out=$(c cat /d/f)
result mkdir-put-cat $([ "$out" = hello ]; echo $?)

out=$(c ls /d)
result ls-long $([ "$out" = "---  666 nobody glenda 6 f" ]; echo $?)

out=$(c stat /)
result stat-root $([ "$out" = "d--  777 glenda glenda 0 /" ]; echo $?)

head -c 1048576 /dev/urandom > "$tmp/big"
c put /big < "$tmp/big" && c cat /big > "$tmp/big.back"
result 1mib-file $(cmp -s "$tmp/big" "$tmp/big.back"; echo $?)

c mv /d/f g && out=$(c cat /d/g) && ! c cat /d/f 2>/dev/null
result rename $([ $? = 0 ] && [ "$out" = hello ]; echo $?)

out=$(c rm /d 2>&1)
result rm-nonempty $(echo "$out" | grep -q 'directory is not empty'; echo $?)
c rm /d/g && c rm /d && out=$(c ls /)
result rm $([ "$out" = "---  666 nobody glenda 1048576 big" ]; echo $?)

c chmod 0600 /big && out=$(c -u bob cat /big 2>&1)
result permission-denied $(echo "$out" | grep -q 'permission denied'; echo $?)
out=$(c -u bob chmod 0666 /big 2>&1)
result chmod-not-owner $(echo "$out" | grep -q 'not owner'; echo $?)

c truncate 10 /big && out=$(c stat /big)
result truncate $([ "$out" = "---  600 nobody glenda 10 big" ]; echo $?)

c create /log 0x40000666 && printf abc | c append /log && printf def | c append /log
out=$(c cat /log)
result append-only $([ "$out" = abcdef ]; echo $?)

out=$(c create /big 0666 2>&1)
result create-exists $(echo "$out" | grep -q 'file already exists'; echo $?)

# bad input ends that session only; the next one sees the same tree
python3 -c "
import socket
for junk in (b'\\5\\0\\0\\0garbage', b'\\377' * 64):
    s = socket.create_connection(('127.0.0.1', $port))
    s.settimeout(20)
    try:
        s.sendall(junk)
        s.shutdown(socket.SHUT_WR)
        s.recv(100)
    except OSError:
        pass
    s.close()"
out=$(c cat /log)
result survives-garbage $([ "$out" = abcdef ] && kill -0 $srvpid; echo $?)

# without -p: one session on stdin/stdout
out=$(python3 - "$B/ramfs9p" <<'PY'
import struct, subprocess, sys
p = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
v = b"9P2000"
body = struct.pack("<BHIH", 100, 0xffff, 8192, len(v)) + v
p.stdin.write(struct.pack("<I", 4 + len(body)) + body)
p.stdin.flush()
size, = struct.unpack("<I", p.stdout.read(4))
r = p.stdout.read(size - 4)
p.stdin.close()
p.wait(timeout=30)
typ, tag, msize, n = struct.unpack("<BHIH", r[:9])
print(typ, tag, msize, r[9:9+n].decode(), p.returncode)
PY
)
result stdio-session $([ "$out" = "101 65535 8192 9P2000 0" ]; echo $?)
exit 0
