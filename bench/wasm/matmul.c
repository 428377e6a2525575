/* matmul.c - 200x200 double matrix product, five times: float loads, mul, add. */
enum { N = 200 };
static double a[N][N], b[N][N], c[N][N];

int
run(void)
{
	int i, j, k, r;
	double s, sum;

	for(i = 0; i < N; i++)
		for(j = 0; j < N; j++){
			a[i][j] = (double)(i + j) / N;
			b[i][j] = (double)(i - j) / N;
		}
	sum = 0;
	for(r = 0; r < 5; r++){
		for(i = 0; i < N; i++)
			for(j = 0; j < N; j++){
				s = 0;
				for(k = 0; k < N; k++)
					s += a[i][k] * b[k][j];
				c[i][j] = s;
			}
		sum += c[r][N - 1 - r];
	}
	return (int)(sum * 1000);
}
