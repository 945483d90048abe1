/* fuzz.h: one fuzz target, built two ways from the same file.
 *
 * A target file says FUZZ_TARGET(name) { ... } over DATA and SIZE. Built with
 * -DEC_LIBFUZZER (make fuzz, clang -fsanitize=fuzzer) it becomes libFuzzer's
 * LLVMFuzzerTestOneInput; built plainly (make check, any compiler) it registers
 * itself with tests/fuzz/replay.c, which feeds it the saved regression inputs
 * in tests/fuzz/regress/NAME/. So a crash the fuzzer found is replayed through
 * exactly the entry point that found it, in every make check.
 *
 * A target may keep state across inputs (a searcher, a loader): make it once,
 * on the first call, and leave it for exit. A target never prints on success.
 *
 * The runner (tests/fuzz/run.sh) reads the target's "fuzz-seeds:" lines, which
 * say where its seed corpus comes from (see run.sh). */
#ifndef EC_FUZZ_H
#define EC_FUZZ_H

#include <stddef.h>
#include <stdint.h>

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

#ifdef EC_LIBFUZZER
#define FUZZ_TARGET(name)                                                \
    static int fuzz_##name(const uint8_t *data, size_t size);            \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);        \
    int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)         \
    {                                                                    \
        return fuzz_##name(data, size);                                  \
    }                                                                    \
    static int fuzz_##name(const uint8_t *data, size_t size)
#else
void fuzz_register(const char *name, fuzz_fn fn);
#define FUZZ_TARGET(name)                                                \
    static int fuzz_##name(const uint8_t *data, size_t size);            \
    __attribute__((constructor)) static void fuzz_register_##name(void)  \
    {                                                                    \
        fuzz_register(#name, fuzz_##name);                               \
    }                                                                    \
    static int fuzz_##name(const uint8_t *data, size_t size)
#endif

/* The source tree's root: where targets find playbooks/ to build fixtures. */
#ifndef EC_FUZZ_SRCDIR
#define EC_FUZZ_SRCDIR "."
#endif

/* Stops with MSG when a target's own setup fails: not a finding, so the
 * run ends at once (status 99, a hard error to make check) instead of
 * reporting every input as a crash. */
#include <stdio.h>
#include <stdlib.h>
__attribute__((noreturn)) static inline void fuzz_setup_failed(const char *what, const char *msg)
{
    fprintf(stderr, "fuzz target setup failed: %s: %s\n", what, msg ? msg : "");
    exit(99);
}

#endif
