/* report-view.c: the quarterly report for people. Text: tables of the
 * headline figures, their monthly trend and the most used paths. HTML: one
 * self-contained page, an inline SVG trend per headline figure with its
 * target band shaded, bars for the most used paths (and for new patterns when
 * the report has them), every chart titled, described and followed by its
 * values as a table. Both draw the JSON that cmd-report.c builds. */
#define _POSIX_C_SOURCE 200809L
#include "report-view.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "html-page.h"

#define CELL 96

/* ------------------------------------------------------------- numbers */

static int has(json_object *o, const char *key, json_object **v)
{
    return o && json_object_object_get_ex(o, key, v) && *v;
}

/* V in UNIT for people: "84.6%", "9m12s", "480"; "-" when V is null. */
static void fmt_value(char *buf, size_t n, const char *unit, json_object *v)
{
    if (!v)
        snprintf(buf, n, "-");
    else if (strcmp(unit, "share") == 0)
        snprintf(buf, n, "%.1f%%", 100 * json_object_get_double(v));
    else if (strcmp(unit, "seconds") == 0)
        printer_duration(buf, n, json_object_get_double(v));
    else
        snprintf(buf, n, "%.0f", json_object_get_double(v));
}

static void fmt_change(char *buf, size_t n, const char *unit, json_object *v)
{
    if (!v) {
        snprintf(buf, n, "-");
        return;
    }
    double d = json_object_get_double(v);
    if (strcmp(unit, "share") == 0) {
        snprintf(buf, n, "%+.1f pts", 100 * d);
    } else if (strcmp(unit, "seconds") == 0) {
        char dur[32];
        printer_duration(dur, sizeof dur, fabs(d));
        snprintf(buf, n, "%s%s", d < 0 ? "-" : "+", dur);
    } else {
        snprintf(buf, n, "%+.0f", d);
    }
}

static void fmt_target(char *buf, size_t n, const char *unit, json_object *target)
{
    if (!target || json_object_array_length(target) != 2) {
        snprintf(buf, n, "-");
        return;
    }
    char lo[32], hi[32];
    json_object *l = json_object_array_get_idx(target, 0), *h = json_object_array_get_idx(target, 1);
    if (strcmp(unit, "share") == 0) {
        snprintf(buf, n, "%.0f-%.0f%%", 100 * json_object_get_double(l),
                 100 * json_object_get_double(h));
        return;
    }
    fmt_value(lo, sizeof lo, unit, l);
    fmt_value(hi, sizeof hi, unit, h);
    snprintf(buf, n, "%s-%s", lo, hi);
}

/* "within, met", "below, missed"; "-" without a target. */
static void fmt_status(char *buf, size_t n, json_object *h)
{
    json_object *met;
    const char *status = pj_str(h, "status");
    if (!*status || !has(h, "met", &met))
        snprintf(buf, n, "-");
    else
        snprintf(buf, n, "%s, %s", status, json_object_get_boolean(met) ? "met" : "missed");
}

static json_object *array_of(json_object *o, const char *key)
{
    json_object *a;
    return has(o, key, &a) && json_object_is_type(a, json_type_array) ? a : NULL;
}

static size_t len_of(json_object *a)
{
    return a ? json_object_array_length(a) : 0;
}

/* ---------------------------------------------------------------- text */

/* A table of N_ROWS x N_COLS cells made in CELLS (CELL bytes each). */
static void table(const printer_ctx *ctx, char (*cells)[CELL], size_t n_cols, size_t n_rows,
                  const char *align)
{
    const char **ptrs = calloc(n_cols * n_rows > 0 ? n_cols * n_rows : 1, sizeof *ptrs);
    if (!ptrs)
        return;
    for (size_t i = 0; i < n_cols * n_rows; i++)
        ptrs[i] = cells[i];
    printer_table(ctx, n_cols, n_rows, ptrs, align);
    free(ptrs);
}

