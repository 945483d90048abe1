#!/usr/bin/env python3
"""A deterministic synthetic history for `edgecase report` and `scenarios`,
and what they must say about it, worked out here apart from edgecase.

  gen-history.py generate --seed N --playbooks DIR OUTDIR
      writes OUTDIR/outcomes.jsonl (for `edgecase outcome import`),
      OUTDIR/searches.json (rows for the store's searches table, linked to
      the cases by reference) and OUTDIR/expect.json (the report of 2026Q4
      against 2026Q3 under the default targets, and the scenario order).
  gen-history.py insert-searches DB.sqlite OUTDIR/searches.json
      appends the searches to the store (the store has no import for a
      search log with case references; rows are written as a shell would).
  gen-history.py check-report OUTDIR/expect.json REPORT.json
  gen-history.py check-scenarios OUTDIR/expect.json SCENARIOS.json [FILTER=VALUE...]
      compare edgecase's JSON with the expectation; print what differs and
      exit 1 if anything does.

The history plants what the report must show: emotional validation below
its 85-95% target in 2026Q3 and within it in 2026Q4; first-contact
resolution below 70%; outcomes on the quarters' first and last seconds; and
playbooks used often but handled well, used less but going badly, and never
used, so the scenario score decides the order.
"""
import datetime as dt
import json
import math
import os
import random
import sqlite3
import sys
import xml.etree.ElementTree as ET

Z = 1.959963984540054
CARD = "4111 1111 1111 1111"
TARGETS = {"emotional_validation": (0.85, 0.95), "first_contact_resolution": (0.70, 0.80),
           "trust_index": (0.80, 0.90)}
HIGHER = {"resolution_rate": True, "first_contact_resolution": True,
          "emotional_validation": True, "trust_index": True, "escalation_rate": False,
          "handle_time_mean": False, "handle_time_quality_adjusted": False, "uses": True}
MONTHS = ["2026-07", "2026-08", "2026-09", "2026-10", "2026-11", "2026-12"]
DIFFICULTY = {"hard": 0, "medium": 1, "easy": 2}
VERBATIMS = 3
MIN_USES = 5


def ts(s):
    return int(dt.datetime.strptime(s, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=dt.timezone.utc).timestamp())


def playbooks_of(pbdir):
    """Published playbooks: id, category, impact, paths, scenarios, says."""
    out = []
    for d, _, files in os.walk(pbdir):
        for f in sorted(files):
            if not f.endswith(".xml"):
                continue
            root = ET.parse(os.path.join(d, f)).getroot()
            if root.tag != "playbook" or root.get("status") != "published":
                continue
            out.append({
                "id": root.get("id"),
                "category": root.findtext("category"),
                "impact": root.findtext("emotional-impact") or "",
                "paths": [p.get("id") for p in root.findall("path")],
                "scenarios": [(s.get("id"), s.get("difficulty")) for s in root.findall("scenario")],
                "says": [s.text for s in root.findall("says")] or [root.findtext("title")],
            })
    return sorted(out, key=lambda p: p["id"])


def generate(seed, pbdir, outdir):
    rng = random.Random(seed)
    books = playbooks_of(pbdir)
    used = rng.sample([b for b in books if b["scenarios"]], 8)
    # (weight, chance of going badly): often and well, rarely and badly, between.
    profiles = [(10, 0.10), (8, 0.45), (6, 0.20), (5, 0.60), (4, 0.05), (3, 0.70), (2, 0.30), (1, 0.90)]
    weights = [w for w, _ in profiles]
    start, end = ts("2026-06-01T00:00:00"), ts("2027-01-20T00:00:00")
    rows, searches = [], []
    edges = ["2026-09-30T23:59:59", "2026-10-01T00:00:00", "2026-12-31T23:59:59",
             "2027-01-01T00:00:00", "2026-06-30T23:59:59", "2026-07-01T00:00:00"]
    for i in range(1600):
        k = rng.choices(range(len(used)), weights=weights)[0]
        book, bad = used[k], profiles[k][1]
        closed = ts(edges[i]) if i < len(edges) else rng.randrange(start, end)
        q4 = closed >= ts("2026-10-01T00:00:00")
        # Each path its own success, so the best path is not always the first.
        pi = rng.randrange(len(book["paths"]))
        good = (1 - bad) * (0.75 + 0.25 * ((pi * 7 + k) % 3) / 2)
        r = rng.random()
        result = "resolved" if r < good else "escalated" if r < good + (1 - good) * 0.6 else "unresolved"
        rec = {"case": "R-%05d" % i, "result": result, "closed_at": closed}
        if rng.random() < 0.05:
            book = None  # no path used
        else:
            rec["path"] = "%s#%s" % (book["id"], book["paths"][pi])
        if rng.random() < 0.85:
            rec["fcr"] = "yes" if result == "resolved" and rng.random() < (0.8 if q4 else 0.75) else "no"
        if rng.random() < 0.9:
            rec["heard"] = "yes" if rng.random() < (0.9 if q4 else 0.78) else "no"
        if rng.random() < 0.7:
            rec["trust"] = rng.choice([2, 3, 4, 4, 5, 5] if q4 else [1, 2, 3, 4, 5, 5])
        if rng.random() < 0.9:
            rec["handle_time"] = rng.randrange(120, 900)
        rows.append(rec)
        if book and rng.random() < 0.6:
            text = rng.choice(book["says"]) + rng.choice(["", "", " again", " for the third time"])
            if rng.random() < 0.05:
                text += " my card is " + CARD
            searches.append({"case": rec["case"], "query": text, "at": closed - rng.randrange(60, 900)})
    os.makedirs(outdir, exist_ok=True)
    with open(os.path.join(outdir, "outcomes.jsonl"), "w") as f:
        for rec in rows:
            f.write(json.dumps(rec) + "\n")
    with open(os.path.join(outdir, "searches.json"), "w") as f:
        json.dump(searches, f, indent=0)
    expect = {"report": report_of(rows), "scenarios": scenarios_of(books, rows, searches)}
    with open(os.path.join(outdir, "expect.json"), "w") as f:
        json.dump(expect, f, indent=1, sort_keys=True)


