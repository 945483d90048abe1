#!/usr/bin/env python3
"""history.py: a deterministic synthetic history for edgecase patterns.

usage: history.py outcomes > outcomes.jsonl     (for `edgecase outcome import`)
       history.py searches DBDIR                (into DBDIR/outcomes.db, after the
                                                 store exists: import outcomes first)

Today is 2026-06-01 (EDGECASE_TODAY); the default period of edgecase patterns
is then [2026-03-04, 2026-06-02) and the previous one [2025-12-04, 2026-03-04).
Planted, for tests/cli/080-patterns.sh to check exactly:
  - a new pattern: 40 searches about eSIM activation in the period, none used,
    none before; their 40 cases closed without a path, 20 escalated and 20
    unresolved; 30 said whether the customer felt heard, 12 of them "no";
  - a steady pattern: 15 unused searches about a parcel left with a neighbour
    in each period;
  - 6 cases unresolved without a path whose notes are about smart meter readings;
  - background: every query of tests/relevance/queries.tsv once in each period,
    unused (a quarter's unmet demand is large and varied);
  - a failing path: billing.double-charge#two-card-payments, 10 resolved of 40
    in the period (20 of 25 before), while billing's other paths resolve 80%;
  - a falling path: delivery.router-not-arrived#trace-stuck-parcel, 27 of 30
    before and 15 of 30 now, in a category whose other path resolves 60%;
  - every other use resolved exactly as often in both periods, and each path use
    comes with a search whose result was used, so none of it is unmet.
The SEED only shuffles times and wording; the counts above never change.
"""
import json
import os
import random
import sqlite3
import sys
from datetime import datetime, timedelta, timezone

SEED = 6
TODAY = datetime(2026, 6, 1, tzinfo=timezone.utc)
PERIOD = timedelta(days=90)
UNTIL = TODAY + timedelta(days=1)
SINCE = UNTIL - PERIOD
PREVIOUS = SINCE - PERIOD

# (playbook#path, (uses, resolved) now, (uses, resolved) before)
PATHS = [
    ("billing.double-charge#two-card-payments", (40, 10), (25, 20)),
    ("billing.double-charge#card-then-dd-represented", (25, 20), (25, 20)),
    ("billing.direct-debit-failed#pay-now-stop-retry", (25, 20), (25, 20)),
    ("billing.price-rise-dispute#rise-matches-contract", (25, 20), (25, 20)),
    ("billing.bill-shock-roaming#genuine-usage", (25, 20), (25, 20)),
    ("delivery.router-not-arrived#trace-stuck-parcel", (30, 15), (30, 27)),
    ("delivery.wrong-item#wrong-model", (25, 15), (25, 15)),
]

# 40 different ways of saying it: what they share is the eSIM and activating it.
ESIM_WHAT = ["my esim", "the esim", "esim on the new phone", "esim for my watch",
             "esim after the qr code", "new esim", "esim profile", "work esim"]
ESIM_WRONG = ["won't activate", "activation failed", "stuck on activating",
              "not activating since yesterday", "activation error"]
ESIM = ["%s %s" % (w, p) for p in ESIM_WRONG for w in ESIM_WHAT]
NEIGHBOUR = [
    "courier says parcel left with neighbour but they never got it",
    "parcel left with a neighbour i dont know",
    "delivery note says left with neighbour at number 12",
    "they left my parcel with the neighbour and it is gone",
]
METER = [
    "customer disputes the smart meter reading on the bill",
    "smart meter reading wrong, estimated bill too high",
    "says smart meter reading never sent",
]


def at(rng, start, end):
    span = int((end - start).total_seconds())
    return int(start.timestamp()) + rng.randrange(span)


def iso(t):
    return datetime.fromtimestamp(t, timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def path_uses(rng):
    """(case, path, result, closed_at) for every path use, both periods."""
    uses = []
    for path, now, before in PATHS:
        for (n, ok), (start, end), tag in ((now, (SINCE, UNTIL), "N"), (before, (PREVIOUS, SINCE), "P")):
            for i in range(n):
                result = "resolved" if i < ok else "escalated"
                case = "%s-%s-%03d" % (path.split("#")[1][:12].upper(), tag, i)
                uses.append((case, path, result, at(rng, start, end)))
    return uses


def outcomes():
    rng = random.Random(SEED)
    for case, path, result, t in path_uses(rng):
        print(json.dumps({"case": case, "path": path, "result": result, "closed_at": iso(t),
                          "heard": "yes", "fcr": "yes" if result == "resolved" else "no"}))
    rng = random.Random(SEED + 1)
    for i in range(40):
        o = {"case": "ESIM-%03d" % i, "result": "escalated" if i % 2 == 0 else "unresolved",
             "closed_at": iso(at(rng, SINCE + timedelta(days=20), UNTIL - timedelta(days=1)))}
        if i < 30:
            o["heard"] = "no" if i < 12 else "yes"
        print(json.dumps(o))
    for i in range(6):
        print(json.dumps({"case": "METER-%03d" % i, "result": "unresolved", "heard": "no",
                          "closed_at": iso(at(rng, SINCE, UNTIL)),
                          "note": METER[i % len(METER)]}))


def searches(dbdir):
    rows = []
    rng = random.Random(SEED)
    for case, path, result, t in path_uses(rng):
        rows.append((t - 120, "customer query for " + path.split("#")[0].split(".")[1].replace("-", " "),
                     json.dumps([path]), 1, 0.8, path, t - 60, case))
    rng = random.Random(SEED + 2)
    for i in range(40):
        q = ESIM[i]
        rows.append((at(rng, SINCE + timedelta(days=10), UNTIL - timedelta(days=2)), q, "[]", 0, 0.35,
                     None, None, "ESIM-%03d" % i))
    for start, end in ((PREVIOUS, SINCE), (SINCE, UNTIL)):
        for i in range(15):
            rows.append((at(rng, start, end), NEIGHBOUR[i % len(NEIGHBOUR)], "[]", 0, 0.0,
                         None, None, None))
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "..", "relevance", "queries.tsv"), encoding="utf-8") as f:
        background = [l.split("\t")[0] for l in f if l.strip() and not l.startswith("#")]
    for start, end in ((PREVIOUS, SINCE), (SINCE, UNTIL)):
        for q in background:
            rows.append((at(rng, start, end), q, "[]", 0, 0.0, None, None, None))
    db = sqlite3.connect(os.path.join(dbdir, "outcomes.db"))
    with db:
        db.executemany(
            "INSERT INTO searches (at, query, shown, n_shown, top_score, used, used_at, case_ref)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)
    db.close()


if __name__ == "__main__":
    if sys.argv[1:2] == ["outcomes"]:
        outcomes()
    elif sys.argv[1:2] == ["searches"] and len(sys.argv) == 3:
        searches(sys.argv[2])
    else:
        sys.exit(__doc__)
