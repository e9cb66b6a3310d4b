"""Helpers shared by the reference scripts of this folder (scripts/reference/analysis/<family>.py).

A script puts its own directory on sys.path and imports this module, so that it runs the
same from any working directory and after the --install re-exec:

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import _common

* Running: `arg_parser` gives every script --install, --venv PATH and --out FILE;
  `parse_args` re-executes the script with the venv's python under --install
  (`install_and_reexec`: creates the venv if needed, pip-installs PIP_PACKAGES).
* Case storage: `enc` (JSON-safe values, non-finite floats as "nan"/"inf"/"-inf"),
  `Trains` (the shared train table, arguments hold "@k"), `pool_trains` (the same table
  built after the fact), `putter` (appends {"args", "expected"} cases), `write_json`,
  `write_with_table`, `write_pooled`.
* The G6 binning formula (`floor_tol`, `g6_counts`) and the Elephant adapters and
  generators of the pairwise / population families (`window`, `neo_train`, `bst`, `call`,
  `Gen`).

NumPy, Neo, Quantities and Elephant are imported inside the functions: the module loads
with a bare python3, before --install has made the venv.
"""

import argparse
import json
import math
import os
import subprocess
import sys

DEFAULT_VENV = "/tmp/analysis-venv"
PIP_PACKAGES = ["elephant==1.2.1", "pyspike", "scipy", "numpy", "quantities", "neo"]
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", "..", ".."))


def default_out(family):
    """The committed reference file of `family`: reference/analysis/<family>.json."""
    return os.path.join(REPO, "reference", "analysis", f"{family}.json")


# --------------------------------------------------------------------------- running


def install_and_reexec(venv, script):
    """Creates `venv` if needed, pip-installs PIP_PACKAGES into it and replaces this process
    by `script` run with the venv's python, with the same arguments less --install and
    --venv."""
    py = os.path.join(venv, "bin", "python")
    if not os.path.exists(py):
        print(f"creating venv {venv}", flush=True)
        subprocess.check_call([sys.executable, "-m", "venv", venv])
    subprocess.check_call([py, "-m", "pip", "install", "-q"] + PIP_PACKAGES)
    clean, skip = [], False
    for a in sys.argv[1:]:
        if skip:
            skip = False
            continue
        if a == "--install":
            continue
        if a == "--venv":
            skip = True
            continue
        if a.startswith("--venv="):
            continue
        clean.append(a)
    os.execv(py, [py, os.path.abspath(script)] + clean)


