/* Host unit test of the kernel's cleanname (kernel/port/lib.c). */
#include <stdio.h>
#include <string.h>

char *kcleanname(char*);

static struct {
	char *in;
	char *out;
} cases[] = {
	{"/", "/"}, {"//", "/"}, {"/a/b", "/a/b"}, {"/a//b/", "/a/b"},
	{"/a/./b", "/a/b"}, {"/a/../b", "/b"}, {"/..", "/"}, {"/../a", "/a"},
	{"a/..", "."}, {"a/../..", ".."}, {"../a/..", ".."}, {"", "."},
	{".", "."}, {"./a", "a"}, {"a/b/../../c", "c"}, {"#c", "#c"},
	{"#c/", "#c"}, {"#c/cons", "#c/cons"}, {"#c/a/..", "#c"},
	{"#c/..", "#c"}, {"#sfoo/x/./y", "#sfoo/x/y"}, {"/a/b/c/../../d", "/a/d"},
};

int
main(void)
{
	char buf[256];
	unsigned i;
	int fail;

	fail = 0;
	for(i = 0; i < sizeof cases / sizeof cases[0]; i++){
		strcpy(buf, cases[i].in);
		kcleanname(buf);
		if(strcmp(buf, cases[i].out) != 0){
			printf("cleanname(%s) = %s, want %s\n", cases[i].in, buf, cases[i].out);
			fail = 1;
		}
	}
	printf("%s: kernel cleanname\n", fail ? "FAIL" : "PASS");
	return fail;
}
