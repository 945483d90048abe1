/* test-patterns: the grouping engine on small inputs whose answer is known. */
#include <stdlib.h>
#include <string.h>

#include "ec-patterns.h"
#include "test.h"

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

/* 1 when S is well-formed UTF-8. */
static int valid_utf8(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        int n = *p < 0x80 ? 0 : (*p & 0xE0) == 0xC0 ? 1 : (*p & 0xF0) == 0xE0 ? 2 : (*p & 0xF8) == 0xF0 ? 3 : -1;
        if (n < 0)
            return 0;
        for (int i = 1; i <= n; i++)
            if ((p[i] & 0xC0) != 0x80)
                return 0;
        p += n + 1;
    }
    return 1;
}

/* 1 when every index below N is in exactly one group or in ungrouped. */
static int partition(const ec_patterns *p, size_t n)
{
    int *seen = calloc(n ? n : 1, sizeof *seen), ok = 1;
    for (size_t g = 0; g < p->n_groups; g++)
        for (size_t m = 0; m < p->groups[g].n_members; m++)
            if (p->groups[g].members[m] >= n || seen[p->groups[g].members[m]]++)
                ok = 0;
    for (size_t u = 0; u < p->n_ungrouped; u++)
        if (p->ungrouped[u] >= n || seen[p->ungrouped[u]]++)
            ok = 0;
    for (size_t i = 0; i < n; i++)
        ok &= seen[i] == 1;
    free(seen);
    return ok;
}

static ec_patterns *group(const char *const *texts, size_t n, const ec_patterns_options *o)
{
    ec_pattern_search *s = calloc(n ? n : 1, sizeof *s);
    for (size_t i = 0; i < n; i++) {
        s[i].text = texts[i];
        s[i].at = (time_t)(1000 + i);
    }
    ec_patterns *p = NULL;
    char *err = NULL;
    ec_status rc = ec_patterns_group(s, n, o, &p, &err);
    if (rc != EC_OK)
        printf("# ec_patterns_group: %s\n", err ? err : "?");
    free(err);
    free(s);
    return p;
}

/* The group holding text I, or NULL. */
static const ec_pattern_group *group_of(const ec_patterns *p, size_t i)
{
    for (size_t g = 0; g < p->n_groups; g++)
        for (size_t m = 0; m < p->groups[g].n_members; m++)
            if (p->groups[g].members[m] == i)
                return &p->groups[g];
    return NULL;
}

static void test_planted(void)
{
    /* Three exceptions, six ways of saying each, interleaved as a log would be. */
    static const char *const texts[] = {
        "my card has not arrived yet",          "I want a refund for this purchase",
        "the exchange rate was wrong",          "still waiting for my new card to arrive",
        "how do I get a refund",                "wrong exchange rate applied to my payment",
        "when will my card arrive",             "refund for an item I returned",
        "why is the exchange rate so bad",      "the card I ordered never arrived",
        "the shop promised me a refund",        "exchange rate on my transfer looks wrong",
        "card has not arrived after two weeks", "where is my refund",
        "you used the wrong exchange rate",     "has my card been sent? it has not arrived",
        "refund still missing from the shop",   "exchange rate for euros is wrong",
    };
    ec_patterns *p = group(texts, N_OF(texts), NULL);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK(partition(p, N_OF(texts)));
    CHECK(p->n_groups == 3);
    CHECK(p->n_ungrouped == 0);
    for (size_t t = 0; t < 3; t++) {
        /* Texts t, t+3, t+6... are one exception: one group, and only them. */
        const ec_pattern_group *g = group_of(p, t);
        int together = g && g->n_members == 6;
        for (size_t i = t; i < N_OF(texts); i += 3)
            together &= group_of(p, i) == g;
        CHECK(together);
    }
    const ec_pattern_group *card = group_of(p, 0), *refund = group_of(p, 1), *rate = group_of(p, 2);
    if (card && refund && rate) {
        printf("# labels: \"%s\", \"%s\", \"%s\"\n", card->label, refund->label, rate->label);
        CHECK(strstr(card->label, "arriv") != NULL);
        CHECK(strstr(refund->label, "refund") != NULL);
        CHECK_STR(rate->label, "exchange rate");
        CHECK(rate->phrases.n >= 1 && strcmp(rate->phrases.items[0], rate->label) == 0);
        CHECK(rate->cohesion > 0.3 && rate->cohesion <= 1.0);
        CHECK(rate->first_at == 1002 && rate->last_at == 1017);
    }
    ec_patterns_free(p);
}

