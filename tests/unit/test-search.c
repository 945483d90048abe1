/* test-search.c: the indexer and the searcher, on a small tree written here. */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ec-index.h"
#include "ec-layout.h"
#include "ec-pack.h"
#include "ec-search.h"
#include "test.h"
#include "xapian-c.h"

static char root[512], tree[600], db[600];

static const char *playbook_fmt =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<playbook id=\"%s\" status=\"%s\" version=\"1\">\n"
    "  <title>%s</title>\n"
    "  <category>%s</category>\n"
    "  <channel>voice</channel>\n"
    "  <severity>high</severity>\n"
    "  <tag>%s</tag>\n"
    "  <symptom>%s</symptom>\n"
    "  <says>%s</says>\n"
    "  <acknowledge>I understand, let's fix it.</acknowledge>\n"
    "  <path id=\"first\" authority=\"agent\">\n"
    "    <title>%s</title>\n"
    "    <step>%s</step>\n"
    "  </path>\n"
    "  <path id=\"second\" authority=\"supervisor\">\n"
    "    <title>%s</title>\n"
    "    <step>%s</step>\n"
    "  </path>\n"
    "  <escalate to=\"%s\"><when>The customer is still unhappy</when></escalate>\n"
    "  <trigger>%s</trigger>\n"
    "</playbook>\n";

static void write_file(const char *name, const char *content)
{
    char path[800];
    snprintf(path, sizeof path, "%s/%s", tree, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        exit(1);
    }
    fputs(content, f);
    fclose(f);
}

static void write_playbook(const char *name, const char *id, const char *status, const char *title,
                           const char *category, const char *tag, const char *symptom,
                           const char *says, const char *p1, const char *s1, const char *p2,
                           const char *s2, const char *team, const char *trigger)
{
    char buf[4096];
    snprintf(buf, sizeof buf, playbook_fmt, id, status, title, category, tag, symptom, says, p1, s1,
             p2, s2, team, trigger);
    write_file(name, buf);
}

static void write_tree(void)
{
    write_playbook("double.xml", "billing.double-charge", "published",
                   "Customer charged twice for one order", "billing", "refund",
                   "Two identical charges on the statement", "you took my money twice",
                   "Refund the duplicate charge", "Open the payment history and refund the later charge.",
                   "Void the pending authorisation", "Ask the bank to release the pending hold.",
                   "billing-tier2", "chargeback");
    write_playbook("lawyer.xml", "legal.threatens-lawyer", "published",
                   "Customer threatens legal action", "legal", "legal",
                   "Customer mentions solicitors", "I'm going to see a solicitor about this",
                   "Take ownership and log the complaint", "Log a formal complaint and give the reference.",
                   "Pass to the legal team", "Transfer the case to the legal team with notes.",
                   "legal-team", "lawyer");
    write_playbook("draft.xml", "outage.draft-satellite", "draft",
                   "Satellite dish knocked over by a storm", "outage", "weather",
                   "Dish fell over", "the storm knocked my satellite dish over",
                   "Book an engineer", "Book a dish engineer.", "Send a self-fit guide",
                   "Email the dish self-fit guide.", "field-ops", "insurance");
    write_file("refunds.xml",
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
               "<article id=\"kb.refund-timelines\" status=\"published\" version=\"1\">\n"
               "  <title>Refund timelines by payment method</title>\n"
               "  <category>billing</category>\n"
               "  <channel>email</channel>\n"
               "  <body><h2>Cards</h2><p>Card refunds take 3-5 business days.</p></body>\n"
               "</article>\n");
    write_file("synonyms.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<synonyms>\n"
                               "  <group><term>solicitor</term><term>barrister</term></group>\n"
                               "  <group><term>refund</term><term>money back</term></group>\n"
                               "</synonyms>\n");
}

/* Points tree and db at ROOT/NAME and ROOT/NAME-db (the tree made), keeping
 * the old ones in SAVED_TREE and SAVED_DB (600 bytes each). */
static void enter_tree(const char *name, char *saved_tree, char *saved_db)
{
    snprintf(saved_tree, 600, "%s", tree);
    snprintf(saved_db, 600, "%s", db);
    snprintf(tree, sizeof tree, "%s/%s", root, name);
    snprintf(db, sizeof db, "%s/%s-db", root, name);
    mkdir(tree, 0700);
}

static void leave_tree(const char *saved_tree, const char *saved_db)
{
    snprintf(tree, sizeof tree, "%s", saved_tree);
    snprintf(db, sizeof db, "%s", saved_db);
}

static ec_status index_tree(ec_index_stats *stats, ec_diags *diags)
{
    const char *paths[] = {tree};
    char *err = NULL;
    ec_index_options opt = {0};
    opt.today = "2026-11-23";
    ec_status st = ec_index_run(db, paths, 1, &opt, stats, diags, &err);
    if (err)
        printf("# index: %s\n", err);
    free(err);
    return st;
}

static int has_diag(const ec_diags *d, const char *needle)
{
    for (size_t i = 0; i < d->n; i++) {
        char *line = ec_diag_format(&d->items[i]);
        int found = line && strstr(line, needle);
        if (line)
            printf("# diag: %s\n", line);
        free(line);
        if (found)
            return 1;
    }
    return 0;
}

/* Runs QUERY and returns the results (caller frees), or NULL on error. */
static ec_results *search(ec_searcher *s, const char *query, const ec_filter *filters, size_t nf,
                          const char *status)
{
    ec_search_request req = {0};
    req.query = query;
    req.filters = filters;
    req.n_filters = nf;
    req.status = status;
    ec_results *res = NULL;
    char *err = NULL;
    if (ec_search_run(s, &req, &res, &err) != EC_OK) {
        printf("# search \"%s\": %s\n", query, err ? err : "?");
        free(err);
        return NULL;
    }
    return res;
}

static int top_is(ec_results *r, const char *id, const char *path)
{
    if (!r || r->n == 0)
        return 0;
    const ec_result *x = &r->items[0];
    int ok = strcmp(x->id, id) == 0 && (path ? x->path && strcmp(x->path, path) == 0 : !x->path);
    for (size_t i = 0; !ok && i < r->n; i++)
        printf("# \"%s\" gave %s#%s %.2f\n", r->query, r->items[i].id,
               r->items[i].path ? r->items[i].path : "", r->items[i].score);
    return ok;
}

