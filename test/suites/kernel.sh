#!/bin/sh
# Kernel system tests: boot Lux9 and run the test/kern programs inside it,
# and the rc scripts of page exchange as commands use it (test/sys/xchg_*).
cd "$(dirname "$0")/../.." || exit 1
tests=$(ls test/kern/*.c | sed 's|test/kern/||; s|\.c$||' | grep -v '^systest$')
tests="$tests $(ls test/sys/xchg_*.rc | sed 's,.*/,,; s,\.rc$,,')"
exec tools/systest -t 600 $tests