static void text_headline(const printer_ctx *ctx, json_object *data, json_object *heads)
{
    size_t n = len_of(heads), cols = 6;
    char(*cells)[CELL] = calloc((n + 1) * cols, sizeof *cells);
    if (!cells)
        return;
    json_object *prev = NULL;
    has(data, "previous", &prev);
    snprintf(cells[0], CELL, "figure");
    snprintf(cells[1], CELL, "%s", pj_str(data, "quarter"));
    snprintf(cells[2], CELL, "%s", pj_str(prev, "quarter"));
    snprintf(cells[3], CELL, "change");
    snprintf(cells[4], CELL, "target");
    snprintf(cells[5], CELL, "status");
    for (size_t i = 0; i < n; i++) {
        json_object *h = json_object_array_get_idx(heads, i), *v = NULL, *pv = NULL, *ch = NULL,
                    *t = NULL;
        const char *unit = pj_str(h, "unit");
        char(*row)[CELL] = cells + (i + 1) * cols;
        has(h, "value", &v);
        has(h, "previous", &pv);
        has(h, "change", &ch);
        has(h, "target", &t);
        snprintf(row[0], CELL, "%s", pj_str(h, "label"));
        fmt_value(row[1], CELL, unit, v);
        fmt_value(row[2], CELL, unit, pv);
        fmt_change(row[3], CELL, unit, ch);
        fmt_target(row[4], CELL, unit, t);
        fmt_status(row[5], CELL, h);
    }
    table(ctx, cells, cols, n + 1, "lrrrrl");
    free(cells);
}

static void text_trend(const printer_ctx *ctx, json_object *heads)
{
    size_t n = len_of(heads), cols = 7;
    json_object *first = n ? json_object_array_get_idx(heads, 0) : NULL;
    json_object *months = array_of(first, "trend");
    if (!n || len_of(months) != 6)
        return;
    char(*cells)[CELL] = calloc((n + 1) * cols, sizeof *cells);
    if (!cells)
        return;
    snprintf(cells[0], CELL, "by month");
    for (size_t m = 0; m < 6; m++)
        snprintf(cells[1 + m], CELL, "%s", pj_str(json_object_array_get_idx(months, m), "period"));
    for (size_t i = 0; i < n; i++) {
        json_object *h = json_object_array_get_idx(heads, i), *tr = array_of(h, "trend");
        char(*row)[CELL] = cells + (i + 1) * cols;
        snprintf(row[0], CELL, "%s", pj_str(h, "label"));
        for (size_t m = 0; m < 6 && m < len_of(tr); m++) {
            json_object *v = NULL;
            has(json_object_array_get_idx(tr, m), "value", &v);
            fmt_value(row[1 + m], CELL, pj_str(h, "unit"), v);
        }
    }
    table(ctx, cells, cols, n + 1, NULL);
    free(cells);
}

static void text_paths(const printer_ctx *ctx, json_object *paths)
{
    size_t n = len_of(paths), cols = 5;
    char(*cells)[CELL] = calloc((n + 1) * cols, sizeof *cells);
    if (!cells)
        return;
    static const char *const header[] = {"path", "uses", "resolved", "95% CI", "escalated"};
    for (size_t c = 0; c < cols; c++)
        snprintf(cells[c], CELL, "%s", header[c]);
    for (size_t i = 0; i < n; i++) {
        json_object *p = json_object_array_get_idx(paths, i), *v = NULL, *ci = NULL;
        char(*row)[CELL] = cells + (i + 1) * cols;
        snprintf(row[0], CELL, "%s", pj_str(p, "path"));
        snprintf(row[1], CELL, "%lld", pj_int(p, "uses"));
        has(p, "success_rate", &v);
        fmt_value(row[2], CELL, "share", v);
        if (has(p, "success_ci95", &ci) && len_of(ci) == 2)
            snprintf(row[3], CELL, "%.0f-%.0f%%",
                     100 * json_object_get_double(json_object_array_get_idx(ci, 0)),
                     100 * json_object_get_double(json_object_array_get_idx(ci, 1)));
        else
            snprintf(row[3], CELL, "-");
        v = NULL;
        has(p, "escalation_rate", &v);
        fmt_value(row[4], CELL, "share", v);
    }
    table(ctx, cells, cols, n + 1, NULL);
    free(cells);
}

