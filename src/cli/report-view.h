/* report-view.h: how the quarterly report looks as text and as one
 * self-contained HTML page with inline SVG charts. */
#ifndef EC_REPORT_VIEW_H
#define EC_REPORT_VIEW_H

#include "printer.h"

extern const printer_view report_view;

#endif
