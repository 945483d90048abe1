/* test-load.c: the loader's model of the valid fixtures, its refusal of
 * hostile input, the walk and the cross-file checks. */
#define _POSIX_C_SOURCE 200809L
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ec-lint.h"
#include "ec-load.h"
#include "ec-walk.h"
#include "test.h"

#define DIR EC_TEST_LINT_DIR

static ec_loader *loader;

static ec_document *load(const char *path, ec_status want, ec_diags *diags)
{
    ec_document *doc = NULL;
    ec_status st = ec_load_file(loader, path, &doc, diags);
    CHECK(st == want);
    return doc;
}

/* 1 if any diag message contains NEEDLE. */
static int diags_mention(const ec_diags *d, const char *needle)
{
    for (size_t i = 0; i < d->n; i++)
        if (strstr(d->items[i].message, needle))
            return 1;
    return 0;
}

static void test_playbook(void)
{
    ec_diags diags = EC_DIAGS_INIT;
    ec_document *doc = load(DIR "/valid/double-charge.xml", EC_OK, &diags);
    CHECK(diags.n == 0);
    if (!doc)
        return;
    const ec_playbook *pb = &doc->u.playbook;
    CHECK(doc->kind == EC_DOC_PLAYBOOK);
    CHECK_STR(doc->file, DIR "/valid/double-charge.xml");
    CHECK(ec_document_meta(doc) == &pb->meta);
    CHECK_STR(pb->meta.id, "billing.double-charge");
    CHECK_STR(pb->meta.status, "published");
    CHECK(pb->meta.version == 3);
    CHECK(pb->meta.line == 3);
    CHECK_STR(pb->meta.title, "Customer charged twice after a failed payment retry");
    CHECK_STR(pb->meta.summary, "Card shows two identical charges after the checkout page timed out.");
    CHECK_STR(pb->meta.category, "billing");
    CHECK(pb->meta.products.n == 2);
    CHECK_STR(pb->meta.products.items[1], "gift-cards");
    CHECK(pb->meta.channels.n == 2);
    CHECK_STR(pb->meta.channels.items[1], "chat");
    CHECK_STR(pb->severity, "high");
    CHECK_STR(pb->emotional_impact, "high");
    CHECK_STR(pb->meta.owner, "billing-knowledge@example.com");
    CHECK_STR(pb->meta.review_by, "2027-03-31");
    CHECK(pb->meta.review_by_line == 15);
    CHECK(pb->meta.tags.n == 1);
    CHECK(pb->symptoms.n == 1);
    CHECK(pb->says.n == 2);
    CHECK_STR(pb->says.items[1], "charged me double");
    CHECK(pb->acknowledge.n == 1);
    CHECK(pb->n_paths == 2);
    if (pb->n_paths == 2) {
        CHECK_STR(pb->paths[0].id, "refund-duplicate");
        CHECK_STR(pb->paths[0].authority, "agent");
        CHECK_STR(pb->paths[0].title, "Refund the duplicate charge");
        CHECK(pb->paths[0].when.n == 1);
        CHECK(pb->paths[0].steps.n == 2);
        CHECK_STR(pb->paths[0].steps.items[1], "Refund the later charge; quote 3-5 business days.");
        CHECK(pb->paths[0].line == 21);
        CHECK_STR(pb->paths[1].authority, "supervisor");
        CHECK(pb->paths[1].when.n == 0);
        CHECK_STR(pb->paths[1].steps.items[0], "Ask the payment team to void the <pending> hold.");
        CHECK(pb->paths[1].line == 27);
    }
    CHECK(pb->n_escalations == 1);
    CHECK_STR(pb->escalations[0].to, "billing-tier2");
    CHECK(pb->escalations[0].when.n == 1);
    CHECK(pb->escalations[0].line == 31);
    CHECK(pb->triggers.n == 1);
    CHECK(pb->n_scenarios == 1);
    CHECK_STR(pb->scenarios[0].id, "double-charge-angry");
    CHECK_STR(pb->scenarios[0].difficulty, "hard");
    CHECK_STR(pb->scenarios[0].twist, "Customer mentions a bank dispute halfway through.");
    CHECK_STR(pb->scenarios[0].good_handling, "Acknowledge the repeat contact first; take ownership.");
    CHECK(pb->scenarios[0].line == 35);
    CHECK(pb->meta.n_related == 1);
    CHECK_STR(pb->meta.related[0].ref, "kb.refund-timelines");
    CHECK(pb->meta.related[0].line == 41);
    ec_document_free(doc);
    ec_diags_free(&diags);
}