/* A pattern-section entry's name and figure, whatever the section. */
static const char *entry_name(json_object *e)
{
    static const char *const keys[] = {"label", "path", "title", "id"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (*pj_str(e, keys[i]))
            return pj_str(e, keys[i]);
    return "?";
}

static void text_section(const printer_ctx *ctx, json_object *data, const char *key,
                         const char *title)
{
    json_object *a = array_of(data, key);
    if (!a)
        return; /* not computed: the section is left out */
    fprintf(ctx->out, "\n%s%s%s\n", printer_style(ctx, "bold"), title, printer_style(ctx, "reset"));
    if (!len_of(a))
        fputs("  none this quarter\n", ctx->out);
    for (size_t i = 0; i < len_of(a); i++) {
        json_object *e = json_object_array_get_idx(a, i);
        const char *reason = pj_str(e, "reason");
        long long size = pj_int(e, "size");
        fprintf(ctx->out, "  - %s", entry_name(e));
        if (size)
            fprintf(ctx->out, " (%lld)", size);
        if (*reason)
            fprintf(ctx->out, ": %s", reason);
        fputc('\n', ctx->out);
    }
}

static void report_text(const printer_ctx *ctx, json_object *data)
{
    json_object *heads = array_of(data, "headline"), *prev = NULL, *paths = array_of(data, "top_paths");
    has(data, "previous", &prev);
    const char *b = printer_style(ctx, "bold"), *r = printer_style(ctx, "reset");
    fprintf(ctx->out, "%sQuarterly playbook update pack: %s%s (%s to %s), against %s\n",
            b, pj_str(data, "quarter"), r, pj_str(data, "since"), pj_str(data, "until"),
            pj_str(prev, "quarter"));
    fprintf(ctx->out, "targets: %s\n\n", pj_str(data, "targets_from"));
    text_headline(ctx, data, heads);
    fprintf(ctx->out, "\n%sTrend%s\n", b, r);
    text_trend(ctx, heads);
    fprintf(ctx->out, "\n%sMost used paths in %s%s\n", b, pj_str(data, "quarter"), r);
    if (len_of(paths))
        text_paths(ctx, paths);
    else
        fputs("  no outcomes with a path this quarter\n", ctx->out);
    text_section(ctx, data, "patterns", "New exception patterns");
    text_section(ctx, data, "weak_paths", "Weak and falling paths");
    text_section(ctx, data, "stale", "Stale playbooks");
    fputc('\n', ctx->out);
    printer_wrap(ctx, NULL, "",
                 "resolution: resolved without escalation, of all outcomes; first-contact: "
                 "resolved at first contact; emotional validation: the customer felt heard; "
                 "trust: rated 4-5 of 5; quality-adjusted handle time: handle seconds per resolved "
                 "case; intervals are Wilson 95% (see edgecase(1))");
}

/* ---------------------------------------------------------------- HTML */

#define TW 340 /* trend chart */
#define TH 176
#define TL 52
#define TR 12
#define TT 12
#define TB 40

/* Axis bounds for a trend of unit UNIT over values V (-1: none) and target T. */
static void trend_bounds(const char *unit, const double *v, json_object *t, double *lo, double *hi)
{
    double mn = INFINITY, mx = -INFINITY;
    for (int i = 0; i < 6; i++)
        if (v[i] >= 0) {
            mn = fmin(mn, v[i]);
            mx = fmax(mx, v[i]);
        }
    if (len_of(t) == 2) {
        mn = fmin(mn, json_object_get_double(json_object_array_get_idx(t, 0)));
        mx = fmax(mx, json_object_get_double(json_object_array_get_idx(t, 1)));
    }
    if (mn > mx)
        mn = mx = 0;
    if (strcmp(unit, "share") == 0) {
        /* Bounds on tens of per cent, so the middle grid line is round too. */
        double pad = (mx - mn) * 0.1 + 0.02;
        *lo = fmax(0, floor((mn - pad) * 10) / 10);
        *hi = fmin(1, ceil((mx + pad) * 10) / 10);
    } else {
        /* From zero to an even number of minutes (or of tens). */
        double step = strcmp(unit, "seconds") == 0 ? 120 : 20;
        *lo = 0;
        *hi = mx > 0 ? ceil(mx * 1.1 / step) * step : step;
    }
    if (*hi - *lo < 1e-9)
        *hi = *lo + 1;
}

static void fmt_axis(char *buf, size_t n, const char *unit, double v)
{
    if (strcmp(unit, "share") == 0)
        snprintf(buf, n, "%.0f%%", 100 * v);
    else if (strcmp(unit, "seconds") == 0)
        printer_duration(buf, n, v);
    else
        snprintf(buf, n, "%.0f", v);
}

static const char *const month_abbr[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* One headline figure's six months as an SVG line over its target band. */
static void svg_trend(FILE *out, json_object *h, size_t idx, const char *quarter,
                      const char *previous)
{
    json_object *tr = array_of(h, "trend"), *t = NULL;
    const char *unit = pj_str(h, "unit"), *label = pj_str(h, "label");
    double v[6], lo, hi, pw = TW - TL - TR, ph = TH - TT - TB;
    char buf[64], buf2[64];
    has(h, "target", &t);
    for (int i = 0; i < 6; i++) {
        json_object *p = i < (int)len_of(tr) ? json_object_array_get_idx(tr, i) : NULL, *pv;
        v[i] = has(p, "value", &pv) ? json_object_get_double(pv) : -1;
    }
    trend_bounds(unit, v, t, &lo, &hi);
#define X(i) (TL + pw * ((i) + 0.5) / 6)
#define Y(val) (TT + ph * (1 - ((val) - lo) / (hi - lo)))
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                 "height=\"%d\" role=\"img\" aria-labelledby=\"trend%zu-t trend%zu-d\">\n",
            TW, TH, TW, TH, idx, idx);
    fprintf(out, "<title id=\"trend%zu-t\">", idx);
    printer_html_escape(out, label);
    fprintf(out, " by month, %s and %s</title>\n<desc id=\"trend%zu-d\">", previous, quarter, idx);
    for (int i = 0; i < 6; i++) {
        json_object *p = json_object_array_get_idx(tr, (size_t)i), *pv = NULL;
        has(p, "value", &pv);
        fmt_value(buf, sizeof buf, unit, pv);
        fprintf(out, "%s%s: %s", i ? "; " : "", pj_str(p, "period"), buf);
    }
    if (len_of(t) == 2) {
        fmt_target(buf, sizeof buf, unit, t);
        fprintf(out, ". Target band %s, shaded.", buf);
    }
    fputs(" The earlier quarter is drawn grey and dashed.</desc>\n", out);
    /* The target band, clipped to the axis. */
    if (len_of(t) == 2) {
        double tl = fmax(lo, json_object_get_double(json_object_array_get_idx(t, 0)));
        double th = fmin(hi, json_object_get_double(json_object_array_get_idx(t, 1)));
        if (th > tl)
            fprintf(out, "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                         "fill=\"#c6f0d8\" fill-opacity=\"0.8\"/>\n"
                         "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#0b6e4f\" "
                         "text-anchor=\"end\">target</text>\n",
                    TL, Y(th), pw, Y(tl) - Y(th), TL + pw - 3, Y(th) + 11);
    }
    /* Three grid lines with their values. */
    for (int g = 0; g < 3; g++) {
        double gv = lo + (hi - lo) * g / 2;
        fmt_axis(buf, sizeof buf, unit, gv);
        fprintf(out, "<line x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d9e2ec\"/>"
                     "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" fill=\"#52606d\" "
                     "text-anchor=\"end\">%s</text>\n",
                TL, TL + pw, Y(gv), Y(gv), TL - 5, Y(gv) + 3.5, buf);
    }
    /* The quarter boundary and the month and quarter names. */
    fprintf(out, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%.1f\" stroke=\"#9aa5b1\" "
                 "stroke-dasharray=\"3 3\"/>\n",
            TL + pw / 2, TL + pw / 2, TT, TT + ph);
    for (int i = 0; i < 6; i++) {
        const char *period = pj_str(json_object_array_get_idx(tr, (size_t)i), "period");
        int month = strlen(period) == 7 ? atoi(period + 5) : 0;
        fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#52606d\" "
                     "text-anchor=\"middle\">%s</text>\n",
                X(i), TT + ph + 13, month >= 1 && month <= 12 ? month_abbr[month - 1] : "?");
    }
    fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" fill=\"#7b8794\" "
                 "text-anchor=\"middle\">%s</text><text x=\"%.1f\" y=\"%.1f\" font-size=\"10\" "
                 "font-weight=\"bold\" fill=\"#1f2933\" text-anchor=\"middle\">%s</text>\n",
            TL + pw / 4, TT + ph + 27.0, previous, TL + 3 * pw / 4, TT + ph + 27.0, quarter);
    /* The line: grey and dashed through the earlier quarter, blue after. */
    for (int i = 0; i + 1 < 6; i++)
        if (v[i] >= 0 && v[i + 1] >= 0)
            fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                         "stroke-width=\"2.5\"%s/>\n",
                    X(i), Y(v[i]), X(i + 1), Y(v[i + 1]), i < 3 ? "#9aa5b1" : "#2f6fb0",
                    i < 3 ? " stroke-dasharray=\"5 3\"" : "");
    for (int i = 0; i < 6; i++) {
        if (v[i] < 0)
            continue;
        json_object *p = json_object_array_get_idx(tr, (size_t)i), *pv = NULL;
        has(p, "value", &pv);
        fmt_value(buf, sizeof buf, unit, pv);
        snprintf(buf2, sizeof buf2, "%s", pj_str(p, "period"));
        fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s: %s</title>"
                     "</circle>\n",
                X(i), Y(v[i]), i < 3 ? "#9aa5b1" : "#2f6fb0", buf2, buf);
    }
    fputs("</svg>\n", out);
