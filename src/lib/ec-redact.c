/* ec-redact.c: personal data scrubbed from free text (see ec-redact.h).
 *
 * One pass per kind, in an order where an earlier kind cannot hide a later
 * one: e-mail (its local part may hold digits), IBAN (holds digit groups a
 * card or phone pass would half-match), card, then phone. A pass walks the
 * text and, at each position, asks its matcher for a span: redact it, copy it
 * untouched (a date, an identifier glued to letters), or nothing (copy one
 * byte). Placeholders hold neither digits nor '@', so no pass sees another's. */
#include "ec-redact.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ec-util.h"

#define MAX_GROUPS 16

typedef enum span_kind { SPAN_NONE, SPAN_KEEP, SPAN_REDACT } span_kind;

typedef struct span {
    span_kind kind;
    size_t len;
} span;

typedef span (*matcher)(const char *s, size_t i);

static int is_digit(char c) { return c >= '0' && c <= '9'; }
static int is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_alnum(char c) { return is_digit(c) || is_alpha(c); }
/* Bytes of UTF-8 sequences count as letters: "Zoë4111..." is one word. */
static int word_byte(char c) { return is_alnum(c) || ((unsigned char)c & 0x80); }

static span none(void) { return (span){SPAN_NONE, 0}; }

/* 1 when a number may start at S[I]: not inside a word ("ORD4111"), not after
 * '#', and not after a joiner glued to a word ("ORD-0161..." "v2.0161..."),
 * which makes it part of an identifier. */
static int number_starts(const char *s, size_t i)
{
    if (i == 0)
        return 1;
    char p = s[i - 1];
    if (word_byte(p) || p == '#')
        return 0;
    if ((p == '-' || p == '_' || p == '/' || p == '.') && i >= 2 && word_byte(s[i - 2]))
        return 0;
    return 1;
}

/* Reads up to MAX digits at S into *VALUE; returns how many were read. */
static size_t read_int(const char *s, size_t max, int *value)
{
    size_t n = 0;
    *value = 0;
    while (n < max && is_digit(s[n]))
        *value = *value * 10 + (s[n++] - '0');
    return n;
}

/* The length of a date at S, with its time if one follows, else 0:
 * YYYY-MM-DD[( |T)HH:MM[:SS[.fff]][Z|+HH:MM]] with - / or ., and
 * DD/MM/YYYY or DD/MM/YY with the same separators. */
static size_t date_len(const char *s)
{
    int a, b, c;
    size_t n = read_int(s, 4, &a), k;
    char sep = s[n];
    if ((n != 4 && n != 2 && n != 1) || (sep != '-' && sep != '/' && sep != '.'))
        return 0;
    size_t m = read_int(s + n + 1, 2, &b);
    if (m == 0 || s[n + 1 + m] != sep)
        return 0;
    size_t at = n + 1 + m + 1;
    size_t y = read_int(s + at, 4, &c);
    if (n == 4) { /* year first */
        if (y == 0 || y > 2 || b < 1 || b > 12 || c < 1 || c > 31)
            return 0;
    } else if ((y != 4 && y != 2) || a < 1 || a > 31 || b < 1 || b > 12) {
        return 0;
    }
    at += y;
    if (is_digit(s[at]))
        return 0;
    /* A time: HH:MM[:SS[.fff]] then an optional zone. */
    if ((s[at] == ' ' || s[at] == 'T') && (k = read_int(s + at + 1, 2, &a)) > 0 &&
        s[at + 1 + k] == ':') {
        size_t t = at + 1 + k;
        while (s[t] == ':' && (k = read_int(s + t + 1, 2, &a)) == 2)
            t += 1 + k;
        if (s[t] == '.' && is_digit(s[t + 1]))
            t += 1 + read_int(s + t + 1, 9, &a);
        /* More digits glued on ("1:74403682203685477"): not a time, and not
         * to be kept whole, or a card number hidden behind it would be. */
        if (is_digit(s[t]))
            return at;
        if (s[t] == 'Z') {
            t++;
        } else if ((s[t] == '+' || s[t] == '-') && read_int(s + t + 1, 2, &a) == 2) {
            size_t z = s[t + 3] == ':' && read_int(s + t + 4, 2, &a) == 2 ? 6 : 3;
            /* "-1111..." after a time is a number, not a zone. */
            if (!is_digit(s[t + z]))
                t += z;
        }
        at = t;
    }
    return at;
}

/* ------------------------------------------------------------- e-mail */

/* c != 0: strchr finds the terminator, and the scan would run off the end. */
static int local_char(char c) { return is_alnum(c) || (c && strchr("._%+-", c) != NULL); }