static void test_article(void)
{
    ec_diags diags = EC_DIAGS_INIT;
    ec_document *doc = load(DIR "/valid/refund-timelines.xml", EC_OK, &diags);
    if (!doc)
        return;
    const ec_article *a = &doc->u.article;
    CHECK(doc->kind == EC_DOC_ARTICLE);
    CHECK_STR(a->meta.id, "kb.refund-timelines");
    CHECK(a->meta.summary == NULL);
    CHECK(a->meta.owner == NULL);
    CHECK(a->meta.products.n == 0);
    CHECK_STR(a->meta.review_by, "2028-02-29");
    /* h2, p, li, li, h3, li; the empty <p/> is dropped. */
    CHECK(a->n_blocks == 6);
    if (a->n_blocks == 6) {
        CHECK(a->blocks[0].kind == EC_BLOCK_HEADING);
        CHECK_STR(a->blocks[0].text, "Cards");
        CHECK(a->blocks[1].kind == EC_BLOCK_PARAGRAPH);
        CHECK_STR(a->blocks[1].text, "Card refunds take 3-5 business days.");
        CHECK(a->blocks[2].kind == EC_BLOCK_ITEM);
        CHECK_STR(a->blocks[2].text, "Debit cards: up to 10 days.");
        CHECK_STR(a->blocks[3].text, "Credit cards: 3-5 days.");
        CHECK(a->blocks[4].kind == EC_BLOCK_HEADING);
        CHECK_STR(a->blocks[4].text, "Wallets");
        CHECK(a->blocks[5].kind == EC_BLOCK_ITEM);
        CHECK_STR(a->blocks[5].text, "See the wallet page.");
    }
    CHECK(a->meta.n_related == 1 && a->meta.related[0].line == 16);
    ec_document_free(doc);
    ec_diags_free(&diags);
}

static void test_synonyms(void)
{
    ec_diags diags = EC_DIAGS_INIT;
    ec_document *doc = load(DIR "/valid/synonyms.xml", EC_OK, &diags);
    if (doc) {
        const ec_synonyms *s = &doc->u.synonyms;
        CHECK(doc->kind == EC_DOC_SYNONYMS);
        CHECK(ec_document_meta(doc) == NULL);
        CHECK(s->n_groups == 2);
        CHECK(s->groups[0].terms.n == 3);
        CHECK_STR(s->groups[0].terms.items[2], "payment");
        CHECK(s->groups[1].line == 4);
        CHECK_STR(s->groups[1].terms.items[1], "close my account");
        ec_document_free(doc);
    }
    /* UTF-16 with a byte-order mark is decoded, not refused. */
    doc = load(DIR "/valid/nested.xml/utf16.xml", EC_OK, &diags);
    if (doc) {
        CHECK_STR(doc->u.synonyms.groups[0].terms.items[0], "caf\xc3\xa9");
        ec_document_free(doc);
    }
    CHECK(diags.n == 0);
    ec_diags_free(&diags);
}

/* Loads BUF from memory expecting failure; returns the diags for inspection. */
static void load_bad(const char *name, const char *buf, size_t len, ec_status want, ec_diags *diags)
{
    ec_document *doc = (ec_document *)1;
    ec_status st = ec_load_memory(loader, name, buf, len, &doc, diags);
    CHECK(st == want);
    CHECK(doc == NULL);
    if (st == EC_OK)
        ec_document_free(doc);
}

