/* ec-load.c: libxml2 -> the model, with friendly FILE:LINE messages.
 *
 * A load goes: byte checks (size, empty, NUL, UTF-8) -> libxml2 parse (no
 * network, no entity substitution, no DTD, a DOCTYPE stops the parser at once)
 * -> our own walk of the tree, which both checks the format with messages a
 * knowledge manager can act on and fills the model -> the RELAX NG schema,
 * whose raw messages are shown only when our walk found nothing, so nothing
 * the schema rejects ever loads. */
#define _POSIX_C_SOURCE 200809L
#include "ec-load.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

extern const char ec_schema_playbook[];
extern const size_t ec_schema_playbook_len;
extern const char ec_schema_article[];
extern const size_t ec_schema_article_len;
extern const char ec_schema_synonyms[];
extern const size_t ec_schema_synonyms_len;

#if LIBXML_VERSION >= 21200
typedef const xmlError *ec_xml_error_ptr;
#else
typedef xmlErrorPtr ec_xml_error_ptr;
#endif

enum { SCHEMA_PLAYBOOK, SCHEMA_ARTICLE, SCHEMA_SYNONYMS, N_SCHEMAS };

/* Safe parsing: no network; BIG_LINES keeps line numbers right past 65535.
 * Never NOENT, DTDLOAD, DTDATTR, XINCLUDE or HUGE. */
#define PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

struct ec_loader {
    xmlParserCtxtPtr parser;
    xmlRelaxNGPtr schemas[N_SCHEMAS];
    /* The load in progress, for the libxml2 callbacks. */
    const char *file;
    ec_diags *diags;
    size_t errors;
    long doctype_line; /* > 0 once a DOCTYPE was seen */
    int parse_reported;
    int validating;
    ec_buf *compile_err; /* while compiling the schemas */
};

/* ---- libxml2 messages ---- */

static void ignore_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

