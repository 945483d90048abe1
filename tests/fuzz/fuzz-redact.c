/* fuzz-redact.c: arbitrary bytes as a query or note, through ec_redact (what
 * the store applies before anything reaches the disk). Whatever the bytes:
 * an answer, and no Luhn-valid run of 13-19 plain digits standing alone
 * (not glued to letters: "ORD4111..." is an order number) left in it
 * (PCI DSS: no card number at rest).
 *
 * fuzz-seeds: lines tests/relevance/queries.tsv
 */
#include <stdlib.h>
#include <string.h>

#include "ec-redact.h"
#include "fuzz.h"

/* As the redactor reads words: letters, digits and any non-ASCII byte. */
static int word_byte(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           ((unsigned char)c & 0x80);
}

static int luhn(const char *d, size_t n)
{
    int sum = 0;
    for (size_t i = 0; i < n; i++) {
        int v = d[n - 1 - i] - '0';
        if (i % 2) {
            v *= 2;
            if (v > 9)
                v -= 9;
        }
        sum += v;
    }
    return sum % 10 == 0;
}

FUZZ_TARGET(redact)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    char *out = ec_redact(text);
    if (!out)
        abort();
    for (const char *p = out; *p;) {
        if (*p < '0' || *p > '9') {
            p++;
            continue;
        }
        size_t n = strspn(p, "0123456789");
        if (n >= 13 && n <= 19 && luhn(p, n) && (p == out || !word_byte(p[-1])) &&
            !word_byte(p[n]))
            abort();
        p += n;
    }
    free(out);
    free(text);
    return 0;
}
