#!/bin/sh
# GHOSTDAG and CRDT: unit tests, Kaspa reference DAGs, simulator seeds.
B=build/host
data=../shared/testdata/ghostdag
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
if [ -x $B/syncsim ]; then
	for seed in 1 2 3 4 5 6 7 8; do
		if $B/syncsim -n 50 -s $seed > build/syncsim-$seed.out 2>&1; then
			echo "PASS: syncsim seed $seed ($(tail -n 1 build/syncsim-$seed.out))"
		else
			tail -n 5 build/syncsim-$seed.out
			echo "FAIL: syncsim seed $seed"
		fi
	done
fi
exit 0
