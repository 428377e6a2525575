#!/bin/sh
# test/suites/wasm.sh - lib/wasm: the official spec suite (90 non-SIMD
# files), WASI programs and translators against Node's node:wasi,
# limits and hostile input.  Run from the repo root after make all.
B=build
T=$B/wasm/test
SPEC=../shared/testdata/wasm-spec
[ -d "$SPEC" ] || SPEC=/work/shared/testdata/wasm-spec
mkdir -p $T

pass() { echo "PASS: $1"; }
fail() { echo "FAIL: $1"; }

# 1. Conformance: one line per .wast file.
total=0
for w in "$SPEC"/*.wast; do
	n=$(basename "$w" .wast)
	case $n in simd_*) continue;; esac
	d=$B/wasm/spec/$n
	mkdir -p "$d"
	if ! wast2json "$w" -o "$d/$n.json" > "$d/convert.log" 2>&1; then
		fail "wasm spec $n (wast2json)"
		continue
	fi
	out=$($B/host/wastrun "$d/$n.json" 2>&1)
	rc=$?
	line=$(echo "$out" | grep -E '^[0-9]+ passed, [0-9]+ failed$')
	if [ $rc -eq 0 ] && [ -n "$line" ]; then
		pass "wasm spec $n ($line)"
	else
		echo "$out" | tail -n 15
		fail "wasm spec $n"
	fi
done
