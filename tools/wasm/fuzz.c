/*
 * fuzz.c - libFuzzer target for lib/wasm: arbitrary bytes as a
 * module are decoded, validated, instantiated (function imports get
 * host functions returning zeros) and every exported function is
 * called with zero arguments under a small fuel budget, memory cap
 * and call depth.  Any crash or sanitizer report is a bug.
 * Built with -DTEXT (watfuzz), the bytes are a module's text instead:
 * watparse translates them, and what it accepts runs the same way.
 */
#include <stdint.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "wasm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void *
frealloc(void *aux, void *p, size_t n)
{
	(void)aux;
	if(n == 0){
		free(p);
		return NULL;
	}
	return realloc(p, n);
}

static const char *
zeros(void *aux, Winst *caller, uint64_t *args, uint64_t *res)
{
	(void)caller;
	(void)args;
	memset(res, 0, (uintptr_t)aux * 8);
	return NULL;
}

static const Walloc a = { frealloc, NULL };

static void
runmodule(const uint8_t *data, size_t size)
{
	Wlimits lim;
	Wstore *s;
	Wmodule *m;
	Winst *in;
	Wextern imps[64], e;
	uint64_t args[1024], res[1024];
	char err[128], sig[2048];
	const char *name, *mod;
	size_t len;
	int i, n, np, nr;

	memset(&lim, 0, sizeof lim);
	lim.fuel = 5000;
	lim.maxpages = 4;
	lim.maxtable = 1000;
	lim.maxdepth = 100;
	lim.stackslots = 8192;
	s = wasmstore(&a, &lim);
	if(s == NULL)
		return;
	m = wasmload(s, data, size, err, sizeof err);
	if(m == NULL)
		goto done;
	n = wasmnimports(m);
	if(n > 64)
		goto done;
	for(i = 0; i < n; i++){
		if(wasmimport(m, i, &mod, &name) != Wkfunc || wasmimportsig(m, i, sig, sizeof sig) < 0)
			goto done;
		imps[i].kind = Wkfunc;
		/* aux: how many results to zero */
		imps[i].func = wasmhostfunc(s, sig, zeros, (void *)(uintptr_t)strlen(strchr(sig, ':') + 1));
		if(imps[i].func == NULL)
			goto done;
	}
	in = wasminstantiate(s, m, imps, err, sizeof err);
	if(in == NULL)
		goto done;
	memset(args, 0, sizeof args);
	for(i = 0; i < wasmnexports(in) && i < 32; i++){
		if(wasmexportat(in, i, &name, &len, &e) < 0 || e.kind != Wkfunc)
			continue;
		np = wasmfuncarity(e.func, &nr);
		(void)np;
		wasmsetfuel(s, 5000);
		wasmcall(s, e.func, args, res);
	}
done:
	wasmstorefree(s);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef TEXT
	uint8_t *bin;
	size_t binlen;
	char err[128];

	if(watparse(&a, (const char *)data, size, &bin, &binlen, err, sizeof err) < 0)
		return 0;
	runmodule(bin, binlen);
	free(bin);
#else
	runmodule(data, size);
#endif
	return 0;
}
