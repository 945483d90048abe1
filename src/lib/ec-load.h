/* ec-load.h: edgecase XML files -> the model (ec-model.h).
 *
 * One loader compiles the three embedded RELAX NG schemas once and is then
 * reused for any number of files (the indexer loads tens of thousands). A
 * load reads the bytes, refuses what is unsafe or not text (over 8 MiB, a
 * DOCTYPE, NUL bytes, invalid UTF-8, empty, an element with more than 64
 * attributes; XInclude is never processed and is reported), parses with libxml2 without
 * network, entity substitution, DTD loading or XInclude, checks the file
 * against the format with friendly FILE:LINE messages, validates it with the
 * schema, and builds an ec_document. libxml2 never writes to stderr while a
 * loader call runs: its messages become diags.
 *
 * A loader is not thread-safe: use one per thread. */
#ifndef EC_LOAD_H
#define EC_LOAD_H

#include <stddef.h>

#include "ec-diag.h"
#include "ec-model.h"
#include "ec-status.h"

/* Files larger than this are refused before parsing. */
#define EC_LOAD_MAX_BYTES ((size_t)8 * 1024 * 1024)

/* An element with more attributes than this is refused before parsing:
 * libxml2's duplicate check is quadratic in them. */
#define EC_LOAD_MAX_ATTRIBUTES 64

typedef struct ec_loader ec_loader;

/* Compiles the embedded schemas. On success returns EC_OK and sets *OUT (free
 * with ec_loader_free). On failure returns an error status, *OUT is NULL and
 * *ERR (if ERR is not NULL) is a malloc'd message the caller frees. */
ec_status ec_loader_new(ec_loader **out, char **err);

/* Frees LOADER. NULL is accepted. Documents it loaded stay valid. */
void ec_loader_free(ec_loader *loader);

/* Reads and loads the file at PATH (PATH is copied into the document and into
 * every diag as the file name).
 * Returns EC_OK and sets *OUT (caller frees with ec_document_free) when the file
 * is a valid edgecase file; warnings may still have been added to DIAGS.
 * Otherwise *OUT is NULL, every problem found is appended to DIAGS, and the
 * status says what kind: EC_ERR_IO (unreadable or too large), EC_ERR_PARSE
 * (not text, not well-formed XML, a DOCTYPE), EC_ERR_INVALID (breaks the
 * format), EC_ERR_NOMEM. */
ec_status ec_load_file(ec_loader *loader, const char *path, ec_document **out, ec_diags *diags);

/* Reads the file at PATH as ec_load_file does (refusing more than
 * EC_LOAD_MAX_BYTES), without parsing it: the indexer hashes the bytes first
 * and parses only what changed. On EC_OK *BUF (caller frees) holds *LEN bytes
 * plus a NUL; otherwise *BUF is NULL and the problem is in DIAGS. */
ec_status ec_load_read(const char *path, char **buf, size_t *len, ec_diags *diags);

/* Like ec_load_file, for LEN bytes at BUF (need not be NUL-terminated; may hold
 * any bytes). NAME is the file name used in the document and in diags. BUF is
 * only read, and not kept. This is the entry point fuzzers call. */
ec_status ec_load_memory(ec_loader *loader, const char *name, const char *buf, size_t len,
                         ec_document **out, ec_diags *diags);

#endif
