/*
 * date: print the date, Plan 9 style (Tue Nov 24 05:20:24 GMT 2026),
 * or with -n the seconds since the epoch.  An argument gives the time
 * to show instead of now.  Lux9 keeps no time zones: times are GMT.
 */
#include <u.h>
#include <libc.h>

static char *wday[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
static char *mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* wall-clock seconds; nsec() counts from boot, /dev/time from 1970 */
static vlong
walltime(void)
{
	char buf[128];
	int fd, n;

	fd = open("/dev/time", OREAD);
	if(fd < 0)
		{
		fprint(2, "date: /dev/time: %r\n");
		exits("no time");
	}
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if(n <= 0)
		{
		fprint(2, "date: /dev/time: %r\n");
		exits("no time");
	}
	buf[n] = 0;
	return strtoll(buf, nil, 10);
}

static void
usage(void)
{
	fprint(2, "usage: date [-nu] [seconds]\n");
	exits("usage");
}

static int
leap(vlong y)
{
	return (y%4 == 0 && y%100 != 0) || y%400 == 0;
}

/* print t (seconds since 1970, GMT) as ctime does */
static void
dateprint(vlong t)
{
	static int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	vlong days, secs, y, n;
	int m, ml;

	days = t / 86400;
	secs = t % 86400;
	if(secs < 0){
		secs += 86400;
		days--;
	}
	/* 1970-01-01 was a Thursday */
	n = (days % 7 + 11) % 7;
	print("%s ", wday[n]);
	y = 1970;
	/* whole 400-year cycles (146097 days) first, so huge times are quick */
	y += 400 * (days / 146097);
	days %= 146097;
	if(days < 0){
		days += 146097;
		y -= 400;
	}
	while(days >= (n = leap(y) ? 366 : 365)){
		days -= n;
		y++;
	}
	for(m = 0; m < 11; m++){
		ml = mdays[m] + (m == 1 && leap(y));
		if(days < ml)
			break;
		days -= ml;
	}
	print("%s %2d %.2d:%.2d:%.2d GMT %lld\n", mon[m], (int)days + 1,
		(int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60), y);
}

void
main(int argc, char **argv)
{
	char *e;
	vlong t;
	int nflag;

	nflag = 0;
	ARGBEGIN{
	case 'n':
		nflag = 1;
		break;
	case 'u':
		break;	/* times are GMT already */
	default:
		usage();
	}ARGEND
	if(argc > 1)
		usage();
	if(argc == 1){
		t = strtoll(argv[0], &e, 10);
		if(*argv[0] == 0 || *e != 0){
			fprint(2, "date: bad time: %s\n", argv[0]);
			exits("bad time");
		}
		/* keep the year printable in a vlong and sensible */
		if(t > 100000LL*366*86400 || t < -100000LL*366*86400){
			fprint(2, "date: time out of range: %s\n", argv[0]);
			exits("bad time");
		}
	}else
		t = walltime();
	if(nflag)
		print("%lld\n", t);
	else
		dateprint(t);
	exits(nil);
}
