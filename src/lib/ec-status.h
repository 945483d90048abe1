/* ec-status.h: the status every libedgecase function returns.
 *
 * The engine never prints, reads stdin or exits: a failing call returns one of
 * these and, where the signature has one, a message the caller owns. */
#ifndef EC_STATUS_H
#define EC_STATUS_H

typedef enum ec_status {
    EC_OK = 0,
    EC_ERR_USAGE,     /* the caller passed something meaningless */
    EC_ERR_NOMEM,     /* an allocation failed */
    EC_ERR_IO,        /* a file could not be read or written */
    EC_ERR_PARSE,     /* input is not well-formed (XML, JSON, a query) */
    EC_ERR_INVALID,   /* input is well-formed but breaks the format's rules */
    EC_ERR_NOT_FOUND, /* a database, file, id or record does not exist */
    EC_ERR_LOCKED,    /* another writer holds the database (another indexer is running) */
    EC_ERR_MODIFIED,  /* the database changed under a reader: reopen and retry */
    EC_ERR_CORRUPT,   /* a database is damaged or of a newer version */
    EC_ERR_SEARCH,    /* the search engine failed (message says why) */
    EC_ERR_STORE,     /* the outcome store failed (message says why) */
    EC_ERR_INTERNAL   /* a bug: please report it */
} ec_status;

/* Returns a short English description of STATUS; a static string, never NULL. */
const char *ec_status_to_string(ec_status status);

#endif
