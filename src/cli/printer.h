/* printer.h: the one output interface for text, JSON and HTML.
 *
 * A command builds its result once as a json-c object (the data model that the
 * JSON contract in FORMAT.md describes) and hands it to a printer with a view.
 * The JSON printer serialises the object; the text and HTML printers call the
 * view's renderer. Commands never branch on the output format. */
#ifndef EC_PRINTER_H
#define EC_PRINTER_H

#include <stdio.h>

#include <json-c/json.h>

typedef enum printer_format {
    PRINTER_TEXT,  /* for people; colour when the printer was made with color=1 */
    PRINTER_JSON,  /* one pretty-printed JSON document per emit */
    PRINTER_JSONL, /* one JSON object per line, flushed after each (batch mode) */
    PRINTER_HTML   /* one self-contained HTML page per emit */
} printer_format;

typedef struct printer_ctx {
    FILE *out;
    int color; /* text only: ANSI colour allowed */
    int width; /* text only: wrap column (terminal width or 80) */
} printer_ctx;

/* How one kind of result looks to people. Either renderer may be NULL: text
 * then falls back to an indented key: value dump, HTML to a <pre> of the JSON. */
typedef struct printer_view {
    const char *name;
    void (*text)(const printer_ctx *ctx, json_object *data);
    void (*html)(const printer_ctx *ctx, json_object *data);
} printer_view;

typedef struct printer printer;

/* Makes a printer writing to OUT (not closed by the printer). COLOR applies to
 * text only. Returns NULL on OOM. Free with printer_free(). */
printer *printer_new(printer_format format, FILE *out, int color);
/* Parses "text", "json" or "html" (as given to --format); returns 0 on success. */
int printer_parse_format(const char *name, printer_format *out);
printer_format printer_get_format(const printer *p);
/* The wrap column of text output (the shell follows terminal resizes). */
void printer_set_width(printer *p, int width);
/* The context views draw with: for a command's own lines between emits. */
const printer_ctx *printer_get_ctx(const printer *p);
/* Prints DATA through VIEW. DATA stays owned by the caller. */
void printer_emit(printer *p, const printer_view *view, json_object *data);
void printer_free(printer *p);

/* Text helpers for views. */
/* Writes TEXT word-wrapped to CTX->width, every line prefixed by INDENT
 * (the first line by FIRST_INDENT when not NULL). */
void printer_wrap(const printer_ctx *ctx, const char *first_indent, const char *indent,
                  const char *text);
/* Writes a table of N_ROWS rows of N_COLS cells (CELLS row by row; a NULL
 * cell prints as "-"), the first row a header shown bold. Each column is as
 * wide as its widest cell; ALIGN has one letter a column, 'l' or 'r'
 * (NULL: the first column left, the others right). Cells are counted in
 * bytes, so keep them ASCII where columns must line up. */
void printer_table(const printer_ctx *ctx, size_t n_cols, size_t n_rows, const char *const *cells,
                   const char *align);
/* Returns the ANSI sequence for STYLE ("bold", "dim", "red", "green", "yellow",
 * "cyan", "reset") when CTX->color, else "". Static string. */
const char *printer_style(const printer_ctx *ctx, const char *style);
/* SECONDS for people into BUF: "45s", "9m12s", "1h05m". */
void printer_duration(char *buf, size_t n, double seconds);
/* Writes S with &, <, >, " and ' escaped for HTML. */
void printer_html_escape(FILE *out, const char *s);
/* json-c accessors that never return NULL: "" / 0 / 0.0 when absent. */
const char *pj_str(json_object *obj, const char *key);
/* The member KEY of OBJ (borrowed), or NULL when absent or OBJ is NULL. */
json_object *pj_get(json_object *obj, const char *key);
long long pj_int(json_object *obj, const char *key);
double pj_double(json_object *obj, const char *key);

#endif
