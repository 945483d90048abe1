#define _POSIX_C_SOURCE 200809L
#include "printer.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

struct printer {
    printer_format format;
    printer_ctx ctx;
};

static int terminal_width(FILE *out)
{
    struct winsize ws;
    if (isatty(fileno(out)) && ioctl(fileno(out), TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
        return ws.ws_col;
    const char *cols = getenv("COLUMNS");
    if (cols && atoi(cols) >= 20)
        return atoi(cols);
    return 80;
}

void printer_set_width(printer *p, int width)
{
    if (width >= 20)
        p->ctx.width = width;
}

const printer_ctx *printer_get_ctx(const printer *p)
{
    return &p->ctx;
}

printer *printer_new(printer_format format, FILE *out, int color)
{
    printer *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->format = format;
    p->ctx.out = out;
    p->ctx.color = format == PRINTER_TEXT && color;
    p->ctx.width = terminal_width(out);
    return p;
}

int printer_parse_format(const char *name, printer_format *out)
{
    if (strcmp(name, "text") == 0)
        *out = PRINTER_TEXT;
    else if (strcmp(name, "json") == 0)
        *out = PRINTER_JSON;
    else if (strcmp(name, "html") == 0)
        *out = PRINTER_HTML;
    else
        return -1;
    return 0;
}

printer_format printer_get_format(const printer *p) { return p->format; }

static void text_dump(const printer_ctx *ctx, json_object *obj, int depth)
{
    json_type t = json_object_get_type(obj);
    if (t == json_type_object) {
        json_object_object_foreach(obj, key, val)
        {
            json_type vt = json_object_get_type(val);
            fprintf(ctx->out, "%*s%s:", depth * 2, "", key);
            if (vt == json_type_object || vt == json_type_array) {
                fputc('\n', ctx->out);
                text_dump(ctx, val, depth + 1);
            } else {
                fprintf(ctx->out, " %s\n", val ? json_object_get_string(val) : "-");
            }
        }
    } else if (t == json_type_array) {
        size_t n = json_object_array_length(obj);
        for (size_t i = 0; i < n; i++) {
            json_object *el = json_object_array_get_idx(obj, i);
            json_type et = json_object_get_type(el);
            if (et == json_type_object || et == json_type_array) {
                fprintf(ctx->out, "%*s-\n", depth * 2, "");
                text_dump(ctx, el, depth + 1);
            } else {
                fprintf(ctx->out, "%*s- %s\n", depth * 2, "", el ? json_object_get_string(el) : "-");
            }
        }
    } else {
        fprintf(ctx->out, "%*s%s\n", depth * 2, "", obj ? json_object_get_string(obj) : "-");
    }
}

void printer_emit(printer *p, const printer_view *view, json_object *data)
{
    switch (p->format) {
    case PRINTER_JSON:
        fputs(json_object_to_json_string_ext(data, JSON_C_TO_STRING_PRETTY |
                                                       JSON_C_TO_STRING_SPACED |
                                                       JSON_C_TO_STRING_NOSLASHESCAPE),
              p->ctx.out);
        fputc('\n', p->ctx.out);
        break;
    case PRINTER_JSONL:
        fputs(json_object_to_json_string_ext(data, JSON_C_TO_STRING_PLAIN |
                                                       JSON_C_TO_STRING_NOSLASHESCAPE),
              p->ctx.out);
        fputc('\n', p->ctx.out);
        break;
    case PRINTER_TEXT:
        if (view && view->text)
            view->text(&p->ctx, data);
        else
            text_dump(&p->ctx, data, 0);
        break;
    case PRINTER_HTML:
        if (view && view->html) {
            view->html(&p->ctx, data);
        } else {
            fputs("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body><pre>",
                  p->ctx.out);
            printer_html_escape(p->ctx.out,
                                json_object_to_json_string_ext(data, JSON_C_TO_STRING_PRETTY));
            fputs("</pre></body></html>\n", p->ctx.out);
        }
        break;
    }
    fflush(p->ctx.out);
}

void printer_free(printer *p) { free(p); }

void printer_wrap(const printer_ctx *ctx, const char *first_indent, const char *indent,
                  const char *text)
{
    const char *prefix = first_indent ? first_indent : indent;
    int width = ctx->width > 20 ? ctx->width : 80;
    int col = 0;
    const char *s = text;
    int at_line_start = 1;
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == '\n')
            s++;
        if (!*s)
            break;
        const char *e = s;
        while (*e && *e != ' ' && *e != '\t' && *e != '\n')
            e++;
        int wlen = (int)(e - s);
        int wcols = 0; /* columns, not bytes: UTF-8 continuation bytes take none */
        for (const char *c = s; c < e; c++)
            wcols += ((unsigned char)*c & 0xC0) != 0x80;
        if (!at_line_start && col + 1 + wcols > width) {
            fputc('\n', ctx->out);
            at_line_start = 1;
            prefix = indent;
        }
        if (at_line_start) {
            fputs(prefix, ctx->out);
            col = (int)strlen(prefix);
            at_line_start = 0;
        } else {
            fputc(' ', ctx->out);
            col++;
        }
        fwrite(s, 1, (size_t)wlen, ctx->out);
        col += wcols;
        s = e;
    }
    if (!at_line_start)
        fputc('\n', ctx->out);
}

