/*
 * The host tests' fake kernel (test/unit/libcfake.c): the system calls
 * libc makes, over an error string, a break in a static array and a
 * few files in memory.  Standard output and error go to outbuf.
 */
enum { Nfile = 16, Maxdata = 1<<16 };
typedef struct File File;
struct File {
	char name[300];
	char data[Maxdata];
	long len;
	int isdir;
};
extern char outbuf[1<<16];
extern long outlen;
extern jmp_buf exitjmp;		/* _exits jumps here */
extern char exitmsg[256];	/* with its message here */

File *addfile(const char*, const void*, long);
File *filenamed(const char*);
long packstat(unsigned char*, const char*, uint64_t, uint32_t, uint64_t);
