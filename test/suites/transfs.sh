#!/bin/sh
# transfs - trans(1) and transfs(4) inside Lux9: the rc scripts
# test/sys/trans_*.rc in one boot, output compared with their .out
# files (filter chains, a translated tree and its cache, writes through
# a write chain, traps, fuel and memory limits, bad arguments).
cd "$(dirname "$0")/../.." || exit 1
B=${B:-build}
export B
tests=$(ls test/sys/trans_*.rc | sed 's,.*/,,; s,\.rc$,,')
tools/systest -t 200 $tests
