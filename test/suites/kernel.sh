#!/bin/sh
# Kernel system tests: boot Lux9 and run the test/kern programs inside it.
cd "$(dirname "$0")/../.." || exit 1
tests=$(ls test/kern/*.c | sed 's|test/kern/||; s|\.c$||' | grep -v '^systest$')
exec tools/systest -t 600 $tests
