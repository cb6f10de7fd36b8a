#!/usr/bin/env python3
"""Requests per second and latency of `newsmine serve` (the README's Performance table).

Start the server on a data directory first (`make run` fills data/), then run this:
    target/release/newsmine serve --addr 127.0.0.1:18081 &
    python3 tools/serve_bench.py [HOST:PORT]
Standard library only. Every answer must be a 200, or the script stops.
"""
import http.client, time, json, sys, threading
HOST=tuple(sys.argv[1].rsplit(':', 1)) if len(sys.argv) > 1 else ('127.0.0.1', '18081')
def get(path):
    c=http.client.HTTPConnection(*HOST); c.request('GET',path); r=c.getresponse(); b=r.read(); c.close(); assert r.status==200,(path,r.status,b[:200]); return b
ids=[h['id'] for h in json.loads(get('/api/search?q=*&limit=200'))['hits']]
claims=[c['id'] for c in json.loads(get('/api/claims?limit=200'))['claims']]
def run(name, paths, threads=1):
    t=time.time(); lat=[]
    def worker(ps):
        for p in ps:
            s=time.time(); get(p); lat.append(time.time()-s)
    chunks=[paths[i::threads] for i in range(threads)]
    th=[threading.Thread(target=worker,args=(c,)) for c in chunks]; [x.start() for x in th]; [x.join() for x in th]
    el=time.time()-t; lat.sort()
    print(f"{name:40} {len(paths)} requests, {threads} client(s): {len(paths)/el:6.1f} req/s, median {lat[len(lat)//2]*1e3:5.1f} ms, p95 {lat[int(len(lat)*.95)]*1e3:5.1f} ms")
words=['broadband','water supply','school','hospital','roads','gas pipeline','housing','airport','tourism','irrigation']
run('keyword search (10 hits)', [f'/api/search?q={w.replace(" ","+")}' for w in words]*20)
run('keyword search, 2 clients', [f'/api/search?q={w.replace(" ","+")}' for w in words]*20, 2)
run('article', [f'/api/articles/{i}' for i in ids])
run('claim with timeline', [f'/api/claims/{c}' for c in claims])
run('semantic search (10 hits)', [f'/api/search?q={w.replace(" ","+")}+in+villages&mode=semantic' for w in words]*5)