static int contains_id(ec_results *r, const char *id)
{
    for (size_t i = 0; r && i < r->n; i++)
        if (strcmp(r->items[i].id, id) == 0)
            return 1;
    return 0;
}

static void test_stopwords(void)
{
    int sorted = 1;
    for (unsigned long i = 1; i < ec_n_stopwords; i++)
        if (strcmp(ec_stopwords[i - 1], ec_stopwords[i]) >= 0)
            sorted = 0;
    CHECK(sorted);
    CHECK(ec_is_stopword("the", 3));
    CHECK(ec_is_stopword("i'm", 3));
    CHECK(ec_is_stopword("thesis", 3)); /* the first 3 bytes: "the" */
    CHECK(!ec_is_stopword("thesis", 6));
    CHECK(!ec_is_stopword("twice", 5));
    CHECK(!ec_is_stopword("will", 4));
    CHECK(ec_is_stopword("being", 5)); /* stems to "be" */
    CHECK(ec_is_stopword("having", 6));
}

static void test_triggers(void)
{
    ec_strv t = {0};
    ec_strv_push(&t, "lawyer");
    ec_strv_push(&t, "small claims court");
    CHECK_STR(ec_find_trigger("I'll get my LAWYER on you", &t), "lawyer");
    CHECK(ec_find_trigger("my lawyers are busy", &t) == NULL);
    CHECK(ec_find_trigger("the flawyer", &t) == NULL);
    CHECK_STR(ec_find_trigger("see you in small claims court.", &t), "small claims court");
    CHECK(ec_find_trigger("small claims", &t) == NULL);
    CHECK(ec_find_trigger(NULL, &t) == NULL);
    CHECK(ec_find_trigger("lawyer", NULL) == NULL);
    ec_strv_free(&t);
}

static void test_stopwords_not_indexed(void);

