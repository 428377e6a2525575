/* sieve.c - Eratosthenes' sieve to 16 million, twice: byte loads and stores. */
enum { N = 16 * 1024 * 1024 };
static unsigned char comp[N];

int
run(void)
{
	int i, j, k, count;

	count = 0;
	for(k = 0; k < 2; k++){
		for(i = 0; i < N; i++)
			comp[i] = 0;
		count = 0;
		for(i = 2; i < N; i++){
			if(comp[i])
				continue;
			count++;
			for(j = 2 * i; j < N; j += i)
				comp[j] = 1;
		}
	}
	return count;
}
