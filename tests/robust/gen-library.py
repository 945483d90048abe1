#!/usr/bin/env python3
"""gen-library.py SRC DEST N [ROUND]: writes N playbook and article files into
DEST, recombined from the shipped library in SRC (playbooks/): file i is
template i mod T with the id made unique (".g<i>") and <related> links
dropped (they would name ids not in DEST). ROUND, when given, goes into
every file as a comment, so a new round changes every file's content.
Prints the number of Xapian documents the files make: one per <path> of a
playbook, one per article."""
import os
import re
import sys

src, dest, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
stamp = sys.argv[4] if len(sys.argv) > 4 else None
templates = []
for d, dirs, files in os.walk(src):
    dirs[:] = sorted(x for x in dirs if x != 'schema' and not x.startswith('.'))
    for f in sorted(files):
        if not f.endswith('.xml'):
            continue
        text = open(os.path.join(d, f), encoding='utf-8').read()
        root = re.search(r'<(playbook|article)\s[^>]*\bid="([^"]+)"', text)
        if not root:
            continue  # synonyms
        text = re.sub(r'\s*<related ref="[^"]*"\s*/>', '', text)
        docs = len(re.findall(r'<path\s', text)) if root.group(1) == 'playbook' else 1
        templates.append((root.group(2), text, docs))
if not templates:
    sys.exit('gen-library.py: no playbooks or articles under %s' % src)
total = 0
for i in range(n):
    orig, text, docs = templates[i % len(templates)]
    new = '%s.g%d' % (orig, i)
    text = text.replace('id="%s"' % orig, 'id="%s"' % new, 1)
    if stamp is not None:
        text += '<!-- round %s -->\n' % stamp
    sub = os.path.join(dest, 'g%03d' % (i // 100))
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, '%s.xml' % new), 'w', encoding='utf-8') as f:
        f.write(text)
    total += docs
print(total)