def month_of(t):
    return dt.datetime.fromtimestamp(t, dt.timezone.utc).strftime("%Y-%m")


def counts_of(rows):
    c = dict(uses=0, resolved=0, escalated=0, unresolved=0, fcr_known=0, fcr_yes=0,
             heard_known=0, heard_yes=0, trust_known=0, trust_high=0, timed=0,
             handle_sum=0.0, timed_resolved=0)
    for r in rows:
        c["uses"] += 1
        c[r["result"]] += 1
        if "fcr" in r:
            c["fcr_known"] += 1
            c["fcr_yes"] += r["fcr"] == "yes"
        if "heard" in r:
            c["heard_known"] += 1
            c["heard_yes"] += r["heard"] == "yes"
        if "trust" in r:
            c["trust_known"] += 1
            c["trust_high"] += r["trust"] >= 4
        if "handle_time" in r:
            c["timed"] += 1
            c["handle_sum"] += r["handle_time"]
            c["timed_resolved"] += r["result"] == "resolved"
    return c


def div(a, b):
    return a / b if b else None


def metrics_of(c):
    return {
        "resolution_rate": div(c["resolved"], c["uses"]),
        "first_contact_resolution": div(c["fcr_yes"], c["fcr_known"]),
        "emotional_validation": div(c["heard_yes"], c["heard_known"]),
        "trust_index": div(c["trust_high"], c["trust_known"]),
        "escalation_rate": div(c["escalated"], c["uses"]),
        "handle_time_mean": div(c["handle_sum"], c["timed"]),
        "handle_time_quality_adjusted": div(c["handle_sum"], c["timed_resolved"]),
        "uses": c["uses"],
    }


def wilson(s, n):
    if n == 0:
        return None
    p = s / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return [max(0.0, c - h), min(1.0, c + h)]


def report_of(rows):
    q4 = [r for r in rows if month_of(r["closed_at"]) in MONTHS[3:]]
    q3 = [r for r in rows if month_of(r["closed_at"]) in MONTHS[:3]]
    now, before = metrics_of(counts_of(q4)), metrics_of(counts_of(q3))
    trend = [metrics_of(counts_of([r for r in rows if month_of(r["closed_at"]) == m])) for m in MONTHS]
    head = {}
    for key in HIGHER:
        status = met = None
        if key in TARGETS and now[key] is not None:
            lo, hi = TARGETS[key]
            status = "below" if now[key] < lo else "above" if now[key] > hi else "within"
            met = status == "within" or (status == "above") == HIGHER[key]
        head[key] = {"value": now[key], "previous": before[key], "status": status, "met": met,
                     "trend": [t[key] for t in trend]}
    by_path = {}
    for r in q4:
        if "path" in r:
            by_path.setdefault(r["path"], []).append(r)
    top = sorted(by_path, key=lambda p: (-len(by_path[p]), p))[:10]
    paths = []
    for p in top:
        c = counts_of(by_path[p])
        paths.append({"path": p, "uses": c["uses"], "resolved": c["resolved"],
                      "success_ci95": wilson(c["resolved"], c["uses"])})
    return {"headline": head, "top_paths": paths}