def arg_parser(doc, out, full_doc=False, out_help=None):
    """The options every script has: --install, --venv PATH, --out FILE (default `out`).
    The description is the first line of `doc`, or all of it with `full_doc`."""
    if full_doc:
        ap = argparse.ArgumentParser(description=doc,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    else:
        ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("--install", action="store_true",
                    help="create/update the venv, pip install " + " ".join(PIP_PACKAGES)
                    + ", and re-run with its python")
    ap.add_argument("--venv", default=DEFAULT_VENV)
    ap.add_argument("--out", default=out, help=out_help or f"output JSON (default {out})")
    return ap


def parse_args(ap, script):
    """Parses the options; under --install re-executes `script` in the venv (no return)."""
    opts = ap.parse_args()
    if opts.install:
        install_and_reexec(opts.venv, script)
    return opts


# --------------------------------------------------------------------------- case storage


def enc(x, digits=None):
    """JSON-safe: numpy -> python, non-finite floats -> strings; finite floats rounded to
    `digits` significant digits when given."""
    import numpy as np

    if isinstance(x, dict):
        return {k: enc(v, digits) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [enc(v, digits) for v in x]
    if isinstance(x, np.ndarray):
        return enc(x.tolist(), digits)
    if isinstance(x, (bool, np.bool_)):
        return bool(x)
    if isinstance(x, (int, np.integer)):
        return int(x)
    if isinstance(x, (float, np.floating)):
        x = float(x)
        if math.isnan(x):
            return "nan"
        if math.isinf(x):
            return "inf" if x > 0 else "-inf"
        return float(f"{x:.{digits}g}") if digits else x
    return x


class Trains:
    """The shared train (or array) table: add() stores the values and returns the "@k"
    reference, get() gives them back as an array.  Values are rounded to 9 decimals (at
    most 15 significant digits, so that every JSON parser reads the doubles the reference
    used), or kept `exact`, or rounded to `digits` significant digits.  With `dedupe` an
    array already in the table gets its old reference."""

    def __init__(self, dedupe=False):
        self.trains = []
        self.index = {} if dedupe else None

    def add(self, values, exact=False, digits=None):
        import numpy as np

        v = np.asarray(values, dtype=float).ravel()
        if exact:
            x = [float(t) for t in v]
        elif digits:
            x = [float(f"{t:.{digits}g}") for t in v]
        else:
            x = [round(float(t), 9) for t in v]
        if self.index is None:
            self.trains.append(x)
            return f"@{len(self.trains) - 1}"
        key = tuple(x)
        if key not in self.index:
            self.index[key] = len(self.trains)
            self.trains.append(x)
        return f"@{self.index[key]}"

    def get(self, ref):
        import numpy as np

        return np.array(self.trains[int(ref[1:])], dtype=float)


def pool_trains(out):
    """Moves every spike train of the args into out["trains"] (a pool) and replaces it with
    the string "@<index>", so that a train used by many cases is stored once."""
    pool, index = [], {}

    def ref(x):
        key = json.dumps(enc(list(x)))
        if key not in index:
            index[key] = len(pool)
            pool.append(list(x))
        return f"@{index[key]}"

    for name, cases in out.items():
        if name == "meta":
            continue
        for c in cases:
            for k, v in c["args"].items():
                if k in ("spikes", "spikes_a", "spikes_b"):
                    c["args"][k] = ref(v)
                elif k in ("trains", "trials"):
                    c["args"][k] = [ref(t) for t in v]
    out["trains"] = pool
    return out


def putter(out):
    """put(fn, args, expected): appends the case {"args": args, "expected": expected} to
    out[fn]."""

    def put(fn, args, expected):
        out.setdefault(fn, []).append({"args": args, "expected": expected})

    return put


def write_json(path, doc, newline=True):
    """Writes enc(doc) as compact JSON (a final newline unless `newline` is false);
    returns the text."""
    text = json.dumps(enc(doc), separators=(",", ":"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text + "\n" if newline else text)
    return text


def write_with_table(path, out, table, digits=None):
    """Stores the train table as out["trains"] (after the cases), writes `out` with the case
    values rounded to `digits` significant digits when given, and prints a summary."""
    out["trains"] = table.trains
    body = out if not digits else {
        k: (v if k in ("meta", "trains") else enc(v, digits)) for k, v in out.items()}
    text = write_json(path, body)
    n = sum(len(v) for k, v in out.items() if k not in ("meta", "trains"))
    print(f"wrote {path}: {n} cases, {len(text) / 1024:.0f} KiB")


def write_pooled(path, out):
    """pool_trains(out), then writes it (no final newline) and prints a summary; returns
    the pooled `out`."""
    out = pool_trains(out)
    write_json(path, out, newline=False)
    size = os.path.getsize(path)
    print(f"wrote {path} ({size / 1024:.0f} KB)")
    for k, v in out.items():
        if k not in ("meta", "trains"):
            print(f"  {k}: {len(v)} cases")
    return out


# --------------------------------------------------------------------------- G6 binning


def floor_tol(v):
    """floor with the G6 tolerance: values within 1e-8 below an integer round up."""
    f = math.floor(v)
    return f + 1 if v - f >= 1 - 1e-8 else f


def g6_counts(np, x, bin_size, t_start, t_stop):
    """G6 transcribed: floor_tol binning, bins [t_start + k b, t_start + (k+1) b)."""
    n_bins = floor_tol((t_stop - t_start) / bin_size)
    c = np.zeros(n_bins, dtype=np.int64)
    for t in np.sort(np.asarray(x, dtype=float)):
        if t_start <= t <= t_stop:
            k = floor_tol((t - t_start) * (1.0 / bin_size))
            if 0 <= k < n_bins:
                c[k] += 1
    return c


# --------------------------------------------------------------------------- adapters


def window(trains, t_start, t_stop):
    import numpy as np

    if t_stop is None:
        t_stop = max(float(np.max(t)) for t in trains if len(t) > 0)
    return t_start, t_stop


def neo_train(x, t_start, t_stop):
    import neo
    import numpy as np
    import quantities as pq

    x = np.sort(np.asarray(x, dtype=float))
    x = x[(x >= t_start) & (x <= t_stop)]
    return neo.SpikeTrain(x * pq.s, t_start=t_start * pq.s, t_stop=t_stop * pq.s)


def bst(trains, bin_size, t_start, t_stop):
    import quantities as pq
    from elephant.conversion import BinnedSpikeTrain

    return BinnedSpikeTrain(
        [neo_train(x, t_start, t_stop) for x in trains],
        bin_size=bin_size * pq.s,
        tolerance=1e-8,
    )


def call(f):
    """expected value, or {"error": "ValueError"} when the reference raises."""
    try:
        return f()
    except ValueError:
        return {"error": "ValueError"}


class Gen:
    """Seeded generators of test spike trains."""

    def __init__(self, seed):
        import numpy as np

        self.rng = np.random.default_rng(seed)

    def poisson(self, rate, T, t0=0.0, max_n=200, decimals=6):
        import numpy as np

        n = min(int(self.rng.poisson(rate * (T - t0))), max_n)
        return np.round(np.sort(self.rng.uniform(t0, T, n)), decimals)

    def grid(self, n, T, step=1e-3):
        """n spikes on a step grid (duplicates possible)."""
        import numpy as np

        k = self.rng.integers(0, int(round(T / step)) + 1, n)
        return np.sort(np.round(k * step, 10))

    def pair(self, rate, T, shared, jitter):
        """Two trains sharing a fraction of a common source, the second jittered."""
        import numpy as np

        src = self.poisson(rate, T)
        ka = self.rng.random(len(src)) < shared
        kb = self.rng.random(len(src)) < shared
        a = np.concatenate([src[ka], self.poisson(rate * (1 - shared), T)])
        b = src[kb] + self.rng.uniform(-jitter, jitter, int(kb.sum()))
        b = np.concatenate([b, self.poisson(rate * (1 - shared), T)])
        b = b[(b >= 0) & (b <= T)]
        return np.round(np.sort(a), 6)[:200], np.round(np.sort(b), 6)[:200]

    def shuffle(self, x):
        return self.rng.permutation(x)

    def dup(self, x, k=3):
        import numpy as np

        if len(x) == 0:
            return x
        return np.concatenate([x, self.rng.choice(x, min(k, len(x)))])