static void test_index_and_search(void)
{
    ec_index_stats st;
    ec_diags diags = EC_DIAGS_INIT;

    /* Nothing indexed yet. */
    ec_searcher *s = NULL;
    char *err = NULL;
    CHECK(ec_searcher_open(db, &s, &err) == EC_ERR_NOT_FOUND);
    CHECK(s == NULL);
    free(err);

    write_tree();
    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(st.files == 5 && st.added == 5 && st.unchanged == 0 && st.failed == 0);
    CHECK(st.documents == 7); /* 3 playbooks x 2 paths + 1 article */
    CHECK(ec_diags_count(&diags, EC_SEV_ERROR) == 0);
    ec_diags_free(&diags);

    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(st.unchanged == 5 && st.added == 0 && st.updated == 0 && st.removed == 0);
    test_stopwords_not_indexed();

    CHECK(ec_searcher_open(db, &s, &err) == EC_OK);
    if (!s)
        return;

    ec_results *r = search(s, "you took my money twice", NULL, 0, NULL);
    CHECK(r && r->n == 2 && strcmp(r->items[0].id, "billing.double-charge") == 0);
    CHECK(r && r->n > 0 && r->items[0].score > 0 && r->items[0].score <= 1);
    CHECK(r && r->n > 0 && r->items[0].rank == 1 && strcmp(r->items[0].kind, "playbook") == 0);
    CHECK(r && r->corrected == NULL);
    ec_results_free(r);

    /* Path words pick the path. */
    r = search(s, "release the pending hold", NULL, 0, NULL);
    CHECK(r && top_is(r, "billing.double-charge", "second"));
    ec_results_free(r);

    /* Synonyms: "barrister" finds the solicitor playbook, and is not taken
     * for a typo although no document uses it (it was "corrected" once). */
    r = search(s, "barrister", NULL, 0, NULL);
    CHECK(r && r->n > 0 && strcmp(r->items[0].id, "legal.threatens-lawyer") == 0);
    CHECK(r && r->corrected == NULL);
    ec_results_free(r);

    /* A trigger escalates and names the team. */
    r = search(s, "I want to speak to my lawyer about the legal team", NULL, 0, NULL);
    CHECK(r && r->n > 0 && strcmp(r->items[0].id, "legal.threatens-lawyer") == 0);
    CHECK(r && r->n > 0 && r->items[0].escalate == 1);
    CHECK(r && r->n > 0 && r->items[0].trigger && strcmp(r->items[0].trigger, "lawyer") == 0);
    CHECK(r && r->n > 0 && r->items[0].escalate_to && strcmp(r->items[0].escalate_to, "legal-team") == 0);
    ec_results_free(r);

    /* A misspelt word is corrected and the correction reported. */
    r = search(s, "duplicat charge", NULL, 0, NULL);
    CHECK(r && r->corrected && strcmp(r->corrected, "duplicate charge") == 0);
    CHECK(r && top_is(r, "billing.double-charge", "first"));
    ec_results_free(r);
    /* Accented words are names, not typos ("café naïve" became "call name"). */
    r = search(s, "caf\xc3\xa9 na\xc3\xafve charge", NULL, 0, NULL);
    CHECK(r && r->corrected == NULL);
    ec_results_free(r);

    /* Drafts are hidden unless asked for. */
    r = search(s, "satellite dish storm", NULL, 0, NULL);
    CHECK(r && !contains_id(r, "outage.draft-satellite"));
    ec_results_free(r);
    r = search(s, "satellite dish storm", NULL, 0, "any");
    CHECK(r && top_is(r, "outage.draft-satellite", "first"));
    ec_results_free(r);

    /* Filters: one field narrows; an article has no path. */
    ec_filter f_article[] = {{"kind", "article"}};
    r = search(s, "refund", f_article, 1, NULL);
    CHECK(r && r->n == 1 && top_is(r, "kb.refund-timelines", NULL));
    ec_results_free(r);
    ec_filter f_legal[] = {{"category", "legal"}, {"category", "outage"}};
    r = search(s, "refund complaint", f_legal, 2, NULL);
    CHECK(r && r->n > 0 && !contains_id(r, "billing.double-charge") && !contains_id(r, "kb.refund-timelines"));
    ec_results_free(r);
    ec_filter f_bad[] = {{"colour", "red"}};
    ec_search_request req = {0};
    req.query = "refund";
    req.filters = f_bad;
    req.n_filters = 1;
    CHECK(ec_search_run(s, &req, &r, &err) == EC_ERR_USAGE);
    CHECK(err && strstr(err, "colour"));
    free(err);
    err = NULL;
    CHECK(ec_search_filter_field_valid("channel"));
    CHECK(!ec_search_filter_field_valid("colour"));
    CHECK(!ec_search_filter_field_valid(NULL));

    /* Field syntax goes through the query parser. */
    r = search(s, "title:authorisation", NULL, 0, NULL);
    CHECK(r && top_is(r, "billing.double-charge", "second"));
    ec_results_free(r);
    r = search(s, "category:legal complaint", NULL, 0, NULL);
    CHECK(r && r->n > 0 && strcmp(r->items[0].id, "legal.threatens-lawyer") == 0);
    ec_results_free(r);

    /* Nothing meaningful asked: no results, no error. Stray quotes are words. */
    r = search(s, "the and of", NULL, 0, NULL);
    CHECK(r && r->n == 0 && r->total == 0);
    ec_results_free(r);
    r = search(s, "", NULL, 0, NULL);
    CHECK(r && r->n == 0);
    ec_results_free(r);
    r = search(s, "\"refund", NULL, 0, NULL);
    CHECK(r != NULL);
    ec_results_free(r);

    /* JSON as FORMAT.md section 4. */
    r = search(s, "money twice", NULL, 0, NULL);
    json_object *j = r ? ec_results_to_json(r) : NULL;
    json_object *v = NULL;
    CHECK(j && json_object_object_get_ex(j, "results", &v) && json_object_is_type(v, json_type_array));
    CHECK(j && json_object_object_get_ex(j, "corrected", &v) && v == NULL);
    CHECK(j && !json_object_object_get_ex(j, "facets", &v)); /* not asked for */
    json_object_put(j);

    /* Facets when asked: every match counted by category, kind and channel. */
    req = (ec_search_request){0};
    req.query = "money twice";
    req.facets = 1;
    ec_results *fr = NULL;
    CHECK(ec_search_run(s, &req, &fr, &err) == EC_OK);
    j = fr ? ec_results_to_json(fr) : NULL;
    json_object *kinds = NULL;
    CHECK(j && json_object_object_get_ex(j, "facets", &v) && json_object_is_type(v, json_type_object));
    int64_t by_kind = 0;
    if (j && json_object_object_get_ex(v, "kind", &kinds)) {
        json_object_object_foreach(kinds, kind, count)
        {
            (void)kind;
            by_kind += json_object_get_int64(count);
        }
    }
    CHECK(fr && fr->total > 0 && by_kind >= fr->total); /* counted before collapsing paths */
    json_object_put(j);
    ec_results_free(fr);

    /* More like this: the other path of the same playbook, never itself. */
    ec_results *sim = NULL;
    req = (ec_search_request){0};
    CHECK(r && r->n && ec_search_similar(s, r->items[0].docid, &req, &sim, &err) == EC_OK);
    int self = 0;
    for (size_t i = 0; sim && r && i < sim->n; i++)
        if (sim->items[i].docid == r->items[0].docid)
            self = 1;
    CHECK(sim && sim->n > 0 && !self);
    ec_results_free(sim);
    ec_results_free(r);

    /* The whole document, and the values of a field for completion. */
    json_object *doc = NULL;
    CHECK(ec_searcher_document(s, "legal.threatens-lawyer", &doc, &err) == EC_OK);
    CHECK(doc && json_object_object_get_ex(doc, "paths", &v) && json_object_array_length(v) == 2);
    json_object_put(doc);
    CHECK(ec_searcher_document(s, "no.such-id", &doc, &err) == EC_ERR_NOT_FOUND);
    CHECK(err && strstr(err, "no.such-id"));
    free(err);
    err = NULL;
    ec_strv vals = {0};
    CHECK(ec_searcher_field_values(s, "category", "", &vals, &err) == EC_OK);
    CHECK(vals.n == 3 && strcmp(vals.items[0], "billing") == 0 && strcmp(vals.items[2], "outage") == 0);
    ec_strv_free(&vals);
    CHECK(ec_searcher_field_values(s, "id", "legal.", &vals, &err) == EC_OK);
    CHECK(vals.n == 1 && strcmp(vals.items[0], "legal.threatens-lawyer") == 0);
    ec_strv_free(&vals);
    CHECK(ec_searcher_field_values(s, "colour", "", &vals, &err) == EC_ERR_USAGE);
    free(err);
    err = NULL;

    /* A changed file is re-indexed alone; the open searcher sees it. */
    write_playbook("lawyer.xml", "legal.threatens-lawyer", "published",
                   "Customer threatens legal action over a parking fine", "legal", "legal",
                   "Customer mentions solicitors", "I'm going to see a solicitor about this",
                   "Take ownership and log the complaint", "Log a formal complaint and give the reference.",
                   "Pass to the legal team", "Transfer the case to the legal team with notes.",
                   "legal-team", "lawyer");
    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(st.updated == 1 && st.unchanged == 4);
    r = search(s, "parking fine", NULL, 0, NULL); /* no reopen needed */
    CHECK(r && r->n > 0 && strcmp(r->items[0].id, "legal.threatens-lawyer") == 0);
    ec_results_free(r);
    CHECK(ec_searcher_reopen(s, &err) == EC_OK);
    r = search(s, "parking fine", NULL, 0, NULL);
    CHECK(r && r->n > 0 && strcmp(r->items[0].id, "legal.threatens-lawyer") == 0);
    ec_results_free(r);

    /* A broken file keeps its good version searchable. */
    write_file("lawyer.xml", "<playbook id=\"legal.threatens-lawyer\"><title>broken");
    ec_diags_free(&diags);
    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(st.failed == 1 && st.unchanged == 4 && st.updated == 0);
    CHECK(has_diag(&diags, "lawyer.xml:"));
    ec_searcher_reopen(s, NULL);
    r = search(s, "parking fine", NULL, 0, NULL);
    CHECK(r && r->n > 0 && strcmp(r->items[0].id, "legal.threatens-lawyer") == 0);
    ec_results_free(r);

    /* A second file with a used id is refused, naming the first. */
    ec_diags_free(&diags);
    write_playbook("copy.xml", "billing.double-charge", "published", "A copy", "billing", "x", "x",
                   "x", "x", "x", "y", "y", "x", "x");
    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(st.failed == 2 && st.added == 0);
    CHECK(has_diag(&diags, "id \"billing.double-charge\" is already used by"));
    ec_diags_free(&diags);

    /* Deleted files leave the index. */
    char path[800];
    snprintf(path, sizeof path, "%s/copy.xml", tree);
    unlink(path);
    snprintf(path, sizeof path, "%s/double.xml", tree);
    unlink(path);
    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(st.removed == 1 && st.documents == 5);
    ec_searcher_reopen(s, NULL);
    r = search(s, "you took my money twice", NULL, 0, NULL);
    CHECK(r && !contains_id(r, "billing.double-charge"));
    ec_results_free(r);
    ec_diags_free(&diags);

    /* Another writer holds the index: the indexer says so instead of waiting. */
    char dir[800];
    snprintf(dir, sizeof dir, "%s/%s", db, EC_INDEX_SUBDIR);
    xc_database *holder = NULL;
    CHECK(xc_database_open_writable(dir, XC_DB_OPEN, &holder) == XC_OK);
    CHECK(index_tree(&st, &diags) == EC_ERR_LOCKED);
    xc_database_free(holder);
    CHECK(index_tree(&st, &diags) == EC_OK);
    ec_diags_free(&diags);

    ec_searcher_close(s);
}