/* Copies a libxml2 message without its trailing newline and spaces. */
static char *trimmed(const char *msg)
{
    char *s = ec_strdup(msg ? msg : "unknown error");
    if (!s)
        return NULL;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == ' ' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static void on_xml_error(void *user, ec_xml_error_ptr e)
{
    ec_loader *L = user;
    if (!L || !e || e->level < XML_ERR_ERROR)
        return;
    char *msg = trimmed(e->message);
    if (!msg)
        return;
    if (L->compile_err) {
        if (L->compile_err->len == 0)
            ec_buf_printf(L->compile_err, "embedded schema: %s", msg);
    } else if (L->diags && !L->doctype_line) {
        if (L->validating) {
            ec_diags_add(L->diags, EC_SEV_ERROR, L->file, e->line,
                         "does not match the schema: %s", msg);
            L->errors++;
        } else if (!L->parse_reported) {
            /* Only the first: what libxml2 says after it is mostly echo. */
            L->parse_reported = 1;
            if (strncmp(msg, "Excessive depth in document", 27) == 0)
                /* libxml2's own text names a parser option, not a fix. */
                ec_diags_add(L->diags, EC_SEV_ERROR, L->file, e->line,
                             "elements are nested too deeply (libxml2 stops at 256 levels); "
                             "an edgecase file needs fewer than 10");
            else
                ec_diags_add(L->diags, EC_SEV_ERROR, L->file, e->line, "not well-formed XML: %s", msg);
            L->errors++;
        }
    }
    free(msg);
}

/* libxml2 error handlers are per-thread globals: install ours for the length
 * of one call and put the caller's back, so nothing ever reaches stderr. */
typedef struct saved_handlers {
    xmlStructuredErrorFunc serror;
    void *sctx;
    xmlGenericErrorFunc gerror;
    void *gctx;
} saved_handlers;

static void quiet_begin(ec_loader *L, saved_handlers *s)
{
    s->serror = xmlStructuredError;
    s->sctx = xmlStructuredErrorContext;
    s->gerror = xmlGenericError;
    s->gctx = xmlGenericErrorContext;
    xmlSetStructuredErrorFunc(L, (xmlStructuredErrorFunc)on_xml_error);
    xmlSetGenericErrorFunc(NULL, ignore_generic);
}

static void quiet_end(const saved_handlers *s)
{
    xmlSetStructuredErrorFunc(s->sctx, s->serror);
    xmlSetGenericErrorFunc(s->gctx, s->gerror);
}

/* SAX callback for <!DOCTYPE ...>: stop before the internal subset is read,
 * which rules out entity expansion bombs and external entities alike. */
static void on_doctype(void *ctx, const xmlChar *name, const xmlChar *ext, const xmlChar *sys)
{
    (void)name;
    (void)ext;
    (void)sys;
    xmlParserCtxtPtr pc = ctx;
    ec_loader *L = pc->_private;
    if (L && !L->doctype_line) {
        L->doctype_line = xmlSAX2GetLineNumber(ctx);
        if (L->doctype_line < 1)
            L->doctype_line = 1;
    }
    xmlStopParser(pc);
}

/* ---- loader ---- */

ec_status ec_loader_new(ec_loader **out, char **err)
{
    static const char *const names[N_SCHEMAS] = {"playbook", "article", "synonyms"};
    const char *bufs[N_SCHEMAS] = {ec_schema_playbook, ec_schema_article, ec_schema_synonyms};
    size_t lens[N_SCHEMAS] = {ec_schema_playbook_len, ec_schema_article_len, ec_schema_synonyms_len};
    ec_status st = EC_OK;
    ec_buf msg = EC_BUF_INIT;
    saved_handlers saved;
    *out = NULL;
    if (err)
        *err = NULL;
    xmlInitParser();
    ec_loader *L = calloc(1, sizeof *L);
    if (!L)
        return EC_ERR_NOMEM;
    L->compile_err = &msg;
    quiet_begin(L, &saved);
    for (int i = 0; i < N_SCHEMAS; i++) {
        xmlRelaxNGParserCtxtPtr pc = xmlRelaxNGNewMemParserCtxt(bufs[i], (int)lens[i]);
        if (!pc) {
            st = EC_ERR_NOMEM;
            goto out;
        }
        xmlRelaxNGSetParserStructuredErrors(pc, (xmlStructuredErrorFunc)on_xml_error, L);
        L->schemas[i] = xmlRelaxNGParse(pc);
        xmlRelaxNGFreeParserCtxt(pc);
        if (!L->schemas[i]) {
            if (msg.len == 0)
                ec_buf_printf(&msg, "the embedded %s schema does not compile", names[i]);
            st = EC_ERR_INTERNAL;
            goto out;
        }
    }
    L->parser = xmlNewParserCtxt();
    if (!L->parser) {
        st = EC_ERR_NOMEM;
        goto out;
    }
    L->parser->_private = L;
    L->parser->sax->internalSubset = on_doctype;
out:
    quiet_end(&saved);
    L->compile_err = NULL;
    if (st != EC_OK) {
        if (err)
            *err = msg.len ? ec_buf_steal(&msg) : ec_strdup(ec_status_to_string(st));
        ec_loader_free(L);
    } else {
        *out = L;
    }
    ec_buf_free(&msg);
    return st;
}

void ec_loader_free(ec_loader *loader)
{
    if (!loader)
        return;
    for (int i = 0; i < N_SCHEMAS; i++)
        if (loader->schemas[i])
            xmlRelaxNGFree(loader->schemas[i]);
    if (loader->parser)
        xmlFreeParserCtxt(loader->parser);
    free(loader);
}

/* ---- the walk over the tree ---- */

typedef struct loadctx {
    const char *file;
    ec_diags *diags;
    size_t errors;
    int oom;
} loadctx;

/* A file with a million wrong elements gets this many messages and a count
 * of the rest: enough to fix, without flooding a terminal or memory. */
#define MAX_FILE_ERRORS 100

static void fail(loadctx *c, const xmlNode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void fail(loadctx *c, const xmlNode *at, const char *fmt, ...)
{
    c->errors++;
    if (c->errors > MAX_FILE_ERRORS)
        return;
    va_list ap;
    va_start(ap, fmt);
    ec_diags_vadd(c->diags, EC_SEV_ERROR, c->file, at ? xmlGetLineNo(at) : 0, fmt, ap);
    va_end(ap);
}

/* Says how many problems fail() did not show. */
static void report_unshown(loadctx *c)
{
    if (c->errors > MAX_FILE_ERRORS)
        ec_diags_add(c->diags, EC_SEV_ERROR, c->file, 0,
                     "%zu more problems not shown; fix the ones above first", c->errors - MAX_FILE_ERRORS);
}

static int is_xml_space(int ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r'; }

/* Collapses runs of XML whitespace in S to one space and trims both ends. */
static void collapse(char *s)
{
    char *w = s;
    int pending = 0;
    for (const char *r = s; *r; r++) {
        if (is_xml_space((unsigned char)*r)) {
            pending = w != s;
            continue;
        }
        if (pending)
            *w++ = ' ';
        pending = 0;
        *w++ = *r;
    }
    *w = '\0';
}

static int is_blank(const xmlChar *s)
{
    for (; s && *s; s++)
        if (!is_xml_space(*s))
            return 0;
    return 1;
}

static int named(const xmlNode *e, const char *name)
{
    return e->type == XML_ELEMENT_NODE && !e->ns && strcmp((const char *)e->name, name) == 0;
}

static const char *article_for(const char *word)
{
    return strchr("aeiou", word[0]) ? "an" : "a";
}

/* Copies attribute NAME (no namespace) of E into malloc'd memory, or NULL. */
static char *attr(const xmlNode *e, const char *name)
{
    xmlChar *v = xmlGetNoNsProp(e, BAD_CAST name);
    if (!v)
        return NULL;
    char *s = ec_strdup((const char *)v);
    xmlFree(v);
    return s;
}

/* "<path id="refund">" for elements known by an attribute, else "<name>". */
static void describe(const xmlNode *e, char *buf, size_t size)
{
    const char *key = NULL;
    if (named(e, "path") || named(e, "scenario"))
        key = "id";
    else if (named(e, "escalate"))
        key = "to";
    char *v = key ? attr(e, key) : NULL;
    if (v && strlen(v) > 60)
        strcpy(v + 57, "...");
    if (v)
        snprintf(buf, size, "<%s %s=\"%s\">", (const char *)e->name, key, v);
    else
        snprintf(buf, size, "<%s>", (const char *)e->name);
    free(v);
}

static int valid_id(const char *s)
{
    if (!s || !*s)
        return 0;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '.' || ch == '-' || ch == '_'))
            return 0;
    }
    return 1;
}

/* One allowed child of a container: its name, at least MIN of it, more than
 * one allowed when MANY. Tables list children in their required order. */
typedef struct rule {
    const char *name;
    unsigned char min;
    unsigned char many;
} rule;

static const rule playbook_rules[] = {
    {"title", 1, 0},   {"summary", 0, 0},  {"category", 1, 0},        {"product", 0, 1},
    {"channel", 0, 1}, {"severity", 0, 0}, {"emotional-impact", 0, 0}, {"owner", 0, 0},
    {"review-by", 0, 0}, {"tag", 0, 1},    {"symptom", 0, 1},         {"says", 0, 1},
    {"acknowledge", 0, 1}, {"path", 1, 1}, {"escalate", 0, 1},        {"trigger", 0, 1},
    {"scenario", 0, 1}, {"related", 0, 1}};
static const rule article_rules[] = {
    {"title", 1, 0},   {"summary", 0, 0}, {"category", 1, 0},  {"product", 0, 1},
    {"channel", 0, 1}, {"owner", 0, 0},   {"review-by", 0, 0}, {"tag", 0, 1},
    {"body", 1, 0},    {"related", 0, 1}};
static const rule path_rules[] = {{"title", 1, 0}, {"when", 0, 1}, {"step", 1, 1}};
static const rule escalate_rules[] = {{"when", 1, 1}};
static const rule scenario_rules[] = {
    {"persona", 1, 0}, {"opening", 1, 0}, {"twist", 0, 0}, {"good-handling", 1, 0}};
static const rule synonyms_rules[] = {{"group", 0, 1}};
static const rule group_rules[] = {{"term", 2, 1}};
static const rule list_rules[] = {{"li", 1, 1}};
#define N_RULES(r) (sizeof(r) / sizeof((r)[0]))

