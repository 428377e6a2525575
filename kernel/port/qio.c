/*
 * Byte queues with blocking reads and writes: pipes and the console.
 * A reader waits for data or a hang-up; a writer waits for room, and gets
 * the note "sys: write on closed pipe" and an error when the reader is gone.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

Queue*
qopen(int size)
{
	Queue *q;

	q = malloc(sizeof(Queue));
	if(q == nil)
		return nil;
	q->buf = malloc(size);
	if(q->buf == nil){
		free(q);
		return nil;
	}
	q->size = size;
	return q;
}

void
qfree(Queue *q)
{
	if(q == nil)
		return;
	free(q->buf);
	free(q);
}

static int
qcanread(void *a)
{
	Queue *q;

	q = a;
	return q->len > 0 || q->closed;
}

static int
qcanwrite(void *a)
{
	Queue *q;

	q = a;
	return q->len < q->size || q->rclosed;
}

int
qlen(Queue *q)
{
	return q->len;
}

static long
qget(Queue *q, uchar *p, long n)
{
	long m, k;

	if(n > q->len)
		n = q->len;
	for(m = 0; m < n; m += k){
		k = q->size - q->rp;
		if(k > n - m)
			k = n - m;
		memmove(p + m, q->buf + q->rp, k);
		q->rp = (q->rp + k) % q->size;
	}
	q->len -= n;
	return n;
}

static long
qput(Queue *q, uchar *p, long n)
{
	long m, k;

	if(n > q->size - q->len)
		n = q->size - q->len;
	for(m = 0; m < n; m += k){
		k = q->size - q->wp;
		if(k > n - m)
			k = n - m;
		memmove(q->buf + q->wp, p + m, k);
		q->wp = (q->wp + k) % q->size;
	}
	q->len += n;
	return n;
}

/* Read what is there (at least one byte), or 0 at hang-up. */
long
qread(Queue *q, void *a, long n)
{
	long m;

	sleep(&q->rr, qcanread, q);
	m = qget(q, a, n);
	if(m > 0)
		wakeup(&q->wr);
	return m;
}

/* Write all n bytes, waiting for room as needed. */
long
qwrite(Queue *q, void *a, long n)
{
	long m, k;

	for(m = 0; m < n; m += k){
		if(q->rclosed){
			/* the mount driver's writes to a dead server only fail */
			if(!up->mntwrite)
				postnote(up, 1, "sys: write on closed pipe", NUser);
			error(Ehungup);
		}
		if(q->closed)
			error(Ehungup);
		sleep(&q->wr, qcanwrite, q);
		if(q->rclosed)
			continue;
		k = qput(q, (uchar*)a + m, n - m);
		wakeup(&q->rr);
	}
	return n;
}

/* From an interrupt: add what fits, never wait. */
int
qproduce(Queue *q, void *a, int n)
{
	n = qput(q, a, n);
	wakeup(&q->rr);
	return n;
}

/* The writer is gone: readers see end of file once the data is read. */
void
qhangup(Queue *q)
{
	q->closed = 1;
	wakeup(&q->rr);
	wakeup(&q->wr);
}

/* The reader is gone: writers fail. */
void
qrhangup(Queue *q)
{
	q->rclosed = 1;
	wakeup(&q->wr);
	wakeup(&q->rr);
}
