#!/usr/bin/env python3
"""`edgecase index` on a terminal (a pty): a progress line while files are
indexed, a second one while files are read again because a synonyms file
added a phrase, each cleared before the summary; and none at all when
stderr is not a terminal or with --quiet."""
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyshell import Session, Tap, terminal_env  # noqa: E402

EDGECASE = os.environ["EDGECASE"]
SRC = os.environ["top_srcdir"]
tap = Tap()
tmp = tempfile.mkdtemp(prefix="ec-pty-index-")
tree = os.path.join(tmp, "playbooks")
shutil.copytree(os.path.join(SRC, "playbooks"), tree)
db = os.path.join(tmp, "db")
env = terminal_env(tmp)


def run_on_pty(argv):
    s = Session(argv, env)
    status = s.wait()
    s.close()
    return status, s.seen.decode("utf-8", "replace"), s.raw.decode("utf-8", "replace")


status, seen, raw = run_on_pty([EDGECASE, "index", "--db", db, tree])
tap.ok(status == 0, "the copied playbooks index on a terminal", seen[-400:])
tap.ok("indexing: " in seen and " files/s, " in seen, "a progress line while indexing", seen[-400:])
tap.ok("\r\x1b[K" in raw, "the progress line is cleared", repr(raw[-200:]))
tap.ok("following the new synonyms" not in seen, "no synonyms phase when no phrase changed")

# A phrase whose words are in some playbooks: those files are read again.
syn = os.path.join(tree, "synonyms.xml")
with open(syn, encoding="utf-8") as f:
    text = f.read()
with open(syn, "w", encoding="utf-8") as f:
    f.write(text.replace("</synonyms>",
                         "  <group><term>card payment</term><term>paid by card</term></group>\n"
                         "</synonyms>"))
status, seen, raw = run_on_pty([EDGECASE, "index", "--db", db, tree])
tap.ok(status == 0, "the run that adds a phrase succeeds", seen[-400:])
tap.ok("following the new synonyms: " in seen, "a progress line while files follow the synonyms",
       seen[-600:])
last = seen.rsplit("following the new synonyms: ", 1)[-1]
done, _, rest = last.partition(" files")
tap.ok("/" in done and done.split("/")[0] == done.split("/")[1] and int(done.split("/")[0]) >= 1,
       "it ends at all of them", done)
tap.ok("1 updated" in seen and "unchanged" in seen, "the summary counts only the synonyms file",
       seen[-300:])

r = subprocess.run([EDGECASE, "index", "--db", db, tree], capture_output=True, text=True)
tap.ok(r.returncode == 0 and "files/s" not in r.stderr, "no progress when stderr is not a terminal",
       r.stderr)
status, seen, raw = run_on_pty([EDGECASE, "index", "--quiet", "--db", db, tree])
tap.ok(status == 0 and "files/s" not in seen, "no progress with --quiet", seen)

shutil.rmtree(tmp, ignore_errors=True)
sys.exit(tap.done())