static span match_email(const char *s, size_t i)
{
    if (!local_char(s[i]) || (i > 0 && (local_char(s[i - 1]) || ((unsigned char)s[i - 1] & 0x80))))
        return none();
    size_t at = i;
    while (local_char(s[at]))
        at++;
    if (s[at] != '@' || at == i)
        return none();
    /* The domain: labels of letters, digits and '-', at least two, the last
     * (the TLD) of two or more letters. A full stop ending a sentence is not
     * part of it. */
    size_t p = at + 1, end = 0, labels = 0;
    for (;;) {
        size_t l = p;
        int letters_only = 1;
        while (is_alnum(s[l]) || s[l] == '-') {
            letters_only &= is_alpha(s[l]);
            l++;
        }
        if (l == p)
            break;
        labels++;
        if (labels >= 2 && letters_only && l - p >= 2)
            end = l;
        if (s[l] != '.' || !is_alnum(s[l + 1]))
            break;
        p = l + 1;
    }
    if (!end || word_byte(s[end]))
        return none();
    return (span){SPAN_REDACT, end - i};
}

/* ---------------------------------------------------------------- IBAN */

/* 1 when the N letters and digits at S (spaces skipped) are an IBAN whose
 * ISO 13616 check (country and check digits moved to the end, letters as
 * 10-35, the whole mod 97) gives 1. */
static int iban_valid(const char *s, size_t n)
{
    char c[40];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof c; i++)
        if (s[i] != ' ')
            c[k++] = (char)toupper((unsigned char)s[i]);
    if (k < 15 || k > 34)
        return 0;
    unsigned rem = 0;
    for (size_t j = 0; j < k; j++) {
        char ch = c[(j + 4) % k];
        if (is_digit(ch))
            rem = (rem * 10 + (unsigned)(ch - '0')) % 97;
        else
            rem = (rem * 100 + (unsigned)(ch - 'A' + 10)) % 97;
    }
    return rem == 1;
}

static span match_iban(const char *s, size_t i)
{
    if ((i > 0 && word_byte(s[i - 1])) || !is_alpha(s[i]) || !is_alpha(s[i + 1]) ||
        !is_digit(s[i + 2]) || !is_digit(s[i + 3]))
        return none();
    /* Candidate ends: before each single space between groups, and at the
     * end of the run; the longest that checks out wins. */
    size_t ends[MAX_GROUPS], n_ends = 0, p = i, chars = 0;
    while (chars <= 34 && n_ends < MAX_GROUPS) {
        while (is_alnum(s[p]) && chars <= 34) {
            p++;
            chars++;
        }
        if (!word_byte(s[p]) || s[p] == ' ')
            ends[n_ends++] = p;
        if (s[p] != ' ' || !is_alnum(s[p + 1]))
            break;
        p++;
    }
    while (n_ends > 0) {
        size_t e = ends[--n_ends];
        if (iban_valid(s + i, e - i))
            return (span){SPAN_REDACT, e - i};
    }
    return none();
}

/* ---------------------------------------------------------------- card */

static int luhn_valid(const char *digits, size_t n)
{
    unsigned sum = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned d = (unsigned)(digits[n - 1 - k] - '0');
        if (k % 2 == 1) {
            d *= 2;
            if (d > 9)
                d -= 9;
        }
        sum += d;
    }
    return sum % 10 == 0;
}

/* Digit groups at S[I], separated by one SEPS character each; fills END
 * (where each group ends) and DIGITS (the digits so far, at most 64).
 * Returns the number of groups. */
static size_t digit_groups(const char *s, size_t i, const char *seps, size_t end[MAX_GROUPS],
                           size_t count[MAX_GROUPS], char digits[65])
{
    size_t g = 0, p = i, nd = 0;
    while (g < MAX_GROUPS && is_digit(s[p])) {
        while (is_digit(s[p])) {
            if (nd < 64)
                digits[nd] = s[p];
            nd++;
            p++;
        }
        end[g] = p;
        count[g++] = nd;
        if (!s[p] || !strchr(seps, s[p]) || !is_digit(s[p + 1]))
            break;
        p++;
    }
    digits[nd < 64 ? nd : 64] = '\0';
    return g;
}