static void test_hostile(void)
{
    ec_diags d = EC_DIAGS_INIT;
    /* stderr must stay silent whatever libxml2 meets. */
    fflush(stderr);
    int saved = dup(2);
    char errpath[] = "/tmp/test-load-stderr-XXXXXX";
    int errfd = mkstemp(errpath);
    dup2(errfd, 2);

    static const char laughs[] =
        "<?xml version=\"1.0\"?>\n"
        "<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
        " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
        " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
        " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
        " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
        " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
        " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
        " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
        " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
        "]>\n<synonyms><group><term>&lol9;</term><term>x</term></group></synonyms>\n";
    load_bad("laughs.xml", laughs, sizeof laughs - 1, EC_ERR_PARSE, &d);
    CHECK(d.n == 1 && d.items[0].line == 2);
    CHECK_STR(d.n ? d.items[0].message : NULL,
              "DTDs are not allowed in edgecase files; remove the <!DOCTYPE> declaration");
    ec_diags_free(&d);

    static const char xxe[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE synonyms [<!ENTITY p SYSTEM \"file:///etc/passwd\">]>\n"
        "<synonyms><group><term>&p;</term><term>x</term></group></synonyms>\n";
    load_bad("xxe.xml", xxe, sizeof xxe - 1, EC_ERR_PARSE, &d);
    CHECK(d.n == 1 && !diags_mention(&d, "root:"));
    ec_diags_free(&d);

    /* An entity reference with no DOCTYPE is simply undefined. */
    static const char undefined[] =
        "<synonyms><group><term>&p;</term><term>x</term></group></synonyms>\n";
    load_bad("undefined.xml", undefined, sizeof undefined - 1, EC_ERR_PARSE, &d);
    CHECK_STR(d.n ? d.items[0].message : NULL, "not well-formed XML: Entity 'p' not defined");
    ec_diags_free(&d);

    /* XInclude is never processed: the element is refused, the file never read. */
    static const char xinclude[] =
        "<synonyms xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n"
        "<group><term>a</term><term>b</term></group>\n"
        "<xi:include href=\"/etc/passwd\" parse=\"text\"/>\n</synonyms>\n";
    load_bad("xinclude.xml", xinclude, sizeof xinclude - 1, EC_ERR_INVALID, &d);
    CHECK(d.n == 1 && d.items[0].line == 3);
    CHECK_STR(d.n ? d.items[0].message : NULL,
              "<xi:include> is XInclude, which edgecase never processes (a file may not pull in "
              "another); put the text in this file");
    CHECK(!diags_mention(&d, "root:"));
    ec_diags_free(&d);

    /* 10,000 levels of nesting: refused by libxml2's depth limit, no crash. */
    ec_buf deep = EC_BUF_INIT;
    ec_buf_puts(&deep, "<synonyms><group><term>a</term><term>");
    for (int i = 0; i < 10000; i++)
        ec_buf_puts(&deep, "<x>");
    for (int i = 0; i < 10000; i++)
        ec_buf_puts(&deep, "</x>");
    ec_buf_puts(&deep, "</term></group></synonyms>");
    load_bad("deep.xml", deep.data, deep.len, EC_ERR_PARSE, &d);
    CHECK_STR(d.n == 1 ? d.items[0].message : NULL,
              "elements are nested too deeply (libxml2 stops at 256 levels); an edgecase file needs fewer than 10");
    ec_diags_free(&d);
    ec_buf_free(&deep);

    /* Thousands of attributes on one element: libxml2's duplicate check is
     * quadratic in them (600,000 took half an hour), so they are counted and
     * refused before parsing. Quotes hide '=', comments are skipped. */
    ec_buf attrs = EC_BUF_INIT;
    ec_buf_puts(&attrs, "<synonyms>\n<!-- a=1 b=2 -->\n<group a=\"x=y\"");
    for (int i = 0; i < 100000; i++)
        ec_buf_printf(&attrs, " a%d='1'", i);
    ec_buf_puts(&attrs, "><term>a</term><term>b</term></group></synonyms>");
    load_bad("attrs.xml", attrs.data, attrs.len, EC_ERR_PARSE, &d);
    CHECK_STR(d.n == 1 ? d.items[0].message : NULL,
              "an element has more than 64 attributes; edgecase elements take at most 4");
    CHECK(d.n == 1 && d.items[0].line == 3);
    ec_diags_free(&d);
    ec_buf_free(&attrs);
    static const char few_attrs[] = "<synonyms><!-- x=1 y=2 z=3 --><group><term a=\"1\">a</term>"
                                    "<term>b</term></group></synonyms>";
    load_bad("few.xml", few_attrs, sizeof few_attrs - 1, EC_ERR_INVALID, &d);
    CHECK(d.n >= 1 && strstr(d.items[0].message, "unknown attribute \"a\""));
    ec_diags_free(&d);

    /* 60,000 paths sharing ids: the repeats are found by sorting (it was a
     * scan per path: minutes), reported up to a cap with a count of the rest. */
    ec_buf paths = EC_BUF_INIT;
    ec_buf_puts(&paths, "<playbook id=\"p\" status=\"draft\" version=\"1\"><title>T</title>"
                        "<category>c</category>\n");
    for (int i = 0; i < 60000; i++)
        ec_buf_printf(&paths, "<path id=\"p%d\" authority=\"agent\"><title>t</title><step>s</step></path>\n",
                      i % 30000);
    ec_buf_puts(&paths, "</playbook>");
    load_bad("paths.xml", paths.data, paths.len, EC_ERR_INVALID, &d);
    CHECK(d.n == 101);
    CHECK_STR(d.n ? d.items[0].message : NULL,
              "<path id=\"p0\"> repeats the id of the path at line 2; give each path of a playbook its own id");
    CHECK(d.n && d.items[0].line == 30002);
    CHECK_STR(d.n == 101 ? d.items[100].message : NULL,
              "29900 more problems not shown; fix the ones above first");
    ec_diags_free(&d);
    ec_buf_free(&paths);

    /* UTF-16 is checked like UTF-8 once converted: a broken surrogate pair is
     * refused with its line, and so is an element with too many attributes. */
    static const char bad16[] = "\xff\xfe<\0s\0>\0\n\0\x00\xd8>\0";
    load_bad("bad16.xml", bad16, sizeof bad16 - 1, EC_ERR_PARSE, &d);
    CHECK(d.n == 1 && d.items[0].line == 2 && strstr(d.items[0].message, "invalid UTF-16"));
    ec_diags_free(&d);
    ec_buf a16 = EC_BUF_INIT;
    ec_buf_append(&a16, "\xfe\xff\0<\0s", 6);
    for (int i = 0; i < 100; i++)
        ec_buf_append(&a16, "\0 \0a\0=\0'\0'", 10);
    ec_buf_append(&a16, "\0/\0>", 4);
    load_bad("attrs16.xml", a16.data, a16.len, EC_ERR_PARSE, &d);
    CHECK(d.n == 1 && strstr(d.items[0].message, "more than 64 attributes"));
    ec_diags_free(&d);
    ec_buf_free(&a16);

    /* Deep but legal inline markup in an article loads (recursion is bounded). */
    ec_buf art = EC_BUF_INIT;
    ec_buf_puts(&art, "<article id=\"a\" status=\"draft\" version=\"1\"><title>T</title>"
                      "<category>c</category><body><p>");
    for (int i = 0; i < 200; i++)
        ec_buf_puts(&art, "<em>");
    ec_buf_puts(&art, "deep");
    for (int i = 0; i < 200; i++)
        ec_buf_puts(&art, "</em>");
    ec_buf_puts(&art, "</p></body></article>");
    ec_document *doc = NULL;
    CHECK(ec_load_memory(loader, "inline.xml", art.data, art.len, &doc, &d) == EC_OK);
    CHECK(doc && doc->u.article.n_blocks == 1 && strcmp(doc->u.article.blocks[0].text, "deep") == 0);
    ec_document_free(doc);
    ec_buf_free(&art);

    /* Too large: refused before parsing, with the exact size. */
    size_t big = EC_LOAD_MAX_BYTES + 1;
    char *huge = malloc(big);
    memset(huge, ' ', big);
    load_bad("huge.xml", huge, big, EC_ERR_IO, &d);
    CHECK_STR(d.n ? d.items[0].message : NULL,
              "file is 8388609 bytes; edgecase files may be at most 8 MiB");
    free(huge);
    ec_diags_free(&d);

    /* Overlong UTF-8 and a surrogate are invalid UTF-8. */
    static const char overlong[] = "<synonyms>\xc0\xaf</synonyms>";
    static const char surrogate[] = "<synonyms>\n\xed\xa0\x80</synonyms>";
    load_bad("overlong.xml", overlong, sizeof overlong - 1, EC_ERR_PARSE, &d);
    load_bad("surrogate.xml", surrogate, sizeof surrogate - 1, EC_ERR_PARSE, &d);
    CHECK(d.n == 2 && d.items[1].line == 2);
    ec_diags_free(&d);

    /* Arbitrary bytes: refused, no crash. */
    unsigned seed = 12345;
    char junk[512];
    for (int round = 0; round < 200; round++) {
        size_t n = 1 + (size_t)(rand_r(&seed) % sizeof junk);
        for (size_t i = 0; i < n; i++)
            junk[i] = "<>/=\"' abcdefgh!?-[]&;\n"[rand_r(&seed) % 23];
        doc = NULL;
        ec_status st = ec_load_memory(loader, "junk.xml", junk, n, &doc, &d);
        CHECK(st != EC_OK || doc != NULL);
        ec_document_free(doc);
    }
    ec_diags_free(&d);

    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    struct stat st;
    CHECK(fstat(errfd, &st) == 0 && st.st_size == 0);
    close(errfd);
    unlink(errpath);
}

static void test_walk(void)
{
    ec_strv files = {0};
    ec_diags d = EC_DIAGS_INIT;
    const char *paths[] = {DIR "/valid", DIR "/no-such-dir"};
    CHECK(ec_walk(paths, 2, &files, &d) == EC_ERR_IO);
    CHECK(files.n == 4);
    if (files.n == 4) {
        CHECK_STR(files.items[0], DIR "/valid/double-charge.xml");
        CHECK_STR(files.items[1], DIR "/valid/nested.xml/utf16.xml");
        CHECK_STR(files.items[2], DIR "/valid/refund-timelines.xml");
        CHECK_STR(files.items[3], DIR "/valid/synonyms.xml");
    }
    CHECK(d.n == 1);
    CHECK_STR(d.n ? d.items[0].file : NULL, DIR "/no-such-dir");
    CHECK_STR(d.n ? d.items[0].message : NULL, "cannot read: No such file or directory");
    ec_strv_free(&files);
    ec_diags_free(&d);

    /* A symbolic link back up the tree is not followed a second time. */
    char tmp[] = "/tmp/test-walk-XXXXXX";
    CHECK(mkdtemp(tmp) != NULL);
    char *sub = ec_strdup_printf("%s/sub", tmp), *loop = ec_strdup_printf("%s/sub/loop", tmp);
    char *file = ec_strdup_printf("%s/sub/a.xml", tmp);
    mkdir(sub, 0700);
    CHECK(symlink(tmp, loop) == 0);
    FILE *f = fopen(file, "w");
    if (f)
        fclose(f);
    const char *one[] = {tmp};
    CHECK(ec_walk(one, 1, &files, &d) == EC_OK);
    CHECK(files.n == 1 && d.n == 0);
    ec_strv_free(&files);
    /* A dangling link named .xml is a problem; one named otherwise is ignored. */
    char *dangling = ec_strdup_printf("%s/sub/gone.xml", tmp);
    char *other = ec_strdup_printf("%s/sub/gone.txt", tmp);
    CHECK(symlink("/nonexistent/x", dangling) == 0 && symlink("/nonexistent/y", other) == 0);
    CHECK(ec_walk(one, 1, &files, &d) == EC_ERR_IO);
    CHECK(files.n == 1 && d.n == 1);
    CHECK_STR(d.n ? d.items[0].file : NULL, dangling);
    unlink(dangling);
    unlink(other);
    free(dangling);
    free(other);
    unlink(file);
    unlink(loop);
    rmdir(sub);
    rmdir(tmp);
    free(sub);
    free(loop);
    free(file);
    ec_strv_free(&files);
    ec_diags_free(&d);
}

static ec_document *from_memory(const char *name, const char *xml)
{
    ec_document *doc = NULL;
    ec_diags d = EC_DIAGS_INIT;
    CHECK(ec_load_memory(loader, name, xml, strlen(xml), &doc, &d) == EC_OK);
    ec_diags_free(&d);
    return doc;
}

static void test_cross_file(void)
{
    ec_document *docs[3];
    docs[0] = from_memory("a.xml", "<article id=\"x\" status=\"draft\" version=\"1\">\n"
                                   "<title>A</title><category>c</category><review-by>2026-01-01</review-by>"
                                   "<body><p>t</p></body><related ref=\"y\"/></article>");
    docs[1] = from_memory("b.xml", "\n\n<article id=\"x\" status=\"draft\" version=\"1\">"
                                   "<title>B</title><category>c</category><body><p>t</p></body>"
                                   "<related ref=\"x\"/></article>");
    docs[2] = from_memory("s.xml", "<synonyms/>");
    ec_diags d = EC_DIAGS_INIT;
    CHECK(ec_lint_documents((const ec_document *const *)docs, 3, "2026-01-02", &d) ==
          EC_ERR_INVALID);
    CHECK(d.n == 3);
    if (d.n == 3) {
        CHECK_STR(d.items[0].file, "b.xml");
        CHECK(d.items[0].line == 3);
        CHECK_STR(d.items[0].message,
                  "id \"x\" is already used by a.xml:1; give each playbook and article its own id");
        CHECK_STR(d.items[1].message,
                  "<related ref=\"y\"> names no playbook or article in the checked files; fix the id or remove the reference");
        CHECK(d.items[2].severity == EC_SEV_WARNING);
        CHECK_STR(d.items[2].message,
                  "<review-by> 2026-01-01 has passed; review this article and set a new date");
    }
    ec_diags_free(&d);
    /* On its review date a document is not late yet. */
    ec_lint_document(docs[0], "2026-01-01", &d);
    CHECK(d.n == 0);
    for (int i = 0; i < 3; i++)
        ec_document_free(docs[i]);
}

static void test_speed(void)
{
    char *buf = NULL;
    size_t len = 0;
    CHECK(ec_read_file(DIR "/valid/double-charge.xml", 1 << 20, &buf, &len) == 0);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int ok = 1, n = 2000;
    for (int i = 0; i < n; i++) {
        ec_document *doc = NULL;
        ec_diags d = EC_DIAGS_INIT;
        ok &= ec_load_memory(loader, "speed.xml", buf, len, &doc, &d) == EC_OK;
        ec_document_free(doc);
        ec_diags_free(&d);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    CHECK(ok);
    printf("# %d loads of a %zu-byte playbook in %.3f s: %.0f files/s\n", n, len, s, n / s);
    free(buf);
}

int main(void)
{
    char *err = NULL;
    CHECK(ec_loader_new(&loader, &err) == EC_OK);
    CHECK(err == NULL);
    if (!loader)
        return test_done();
    test_playbook();
    test_article();
    test_synonyms();
    test_hostile();
    test_walk();
    test_cross_file();
    test_speed();
    ec_loader_free(loader);
    return test_done();
}
