"""Building and running the default 12,500-neuron Brunel network from Python against the
command line (`sc-neurocore run`), 1 s of simulated time at dt = 0.1 ms, same seed and
threads, both recording every spike.

    python bindings/python/benchmarks/brunel_overhead.py [--repeats 5] [--threads 2]

Each repeat runs the two alternately as fresh processes (so machine load hits both alike)
and times the whole process (interpreter start and import included for Python). Reports the
best of the repeats and the overhead; the spike counts must be equal (same network).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

CHILD = """
import time, json, sys
t0 = time.perf_counter()
from sc_neurocore.model_zoo.configs import brunel_balanced_network
net = brunel_balanced_network(10000, 2500, seed=1)
t1 = time.perf_counter()
net.run(0.0, dt=1e-4, threads={threads})  # builds the engine
t2 = time.perf_counter()
net.run(1.0, threads={threads})
t3 = time.perf_counter()
n = net["exc_spikes"].count + net["inh_spikes"].count
print(json.dumps({{"import_describe_s": t1 - t0, "engine_build_s": t2 - t1, "sim_s": t3 - t2, "spikes": n}}))
"""


def timed(cmd):
    t = time.perf_counter()
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t
    if r.returncode != 0:
        sys.exit(f"{cmd} failed:\n{r.stderr}")
    return wall, r


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--cli", default=str(ROOT / "target/release/sc-neurocore"))
    a = ap.parse_args()
    cli_cmd = [a.cli, "run", "--threads", str(a.threads), "--seed", "1"]
    py_cmd = [sys.executable, "-c", CHILD.format(threads=a.threads)]
    cli, py, inner, cli_inner = [], [], [], []
    for _ in range(a.repeats):
        w, r = timed(cli_cmd)
        cli.append(w)
        for line in r.stdout.splitlines():
            if line.startswith("build "):  # "build 0.07 s, simulation 1.76 s (...)"
                parts = line.replace(",", "").split()
                cli_inner.append({"build_s": float(parts[1]), "sim_s": float(parts[4])})
        cli_spikes = sum(int(line.split()[3]) for line in r.stdout.splitlines()
                         if line.startswith(("exc ", "inh ")))
        w, r = timed(py_cmd)
        py.append(w)
        info = json.loads(r.stdout.strip().splitlines()[-1])
        inner.append(info)
        assert info["spikes"] == cli_spikes, (info, cli_spikes)
    best_cli, best_py = min(cli), min(py)
    ratios = sorted(p / c for p, c in zip(py, cli))
    report = {
        "threads": a.threads,
        "repeats": a.repeats,
        "cli_wall_s": best_cli,
        "python_wall_s": best_py,
        "overhead": best_py / best_cli - 1.0,
        "overhead_median_of_pairs": ratios[len(ratios) // 2] - 1.0,
        "cli_build_s_best": min((i["build_s"] for i in cli_inner), default=None),
        "cli_sim_s_best": min((i["sim_s"] for i in cli_inner), default=None),
        "python_import_describe_s_best": min(i["import_describe_s"] for i in inner),
        "python_engine_build_s_best": min(i["engine_build_s"] for i in inner),
        "python_sim_s_best": min(i["sim_s"] for i in inner),
        "spikes": inner[0]["spikes"],
        "cli_wall_all": cli,
        "python_wall_all": py,
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
