#!/usr/bin/env python3
"""Generate a large content folder from real rule pages, for benchmarks.

Usage: gen_corpus.py SOURCE_CORPUS OUT_DIR PAGES
Copies the pages of SOURCE_CORPUS (locale folders) round-robin into OUT_DIR until PAGES pages exist, giving every
copy a fresh, deterministic asset ID and file name so that each copy is its own rule (translations of one copy share
the ID, so the joining work is real). Nothing of the output is committed: it is written under bench/work/.
"""
import os, re, sys, uuid

src, out, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
locales = sorted(d for d in os.listdir(src) if os.path.isdir(os.path.join(src, d)))
pages = {l: sorted(f for f in os.listdir(os.path.join(src, l)) if f.endswith('.md')) for l in locales}
texts = {(l, f): open(os.path.join(src, l, f), encoding='utf-8').read() for l in locales for f in pages[l]}
names = sorted(set(f for l in locales for f in pages[l]))
asset = re.compile(r'^ms\.assetid:.*$', re.M)
written, copy = 0, 0
while written < total:
    for name in names:
        new_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f'bpacat-bench/{copy}/{name}'))
        for l in locales:
            if written >= total:
                break
            text = texts.get((l, name))
            if text is None:
                continue
            text = asset.sub('ms.assetid: ' + new_id, text) if asset.search(text) else \
                text.replace('\n---', '\nms.assetid: ' + new_id + '\n---', 1)
            d = os.path.join(out, l)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f'c{copy:04d}-{name}'), 'w', encoding='utf-8') as fh:
                fh.write(text)
            written += 1
        if written >= total:
            break
    copy += 1
print(f'{written} pages in {out}')