static const char *const status_values[] = {"draft", "review", "published", "retired", NULL};
static const char *const channel_values[] = {"voice", "chat", "email", "social", "sms", NULL};
static const char *const severity_values[] = {"low", "medium", "high", "critical", NULL};
static const char *const impact_values[] = {"low", "medium", "high", NULL};
static const char *const authority_values[] = {"agent", "supervisor", "specialist", NULL};
static const char *const difficulty_values[] = {"easy", "medium", "hard", NULL};

static void join_values(const char *const *values, char *buf, size_t size)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; values[i] && at < size; i++)
        at += (size_t)snprintf(buf + at, size - at, "%s%s", i ? ", " : "", values[i]);
}

static int in_values(const char *v, const char *const *values)
{
    for (size_t i = 0; values[i]; i++)
        if (strcmp(v, values[i]) == 0)
            return 1;
    return 0;
}

/* Where an element that turns up in the wrong place belongs, for the hint. */
static const char *home_of(const char *name)
{
    static const char *const homes[][2] = {
        {"step", "<path>"},        {"when", "<path> or <escalate>"},
        {"persona", "<scenario>"}, {"opening", "<scenario>"},
        {"twist", "<scenario>"},   {"good-handling", "<scenario>"},
        {"h2", "<body>"},          {"h3", "<body>"},
        {"p", "<body>"},           {"ul", "<body>"},
        {"ol", "<body>"},          {"li", "<ul> or <ol>"},
        {"term", "<group>"},       {"group", "<synonyms>"},
        {"em", "<p>, <li> or a heading"}, {"strong", "<p>, <li> or a heading"},
        {"code", "<p>, <li> or a heading"}, {"a", "<p>, <li> or a heading"}};
    for (size_t i = 0; i < sizeof homes / sizeof homes[0]; i++)
        if (strcmp(homes[i][0], name) == 0)
            return homes[i][1];
    return NULL;
}

/* Reports text, foreign and unknown elements among E's children, and children
 * missing, repeated or out of the order RULES give. */
static void check_children(loadctx *c, const xmlNode *e, const rule *rules, size_t n)
{
    char desc[128];
    unsigned counts[32] = {0};
    size_t cur = 0;
    int seen = 0;
    describe(e, desc, sizeof desc);
    for (const xmlNode *k = e->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            if (!is_blank(k->content))
                fail(c, k, "text is not allowed directly in %s; put it inside an element", desc);
            continue;
        }
        if (k->type != XML_ELEMENT_NODE)
            continue; /* comments and processing instructions */
        if (k->ns) {
            fail(c, k, "<%s%s%s> is in namespace \"%s\"; edgecase elements take no namespace",
                 k->ns->prefix ? (const char *)k->ns->prefix : "", k->ns->prefix ? ":" : "",
                 (const char *)k->name, k->ns->href ? (const char *)k->ns->href : "");
            continue;
        }
        size_t j = 0;
        while (j < n && strcmp(rules[j].name, (const char *)k->name) != 0)
            j++;
        if (j == n) {
            const char *home = home_of((const char *)k->name);
            if (home && !strstr(home, (const char *)e->name))
                fail(c, k, "<%s> is not allowed in %s; it belongs inside %s", (const char *)k->name,
                     desc, home);
            else
                fail(c, k, "<%s> is not allowed in %s; see edgecase-playbook(5) for what goes where",
                     (const char *)k->name, desc);
            continue;
        }
        counts[j]++;
        if (seen && j < cur) {
            fail(c, k, "<%s> must come before <%s>", rules[j].name, rules[cur].name);
            continue;
        }
        if (counts[j] > 1 && !rules[j].many)
            fail(c, k, "%s has more than one <%s>; keep one", desc, rules[j].name);
        cur = j;
        seen = 1;
    }
    for (size_t j = 0; j < n; j++) {
        if (counts[j] >= rules[j].min)
            continue;
        if (rules[j].min == 2)
            fail(c, e, "%s needs at least two <%s>s", desc, rules[j].name);
        else if (rules[j].many)
            fail(c, e, "%s needs at least one <%s>", desc, rules[j].name);
        else
            fail(c, e, "%s needs %s <%s>", desc, article_for(rules[j].name), rules[j].name);
    }
}

/* Reports attributes of E other than the NULL-terminated ALLOWED names. */
static void check_attributes(loadctx *c, const xmlNode *e, const char *const *allowed)
{
    char desc[128];
    describe(e, desc, sizeof desc);
    for (const xmlAttr *a = e->properties; a; a = a->next) {
        int ok = !a->ns;
        if (ok) {
            ok = 0;
            for (size_t i = 0; allowed && allowed[i]; i++)
                ok |= strcmp((const char *)a->name, allowed[i]) == 0;
        }
        if (!ok)
            fail(c, e, "%s has an unknown attribute \"%s%s%s\"; remove it", desc,
                 a->ns && a->ns->prefix ? (const char *)a->ns->prefix : "",
                 a->ns && a->ns->prefix ? ":" : "", (const char *)a->name);
    }
}

static void set_str(char **dst, char *v)
{
    free(*dst);
    *dst = v;
}

static void push(loadctx *c, ec_strv *v, char *s)
{
    if (!s)
        return;
    if (ec_strv_push_owned(v, s) < 0)
        c->oom = 1;
}

/* Grows *ITEMS (of *N elements of SIZE bytes) by one zeroed element; returns
 * it, or NULL on OOM. */
static void *grow(loadctx *c, void *items_p, size_t *n, size_t size)
{
    void **items = items_p;
    char *p = realloc(*items, (*n + 1) * size);
    if (!p) {
        c->oom = 1;
        return NULL;
    }
    *items = p;
    memset(p + *n * size, 0, size);
    return p + (*n)++ * size;
}

/* The text of a text-only element E, whitespace collapsed (malloc'd, NULL on
 * OOM). Elements inside it and attributes on it are reported. */