#undef X
#undef Y
}

/* Horizontal bars: N rows of LABELS[i] with VALUES[i] (bar length) and NOTES[i]. */
static void svg_bars(FILE *out, const char *id, const char *title, const char *desc, size_t n,
                     const char *const *labels, const double *values, const char *const *notes)
{
    const int w = 1000, row = 30, label_w = 420, bar_w = 330;
    double max = 0;
    for (size_t i = 0; i < n; i++)
        max = fmax(max, values[i]);
    if (max <= 0)
        max = 1;
    int h = (int)n * row + 10;
    fprintf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
                 "height=\"%d\" role=\"img\" aria-labelledby=\"%s-t %s-d\">\n<title id=\"%s-t\">",
            w, h, w, h, id, id, id);
    printer_html_escape(out, title);
    fprintf(out, "</title>\n<desc id=\"%s-d\">", id);
    printer_html_escape(out, desc);
    fputs("</desc>\n", out);
    for (size_t i = 0; i < n; i++) {
        double y = 5 + (double)i * row, len = bar_w * values[i] / max;
        /* Long labels are cut at a character boundary; the table below has them whole. */
        char cut[72];
        size_t k = strlen(labels[i]);
        if (k >= sizeof cut - 4) {
            k = sizeof cut - 4;
            while (k && ((unsigned char)labels[i][k] & 0xC0) == 0x80)
                k--;
            snprintf(cut, sizeof cut, "%.*s...", (int)k, labels[i]);
        } else {
            snprintf(cut, sizeof cut, "%s", labels[i]);
        }
        fprintf(out, "<text x=\"%d\" y=\"%.1f\" font-size=\"13\" fill=\"#1f2933\" "
                     "text-anchor=\"end\">",
                label_w - 8, y + 18);
        printer_html_escape(out, cut);
        fprintf(out, "</text><rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"20\" rx=\"2\" "
                     "fill=\"#3e7cb1\"/><text x=\"%.1f\" y=\"%.1f\" font-size=\"12\" "
                     "fill=\"#323f4b\">",
                label_w, y + 4, len < 1 ? 1 : len, label_w + len + 6, y + 18);
        printer_html_escape(out, notes[i]);
        fputs("</text>\n", out);
    }
    fputs("</svg>\n", out);
}