/* An index really corrupt: the searcher tries again (a reader racing a
 * commit sees the same error), then says so, naming the index, in bounded
 * time. */
static void test_corrupt_index(void)
{
    char dir[800], file[900];
    snprintf(dir, sizeof dir, "%s/corrupt", root);
    mkdir(dir, 0700);
    snprintf(dir, sizeof dir, "%s/corrupt/%s", root, EC_INDEX_SUBDIR);
    mkdir(dir, 0700);
    snprintf(file, sizeof file, "%s/iamglass", dir);
    FILE *f = fopen(file, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("garbage garbage garbage\n", f);
    fclose(f);
    snprintf(dir, sizeof dir, "%s/corrupt", root);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    ec_searcher *s = NULL;
    char *err = NULL;
    CHECK(ec_searcher_open(dir, &s, &err) == EC_ERR_CORRUPT);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK(s == NULL);
    CHECK(err && strstr(err, "/corrupt/"));
    double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
    CHECK(ms < 2000); /* the retries are bounded: about 60 ms of pauses */
    free(err);
}

static unsigned termfreq_in(const char *dbdir, const char *term)
{
    char path[900];
    snprintf(path, sizeof path, "%s/%s", dbdir, EC_INDEX_SUBDIR);
    xc_database *x = NULL;
    unsigned f = 0;
    if (xc_database_open(path, &x) == XC_OK)
        xc_database_termfreq(x, term, &f);
    xc_database_free(x);
    return f;
}

static int first_docid(void *user, xc_docid id)
{
    *(xc_docid *)user = id;
    return 1;
}

/* The docid of the unit UNIT ("id#path") in the index at DBDIR; 0 if none. */
static xc_docid docid_in(const char *dbdir, const char *unit)
{
    char path[900], term[300];
    snprintf(path, sizeof path, "%s/%s", dbdir, EC_INDEX_SUBDIR);
    snprintf(term, sizeof term, "%s%s", EC_PFX_UNIQUE, unit);
    xc_database *x = NULL;
    xc_docid id = 0;
    if (xc_database_open(path, &x) == XC_OK)
        xc_database_postlist(x, term, first_docid, &id);
    xc_database_free(x);
    return id;
}

/* "id#path id#path ..." of QUERY's results over DIR. */
static char *ranking(const char *dir, const char *query)
{
    ec_searcher *s = NULL;
    char *err = NULL;
    ec_buf b = EC_BUF_INIT;
    if (ec_searcher_open(dir, &s, &err) == EC_OK) {
        ec_results *r = search(s, query, NULL, 0, NULL);
        for (size_t i = 0; r && i < r->n; i++)
            ec_buf_printf(&b, "%s#%s ", r->items[i].id, r->items[i].path ? r->items[i].path : "");
        ec_results_free(r);
    }
    free(err);
    ec_searcher_close(s);
    return b.data ? ec_buf_steal(&b) : ec_strdup("");
}

/* Stopwords are not indexed (layout 4; before, STOP_STEMMED let every one
 * through); their share of each unit's length is one term, so the ranking
 * is unchanged, and quoted words still find what they say. */
static void test_stopwords_not_indexed(void)
{
    CHECK(termfreq_in(db, "the") == 0);
    CHECK(termfreq_in(db, "my") == 0);
    CHECK(termfreq_in(db, EC_PFX_SAYS "my") == 0);
    CHECK(termfreq_in(db, "twice") > 0);
    CHECK(termfreq_in(db, EC_TERM_STOPPED) == 7); /* every unit has some */
    const char *quoted[] = {"\"you took my money twice\"", "says:\"you took my money twice\"",
                            "\"YOU TOOK MY money twice.\"", "\"you took my, money twice\"",
                            "\"you took (my) money twice\""};
    for (size_t i = 0; i < sizeof quoted / sizeof quoted[0]; i++) {
        char *r = ranking(db, quoted[i]);
        CHECK(r && strncmp(r, "billing.double-charge#", 22) == 0);
        if (!r || strncmp(r, "billing.double-charge#", 22) != 0)
            fprintf(stderr, "# %s: %s\n", quoted[i], r ? r : "(null)");
        free(r);
    }
    char *r = ranking(db, "\"the\" twice");
    CHECK(r && strncmp(r, "billing.double-charge#", 22) == 0); /* the rest still counts */
    free(r);
    r = ranking(db, "\"I\xe2\x80\x99m going to see a solicitor\"");
    CHECK(r && strncmp(r, "legal.threatens-lawyer#", 23) == 0);
    free(r);
}

static void write_synonyms(const char *groups, int long_comment)
{
    char pad[2100];
    memset(pad, 'x', sizeof pad - 1);
    pad[sizeof pad - 1] = '\0';
    char buf[4096];
    snprintf(buf, sizeof buf,
             "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n%s%s%s<synonyms>\n%s</synonyms>\n",
             long_comment ? "<!-- " : "", long_comment ? pad : "", long_comment ? " -->\n" : "",
             groups);
    write_file("synonyms.xml", buf);
}

typedef struct seen_progress {
    size_t calls, done, total;
    int ordered;
} seen_progress;

static void note_progress(void *user, size_t done, size_t total)
{
    seen_progress *sp = user;
    sp->ordered = sp->calls ? sp->ordered && done == sp->done + 1 && total == sp->total : done == 1;
    sp->calls++;
    sp->done = done;
    sp->total = total;
}

/* Each of QUERIES ranks the same over db, brought up to date, and FRESH,
 * built from scratch. */
static void same_rankings(const char *fresh, const char *const *queries, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char *a = ranking(db, queries[i]), *b = ranking(fresh, queries[i]);
        printf("# %s: updated %s, fresh %s\n", queries[i], a, b);
        CHECK(a && b && *a && strcmp(a, b) == 0);
        free(a);
        free(b);
    }
}