static char *plain_text(loadctx *c, const xmlNode *e)
{
    ec_buf b = EC_BUF_INIT;
    check_attributes(c, e, NULL);
    for (const xmlNode *k = e->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE)
            ec_buf_puts(&b, (const char *)k->content);
        else if (k->type == XML_ELEMENT_NODE)
            fail(c, k, "<%s> may hold only text, not <%s>", (const char *)e->name,
                 (const char *)k->name);
    }
    char *s = ec_buf_steal(&b);
    if (!s) {
        c->oom = 1;
        return NULL;
    }
    collapse(s);
    return s;
}

/* Text that must not be blank. */
static char *text(loadctx *c, const xmlNode *e)
{
    char *s = plain_text(c, e);
    if (s && !*s)
        fail(c, e, "<%s> is empty; write its text", (const char *)e->name);
    return s;
}

/* One word: a category or product. */
static char *word(loadctx *c, const xmlNode *e)
{
    char *s = text(c, e);
    if (s && strchr(s, ' '))
        fail(c, e, "<%s> \"%s\" must be one word; use '-' instead of spaces", (const char *)e->name, s);
    return s;
}

static char *enum_text(loadctx *c, const xmlNode *e, const char *const *values)
{
    char *s = plain_text(c, e);
    if (s && !in_values(s, values)) {
        char list[128];
        join_values(values, list, sizeof list);
        fail(c, e, "<%s> \"%s\" is not allowed; use one of: %s", (const char *)e->name, s, list);
    }
    return s;
}

/* Required attribute NAME of E whose value is an id. */
static char *id_attr(loadctx *c, const xmlNode *e, const char *name)
{
    char *v = attr(e, name);
    if (!v) {
        fail(c, e, "<%s> needs %s %s=\"...\" attribute", (const char *)e->name, article_for(name), name);
        return NULL;
    }
    if (!valid_id(v))
        fail(c, e, "<%s> %s=\"%s\" may use only letters, digits, '.', '-' and '_'",
             (const char *)e->name, name, v);
    return v;
}

static char *enum_attr(loadctx *c, const xmlNode *e, const char *name, const char *const *values)
{
    char list[128];
    join_values(values, list, sizeof list);
    char *v = attr(e, name);
    if (!v) {
        fail(c, e, "<%s> needs %s %s=\"...\" attribute, one of: %s", (const char *)e->name,
             article_for(name), name, list);
        return NULL;
    }
    collapse(v);
    if (!in_values(v, values))
        fail(c, e, "<%s> %s=\"%s\" is not allowed; use one of: %s", (const char *)e->name, name, v,
             list);
    return v;
}

/* <related ref="..."/> */
static void load_related(loadctx *c, ec_meta *m, const xmlNode *e)
{
    static const char *const allowed[] = {"ref", NULL};
    check_attributes(c, e, allowed);
    for (const xmlNode *k = e->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE ||
            ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) && !is_blank(k->content))) {
            fail(c, e, "<related> must be empty, like <related ref=\"kb.some-article\"/>");
            break;
        }
    char *ref = id_attr(c, e, "ref");
    if (!ref)
        return;
    ec_related *r = grow(c, &m->related, &m->n_related, sizeof *r);
    if (!r) {
        free(ref);
        return;
    }
    r->ref = ref;
    r->line = xmlGetLineNo(e);
}

/* The id, status and version attributes of a playbook or article. */
static void load_root_attributes(loadctx *c, ec_meta *m, const xmlNode *root)
{
    static const char *const allowed[] = {"id", "status", "version", NULL};
    check_attributes(c, root, allowed);
    m->line = xmlGetLineNo(root);
    m->id = id_attr(c, root, "id");
    m->status = enum_attr(c, root, "status", status_values);
    char *v = attr(root, "version");
    if (!v) {
        fail(c, root, "<%s> needs a version=\"...\" attribute, a whole number of 1 or more",
             (const char *)root->name);
        return;
    }
    collapse(v);
    char *end = NULL;
    errno = 0;
    long n = (*v >= '0' && *v <= '9') ? strtol(v, &end, 10) : 0;
    if (!end || *end || errno || n < 1 || n > INT_MAX)
        fail(c, root, "<%s> version=\"%s\" must be a whole number of 1 or more",
             (const char *)root->name, v);
    else
        m->version = (int)n;
    free(v);
}

/* The metadata elements playbooks and articles share; returns 1 if E was one. */
static int load_meta_child(loadctx *c, ec_meta *m, const xmlNode *e)
{
    if (named(e, "title"))
        set_str(&m->title, text(c, e));
    else if (named(e, "summary"))
        set_str(&m->summary, text(c, e));
    else if (named(e, "category"))
        set_str(&m->category, word(c, e));
    else if (named(e, "product"))
        push(c, &m->products, word(c, e));
    else if (named(e, "channel"))
        push(c, &m->channels, enum_text(c, e, channel_values));
    else if (named(e, "owner"))
        set_str(&m->owner, text(c, e));
    else if (named(e, "tag"))
        push(c, &m->tags, text(c, e));
    else if (named(e, "related"))
        load_related(c, m, e);
    else if (named(e, "review-by")) {
        char *d = text(c, e);
        if (d && *d && !ec_valid_iso_date(d))
            fail(c, e, "<review-by> \"%s\" is not a real date; write YYYY-MM-DD", d);
        set_str(&m->review_by, d);
        m->review_by_line = xmlGetLineNo(e);
    } else
        return 0;
    return 1;
}

static void load_path(loadctx *c, ec_playbook *pb, const xmlNode *e)
{
    static const char *const allowed[] = {"id", "authority", NULL};
    check_attributes(c, e, allowed);
    check_children(c, e, path_rules, N_RULES(path_rules));
    ec_path *p = grow(c, &pb->paths, &pb->n_paths, sizeof *p);
    if (!p)
        return;
    p->line = xmlGetLineNo(e);
    p->id = id_attr(c, e, "id");
    p->authority = enum_attr(c, e, "authority", authority_values);
    for (const xmlNode *k = e->children; k; k = k->next) {
        if (named(k, "title"))
            set_str(&p->title, text(c, k));
        else if (named(k, "when"))
            push(c, &p->when, text(c, k));
        else if (named(k, "step"))
            push(c, &p->steps, text(c, k));
    }
}

