# lib/wasm: WebAssembly runtime, its host tools (wastrun, wasmrun), the
# translators in trans/, the fuzz target and the benchmarks.

WASMSRC := lib/wasm/decode.c lib/wasm/valid.c lib/wasm/exec.c lib/wasm/inst.c lib/wasm/wasi.c \
	lib/wasm/wat.c lib/wasm/watnum.c
WASMHDR := lib/wasm/wasm.h lib/wasm/dat.h lib/wasm/watnum.h
# No libm: sqrt must compile to an instruction, so errno is not set.
WASMFLAGS := -Ilib/wasm -fno-math-errno

$(B)/host/wastrun: tools/wasm/wastrun.c $(WASMSRC) $(WASMHDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $(WASMFLAGS) -o $@ tools/wasm/wastrun.c $(WASMSRC)

$(B)/host/wasmrun: tools/wasm/wasmrun.c $(WASMSRC) $(WASMHDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $(WASMFLAGS) -o $@ tools/wasm/wasmrun.c $(WASMSRC)

# The -O2 build without sanitizers, for benchmarks.
$(B)/host/wasmrun-fast: tools/wasm/wasmrun.c $(WASMSRC) $(WASMHDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS_FAST) $(WASMFLAGS) -o $@ tools/wasm/wasmrun.c $(WASMSRC)

# The library built for Lux9 with the user flags: proves it is freestanding.
WASMLUX9OBJ := $(patsubst lib/wasm/%.c,$(B)/wasm/lux9/%.o,$(WASMSRC))
$(B)/wasm/lux9/%.o: lib/wasm/%.c $(WASMHDR)
	@mkdir -p $(@D)
	$(UCC) $(UCFLAGS) $(WASMFLAGS) -c -o $@ $<
$(B)/wasm/libwasm-lux9.a: $(WASMLUX9OBJ)
	rm -f $@
	llvm-ar rcs $@ $(WASMLUX9OBJ)

$(B)/host/wattest: test/unit/wattest.c $(WASMSRC) $(WASMHDR)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) $(WASMFLAGS) -o $@ test/unit/wattest.c $(WASMSRC)
ALL += $(B)/host/wattest

ALL += $(B)/host/wastrun $(B)/host/wasmrun $(B)/wasm/libwasm-lux9.a

# Translators: WASI commands filtering stdin to stdout (trans/).
WASICC := clang --target=wasm32-wasi
WASICFLAGS := -O2 -Wall -Wextra -Werror
TRANS := upper lower rot13 base64 unbase64 sha256 wc json
TRANSWASM := $(TRANS:%=$(B)/trans/%.wasm)
$(B)/trans/upper.wasm: trans/map.c
	@mkdir -p $(@D)
	$(WASICC) $(WASICFLAGS) -DUPPER -o $@ $<
$(B)/trans/lower.wasm: trans/map.c
	@mkdir -p $(@D)
	$(WASICC) $(WASICFLAGS) -DLOWER -o $@ $<
$(B)/trans/rot13.wasm: trans/map.c
	@mkdir -p $(@D)
	$(WASICC) $(WASICFLAGS) -DROT13 -o $@ $<
$(B)/trans/%.wasm: trans/%.c
	@mkdir -p $(@D)
	$(WASICC) $(WASICFLAGS) -o $@ $<
ALL += $(TRANSWASM)

# libFuzzer target: arbitrary bytes as a module; make fuzz runs 1,000,000 inputs.
$(B)/host/wasmfuzz: tools/wasm/fuzz.c $(WASMSRC) $(WASMHDR)
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 -Wall -Wextra -Werror -O1 -g -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $(WASMFLAGS) -o $@ tools/wasm/fuzz.c $(WASMSRC)
.PHONY: wasmfuzz
wasmfuzz: $(B)/host/wasmfuzz
	@mkdir -p $(B)/wasm/corpus
	# seed with small modules of the spec suite (test/suites/wasm.sh converts it)
	find $(B)/wasm/spec -name '*.wasm' -size -2k 2>/dev/null | sort | head -n 400 | xargs -r cp -f -t $(B)/wasm/corpus
	$(B)/host/wasmfuzz -runs=1000000 -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1 $(B)/wasm/corpus
FUZZ += wasmfuzz

# The same target fed text for watparse; seeded with the spec suite's
# text modules (wast2json's .wat files) and small .wast scripts.
$(B)/host/watfuzz: tools/wasm/fuzz.c $(WASMSRC) $(WASMHDR)
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 -Wall -Wextra -Werror -O1 -g -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all $(WASMFLAGS) -DTEXT -o $@ tools/wasm/fuzz.c $(WASMSRC)
.PHONY: watfuzz
watfuzz: $(B)/host/watfuzz
	@mkdir -p $(B)/wasm/watcorpus
	find $(B)/wasm/spec -name '*.wat' -size -2k 2>/dev/null | sort | head -n 300 | xargs -r cp -f -t $(B)/wasm/watcorpus
	find $(TESTDATA)/wasm-spec -name '*.wast' -size -4k 2>/dev/null | sort | xargs -r cp -f -t $(B)/wasm/watcorpus
	$(B)/host/watfuzz -runs=1000000 -max_len=4096 -rss_limit_mb=2048 -print_final_stats=1 $(B)/wasm/watcorpus
FUZZ += watfuzz

# A second translator language: Rust, with Debian's rustc (not a rustup one).
$(B)/trans/nl.wasm: trans/nl.rs
	@mkdir -p $(@D)
	/usr/bin/rustc --target wasm32-wasi -O -o $@ $<
ALL += $(B)/trans/nl.wasm

# Benchmarks: freestanding modules exporting run(), so that wabt's
# wasm-interp (built without WASI here) can run them too.
WASMBENCH := fib sieve matmul sha mix
$(B)/wasm/bench/%.wasm: bench/wasm/%.c bench/wasm/rt.c trans/sha256.c
	@mkdir -p $(@D)
	clang --target=wasm32 -O2 -nostdlib -Wall -Wextra -Werror -Wl,--no-entry -Wl,--export=run \
		-o $@ $< bench/wasm/rt.c
.PHONY: wasmbench
wasmbench: $(B)/host/wasmrun-fast $(WASMBENCH:%=$(B)/wasm/bench/%.wasm)
	bench/wasm/run.sh $(B) | tee $(B)/wasm/bench.txt
BENCH += wasmbench
