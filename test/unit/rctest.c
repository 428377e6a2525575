/*
 * rctest - unit tests for rc's pure parts: the parser (checked through a
 * structural dump of its trees), the deparser (its output must parse to
 * the same tree), syntax errors (a message, never a crash), and the
 * pattern matcher.  Prints PASS:/FAIL: lines.
 */
#include "rc.h"
#include "rcdeparse.h"

static int failures;

static void
result(int ok, char *what, char *detail)
{
	oputs(1, ok ? "PASS: " : "FAIL: ");
	oputs(1, what);
	if(!ok && detail != nil){
		oputs(1, "\n\t");
		oputs(1, detail);
	}
	oputc(1, '\n');
	oflush(1);
	failures += !ok;
}

/* parse src; return the dump (or "ERROR"), and its deparse in *dep */
static char*
parse(char *src, char **dep)
{
	Lex l;
	Io *io;
	Tree *t;
	int st;
	char *d;

	io = iostr(src, "test");
	lexinit(&l, io);
	t = parseline(&l, &st);
	if(st == -2)
		d = estrdup("ERROR");
	else
		d = treedump(t);
	if(dep != nil)
		*dep = st == -2 ? estrdup("") : deparse(t);
	freenodes(l.nodes);
	free(l.text);
	iofree(io);
	return d;
}

