#!/usr/bin/env python3
"""Where a query's first run spends its time: the slowest queries of a bench/search-bench.mjs result with their
requests (start → end in ms from the search call, bytes sent) in the order they started; then, over all queries,
the time from the last response to the result, the requests by the folder of their file, and what a first run costs
per request (the least-squares line through requests and milliseconds).

Usage: search_trace.py RESULT.json JUDGED.json [N]   (N slowest queries, default 8)
"""
import json, sys

result, judged = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
n = int(sys.argv[3]) if len(sys.argv) > 3 else 8
order = sorted(range(len(judged)), key=lambda i: -result['cold'][i])
for i in order[:n]:
    reqs = sorted(result['requests'][i] or [], key=lambda r: r['start'])
    q = {k: v for k, v in judged[i].items() if k != 'expect'}
    print(f"{result['cold'][i]:6.1f} ms  {len(reqs):2} requests {sum(r['bytes'] for r in reqs) / 1024:7.1f} KB  {q}")
    for r in reqs:
        print(f"         {r['start']:6.1f} → {r['end']:6.1f}  {r['bytes'] / 1024:6.1f} KB  {r['path']}")
after = sorted(result['cold'][i] - max((r['end'] for r in result['requests'][i] or []), default=0)
               for i in range(len(judged)))
print(f"after last response: p50 {after[len(after) // 2]:.1f} ms, max {after[-1]:.1f} ms")
# Requests by the folder of their file (t, p, d, ...), and what a first run costs per request: the least-squares line
# through (requests, ms) over the queries that made any.
kinds = {}
for reqs in result['requests']:
    for r in reqs or []:
        kind = r['path'].rsplit('/', 2)[-2] or '/'
        kinds[kind] = kinds.get(kind, 0) + 1
print('requests of all first runs by folder: ' + ', '.join(f'{k} {v}' for k, v in sorted(kinds.items(), key=lambda e: -e[1])))
pairs = [(len(result['requests'][i]), result['cold'][i]) for i in range(len(judged)) if result['requests'][i]]
if len(pairs) > 1 and len({n for n, _ in pairs}) > 1:
    mn, mm = sum(n for n, _ in pairs) / len(pairs), sum(m for _, m in pairs) / len(pairs)
    slope = sum((n - mn) * (m - mm) for n, m in pairs) / sum((n - mn) ** 2 for n, _ in pairs)
    print(f"first runs with requests: {len(pairs)}, {mn:.1f} requests on average; "
          f"ms ≈ {mm - slope * mn:.1f} + {slope:.2f} × requests")
