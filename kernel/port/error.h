/* Error strings: declared once, so messages are consistent. */
extern char Enomem[];		/* out of memory */
extern char Ebadarg[];		/* bad arg in system call */
extern char Ebadaddr[];		/* bad address in system call */
extern char Enonexist[];	/* file does not exist */
extern char Eexist[];		/* file already exists */
extern char Ebadfd[];		/* fd out of range or not open */
extern char Enofd[];		/* no free file descriptors */
extern char Eperm[];		/* permission denied */
extern char Eisdir[];		/* file is a directory */
extern char Enotdir[];		/* not a directory */
extern char Ebadusefd[];	/* inappropriate use of fd */
extern char Eio[];		/* i/o error */
extern char Einuse[];		/* device or object already in use */
extern char Eintr[];		/* interrupted */
extern char Enochild[];		/* no living children */
extern char Enoattach[];	/* mount/attach disallowed */
extern char Ebadexec[];		/* bad executable */
extern char Etoobig[];		/* read or write too large */
extern char Ehungup[];		/* i/o on hungup channel */
extern char Enotempty[];	/* directory not empty */
extern char Eshort[];		/* i/o count too small */
extern char Ebadstat[];		/* malformed stat buffer */
extern char Enoproc[];		/* out of processes */
extern char Emount[];		/* inconsistent mount */
extern char Eunmount[];		/* not mounted */
extern char Enotsup[];		/* operation not supported */
extern char Ebadctl[];		/* unknown control message */
extern char Eprocdied[];	/* process exited */
extern char Elong[];		/* file name too long */
extern char Ebadchar[];		/* bad character in file name */
extern char Eisstream[];	/* seek on a stream */
extern char Egreg[];		/* kernel bug */
