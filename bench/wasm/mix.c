/*
 * mix.c - a CoreMark-like mix: linked-list search and reversal,
 * 16-bit matrix arithmetic, a number-scanning state machine and
 * CRC-16, repeated; returns the combined CRC.
 */
#include <stdint.h>

enum { Nlist = 400, Nmat = 40, Nstr = 2000, Iter = 600 };

typedef struct Node Node;
struct Node {
	Node *next;
	int16_t key;
	int16_t val;
};

static Node nodes[Nlist];
static int16_t ma[Nmat][Nmat], mb[Nmat][Nmat];
static int32_t mc[Nmat][Nmat];
static char str[Nstr];

static uint16_t
crc16(uint16_t crc, uint16_t v)
{
	int i;

	crc ^= v;
	for(i = 0; i < 16; i++)
		crc = crc & 1 ? (crc >> 1) ^ 0xa001 : crc >> 1;
	return crc;
}

static Node *
reverse(Node *l)
{
	Node *r, *n;

	r = 0;
	while(l != 0){
		n = l->next;
		l->next = r;
		r = l;
		l = n;
	}
	return r;
}

static uint16_t
listwork(Node **head, int seed)
{
	Node *p;
	uint16_t crc;
	int i;

	crc = 0;
	for(i = 0; i < 8; i++){
		for(p = *head; p != 0 && p->key != (int16_t)((seed + i * 37) % Nlist); p = p->next)
			;
		crc = crc16(crc, p != 0 ? (uint16_t)p->val : 0xffff);
		*head = reverse(*head);
	}
	return crc;
}

static uint16_t
matwork(int seed)
{
	int i, j, k;
	int32_t s;
	uint16_t crc;

	for(i = 0; i < Nmat; i++)
		for(j = 0; j < Nmat; j++)
			ma[i][j] += (int16_t)(seed & 7);
	crc = 0;
	for(i = 0; i < Nmat; i++)
		for(j = 0; j < Nmat; j++){
			s = 0;
			for(k = 0; k < Nmat; k++)
				s += ma[i][k] * mb[k][j];
			mc[i][j] = s;
			crc = crc16(crc, (uint16_t)s);
		}
	return crc;
}

/* Scan numbers: states start, int, frac, exp, invalid. */
static uint16_t
statework(void)
{
	int i, st, counts[5];
	char c;
	uint16_t crc;

	for(i = 0; i < 5; i++)
		counts[i] = 0;
	st = 0;
	for(i = 0; i < Nstr; i++){
		c = str[i];
		if(c == ','){
			counts[st]++;
			st = 0;
			continue;
		}
		switch(st){
		case 0: st = c >= '0' && c <= '9' ? 1 : c == '.' ? 2 : 4; break;
		case 1: st = c >= '0' && c <= '9' ? 1 : c == '.' ? 2 : c == 'e' ? 3 : 4; break;
		case 2: st = c >= '0' && c <= '9' ? 2 : c == 'e' ? 3 : 4; break;
		case 3: st = c >= '0' && c <= '9' ? 3 : 4; break;
		}
	}
	crc = 0;
	for(i = 0; i < 5; i++)
		crc = crc16(crc, counts[i]);
	return crc;
}

int
run(void)
{
	static const char pieces[] = "123,4.5,6e7,x9,.5,77e,";
	Node *head;
	uint16_t crc;
	int i, it;

	for(i = 0; i < Nlist; i++){
		nodes[i].key = (i * 7) % Nlist;
		nodes[i].val = i * 3;
		nodes[i].next = i + 1 < Nlist ? &nodes[i + 1] : 0;
	}
	head = &nodes[0];
	for(i = 0; i < Nmat * Nmat; i++){
		ma[i / Nmat][i % Nmat] = i % 17;
		mb[i / Nmat][i % Nmat] = i % 13 - 6;
	}
	for(i = 0; i < Nstr; i++)
		str[i] = pieces[i % (sizeof pieces - 1)];
	crc = 0;
	for(it = 0; it < Iter; it++){
		crc = crc16(crc, listwork(&head, it));
		crc = crc16(crc, matwork(it));
		crc = crc16(crc, statework());
	}
	return crc;
}