static void load_escalation(loadctx *c, ec_playbook *pb, const xmlNode *e)
{
    static const char *const allowed[] = {"to", NULL};
    check_attributes(c, e, allowed);
    check_children(c, e, escalate_rules, N_RULES(escalate_rules));
    ec_escalation *x = grow(c, &pb->escalations, &pb->n_escalations, sizeof *x);
    if (!x)
        return;
    x->line = xmlGetLineNo(e);
    x->to = id_attr(c, e, "to");
    for (const xmlNode *k = e->children; k; k = k->next)
        if (named(k, "when"))
            push(c, &x->when, text(c, k));
}

static void load_scenario(loadctx *c, ec_playbook *pb, const xmlNode *e)
{
    static const char *const allowed[] = {"id", "difficulty", NULL};
    check_attributes(c, e, allowed);
    check_children(c, e, scenario_rules, N_RULES(scenario_rules));
    ec_scenario *s = grow(c, &pb->scenarios, &pb->n_scenarios, sizeof *s);
    if (!s)
        return;
    s->line = xmlGetLineNo(e);
    s->id = id_attr(c, e, "id");
    s->difficulty = enum_attr(c, e, "difficulty", difficulty_values);
    for (const xmlNode *k = e->children; k; k = k->next) {
        if (named(k, "persona"))
            set_str(&s->persona, text(c, k));
        else if (named(k, "opening"))
            set_str(&s->opening, text(c, k));
        else if (named(k, "twist"))
            set_str(&s->twist, text(c, k));
        else if (named(k, "good-handling"))
            set_str(&s->good_handling, text(c, k));
    }
}

/* One id of a path or scenario, for finding repeats. */
typedef struct id_at {
    const char *id;
    long line;
    size_t order;
} id_at;

static int cmp_id_at(const void *a, const void *b)
{
    const id_at *x = a, *y = b;
    int r = strcmp(x->id, y->id);
    return r ? r : (x->order > y->order) - (x->order < y->order);
}

/* Reports every id in IDS (N of them, sorted here) that repeats an earlier
 * one, naming the first. Sorting keeps a playbook of 100,000 paths linear-ish
 * where comparing each with all before it took minutes. */
static void report_repeats(loadctx *c, id_at *ids, size_t n, const char *what)
{
    if (n > 1)
        qsort(ids, n, sizeof *ids, cmp_id_at);
    for (size_t i = 1, first = 0; i < n; i++) {
        if (strcmp(ids[i].id, ids[first].id) != 0) {
            first = i;
            continue;
        }
        c->errors++;
        if (c->errors <= MAX_FILE_ERRORS)
            ec_diags_add(c->diags, EC_SEV_ERROR, c->file, ids[i].line,
                         "<%s id=\"%s\"> repeats the id of the %s at line %ld; give each %s of a playbook its own id",
                         what, ids[i].id, what, ids[first].line, what);
    }
}

static void check_unique_ids(loadctx *c, const ec_playbook *pb)
{
    size_t most = pb->n_paths > pb->n_scenarios ? pb->n_paths : pb->n_scenarios;
    id_at *ids = malloc((most ? most : 1) * sizeof *ids);
    if (!ids) {
        c->oom = 1;
        return;
    }
    size_t n = 0;
    for (size_t i = 0; i < pb->n_paths; i++)
        if (pb->paths[i].id)
            ids[n++] = (id_at){pb->paths[i].id, pb->paths[i].line, i};
    report_repeats(c, ids, n, "path");
    n = 0;
    for (size_t i = 0; i < pb->n_scenarios; i++)
        if (pb->scenarios[i].id)
            ids[n++] = (id_at){pb->scenarios[i].id, pb->scenarios[i].line, i};
    report_repeats(c, ids, n, "scenario");
    free(ids);
}

static void load_playbook(loadctx *c, ec_playbook *pb, const xmlNode *root)
{
    load_root_attributes(c, &pb->meta, root);
    check_children(c, root, playbook_rules, N_RULES(playbook_rules));
    for (const xmlNode *e = root->children; e && !c->oom; e = e->next) {
        if (e->type != XML_ELEMENT_NODE || e->ns || load_meta_child(c, &pb->meta, e))
            continue;
        if (named(e, "severity"))
            set_str(&pb->severity, enum_text(c, e, severity_values));
        else if (named(e, "emotional-impact"))
            set_str(&pb->emotional_impact, enum_text(c, e, impact_values));
        else if (named(e, "symptom"))
            push(c, &pb->symptoms, text(c, e));
        else if (named(e, "says"))
            push(c, &pb->says, text(c, e));
        else if (named(e, "acknowledge"))
            push(c, &pb->acknowledge, text(c, e));
        else if (named(e, "path"))
            load_path(c, pb, e);
        else if (named(e, "escalate"))
            load_escalation(c, pb, e);
        else if (named(e, "trigger"))
            push(c, &pb->triggers, text(c, e));
        else if (named(e, "scenario"))
            load_scenario(c, pb, e);
    }
    if (!c->oom)
        check_unique_ids(c, pb);
}

/* Appends the text of inline content E (text, em, strong, code, a) to B,
 * reporting anything else. */
static void inline_text(loadctx *c, const xmlNode *block, const xmlNode *e, ec_buf *b)
{
    for (const xmlNode *k = e->children; k; k = k->next) {
        if (k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) {
            ec_buf_puts(b, (const char *)k->content);
        } else if (named(k, "em") || named(k, "strong")) {
            check_attributes(c, k, NULL);
            inline_text(c, block, k, b);
        } else if (named(k, "code")) {
            char *s = plain_text(c, k);
            ec_buf_puts(b, s ? s : "");
            free(s);
        } else if (named(k, "a")) {
            static const char *const allowed[] = {"href", NULL};
            check_attributes(c, k, allowed);
            char *href = attr(k, "href");
            if (!href)
                fail(c, k, "<a> needs an href=\"...\" attribute");
            free(href);
            inline_text(c, block, k, b);
        } else if (k->type == XML_ELEMENT_NODE) {
            fail(c, k, "<%s> is not allowed in <%s>; use <em>, <strong>, <code> or <a href=\"...\">",
                 (const char *)k->name, (const char *)block->name);
        }
    }
}

