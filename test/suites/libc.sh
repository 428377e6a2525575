#!/bin/sh
# libc: the host unit test of user/libc (one line per case), then real
# Lux9 programs linked with libc.a run on the host by libcrun (their
# system calls translated under ptrace): hello, and libctarget, whose
# output is compared with test/unit/libctarget.out.
root=$(pwd)
build/host/libctest

run=$root/build/host/libcrun
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if out=$(cd "$tmp" && "$run" "$root/build/user/hello" 2>"$tmp/err") &&
   [ "$out" = "hello, world" ] && grep -q "^exits: ''$" "$tmp/err"; then
	echo "PASS: libc-hello-runs"
else
	echo "FAIL: libc-hello-runs"
	cat "$tmp/err"
fi

(cd "$tmp" && "$run" "$root/build/user/libctarget" -v -oX tfile "two words" >out 2>err)
rc=$?
sed -i "s|^argv0 [^ ]*|argv0 build/user/libctarget|" "$tmp/out"
if [ $rc -eq 1 ] && diff -u test/unit/libctarget.out "$tmp/out" &&
   grep -q "^to stderr$" "$tmp/err" && grep -q "^exits: 'two words'$" "$tmp/err"; then
	echo "PASS: libc-target-program"
else
	echo "FAIL: libc-target-program"
	cat "$tmp/err"
fi

# a usage error: EARGF without an argument calls usage, which exits "usage"
if (cd "$tmp" && "$run" "$root/build/user/libctarget" -o 2>err >/dev/null); then
	echo "FAIL: libc-target-usage"
elif grep -q "^usage: .*libctarget \[-v\]" "$tmp/err" && grep -q "^exits: 'usage'$" "$tmp/err"; then
	echo "PASS: libc-target-usage"
else
	echo "FAIL: libc-target-usage"
	cat "$tmp/err"
fi

# the same program inside Lux9 itself (booted in QEMU by tools/systest)
if [ -f build/amd64/lux9.32 ] && [ -f build/amd64/initrd.cpio ]; then
	tools/systest -t 120 libctarget | sed 's/^\(PASS\|FAIL\): libctarget/\1: libc-target-in-lux9/'
else
	echo "FAIL: libc-target-in-lux9 (no kernel or boot archive built)"
fi
