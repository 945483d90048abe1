#include "search-view.h"

#include <string.h>

void search_view_print_banner(const printer_ctx *ctx, const char *trigger, const char *to)
{
    if (!to)
        to = "";
    fprintf(ctx->out, "%s%s!! ESCALATE: trigger \"%s\" heard: %s%s%s\n",
            printer_style(ctx, "bold"), printer_style(ctx, "red"), trigger,
            *to ? "escalate to " : "follow the playbook's escalation", to,
            printer_style(ctx, "reset"));
}

int search_view_banner(const printer_ctx *ctx, json_object *data)
{
    json_object *results;
    if (!json_object_object_get_ex(data, "results", &results))
        return 0;
    size_t n = json_object_array_length(results);
    for (size_t i = 0; i < n; i++) {
        json_object *r = json_object_array_get_idx(results, i);
        json_object *esc;
        if (!json_object_object_get_ex(r, "escalate", &esc) || !json_object_get_boolean(esc))
            continue;
        search_view_print_banner(ctx, pj_str(r, "trigger"), pj_str(r, "escalate_to"));
        return 1;
    }
    return 0;
}

/* What comes before the results in both lists: the correction, the banner,
 * or the "no match" line. Returns the results, or NULL when there are none.
 * A query is echoed cut at 80 bytes (on a UTF-8 boundary): a pasted page
 * should not scroll the answer away. */
static json_object *list_head(const printer_ctx *ctx, json_object *data)
{
    const char *query = pj_str(data, "query"), *corrected = pj_str(data, "corrected");
    int n = (int)strlen(query);
    const char *more = "";
    if (n > 80) {
        for (n = 80; n > 0 && ((unsigned char)query[n] & 0xC0) == 0x80; n--)
            ;
        more = "...";
    }
    if (*corrected)
        fprintf(ctx->out, "showing results for \"%s\" (you typed \"%.*s%s\")\n", corrected, n,
                query, more);
    search_view_banner(ctx, data);
    json_object *results;
    if (!json_object_object_get_ex(data, "results", &results) ||
        json_object_array_length(results) == 0) {
        fprintf(ctx->out, "no playbook or article matches \"%.*s%s\"; try fewer or other words\n",
                n, query, more);
        return NULL;
    }
    return results;
}

static void search_text(const printer_ctx *ctx, json_object *data)
{
    json_object *results = list_head(ctx, data);
    if (!results)
        return;
    size_t n = json_object_array_length(results);
    for (size_t i = 0; i < n; i++) {
        json_object *r = json_object_array_get_idx(results, i);
        int is_path = strcmp(pj_str(r, "kind"), "playbook") == 0;
        fprintf(ctx->out, "%2lld. %s%s%s", pj_int(r, "rank"), printer_style(ctx, "bold"),
                pj_str(r, "title"), printer_style(ctx, "reset"));
        fprintf(ctx->out, "  %s(%s)%s\n", printer_style(ctx, "dim"), pj_str(r, "id"),
                printer_style(ctx, "reset"));
        if (is_path) {
            fprintf(ctx->out, "    -> %s%s%s [%s]", printer_style(ctx, "cyan"),
                    pj_str(r, "path_title"), printer_style(ctx, "reset"), pj_str(r, "authority"));
            json_object *rate;
            if (json_object_object_get_ex(r, "success_rate", &rate) && rate)
                fprintf(ctx->out, "  %.0f%% resolved over %lld uses",
                        100.0 * json_object_get_double(rate), pj_int(r, "uses"));
            json_object *esc;
            if (json_object_object_get_ex(r, "escalate", &esc) && json_object_get_boolean(esc))
                fprintf(ctx->out, "  %sESCALATE%s", printer_style(ctx, "red"),
                        printer_style(ctx, "reset"));
            fputc('\n', ctx->out);
        } else {
            fprintf(ctx->out, "    KB article\n");
        }
        const char *snippet = pj_str(r, "snippet");
        if (*snippet)
            printer_wrap(ctx, "    ", "    ", snippet);
    }
    fprintf(ctx->out, "%lld match%s\n", pj_int(data, "total"), pj_int(data, "total") == 1 ? "" : "es");
}

const printer_view search_view = {"search", search_text, NULL};

/* The shell's list: no snippets (the agent is listening, not reading), and a
 * playbook's title once above its consecutive paths. */
static void compact_text(const printer_ctx *ctx, json_object *data)
{
    json_object *results = list_head(ctx, data);
    if (!results)
        return;
    size_t n = json_object_array_length(results);
    const char *prev_id = "";
    for (size_t i = 0; i < n; i++) {
        json_object *r = json_object_array_get_idx(results, i);
        const char *id = pj_str(r, "id");
        if (strcmp(pj_str(r, "kind"), "playbook") != 0) {
            fprintf(ctx->out, "%2lld. %sKB%s %s  %s(%s)%s\n", pj_int(r, "rank"),
                    printer_style(ctx, "dim"), printer_style(ctx, "reset"), pj_str(r, "title"),
                    printer_style(ctx, "dim"), id, printer_style(ctx, "reset"));
            prev_id = "";
            continue;
        }
        if (strcmp(id, prev_id) != 0)
            fprintf(ctx->out, "    %s%s%s  %s(%s)%s\n", printer_style(ctx, "bold"), pj_str(r, "title"),
                    printer_style(ctx, "reset"), printer_style(ctx, "dim"), id,
                    printer_style(ctx, "reset"));
        prev_id = id;
        fprintf(ctx->out, "%2lld. %s%s%s [%s]", pj_int(r, "rank"), printer_style(ctx, "cyan"),
                pj_str(r, "path_title"), printer_style(ctx, "reset"), pj_str(r, "authority"));
        json_object *rate;
        if (json_object_object_get_ex(r, "success_rate", &rate) && rate)
            fprintf(ctx->out, "  %.0f%% resolved (%lld use%s)", 100.0 * json_object_get_double(rate),
                    pj_int(r, "uses"), pj_int(r, "uses") == 1 ? "" : "s");
        json_object *esc;
        if (json_object_object_get_ex(r, "escalate", &esc) && json_object_get_boolean(esc))
            fprintf(ctx->out, "  %sESCALATE%s", printer_style(ctx, "red"), printer_style(ctx, "reset"));
        fputc('\n', ctx->out);
    }
}

const printer_view search_view_compact = {"search-compact", compact_text, NULL};
