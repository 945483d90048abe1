#!/usr/bin/env python3
"""The agent shell on a real terminal (a pty): Tab completion of a command and
of a filter value, history kept across sessions and found with Up and Ctrl-R,
Ctrl-C abandoning the line but not the shell, Ctrl-D leaving with status 0,
the escalation banner, and colour only where it belongs."""
import os
import shutil
import stat
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ptyshell import Session, Tap, terminal_env  # noqa: E402

EDGECASE = os.environ["EDGECASE"]
SRC = os.environ["top_srcdir"]
tap = Tap()
tmp = tempfile.mkdtemp(prefix="ec-pty-")
db = os.path.join(tmp, "db")
state = os.path.join(tmp, "state")
r = subprocess.run([EDGECASE, "index", "--db", db, os.path.join(SRC, "playbooks")],
                   capture_output=True, text=True)
tap.ok(r.returncode == 0, "the shipped playbooks index", r.stderr)

env = terminal_env(tmp, XDG_STATE_HOME=state, INPUTRC="/dev/null", NO_COLOR="1")
argv = [EDGECASE, "shell", "--db", db, "--limit", "3"]
PROMPT = r"edgecase> $"


def start(extra_env=None):
    e = dict(env)
    e.update(extra_env or {})
    s = Session(argv, e)
    return s


# Session 1: completion, a search, the trigger banner, Ctrl-C, Ctrl-D.
s = start()
tap.ok(s.expect(r"edgecase> ") is not None, "the prompt appears", s.seen.decode(errors="replace"))

s.send("fil\t")
tap.ok(s.expect(r"filter $") is not None, "Tab completes a command (fil -> filter)",
       s.seen[-200:])
s.send("channel=vo\t")
tap.ok(s.expect(r"channel=voice $") is not None,
       "Tab completes a filter value from the index (channel=vo -> channel=voice)", s.seen[-200:])
s.send("\r")
tap.ok(s.expect(r"filters: channel=voice") is not None, "the filter is set", s.seen[-300:])
tap.ok(s.expect(r"edgecase channel=voice> ") is not None, "the prompt shows the sticky filter",
       s.seen[-300:])
s.send("filter\r")
tap.ok(s.expect(r"filters cleared[\s\S]*edgecase> ") is not None, "'filter' alone clears it",
       s.seen[-300:])

s.send("my refund still hasn't arrived\r")
tap.ok(s.expect(r"Promised refund has not arrived[\s\S]*edgecase> ") is not None,
       "a line that is not a command is a search", s.seen[-600:])

s.send("my lawyer will be in touch\r")
m = s.expect(r"!! ESCALATE: trigger \"lawyer\" heard: escalate to legal-regulatory")
tap.ok(m is not None, "the escalation banner appears on a trigger", s.seen[-600:])
s.expect(r"edgecase> ")

s.send("the customer is still talking")
s.expect(r"still talking")
s.send("\x03")
s.settle()
tap.ok(s.alive(), "Ctrl-C keeps the shell alive")
s.send("help quit\r")
out = s.expect(r"leave the shell[\s\S]*edgecase> ")
tap.ok(out is not None, "after Ctrl-C the abandoned line is gone and the next command runs",
       s.seen[-400:])
tap.ok(b"the customer is still talkinghelp" not in s.seen, "the abandoned text was not kept")

s.send("card 4111 1111 1111 1111 declined\r")
s.expect(r"edgecase> ")
s.send("\x04")
status = s.wait()
tap.ok(status == 0, "Ctrl-D leaves with status 0", "status %r" % (status,))
s.close()

hist = os.path.join(state, "edgecase", "history")
tap.ok(os.path.exists(hist), "history is kept in $XDG_STATE_HOME/edgecase/history")
if os.path.exists(hist):
    mode = stat.S_IMODE(os.stat(hist).st_mode)
    tap.ok(mode & 0o077 == 0, "the history file is private to its owner", oct(mode))
    text = open(hist, encoding="utf-8", errors="replace").read()
    tap.ok("my refund still hasn't arrived" in text, "the search is in the history file", text)
    tap.ok("still talking" not in text, "the abandoned line is not in the history", text)
    tap.ok("4111" not in text and "card [card] declined" in text,
           "a card number is redacted before the history reaches the disk", text)

# Session 2: history recalled with Up and with Ctrl-R.
s = start()
s.expect(r"edgecase> ")
s.send("\x1b[A")
tap.ok(s.expect(r"card \[card\] declined") is not None,
       "Up recalls the last line of the previous session",
       s.seen[-200:])
s.send("\x03")
s.expect(r"edgecase> ")
s.send("\x12refund")
tap.ok(s.expect(r"reverse-i-search") is not None, "Ctrl-R starts a history search",
       s.seen[-300:])
s.settle()
s.send("\r")
# Readline redraws the search in pieces; what runs on Enter shows what it found.
tap.ok(s.expect(r"Promised refund has not arrived") is not None,
       "Ctrl-R found and ran an earlier session's search", s.seen[-400:])
s.expect(r"edgecase> ")
s.send("quit\r")
tap.ok(s.wait() == 0, "quit leaves with status 0")
s.close()

# Colour: on a terminal without NO_COLOR, and never with it.
e = dict(env)
del e["NO_COLOR"]
s = Session(argv, e)
s.expect(r"edgecase> ")
start_at = len(s.raw)
s.send("refund not arrived\r")
s.expect(r"Promised refund")
s.settle()
tap.ok(b"\x1b[1m" in s.raw[start_at:], "colour on a terminal without NO_COLOR")
s.send("\x04")
s.wait()
s.close()

s = start()  # NO_COLOR=1
s.expect(r"edgecase> ")
s.send("refund not arrived\r")
s.expect(r"Promised refund")
s.settle()
body = s.raw.split(b"refund not arrived", 1)[-1]
tap.ok(b"\x1b[1m" not in body and b"\x1b[3" not in body, "no colour with NO_COLOR set",
       repr(body[:300]))
s.send("\x04")
s.wait()
s.close()

# Plain `edgecase` on a terminal is the shell, on $EDGECASE_DB.
e = dict(env)
e["EDGECASE_DB"] = db
s = Session([EDGECASE], e)
tap.ok(s.expect(r"edgecase> ") is not None, "plain 'edgecase' on a terminal opens the shell",
       s.seen[-300:])
s.send("quit\r")
tap.ok(s.wait() == 0, "and quits with status 0")
s.close()

shutil.rmtree(tmp, ignore_errors=True)
sys.exit(tap.done())