static span match_card(const char *s, size_t i)
{
    if (!is_digit(s[i]) || (i > 0 && word_byte(s[i - 1])))
        return none();
    size_t d = date_len(s + i);
    if (d)
        return (span){SPAN_KEEP, d};
    size_t end[MAX_GROUPS], count[MAX_GROUPS];
    char digits[65];
    size_t g = digit_groups(s, i, " -", end, count, digits);
    /* The longest run of groups from here that is a card number. */
    for (size_t last = g; last-- > 0;) {
        if (count[last] < 13 || count[last] > 19 || word_byte(s[end[last]]))
            continue;
        if (luhn_valid(digits, count[last]))
            return (span){SPAN_REDACT, end[last] - i};
    }
    /* Not from here: the next group gets its own chance. */
    return (span){SPAN_KEEP, end[0] - i};
}

/* --------------------------------------------------------------- phone */

/* Reads a phone-shaped run at S[I]: '+' or not, digit groups separated by
 * one space, '-' or '.', each optionally in parentheses ("(415)", "(0)").
 * Returns its length (0 if none) and its shape. */
static size_t phone_run(const char *s, size_t i, int *plus, size_t *n_digits, size_t len[MAX_GROUPS],
                        size_t *n_groups)
{
    size_t p = i, end = 0;
    *plus = s[p] == '+';
    if (*plus)
        p++;
    *n_digits = 0;
    *n_groups = 0;
    while (*n_groups < MAX_GROUPS) {
        int paren = s[p] == '(';
        size_t q = p + (paren ? 1 : 0), start = q;
        while (is_digit(s[q]))
            q++;
        if (q == start || (paren && s[q] != ')'))
            break;
        len[(*n_groups)++] = q - start;
        *n_digits += q - start;
        p = end = q + (paren ? 1 : 0);
        if ((s[p] == ' ' || s[p] == '-' || s[p] == '.') && (is_digit(s[p + 1]) || s[p + 1] == '('))
            p++;
        else if (s[p] != '(' && !(paren && is_digit(s[p]))) /* "(0)20" */
            break;
    }
    return end > i ? end - i : 0;
}

static int is_phone(int plus, const char *first, size_t nd, const size_t *len, size_t g)
{
    if (plus)
        return nd >= 8 && nd <= 15;
    if (first[0] == '0' && first[1] == '0') /* 00 44 ...: an international prefix */
        return g >= 2 && nd >= 10 && nd <= 17;
    if (first[0] == '0')
        return nd >= 10 && nd <= 11;
    if (nd == 10 && g == 3)
        return len[0] == 3 && len[1] == 3 && len[2] == 4;
    if (nd == 11 && g == 4)
        return len[0] == 1 && first[0] == '1' && len[1] == 3 && len[2] == 3 && len[3] == 4;
    return 0;
}

static span match_phone(const char *s, size_t i)
{
    char c = s[i];
    if (!(is_digit(c) || ((c == '+' || c == '(') && is_digit(s[i + 1]))) || !number_starts(s, i))
        return none();
    size_t d = is_digit(c) ? date_len(s + i) : 0;
    if (d)
        return (span){SPAN_KEEP, d};
    int plus;
    size_t nd, g, len[MAX_GROUPS];
    size_t n = phone_run(s, i, &plus, &nd, len, &g);
    if (n == 0)
        return none();
    const char *first = s + i + (plus ? 1 : 0);
    while (*first == '(')
        first++;
    if (!word_byte(s[i + n]) && is_phone(plus, first, nd, len, g))
        return (span){SPAN_REDACT, n};
    return (span){SPAN_KEEP, n};
}

/* ---------------------------------------------------------------- passes */

/* TEXT with every span MATCH redacts replaced by PLACEHOLDER; NULL on OOM. */
static char *pass(const char *text, matcher match, const char *placeholder)
{
    ec_buf out = EC_BUF_INIT;
    size_t i = 0;
    while (text[i]) {
        span sp = match(text, i);
        if (sp.kind == SPAN_REDACT)
            ec_buf_puts(&out, placeholder);
        else if (sp.kind == SPAN_KEEP)
            ec_buf_append(&out, text + i, sp.len);
        else
            ec_buf_putc(&out, text[i]);
        i += sp.kind == SPAN_NONE ? 1 : sp.len;
    }
    if (out.oom) {
        ec_buf_free(&out);
        return NULL;
    }
    return ec_buf_steal(&out);
}

char *ec_redact(const char *text)
{
    static const struct {
        matcher match;
        const char *placeholder;
    } passes[] = {{match_email, "[email]"},
                  {match_iban, "[iban]"},
                  {match_card, "[card]"},
                  {match_phone, "[phone]"}};
    if (!text)
        return NULL;
    char *cur = ec_strdup(text);
    for (size_t k = 0; cur && k < sizeof passes / sizeof passes[0]; k++) {
        char *next = pass(cur, passes[k].match, passes[k].placeholder);
        free(cur);
        cur = next;
    }
    return cur;
}
