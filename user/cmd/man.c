/*
 * man: print a manual page from /sys/man/SECTION/NAME.SECTION.
 * Pages written with the troff -man macros are formatted for a plain
 * terminal: headings at the margin, text filled to Width columns and
 * indented, font changes dropped.  Pages in plain text are shown as
 * they are.  -r shows the source.
 */
#include <u.h>
#include <libc.h>

enum {
	Width = 72,
	Body = 7,		/* indent of ordinary text */
	Tagind = 5,		/* extra indent after a .TP or .IP tag */
	Maxpage = 1024*1024,
	Maxline = 1024,
};

static char out[Maxline];	/* the output line being filled */
static int outlen;
static int indent = Body;	/* indent of the next output line */
static int base = Body;		/* indent for paragraphs (.RS/.RE move it) */
static int fill = 1;
static int blank = 1;		/* the last line printed was blank */
static int tagnext;		/* the next input line is a .TP tag */

static void
usage(void)
{
	fprint(2, "usage: man [-r] [section] name\n");
	exits("usage");
}

static void
emit(char *s)
{
	print("%*s%s\n", *s ? indent : 0, "", s);
	blank = *s == 0;
}

static void
flush(void)
{
	if(outlen == 0)
		return;
	out[outlen] = 0;
	emit(out);
	outlen = 0;
}

static void
para(void)
{
	flush();
	if(!blank)
		emit("");
	indent = base;
}

static void
addword(char *w, int n)
{
	if(outlen > 0 && indent + outlen + 1 + n > Width)
		flush();
	if(n > Maxline - 2 - outlen)
		n = Maxline - 2 - outlen;
	if(outlen > 0)
		out[outlen++] = ' ';
	memmove(out + outlen, w, n);
	outlen += n;
}

/* copy s to d (size n) with the troff escapes replaced or dropped */
static void
unescape(char *d, int n, char *s)
{
	static char *named[][2] = {
		{"em", "--"}, {"en", "-"}, {"mi", "-"}, {"bu", "*"}, {"aa", "'"},
		{"ga", "`"}, {"lq", "\""}, {"rq", "\""}, {"co", "(c)"}, {"<=", "<="},
		{">=", ">="}, {"->", "->"}, {"<-", "<-"}, {"mu", "x"}, {"**", "*"},
	};
	char *e, *r;
	int i;

	e = d + n - 1;
	while(*s && d < e){
		if(*s != '\\'){
			*d++ = *s++;
			continue;
		}
		s++;
		r = nil;
		switch(*s){
		case 0:
			continue;
		case 'f':	/* font change: \fB, \f(CW */
			s++;
			if(*s == '(' && s[1] && s[2])
				s += 3;
			else if(*s)
				s++;
			continue;
		case '*':	/* string: \*x, \*(xx */
			s++;
			if(*s == '(' && s[1] && s[2])
				s += 3;
			else if(*s)
				s++;
			continue;
		case '(':
			if(s[1] == 0 || s[2] == 0){
				s++;
				continue;
			}
			r = "?";
			for(i = 0; i < nelem(named); i++)
				if(strncmp(s+1, named[i][0], 2) == 0)
					r = named[i][1];
			s += 3;
			break;
		case 'e':
		case '\\':
			r = "\\";
			s++;
			break;
		case '&': case '|': case '^': case '%':
			s++;
			continue;
		case '"':	/* comment to the end of the line */
			*d = 0;
			return;
		default:	/* \- \. \' and the like: the character itself */
			if(*s == ' ')
				r = " ";
			else{
				*d++ = *s++;
				continue;
			}
			s++;
		}
		while(*r && d < e)
			*d++ = *r++;
	}
	*d = 0;
}

/* split a request's arguments, honouring "double quotes" */
static int
reqargs(char *s, char **f, int nf)
{
	int n;

	for(n = 0; n < nf; n++){
		while(*s == ' ' || *s == '\t')
			s++;
		if(*s == 0)
			break;
		if(*s == '"'){
			f[n] = ++s;
			while(*s && *s != '"')
				s++;
		}else{
			f[n] = s;
			while(*s && *s != ' ' && *s != '\t')
				s++;
		}
		if(*s)
			*s++ = 0;
	}
	return n;
}

static void
text(char *s)
{
	char buf[Maxline], *p, *w;

	unescape(buf, sizeof buf, s);
	if(tagnext){
		/* a .TP tag on a line of its own, the text below it indented */
		tagnext = 0;
		indent = base;
		emit(buf);
		indent = base + Tagind;
		return;
	}
	if(!fill){
		flush();
		emit(buf);
		return;
	}
	if(buf[0] == 0 || buf[0] == ' '){	/* a blank or indented line breaks */
		flush();
		if(buf[0] == 0){
			emit("");
			return;
		}
	}
	for(p = buf; *p; ){
		while(*p == ' ' || *p == '\t')
			p++;
		if(*p == 0)
			break;
		w = p;
		while(*p && *p != ' ' && *p != '\t')
			p++;
		addword(w, p - w);
	}
}

