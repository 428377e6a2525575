/*
 * rcbench - runs inside Lux9 (make bench boots it under qemu -icount,
 * where the clock advances one nanosecond per guest instruction, so
 * nsec() differences count instructions).  Each case runs /bin/rc -c
 * with a script seven times; the median is printed as "name count".
 * Per-operation figures subtract the cost of an empty rc.
 */
#include <u.h>
#include <libc.h>

enum { Runs = 7 };

static vlong
runrc(char *script)
{
	char *argv[4], buf[ERRMAX + 64];
	vlong t0;
	int pid;

	argv[0] = "rc";
	argv[1] = "-c";
	argv[2] = script;
	argv[3] = nil;
	t0 = nsec();
	pid = rfork(RFPROC | RFFDG | RFENVG);
	if(pid < 0)
		sysfatal("rfork: %r");
	if(pid == 0){
		exec("/bin/rc", argv);
		sysfatal("exec /bin/rc: %r");
	}
	while(await(buf, sizeof buf) >= 0)
		if(atoi(buf) == pid)
			break;
	return nsec() - t0;
}

static vlong
median(char *script)
{
	vlong v[Runs], t;
	int i, j;

	for(i = 0; i < Runs; i++){
		t = runrc(script);
		for(j = i; j > 0 && v[j - 1] > t; j--)
			v[j] = v[j - 1];
		v[j] = t;
	}
	return v[Runs / 2];
}

/* "for(i in 1 2 ... n) body" */
static char*
loop(int n, char *body)
{
	char *s, *t;
	int i;

	s = smprint("for(i in");
	for(i = 1; i <= n; i++){
		t = smprint("%s %d", s, i);
		free(s);
		s = t;
	}
	t = smprint("%s) %s", s, body);
	free(s);
	return t;
}

void
main(void)
{
	vlong empty, v;
	static struct {
		char *name;
		int n;
		char *body;
	} cases[] = {
		{"rcassign", 100, "x=$i"},
		{"rcfn", 100, "f $i"},
		{"rcmatch", 100, "~ $i *0 [0-9]"},
		{"rcecho", 20, "echo $i >/dev/null"},
		{"rcpipe", 10, "echo $i | rc -c 'exit'"},
		{"rcbq", 20, "x=`{echo $i}"},
	};
	int i;
	char *s, *body;

	empty = median("");
	print("rcempty %lld\n", empty);
	for(i = 0; i < (int)nelem(cases); i++){
		body = loop(cases[i].n, cases[i].body);
		s = smprint("fn f { x=$1 }; %s", body);
		v = median(s);
		print("%s %lld\n", cases[i].name, (v - empty) / cases[i].n);
		free(s);
		free(body);
	}
	exits(nil);
}