static void html_headline_table(FILE *out, json_object *data, json_object *heads)
{
    json_object *prev = NULL;
    char buf[5][CELL];
    has(data, "previous", &prev);
    fputs("<table><thead><tr><th>figure</th><th>", out);
    printer_html_escape(out, pj_str(data, "quarter"));
    fputs("</th><th>", out);
    printer_html_escape(out, pj_str(prev, "quarter"));
    fputs("</th><th>change</th><th>target</th><th>status</th></tr></thead><tbody>\n", out);
    for (size_t i = 0; i < len_of(heads); i++) {
        json_object *h = json_object_array_get_idx(heads, i), *v = NULL, *pv = NULL, *ch = NULL,
                    *t = NULL, *met = NULL;
        const char *unit = pj_str(h, "unit");
        has(h, "value", &v);
        has(h, "previous", &pv);
        has(h, "change", &ch);
        has(h, "target", &t);
        fmt_value(buf[0], CELL, unit, v);
        fmt_value(buf[1], CELL, unit, pv);
        fmt_change(buf[2], CELL, unit, ch);
        fmt_target(buf[3], CELL, unit, t);
        fmt_status(buf[4], CELL, h);
        int has_met = has(h, "met", &met);
        fputs("<tr><td>", out);
        printer_html_escape(out, pj_str(h, "label"));
        fprintf(out, "</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td%s>%s</td></tr>\n",
                buf[0], buf[1], buf[2], buf[3],
                !has_met ? "" : json_object_get_boolean(met) ? " class=\"met\"" : " class=\"missed\"",
                buf[4]);
    }
    fputs("</tbody></table>\n", out);
}