/* Multi-word synonyms are phrase terms in the index: they follow the
 * synonyms file when only it changes, and an index brought up to date that
 * way ranks exactly as one built from scratch. */
static void test_phrase_terms(void)
{
    char saved_tree[600], saved_db[600], fresh[700];
    enter_tree("phr", saved_tree, saved_db);
    snprintf(fresh, sizeof fresh, "%s/phr-fresh", root);
    write_playbook("a.xml", "billing.money-back", "published", "Customer wants a reimbursement",
                   "billing", "order", "Charged for a cancelled order", "I just want my money back",
                   "Reimburse the order", "Reimburse the order today.", "Explain the timeline",
                   "Tell them when the money lands back on the card.", "billing-tier2", "chargeback");
    write_playbook("b.xml", "billing.cash-returned", "published", "Customer was paid in cash",
                   "billing", "cash", "Shop returned cash instead", "the cash was returned to me",
                   "Note the cash return", "Record that cash was returned.", "Close the case",
                   "Close it with a note.", "billing-tier2", "chargeback");
    write_synonyms("  <group><term>refund</term><term>money back</term></group>\n", 0);

    ec_index_stats st;
    ec_diags diags = EC_DIAGS_INIT;
    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(termfreq_in(db, "~money back") == 2); /* both paths of a.xml */
    CHECK(termfreq_in(db, "~cash return") == 0);
    char *r = ranking(db, "refund");
    CHECK(r && strstr(r, "billing.money-back#") && !strstr(r, "billing.cash-returned#"));
    free(r);

    /* Only the synonyms change: a and b are not re-indexed, yet their
     * phrase terms follow. */
    write_synonyms("  <group><term>refund</term><term>cash returned</term></group>\n", 0);
    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(st.unchanged == 2 && st.updated == 1);
    CHECK(termfreq_in(db, "~money back") == 0);
    CHECK(termfreq_in(db, "~cash return") == 2);
    r = ranking(db, "refund");
    CHECK(r && !strstr(r, "billing.money-back#") && strstr(r, "billing.cash-returned#"));
    free(r);

    /* Both groups: the same ranking as an index made from scratch. */
    write_synonyms("  <group><term>refund</term><term>cash returned</term></group>\n"
                   "  <group><term>reimburse</term><term>money back</term></group>\n", 0);
    CHECK(index_tree(&st, &diags) == EC_OK);
    const char *paths[] = {tree};
    char *err = NULL;
    ec_index_options opt = {0};
    opt.today = "2026-11-23";
    CHECK(ec_index_run(fresh, paths, 1, &opt, &st, &diags, &err) == EC_OK);
    free(err);
    const char *queries[] = {"refund", "reimburse", "money back", "cash returned to me"};
    same_rankings(fresh, queries, sizeof queries / sizeof *queries);

    /* A run given only the synonyms file, which adds two phrases: "money
     * lands" is in one path of a.xml, unchanged since it was indexed, whose
     * documents get the term in place; "cash instead" is in b.xml, which
     * changed on disk since, so b.xml is indexed again from disk, as a whole. */
    write_playbook("b.xml", "billing.cash-returned", "published", "Customer was paid in cash, zebra",
                   "billing", "cash", "Shop returned cash instead", "the cash was returned to me",
                   "Note the cash return", "Record that cash was returned.", "Close the case",
                   "Close it with a note.", "billing-tier2", "chargeback");
    write_synonyms("  <group><term>refund</term><term>cash returned</term></group>\n"
                   "  <group><term>reimburse</term><term>money back</term></group>\n"
                   "  <group><term>arrives</term><term>money lands</term></group>\n"
                   "  <group><term>payout</term><term>cash instead</term></group>\n", 0);
    xc_docid a_before = docid_in(db, "billing.money-back#second");
    xc_docid b_before = docid_in(db, "billing.cash-returned#second");
    char syn_path[700];
    snprintf(syn_path, sizeof syn_path, "%s/synonyms.xml", tree);
    const char *only[] = {syn_path};
    seen_progress sp = {0};
    opt.synonyms_progress = note_progress;
    opt.progress_user = &sp;
    CHECK(ec_index_run(db, only, 1, &opt, &st, &diags, &err) == EC_OK);
    opt.synonyms_progress = NULL;
    printf("# synonyms progress: %zu calls, last %zu/%zu\n", sp.calls, sp.done, sp.total);
    CHECK(sp.calls == 2 && sp.done == 2 && sp.total == 2 && sp.ordered); /* a.xml, b.xml */
    free(err);
    err = NULL;
    CHECK(st.updated == 1 && st.added == 0);
    CHECK(a_before && docid_in(db, "billing.money-back#second") == a_before);  /* in place */
    CHECK(b_before && docid_in(db, "billing.cash-returned#second") > b_before); /* added again */
    CHECK(termfreq_in(db, "~money land") == 1);
    CHECK(termfreq_in(db, "~cash instead") == 2);
    CHECK(termfreq_in(db, "~money back") == 2);
    r = ranking(db, "zebra");
    CHECK(r && strstr(r, "billing.cash-returned#"));
    free(r);
    snprintf(fresh, sizeof fresh, "%s/phr-fresh2", root);
    CHECK(ec_index_run(fresh, paths, 1, &opt, &st, &diags, &err) == EC_OK);
    free(err);
    err = NULL;
    const char *more[] = {"arrives", "payout", "refund", "money back", "zebra cash"};
    same_rankings(fresh, more, sizeof more / sizeof *more);

    /* A synonyms file the indexer cannot tell from its first bytes is read
     * in walk order, after a.xml and b.xml: the run still ends with their
     * phrase terms. */
    write_synonyms("  <group><term>refund</term><term>money back</term></group>\n", 1);
    snprintf(db, sizeof db, "%s/phr-db2", root);
    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(termfreq_in(db, "~money back") == 2);
    r = ranking(db, "refund");
    CHECK(r && strstr(r, "billing.money-back#"));
    free(r);
    ec_diags_free(&diags);
    leave_tree(saved_tree, saved_db);
}

