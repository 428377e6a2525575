#!/bin/sh
# GHOSTDAG and CRDT: unit tests, Kaspa reference DAGs, simulator seeds.
B=build/host
data=${TESTDATA:-../shared/testdata}/ghostdag
$B/dagtest
$B/crdttest
for f in $data/*.json $data/*.json.gz; do
	n=$(basename "$f")
	out=$($B/ghostdag --check "$f" 2>&1)
	last=$(printf '%s\n' "$out" | tail -n 1)
	case "$last" in
	*" passed, 0 failed")
		echo "PASS: ghostdag $n ($last)";;
	*)
		printf '%s\n' "$out" | tail -n 5
		echo "FAIL: ghostdag $n";;
	esac
done
# one seed under ASan/UBSan, more with the optimised build (same source)
n=0
for sim in syncsim syncsim-fast syncsim-fast syncsim-fast syncsim-fast syncsim-fast syncsim-fast; do
	n=$((n + 1))
	if $B/$sim -n 50 -t 40 -k 64 -s $n > build/syncsim-$n.out 2>&1; then
		echo "PASS: $sim 50 nodes seed $n ($(tail -n 1 build/syncsim-$n.out))"
	else
		tail -n 5 build/syncsim-$n.out
		echo "FAIL: $sim 50 nodes seed $n"
	fi
done
exit 0
