#!/usr/bin/env python3
"""listen-once.py PORTFILE LOG SECONDS: listens on a free loopback port (written
to PORTFILE), appends a line to LOG for every connection, and stops by itself
after SECONDS or when PORTFILE is removed. A witness that nothing connects."""
import os
import socket
import sys
import time

portfile, log, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
s = socket.socket()
s.bind(('127.0.0.1', 0))
s.listen(8)
s.settimeout(0.2)
with open(portfile + '.t', 'w') as f:
    f.write(str(s.getsockname()[1]))
os.rename(portfile + '.t', portfile)
end = time.time() + seconds
while time.time() < end and os.path.exists(portfile):
    try:
        c, addr = s.accept()
    except socket.timeout:
        continue
    with open(log, 'a') as f:
        f.write('connection from %s:%d\n' % addr)
    c.close()
