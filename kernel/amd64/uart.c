/*
 * 8250/16550 serial lines: COM1 is the console, COM2 the second line
 * (eia1).  Output is polled; input arrives by interrupt.
 */
#include "u.h"
#include "portdat.h"
#include "portfns.h"

static int port[2] = { 0x3f8, 0x2f8 };

enum {
	Data = 0,
	Ier = 1,
	Fcr = 2,
	Lcr = 3,
	Mcr = 4,
	Lsr = 5,
	Dlab = 0x80,
	Thre = 0x20,
	Dr = 0x01,
};

void
uartinit(void)
{
	int i, p;

	for(i = 0; i < 2; i++){
		p = port[i];
		outb(p+Ier, 0);
		outb(p+Lcr, Dlab);
		outb(p+Data, 1);	/* 115200 baud */
		outb(p+Ier, 0);
		outb(p+Lcr, 0x03);	/* 8 bits, no parity, 1 stop */
		outb(p+Fcr, 0xc7);	/* FIFOs on, cleared, interrupt at 14 bytes */
		outb(p+Mcr, 0x0b);	/* DTR, RTS, OUT2 (interrupts) */
		outb(p+Ier, 0x01);	/* interrupt on received data */
	}
}

void
uartputc(int n, int c)
{
	int p, i;

	p = port[n];
	for(i = 0; i < 1000000 && (inb(p+Lsr) & Thre) == 0; i++)
		;
	outb(p+Data, c);
}

int
uartgetc(int n)
{
	if((inb(port[n]+Lsr) & Dr) == 0)
		return -1;
	return inb(port[n]+Data);
}

void
uartintr(int n)
{
	int c;

	while((c = uartgetc(n)) >= 0)
		uartrecv(n, c);
}