static void add_block(loadctx *c, ec_article *a, ec_block_kind kind, const xmlNode *e)
{
    ec_buf b = EC_BUF_INIT;
    check_attributes(c, e, NULL);
    inline_text(c, e, e, &b);
    char *s = ec_buf_steal(&b);
    if (!s) {
        c->oom = 1;
        return;
    }
    collapse(s);
    if (!*s) { /* nothing to show or search */
        free(s);
        return;
    }
    ec_block *blk = grow(c, &a->blocks, &a->n_blocks, sizeof *blk);
    if (!blk) {
        free(s);
        return;
    }
    blk->kind = kind;
    blk->text = s;
}

static void load_body(loadctx *c, ec_article *a, const xmlNode *body)
{
    int blocks = 0;
    check_attributes(c, body, NULL);
    for (const xmlNode *e = body->children; e && !c->oom; e = e->next) {
        if (e->type == XML_TEXT_NODE || e->type == XML_CDATA_SECTION_NODE) {
            if (!is_blank(e->content))
                fail(c, e, "text is not allowed directly in <body>; put it in a <p>");
            continue;
        }
        if (e->type != XML_ELEMENT_NODE)
            continue;
        blocks++;
        if (named(e, "h2") || named(e, "h3")) {
            add_block(c, a, EC_BLOCK_HEADING, e);
        } else if (named(e, "p")) {
            add_block(c, a, EC_BLOCK_PARAGRAPH, e);
        } else if (named(e, "ul") || named(e, "ol")) {
            check_attributes(c, e, NULL);
            check_children(c, e, list_rules, N_RULES(list_rules));
            for (const xmlNode *k = e->children; k; k = k->next)
                if (named(k, "li"))
                    add_block(c, a, EC_BLOCK_ITEM, k);
        } else {
            fail(c, e, "<%s> is not allowed in <body>; use <h2>, <h3>, <p>, <ul> or <ol>",
                 (const char *)e->name);
        }
    }
    if (!blocks)
        fail(c, body, "<body> needs at least one <h2>, <h3>, <p>, <ul> or <ol>");
}

static void load_article(loadctx *c, ec_article *a, const xmlNode *root)
{
    load_root_attributes(c, &a->meta, root);
    check_children(c, root, article_rules, N_RULES(article_rules));
    for (const xmlNode *e = root->children; e && !c->oom; e = e->next) {
        if (e->type != XML_ELEMENT_NODE || e->ns || load_meta_child(c, &a->meta, e))
            continue;
        if (named(e, "body"))
            load_body(c, a, e);
    }
}

static void load_synonyms(loadctx *c, ec_synonyms *syn, const xmlNode *root)
{
    check_attributes(c, root, NULL);
    check_children(c, root, synonyms_rules, N_RULES(synonyms_rules));
    for (const xmlNode *e = root->children; e && !c->oom; e = e->next) {
        if (!named(e, "group"))
            continue;
        check_attributes(c, e, NULL);
        check_children(c, e, group_rules, N_RULES(group_rules));
        ec_synonym_group *g = grow(c, &syn->groups, &syn->n_groups, sizeof *g);
        if (!g)
            return;
        g->line = xmlGetLineNo(e);
        for (const xmlNode *k = e->children; k; k = k->next)
            if (named(k, "term"))
                push(c, &g->terms, text(c, k));
    }
}

/* ---- byte checks ---- */

/* Length of the valid UTF-8 sequence at P (N bytes left), or 0. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
    unsigned char b = p[0];
    size_t len;
    unsigned cp;
    if (b < 0x80)
        return 1;
    if (b >= 0xC2 && b <= 0xDF)
        len = 2, cp = b & 0x1F;
    else if (b >= 0xE0 && b <= 0xEF)
        len = 3, cp = b & 0x0F;
    else if (b >= 0xF0 && b <= 0xF4)
        len = 4, cp = b & 0x07;
    else
        return 0;
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return len;
}

/* Refuses what is not UTF-8 text before libxml2 sees it, naming the line. */
static int check_bytes(loadctx *c, const unsigned char *buf, size_t len)
{
    size_t i = (len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) ? 3 : 0;
    size_t start = i;
    while (start < len && is_xml_space(buf[start]))
        start++;
    if (start == len) {
        ec_diags_add(c->diags, EC_SEV_ERROR, c->file, 0,
                     "file is empty; an edgecase file starts with <playbook>, <article> or <synonyms>");
        c->errors++;
        return -1;
    }
    long line = 1;
    /* A light scan of the markup alongside: libxml2 compares each attribute
     * of an element with all the others (duplicate check), so an element
     * with 600,000 attributes took half an hour. Attributes are the '='
     * signs inside a start tag, outside quotes; comments, CDATA sections,
     * processing instructions and declarations are skipped. */
    enum { TEXT, TAG, QUOTE, SKIP } state = TEXT;
    const char *skip_end = NULL; /* what ends the SKIP state */
    unsigned char quote = 0;
    size_t attrs = 0;
    while (i < len) {
        unsigned char ch = buf[i];
        switch (state) {
        case TEXT:
            if (ch == '<' && i + 1 < len) {
                const char *rest = (const char *)buf + i + 1;
                size_t left = len - i - 1;
                if (left >= 3 && memcmp(rest, "!--", 3) == 0)
                    state = SKIP, skip_end = "-->";
                else if (left >= 8 && memcmp(rest, "![CDATA[", 8) == 0)
                    state = SKIP, skip_end = "]]>";
                else if (rest[0] == '?')
                    state = SKIP, skip_end = "?>";
                else if (rest[0] == '!' || rest[0] == '/')
                    state = SKIP, skip_end = ">";
                else
                    state = TAG, attrs = 0;
            }
            break;
        case TAG:
            if (ch == '"' || ch == '\'')
                state = QUOTE, quote = ch;
            else if (ch == '>')
                state = TEXT;
            else if (ch == '=' && ++attrs > EC_LOAD_MAX_ATTRIBUTES) {
                ec_diags_add(c->diags, EC_SEV_ERROR, c->file, line,
                             "an element has more than %d attributes; edgecase elements take at most 4",
                             EC_LOAD_MAX_ATTRIBUTES);
                c->errors++;
                return -1;
            }
            break;
        case QUOTE:
            if (ch == quote)
                state = TAG;
            break;
        case SKIP: {
            size_t n = strlen(skip_end);
            if (ch == (unsigned char)skip_end[n - 1] && i + 1 >= n &&
                memcmp(buf + i + 1 - n, skip_end, n) == 0)
                state = TEXT;
            break;
        }
        }
        if (buf[i] == '\n')
            line++;
        if (buf[i] == 0) {
            ec_diags_add(c->diags, EC_SEV_ERROR, c->file, line,
                         "file contains a NUL byte; edgecase files are UTF-8 text");
            c->errors++;
            return -1;
        }
        size_t n = utf8_len(buf + i, len - i);
        if (!n) {
            ec_diags_add(c->diags, EC_SEV_ERROR, c->file, line,
                         "invalid UTF-8 (byte 0x%02X); save the file as UTF-8", buf[i]);
            c->errors++;
            return -1;
        }
        i += n;
    }
    return 0;
}

