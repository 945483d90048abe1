#!/bin/sh
# Escalation: when what the customer said contains one of a playbook's
# <trigger> phrases (whole words, any case, inflections too), that playbook's results carry
# "escalate": true with the trigger and team, and the text output starts with
# an ESCALATE banner; without a trigger phrase there is no escalation.
. "$top_srcdir/tests/cli/index-lib.sh"

copy_playbooks
ec_index "$tmp/pb"
check_eq "index exit status" 0 "$rc"

# For the JSON in $tmp/out: every result's escalate must be true exactly when
# its playbook has a trigger in QUERY; prints the escalated ids and triggers.
escalations() {
    python3 - "$tmp/pb" "$tmp/out" "$1" <<'PY'
import json, os, re, sys
import xml.etree.ElementTree as ET
pb, out, query = sys.argv[1:]
triggers = {}
for d, _, files in os.walk(pb):
    for f in files:
        if f.endswith(".xml"):
            root = ET.parse(os.path.join(d, f)).getroot()
            triggers[root.get("id")] = [t.text for t in root.findall("trigger")]
def has(phrase):
    # Whole words in order; each may carry an inflection ("solicitors").
    words = [re.escape(w) + r"(?:s|es|ed|ing|'s)?" for w in phrase.split()]
    return re.search(r"(?<!\w)" + r"\s+".join(words) + r"(?!\w)", query, re.I) is not None
res = json.load(open(out))["results"]
assert res, "no results"
seen = set()
for r in res:
    want = r["kind"] == "playbook" and any(has(t) for t in triggers[r["id"]])
    assert r["escalate"] is want, "%s#%s: escalate %r" % (r["id"], r["path"], r["escalate"])
    if want:
        assert has(r["trigger"]) and r["trigger"] in triggers[r["id"]], r
        seen.add("%s %s" % (r["id"], r["trigger"]))
print("\n".join(sorted(seen)))
PY
}

q="I've got a letter before action written and ready to send"
ec_search --json --limit 20 "$q"
check_eq "trigger phrase: exit status" 0 "$rc"
check_eq "trigger phrase: the lawyer playbook escalates, and only where a trigger matches" \
    "legal.threatens-lawyer letter before action" "$(escalations "$q")"
check_eq "trigger phrase: the top result is the lawyer playbook, escalating to legal-regulatory" \
    '"legal.threatens-lawyer" true "legal-regulatory"' "$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print(json.dumps(r["id"]), json.dumps(r["escalate"]), json.dumps(r["escalate_to"]))
' "$tmp/out")"

q="my SOLICITOR will be writing to you"
ec_search --json --limit 20 "$q"
check_eq "trigger in capitals: the lawyer playbook escalates" "legal.threatens-lawyer solicitor" \
    "$(escalations "$q" | grep '^legal.threatens-lawyer ')"

q="right, I'll see you in court then"
ec_search --json --limit 20 "$q"
check_eq "no trigger phrase (court alone): nothing escalates" "" "$(escalations "$q")"
check_eq "no trigger phrase: the lawyer playbook is still found" "legal.threatens-lawyer" \
    "$(json_ids | grep -x legal.threatens-lawyer)"
q="the solicitors letter"
ec_search --json --limit 20 "$q"
check_eq "a trigger in another form (solicitors) escalates" "legal.threatens-lawyer solicitor" \
    "$(escalations "$q" | grep '^legal.threatens-lawyer ')"
q="the solicitation was unwelcome"
ec_search --json --limit 20 "$q"
check_eq "a longer word that only starts like a trigger: nothing escalates" "" "$(escalations "$q")"

# The text output: a banner first, and ESCALATE on the lawyer playbook's paths.
ec_search "I've got a letter before action written and ready to send"
check_eq "text: exit status" 0 "$rc"
check_eq "text: the banner is the first line" \
    '!! ESCALATE: trigger "letter before action" heard: escalate to legal-regulatory' \
    "$(head -n 1 "$tmp/out")"
check_eq "text: the banner is shown once" 1 "$(grep -c '^!! ESCALATE' "$tmp/out")"
check_eq "text: the lawyer paths are marked ESCALATE" yes \
    "$([ "$(grep -c '\] .*ESCALATE$' "$tmp/out")" -ge 1 ] && echo yes)"
ec_search "right, I'll see you in court then"
check_eq "text without a trigger: no banner, no mark" 0 "$(grep -c 'ESCALATE' "$tmp/out")"
finish
