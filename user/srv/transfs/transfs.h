/*
 * transfs: a file tree whose files are another tree's files passed
 * through a chain of WebAssembly translators (lib/wasm).  chain.c runs
 * chains on buffers, fs.c serves the tree over 9P with lib/9p, trans.c
 * is the command.  See trans(1) and transfs(4).
 */
#ifndef LUX9_TRANSFS_H
#define LUX9_TRANSFS_H

typedef struct Buf Buf;
typedef struct Chain Chain;
typedef struct Module Module;
typedef struct Trans Trans;

enum {
	Maxmods = 16,		/* modules in one chain */
	Maxmodsize = 16<<20,	/* bytes of one .wasm file */
	Deffuel = 1000000000,	/* instructions per module run */
	Defpages = 512,		/* 32 MiB of wasm memory per instance */
	Defmaxout = 64<<20,	/* bytes a module may write */
};

/* A growing byte buffer with a ceiling. */
struct Buf {
	uchar *p;
	ulong n;
	ulong cap;
	ulong max;
	int over;		/* a write went past max */
};

struct Module {
	char *name;		/* as given in the chain */
	uchar *code;
	ulong ncode;
};

struct Chain {
	Module mod[Maxmods];
	int n;
	vlong fuel;		/* per instance */
	uint pages;		/* per instance */
	ulong maxout;
};

int bufput(Buf*, const void*, ulong);
void buffree(Buf*);

/* Load the modules of "a|b|c"; -1 with the error string set. */
int chainload(Chain*, const char *spec);
/*
 * Run the chain on in; the result is left in *out (which the caller
 * frees with buffree).  -1 with the error string set: a module's trap
 * ("upper: out of fuel"), a failing exit, or a limit.
 */
int chainrun(Chain*, const uchar *in, ulong nin, Buf *out);

/* Counters shown in the .transfs file. */
struct Trans {
	char *src;		/* the source tree */
	Chain *rd;		/* read chain */
	Chain *wr;		/* write chain, or nil: read-only */
	ulong maxcache;		/* bytes of cached translations */
	ulong cached;
	vlong runs;		/* read translations done */
	vlong hits;		/* opens served from the cache */
	vlong wruns;		/* write translations done */
	vlong errors;
	char lasterr[128];
};

void transsrv(Srv*, Trans*);

#endif
