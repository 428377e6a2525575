/* rcdeparse.c: the deparse of every line of a text (tests only) */
char	*deparseall(char*, int*);