/* Entries of DIR other than . and .., space-separated, sorted. */
static char *dir_entries(const char *dir)
{
    char cmd[1000];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | sort | tr '\\n' ' '", dir);
    FILE *p = popen(cmd, "r");
    char buf[1000] = "";
    if (p) {
        if (!fgets(buf, sizeof buf, p))
            buf[0] = '\0';
        pclose(p);
    }
    return ec_strdup(buf);
}

/* A run that rewrites most of the index replaces it with a compacted copy;
 * a searcher open across that keeps answering and then sees the new index,
 * and what a killed compaction leaves is put right by the next run. */
static void test_compaction(void)
{
    char saved_tree[600], saved_db[600];
    enter_tree("cmp", saved_tree, saved_db);
    write_playbook("a.xml", "billing.one", "published", "Charged twice", "billing", "refund",
                   "Two charges", "you took my money twice", "Refund it", "Refund the charge.",
                   "Void it", "Void the hold.", "billing-tier2", "chargeback");
    write_playbook("b.xml", "billing.two", "published", "Charged late", "billing", "late",
                   "A late fee", "why is there a late fee", "Waive it", "Waive the fee.",
                   "Explain it", "Explain the fee.", "billing-tier2", "chargeback");
    ec_index_stats st;
    ec_diags diags = EC_DIAGS_INIT;
    CHECK(index_tree(&st, &diags) == EC_OK);
    char *entries = dir_entries(db);
    printf("# after the first run: %s\n", entries);
    CHECK(entries && strcmp(entries, "index index.lock ") == 0);
    free(entries);

    ec_searcher *s = NULL;
    char *err = NULL;
    CHECK(ec_searcher_open(db, &s, &err) == EC_OK);
    free(err);
    if (!s)
        return;
    ec_results *r = search(s, "zebra", NULL, 0, NULL);
    CHECK(r && r->n == 0);
    ec_results_free(r);
    /* Every file changes: the run rewrites the whole index and compacts. */
    write_playbook("a.xml", "billing.one", "published", "Charged twice by the zebra", "billing",
                   "refund", "Two charges", "you took my money twice", "Refund it",
                   "Refund the charge.", "Void it", "Void the hold.", "billing-tier2", "chargeback");
    write_playbook("b.xml", "billing.two", "published", "Charged late", "billing", "late",
                   "A late fee", "why is there a late fee again", "Waive it", "Waive the fee.",
                   "Explain it", "Explain the fee.", "billing-tier2", "chargeback");
    CHECK(index_tree(&st, &diags) == EC_OK && st.updated == 2);
    r = search(s, "zebra", NULL, 0, NULL);
    CHECK(r && r->n > 0 && strcmp(r->items[0].id, "billing.one") == 0);
    ec_results_free(r);
    r = search(s, "late fee", NULL, 0, NULL);
    CHECK(r && r->n > 0 && strcmp(r->items[0].id, "billing.two") == 0);
    ec_results_free(r);

    /* Killed between the two renames: the index is beside itself as
     * index.old-PID, with a half-written index.new-PID. */
    char from[900], to[900];
    snprintf(from, sizeof from, "%s/%s", db, EC_INDEX_SUBDIR);
    snprintf(to, sizeof to, "%s/%s.old-99999", db, EC_INDEX_SUBDIR);
    CHECK(rename(from, to) == 0);
    snprintf(to, sizeof to, "%s/%s.new-99999", db, EC_INDEX_SUBDIR);
    CHECK(mkdir(to, 0700) == 0);
    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(st.unchanged == 2 && st.added == 0 && st.updated == 0); /* nothing lost */
    entries = dir_entries(db);
    printf("# after recovery: %s\n", entries);
    CHECK(entries && strcmp(entries, "index index.lock ") == 0);
    free(entries);
    r = search(s, "zebra", NULL, 0, NULL);
    CHECK(r && r->n > 0 && strcmp(r->items[0].id, "billing.one") == 0);
    ec_results_free(r);
    ec_searcher_close(s);
    ec_diags_free(&diags);
    leave_tree(saved_tree, saved_db);
}

/* The helpers the indexer and searcher share for synonym phrases. */
static void test_phrase_helpers(void)
{
    ec_strv v = {0};
    CHECK(ec_strv_split(&v, "money  back ", ' ') == 0);
    CHECK(v.n == 2 && strcmp(v.items[0], "money") == 0 && strcmp(v.items[1], "back") == 0);
    CHECK(ec_strv_split(&v, "", ' ') == 0 && v.n == 2);
    CHECK(ec_strv_split(&v, NULL, ' ') == 0 && v.n == 2);
    CHECK(ec_strv_push_term(&v, "pay", 3, 7) == 0 && v.n == 3 && strcmp(v.items[2], "pay") == 0);
    ec_strv_free(&v);
    char *t = ec_phrase_term("money back");
    CHECK_STR(t, EC_PFX_PHRASE "money back");
    free(t);
}

/* The stored copies of documents are deflated; older plain ones still read,
 * damaged ones are refused rather than misread. */
static void test_pack(void)
{
    char big[5000];
    for (size_t i = 0; i < sizeof big - 1; i++)
        big[i] = "{\"id\":\"billing.double-charge\",\"steps\":[]} "[i % 42];
    big[sizeof big - 1] = '\0';
    char *packed = NULL, *back = NULL;
    size_t len = 0;
    CHECK(ec_pack(big, strlen(big), &packed, &len) == 0);
    CHECK(packed && len < strlen(big) / 4);
    back = packed ? ec_unpack(packed, len) : NULL;
    CHECK_STR(back, big);
    free(back);
    CHECK((back = ec_unpack(packed, len - 3)) == NULL); /* truncated */
    packed[2] ^= 0x40;                                    /* wrong length */
    CHECK((back = ec_unpack(packed, len)) == NULL);
    free(packed);
    CHECK(ec_pack("", 0, &packed, &len) == 0);
    back = ec_unpack(packed, len);
    CHECK_STR(back, "");
    free(back);
    free(packed);
    back = ec_unpack("{\"id\":\"x\"}", 10); /* stored before packing */
    CHECK_STR(back, "{\"id\":\"x\"}");
    free(back);
}

