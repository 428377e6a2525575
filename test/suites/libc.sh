#!/bin/sh
# libc: host unit test of user/libc (one line per case), and a check
# that the first Lux9 program links into a static ELF at UTZERO.
build/host/libctest
if llvm-readelf -h -l build/user/hello 2>/dev/null | grep -q 'Entry point address: *0x40' &&
   llvm-nm build/user/hello | grep -q ' T _start$'; then
	echo "PASS: libc-hello-links"
else
	echo "FAIL: libc-hello-links"
fi
