/* ec-walk.h: the files named on a command line -> the edgecase files to read. */
#ifndef EC_WALK_H
#define EC_WALK_H

#include <stddef.h>

#include "ec-diag.h"
#include "ec-status.h"
#include "ec-util.h"

/* Expands PATHS (N of them) into FILES, appending malloc'd strings that FILES
 * owns (free with ec_strv_free). A path naming a file is taken as it is,
 * whatever its name. A path naming a directory (even one called "x.xml") is
 * walked recursively: its files ending in ".xml" are taken, entries whose
 * names start with '.' are skipped, entries are visited in byte order of their
 * names, symbolic links are followed but a directory is never entered again
 * inside itself (no link loops). Paths are built as DIR/NAME from the path as
 * given. The arguments keep their order.
 * A missing or unreadable path (argument, subdirectory, or a dangling .xml
 * link) adds an error diag naming it and the walk goes on.
 * Returns EC_OK when no problem was found, EC_ERR_IO when a diag was added,
 * EC_ERR_NOMEM on allocation failure. */
ec_status ec_walk(const char *const *paths, size_t n, ec_strv *files, ec_diags *diags);

#endif
