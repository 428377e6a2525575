# lib/wasm/watnum.c: numeric literals of the WebAssembly text format,
# its unit test (against glibc's strtod) and its fuzz target.

WATNUM := lib/wasm/watnum.c lib/wasm/watnum.h

$(B)/host/watnumtest: test/unit/watnum.c $(WATNUM)
	@mkdir -p $(@D)
	$(HOSTCC) $(HOSTCFLAGS) -Ilib/wasm -o $@ test/unit/watnum.c lib/wasm/watnum.c -lm
ALL += $(B)/host/watnumtest

# libFuzzer target: arbitrary bytes as one token; make fuzz runs 1,000,000 inputs.
$(B)/host/watnumfuzz: tools/wasm/watnumfuzz.c $(WATNUM)
	@mkdir -p $(@D)
	$(HOSTCC) -std=gnu11 -Wall -Wextra -Werror -O1 -g -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=all -Ilib/wasm -o $@ tools/wasm/watnumfuzz.c lib/wasm/watnum.c -lm
.PHONY: watnumfuzz
watnumfuzz: $(B)/host/watnumfuzz
	@mkdir -p $(B)/wasm/watnumcorpus
	# seed with one token of each kind
	i=0; for t in 0 -0x8000_0000 18446744073709551615 1.5e-10 0123.e+019 0x1.fffffep127 \
		-0x1p-1074 inf -nan nan:0x7f_ffff; do \
		i=$$((i + 1)); printf %s "$$t" > $(B)/wasm/watnumcorpus/seed$$i; done
	$(B)/host/watnumfuzz -runs=1000000 -max_len=2048 -rss_limit_mb=2048 -print_final_stats=1 $(B)/wasm/watnumcorpus
FUZZ += watnumfuzz
