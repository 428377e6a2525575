#!/bin/sh
# test/unit/libcprefix.sh OUT OBJ... - merge libc's host objects into OUT
# with every symbol renamed lux_NAME, then give the sanitizers' and the
# fuzzer's runtime entry points (and the linker's __start_/__stop_
# section symbols) their own names back.
set -e
out=$1
shift
ld.lld -r -o "$out.tmp" "$@"
llvm-objcopy --prefix-symbols=lux_ "$out.tmp"
llvm-nm -u "$out.tmp" | awk '$2 ~ /^lux___(asan|ubsan|sanitizer|sancov|start_|stop_)/ {
	print $2, substr($2, 5) }' > "$out.syms"
llvm-objcopy --redefine-syms="$out.syms" "$out.tmp" "$out"
rm -f "$out.tmp" "$out.syms"
