#!/usr/bin/env python3
"""Runs our engine and its peers on the benchmark networks and prints one comparison table.

    /tmp/peers-venv/bin/python scripts/peers/driver.py --ours target/release/sc-neurocore
        [--nets brunel cuba coba] [--peers nest brian2-runtime brian2-standalone]
        [--repeat 3] [--threads N] [--duration 1.0] [--jsonl FILE]

``cargo xtask bench --peers`` installs the peers into /tmp/peers-venv, builds our release
binary and runs this script. Every run is a fresh process with seed 1:

* ours: ``sc-neurocore run --zoo NET --threads N --seed 1 --out DIR`` (summary.json);
* nest: scripts/peers/nest_nets.py; brian2-runtime / brian2-standalone:
  scripts/peers/brian2_nets.py (see their docstrings for what each time and memory figure
  covers).

Each (network, simulator) runs ``--repeat`` times; every time column is the best (smallest)
of the repeats, the memory columns come from the repeat with the best simulation time, and
the spike counts from the first (all repeats use seed 1). Columns:

* build s: network construction (ours: summary build_s; peers: see their scripts);
* compile s: code generation and compilation (Brian2 only);
* sim s / s: wall-clock seconds per simulated second;
* RTF: real-time factor, simulated time / simulation wall time (> 1: faster than real time);
* first result s: build + compile + simulation (time to first result);
* worst sim s / s: the slowest of the repeats (how much a shared machine disturbs each);
* peak MiB: the whole process's peak RSS (Brian2 standalone: the compiled binary's);
* B/syn: bytes per synapse (ours: the engine's synapse tables / synapses, exact; peers: RSS
  growth over connect and preparation / synapses, an estimate);
* spikes, rate Hz: all spikes of the E and I populations (stdp: of the inputs and the post
  neurons) and their mean rate (to show that the runs are equivalent);
* ours ×: the peer's figure divided by ours, for simulation, build(+compile) and bytes per
  synapse (> 1: we are faster / smaller).
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers_common as pc  # noqa: E402

PEERS = ("nest", "brian2-runtime", "brian2-standalone")


def run_ours(binary, net, threads, duration):
    with tempfile.TemporaryDirectory(prefix=f"scn-{net}-") as out:
        sets = [a for k, v in pc.ZOO_SETTINGS.get(net, {}).items() for a in ("--set", f"{k}={v}")]
        subprocess.run([binary, "run", "--zoo", net, "--threads", str(threads), "--seed", "1",
                        "--duration", str(duration), "--out", out, *sets],
                       check=True, capture_output=True, text=True)
        with open(os.path.join(out, "summary.json")) as f:
            s = json.load(f)
    counted = pc.COUNTED.get(net, ("exc", "inh"))
    pops = [p for p in s["populations"] if p["label"] in counted]
    n = sum(p["n"] for p in pops)
    spikes = sum(p["spikes"] for p in pops)
    return {
        "simulator": "ours", "net": net, "threads": s["threads"], "neurons": s["neurons"],
        "synapses": s["synapses"], "build_s": s["build_s"], "compile_s": 0.0,
        "sim_s": s["sim_s"], "duration_s": s["duration_s"],
        "peak_rss_bytes": s["peak_rss_bytes"],
        "bytes_per_synapse": s["synapse_bytes"] / max(s["synapses"], 1),
        "spikes": spikes, "rate_all_hz": spikes / (n * s["duration_s"]),
    }


def run_peer(python, sim, net, threads, duration):
    if sim == "nest":
        cmd = [python, os.path.join(pc.HERE, "nest_nets.py")]
    else:
        cmd = [python, os.path.join(pc.HERE, "brian2_nets.py"), "--mode", sim.split("-")[1]]
    cmd += ["--net", net, "--threads", str(threads), "--seed", "1",
            "--duration", str(duration)]
    p = subprocess.run(cmd, capture_output=True, text=True)
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{p.stdout[-2000:]}\n{p.stderr[-4000:]}")
    return json.loads(lines[-1])


def best(runs):
    """Best-of-N: smallest time per column; memory from the best simulation run."""
    b = dict(min(runs, key=lambda r: r["sim_s"]))
    for k in ("build_s", "compile_s"):
        b[k] = min(r[k] for r in runs)
    b["first_result_s"] = min(r["build_s"] + r["compile_s"] + r["sim_s"] for r in runs)
    b["sim_worst_s"] = max(r["sim_s"] for r in runs)
    b["spikes"] = runs[0]["spikes"]
    b["rate_all_hz"] = runs[0]["rate_all_hz"]
    b["repeats"] = len(runs)
    return b


def fmt(x, nd=2):
    if x is None:
        return "-"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) < 0.1 and x != 0:
        return f"{x:.3f}"
    return f"{x:.{nd}f}"


def table(results, nets, sims):
    head = ("| network | simulator | threads | build s | compile s | sim s / s | RTF | "
            "first result s | worst sim s / s | peak MiB | B/syn | spikes | rate Hz | "
            "ours × (sim, build, B/syn) |")
    lines = [head, "|" + "---|" * 14]
    for net in nets:
        ours = results.get((net, "ours"))
        for sim in sims:
            r = results.get((net, sim))
            if r is None:
                continue
            per_s = r["sim_s"] / r["duration_s"]
            ratio = "-"
            if sim != "ours" and ours:
                sim_x = r["sim_s"] / ours["sim_s"]
                build_x = (r["build_s"] + r["compile_s"]) / ours["build_s"]
                mem_x = (r["bytes_per_synapse"] / ours["bytes_per_synapse"]
                         if r.get("bytes_per_synapse") else None)
                ratio = f"{sim_x:.2f}, {fmt(build_x, 1)}, {fmt(mem_x, 1)}"
            lines.append(
                f"| {net} | {sim} | {r['threads']} | {fmt(r['build_s'])} | "
                f"{fmt(r['compile_s'])} | {fmt(per_s, 3)} | {fmt(1 / per_s, 2)} | "
                f"{fmt(r['first_result_s'])} | {fmt(r['sim_worst_s'] / r['duration_s'], 3)} | "
                f"{r['peak_rss_bytes'] / 2**20:,.0f} | "
                f"{fmt(r.get('bytes_per_synapse'), 1)} | {r['spikes']:,} | "
                f"{r['rate_all_hz']:.2f} | {ratio} |")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ours", required=True, help="path of the sc-neurocore binary")
    ap.add_argument("--nets", nargs="+", default=list(pc.NETS), choices=pc.NETS)
    ap.add_argument("--peers", nargs="+", default=list(PEERS), choices=PEERS)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--duration", type=float, default=1.0)
    ap.add_argument("--jsonl", default=None, help="also append every run as a JSON line")
    a = ap.parse_args()

    load0 = os.getloadavg()
    t_start = time.time()
    sims = ["ours", *a.peers]
    results = {}
    log = open(a.jsonl, "a") if a.jsonl else None
    for net in a.nets:
        for sim in sims:
            runs = []
            for k in range(a.repeat):
                if sim == "ours":
                    r = run_ours(a.ours, net, a.threads, a.duration)
                else:
                    r = run_peer(sys.executable, sim, net, a.threads, a.duration)
                r["load_avg_1min"] = os.getloadavg()[0]
                runs.append(r)
                print(f"# {net} {sim} run {k + 1}/{a.repeat}: build {r['build_s']:.2f} s, "
                      f"compile {r['compile_s']:.2f} s, sim {r['sim_s']:.2f} s, "
                      f"{r['spikes']} spikes, load {r['load_avg_1min']:.2f}",
                      file=sys.stderr, flush=True)
                if log:
                    log.write(json.dumps(r, sort_keys=True) + "\n")
                    log.flush()
            results[(net, sim)] = best(runs)
    load1 = os.getloadavg()
    m = pc.machine()
    print(f"Machine: {m['cpus']} cores ({m['cpu']}), {m['platform']}; "
          f"best of {a.repeat}; threads = {a.threads} (Brian2 runtime: 1); "
          f"{a.duration} s simulated at dt = 0.1 ms; load average (1/5/15 min) "
          f"{load0[0]:.2f}/{load0[1]:.2f}/{load0[2]:.2f} at the start, "
          f"{load1[0]:.2f}/{load1[1]:.2f}/{load1[2]:.2f} at the end; "
          f"{(time.time() - t_start) / 60:.0f} min in all.")
    print()
    print(table(results, a.nets, sims))


if __name__ == "__main__":
    main()