static void html_card(FILE *out, json_object *h, size_t idx, const char *quarter,
                      const char *previous)
{
    json_object *v = NULL, *pv = NULL, *ch = NULL, *t = NULL, *met = NULL, *tr = array_of(h, "trend");
    const char *unit = pj_str(h, "unit");
    char val[CELL], pval[CELL], chg[CELL], tgt[CELL], st[CELL];
    has(h, "value", &v);
    has(h, "previous", &pv);
    has(h, "change", &ch);
    has(h, "target", &t);
    fmt_value(val, CELL, unit, v);
    fmt_value(pval, CELL, unit, pv);
    fmt_change(chg, CELL, unit, ch);
    fmt_target(tgt, CELL, unit, t);
    fmt_status(st, CELL, h);
    fprintf(out, "<section class=\"card\" aria-labelledby=\"card%zu\"><h3 id=\"card%zu\">", idx, idx);
    printer_html_escape(out, pj_str(h, "label"));
    fprintf(out, "</h3>\n<p><span class=\"big\">%s</span> <span class=\"muted\">in %s; %s in %s "
                 "(%s)</span>",
            val, quarter, pval, previous, chg);
    if (has(h, "met", &met))
        fprintf(out, "<br>target %s: <span class=\"%s\">%s</span>", tgt,
                json_object_get_boolean(met) ? "met" : "missed", st);
    fputs("</p>\n", out);
    svg_trend(out, h, idx, quarter, previous);
    fputs("<table><tr><th>month</th>", out);
    for (size_t i = 0; i < len_of(tr); i++) {
        const char *period = pj_str(json_object_array_get_idx(tr, i), "period");
        int month = strlen(period) == 7 ? atoi(period + 5) : 0;
        fprintf(out, "<th>%s</th>", month >= 1 && month <= 12 ? month_abbr[month - 1] : "?");
    }
    fputs("</tr><tr><td>value</td>", out);
    for (size_t i = 0; i < len_of(tr); i++) {
        json_object *pvv = NULL;
        has(json_object_array_get_idx(tr, i), "value", &pvv);
        fmt_value(val, CELL, unit, pvv);
        fprintf(out, "<td>%s</td>", val);
    }
    fputs("</tr></table>\n</section>\n", out);
}

