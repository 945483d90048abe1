/* ec-util.h: small owned-memory helpers shared by the engine. */
#ifndef EC_UTIL_H
#define EC_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* A growable NUL-terminated byte buffer. Zero-initialise (EC_BUF_INIT) before use;
 * the buffer owns DATA until ec_buf_free() or ec_buf_steal(). Appends that fail to
 * allocate set OOM and leave the content as it was. */
typedef struct ec_buf {
    char *data;
    size_t len;
    size_t cap;
    int oom;
} ec_buf;
#define EC_BUF_INIT {NULL, 0, 0, 0}

void ec_buf_append(ec_buf *buf, const char *bytes, size_t len);
void ec_buf_puts(ec_buf *buf, const char *s);
void ec_buf_putc(ec_buf *buf, char c);
void ec_buf_printf(ec_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ec_buf_vprintf(ec_buf *buf, const char *fmt, va_list ap);
void ec_buf_reset(ec_buf *buf);
/* Returns the content ("" when empty) and hands its ownership to the caller
 * (free()); the buffer is left empty. Returns NULL only if the buffer hit OOM. */
char *ec_buf_steal(ec_buf *buf);
void ec_buf_free(ec_buf *buf);

/* A growable array of owned strings. Zero-initialise before use. */
typedef struct ec_strv {
    char **items;
    size_t n;
    size_t cap;
} ec_strv;

/* Appends a copy of S (NULL is stored as ""); returns 0, or -1 on OOM. */
int ec_strv_push(ec_strv *v, const char *s);
/* Appends S itself, taking ownership; returns 0, or -1 on OOM (S is then freed). */
int ec_strv_push_owned(ec_strv *v, char *s);
void ec_strv_free(ec_strv *v);
/* Appends each run of S between SEPs (empty runs skipped) as a copy;
 * returns 0, or -1 on OOM (what was appended stays). */
int ec_strv_split(ec_strv *v, const char *s, char sep);
/* A term callback (xc_term_fn's shape) that appends TERM to the ec_strv
 * USER; returns nonzero, which stops the walk, on OOM. */
int ec_strv_push_term(void *user, const char *term, size_t len, unsigned freq);

/* strdup that accepts NULL (returns NULL). Caller frees. */
char *ec_strdup(const char *s);
/* Returns a malloc'd formatted string, or NULL on OOM. Caller frees. */
char *ec_strdup_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Reads a whole file into a malloc'd NUL-terminated buffer (caller frees *OUT).
 * Refuses files larger than MAX_BYTES. Returns 0, or an errno value (EFBIG when
 * too large, EISDIR for a directory, ENODEV for anything else that is not a
 * regular file: a pipe, socket or device, which could block or never end). */
int ec_read_file(const char *path, size_t max_bytes, char **out, size_t *out_len);

/* 64-bit FNV-1a of BYTES, as 16 lowercase hex digits into HEX (17 bytes). Used
 * to notice changed files; not for security. */
void ec_hash_hex(const void *bytes, size_t len, char hex[17]);

/* Creates DIR and its missing parents (mkdir -p). The directories it creates
 * get exactly MODE, whatever the umask (a group of agents must share a
 * database directory). Returns 0, or an errno value on failure, with *FAILED
 * (may be NULL; caller frees) naming the directory that could not be made. */
int ec_mkdir_p(const char *dir, unsigned mode, char **failed);

/* Returns 1 if S is a valid ISO date YYYY-MM-DD (a real calendar day), else 0. */
int ec_valid_iso_date(const char *s);

#endif