static void test_edges(void)
{
    ec_patterns *p = group(NULL, 0, NULL);
    CHECK(p && p->n_groups == 0 && p->n_ungrouped == 0);
    ec_patterns_free(p);

    static const char *const one[] = {"my card was swallowed by the atm"};
    p = group(one, 1, NULL);
    CHECK(p && p->n_groups == 0 && p->n_ungrouped == 1 && p->ungrouped[0] == 0);
    ec_patterns_free(p);

    static const char *const same[] = {"Card declined abroad", "card declined abroad",
                                       "Card declined abroad", "card declined abroad!"};
    p = group(same, N_OF(same), NULL);
    CHECK(p && p->n_groups == 1 && p->groups[0].n_members == 4);
    if (p && p->n_groups == 1) {
        CHECK(strstr(p->groups[0].label, "declined") != NULL);
        CHECK(p->groups[0].cohesion > 0.99);
    }
    ec_patterns_free(p);

    static const char *const stop[] = {"hello", "what is it", "can you", "", "   ", "?!"};
    p = group(stop, N_OF(stop), NULL);
    CHECK(p && p->n_groups == 0 && p->n_ungrouped == N_OF(stop) && partition(p, N_OF(stop)));
    ec_patterns_free(p);

    /* Invalid UTF-8 (a lone continuation byte, a truncated sequence, an
     * overlong form) is read, not refused; what comes out is valid UTF-8. */
    static const char *const bad[] = {"caf\xe9 card \x80 blocked", "card \xc3 blocked",
                                      "card blocked \xc0\xaf", "card blocked"};
    p = group(bad, N_OF(bad), NULL);
    CHECK(p && partition(p, N_OF(bad)));
    int ok = p != NULL;
    for (size_t g = 0; p && g < p->n_groups; g++) {
        ok &= valid_utf8(p->groups[g].label);
        for (size_t i = 0; i < p->groups[g].phrases.n; i++)
            ok &= valid_utf8(p->groups[g].phrases.items[i]);
    }
    CHECK(ok);
    CHECK(p && p->n_groups == 1);
    ec_patterns_free(p);
}

static void test_usage(void)
{
    ec_pattern_search s[2] = {{"card blocked", 0}, {NULL, 0}};
    ec_patterns *p = (ec_patterns *)1;
    char *err = NULL;
    CHECK(ec_patterns_group(s, 2, NULL, &p, &err) == EC_ERR_USAGE);
    CHECK(p == NULL && err && strstr(err, "search 1") != NULL);
    free(err);
    err = NULL;
    ec_patterns_options o = {0};
    o.neighbours = 1000;
    CHECK(ec_patterns_group(s, 1, &o, &p, &err) == EC_ERR_USAGE && err);
    free(err);
    CHECK(ec_patterns_group(NULL, 3, NULL, &p, NULL) == EC_ERR_USAGE);
    ec_patterns_free(NULL);
}

static void test_deterministic(void)
{
    static const char *const texts[] = {
        "card blocked",      "my card is blocked", "blocked card again", "pin blocked",
        "pin locked",        "forgot my pin",      "top up failed",      "top up did not work",
        "my top up failed",  "refund please",      "refund missing",     "card blocked abroad",
    };
    ec_patterns_options o = {0};
    o.min_group = 2;
    ec_patterns *a = group(texts, N_OF(texts), &o), *b = group(texts, N_OF(texts), &o);
    int same = a && b && a->n_groups == b->n_groups;
    for (size_t g = 0; same && g < a->n_groups; g++) {
        same &= strcmp(a->groups[g].label, b->groups[g].label) == 0 &&
                a->groups[g].n_members == b->groups[g].n_members;
        for (size_t m = 0; same && m < a->groups[g].n_members; m++)
            same &= a->groups[g].members[m] == b->groups[g].members[m];
    }
    CHECK(same);
    CHECK(a && partition(a, N_OF(texts)));
    /* Largest first. */
    int sorted = a != NULL;
    for (size_t g = 1; a && g < a->n_groups; g++)
        sorted &= a->groups[g - 1].n_members >= a->groups[g].n_members;
    CHECK(sorted);
    ec_patterns_free(a);
    ec_patterns_free(b);
}

int main(void)
{
    test_planted();
    test_edges();
    test_usage();
    test_deterministic();
    return test_done();
}
