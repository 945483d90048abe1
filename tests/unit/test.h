/* test.h: a tiny TAP-style harness for the engine's C unit tests.
 * Each CHECK prints "ok N - expr" or "not ok N - expr (file:line)"; a test
 * program returns test_done(), which is 0 only when every check passed. */
#ifndef EC_TEST_H
#define EC_TEST_H

#include <stdio.h>
#include <string.h>

static int test_count, test_failed;

#define CHECK(expr)                                                                    \
    do {                                                                               \
        test_count++;                                                                  \
        if (expr) {                                                                    \
            printf("ok %d - %s\n", test_count, #expr);                                 \
        } else {                                                                       \
            test_failed++;                                                             \
            printf("not ok %d - %s (%s:%d)\n", test_count, #expr, __FILE__, __LINE__); \
        }                                                                              \
    } while (0)

#define CHECK_STR(a, b)                                                                \
    do {                                                                               \
        const char *a_ = (a), *b_ = (b);                                               \
        test_count++;                                                                  \
        if (a_ && b_ && strcmp(a_, b_) == 0) {                                         \
            printf("ok %d - %s == \"%s\"\n", test_count, #a, b_);                      \
        } else {                                                                       \
            test_failed++;                                                             \
            printf("not ok %d - %s: got \"%s\", want \"%s\" (%s:%d)\n", test_count, #a, \
                   a_ ? a_ : "(null)", b_ ? b_ : "(null)", __FILE__, __LINE__);        \
        }                                                                              \
    } while (0)

static inline int test_done(void)
{
    printf("1..%d\n", test_count);
    if (test_failed)
        fprintf(stderr, "%d of %d checks failed\n", test_failed, test_count);
    return test_failed ? 1 : 0;
}

#endif