/* UTF-16 (LEN bytes after a byte-order mark, big-endian when BE) as UTF-8,
 * so it gets the same checks as any file and libxml2 parses only UTF-8.
 * Returns a malloc'd buffer of *OUT_LEN bytes, or NULL: invalid UTF-16 (*LINE
 * says where; 0 means out of memory). Newlines map one to one, so line
 * numbers stay right. */
static char *utf16_to_utf8(const unsigned char *p, size_t len, int be, size_t *out_len, long *line)
{
    *line = 1;
    if (len % 2)
        return NULL;
    /* Each 2-byte unit gives at most 3 bytes; a surrogate pair 4 for 4. */
    char *out = malloc(len / 2 * 3 + 1);
    if (!out) {
        *line = 0;
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < len; i += 2) {
        unsigned cp = be ? (unsigned)(p[i] << 8 | p[i + 1]) : (unsigned)(p[i + 1] << 8 | p[i]);
        if (cp >= 0xDC00 && cp <= 0xDFFF)
            goto bad;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 3 >= len)
                goto bad;
            unsigned lo = be ? (unsigned)(p[i + 2] << 8 | p[i + 3]) : (unsigned)(p[i + 3] << 8 | p[i + 2]);
            if (lo < 0xDC00 || lo > 0xDFFF)
                goto bad;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
            i += 2;
        }
        if (cp == '\n')
            (*line)++;
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            out[o++] = (char)(0xC0 | cp >> 6);
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[o++] = (char)(0xE0 | cp >> 12);
            out[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | cp >> 18);
            out[o++] = (char)(0x80 | (cp >> 12 & 0x3F));
            out[o++] = (char)(0x80 | (cp >> 6 & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
bad:
    free(out);
    return NULL;
}

/* ---- loading ---- */

static ec_status validate(ec_loader *L, loadctx *c, xmlDocPtr doc, int schema)
{
    xmlRelaxNGValidCtxtPtr v = xmlRelaxNGNewValidCtxt(L->schemas[schema]);
    if (!v)
        return EC_ERR_NOMEM;
    xmlRelaxNGSetValidStructuredErrors(v, (xmlStructuredErrorFunc)on_xml_error, L);
    L->validating = 1;
    L->errors = 0;
    int rc = xmlRelaxNGValidateDoc(v, doc);
    L->validating = 0;
    xmlRelaxNGFreeValidCtxt(v);
    c->errors += L->errors;
    if (rc != 0 && L->errors == 0) {
        fail(c, xmlDocGetRootElement(doc), "does not match the schema");
    }
    return rc == 0 ? EC_OK : EC_ERR_INVALID;
}

static ec_status load_utf8(ec_loader *L, const char *name, const char *buf, size_t len,
                           int transcoded, ec_document **out, ec_diags *diags);

/* The first element under ROOT in an XInclude namespace, or NULL. Walks
 * without recursion (libxml2 already caps the depth, but a loop is free). */
static const xmlNode *find_xinclude(const xmlNode *root)
{
    const xmlNode *e = root;
    while (e) {
        if (e->type == XML_ELEMENT_NODE && e->ns && e->ns->href &&
            (xmlStrcmp(e->ns->href, BAD_CAST "http://www.w3.org/2001/XInclude") == 0 ||
             xmlStrcmp(e->ns->href, BAD_CAST "http://www.w3.org/2003/XInclude") == 0))
            return e;
        if (e->children && e->type == XML_ELEMENT_NODE) {
            e = e->children;
            continue;
        }
        while (e && e != root && !e->next)
            e = e->parent;
        if (!e || e == root)
            return NULL;
        e = e->next;
    }
    return NULL;
}

ec_status ec_load_memory(ec_loader *L, const char *name, const char *buf, size_t len,
                         ec_document **out, ec_diags *diags)
{
    const unsigned char *u = (const unsigned char *)buf;
    *out = NULL;
    if (len > EC_LOAD_MAX_BYTES) {
        ec_diags_add(diags, EC_SEV_ERROR, name, 0,
                     "file is %zu bytes; edgecase files may be at most 8 MiB", len);
        return EC_ERR_IO;
    }
    if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE))) {
        size_t n = 0;
        long line = 0;
        char *utf8 = utf16_to_utf8(u + 2, len - 2, u[0] == 0xFE, &n, &line);
        if (!utf8 && !line)
            return EC_ERR_NOMEM;
        if (!utf8) {
            ec_diags_add(diags, EC_SEV_ERROR, name, line,
                         "invalid UTF-16 (a broken surrogate pair or an odd number of bytes); "
                         "save the file as UTF-8");
            return EC_ERR_PARSE;
        }
        ec_status st = load_utf8(L, name, utf8, n, 1, out, diags);
        free(utf8);
        return st;
    }
    return load_utf8(L, name, buf, len, 0, out, diags);
}

/* Loads LEN bytes of what should be UTF-8 (TRANSCODED: converted from
 * UTF-16 by us, so its XML declaration's encoding is to be ignored). */