void printer_table(const printer_ctx *ctx, size_t n_cols, size_t n_rows, const char *const *cells,
                   const char *align)
{
    size_t *width = calloc(n_cols ? n_cols : 1, sizeof *width);
    if (!width)
        return;
    for (size_t i = 0; i < n_rows * n_cols; i++) {
        size_t n = strlen(cells[i] ? cells[i] : "-");
        if (n > width[i % n_cols])
            width[i % n_cols] = n;
    }
    for (size_t r = 0; r < n_rows; r++) {
        if (r == 0)
            fputs(printer_style(ctx, "bold"), ctx->out);
        for (size_t c = 0; c < n_cols; c++) {
            const char *cell = cells[r * n_cols + c] ? cells[r * n_cols + c] : "-";
            int left = align ? align[c] == 'l' : c == 0;
            int w = (int)width[c];
            if (c + 1 == n_cols && left)
                fprintf(ctx->out, "%s", cell); /* no trailing blanks */
            else
                fprintf(ctx->out, left ? "%-*s" : "%*s", w, cell);
            if (c + 1 < n_cols)
                fputs("  ", ctx->out);
        }
        if (r == 0)
            fputs(printer_style(ctx, "reset"), ctx->out);
        fputc('\n', ctx->out);
    }
    free(width);
}

const char *printer_style(const printer_ctx *ctx, const char *style)
{
    if (!ctx->color)
        return "";
    static const struct {
        const char *name, *seq;
    } styles[] = {{"bold", "\033[1m"},    {"dim", "\033[2m"},     {"red", "\033[31m"},
                  {"green", "\033[32m"},  {"yellow", "\033[33m"}, {"cyan", "\033[36m"},
                  {"reset", "\033[0m"}};
    for (size_t i = 0; i < sizeof styles / sizeof styles[0]; i++)
        if (strcmp(styles[i].name, style) == 0)
            return styles[i].seq;
    return "";
}

void printer_duration(char *buf, size_t n, double seconds)
{
    long s = (long)(seconds + 0.5);
    if (s >= 3600)
        snprintf(buf, n, "%ldh%02ldm", s / 3600, s / 60 % 60);
    else if (s >= 60)
        snprintf(buf, n, "%ldm%02lds", s / 60, s % 60);
    else
        snprintf(buf, n, "%lds", s);
}

void printer_html_escape(FILE *out, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*s, out);
        }
    }
}

json_object *pj_get(json_object *obj, const char *key)
{
    json_object *v = NULL;
    return obj && json_object_object_get_ex(obj, key, &v) ? v : NULL;
}

const char *pj_str(json_object *obj, const char *key)
{
    json_object *v;
    if (obj && json_object_object_get_ex(obj, key, &v) && v)
        return json_object_get_string(v);
    return "";
}

long long pj_int(json_object *obj, const char *key)
{
    json_object *v;
    if (obj && json_object_object_get_ex(obj, key, &v) && v)
        return json_object_get_int64(v);
    return 0;
}

double pj_double(json_object *obj, const char *key)
{
    json_object *v;
    if (obj && json_object_object_get_ex(obj, key, &v) && v)
        return json_object_get_double(v);
    return 0.0;
}