static struct {
	char *src;
	char *dump;
} parses[] = {
	{"echo a b", "(simple [echo a b])"},
	{"a | b && c", "(and (pipe 1=0 (simple a) (simple b)) (simple c))"},
	{"a && b || c", "(or (and (simple a) (simple b)) (simple c))"},
	{"! a | b", "(not (pipe 1=0 (simple a) (simple b)))"},
	{"! a && b", "(and (not (simple a)) (simple b))"},
	{"x=1 a | b", "(assign x 1 (pipe 1=0 (simple a) (simple b)))"},
	{"x=(a b) y=c", "(assign x (list [a b]) (assign y c))"},
	{"x=()", "(assign x (list))"},
	{"if(a) b && c", "(if (simple a) (and (simple b) (simple c)))"},
	{"if not echo no", "(ifnot (simple [echo no]))"},
	{"a; b & c", "(seq (simple a) (seq (async (simple b)) (simple c)))"},
	{"a &", "(async (simple a))"},
	{"echo $x(2 3-) $#y $\"z", "(simple [echo (sub x [2 3-]) (count y) (flat z)])"},
	{"echo a^b c^$d", "(simple [echo (cat a b) (cat c (var d))])"},
	{"echo $x.c x$y", "(simple [echo (cat (var x) .c) (cat x (var y))])"},
	{"echo $$x", "(simple [echo (var (var x))])"},
	{"echo $x$y", "(simple [echo (cat (var x) (var y))])"},
	{"echo 'it''s' ''", "(simple [echo 'it''s' ''])"},
	{"echo a'b'c", "(simple [echo (cat (cat a 'b') c)])"},
	{"cat <f >[2]g >>h >[2=1] >[3=] <>i",
		"(simple cat (< 0 f) (> 2 g) (>> 1 h) (dup 2=1) (close 3) (<> 0 i))"},
	{"for(i in a b) echo $i", "(for i [a b] (simple [echo (var i)]))"},
	{"for(i) echo $i", "(for i () (simple [echo (var i)]))"},
	{"for(i in) echo", "(for i () (simple echo))"},
	{"while(a) b", "(while (simple a) (simple b))"},
	{"switch($x){case a\nb\n}", "(switch (list (var x)) (seq (simple [case a]) (simple b)))"},
	{"fn f g {a}", "(fn [f g] (simple a))"},
	{"fn f {}", "(fn f (empty))"},
	{"fn f", "(fn f)"},
	{"~ $x a* 'b*'", "(match (var x) [a* 'b*'])"},
	{"a |[2] b |[2=3] c", "(pipe 2=3 (pipe 2=0 (simple a) (simple b)) (simple c))"},
	{"echo `{ls -l}", "(simple [echo (bq (simple [ls -l]))])"},
	{"cmp <{a} >{b}", "(simple [cmp (psub 0 (simple a)) (psub 1 (simple b))])"},
	{"{a; b} >f", "(brace (seq (simple a) (simple b)) (> 1 f))"},
	{">f a | b", "(redir (pipe 1=0 (simple a) (simple b)) (> 1 f))"},
	{"@ a", "(subshell (simple a))"},
	{"echo for in if not ! @ ~", "(simple [echo 'for' 'in' 'if' 'not' '!' '@' '~'])"},
	{"echo a \\\n b", "(simple [echo a b])"},
	{"echo a # comment", "(simple [echo a])"},
	{"echo a#b", "(simple [echo a#b])"},
	{"{a\nb\nc}", "(brace (seq (simple a) (seq (simple b) (simple c))))"},
	{"cat <<EOF\nx $y\nEOF\n", "(simple cat (<< 0 'x $y\n' EOF))"},
	{"cat <<'EOF'\n$y\nEOF\n", "(simple cat (<< 0 '$y\n' 'EOF'))"},
	{"if(a)\n b", "(if (simple a) (simple b))"},
	{"a &&\n b", "(and (simple a) (simple b))"},
	{"a |\n b", "(pipe 1=0 (simple a) (simple b))"},
	{"echo *.c ?x [ab]", "(simple [echo *.c ?x [ab]])"},
	{"x = 1", "(assign x 1)"},
	{"", "()"},
	{";;", "()"},
	{"echo héllo", "(simple [echo héllo])"},
	{"echo \\", "(simple [echo \\])"},
	{"echo $in(1) $'x'(2)", "(simple [echo (sub 'in' 1) (sub 'x' 2)])"},
	{"cat > [x", "(simple cat (> 1 [x))"},
	{"cat <<a <<b <<c <<d <<e <<f <<g <<h <<i <<j <<k <<l <<m <<n <<o <<p <<q; x\n"
	 "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\no\np\nbody\nq\n",
	 "(seq (simple cat (<< 0 '' a) (<< 0 '' b) (<< 0 '' c) (<< 0 '' d) (<< 0 '' e) "
	 "(<< 0 '' f) (<< 0 '' g) (<< 0 '' h) (<< 0 '' i) (<< 0 '' j) (<< 0 '' k) "
	 "(<< 0 '' l) (<< 0 '' m) (<< 0 '' n) (<< 0 '' o) (<< 0 '' p) (<< 0 'body\n' q)) "
	 "(simple x))"},

	/* syntax errors */
	{"echo (", "ERROR"},
	{"a &&", "ERROR"},
	{"| a", "ERROR"},
	{"if", "ERROR"},
	{"if(a)", "ERROR"},
	{"echo 'unterminated", "ERROR"},
	{"fn", "ERROR"},
	{"a >", "ERROR"},
	{"x =", "ERROR"},
	{"}", "ERROR"},
	{"{a", "ERROR"},
	{"for(i in a", "ERROR"},
	{"a >[x] b", "ERROR"},
	{"a >[99999999] b", "ERROR"},
	{"a |[2=] b", "ERROR"},
	{"echo $", "ERROR"},
	{"echo `ls", "ERROR"},
	{"cat <<", "ERROR"},
	{"switch x", "ERROR"},
	{"echo )", "ERROR"},
};

/* n copies of s between pre and post */
static char*
repeat(char *pre, char *s, int n, char *post)
{
	char *b;
	int len, cap;

	b = nil;
	len = cap = 0;
	dsputs(&b, &len, &cap, pre);
	while(n-- > 0)
		dsputs(&b, &len, &cap, s);
	dsputs(&b, &len, &cap, post);
	return b;
}

