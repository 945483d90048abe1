#!/usr/bin/env python3
"""json-contract.py: checks edgecase search JSON against FORMAT.md section 4.

Usage: json-contract.py OUTPUT [INPUT]
OUTPUT holds JSON Lines (search --batch) or one JSON object (search --json).
With INPUT (the queries, one a line), OUTPUT must have exactly one line per
input line, in order, each echoing its query. Prints one line per problem and
exits 1 if there is any; prints "ok N" and exits 0 otherwise.
"""
import json
import math
import sys

KINDS = ("playbook", "article")
problems = []


def problem(where, msg):
    problems.append("%s: %s" % (where, msg))


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_number(v):
    return (is_int(v) or isinstance(v, float)) and math.isfinite(v)


def check_result(where, r, want_rank):
    if not isinstance(r, dict):
        problem(where, "result is not an object")
        return
    if r.get("rank") != want_rank or not is_int(r.get("rank")):
        problem(where, "rank %r, want %d" % (r.get("rank"), want_rank))
    if not isinstance(r.get("id"), str) or not r.get("id"):
        problem(where, "id %r is not a non-empty string" % (r.get("id"),))
    kind = r.get("kind")
    if kind not in KINDS:
        problem(where, "kind %r is not one of %s" % (kind, ", ".join(KINDS)))
    if "path" not in r:
        problem(where, "no path key")
    elif kind == "playbook" and (not isinstance(r["path"], str) or not r["path"]):
        problem(where, "playbook result with path %r, want a path id" % (r["path"],))
    elif kind == "article" and r["path"] is not None:
        problem(where, "article result with path %r, want null" % (r["path"],))
    if not isinstance(r.get("title"), str) or not r.get("title"):
        problem(where, "title %r is not a non-empty string" % (r.get("title"),))
    if "path_title" not in r:
        problem(where, "no path_title key")
    elif kind == "playbook" and not isinstance(r["path_title"], str):
        problem(where, "playbook result with path_title %r" % (r["path_title"],))
    elif kind == "article" and r["path_title"] is not None:
        problem(where, "article result with path_title %r, want null" % (r["path_title"],))
    score = r.get("score")
    if not is_number(score) or not 0 <= score <= 1:
        problem(where, "score %r is not a number in [0, 1]" % (score,))
    if not isinstance(r.get("snippet"), str):
        problem(where, "snippet %r is not a string" % (r.get("snippet"),))
    if "success_rate" not in r:
        problem(where, "no success_rate key")
    elif r["success_rate"] is not None and not (
            is_number(r["success_rate"]) and 0 <= r["success_rate"] <= 1):
        problem(where, "success_rate %r is not null or a number in [0, 1]" % (r["success_rate"],))
    if not is_int(r.get("uses")) or r.get("uses") < 0:
        problem(where, "uses %r is not an integer >= 0" % (r.get("uses"),))
    if not isinstance(r.get("escalate"), bool):
        problem(where, "escalate %r is not true or false" % (r.get("escalate"),))


def check_object(where, d, want_query=None):
    if not isinstance(d, dict):
        problem(where, "not a JSON object")
        return
    if "error" in d:
        problem(where, "error: %r" % (d["error"],))
    if not isinstance(d.get("query"), str):
        problem(where, "query %r is not a string" % (d.get("query"),))
    elif want_query is not None and d["query"] != want_query:
        problem(where, "query %r does not echo the input %r" % (d["query"][:60], want_query[:60]))
    if "corrected" not in d:
        problem(where, "no corrected key")
    elif d["corrected"] is not None and not isinstance(d["corrected"], str):
        problem(where, "corrected %r is not a string or null" % (d["corrected"],))
    if not is_int(d.get("total")) or d.get("total") < 0:
        problem(where, "total %r is not an integer >= 0" % (d.get("total"),))
    results = d.get("results")
    if not isinstance(results, list):
        problem(where, "results %r is not a list" % (results,))
        return
    if is_int(d.get("total")) and d["total"] < len(results):
        problem(where, "total %d is less than the %d results" % (d["total"], len(results)))
    for i, r in enumerate(results):
        check_result("%s: result %d" % (where, i + 1), r, i + 1)


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    queries = None
    if len(sys.argv) == 3:
        with open(sys.argv[2], encoding="utf-8") as f:
            queries = [q.rstrip("\r\n") for q in f.read().split("\n")]
        if queries and queries[-1] == "":
            queries.pop()
    objects = None
    if queries is None:
        try:
            json.loads(text)
            objects = [text]  # one object, maybe pretty-printed (search --json)
        except ValueError:
            pass
    if objects is None:
        objects = text.split("\n")
        if objects and objects[-1] == "":
            objects.pop()
        else:
            problem("output", "last line does not end in a newline")
    if queries is not None and len(objects) != len(queries):
        problem("output", "%d lines for %d queries" % (len(objects), len(queries)))
    for i, line in enumerate(objects):
        where = "line %d" % (i + 1)
        try:
            d = json.loads(line)
        except ValueError as e:
            problem(where, "not JSON: %s" % e)
            continue
        check_object(where, d, queries[i] if queries and i < len(queries) else None)
    for p in problems:
        print(p)
    if problems:
        sys.exit(1)
    print("ok %d" % len(objects))


if __name__ == "__main__":
    main()
