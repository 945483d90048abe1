/* cmd-lint.c: edgecase lint: check playbook, article and synonyms files.
 *
 * Prints every problem of every file as FILE:LINE: message, sorted by file and
 * line, then a one-line summary on stderr. Exit 0 when there is no error
 * (warnings allowed), 1 when there is one, 2 on a usage error. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "ec-diag.h"
#include "ec-lint.h"
#include "ec-util.h"
#include "printer.h"

static void lint_text(const printer_ctx *ctx, json_object *data)
{
    json_object *problems = NULL;
    if (!json_object_object_get_ex(data, "problems", &problems))
        return;
    size_t n = json_object_array_length(problems);
    for (size_t i = 0; i < n; i++) {
        json_object *p = json_object_array_get_idx(problems, i);
        int warning = strcmp(pj_str(p, "severity"), "warning") == 0;
        long long line = pj_int(p, "line");
        fputs(pj_str(p, "file"), ctx->out);
        if (line > 0)
            fprintf(ctx->out, ":%lld", line);
        fprintf(ctx->out, ": %s%s%s%s\n", printer_style(ctx, warning ? "yellow" : "red"),
                warning ? "warning: " : "", printer_style(ctx, "reset"), pj_str(p, "message"));
    }
}

static const printer_view lint_view = {"lint", lint_text, NULL};

static json_object *problems_to_json(const ec_diags *diags, size_t n_files)
{
    json_object *root = json_object_new_object();
    json_object *list = json_object_new_array();
    for (size_t i = 0; i < diags->n; i++) {
        const ec_diag *d = &diags->items[i];
        json_object *p = json_object_new_object();
        json_object_object_add(p, "file", json_object_new_string(d->file));
        json_object_object_add(p, "line", json_object_new_int64(d->line));
        json_object_object_add(p, "severity", json_object_new_string(
                                                  d->severity == EC_SEV_WARNING ? "warning" : "error"));
        json_object_object_add(p, "message", json_object_new_string(d->message));
        json_object_array_add(list, p);
    }
    json_object_object_add(root, "files", json_object_new_int64((int64_t)n_files));
    json_object_object_add(root, "errors",
                           json_object_new_int64((int64_t)ec_diags_count(diags, EC_SEV_ERROR)));
    json_object_object_add(root, "warnings",
                           json_object_new_int64((int64_t)ec_diags_count(diags, EC_SEV_WARNING)));
    json_object_object_add(root, "problems", list);
    return root;
}

int cmd_lint(int argc, char **argv)
{
    static const struct option opts[] = {
        {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {NULL, 0, NULL, 0}};
    int json = 0, c, rc;
    ec_diags diags = EC_DIAGS_INIT;
    printer *p = NULL;
    json_object *data = NULL;
    char *err = NULL;
    size_t n_files = 0;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
        switch (c) {
        case 'j': json = 1; break;
        case 'h': printf("usage: edgecase lint [--json] PATH...\n"); return EXIT_OK;
        default:
            if (optopt)
                return cli_usage_error("lint", "unknown option \"-%c\"", optopt);
            return cli_usage_error("lint", "unknown option \"%s\"", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return cli_usage_error("lint", "name at least one file or directory to check");
    const char *today = getenv("EDGECASE_TODAY");
    if (today && *today && !ec_valid_iso_date(today))
        return cli_usage_error("lint", "EDGECASE_TODAY=\"%s\" is not a date; write YYYY-MM-DD", today);
    if (today && !*today)
        today = NULL;

    ec_status st = ec_lint_paths((const char *const *)argv + optind, (size_t)(argc - optind), today,
                                 &diags, &n_files, &err);
    if (st != EC_OK && st != EC_ERR_INVALID) {
        cli_error("lint: %s", err ? err : ec_status_to_string(st));
        rc = EXIT_PROBLEMS;
        goto out;
    }
    ec_diags_sort(&diags);
    p = printer_new(json ? PRINTER_JSON : PRINTER_TEXT, stdout, cli_use_color(stdout));
    data = problems_to_json(&diags, n_files);
    if (!p || !data) {
        cli_error("lint: out of memory");
        rc = EXIT_PROBLEMS;
        goto out;
    }
    printer_emit(p, &lint_view, data);
    fflush(stdout);
    size_t errors = ec_diags_count(&diags, EC_SEV_ERROR);
    size_t warnings = ec_diags_count(&diags, EC_SEV_WARNING);
    fprintf(stderr, "%zu file%s checked, %zu error%s, %zu warning%s\n", n_files,
            n_files == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
            warnings == 1 ? "" : "s");
    rc = errors ? EXIT_PROBLEMS : EXIT_OK;
out:
    json_object_put(data);
    printer_free(p);
    ec_diags_free(&diags);
    free(err);
    return rc;
}
