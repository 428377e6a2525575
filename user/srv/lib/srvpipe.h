/*
 * Serving a lib/9p server on a pipe in Lux9 (user/srv/lib/srvpipe.c).
 */
int srvpost(char *name, int fd);
int srvpipe(Srv *s, char *srvname, char *mtpt, int flag);
