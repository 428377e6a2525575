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
