#!/usr/bin/env python3
"""hostile-gen.py DIR SECRET PORT: writes the hostile and broken XML files of
tests/cli/060-hostile-xml.sh into DIR. SECRET is a local file an external
entity points at; PORT a loopback port where a listener notes any connection
(no file may make edgecase reach the network)."""
import os
import sys

d, secret, port = sys.argv[1], sys.argv[2], sys.argv[3]
os.makedirs(d, exist_ok=True)
PB = ('<playbook id="hostile.{id}" status="published" version="1"><title>{title}</title>'
      '<category>c</category><path id="p" authority="agent"><title>t</title><step>s</step>'
      '</path></playbook>\n')


def write(name, data):
    mode = 'wb' if isinstance(data, bytes) else 'w'
    with open(os.path.join(d, name), mode) as f:
        f.write(data)


laughs = ['<!ENTITY l0 "lol">'] + [
    '<!ENTITY l%d "%s">' % (i, ('&l%d;' % (i - 1)) * 10) for i in range(1, 10)]
write('billion-laughs.xml', '<?xml version="1.0"?>\n<!DOCTYPE playbook [\n%s\n]>\n%s'
      % ('\n'.join(laughs), PB.format(id='laughs', title='&l9;')))
write('quadratic.xml', '<?xml version="1.0"?>\n<!DOCTYPE playbook [<!ENTITY a "%s">]>\n%s'
      % ('a' * 50000, PB.format(id='quad', title='&a;' * 50000)))
write('external-entity.xml',
      '<?xml version="1.0"?>\n<!DOCTYPE playbook [<!ENTITY s SYSTEM "file://%s">'
      '<!ENTITY p SYSTEM "file:///etc/passwd">]>\n%s'
      % (secret, PB.format(id='xxe', title='&s; &p;')))
write('external-dtd.xml',
      '<?xml version="1.0"?>\n<!DOCTYPE playbook SYSTEM "http://127.0.0.1:%s/evil.dtd">\n%s'
      % (port, PB.format(id='dtd', title='t')))
write('xinclude.xml',
      '<?xml version="1.0"?>\n<playbook xmlns:xi="http://www.w3.org/2001/XInclude" '
      'id="hostile.xi" status="published" version="1">\n<title><xi:include href="%s" '
      'parse="text"/></title><category>c</category><path id="p" authority="agent">'
      '<title>t</title><step>s</step></path></playbook>\n' % secret)
write('deep.xml', '<playbook>' + '<a>' * 10000 + '</a>' * 10000 + '</playbook>\n')
# 50 MB in one text node: refused by size before it is read whole.
with open(os.path.join(d, 'big-text.xml'), 'w') as f:
    f.write('<playbook id="hostile.big" status="published" version="1"><title>')
    chunk = 'x' * (1 << 20)
    for _ in range(50):
        f.write(chunk)
    f.write('</title></playbook>\n')
# Just under the 8 MiB cap, and valid: loads and indexes in bounded memory.
write('large-text.xml', PB.replace('<step>s</step>', '<step>%s</step>' % ('refund ' * 1000000))
      .format(id='large', title='large text'))
write('many-attributes.xml', '<playbook id="x" %s><title>t</title></playbook>\n'
      % ' '.join('a%d="x"' % i for i in range(600000)))
write('invalid-utf8.xml', b'<playbook id="x">\n<title>caf\xe9</title></playbook>\n')
write('utf16-bom.xml', (PB.format(id='utf16', title='caf\u00e9 charged twice')).encode('utf-16'))
write('nul-byte.xml', b'<playbook id="x">\n\n<title>a\0b</title></playbook>\n')
write('empty.xml', '')
os.mkdir(os.path.join(d, 'x.xml'))
write('unreadable.xml', PB.format(id='unreadable', title='t'))
os.chmod(os.path.join(d, 'unreadable.xml'), 0)
os.symlink(os.path.join(d, 'no-such-target'), os.path.join(d, 'dangling.xml'))
os.mkfifo(os.path.join(d, 'fifo.xml'))
