#!/usr/bin/env python3
"""Prints bench/search.sh's table for one site from the two engines' results (bench/search-bench.mjs output).

Usage: search_report.py NAME SITE_DIR OUR_ENGINE_JS_DIR JUDGED.json OURS.json PAGEFIND.json
"""
import glob, json, os, statistics, sys

name, site, engine_js, judged_file, ours_file, pf_file = sys.argv[1:7]
judged = json.load(open(judged_file))
ours, pf = json.load(open(ours_file)), json.load(open(pf_file))
UI = ('pagefind-ui', 'pagefind-component-ui', 'pagefind-modular-ui', 'pagefind-highlight')


def size(folder, skip=()):
    total = files = 0
    for root, _, names in os.walk(folder):
        for n in names:
            if not n.startswith(skip):
                total += os.path.getsize(os.path.join(root, n))
                files += 1
    return total, files


def pct(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))]


def recall(ranked):
    if not name.startswith('corpus'):
        return None
    total = 0.0
    for q, ids in zip(judged, ranked):
        top = ids[:5]
        total += sum(any(i.startswith(str(e)) for i in top) for e in q['expect']) / len(q['expect'])
    return total / len(judged)


pages = len(glob.glob(os.path.join(site, '*', 'rules', '*', 'index.html')))
disk = {'ours': size(os.path.join(site, 'search')), 'pagefind': size(os.path.join(site, 'pagefind'), UI)}
js = size(engine_js)
kb = lambda b: f'{b / 1024:,.1f} KB'
print(f'== {name}: {pages} rule pages (one per rule and locale), {len(judged)} judged queries')
print(f'{"":34} {"ours":>14} {"pagefind":>14} {"ours/pagefind":>14}')
def row(label, a, b, fmt=kb):
    ratio = f'{a / b:.2f}' if isinstance(a, (int, float)) and b else '–'
    print(f'{label:34} {fmt(a):>14} {fmt(b):>14} {ratio:>14}')
o, p = disk['ours'], disk['pagefind']
print(f'{"index on disk (files)":34} {kb(o[0]) + f" ({o[1]})":>14} {kb(p[0]) + f" ({p[1]})":>14} {o[0] / p[0]:>14.2f}')
print(f'{"  ours + engine JS " + kb(js[0]):34} {kb(o[0] + js[0]):>14}')
one = [i for i, q in enumerate(judged) if q.get('locale')]
for key, label in (('first', 'first query'), ('second', 'second query')):
    row(label + ': median', statistics.median(ours[key]), statistics.median(pf[key]))
    row(label + ': max', max(ours[key]), max(pf[key]))
    if key == 'first':
        row(f'{label}, one language: median', statistics.median([ours[key][i] for i in one]),
            statistics.median([pf[key][i] for i in one]))
ms = lambda v: f'{v:.1f} ms'
passes = ours.get('passes', 1)
for key, label in (('cold', "query's first run"), ('warm', 'repeated query')):
    row(f'latency, {label}: p50', pct(ours[key], 50), pct(pf[key], 50), ms)
    row(f'latency, {label}: p95', pct(ours[key], 95), pct(pf[key], 95), ms)
    runs = key + 'Runs'
    if runs in ours and runs in pf:
        pooled = lambda r: [t for per_query in r[runs] for t in per_query]
        row(f'  p95 of all {passes} passes\' runs', pct(pooled(ours), 95), pct(pooled(pf), 95), ms)
r_ours, r_pf = recall(ours['ranked']), recall(pf['ranked'])
if r_ours is not None:
    row('recall@5, judged set', r_ours, r_pf, lambda v: f'{v:.3f}')
