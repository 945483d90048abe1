#include "ec-status.h"

const char *ec_status_to_string(ec_status status)
{
    switch (status) {
    case EC_OK: return "success";
    case EC_ERR_USAGE: return "invalid argument";
    case EC_ERR_NOMEM: return "out of memory";
    case EC_ERR_IO: return "input/output error";
    case EC_ERR_PARSE: return "malformed input";
    case EC_ERR_INVALID: return "invalid content";
    case EC_ERR_NOT_FOUND: return "not found";
    case EC_ERR_LOCKED: return "database locked by another writer";
    case EC_ERR_MODIFIED: return "database modified while reading";
    case EC_ERR_CORRUPT: return "database corrupt or of a newer version";
    case EC_ERR_SEARCH: return "search failed";
    case EC_ERR_STORE: return "outcome store failed";
    case EC_ERR_INTERNAL: return "internal error";
    }
    return "unknown status";
}
