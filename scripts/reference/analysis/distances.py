#!/usr/bin/env python3
"""Reference values for catalogue family 3, "Spike-train distances" (functions 42-63).

Spec: the analysis catalogue (docs/analysis.md), family 3.  Every entry is checked against
the reference named in its "Ref:" line: Elephant 1.2.1 for Victor-Purpura and van
Rossum, PySpike 0.9.0 (Cython backend) for the PySpike family, and a direct NumPy
transcription of the spec formula for the FORMULA entries (schreiber_similarity,
schreiber_reliability, hunter_milton_similarity).

How to run
----------
    # one-time: make a venv (default /tmp/analysis-venv), pip install
    # elephant==1.2.1 pyspike scipy numpy quantities neo, then re-run this script
    # with that venv's python
    python3 scripts/reference/analysis/distances.py --install
    # Without --install the current python must import elephant, pyspike, quantities.
    # Options: --venv PATH, --out FILE (default reference/analysis/distances.json).
    # Stress run (not committed): N random edge-heavy cases per pair family
    python3 scripts/reference/analysis/distances.py --fuzz 400   # -> /tmp/distances-fuzz.json
    DISTANCES_REFERENCE_JSON=/tmp/distances-fuzz.json \
        cargo test -p sc-neurocore-analysis --release --test distances

Output (JSON): {"meta": {...}, "trains": [...], "<function>": [{"args": {...},
"expected": ...}, ...]}.
* args use the Python argument names of the spec; None is null.  Spike trains are
  stored once in the top-level list "trains" (lists of floats, exactly as passed:
  some deliberately unsorted or with duplicates, G3); an argument holds "@k" for
  trains[k] (a list of trains holds a list of "@k").
* Non-finite floats are written as the strings "nan", "inf", "-inf".
* expected: a float, a matrix as a list of rows, or for the profiles a list
  [x, y] / [x, y1, y2] / [x, y, mp] (the tuple of the spec).
* All spike times are rounded to 9 decimals (at most 15 significant digits), so
  that every JSON parser reads exactly the doubles that the reference used.

Adapters
--------
* Elephant: trains are passed as `np.array(train) * pq.s`, cost as `cost * pq.Hz`,
  tau as `tau * pq.s`; the distance is entry [0, 1] of the 2x2 result.  The spec's
  matrices have a zero diagonal: Elephant's diagonal (2n for cost=inf, sqrt(2n) for
  tau=0) is set to 0.
* PySpike: `SpikeTrain(np.array(train), (t_start, t_stop))`, options as keywords
  (`MRTS=mrts`, `max_tau=max_tau`).  spike_train_order / spike_train_order(list)
  do not call reconcile_spike_trains in PySpike 0.9.0; the spec applies it to the
  whole family, so the adapter calls `reconcile_spike_trains` first.
  spike_directionality with an empty first train raises ZeroDivisionError in
  PySpike; the spec value NaN is recorded (the only non-reference value).
* _multi functions get at least two trains (PySpike needs a pair).
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402  (the script's own directory, above)
    Trains, arg_parser, default_out, parse_args, putter, write_with_table)

DEFAULT_OUT = default_out("distances")


def make_trains(rng, T):
    """Named spike trains (un-referenced), deterministic."""
    import numpy as np

    def poisson(rate, t0, t1):
        n = rng.poisson(rate * (t1 - t0))
        return np.sort(rng.uniform(t0, t1, n))

    def grid(n, t1, step=0.001):
        k = rng.choice(int(round(t1 / step)) + 1, size=n, replace=False)
        return np.sort(k * step)

    tr = {}
    tr["empty"] = []
    tr["one_a"] = [0.5]
    tr["one_b"] = [0.3]
    tr["p10"] = poisson(10, 0, 1)
    tr["p8"] = poisson(8, 0, 1)
    tr["edges"] = [0.0, 0.4, 1.0]                       # spikes at t_start and t_stop
    tr["mid2"] = [0.2, 0.6]
    base = poisson(15, 0, 2)
    dup = np.concatenate([base, base[::3]])             # duplicates
    tr["dup_shuffled"] = rng.permutation(dup)           # and unsorted (G3)
    tr["p12_2"] = poisson(12, 0, 2)
    # outside the window (0.5, 2.5): spikes before/after, and within PySpike's 1e-6
    w = np.concatenate([poisson(8, 0, 3), [0.4999995, 2.5000005, 0.5, 2.5]])
    tr["out_a"] = rng.permutation(w)
    tr["out_b"] = np.concatenate([poisson(6, 0, 3), [0.4999989, 2.5000011]])
    g1 = grid(30, 1.0)
    g2 = np.union1d(g1[::2], grid(15, 1.0))             # many shared spike times
    tr["grid_a"], tr["grid_b"] = g1, g2
    tr["ident"] = poisson(20, 0, 1)
    s = poisson(20, 0, 2)
    tr["sync_a"] = s
    tr["sync_b"] = np.sort(np.clip(s + rng.normal(0, 0.004, len(s)), 0, 2))
    tr["long_a"] = poisson(20, 0, 10)[:200]
    tr["long_b"] = poisson(15, 0, 10)
    tr["start1"] = [0.0]                                # one spike at t_start
    tr["two"] = [0.25, 0.75]
    tr["stop1"] = [1.0]                                 # one spike at t_stop
    tr["neg_a"] = poisson(10, -1, 1)                    # negative window
    tr["neg_b"] = poisson(10, -1, 1)
    tr["burst"] = np.concatenate([0.1 + 0.002 * np.arange(10), 0.7 + 0.003 * np.arange(8)])
    tr["p60"] = poisson(60, 0, 1)
    tr["p50"] = poisson(50, 0, 1)
    tr["l200"] = np.sort(rng.uniform(0, 4, 200))
    tr["l180"] = np.sort(rng.uniform(0, 4, 180))
    tr["shuffled"] = rng.permutation(poisson(25, 0, 1))
    return tr


# --------------------------------------------------------------------------- references


def main():
    ap = arg_parser(__doc__, None, out_help=f"output JSON (default {DEFAULT_OUT}; with --fuzz "
                                            "/tmp/distances-fuzz.json)")
    ap.add_argument("--fuzz", type=int, default=0, metavar="N",
                    help="add N random small cases per pair family (edge-heavy: ties, spikes at "
                         "and just outside the window); for a local stress run, not committed. "
                         "Check with DISTANCES_REFERENCE_JSON=FILE cargo test --test distances")
    opts = parse_args(ap, __file__)
    if opts.out is None:
        opts.out = "/tmp/distances-fuzz.json" if opts.fuzz else DEFAULT_OUT

    import warnings
    import numpy as np
    import quantities as pq
    import elephant
    import pyspike as spk
    from importlib.metadata import version
    from elephant.spike_train_dissimilarity import (
        van_rossum_distance as e_vr, victor_purpura_distance as e_vp)
    from pyspike.spikes import (
        reconcile_spike_trains as reconcile_list, reconcile_spike_trains_bi as reconcile_bi)

    warnings.simplefilter("ignore")
    rng = np.random.default_rng(20240603)
    table = Trains()
    named = make_trains(rng, 1.0)
    fuzz_pairs, fuzz_sets = [], []
    if opts.fuzz:
        frng = np.random.default_rng(opts.fuzz)
        for k in range(opts.fuzz):
            t0 = float(frng.choice([0.0, 0.5, -1.0]))
            t1 = t0 + float(frng.choice([1.0, 2.0]))
            special = np.array([t0, t1, t0 - 5e-7, t1 + 5e-7, t0 - 2e-6, t1 + 2e-6])
            names = []
            for side in range(2):
                n = int(frng.integers(0, 9))
                grid = t0 - 0.1 + 0.05 * frng.integers(0, int(round((t1 - t0 + 0.2) / 0.05)) + 1, n)
                x = np.concatenate([grid, frng.choice(special, int(frng.integers(0, 3)))])
                if frng.random() < 0.5:
                    x = np.concatenate([x, frng.uniform(t0, t1, int(frng.integers(0, 4)))])
                named[f"fz{k}_{side}"] = frng.permutation(x)
                names.append(f"fz{k}_{side}")
            fuzz_pairs.append((names[0], names[1], t0, t1))
            if k % 4 == 3:
                fuzz_sets.append(([n for a in fuzz_pairs[-4:] for n in a[:2]][:int(frng.integers(2, 7))],
                                  fuzz_pairs[-1][2], fuzz_pairs[-1][3]))
    ref = {k: table.add(v) for k, v in named.items()}
    get = table.get
    out = {"meta": {
        "generator": "scripts/reference/analysis/distances.py",
        "elephant": elephant.__version__, "pyspike": version("pyspike"),
        "numpy": np.__version__, "quantities": pq.__version__,
        "python": sys.version.split()[0],
    }}

    put = putter(out)

    # ---------------------------------------------------------------- Elephant
    def vp(a, b, cost):
        d = e_vp([get(a) * pq.s, get(b) * pq.s], cost_factor=cost * pq.Hz,
                 algorithm="fast")
        return float(d[0, 1])

    def vr(a, b, tau):
        return float(e_vr([get(a) * pq.s, get(b) * pq.s], time_constant=tau * pq.s)[0, 1])

    el_pairs = [("empty", "empty"), ("empty", "p10"), ("one_a", "one_b"),
                ("dup_shuffled", "p12_2"), ("ident", "ident"), ("p60", "p50"),
                ("grid_a", "grid_b"), ("sync_a", "sync_b"), ("shuffled", "p10")]
    el_pairs += [(a, b) for a, b, _, _ in fuzz_pairs]
    for a, b in el_pairs:
        for cost in [0.0, 0.5, 1.0, 10.0, 1000.0, math.inf]:
            put("victor_purpura_distance",
                {"spikes_a": ref[a], "spikes_b": ref[b], "cost": cost}, vp(ref[a], ref[b], cost))
        for tau in [0.0, 0.002, 0.05, 1.0, 30.0, math.inf]:
            put("van_rossum_distance",
                {"spikes_a": ref[a], "spikes_b": ref[b], "tau": tau}, vr(ref[a], ref[b], tau))
    for cost in [1.0, 25.0]:
        put("victor_purpura_distance",
            {"spikes_a": ref["l200"], "spikes_b": ref["l180"], "cost": cost},
            vp(ref["l200"], ref["l180"], cost))
    for tau in [0.01, 1.0]:
        put("van_rossum_distance",
            {"spikes_a": ref["l200"], "spikes_b": ref["l180"], "tau": tau},
            vr(ref["l200"], ref["l180"], tau))

    el_sets = [["p10", "p8", "empty", "one_a", "dup_shuffled"],
               ["sync_a", "sync_b", "p12_2", "grid_a"],
               ["ident"]]
    for names in el_sets:
        refs = [ref[n] for n in names]
        for cost in [0.0, 1.0, 20.0, math.inf]:
            m = e_vp([get(r) * pq.s for r in refs], cost_factor=cost * pq.Hz, algorithm="fast")
            m = np.array(m, dtype=float)
            np.fill_diagonal(m, 0.0)
            put("victor_purpura_distance_matrix", {"trains": refs, "cost": cost}, m)
        for tau in [0.0, 0.02, 1.0, math.inf]:
            m = np.array(e_vr([get(r) * pq.s for r in refs], time_constant=tau * pq.s), dtype=float)
            np.fill_diagonal(m, 0.0)
            put("van_rossum_distance_matrix", {"trains": refs, "tau": tau}, m)

    # ---------------------------------------------------------------- PySpike
    def st(r, t0, t1):
        return spk.SpikeTrain(get(r), (t0, t1))

    # (a, b, t_start, t_stop)
    ps_pairs = [("empty", "empty", 0.0, 1.0), ("empty", "p10", 0.0, 1.0),
                ("p10", "empty", 0.0, 1.0), ("one_a", "one_b", 0.0, 1.0),
                ("one_a", "p8", 0.0, 1.0), ("edges", "mid2", 0.0, 1.0),
                ("dup_shuffled", "p12_2", 0.0, 2.0), ("out_a", "out_b", 0.5, 2.5),
                ("grid_a", "grid_b", 0.0, 1.0), ("ident", "ident", 0.0, 1.0),
                ("sync_a", "sync_b", 0.0, 2.0), ("start1", "two", 0.0, 1.0),
                ("stop1", "two", 0.0, 1.0), ("start1", "stop1", 0.0, 1.0),
                ("neg_a", "neg_b", -1.0, 1.0), ("burst", "p10", 0.0, 1.0),
                ("shuffled", "grid_a", 0.0, 1.0), ("long_a", "long_b", 0.0, 10.0)]
    long_names = {"long_a", "long_b"}

    ps_pairs += fuzz_pairs
    for a, b, t0, t1 in ps_pairs:
        A, B = st(ref[a], t0, t1), st(ref[b], t0, t1)
        base = {"spikes_a": ref[a], "spikes_b": ref[b], "t_start": t0, "t_stop": t1}
        for mrts in [0.0, 0.1]:
            args = dict(base, mrts=mrts)
            put("isi_distance", args, spk.isi_distance(A, B, MRTS=mrts))
            put("spike_distance", args, spk.spike_distance(A, B, MRTS=mrts))
            if a not in long_names:
                p = spk.isi_profile(A, B, MRTS=mrts)
                put("isi_profile", args, [p.x, p.y])
                p = spk.spike_profile(A, B, MRTS=mrts)
                put("spike_profile", args, [p.x, p.y1, p.y2])
        for mt in [None, 0.02]:
            args = dict(base, max_tau=mt)
            put("spike_sync", args, spk.spike_sync(A, B, max_tau=mt))
            if a not in long_names:
                p = spk.spike_sync_profile(A, B, max_tau=mt)
                put("spike_sync_profile", args, [p.x, p.y, p.mp])
            try:
                d = spk.spike_directionality(A, B, max_tau=mt)
            except ZeroDivisionError:
                d = math.nan  # the spec's value (Appendix B)
            put("spike_directionality", args, d)
            Ar, Br = reconcile_bi(A, B)
            put("spike_train_order", args, spk.spike_train_order(Ar, Br, max_tau=mt))

    ps_sets = [(["p10", "p8", "empty", "one_a", "dup_shuffled"], 0.0, 1.0),
               (["sync_a", "sync_b", "p12_2"], 0.0, 2.0),
               (["grid_a", "grid_b", "shuffled", "burst", "edges", "mid2"], 0.0, 1.0),
               (["empty", "empty", "p10"], 0.0, 1.0),
               (["empty", "empty"], 0.0, 1.0),
               (["out_a", "out_b", "p12_2"], 0.5, 2.5)]
    ps_sets += fuzz_sets
    for names, t0, t1 in ps_sets:
        refs = [ref[n] for n in names]
        sts = [st(r, t0, t1) for r in refs]
        base = {"trains": refs, "t_start": t0, "t_stop": t1}
        for mrts in [0.0, 0.05]:
            args = dict(base, mrts=mrts)
            put("isi_distance_multi", args, spk.isi_distance_multi(sts, MRTS=mrts))
            put("isi_distance_matrix", args, spk.isi_distance_matrix(sts, MRTS=mrts))
            put("spike_distance_multi", args, spk.spike_distance_multi(sts, MRTS=mrts))
            put("spike_distance_matrix", args, spk.spike_distance_matrix(sts, MRTS=mrts))
        for mt in [None, 0.01]:
            args = dict(base, max_tau=mt)
            put("spike_sync_multi", args, spk.spike_sync_multi(sts, max_tau=mt))
            put("spike_sync_matrix", args, spk.spike_sync_matrix(sts, max_tau=mt))
            rec = reconcile_list(sts)
            put("spike_train_order_multi", args, spk.spike_train_order(rec, max_tau=mt))

    # ---------------------------------------------------------------- FORMULA
    def g(x, y, sigma):
        return float(np.exp(-(x[:, None] - y[None, :]) ** 2 / (4 * sigma ** 2)).sum())

    def schreiber(a, b, sigma):
        x, y = np.sort(get(a)), np.sort(get(b))
        if len(x) == 0 or len(y) == 0:
            return math.nan
        return g(x, y, sigma) / math.sqrt(g(x, x, sigma) * g(y, y, sigma))

    def hunter_milton(a, b, tau):
        x, y = get(a), get(b)
        if len(x) == 0 or len(y) == 0:
            return math.nan
        d = np.abs(x[:, None] - y[None, :])
        return 0.5 * (np.mean(np.exp(-d.min(axis=1) / tau)) +
                      np.mean(np.exp(-d.min(axis=0) / tau)))

    f_pairs = el_pairs + [("l200", "l180"), ("one_a", "empty")]
    for a, b in f_pairs:
        for sigma in [0.001, 0.01, 0.2]:
            put("schreiber_similarity", {"spikes_a": ref[a], "spikes_b": ref[b], "sigma": sigma},
                schreiber(ref[a], ref[b], sigma))
        for tau in [0.005, 0.1]:
            put("hunter_milton_similarity", {"spikes_a": ref[a], "spikes_b": ref[b], "tau": tau},
                hunter_milton(ref[a], ref[b], tau))
    for names in el_sets + [["empty", "empty", "one_a"], ["empty", "p10"]]:
        refs = [ref[n] for n in names]
        for sigma in [0.005, 0.1]:
            vals = [schreiber(refs[i], refs[j], sigma)
                    for i in range(len(refs)) for j in range(i + 1, len(refs))]
            vals = [v for v in vals if not math.isnan(v)]
            put("schreiber_reliability", {"trains": refs, "sigma": sigma},
                float(np.mean(vals)) if vals else math.nan)

    write_with_table(opts.out, out, table)


if __name__ == "__main__":
    main()