static void html_paths(FILE *out, json_object *data, json_object *paths)
{
    size_t n = len_of(paths);
    const char **labels = calloc(n ? n : 1, sizeof *labels);
    const char **notes = calloc(n ? n : 1, sizeof *notes);
    char(*note_buf)[CELL] = calloc(n ? n : 1, sizeof *note_buf);
    double *values = calloc(n ? n : 1, sizeof *values);
    if (!labels || !notes || !note_buf || !values)
        goto out;
    fputs("<table><thead><tr><th>path</th><th>uses</th><th>resolved</th><th>95% interval</th>"
          "<th>escalated</th></tr></thead><tbody>\n", out);
    for (size_t i = 0; i < n; i++) {
        json_object *p = json_object_array_get_idx(paths, i), *v = NULL, *ci = NULL, *e = NULL;
        char rate[24], esc[24], interval[24] = "-";
        has(p, "success_rate", &v);
        has(p, "escalation_rate", &e);
        fmt_value(rate, sizeof rate, "share", v);
        fmt_value(esc, sizeof esc, "share", e);
        if (has(p, "success_ci95", &ci) && len_of(ci) == 2)
            snprintf(interval, sizeof interval, "%.0f-%.0f%%",
                     100 * json_object_get_double(json_object_array_get_idx(ci, 0)),
                     100 * json_object_get_double(json_object_array_get_idx(ci, 1)));
        labels[i] = *pj_str(p, "path_title") ? pj_str(p, "path_title") : pj_str(p, "path");
        values[i] = (double)pj_int(p, "uses");
        snprintf(note_buf[i], CELL, "%lld uses; %s resolved (%s)", pj_int(p, "uses"), rate, interval);
        notes[i] = note_buf[i];
        fputs("<tr><td>", out);
        if (*pj_str(p, "path_title")) {
            printer_html_escape(out, pj_str(p, "path_title"));
            fputs("<br><span class=\"muted\">", out);
            printer_html_escape(out, pj_str(p, "path"));
            fputs("</span>", out);
        } else {
            printer_html_escape(out, pj_str(p, "path"));
        }
        fprintf(out, "</td><td>%lld</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
                pj_int(p, "uses"), rate, interval, esc);
    }
    fputs("</tbody></table>\n", out);
    char *desc = NULL;
    size_t desc_len = 0;
    FILE *d = open_memstream(&desc, &desc_len);
    if (d) {
        fprintf(d, "Uses of the %zu most used paths in %s, most first: ", n, pj_str(data, "quarter"));
        for (size_t i = 0; i < n; i++)
            fprintf(d, "%s%s, %s", i ? "; " : "", labels[i], notes[i]);
        fclose(d);
        svg_bars(out, "paths", "Most used paths", desc ? desc : "", n, labels, values, notes);
    }
    free(desc);
out:
    free(labels);
    free(notes);
    free(note_buf);
    free(values);
}

