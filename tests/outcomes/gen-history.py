#!/usr/bin/env python3
"""A deterministic synthetic outcome history, and the figures it must give.

  gen-history.py generate --seed N --count N --playbooks DIR OUT.jsonl EXPECT.json
      writes COUNT outcomes (edgecase outcome import's JSON Lines) on real
      paths of the playbooks in DIR, a retired playbook's path and no path,
      with every field sometimes missing; and the figures of every grouping
      over all time and over one window, worked out here independently of
      edgecase, following the definitions in edgecase(1).
  gen-history.py compare EXPECT.json BY SINCE UNTIL STATS.json
      compares `edgecase stats --json` output with the expectation (BY, SINCE,
      UNTIL as given to stats, '-' for none); counts must be equal, figures
      equal to 1e-12 relative; prints what differs and exits 1 if anything does.
"""
import datetime as dt
import json
import math
import os
import random
import sys
import xml.etree.ElementTree as ET

BYS = ["-", "playbook", "path", "category", "channel", "agent", "day", "week", "month"]
WINDOWS = [("-", "-"), ("2026-02-01", "2026-03-15"), ("2026-04-01", "-")]
Z = 1.959963984540054


def paths_of(pbdir):
    """(playbook id, path id, category) of every published playbook in PBDIR."""
    out = []
    for d, _, files in os.walk(pbdir):
        for f in sorted(files):
            if not f.endswith(".xml"):
                continue
            root = ET.parse(os.path.join(d, f)).getroot()
            if root.tag != "playbook" or root.get("status") != "published":
                continue
            cat = root.findtext("category")
            for p in root.findall("path"):
                out.append((root.get("id"), p.get("id"), cat))
    return sorted(out)


