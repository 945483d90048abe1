/* ec-outcomes-internal.h: the store's SQLite handle, for tests and tools
 * inside the project only (a test sets PRAGMA max_page_count to see the
 * store's answer to a full disk). Callers outside never include this. */
#ifndef EC_OUTCOMES_INTERNAL_H
#define EC_OUTCOMES_INTERNAL_H

#include <sqlite3.h>

#include "ec-outcomes.h"

/* The connection STORE writes through; borrowed. */
sqlite3 *ec_store_sqlite(ec_store *store);

#endif
