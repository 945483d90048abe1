/* cmd-search.c: edgecase search: what the customer said -> ranked paths. */
#define _POSIX_C_SOURCE 200809L
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "commands.h"
#include "ec-search.h"
#include "printer.h"
#include "search-view.h"

#define MAX_FILTERS 32

static int run_one(ec_searcher *s, printer *p, ec_search_request *req)
{
    ec_results *res = NULL;
    char *err = NULL;
    ec_status st = ec_search_run(s, req, &res, &err);
    if (st != EC_OK) {
        cli_error("search failed for \"%s\": %s", req->query, err ? err : ec_status_to_string(st));
        free(err);
        return EXIT_PROBLEMS;
    }
    json_object *j = ec_results_to_json(res);
    printer_emit(p, &search_view, j);
    json_object_put(j);
    ec_results_free(res);
    return EXIT_OK;
}

int cmd_search(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},    {"json", no_argument, NULL, 'j'},
        {"batch", no_argument, NULL, 'b'},       {"limit", required_argument, NULL, 'n'},
        {"filter", required_argument, NULL, 'f'}, {"status", required_argument, NULL, 's'},
        {"no-correction", no_argument, NULL, 'C'}, {"facets", no_argument, NULL, 'F'},
        {"help", no_argument, NULL, 'h'},          {NULL, 0, NULL, 0}};
    const char *db_opt = NULL;
    int json = 0, batch = 0, rc = EXIT_OK;
    ec_search_request req = {0};
    ec_filter filters[MAX_FILTERS];
    char *filter_buf[MAX_FILTERS];
    size_t n_filters = 0;
    int c;
    optind = 1;
    while ((c = getopt_long(argc, argv, "+d:jbn:f:s:CFh", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db_opt = optarg; break;
        case 'j': json = 1; break;
        case 'b': batch = 1; break;
        case 'C': req.no_correction = 1; break;
        case 'F': req.facets = 1; break;
        case 'n': {
            char *end;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 1000) {
                rc = cli_usage_error("search", "--limit takes a number from 1 to 1000, not \"%s\"", optarg);
                goto out;
            }
            req.limit = (size_t)n;
            break;
        }
        case 'f': {
            char *eq = strchr(optarg, '=');
            if (!eq || eq == optarg || !eq[1]) {
                rc = cli_usage_error("search", "--filter takes FIELD=VALUE, not \"%s\"", optarg);
                goto out;
            }
            if (n_filters == MAX_FILTERS) {
                rc = cli_usage_error("search", "at most %d filters", MAX_FILTERS);
                goto out;
            }
            char *copy = strdup(optarg);
            copy[eq - optarg] = '\0';
            if (!ec_search_filter_field_valid(copy)) {
                char *fields = cli_filter_fields();
                rc = cli_usage_error("search", "cannot filter on \"%s\"; fields are %s", copy,
                                     fields ? fields : "");
                free(fields);
                free(copy);
                goto out;
            }
            filter_buf[n_filters] = copy;
            filters[n_filters] = (ec_filter){copy, copy + (eq - optarg) + 1};
            n_filters++;
            break;
        }
        case 's':
            if (strcmp(optarg, "any") && strcmp(optarg, "draft") && strcmp(optarg, "review") &&
                strcmp(optarg, "published") && strcmp(optarg, "retired")) {
                rc = cli_usage_error("search",
                                     "--status is draft, review, published, retired or any, not \"%s\"",
                                     optarg);
                goto out;
            }
            req.status = optarg;
            break;
        case 'h':
            rc = cmd_help(2, (char *[]){"help", "search", NULL});
            goto out;
        default:
            rc = cli_usage_error("search", "unknown option");
            goto out;
        }
    }
    req.filters = filters;
    req.n_filters = n_filters;
    if (!batch && optind >= argc) {
        rc = cli_usage_error("search", "say what to search for, or use --batch to read queries from stdin");
        goto out;
    }

    char *dbdir = cli_db_dir(db_opt);
    if (!dbdir) {
        cli_error("no database directory: set --db, $EDGECASE_DB or $HOME");
        rc = EXIT_USAGE;
        goto out;
    }
    ec_searcher *s = NULL;
    char *err = NULL;
    ec_status st = ec_searcher_open(dbdir, &s, &err);
    if (st != EC_OK) {
        if (st == EC_ERR_NOT_FOUND)
            cli_error("nothing is indexed in %s yet; run 'edgecase index --db %s PLAYBOOK-DIR' first",
                      dbdir, dbdir);
        else
            cli_error("cannot open the index in %s: %s", dbdir, err ? err : ec_status_to_string(st));
        free(err);
        free(dbdir);
        rc = EXIT_PROBLEMS;
        goto out;
    }
    free(dbdir);

    printer *p = printer_new(batch ? PRINTER_JSONL : json ? PRINTER_JSON : PRINTER_TEXT, stdout,
                             cli_use_color(stdout));
    if (batch) {
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        while ((len = getline(&line, &cap, stdin)) != -1) {
            while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                line[--len] = '\0';
            req.query = line;
            if (run_one(s, p, &req) != EXIT_OK) {
                /* Keep the output aligned with the input: one line per query. */
                printf("{\"query\": null, \"error\": \"search failed\", \"results\": []}\n");
                fflush(stdout);
                rc = EXIT_PROBLEMS;
            }
        }
        free(line);
    } else {
        ec_buf q = EC_BUF_INIT;
        for (int i = optind; i < argc; i++)
            ec_buf_printf(&q, "%s%s", i > optind ? " " : "", argv[i]);
        req.query = q.data;
        rc = run_one(s, p, &req);
        ec_buf_free(&q);
    }
    printer_free(p);
    ec_searcher_close(s);
out:
    for (size_t i = 0; i < n_filters; i++)
        free(filter_buf[i]);
    return rc;
}