static ec_status load_utf8(ec_loader *L, const char *name, const char *buf, size_t len,
                           int transcoded, ec_document **out, ec_diags *diags)
{
    loadctx c = {name, diags, 0, 0};
    ec_document *doc = NULL;
    xmlDocPtr xml = NULL;
    ec_status st = EC_OK;
    saved_handlers saved;
    if (check_bytes(&c, (const unsigned char *)buf, len) < 0)
        return EC_ERR_PARSE;

    L->file = name;
    L->diags = diags;
    L->errors = 0;
    L->doctype_line = 0;
    L->parse_reported = 0;
    L->validating = 0;
    quiet_begin(L, &saved);
    xml = xmlCtxtReadMemory(L->parser, buf, (int)len, name, transcoded ? "UTF-8" : NULL,
                            PARSE_OPTIONS | (transcoded ? XML_PARSE_IGNORE_ENC : 0));
    L->parser->_private = L; /* in case the reset cleared it */
    if (L->doctype_line || (xml && (xml->intSubset || xml->extSubset))) {
        ec_diags_add(diags, EC_SEV_ERROR, name, L->doctype_line ? L->doctype_line : 1,
                     "DTDs are not allowed in edgecase files; remove the <!DOCTYPE> declaration");
        st = EC_ERR_PARSE;
        goto out;
    }
    if (!xml || !L->parser->wellFormed) {
        if (!L->parse_reported)
            ec_diags_add(diags, EC_SEV_ERROR, name, 0, "not well-formed XML");
        st = EC_ERR_PARSE;
        goto out;
    }
    xmlNodePtr root = xmlDocGetRootElement(xml);
    int schema;
    doc = calloc(1, sizeof *doc);
    if (!doc || !(doc->file = ec_strdup(name))) {
        st = EC_ERR_NOMEM;
        goto out;
    }
    if (!root) {
        fail(&c, NULL, "no root element; an edgecase file starts with <playbook>, <article> or <synonyms>");
        st = EC_ERR_PARSE;
        goto out;
    }
    if (root->ns) {
        fail(&c, root, "<%s> is in namespace \"%s\"; edgecase elements take no namespace",
             (const char *)root->name, root->ns->href ? (const char *)root->ns->href : "");
        st = EC_ERR_INVALID;
        goto out;
    }
    const xmlNode *xi = find_xinclude(root);
    if (xi) {
        /* The parser never runs XInclude (no XML_PARSE_XINCLUDE), so this
         * only says why the text the author expected is missing. */
        fail(&c, xi, "<%s%s%s> is XInclude, which edgecase never processes (a file may not pull "
                     "in another); put the text in this file",
             xi->ns->prefix ? (const char *)xi->ns->prefix : "", xi->ns->prefix ? ":" : "",
             (const char *)xi->name);
        st = EC_ERR_INVALID;
        goto out;
    }
    if (named(root, "playbook")) {
        doc->kind = EC_DOC_PLAYBOOK;
        schema = SCHEMA_PLAYBOOK;
        load_playbook(&c, &doc->u.playbook, root);
    } else if (named(root, "article")) {
        doc->kind = EC_DOC_ARTICLE;
        schema = SCHEMA_ARTICLE;
        load_article(&c, &doc->u.article, root);
    } else if (named(root, "synonyms")) {
        doc->kind = EC_DOC_SYNONYMS;
        schema = SCHEMA_SYNONYMS;
        load_synonyms(&c, &doc->u.synonyms, root);
    } else {
        fail(&c, root,
             "root element is <%s>; an edgecase file starts with <playbook>, <article> or <synonyms>",
             (const char *)root->name);
        st = EC_ERR_INVALID;
        goto out;
    }
    if (c.oom) {
        st = EC_ERR_NOMEM;
        goto out;
    }
    if (c.errors) {
        report_unshown(&c);
        st = EC_ERR_INVALID;
        goto out;
    }
    st = validate(L, &c, xml, schema);
out:
    quiet_end(&saved);
    L->file = NULL;
    L->diags = NULL;
    if (xml)
        xmlFreeDoc(xml);
    if (st == EC_OK) {
        *out = doc;
    } else {
        ec_document_free(doc); /* a partial model, freed by its kind */
    }
    return st;
}

ec_status ec_load_read(const char *path, char **buf, size_t *len, ec_diags *diags)
{
    *buf = NULL;
    *len = 0;
    int e = ec_read_file(path, EC_LOAD_MAX_BYTES, buf, len);
    if (e == EFBIG) {
        struct stat st;
        if (stat(path, &st) == 0)
            ec_diags_add(diags, EC_SEV_ERROR, path, 0,
                         "file is %lld bytes; edgecase files may be at most 8 MiB",
                         (long long)st.st_size);
        else
            ec_diags_add(diags, EC_SEV_ERROR, path, 0, "file is larger than 8 MiB, the most an edgecase file may be");
        return EC_ERR_IO;
    }
    if (e == EISDIR) {
        ec_diags_add(diags, EC_SEV_ERROR, path, 0,
                     "is a directory, not a file; name the directory itself to read the .xml files in it");
        return EC_ERR_IO;
    }
    if (e == ENODEV) {
        ec_diags_add(diags, EC_SEV_ERROR, path, 0,
                     "is not a regular file (a pipe, socket or device); edgecase reads only .xml files");
        return EC_ERR_IO;
    }
    if (e == EACCES) {
        ec_diags_add(diags, EC_SEV_ERROR, path, 0,
                     "cannot read: permission denied; make the file readable by this user (chmod a+r)");
        return EC_ERR_IO;
    }
    if (e) {
        ec_diags_add(diags, EC_SEV_ERROR, path, 0, "cannot read: %s", strerror(e));
        return e == ENOMEM ? EC_ERR_NOMEM : EC_ERR_IO;
    }
    return EC_OK;
}

ec_status ec_load_file(ec_loader *loader, const char *path, ec_document **out, ec_diags *diags)
{
    char *buf = NULL;
    size_t len = 0;
    *out = NULL;
    ec_status st = ec_load_read(path, &buf, &len, diags);
    if (st != EC_OK)
        return st;
    st = ec_load_memory(loader, path, buf, len, out, diags);
    free(buf);
    return st;
}
