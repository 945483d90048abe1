"""A small expect-like driver for the edgecase shell on a pseudo-terminal.

Each Session forks the real binary on a new pty (pty.fork: forkpty), sends
keys and waits for text, so the tests see what an agent sees: prompts,
completion, history recall, Ctrl-C and Ctrl-D handling."""
import os
import pty
import re
import select
import signal
import time

TIMEOUT = float(os.environ.get("PTY_TIMEOUT", "20"))
ANSI = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Z0-9]|[\x01\x02]")


def terminal_env(home, **extra):
    """A small, known environment for the binary on a pty: HOME, an xterm of
    100x40, a UTF-8 locale, and the sanitizer options of the build; EXTRA
    adds or overrides variables."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TERM": "xterm",
           "LC_ALL": "C.UTF-8", "COLUMNS": "100", "LINES": "40"}
    for k in ("ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS"):
        if k in os.environ:
            env[k] = os.environ[k]
    env.update(extra)
    return env


class Session:
    def __init__(self, argv, env):
        self.pid, self.fd = pty.fork()
        if self.pid == 0:
            os.execve(argv[0], argv, env)
        self.exited = False
        self.raw = b""   # everything read, as the terminal got it
        self.seen = b""  # everything read, control sequences stripped
        self.mark = 0    # expect() looks after this point

    def _read(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([self.fd], [], [], left)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            return None
        if not data:
            return None
        self.raw += data
        self.seen += ANSI.sub(b"", data)
        return True

    def expect(self, pattern, timeout=TIMEOUT):
        """Waits until PATTERN (a regex on text) appears after the last match;
        returns the match, or None on timeout or end of output."""
        rx = re.compile(pattern.encode() if isinstance(pattern, str) else pattern)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.seen, self.mark)
            if m:
                self.mark = m.end()
                return m
            if not self._read(deadline):
                return None

    def send(self, keys):
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)

    def settle(self, quiet=0.3):
        """Reads until the shell has been quiet for QUIET seconds."""
        while self._read(time.monotonic() + quiet):
            pass

    def alive(self):
        if self.exited:
            return False
        pid, _ = os.waitpid(self.pid, os.WNOHANG)
        self.exited = pid != 0
        return not self.exited

    def wait(self, timeout=TIMEOUT):
        """Waits for the child to exit; returns its exit status, or None."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.exited = True
                self.settle(0.05)
                return os.waitstatus_to_exitcode(status)
            self._read(min(deadline, time.monotonic() + 0.05))
        return None

    def close(self):
        if self.alive():
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        os.close(self.fd)


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, name, detail=""):
        self.n += 1
        if not cond:
            self.failed += 1
        print("%s %d - %s" % ("ok" if cond else "not ok", self.n, name))
        if not cond and detail:
            for line in str(detail).splitlines()[-25:]:
                print("#   " + line)

    def done(self):
        print("1..%d" % self.n)
        return 1 if self.failed else 0