/* A pattern section: bars for "patterns" (by size), a table for the others. */
static void html_section(FILE *out, json_object *data, const char *key, const char *title)
{
    json_object *a = array_of(data, key);
    if (!a)
        return;
    html_element(out, "h2", title);
    size_t n = len_of(a);
    if (!n) {
        fputs("<p class=\"muted\">None this quarter.</p>\n", out);
        return;
    }
    fputs("<table><thead><tr><th>name</th><th>size</th><th>why</th></tr></thead><tbody>\n", out);
    for (size_t i = 0; i < n; i++) {
        json_object *e = json_object_array_get_idx(a, i);
        fputs("<tr><td>", out);
        printer_html_escape(out, entry_name(e));
        fprintf(out, "</td><td>%lld</td><td>", pj_int(e, "size"));
        printer_html_escape(out, pj_str(e, "reason"));
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody></table>\n", out);
    if (strcmp(key, "patterns") != 0)
        return;
    const char **labels = calloc(n, sizeof *labels), **notes = calloc(n, sizeof *notes);
    char(*note_buf)[CELL] = calloc(n, sizeof *note_buf);
    double *values = calloc(n, sizeof *values);
    if (labels && notes && note_buf && values) {
        for (size_t i = 0; i < n; i++) {
            json_object *e = json_object_array_get_idx(a, i);
            labels[i] = entry_name(e);
            values[i] = (double)pj_int(e, "size");
            snprintf(note_buf[i], CELL, "%lld searches", pj_int(e, "size"));
            notes[i] = note_buf[i];
        }
        svg_bars(out, key, title, "The size of each new pattern; the table above has the figures.",
                 n, labels, values, notes);
    }
    free(labels);
    free(notes);
    free(note_buf);
    free(values);
}

static void report_html(const printer_ctx *ctx, json_object *data)
{
    FILE *out = ctx->out;
    json_object *heads = array_of(data, "headline"), *prev = NULL, *paths = array_of(data, "top_paths");
    has(data, "previous", &prev);
    const char *quarter = pj_str(data, "quarter"), *previous = pj_str(prev, "quarter");
    char *title = NULL;
    size_t title_len = 0;
    FILE *t = open_memstream(&title, &title_len);
    if (t) {
        fprintf(t, "edgecase quarterly playbook update pack %s", quarter);
        fclose(t);
    }
    html_page_begin(out, title ? title : "edgecase report");
    free(title);
    fputs("<header><h1>Quarterly playbook update pack: ", out);
    printer_html_escape(out, quarter);
    fputs("</h1>\n<p class=\"sub\">", out);
    printer_html_escape(out, pj_str(data, "since"));
    fputs(" to ", out);
    printer_html_escape(out, pj_str(data, "until"));
    fputs(", against ", out);
    printer_html_escape(out, previous);
    fputs(". Targets: ", out);
    printer_html_escape(out, pj_str(data, "targets_from"));
    fputs(".</p></header>\n<main>\n<h2>Headline figures</h2>\n", out);
    html_headline_table(out, data, heads);
    fputs("<h2>Trend by month</h2>\n<div class=\"grid\">\n", out);
    for (size_t i = 0; i < len_of(heads); i++)
        html_card(out, json_object_array_get_idx(heads, i), i, quarter, previous);
    fputs("</div>\n<h2>Most used paths</h2>\n", out);
    if (len_of(paths))
        html_paths(out, data, paths);
    else
        fputs("<p class=\"muted\">No outcomes with a path this quarter.</p>\n", out);
    html_section(out, data, "patterns", "New exception patterns");
    html_section(out, data, "weak_paths", "Weak and falling paths");
    html_section(out, data, "stale", "Stale playbooks");
    fputs("</main>\n<footer><p class=\"muted\">Exception resolution: resolved without escalation, of "
          "all outcomes. First-contact resolution: resolved at first contact, of the outcomes "
          "that said. Emotional validation: the customer felt heard. Trust index: rated 4 or 5 of "
          "5. Quality-adjusted handle time: handle seconds per resolved case. Intervals are "
          "Wilson 95%. See edgecase(1).</p></footer>\n",
          out);
    html_page_end(out);
}

const printer_view report_view = {"report", report_text, report_html};