static int rm_entry(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

static unsigned long gen_seed = 7;

static unsigned gen_rand(unsigned n)
{
    gen_seed = gen_seed * 6364136223846793005UL + 1442695040888963407UL;
    return (unsigned)((gen_seed >> 33) % n);
}

/* N words of a small support vocabulary into BUF, the first words far more
 * often than the last (as in real playbooks, where most words are in most
 * units). */
static const char *gen_words(char *buf, size_t size, unsigned n)
{
    static const char *const vocab[] = {
        "refund",  "card",     "charge",   "payment",  "account", "bank",    "transfer", "declined",
        "cancel",  "order",    "delivery", "late",     "broken",  "engineer", "router",  "outage",
        "bill",    "price",    "contract", "fee",      "overdraft", "debit", "loan",     "balance",
        "statement", "fraud",  "stolen",   "password", "locked",  "app",     "login",    "email",
        "address", "moved",    "bereavement", "complaint", "manager", "callback", "lawyer"};
    size_t used = 0;
    buf[0] = '\0';
    for (unsigned i = 0; i < n; i++) {
        unsigned r = gen_rand(40);
        const char *w = vocab[r * r / 40]; /* 0..38 */
        used += (size_t)snprintf(buf + used, size > used ? size - used : 0, "%s%s", i ? " " : "", w);
    }
    return buf;
}

static void write_gen_playbook(int i, const char *title_extra)
{
    char name[32], id[48], title[400], sym[300], says[300], p1[200], s1[400], p2[200], s2[400];
    snprintf(name, sizeof name, "g%03d.xml", i);
    snprintf(id, sizeof id, "billing.gen-%03d", i);
    gen_words(title, sizeof title, 3 + gen_rand(3));
    if (title_extra)
        snprintf(title, sizeof title, "%s", title_extra);
    write_playbook(name, id, "published", title, "billing", "gen",
                   gen_words(sym, sizeof sym, 4 + gen_rand(6)), gen_words(says, sizeof says, 5 + gen_rand(8)),
                   gen_words(p1, sizeof p1, 3 + gen_rand(3)), gen_words(s1, sizeof s1, 6 + gen_rand(14)),
                   gen_words(p2, sizeof p2, 3 + gen_rand(3)), gen_words(s2, sizeof s2, 6 + gen_rand(14)),
                   "billing-tier2", "chargeback");
}

/* Everything a person sees of QUERY's page from OFFSET (5 results) over
 * DIR, one line a result. */
static char *describe_page(const char *dir, const char *query, size_t offset)
{
    ec_searcher *s = NULL;
    char *err = NULL;
    ec_buf b = EC_BUF_INIT;
    if (ec_searcher_open(dir, &s, &err) == EC_OK) {
        ec_search_request req = {0};
        req.query = query;
        req.offset = offset;
        req.limit = 5;
        ec_results *r = NULL;
        if (ec_search_run(s, &req, &r, &err) == EC_OK)
            ec_buf_printf(&b, "total %ld\n", r->total);
        for (size_t i = 0; r && i < r->n; i++)
            ec_buf_printf(&b, "%s#%s %.2f %s\n", r->items[i].id, r->items[i].path ? r->items[i].path : "",
                          r->items[i].score, r->items[i].snippet ? r->items[i].snippet : "");
        ec_results_free(r);
    }
    free(err);
    ec_searcher_close(s);
    return b.data ? ec_buf_steal(&b) : ec_strdup("");
}

/* QUERY_I's page: the first for even I, from the 4th result for odd I. */
static char *describe(const char *dir, const char *query, int i)
{
    return describe_page(dir, query, i % 2 ? 3 : 0);
}

/* Sets metadata KEY of the index at DIR to VALUE ("" removes it). */
static void set_meta(const char *dir, const char *key, const char *value)
{
    char path[900];
    snprintf(path, sizeof path, "%s/%s", dir, EC_INDEX_SUBDIR);
    xc_database *x = NULL;
    CHECK(xc_database_open_writable(path, XC_DB_OPEN, &x) == XC_OK);
    CHECK(xc_database_set_metadata(x, key, value, strlen(value)) == XC_OK);
    CHECK(xc_database_commit(x) == XC_OK);
    xc_database_free(x);
}

static char *get_meta(const char *dir, const char *key)
{
    char path[900], *v = NULL;
    snprintf(path, sizeof path, "%s/%s", dir, EC_INDEX_SUBDIR);
    xc_database *x = NULL;
    if (xc_database_open(path, &x) == XC_OK)
        xc_database_get_metadata(x, key, &v, NULL);
    xc_database_free(x);
    return v;
}

static int collect_key(void *user, const char *term, size_t len, unsigned freq)
{
    (void)freq;
    return ec_strv_push_term(user, term, len, 0);
}

/* Every bound table of DIR claims next to nothing; the stamp stays. */
static void break_tables(const char *dir)
{
    char path[900];
    snprintf(path, sizeof path, "%s/%s", dir, EC_INDEX_SUBDIR);
    xc_database *x = NULL;
    ec_strv keys = {0};
    CHECK(xc_database_open_writable(path, XC_DB_OPEN, &x) == XC_OK);
    xc_database_metadata_keys(x, EC_META_BOUNDS, collect_key, &keys);
    CHECK(keys.n > 10);
    for (size_t i = 0; i < keys.n; i++) {
        char *blob = NULL;
        size_t len = 0;
        xc_database_get_metadata(x, keys.items[i], &blob, &len);
        char *nl = blob ? memchr(blob, '\n', len) : NULL;
        if (nl)
            memset(nl + 1, 1, len - (size_t)(nl + 1 - blob));
        xc_database_set_metadata(x, keys.items[i], blob, len);
        free(blob);
    }
    CHECK(xc_database_commit(x) == XC_OK);
    xc_database_free(x);
    ec_strv_free(&keys);
}

#define N_BOUND_QUERIES 40

/* How many of QUERIES read the same over DIR as in WANT. */
static int same_pages(const char *dir, char *const *queries, char *const *want)
{
    int same = 0;
    for (int i = 0; i < N_BOUND_QUERIES; i++) {
        char *got = describe(dir, queries[i], i);
        same += strcmp(got, want[i]) == 0;
        if (strcmp(got, want[i]) != 0)
            printf("# \"%s\" differs:\n# got  %s\n# want %s\n", queries[i], got, want[i]);
        free(got);
    }
    return same;
}

/* The search skips by the BM25 bound tables only when they are the index's
 * own (its stamp), and then answers exactly as the plain match: the same
 * results, scores, snippets and totals, after a whole computation and after
 * an incremental run. Tables that claim too little change the answers, so
 * the bounded match is what ran. */
static void test_bounds_search(void)
{
    char saved_tree[600], saved_db[600];
    enter_tree("bnd", saved_tree, saved_db);
    for (int i = 0; i < 150; i++)
        write_gen_playbook(i, NULL);
    /* Phrases with synonyms are units of their own: their words' AND,
     * filtered by the phrase term. */
    write_synonyms("  <group><term>refund</term><term>money back</term></group>\n"
                   "  <group><term>lawyer</term><term>solicitor</term></group>\n"
                   "  <group><term>card payment</term><term>card charge</term><term>fee</term></group>\n"
                   "  <group><term>bank transfer</term><term>wire</term></group>\n", 0);
    ec_index_stats st;
    ec_diags diags = EC_DIAGS_INIT;
    CHECK(index_tree(&st, &diags) == EC_OK);

    static const char *const phrases[] = {"", " card payment", " bank transfer card payment"};
    char *queries[N_BOUND_QUERIES], *plain[N_BOUND_QUERIES];
    for (int i = 0; i < N_BOUND_QUERIES; i++) {
        char q[300];
        gen_words(q, sizeof q, 1 + gen_rand(i % 4 == 0 ? 12 : 4));
        queries[i] = ec_strdup_printf("%s%s", q, phrases[i % 3]);
    }
    char *stamp = get_meta(db, EC_META_BOUNDS_PARAMS);
    const char *want_stamp = "bm25 k1 5.0 b 0.75 min_normlen 0.2 shift 7 groups docs 300 ";
    CHECK(stamp && strncmp(stamp, want_stamp, strlen(want_stamp)) == 0);
    set_meta(db, EC_META_BOUNDS_PARAMS, ""); /* the plain match */
    for (int i = 0; i < N_BOUND_QUERIES; i++)
        plain[i] = describe(db, queries[i], i);
    CHECK(strstr(plain[0], "total ") && strstr(plain[0], "billing.gen-"));
    set_meta(db, EC_META_BOUNDS_PARAMS, stamp ? stamp : "");
    CHECK(same_pages(db, queries, plain) == N_BOUND_QUERIES);
    /* The groups of two or more synonyms have tables of their own: the
     * three of "card payment", "card charge" and "fee". */
    char path[900];
    snprintf(path, sizeof path, "%s/%s", db, EC_INDEX_SUBDIR);
    xc_database *x = NULL;
    ec_strv group_keys = {0};
    CHECK(xc_database_open(path, &x) == XC_OK);
    xc_database_metadata_keys(x, EC_META_BOUNDS "\t", collect_key, &group_keys);
    CHECK(group_keys.n == 3);
    xc_database_free(x);
    ec_strv_free(&group_keys);

    /* Tables claiming too little, under a valid stamp: answers change. */
    break_tables(db);
    CHECK(same_pages(db, queries, plain) < N_BOUND_QUERIES / 2);
    /* A stamp that is not the index's (an older indexer changed it): the
     * plain match, right again. */
    set_meta(db, EC_META_BOUNDS_PARAMS, "bm25 k1 5.0 b 0.75 min_normlen 0.2 shift 7 docs 1 last 1 avg 1");
    CHECK(same_pages(db, queries, plain) == N_BOUND_QUERIES);
    /* The next run computes them whole again. */
    CHECK(index_tree(&st, &diags) == EC_OK);
    char *again = get_meta(db, EC_META_BOUNDS_PARAMS);
    CHECK(again && stamp && strcmp(again, stamp) == 0);
    free(again);
    CHECK(same_pages(db, queries, plain) == N_BOUND_QUERIES);

    /* An incremental run: one playbook gets a title heavy in one word and
     * a word new to the index, in a block whose bounds said little of either;
     * the bounded match finds what the plain one does. */
    write_gen_playbook(3, "engineer engineer engineer zebra card");
    CHECK(index_tree(&st, &diags) == EC_OK);
    CHECK(st.updated == 1);
    for (int i = 0; i < N_BOUND_QUERIES; i++)
        free(plain[i]);
    free(stamp);
    stamp = get_meta(db, EC_META_BOUNDS_PARAMS);
    set_meta(db, EC_META_BOUNDS_PARAMS, "");
    for (int i = 0; i < N_BOUND_QUERIES; i++)
        plain[i] = describe(db, queries[i], i);
    set_meta(db, EC_META_BOUNDS_PARAMS, stamp ? stamp : "");
    CHECK(same_pages(db, queries, plain) == N_BOUND_QUERIES);
    char *r = ranking(db, "zebra card");
    CHECK(r && strncmp(r, "billing.gen-003#", 16) == 0); /* a word new to the index */
    free(r);
    r = ranking(db, "engineer");
    CHECK(r && strncmp(r, "billing.gen-003#", 16) == 0);
    free(r);

    for (int i = 0; i < N_BOUND_QUERIES; i++) {
        free(queries[i]);
        free(plain[i]);
    }
    free(stamp);
    ec_diags_free(&diags);
    leave_tree(saved_tree, saved_db);
}

int main(void)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(root, sizeof root, "%s/test-search.XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (!mkdtemp(root)) {
        perror(root);
        return 1;
    }
    snprintf(tree, sizeof tree, "%s/tree", root);
    snprintf(db, sizeof db, "%s/db", root);
    mkdir(tree, 0700);
    test_stopwords();
    test_triggers();
    test_index_and_search();
    test_corrupt_index();
    test_phrase_terms();
    test_compaction();
    test_bounds_search();
    test_pack();
    test_phrase_helpers();
    nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return test_done();
}
