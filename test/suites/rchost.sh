#!/bin/sh
# rchost - rc on the host: unit tests (build/host/rctest), then each
# system test script test/sys/rc_*.rc and host-only script
# test/unit/rchost_*.rc run by build/host/rc (rc over test/unit/rcshim.c)
# and compared with its .out file, then interactive-shell tests; last,
# the same test/sys/rc_*.rc scripts, and the rc9_*.rc ones that need
# Lux9's commands, inside Lux9 (tools/systest), and the interactive rc on
# Lux9's console (test/unit/rcconsole.py).
# One PASS:/FAIL: line per test.
cd "$(dirname "$0")/../.." || exit 1
root=$(pwd)
rc=$root/build/host/rc
if [ ! -x "$rc" ] || [ ! -x build/host/rctest ]; then
	echo "FAIL: rchost (build/host/rc or build/host/rctest missing: make all)"
	exit 1
fi
tmp=$(mktemp -d /tmp/rchost.XXXXXX)
trap 'rm -rf "$tmp"' EXIT INT TERM

build/host/rctest 2>/dev/null

# a fresh emulated /env whose $path finds the host rc first
freshenv() {
	rm -rf "$tmp/shim" "$tmp/cwd"
	mkdir -p "$tmp/shim/env" "$tmp/cwd"
	printf '%s\0/bin\0' "$root/build/host" > "$tmp/shim/env/path"
	RCSHIM_DIR=$tmp/shim
	RCSHIM_ENV=$tmp/shim/env
	export RCSHIM_DIR RCSHIM_ENV
}

for t in test/sys/rc_*.rc test/unit/rchost_*.rc; do
	[ -f "$t" ] || continue
	name=$(basename "$t" .rc)
	freshenv
	(cd "$tmp/cwd" && timeout 60 "$rc" "$root/$t" > "$tmp/out" 2>&1 < /dev/null)
	if cmp -s "$tmp/out" "${t%.rc}.out"; then
		echo "PASS: rc script $name"
	else
		echo "FAIL: rc script $name"
		diff "${t%.rc}.out" "$tmp/out" | head -20
	fi
done

# interactive: the prompt, the continuation prompt, a syntax error that
# does not end the shell, and $prompt
check() {
	if [ "$2" = "$3" ]; then
		echo "PASS: rc interactive $1"
	else
		echo "FAIL: rc interactive $1"
		printf 'want: %s\ngot:  %s\n' "$2" "$3"
	fi
}
freshenv
got=$(printf 'echo one\nfor(i in a b)\necho $i\necho (\necho still here\nprompt=(%s %s)\necho new\n' "'> '" "'+ '" |
	"$rc" -i 2>&1 | tr '\n\t' '|~')
check prompts "lux9% one|lux9% ~a|b|lux9% rc: stdin:4: syntax error near newline|lux9% still here|lux9% > new|> " "$got"

# interrupt: the shell survives, the foreground child gets the note
freshenv
mkfifo "$tmp/fifo"
setsid "$rc" -i < "$tmp/fifo" > "$tmp/iout" 2>&1 &
exec 3> "$tmp/fifo"
echo "echo \$pid > $tmp/rcpid" >&3
echo 'sleep 30; echo not reached' >&3
# wait (with no time limit that could fail) for the sleep to start
n=0
while [ $n -lt 600 ]; do
	rcpid=$(cat "$tmp/rcpid" 2> /dev/null)
	[ -n "$rcpid" ] && pgrep -P "$rcpid" > /dev/null 2>&1 && break
	sleep 0.1
	n=$((n + 1))
done
pgid=$(ps -o pgid= -p "$rcpid" | tr -d ' ')
/bin/kill -s INT -- "-$pgid" 2> /dev/null
echo 'echo status $status' >&3
echo 'echo alive' >&3
exec 3>&-
wait
got=$(tr '\n' '|' < "$tmp/iout")
check interrupt "lux9% lux9% |lux9% status interrupt|lux9% alive|lux9% " "$got"

# the Lux9 build of rc compiles against Lux9's headers
if make -s rc-lux9-objs > "$tmp/lux9" 2>&1; then
	echo "PASS: rc compiles for Lux9"
else
	echo "FAIL: rc compiles for Lux9"
	tail -20 "$tmp/lux9"
fi

# the system tests again, inside Lux9 in QEMU, as /bin/rc runs them there
if [ -f build/amd64/lux9.32 ] && [ -f build/amd64/initrd.cpio ]; then
	# rc9_* scripts use Lux9's own commands and run only there
	tools/systest -t 200 $(ls test/sys/rc_*.rc test/sys/rc9_*.rc | sed 's|test/sys/||; s|\.rc$||')
	# and the interactive shell on Lux9's console, typed at as a user would
	python3 test/unit/rcconsole.py build/amd64/lux9.32 build/amd64/initrd.cpio
else
	echo "FAIL: rc in Lux9 (no kernel or boot archive: make all)"
fi
