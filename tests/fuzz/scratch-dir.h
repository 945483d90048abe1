/* scratch-dir.h: a scratch directory for a fuzz target that keeps files (an
 * index, a store). Needs _POSIX_C_SOURCE 200809L (mkdtemp) before any
 * include. */
#ifndef EC_FUZZ_SCRATCH_DIR_H
#define EC_FUZZ_SCRATCH_DIR_H

#include <stdio.h>
#include <stdlib.h>

#include "fuzz.h"

/* Makes a fresh directory from TEMPLATE (ending in XXXXXX, rewritten in
 * place, so static storage) for a target's files, and removes it with what
 * is left in it at exit. A target that must close something first registers
 * that with atexit() after this call (atexit runs last-registered first). */
static char *fuzz_dir;
static inline void fuzz_remove_dir(void)
{
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fuzz_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz: could not remove %s\n", fuzz_dir);
}
static inline void fuzz_make_dir(char *template)
{
    if (!mkdtemp(template))
        fuzz_setup_failed("mkdtemp", template);
    fuzz_dir = template;
    atexit(fuzz_remove_dir);
}

#endif
