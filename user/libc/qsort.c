/*
 * qsort: introsort-style quicksort (median of three, the smaller side
 * first by recursion and the larger by looping, so the stack stays
 * O(log n)), finishing small ranges with insertion sort; it falls back
 * to heapsort when partitions keep going badly, so the worst case is
 * O(n log n).  bsearch is the usual halving.
 */
#include <u.h>
#include <libc.h>

typedef int (*Cmp)(const void*, const void*);

static void
swap(char *a, char *b, usize w)
{
	char t;

	if(a == b)
		return;
	while(w-- > 0){
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

static void
inssort(char *base, usize n, usize w, Cmp cmp)
{
	usize i, j;

	for(i = 1; i < n; i++)
		for(j = i; j > 0 && cmp(base + (j-1)*w, base + j*w) > 0; j--)
			swap(base + (j-1)*w, base + j*w, w);
}

static void
siftdown(char *base, usize root, usize n, usize w, Cmp cmp)
{
	usize child;

	for(; (child = 2*root + 1) < n; root = child){
		if(child + 1 < n && cmp(base + child*w, base + (child+1)*w) < 0)
			child++;
		if(cmp(base + root*w, base + child*w) >= 0)
			return;
		swap(base + root*w, base + child*w, w);
	}
}

static void
heapsort(char *base, usize n, usize w, Cmp cmp)
{
	usize i;

	for(i = n/2; i-- > 0;)
		siftdown(base, i, n, w, cmp);
	for(i = n; i-- > 1;){
		swap(base, base + i*w, w);
		siftdown(base, 0, i, w, cmp);
	}
}

static void
sort(char *base, usize n, usize w, Cmp cmp, int depth)
{
	char *lo, *mid, *hi, *pv;
	usize i, j, nl;

	while(n > 12){
		if(depth-- == 0){
			heapsort(base, n, w, cmp);
			return;
		}
		/* median of first, middle, last ends up at the front as the pivot */
		lo = base;
		mid = base + (n/2)*w;
		hi = base + (n-1)*w;
		if(cmp(mid, lo) < 0)
			swap(mid, lo, w);
		if(cmp(hi, mid) < 0){
			swap(hi, mid, w);
			if(cmp(mid, lo) < 0)
				swap(mid, lo, w);
		}
		swap(base, mid, w);
		pv = base;
		/* Hoare partition around base[0] */
		i = 0;
		j = n;
		for(;;){
			while(++i < n && cmp(base + i*w, pv) < 0)
				;
			while(cmp(base + (--j)*w, pv) > 0)
				;
			if(i >= j)
				break;
			swap(base + i*w, base + j*w, w);
		}
		swap(base, base + j*w, w);
		/* [0, j) <= pivot, j is the pivot, (j, n) >= pivot */
		nl = j;
		if(nl < n - j - 1){
			sort(base, nl, w, cmp, depth);
			base += (j+1)*w;
			n -= j + 1;
		}else{
			sort(base + (j+1)*w, n - j - 1, w, cmp, depth);
			n = nl;
		}
	}
	inssort(base, n, w, cmp);
}

void
qsort(void *base, usize n, usize w, int (*cmp)(const void*, const void*))
{
	int depth;
	usize m;

	if(n < 2 || w == 0)
		return;
	depth = 0;
	for(m = n; m > 0; m >>= 1)
		depth += 2;
	sort(base, n, w, cmp, depth);
}

void*
bsearch(const void *key, const void *base, usize n, usize w, int (*cmp)(const void*, const void*))
{
	const char *p;
	usize lo, hi, mid;
	int c;

	lo = 0;
	hi = n;
	while(lo < hi){
		mid = lo + (hi - lo)/2;
		p = (const char*)base + mid*w;
		c = cmp(key, p);
		if(c == 0)
			return (void*)p;
		if(c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return nil;
}
