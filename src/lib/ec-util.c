#define _POSIX_C_SOURCE 200809L
#include "ec-util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int buf_reserve(ec_buf *buf, size_t extra)
{
    if (buf->oom)
        return -1;
    if (buf->len + extra + 1 <= buf->cap)
        return 0;
    size_t cap = buf->cap ? buf->cap : 64;
    while (cap < buf->len + extra + 1) {
        if (cap > SIZE_MAX / 2) {
            buf->oom = 1;
            return -1;
        }
        cap *= 2;
    }
    char *p = realloc(buf->data, cap);
    if (!p) {
        buf->oom = 1;
        return -1;
    }
    buf->data = p;
    buf->cap = cap;
    return 0;
}

void ec_buf_append(ec_buf *buf, const char *bytes, size_t len)
{
    if (buf_reserve(buf, len) < 0)
        return;
    if (len)
        memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

void ec_buf_puts(ec_buf *buf, const char *s) { ec_buf_append(buf, s, strlen(s)); }

void ec_buf_putc(ec_buf *buf, char c) { ec_buf_append(buf, &c, 1); }

void ec_buf_vprintf(ec_buf *buf, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0 || buf_reserve(buf, (size_t)n) < 0)
        return;
    vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
    buf->len += (size_t)n;
}

void ec_buf_printf(ec_buf *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ec_buf_vprintf(buf, fmt, ap);
    va_end(ap);
}

void ec_buf_reset(ec_buf *buf)
{
    buf->len = 0;
    if (buf->data)
        buf->data[0] = '\0';
}

char *ec_buf_steal(ec_buf *buf)
{
    if (buf->oom) {
        ec_buf_free(buf);
        return NULL;
    }
    char *s = buf->data ? buf->data : strdup("");
    buf->data = NULL;
    buf->len = buf->cap = 0;
    return s;
}

void ec_buf_free(ec_buf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
    buf->oom = 0;
}

int ec_strv_push_owned(ec_strv *v, char *s)
{
    if (!s)
        return -1;
    if (v->n == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 4;
        char **p = realloc(v->items, cap * sizeof *p);
        if (!p) {
            free(s);
            return -1;
        }
        v->items = p;
        v->cap = cap;
    }
    v->items[v->n++] = s;
    return 0;
}

int ec_strv_push(ec_strv *v, const char *s)
{
    return ec_strv_push_owned(v, strdup(s ? s : ""));
}

int ec_strv_split(ec_strv *v, const char *s, char sep)
{
    for (const char *p = s ? s : ""; *p;) {
        const char *end = strchr(p, sep);
        size_t len = end ? (size_t)(end - p) : strlen(p);
        if (len && ec_strv_push_owned(v, strndup(p, len)))
            return -1;
        p += len;
        if (*p)
            p++;
    }
    return 0;
}

int ec_strv_push_term(void *user, const char *term, size_t len, unsigned freq)
{
    (void)len;
    (void)freq;
    return ec_strv_push((ec_strv *)user, term) ? 1 : 0;
}

void ec_strv_free(ec_strv *v)
{
    for (size_t i = 0; i < v->n; i++)
        free(v->items[i]);
    free(v->items);
    v->items = NULL;
    v->n = v->cap = 0;
}

char *ec_strdup(const char *s) { return s ? strdup(s) : NULL; }

char *ec_strdup_printf(const char *fmt, ...)
{
    ec_buf b = EC_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    ec_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return ec_buf_steal(&b);
}

int ec_read_file(const char *path, size_t max_bytes, char **out, size_t *out_len)
{
    *out = NULL;
    if (out_len)
        *out_len = 0;
    /* O_NONBLOCK: opening a FIFO named x.xml must not wait for a writer. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return errno;
    struct stat st;
    if (fstat(fd, &st) < 0) {
        int e = errno;
        close(fd);
        return e;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        return S_ISDIR(st.st_mode) ? EISDIR : ENODEV;
    }
    if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max_bytes) {
        close(fd);
        return EFBIG;
    }
    ec_buf b = EC_BUF_INIT;
    char chunk[65536];
    for (;;) {
        ssize_t n = read(fd, chunk, sizeof chunk);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int e = errno;
            close(fd);
            ec_buf_free(&b);
            return e;
        }
        if (n == 0)
            break;
        if (b.len + (size_t)n > max_bytes) {
            close(fd);
            ec_buf_free(&b);
            return EFBIG;
        }
        ec_buf_append(&b, chunk, (size_t)n);
    }
    close(fd);
    size_t len = b.len;
    char *data = ec_buf_steal(&b);
    if (!data)
        return ENOMEM;
    *out = data;
    if (out_len)
        *out_len = len;
    return 0;
}

void ec_hash_hex(const void *bytes, size_t len, char hex[17])
{
    const unsigned char *p = bytes;
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < len; i++) {
        h ^= p[i];
        h *= 1099511628211ULL;
    }
    snprintf(hex, 17, "%016llx", (unsigned long long)h);
}

int ec_valid_iso_date(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1)
        return 0;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    int max = days[m - 1] + (m == 2 && leap);
    return d <= max;
}

int ec_mkdir_p(const char *dir, unsigned mode, char **failed)
{
    char *p = ec_strdup(dir);
    int rc = 0;
    if (failed)
        *failed = NULL;
    if (!p)
        return ENOMEM;
    size_t n = strlen(p);
    for (size_t i = 1; i <= n && rc == 0; i++) {
        if (p[i] != '/' && p[i] != '\0')
            continue;
        char c = p[i];
        p[i] = '\0';
        if (mkdir(p, (mode_t)mode) == 0)
            chmod(p, (mode_t)mode);
        else if (errno != EEXIST)
            rc = errno;
        if (rc && failed)
            *failed = ec_strdup(p);
        p[i] = c;
    }
    free(p);
    return rc;
}