def scenarios_of(books, rows, searches):
    by_book, by_path = {}, {}
    for r in rows:
        if "path" in r:
            by_book.setdefault(r["path"].split("#")[0], []).append(r)
            by_path.setdefault(r["path"], []).append(r)
    case = {r["case"]: r for r in rows}
    out = []
    for b in books:
        c = counts_of(by_book.get(b["id"], []))
        not_heard = (c["heard_known"] - c["heard_yes"]) / c["heard_known"] if c["heard_known"] else 0
        score = c["uses"] + c["escalated"] + c["unresolved"] + c["uses"] * not_heard if c["uses"] else 0
        best, best_low = b["paths"][0], -1
        for p in b["paths"]:
            pc = counts_of(by_path.get("%s#%s" % (b["id"], p), []))
            if pc["uses"] >= MIN_USES:
                low = wilson(pc["resolved"], pc["uses"])[0]
                if low > best_low:
                    best, best_low = p, low
        hard = {}
        for s in searches:
            r = case[s["case"]]
            if r.get("path", "").split("#")[0] != b["id"]:
                continue
            if r["result"] != "resolved" or r.get("heard") == "no":
                hard[s["query"]] = max(hard.get(s["query"], 0), s["at"])
        verbatims = [q.replace(CARD, "[card]")
                     for q, _ in sorted(hard.items(), key=lambda kv: (-kv[1], kv[0]))[:VERBATIMS]]
        for sid, diff in b["scenarios"]:
            out.append({"playbook": b["id"], "scenario": sid, "difficulty": diff,
                        "category": b["category"], "impact": b["impact"], "score": score,
                        "best_path": best, "hard_cases": verbatims})
    out.sort(key=lambda s: (-s["score"], DIFFICULTY.get(s["difficulty"], 3), s["playbook"], s["scenario"]))
    return out


def insert_searches(db, path):
    con = sqlite3.connect(db)
    with con:
        for s in json.load(open(path)):
            con.execute("INSERT INTO searches (at, query, shown, n_shown, top_score, case_ref)"
                        " VALUES (?, ?, '[]', 0, 0.5, ?)", (s["at"], s["query"], s["case"]))
    con.close()


class Checker:
    def __init__(self):
        self.bad = 0

    def eq(self, what, want, got):
        same = want == got
        if isinstance(want, float) and isinstance(got, (int, float)):
            same = abs(want - got) <= 1e-9 * max(1.0, abs(want))
        if isinstance(want, list) and isinstance(got, list) and len(want) == len(got):
            same = all(self.close(w, g) for w, g in zip(want, got))
        if not same:
            print("differs: %s: want %r, got %r" % (what, want, got))
            self.bad += 1

    @staticmethod
    def close(w, g):
        if isinstance(w, float) and isinstance(g, (int, float)):
            return abs(w - g) <= 1e-9 * max(1.0, abs(w))
        return w == g


def check_report(expect_path, report_path):
    want = json.load(open(expect_path))["report"]
    got = json.load(open(report_path))
    ck = Checker()
    ck.eq("quarter", "2026Q4", got["quarter"])
    ck.eq("previous", "2026Q3", got["previous"]["quarter"])
    heads = {h["key"]: h for h in got["headline"]}
    ck.eq("headline keys", sorted(want["headline"]), sorted(heads))
    for key, w in want["headline"].items():
        h = heads.get(key, {})
        for field in ("value", "previous", "status", "met"):
            ck.eq("%s %s" % (key, field), w[field], h.get(field))
        ck.eq("%s trend" % key, w["trend"], [p["value"] for p in h.get("trend", [])])
        ck.eq("%s periods" % key, MONTHS, [p["period"] for p in h.get("trend", [])])
    ck.eq("top paths", [p["path"] for p in want["top_paths"]], [p["path"] for p in got["top_paths"]])
    for w, g in zip(want["top_paths"], got["top_paths"]):
        for field in ("uses", "resolved", "success_ci95"):
            ck.eq("%s %s" % (w["path"], field), w[field], g[field])
    for key in ("patterns", "weak_paths", "stale"):
        if key in got and not isinstance(got[key], list):
            ck.eq(key + " is a list", True, False)
    return ck.bad


def check_scenarios(expect_path, got_path, filters):
    want = json.load(open(expect_path))["scenarios"]
    for f in filters:
        k, v = f.split("=", 1)
        want = [s for s in want if s[k] == v]
    got = json.load(open(got_path))["scenarios"]
    ck = Checker()
    ck.eq("order", [(s["playbook"], s["scenario"]) for s in want],
          [(s["playbook"], s["scenario"]) for s in got])
    for w, g in zip(want, got):
        name = "%s/%s" % (w["playbook"], w["scenario"])
        ck.eq(name + " score", float(w["score"]), g["score"])
        ck.eq(name + " best path", w["best_path"], g["best_path"]["id"])
        ck.eq(name + " hard cases", w["hard_cases"], [h["text"] for h in g["hard_cases"]])
        for field in ("persona", "opening", "good_handling"):
            if not g.get(field):
                ck.eq(name + " has " + field, True, False)
    return ck.bad


def main(argv):
    if len(argv) >= 5 and argv[1] == "generate" and argv[2] == "--seed":
        args = argv[3:]
        seed = int(args[0])
        if args[1] != "--playbooks":
            sys.exit(__doc__)
        generate(seed, args[2], args[3])
        return 0
    if len(argv) == 4 and argv[1] == "insert-searches":
        insert_searches(argv[2], argv[3])
        return 0
    if len(argv) == 4 and argv[1] == "check-report":
        return 1 if check_report(argv[2], argv[3]) else 0
    if len(argv) >= 4 and argv[1] == "check-scenarios":
        return 1 if check_scenarios(argv[2], argv[3], argv[4:]) else 0
    sys.exit(__doc__)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
