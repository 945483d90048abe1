/* playbook-view.c: a playbook or article as an agent reads it mid-call.
 *
 * Order follows the call: what to say first, then the path to follow, then
 * when to escalate. The data is {"document": ec_searcher_document(),
 * "focus": PATH-ID or null, "related": [{"id", "title"}]}. */
#include "playbook-view.h"

#include <string.h>

static void heading(const printer_ctx *ctx, const char *text)
{
    /* No empty line before it: in a pipe an empty line ends the block. */
    fprintf(ctx->out, "%s%s%s\n", printer_style(ctx, "bold"), text, printer_style(ctx, "reset"));
}

/* Writes the strings of ARR (a JSON array), each wrapped, numbered from 1 when
 * NUMBERED, else after BULLET. */
static void list(const printer_ctx *ctx, json_object *arr, int numbered, const char *bullet)
{
    size_t n = arr ? json_object_array_length(arr) : 0;
    for (size_t i = 0; i < n; i++) {
        const char *s = json_object_get_string(json_object_array_get_idx(arr, i));
        char first[32];
        if (numbered)
            snprintf(first, sizeof first, "  %2zu. ", i + 1);
        else
            snprintf(first, sizeof first, "  %s ", bullet);
        printer_wrap(ctx, first, "      ", s ? s : "");
    }
}

static void join_line(const printer_ctx *ctx, json_object *arr, const char *label)
{
    size_t n = arr ? json_object_array_length(arr) : 0;
    if (n == 0)
        return;
    fprintf(ctx->out, "%s", label);
    for (size_t i = 0; i < n; i++)
        fprintf(ctx->out, "%s%s", i ? ", " : "",
                json_object_get_string(json_object_array_get_idx(arr, i)));
}

static void path_block(const printer_ctx *ctx, json_object *path)
{
    char head[512];
    snprintf(head, sizeof head, "PATH %s: %s [%s]", pj_str(path, "id"), pj_str(path, "title"),
             pj_str(path, "authority"));
    heading(ctx, head);
    json_object *when = pj_get(path, "when");
    if (when && json_object_array_length(when)) {
        fprintf(ctx->out, "  when:\n");
        list(ctx, when, 0, "  -");
    }
    list(ctx, pj_get(path, "steps"), 1, NULL);
}

static void playbook_text(const printer_ctx *ctx, json_object *doc, const char *focus)
{
    json_object *ack = pj_get(doc, "acknowledge");
    if (ack && json_object_array_length(ack)) {
        heading(ctx, "SAY FIRST");
        size_t n = json_object_array_length(ack);
        for (size_t i = 0; i < n; i++) {
            char quoted[2048];
            snprintf(quoted, sizeof quoted, "\"%s\"",
                     json_object_get_string(json_object_array_get_idx(ack, i)));
            printer_wrap(ctx, "  ", "   ", quoted);
        }
    }

    json_object *paths = pj_get(doc, "paths");
    size_t n_paths = paths ? json_object_array_length(paths) : 0;
    json_object *shown = NULL;
    for (size_t i = 0; i < n_paths && focus; i++)
        if (strcmp(pj_str(json_object_array_get_idx(paths, i), "id"), focus) == 0)
            shown = json_object_array_get_idx(paths, i);
    if (shown) {
        path_block(ctx, shown);
    } else {
        for (size_t i = 0; i < n_paths; i++)
            path_block(ctx, json_object_array_get_idx(paths, i));
    }

    json_object *esc = pj_get(doc, "escalate");
    size_t n_esc = esc ? json_object_array_length(esc) : 0;
    json_object *triggers = pj_get(doc, "triggers");
    if (n_esc || (triggers && json_object_array_length(triggers))) {
        heading(ctx, "ESCALATE");
        for (size_t i = 0; i < n_esc; i++) {
            json_object *e = json_object_array_get_idx(esc, i);
            fprintf(ctx->out, "  to %s%s%s when:\n", printer_style(ctx, "red"), pj_str(e, "to"),
                    printer_style(ctx, "reset"));
            list(ctx, pj_get(e, "when"), 0, "  -");
        }
        join_line(ctx, triggers, "  at once if the customer says: ");
        if (triggers && json_object_array_length(triggers))
            fputc('\n', ctx->out);
    }

    if (shown && n_paths > 1) {
        heading(ctx, "OTHER PATHS");
        for (size_t i = 0; i < n_paths; i++) {
            json_object *p = json_object_array_get_idx(paths, i);
            if (p != shown)
                fprintf(ctx->out, "  - %s: %s [%s]\n", pj_str(p, "id"), pj_str(p, "title"),
                        pj_str(p, "authority"));
        }
    }
}

static void article_text(const printer_ctx *ctx, json_object *doc)
{
    json_object *body = pj_get(doc, "body");
    size_t n = body ? json_object_array_length(body) : 0;
    int in_list = 0;
    for (size_t i = 0; i < n; i++) {
        json_object *b = json_object_array_get_idx(body, i);
        const char *kind = pj_str(b, "kind");
        const char *text = pj_str(b, "text");
        if (strcmp(kind, "heading") == 0) {
            heading(ctx, text);
            in_list = 0;
        } else if (strcmp(kind, "item") == 0) {
            printer_wrap(ctx, "  - ", "    ", text);
            in_list = 1;
        } else {
            if (in_list)
                fputc('\n', ctx->out);
            printer_wrap(ctx, "  ", "  ", text);
            in_list = 0;
        }
    }
}

static void document_text(const printer_ctx *ctx, json_object *data)
{
    json_object *doc = pj_get(data, "document");
    if (!doc)
        return;
    const char *focus = pj_str(data, "focus");
    int is_playbook = strcmp(pj_str(doc, "kind"), "playbook") == 0;

    fprintf(ctx->out, "%s%s%s  %s(%s, version %lld%s%s)%s\n", printer_style(ctx, "bold"),
            pj_str(doc, "title"), printer_style(ctx, "reset"), printer_style(ctx, "dim"),
            pj_str(doc, "id"), pj_int(doc, "version"),
            strcmp(pj_str(doc, "status"), "published") ? ", " : "",
            strcmp(pj_str(doc, "status"), "published") ? pj_str(doc, "status") : "",
            printer_style(ctx, "reset"));
    const char *summary = pj_str(doc, "summary");
    if (*summary)
        printer_wrap(ctx, "  ", "  ", summary);
    fprintf(ctx->out, "  %s", *pj_str(doc, "category") ? pj_str(doc, "category") : "-");
    join_line(ctx, pj_get(doc, "channels"), " | channels: ");
    if (is_playbook && *pj_str(doc, "severity"))
        fprintf(ctx->out, " | severity: %s", pj_str(doc, "severity"));
    if (is_playbook && *pj_str(doc, "emotional_impact"))
        fprintf(ctx->out, " | emotional impact: %s", pj_str(doc, "emotional_impact"));
    fputc('\n', ctx->out);

    if (is_playbook)
        playbook_text(ctx, doc, *focus ? focus : NULL);
    else
        article_text(ctx, doc);

    json_object *related = pj_get(data, "related");
    size_t n = related ? json_object_array_length(related) : 0;
    if (n) {
        heading(ctx, "RELATED");
        for (size_t i = 0; i < n; i++) {
            json_object *r = json_object_array_get_idx(related, i);
            const char *title = pj_str(r, "title");
            fprintf(ctx->out, "  - %s%s%s\n", pj_str(r, "id"), *title ? ": " : " (not indexed)",
                    title);
        }
    }
}

const printer_view playbook_view = {"playbook", document_text, NULL};
