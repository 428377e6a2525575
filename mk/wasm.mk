# lib/wasm: WebAssembly runtime, its host tools (wastrun, wasmrun), the
# translators in trans/, the fuzz target and the benchmarks.

WASMSRC := lib/wasm/decode.c lib/wasm/valid.c lib/wasm/exec.c lib/wasm/inst.c
WASMHDR := lib/wasm/wasm.h lib/wasm/dat.h
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

ALL += $(B)/host/wastrun $(B)/wasm/libwasm-lux9.a
