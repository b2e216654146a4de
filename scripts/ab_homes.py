#!/usr/bin/env python3
"""Interleaved A/B of one step (`session start DEMO-1001`) where every variant steps on its own
home (a copy of one the latency bench made), so one variant's WAL state cannot help another's:
medians of each `--debug-timings` phase and wall-clock p50/p90/p99/mean (issue 14).

usage: scripts/ab_homes.py RUNS NAME:BIN:HOME[:VAR=V,VAR=V] ...
"""
import os, re, subprocess, sys, time, statistics as st
runs=int(sys.argv[1]); vs=[]
for a in sys.argv[2:]:
    name,b,home,envs=(a.split(':')+[''])[:4]
    env=dict(os.environ, HOME=home, XDG_DATA_HOME=home+"/data", XDG_CONFIG_HOME=home+"/config")
    for kv in filter(None,envs.split(',')):
        k,v=kv.split('='); env[k]=v
    vs.append(dict(name=name,b=b,env=env,wall=[],ph={}))
timed=os.environ.get("TIMINGS","1")=="1"
for i in range(runs):
    for v in (vs if i%2==0 else vs[::-1]):
        cmd=[v['b']]+(["--debug-timings"] if timed else [])+["session","start","DEMO-1001"]
        t=time.perf_counter()
        p=subprocess.run(cmd,env=v['env'],stdout=subprocess.DEVNULL,stderr=subprocess.PIPE,stdin=subprocess.DEVNULL)
        v['wall'].append((time.perf_counter()-t)*1000)
        assert p.returncode==0,p.stderr
        for line in p.stderr.decode().splitlines():
            if line.startswith("cpni-timing phases"):
                for k,x in re.findall(r"(\w+)=(\d+)",line): v['ph'].setdefault(k,[]).append(int(x))
def pct(a,p): a=sorted(a); return a[round((len(a)-1)*p)]
names=[]
for v in vs:
    for k in v['ph']:
        if k not in names: names.append(k)
print("phase(us,median)".ljust(18)+"".join(v['name'].rjust(12) for v in vs))
for k in names: print(k.ljust(18)+"".join((str(int(st.median(v['ph'][k]))) if k in v['ph'] else '-').rjust(12) for v in vs))
print("mean commit+cmd+wb".ljust(18)+"".join(f"{st.mean(v['ph']['commit'])+st.mean(v['ph']['command'])+st.mean(v['ph']['wal_bound']):12.0f}" for v in vs) if timed else "")
for lab,p in (("p50",.5),("p90",.9),("p99",.99)): print(f"wall {lab} ms".ljust(18)+"".join(f"{pct(v['wall'],p):12.2f}" for v in vs))
print("wall mean ms".ljust(18)+"".join(f"{st.mean(v['wall']):12.2f}" for v in vs))
