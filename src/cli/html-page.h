/* html-page.h: the frame of the self-contained HTML pages (report, trainer
 * packs): one file, its style inline, nothing fetched from anywhere, so it
 * can be mailed or opened offline. */
#ifndef EC_HTML_PAGE_H
#define EC_HTML_PAGE_H

#include <stdio.h>

/* Writes the doctype, head (TITLE escaped, the shared style) and <body>. */
void html_page_begin(FILE *out, const char *title);
/* Closes what html_page_begin() opened. */
void html_page_end(FILE *out);
/* Writes <TAG>escaped TEXT</TAG> (TAG may carry attributes: "p class=\"x\"");
 * nothing when TEXT is NULL or empty. */
void html_element(FILE *out, const char *tag, const char *text);

#endif