/* deep or long input: an error or a result, never a crashed stack */
static void
testdeep(void)
{
	static struct {
		char *pre, *s, *post;
		int n;
		int ok;
	} deep[] = {
		{"echo ", "(", ")", 100000, 0},
		{"", "{", "", 100000, 0},
		{"echo a", "^a", "", 100000, 0},
		{"a", " && a", "", 100000, 0},
		{"a", " | a", "", 100000, 0},
		{"", "! ", "a", 100000, 0},
		{"", "x=1 ", "a", 100000, 0},
		{"echo ", "$", "x", 100000, 0},
		{"{", "a\n", "}", 100000, 1},
		{"echo", " a", "", 100000, 1},
		{"echo ", "(", "", 100, 0},
		{"a", " && a", "", 100, 1},
	};
	uint i;
	char *src, *d, *dep, name[64];
	int ok;

	for(i = 0; i < nelem(deep); i++){
		src = repeat(deep[i].pre, deep[i].s, deep[i].n, deep[i].post);
		d = parse(src, &dep);
		ok = strcmp(d, "ERROR") != 0;
		snprint(name, sizeof name, "rc deep %d", i);
		result(ok == deep[i].ok, name, smprint("%s... gave %.60s", deep[i].s, d));
		free(src);
		free(d);
		free(dep);
	}
}

static void
testparse(void)
{
	uint i;
	int bad;
	char *d, *d2, *dep2, name[64];

	for(i = 0; i < nelem(parses); i++){
		d = parse(parses[i].src, nil);
		snprint(name, sizeof name, "rc parse %d", i);
		result(strcmp(d, parses[i].dump) == 0, name,
			smprint("%s\n\tgot  %s\n\twant %s", parses[i].src, d, parses[i].dump));
		if(strcmp(d, "ERROR") != 0){
			/* the deparse reads back as the same */
			d2 = deparseall(parses[i].src, &bad);
			dep2 = deparseall(d2, &bad);
			snprint(name, sizeof name, "rc deparse %d", i);
			result(strcmp(d2, dep2) == 0 && !bad, name,
				smprint("%s\n\tdeparse %s\n\tagain   %s", parses[i].src, d2, dep2));
			free(d2);
			free(dep2);
		}
		free(d);
	}
}

/* a pattern as rc would lex it: * ? [ are special unless after a backslash */
static char*
pattern(char *s)
{
	char *b;
	int n, cap;

	b = nil;
	n = cap = 0;
	dsputs(&b, &n, &cap, "");
	for(; *s; s++){
		if(*s == '\\' && s[1] != 0){
			dsputc(&b, &n, &cap, *++s);
			continue;
		}
		if(*s == '*' || *s == '?' || *s == '[')
			dsputc(&b, &n, &cap, GLOB);
		dsputc(&b, &n, &cap, *s);
	}
	return b;
}

static struct {
	char *s, *p;
	int want;
} matches[] = {
	{"abc", "a*", 1}, {"abc", "*c", 1}, {"abc", "*b", 0}, {"abc", "a?c", 1},
	{"abc", "a?", 0}, {"", "*", 1}, {"", "?", 0}, {"", "", 1}, {"a", "", 0},
	{"a.c", "*.[ch]", 1}, {"a.o", "*.[ch]", 0}, {"b", "[~a]", 1},
	{"a", "[~a]", 0}, {"x", "[a-z]", 1}, {"X", "[a-z]", 0}, {"-", "[a-]", 1},
	{"a*b", "a\\*b", 1}, {"axb", "a\\*b", 0}, {"héllo", "h?llo", 1},
	{"héllo", "h??llo", 0}, {"é", "[à-ú]", 1},
	{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*a*a*a*c", 0},
	{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "*a*a*a*a*a*a*a*a*a*b", 1},
	{"[", "[", 1}, {"[x", "[x", 1}, {"]", "[]]", 1}, {"ab", "[ab]", 0},
	{"mississippi", "m*iss*ppi", 1}, {"mississippi", "m*iss*ppx", 0},
	{"a/b", "a*", 1}, {"abc", "abc", 1}, {"abc", "ab", 0}, {"ab", "abc", 0},
};

static void
testmatch(void)
{
	uint i;
	char *p, name[64];

	for(i = 0; i < nelem(matches); i++){
		p = pattern(matches[i].p);
		snprint(name, sizeof name, "rc match %d", i);
		result(match(matches[i].s, p) == matches[i].want, name,
			smprint("~ '%s' '%s' should be %d", matches[i].s, matches[i].p, matches[i].want));
		free(p);
	}
}

int
main(void)
{
	testparse();
	testdeep();
	testmatch();
	exits(failures ? "failures" : nil);
}
