/* fuzz-load.c: arbitrary bytes as an edgecase XML file (playbook, article or
 * synonyms: the root element decides), through ec_load_memory, the loader
 * both lint and index use. Whatever the bytes, the loader returns a status and
 * diags, and a document only when the file is valid.
 *
 * fuzz-seeds: files playbooks tests/lint
 * fuzz-dict: tests/fuzz/xml.dict
 */
#include <stdlib.h>
#include <string.h>

#include "ec-load.h"
#include "fuzz.h"

FUZZ_TARGET(load)
{
    static ec_loader *loader;
    if (!loader) {
        char *err = NULL;
        if (ec_loader_new(&loader, &err) != EC_OK)
            fuzz_setup_failed("ec_loader_new", err);
    }
    ec_diags diags = EC_DIAGS_INIT;
    ec_document *doc = NULL;
    ec_status st = ec_load_memory(loader, "fuzz.xml", (const char *)data, size, &doc, &diags);
    /* The contract: a document exactly when EC_OK; every refusal says why. */
    if ((st == EC_OK) != (doc != NULL))
        abort();
    if (st != EC_OK && st != EC_ERR_NOMEM && ec_diags_count(&diags, EC_SEV_ERROR) == 0)
        abort();
    for (size_t i = 0; i < diags.n; i++) {
        char *line = ec_diag_format(&diags.items[i]);
        if (!line || strncmp(line, "fuzz.xml", 8) != 0)
            abort();
        free(line);
    }
    ec_document_free(doc);
    ec_diags_free(&diags);
    return 0;
}
