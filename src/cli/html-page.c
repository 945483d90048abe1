#define _POSIX_C_SOURCE 200809L
#include "html-page.h"

#include <string.h>

#include "printer.h"

/* System fonts only: a page that fetches nothing renders the same offline. */
static const char style[] =
    "body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
    "margin:0 auto;padding:24px;max-width:1120px;color:#1f2933;background:#fff;line-height:1.4}"
    "h1{font-size:1.6em;margin:0 0 4px}h2{font-size:1.25em;margin:32px 0 8px;"
    "border-bottom:2px solid #d9e2ec;padding-bottom:4px}h3{font-size:1.05em;margin:0 0 6px}"
    ".sub{color:#52606d;margin:0 0 16px}"
    "table{border-collapse:collapse;margin:8px 0 16px;font-size:.92em}"
    "th,td{padding:4px 10px;border-bottom:1px solid #e4e7eb;text-align:right;vertical-align:top}"
    "th:first-child,td:first-child{text-align:left}th{background:#f5f7fa}"
    ".grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(340px,1fr));gap:16px}"
    ".card{border:1px solid #d9e2ec;border-radius:6px;padding:12px;break-inside:avoid}"
    ".card table{margin:6px 0 0;font-size:.78em;width:100%}"
    ".card th,.card td{padding:2px 2px;white-space:nowrap;font-size:.95em}"
    ".big{font-size:1.5em;font-weight:600}.muted{color:#616e7c}"
    ".met{color:#0b6e4f;font-weight:600}.missed{color:#b42318;font-weight:600}"
    "svg{display:block;max-width:100%;height:auto}"
    ".scenario{border-left:4px solid #3e7cb1;padding:4px 12px;margin:12px 0}"
    "blockquote{margin:4px 0;padding:2px 10px;border-left:3px solid #cbd2d9;color:#323f4b}"
    "@media print{body{padding:0}.card{border-color:#999}}";

void html_page_begin(FILE *out, const char *title)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          out);
    printer_html_escape(out, title);
    fprintf(out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
}

void html_page_end(FILE *out)
{
    fputs("</body></html>\n", out);
}

void html_element(FILE *out, const char *tag, const char *text)
{
    if (!text || !*text)
        return;
    const char *sp = strchr(tag, ' ');
    fprintf(out, "<%s>", tag);
    printer_html_escape(out, text);
    fprintf(out, "</%.*s>", sp ? (int)(sp - tag) : (int)strlen(tag), tag);
}
