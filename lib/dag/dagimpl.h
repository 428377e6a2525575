/* lib/dag internals shared between its files */
int dagtreeanc(Dblock *a, Dblock *b);
int dagreachadd(Dag *d, Dblock *b, Dblock *p);
int dagfcsadd(Dblock *a, Dblock *x);
int dagreachdel(Dag *d, Dblock *b);
int daggrowq(Dag *d, int n);
int daggrow(void *pp, int *cap, int need, size_t elt);