/* .B, .I, .BR, ...: the arguments, joined by blanks or not */
static void
fonttext(char **f, int nf, int alternate)
{
	char buf[Maxline], *p, *e;
	int i;

	p = buf;
	e = buf + sizeof buf;
	*p = 0;
	for(i = 0; i < nf; i++)
		p = seprint(p, e, "%s%s", i > 0 && !alternate ? " " : "", f[i]);
	text(buf);
}

static void
request(char *line)
{
	char name[8], buf[Maxline], *f[16], *s;
	int nf, n;

	s = line + 1;
	while(*s == ' ' || *s == '\t')
		s++;
	for(n = 0; n < (int)sizeof name - 1 && *s && *s != ' ' && *s != '\t'; )
		name[n++] = *s++;
	name[n] = 0;
	if(name[0] == '\\' && name[1] == '"')
		return;
	snprint(buf, sizeof buf, "%s", s);
	nf = reqargs(buf, f, nelem(f));
	if(strcmp(name, "TH") == 0){
		flush();
		indent = 0;
		if(nf >= 2)
			print("%s(%s)\n", f[0], f[1]);
		else if(nf == 1)
			print("%s\n", f[0]);
		blank = 0;
		indent = base;
	}else if(strcmp(name, "SH") == 0 || strcmp(name, "SS") == 0){
		para();
		base = Body;
		indent = name[1] == 'H' ? 0 : 3;
		fonttext(f, nf, 0);
		flush();
		indent = base;
	}else if(strcmp(name, "PP") == 0 || strcmp(name, "LP") == 0 || strcmp(name, "P") == 0)
		para();
	else if(strcmp(name, "TP") == 0){
		para();
		tagnext = 1;
	}else if(strcmp(name, "IP") == 0){
		para();
		if(nf > 0){
			tagnext = 1;
			text(f[0]);
		}else
			indent = base + Tagind;
	}else if(strcmp(name, "RS") == 0){
		flush();
		base += Tagind;
		indent = base;
	}else if(strcmp(name, "RE") == 0){
		flush();
		if(base > Body)
			base -= Tagind;
		indent = base;
	}else if(strcmp(name, "nf") == 0 || strcmp(name, "EX") == 0){
		flush();
		fill = 0;
	}else if(strcmp(name, "fi") == 0 || strcmp(name, "EE") == 0){
		flush();
		fill = 1;
	}else if(strcmp(name, "br") == 0)
		flush();
	else if(strcmp(name, "sp") == 0){
		flush();
		emit("");
	}else if(strcmp(name, "B") == 0 || strcmp(name, "I") == 0 || strcmp(name, "SM") == 0 ||
	    strcmp(name, "R") == 0 || strcmp(name, "L") == 0){
		if(nf > 0)
			fonttext(f, nf, 0);
	}else if(n == 2 && strchr("BIRL", name[0]) && strchr("BIRL", name[1]))
		fonttext(f, nf, 1);
	/* other requests (.ta, .ne, .de, ...) change nothing visible here */
}

static void
format(char *page)
{
	char *line, *next;

	for(line = page; *line; line = next){
		next = strchr(line, '\n');
		if(next != nil)
			*next++ = 0;
		else
			next = line + strlen(line);
		if(strlen(line) >= Maxline - 1)
			line[Maxline - 2] = 0;
		if(line[0] == '.' || line[0] == '\'')
			request(line);
		else
			text(line);
	}
	flush();
}

static char*
readpage(char *path)
{
	char *buf;
	long n, m;
	int fd;

	fd = open(path, OREAD);
	if(fd < 0)
		return nil;
	buf = malloc(Maxpage + 1);
	if(buf == nil){
		fprint(2, "man: out of memory\n");
		exits("no memory");
	}
	for(n = 0; n < Maxpage && (m = read(fd, buf + n, Maxpage - n)) > 0; n += m)
		;
	close(fd);
	buf[n] = 0;
	return buf;
}

static int
istroff(char *page)
{
	while(*page == '\n')
		page++;
	return page[0] == '.' || page[0] == '\'';
}

static char *sections[] = {"1", "2", "4", "5", "6", "8"};

void
main(int argc, char **argv)
{
	char path[256], *page, *sec;
	int rflag, i;

	rflag = 0;
	ARGBEGIN{
	case 'r':
		rflag = 1;
		break;
	default:
		usage();
	}ARGEND
	if(argc < 1 || argc > 2)
		usage();
	sec = argc == 2 ? argv[0] : nil;
	if(strchr(argv[argc-1], '/') || (sec && strchr(sec, '/'))){
		fprint(2, "man: bad name: %s\n", argv[argc-1]);
		exits("bad name");
	}
	page = nil;
	for(i = 0; page == nil && i < nelem(sections); i++){
		if(sec != nil && i > 0)
			break;
		snprint(path, sizeof path, "/sys/man/%s/%s.%s", sec ? sec : sections[i],
			argv[argc-1], sec ? sec : sections[i]);
		page = readpage(path);
	}
	if(page == nil){
		if(sec != nil)
			fprint(2, "man: no entry for %s in section %s\n", argv[argc-1], sec);
		else
			fprint(2, "man: no entry for %s\n", argv[argc-1]);
		exits("no entry");
	}
	if(rflag || !istroff(page))
		print("%s", page);
	else
		format(page);
	exits(nil);
}
