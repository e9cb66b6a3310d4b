#!/usr/bin/env python3
"""Reference spike statistics of the cuba and coba networks from Brian2 and NEST 3.10, for
crates/zoo/tests/vogels_abbott.rs.

    /tmp/peers-venv/bin/python scripts/peers/reference.py [--seeds 3] [--threads N]
        [--nets cuba coba] [--simulators brian2-standalone nest]

Each (network, simulator, seed) runs in its own process (brian2_nets.py / nest_nets.py, the
same scripts the benchmark uses), 1 s at dt = 0.1 ms. Output: reference/peers/<net>.json
with, per simulator, every seed's statistics and a summary (mean, sample std, min, max over
the seeds) of rate_exc_hz, rate_inh_hz, rate_all_hz, cv_exc, cv_inh (rates: spikes / (n x 1 s);
CV: mean over neurons with >= 3 spikes of std(ISI)/mean(ISI), ddof 0).
"""

import argparse
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers_common as pc  # noqa: E402

KEYS = ["rate_exc_hz", "rate_inh_hz", "rate_all_hz", "cv_exc", "cv_inh"]
SCRIPTS = {
    "brian2-standalone": ["brian2_nets.py", "--mode", "standalone"],
    "brian2-runtime": ["brian2_nets.py", "--mode", "runtime"],
    "nest": ["nest_nets.py"],
}


def run(sim, net, seed, threads):
    script, *extra = SCRIPTS[sim]
    cmd = [sys.executable, os.path.join(pc.HERE, script), "--net", net, "--seed", str(seed),
           "--threads", str(threads), *extra]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    line = [ln for ln in out.splitlines() if ln.startswith("{")][-1]
    return json.loads(line)


def summary(runs):
    import statistics as st

    out = {}
    for k in KEYS:
        v = [r[k] for r in runs if r[k] is not None]
        out[k] = {"mean": st.mean(v), "std": st.stdev(v) if len(v) > 1 else 0.0,
                  "min": min(v), "max": max(v), "n": len(v)}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--nets", nargs="+", default=["cuba", "coba"])
    ap.add_argument("--simulators", nargs="+", default=["brian2-standalone", "nest"])
    a = ap.parse_args()
    out_dir = os.path.join(pc.REPO_ROOT, "reference", "peers")
    os.makedirs(out_dir, exist_ok=True)
    for net in a.nets:
        res = {
            "generator": "scripts/peers/reference.py",
            "command": "python scripts/peers/reference.py " + " ".join(sys.argv[1:]),
            "network": net,
            "params": pc.CUBA if net == "cuba" else pc.COBA,
            "duration_s": 1.0, "dt_ms": pc.DT_MS,
            "machine": pc.machine(),
            "definitions": {
                "rate_X_hz": "spikes of population X / (n_X * 1 s), silent neurons included",
                "cv_X": "mean over neurons of X with >= 3 spikes of std(isi)/mean(isi), ddof 0",
                "summary": "over seeds: mean, sample std (ddof 1), min, max",
            },
            "simulators": {},
        }
        for sim in a.simulators:
            runs = []
            for seed in range(1, a.seeds + 1):
                r = run(sim, net, seed, a.threads)
                print(f"{net} {sim} seed {seed}: rate E {r['rate_exc_hz']:.3f} "
                      f"I {r['rate_inh_hz']:.3f} Hz, CV E {r['cv_exc']:.3f} "
                      f"I {r['cv_inh']:.3f}", flush=True)
                runs.append({k: r[k] for k in ["seed", "spikes", "synapses", *KEYS]})
                res["simulators"].setdefault(sim, {})["version"] = r["version"]
            res["simulators"][sim].update({"per_seed": runs, "summary": summary(runs)})
        path = os.path.join(out_dir, f"{net}.json")
        with open(path, "w") as f:
            json.dump(res, f, indent=1)
            f.write("\n")
        print("wrote", path)


if __name__ == "__main__":
    main()