def generate(seed, count, pbdir, out_path, expect_path):
    rng = random.Random(seed)
    paths = paths_of(pbdir)
    rng.shuffle(paths)
    paths = paths[:12] + [("retired.old-playbook", "old-path", None)]
    agents = ["ann", "bob", "cat", "dev", "eve", "fay"]
    channels = ["voice", "chat", "email", "social", "sms"]
    start = int(dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc).timestamp())
    end = int(dt.datetime(2026, 5, 1, tzinfo=dt.timezone.utc).timestamp())
    rows = []
    with open(out_path, "w") as f:
        for i in range(count):
            rec = {"case": "H-%05d" % i}
            path = None if rng.random() < 0.1 else rng.choice(paths)
            # Paths differ in how well they work, so rates differ by path.
            good = 0.3 + 0.6 * ((hash_path(path) % 7) / 6.0)
            r = rng.random()
            result = "resolved" if r < good else "escalated" if r < good + (1 - good) / 2 else "unresolved"
            rec["result"] = result
            if path:
                rec["path"] = "%s#%s" % path[:2]
            if rng.random() < 0.8:
                rec["fcr"] = result == "resolved" and rng.random() < 0.7
            if rng.random() < 0.85:
                rec["heard"] = rng.choice(["yes", "no", "yes"])
            if rng.random() < 0.6:
                rec["trust"] = rng.randint(1, 5)
            if rng.random() < 0.9:
                rec["handle_time"] = rng.randint(30, 1800)
            if rng.random() < 0.95:
                rec["agent"] = rng.choice(agents)
            if rng.random() < 0.9:
                rec["channel"] = rng.choice(channels)
            closed = rng.randrange(start, end)
            if i % 2:
                rec["closed_at"] = closed
            else:
                rec["closed_at"] = dt.datetime.fromtimestamp(closed, dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            f.write(json.dumps(rec) + "\n")
            rows.append((rec, path, closed))
    expect = {}
    for by in BYS:
        for since, until in WINDOWS:
            expect["%s|%s|%s" % (by, since, until)] = figures_of(rows, by, since, until)
    with open(expect_path, "w") as f:
        json.dump(expect, f, indent=1, sort_keys=True)


def hash_path(path):
    return sum(map(ord, "%s#%s" % path[:2])) if path else 3


def key_of(by, rec, path, closed):
    day = dt.datetime.fromtimestamp(closed, dt.timezone.utc).date()
    if by == "-":
        return None
    if by == "playbook":
        return path[0] if path else ""
    if by == "path":
        return "%s#%s" % path[:2] if path else ""
    if by == "category":
        return (path[2] or "") if path else ""
    if by in ("channel", "agent"):
        return rec.get(by, "")
    if by == "day":
        return day.isoformat()
    if by == "week":
        y, w, _ = day.isocalendar()
        return "%04d-W%02d" % (y, w)
    if by == "month":
        return "%04d-%02d" % (day.year, day.month)
    raise ValueError(by)


def counts():
    return dict(uses=0, resolved=0, escalated=0, unresolved=0, fcr_known=0, fcr_yes=0,
                heard_known=0, heard_yes=0, trust_known=0, trust_sum=0, trust_high=0,
                timed=0, handle_sum=0, timed_resolved=0)


def add(c, rec):
    c["uses"] += 1
    c[rec["result"]] += 1
    if "fcr" in rec:
        c["fcr_known"] += 1
        c["fcr_yes"] += rec["fcr"] is True
    if "heard" in rec:
        c["heard_known"] += 1
        c["heard_yes"] += rec["heard"] == "yes"
    if "trust" in rec:
        c["trust_known"] += 1
        c["trust_sum"] += rec["trust"]
        c["trust_high"] += rec["trust"] >= 4
    if "handle_time" in rec:
        c["timed"] += 1
        c["handle_sum"] += rec["handle_time"]
        c["timed_resolved"] += rec["result"] == "resolved"


def ratio(a, b):
    return a / b if b else None


def wilson(k, n):
    if not n:
        return None
    p = k / n
    d = 1 + Z * Z / n
    centre = (p + Z * Z / (2 * n)) / d
    half = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return [max(0.0, centre - half), min(1.0, centre + half)]


def figures(c):
    """The JSON figures of edgecase stats, by their definitions in edgecase(1)."""
    return {
        "uses": c["uses"], "resolved": c["resolved"], "escalated": c["escalated"],
        "unresolved": c["unresolved"],
        "resolution_rate": ratio(c["resolved"], c["uses"]),
        "resolution_ci95": wilson(c["resolved"], c["uses"]),
        "first_contact_resolution": ratio(c["fcr_yes"], c["fcr_known"]),
        "emotional_validation": ratio(c["heard_yes"], c["heard_known"]),
        "trust_index": ratio(c["trust_high"], c["trust_known"]),
        "trust_mean": ratio(c["trust_sum"], c["trust_known"]),
        "escalation_rate": ratio(c["escalated"], c["uses"]),
        "handle_time_mean": ratio(c["handle_sum"], c["timed"]),
        "handle_time_quality_adjusted": ratio(c["handle_sum"], c["timed_resolved"]),
        "fcr_known": c["fcr_known"], "heard_known": c["heard_known"],
        "trust_known": c["trust_known"], "timed": c["timed"],
    }


def figures_of(rows, by, since, until):
    total, groups = counts(), {}
    for rec, path, closed in rows:
        day = dt.datetime.fromtimestamp(closed, dt.timezone.utc).date().isoformat()
        if (since != "-" and day < since) or (until != "-" and day > until):
            continue
        add(total, rec)
        k = key_of(by, rec, path, closed)
        if k is not None:
            add(groups.setdefault(k, counts()), rec)
    if by in ("day", "week", "month"):
        order = sorted(groups)
    else:
        order = sorted(groups, key=lambda k: (-groups[k]["uses"], k))
    return {"total": figures(total),
            "groups": [dict(key=k or None, **figures(groups[k])) for k in order]}


def same(a, b):
    if isinstance(a, float) or isinstance(b, float):
        return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def compare(expect_path, by, since, until, stats_path):
    want = json.load(open(expect_path))["%s|%s|%s" % (by, since, until)]
    got = json.load(open(stats_path))
    bad = []
    for k, v in want["total"].items():
        if not same(v, got["total"].get(k)):
            bad.append("total.%s: want %r got %r" % (k, v, got["total"].get(k)))
    wg, gg = want["groups"], got["groups"]
    if [g["key"] for g in wg] != [g["key"] for g in gg]:
        bad.append("group keys: want %r got %r" % ([g["key"] for g in wg], [g["key"] for g in gg]))
    else:
        for w, g in zip(wg, gg):
            for k, v in w.items():
                if not same(v, g.get(k)):
                    bad.append("%s.%s: want %r got %r" % (w["key"], k, v, g.get(k)))
    for line in bad[:20]:
        print(line)
    return 1 if bad else 0


def main(argv):
    if len(argv) >= 2 and argv[1] == "generate":
        args = argv[2:]
        opts = dict(zip(args[0:6:2], args[1:6:2]))
        generate(int(opts["--seed"]), int(opts["--count"]), opts["--playbooks"], args[6], args[7])
        return 0
    if len(argv) == 7 and argv[1] == "compare":
        return compare(*argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
