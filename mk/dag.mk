# lib/dag (GHOSTDAG), lib/crdt (replicated file tree), their host tools,
# unit tests, fuzzer, benchmarks and soak run.

DAGSRC := lib/dag/dag.c lib/dag/reach.c lib/dag/u256.c
DAGHDR := lib/dag/dag.h lib/dag/dagimpl.h
DAGTOOLHDR := tools/dag/json.h

$(B)/dag/host/%.o: lib/dag/%.c $(DAGHDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -Ilib/dag -c $< -o $@

$(B)/dag/fast/%.o: lib/dag/%.c $(DAGHDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS_FAST) -Ilib/dag -c $< -o $@

$(B)/dag/lux9/%.o: lib/dag/%.c $(DAGHDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -Ilib/dag -c $< -o $@

DAGHOSTOBJ := $(patsubst lib/dag/%.c,$(B)/dag/host/%.o,$(DAGSRC))
DAGFASTOBJ := $(patsubst lib/dag/%.c,$(B)/dag/fast/%.o,$(DAGSRC))
DAGLUX9OBJ := $(patsubst lib/dag/%.c,$(B)/dag/lux9/%.o,$(DAGSRC))

# proves lib/dag builds for Lux9 with no OS calls
$(B)/dag/libdag-lux9.a: $(DAGLUX9OBJ)
	rm -f $@
	llvm-ar rcs $@ $^

$(B)/host/ghostdag: tools/dag/ghostdag.c tools/dag/json.c $(DAGTOOLHDR) $(DAGHOSTOBJ)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -Ilib/dag -Itools/dag tools/dag/ghostdag.c tools/dag/json.c $(DAGHOSTOBJ) -lz -o $@

ALL += $(B)/dag/libdag-lux9.a $(B)/host/ghostdag

$(B)/host/dagtest: test/unit/dagtest.c $(DAGHOSTOBJ)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -Ilib/dag test/unit/dagtest.c $(DAGHOSTOBJ) -o $@

ALL += $(B)/host/dagtest

CRDTSRC := lib/crdt/crdt.c lib/crdt/block.c
CRDTHDR := lib/crdt/crdt.h

$(B)/crdt/host/%.o: lib/crdt/%.c $(CRDTHDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -Ilib/crdt -c $< -o $@

$(B)/crdt/fast/%.o: lib/crdt/%.c $(CRDTHDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS_FAST) -Ilib/crdt -c $< -o $@

$(B)/crdt/lux9/%.o: lib/crdt/%.c $(CRDTHDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) -Ilib/crdt -c $< -o $@

CRDTHOSTOBJ := $(patsubst lib/crdt/%.c,$(B)/crdt/host/%.o,$(CRDTSRC))
CRDTFASTOBJ := $(patsubst lib/crdt/%.c,$(B)/crdt/fast/%.o,$(CRDTSRC))
CRDTLUX9OBJ := $(patsubst lib/crdt/%.c,$(B)/crdt/lux9/%.o,$(CRDTSRC))

$(B)/dag/libcrdt-lux9.a: $(CRDTLUX9OBJ)
	rm -f $@
	llvm-ar rcs $@ $^

SIMDEPS := tools/dag/hostcrypto.c tools/dag/hostcrypto.h $(DAGHDR) $(CRDTHDR)
SIMINC := -Ilib/dag -Ilib/crdt -Itools/dag

$(B)/host/syncsim: tools/dag/syncsim.c $(SIMDEPS) $(DAGHOSTOBJ) $(CRDTHOSTOBJ)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $(SIMINC) tools/dag/syncsim.c tools/dag/hostcrypto.c $(DAGHOSTOBJ) $(CRDTHOSTOBJ) -lsodium -o $@

$(B)/host/syncsim-fast: tools/dag/syncsim.c $(SIMDEPS) $(DAGFASTOBJ) $(CRDTFASTOBJ)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS_FAST) $(SIMINC) tools/dag/syncsim.c tools/dag/hostcrypto.c $(DAGFASTOBJ) $(CRDTFASTOBJ) -lsodium -o $@

ALL += $(B)/dag/libcrdt-lux9.a $(B)/host/syncsim $(B)/host/syncsim-fast

.PHONY: soak
soak: $(B)/host/syncsim-fast
	for s in 101 102 103 104 105 106 107 108 109 110; do \
		$(B)/host/syncsim-fast -n 60 -t 120 -s $$s || exit 1; done
	$(B)/host/syncsim-fast -n 100 -t 80 -s 111

FUZZFLAGS := -std=gnu11 -Wall -Wextra -Werror -O1 -g -fsanitize=fuzzer,address,undefined

$(B)/host/crdtfuzz: test/unit/crdtfuzz.c lib/crdt/block.c $(SIMDEPS)
	@mkdir -p $(@D)
	$(HOSTCC) $(FUZZFLAGS) $(SIMINC) test/unit/crdtfuzz.c lib/crdt/block.c tools/dag/hostcrypto.c -lsodium -o $@

.PHONY: fuzz-crdt
fuzz-crdt: $(B)/host/crdtfuzz
	@mkdir -p $(B)/fuzz/crdt
	$(B)/host/crdtfuzz -runs=1000000 -max_len=4096 $(B)/fuzz/crdt
FUZZ += fuzz-crdt

$(B)/host/dagbench: tools/dag/dagbench.c $(DAGHDR) $(CRDTHDR) $(DAGFASTOBJ) $(CRDTFASTOBJ)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS_FAST) -Ilib/dag -Ilib/crdt tools/dag/dagbench.c $(DAGFASTOBJ) $(CRDTFASTOBJ) -o $@

$(B)/host/ghostdag-fast: tools/dag/ghostdag.c tools/dag/json.c $(DAGTOOLHDR) $(DAGFASTOBJ)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS_FAST) -Ilib/dag -Itools/dag tools/dag/ghostdag.c tools/dag/json.c $(DAGFASTOBJ) -lz -o $@

.PHONY: bench-dag
bench-dag: $(B)/host/dagbench $(B)/host/ghostdag-fast
	$(B)/host/ghostdag-fast --bench $(TESTDATA)/ghostdag/goref5000.json.gz
	for c in "18 10" "124 10" "18 100" "124 100"; do $(B)/host/dagbench $$c 60000 || exit 1; done
	$(B)/host/dagbench crdt 400000
BENCH += bench-dag

$(B)/host/crdttest: test/unit/crdttest.c $(SIMDEPS) $(CRDTHOSTOBJ)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $(SIMINC) test/unit/crdttest.c tools/dag/hostcrypto.c $(CRDTHOSTOBJ) -lsodium -o $@

ALL += $(B)/host/crdttest
