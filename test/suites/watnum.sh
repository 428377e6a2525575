#!/bin/sh
# test/suites/watnum.sh - text-format numeric literals (lib/wasm/watnum.c):
# the unit test against glibc, and the Lux9 build needing nothing but
# mem*/strlen.  Run from the repo root after make all.
B=build
mkdir -p $B/wasm

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; }

if [ -x $B/host/watnumtest ]; then
	$B/host/watnumtest || fail "watnumtest exits 0"
else
	fail "watnumtest built"
fi

# Freestanding, as the Lux9 user programs are built: no libc, no libm,
# no compiler runtime (a 128-bit division would pull in __udivti3).
O=$B/wasm/watnum-lux9.o
if clang --target=x86_64-unknown-none-elf -std=gnu11 -ffreestanding -nostdinc \
	-isystem "$(clang -print-resource-dir)/include" -O2 -Wall -Wextra -Werror \
	-fno-stack-protector -fno-pic -mcmodel=small -c -o $O lib/wasm/watnum.c; then
	und=$(llvm-nm -u $O | awk 'NF == 2 {print $2}' | sort -u |
		grep -v -E '^(memcpy|memmove|memset|memcmp|strlen)$')
	if [ -z "$und" ]; then
		pass "watnum.c for Lux9 needs only mem*/strlen"
	else
		echo "undefined: $und"
		fail "watnum.c for Lux9 needs only mem*/strlen"
	fi
else
	fail "watnum.c builds freestanding"
fi
