#!/bin/sh
# cmdsB - the text commands wc, grep, sed, tee, xd, cmp, diff, seq, sort,
# uniq, head and tail, tested inside Lux9: the rc scripts
# test/sys/cmdB_*.rc (output compared with their .out files) in one boot,
# then randomized diff, sort, grep, wc and uniq runs checked on the host
# (test/unit/cmdsBrand.py) in a second.
cd "$(dirname "$0")/../.." || exit 1
B=${B:-build}
export B
fail=0
tests=$(ls test/sys/cmdB_*.rc | sed 's,.*/,,; s,\.rc$,,')
tools/systest -t 200 $tests || fail=1
python3 test/unit/cmdsBrand.py || fail=1
exit $fail
