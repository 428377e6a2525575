#!/bin/sh
# bench/wasm/run.sh - time each benchmark module in lib/wasm's
# interpreter (the -O2 build), Node's V8 and wabt's wasm-interp, side
# by side.  Times are user+system CPU seconds of the whole process
# (start-up included), best of one run each.
#	bench/wasm/run.sh BUILDDIR
B=${1:-build}
ours=$B/host/wasmrun-fast
printf '%-8s %10s %10s %10s %12s %12s\n' program lib/wasm node wabt wabt/ours ours/node
cpu() {	# command...: prints result line then CPU seconds
	/usr/bin/time -f '%U %S' -o $B/wasm/bench/time "$@" > $B/wasm/bench/out 2>&1 || {
		echo "failed: $*" >&2
		cat $B/wasm/bench/out >&2
	}
	awk '{printf "%.2f", $1 + $2}' $B/wasm/bench/time
}
for p in fib sieve matmul sha mix; do
	m=$B/wasm/bench/$p.wasm
	t1=$(cpu $ours -e run $m)
	r1=$(cat $B/wasm/bench/out)
	t2=$(cpu node -e "
		const fs = require('fs');
		WebAssembly.instantiate(fs.readFileSync('$m'), {}).then(r => console.log(r.instance.exports.run()));")
	r2=$(cat $B/wasm/bench/out)
	t3=$(cpu wasm-interp --run-all-exports $m)
	# wasm-interp prints i32 results unsigned
	r3=$(sed 's/.*i32://' $B/wasm/bench/out | awk '{print ($1 >= 2147483648 ? $1 - 4294967296 : $1)}')
	if [ "$r1" != "$r2" ] || [ "$r1" != "$r3" ]; then
		echo "$p: results differ: $r1 / $r2 / $r3" >&2
	fi
	printf '%-8s %10s %10s %10s %12s %12s\n' $p $t1 $t2 $t3 \
		$(awk "BEGIN {printf \"%.1fx\", $t3 / ($t1 > 0 ? $t1 : 0.01)}") \
		$(awk "BEGIN {printf \"%.1fx\", $t1 / ($t2 > 0 ? $t2 : 0.01)}")
done
