#!/usr/bin/env python3
"""Reference values for catalogue family 9, "Bursts" (functions 110-120).

Spec: the analysis catalogue (docs/analysis.md), family 9.  poisson_surprise is checked against
SciPy (LIB: `-scipy.stats.poisson.logsf(n - 1, rate*duration) / ln 10`); every other entry
is FORMULA, checked against the direct Python/NumPy transcription of the spec below.
network_bursts takes its G6 population counts from Elephant's
`BinnedSpikeTrain(tolerance=1e-8)` (the G6 reference).

How to run
----------
    # one-time: make a venv (default /tmp/analysis-venv), pip install
    # elephant==1.2.1 pyspike scipy numpy quantities neo, then re-run this script
    # with that venv's python
    python3 scripts/reference/analysis/bursts.py --install
    # Without --install the current python must import elephant, neo, quantities, scipy.
    # Options: --venv PATH, --out FILE (default reference/analysis/bursts.json).

Output (JSON): {"meta": {...}, "trains": [...], "<function>": [{"args": {...},
"expected": ...}, ...]}.
* args use the Python argument names of the spec; None is null.  Spike trains are stored
  once in the top-level list "trains" (exactly as passed: some deliberately unsorted or with
  duplicates, G3); an argument holds "@k" for trains[k] (a list of trains holds a list of
  "@k").  Spike times are rounded to 9 decimals.
* Non-finite floats are written as the strings "nan", "inf", "-inf".
* expected: a number, a list, or for the tuple-valued functions (detect_bursts_*,
  network_bursts) the list [start_times, end_times, counts].

Notes
-----
* poisson_surprise: SciPy's logsf underflows to -inf (S = inf) once P(N >= n) < 1e-308;
  the spec asks for an accurate log-space value there, so those cases are not compared with
  SciPy (the Rust tests check them against an asymptotic bound instead).  rate*duration = 0
  with n >= 1 is S = inf in both.
* detect_bursts_max_interval: a merged burst (phase 2) is the contiguous run of the sorted
  train from the first spike of the earlier burst to the last spike of the later one, so
  its count includes any spikes between the two bursts (the spec's "burst" is a run of
  consecutive spikes).
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402  (the script's own directory, above)
    Trains, arg_parser, default_out, parse_args, putter, write_with_table)


# --------------------------------------------------------------------------- formulas


def isi_bursts(x, max_isi, min_spikes):
    """(first, last) index pairs of the maximal runs with every ISI <= max_isi."""
    out, first = [], 0
    for k in range(len(x)):
        if k + 1 == len(x) or x[k + 1] - x[k] > max_isi:
            if k - first + 1 >= min_spikes:
                out.append((first, k))
            first = k + 1
    return out


def describe(x, runs):
    return [[float(x[a]) for a, _ in runs], [float(x[b]) for _, b in runs],
            [b - a + 1 for a, b in runs]]


def max_interval(x, begin, end, ibi, min_dur, min_spikes):
    found, i, n = [], 0, len(x)
    while i + 1 < n:
        if x[i + 1] - x[i] <= begin:
            j = i + 1
            while j + 1 < n and x[j + 1] - x[j] <= end:
                j += 1
            found.append([i, j])
            i = j + 1
        else:
            i += 1
    merged = []
    for r in found:
        if merged and x[r[0]] - x[merged[-1][1]] < ibi:
            merged[-1][1] = r[1]
        else:
            merged.append(r)
    kept = [(a, b) for a, b in merged if x[b] - x[a] >= min_dur and b - a + 1 >= min_spikes]
    return describe(x, kept)


def main():
    opts = parse_args(arg_parser(__doc__, default_out("bursts")), __file__)

    import logging
    import warnings
    import numpy as np
    import quantities as pq
    import neo
    import scipy
    import elephant
    from scipy.stats import poisson
    from elephant.conversion import BinnedSpikeTrain

    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)  # Elephant's "Correcting 2 rounding errors" notes
    rng = np.random.default_rng(20240909)
    table = Trains()
    out = {"meta": {
        "generator": "scripts/reference/analysis/bursts.py",
        "elephant": elephant.__version__, "scipy": scipy.__version__,
        "numpy": np.__version__, "python": sys.version.split()[0],
    }}

    put = putter(out)

    def poisson_train(rate, t0, t1):
        n = rng.poisson(rate * (t1 - t0))
        return np.sort(rng.uniform(t0, t1, n))

    def bursty(n_bursts, t1, rate_bg=3.0):
        parts = [poisson_train(rate_bg, 0, t1)]
        for _ in range(n_bursts):
            s = rng.uniform(0, t1 - 0.1)
            k = int(rng.integers(2, 9))
            parts.append(s + np.cumsum(rng.uniform(0.002, 0.012, k)))
        return np.sort(np.concatenate(parts))

    named = {
        "empty": [],
        "one": [0.4],
        "two_close": [0.1, 0.105],
        "three_close": [0.1, 0.105, 0.11],
        "regular_bursts": np.concatenate([b + 0.005 * np.arange(5) for b in (0.1, 0.5, 0.9)]),
        "bursty1": bursty(8, 2.0),
        "bursty2": bursty(15, 5.0),
        "poisson": poisson_train(20, 0, 3),
        "dup_shuffled": rng.permutation(
            np.concatenate([[0.3, 0.3, 0.3], [0.7, 0.7], bursty(4, 1.0)])),
        "edges": [0.0, 0.004, 0.008, 0.5, 0.992, 0.996, 1.0],  # bursts at both window edges
        "neg": bursty(5, 2.0) - 1.0,
        "ibi_test": [0.0, 0.005, 0.010, 0.05, 0.055, 0.2, 0.205, 0.21, 0.4, 0.8, 0.802],
    }
    ref = {k: table.add(v) for k, v in named.items()}
    get = table.get

    # ---------------------------------------------------------------- ISI bursts (110, 113-118)
    for name, r in ref.items():
        x = np.sort(get(r))
        for max_isi in [0.0, 0.006, 0.015, 0.1]:
            for min_spikes in [1, 2, 3, 5]:
                args = {"spikes": r, "max_isi": max_isi, "min_spikes": min_spikes}
                runs = isi_bursts(x, max_isi, min_spikes)
                put("detect_bursts_isi", args, describe(x, runs))
                if min_spikes == 1 and max_isi == 0.0 and name not in ("dup_shuffled",):
                    continue
                put("burst_spike_fraction", args,
                    sum(b - a + 1 for a, b in runs) / len(x) if len(x) else math.nan)
                put("mean_burst_duration", args,
                    float(np.mean([x[b] - x[a] for a, b in runs])) if runs else math.nan)
                put("mean_spikes_per_burst", args,
                    float(np.mean([b - a + 1 for a, b in runs])) if runs else math.nan)
                with np.errstate(divide="ignore"):
                    put("intra_burst_frequency", args,
                        float(np.mean([np.float64(b - a) / np.float64(x[b] - x[a])
                                       for a, b in runs])) if runs else math.nan)
                put("inter_burst_intervals", args,
                    [float(x[runs[k + 1][0]] - x[runs[k][1]]) for k in range(len(runs) - 1)])
        # burst_rate: windows (G5)
        if len(x) == 0:
            windows = [(0.0, 1.0)]
        else:
            windows = [(0.0, None), (float(x[0]), float(x[-1])), (-0.5, 6.0)]
            if len(x) > 4:
                windows.append((float(x[2]), float(x[-3])))
        for t0, t1 in windows:
            stop = float(x[-1]) if t1 is None else t1
            if stop <= t0:
                continue  # an invalid window (G5), tested in Rust
            w = x[(x >= t0) & (x <= stop)]
            for max_isi, min_spikes in [(0.015, 3), (0.006, 2)]:
                put("burst_rate", {"spikes": r, "max_isi": max_isi, "min_spikes": min_spikes,
                                   "t_start": t0, "t_stop": t1},
                    len(isi_bursts(w, max_isi, min_spikes)) / (stop - t0))

    # ---------------------------------------------------------------- 111: MaxInterval
    params = [  # begin, end, ibi, min_dur, min_spikes
        (0.006, 0.012, 0.0, 0.0, 2), (0.006, 0.012, 0.05, 0.0, 3), (0.006, 0.015, 0.2, 0.01, 3),
        (0.01, 0.005, 0.0, 0.0, 2), (0.003, 0.02, 0.1, 0.005, 4), (0.0, 0.0, 0.0, 0.0, 1),
        (0.1, 0.1, 0.5, 0.0, 3),
    ]
    for name, r in ref.items():
        x = np.sort(get(r))
        for begin, end, ibi, dur, ms in params:
            put("detect_bursts_max_interval",
                {"spikes": r, "max_begin_isi": begin, "max_end_isi": end,
                 "min_interburst_interval": ibi, "min_burst_duration": dur, "min_spikes": ms},
                max_interval(x, begin, end, ibi, dur, ms))

    # ---------------------------------------------------------------- 112: Poisson surprise
    for n in [-3, 0, 1, 2, 3, 5, 10, 20, 50, 100, 150, 400]:
        for duration, rate in [(0.01, 5.0), (0.1, 20.0), (1.0, 3.0), (2.0, 50.0), (0.5, 0.0),
                               (0.0, 10.0), (10.0, 30.0), (1e-4, 2.0)]:
            mu = rate * duration
            s = -poisson.logsf(n - 1, mu) / math.log(10)
            if math.isinf(s) and mu > 0:
                continue  # SciPy underflow (see the notes)
            put("poisson_surprise", {"n_spikes": n, "duration": duration, "rate": rate}, s)

    # ---------------------------------------------------------------- 119: burstiness
    for name, r in ref.items():
        x = np.sort(get(r))
        isi = np.diff(x)
        if len(isi) < 2:
            b = math.nan
        else:
            mu, sd = isi.mean(), isi.std()
            b = math.nan if sd + mu == 0 else (sd - mu) / (sd + mu)
        put("burstiness_parameter", {"spikes": r}, b)
    for extra in [[0.5, 0.5, 0.5], [0.1, 0.2, 0.3, 0.4], [0.1, 0.1, 0.9]]:
        r = table.add(extra)
        x = np.sort(get(r))
        isi = np.diff(x)
        mu, sd = isi.mean(), isi.std()
        put("burstiness_parameter", {"spikes": r},
            math.nan if sd + mu == 0 else (sd - mu) / (sd + mu))

    # ---------------------------------------------------------------- 120: network bursts
    def net(refs, bin_size, threshold, t0, t1, min_bins):
        xs = [np.sort(get(r)) for r in refs]
        stop = max(float(x[-1]) for x in xs if len(x)) if t1 is None else t1
        sts = [neo.SpikeTrain(x[(x >= t0) & (x <= stop)] * pq.s, t_start=t0 * pq.s,
                              t_stop=stop * pq.s) for x in xs]
        b = BinnedSpikeTrain(sts, bin_size=bin_size * pq.s, t_start=t0 * pq.s,
                             t_stop=stop * pq.s, tolerance=1e-8)
        pop = np.asarray(b.to_array()).sum(axis=0)
        nb = len(pop)
        edges = np.linspace(t0, t0 + nb * bin_size, nb + 1)
        starts, ends, peaks = [], [], []
        k = 0
        while k < nb:
            if pop[k] < threshold:
                k += 1
                continue
            first = k
            while k < nb and pop[k] >= threshold:
                k += 1
            if k - first >= min_bins:
                starts.append(float(edges[first]))
                ends.append(float(edges[k]))
                peaks.append(int(pop[first:k].max()))
        return [starts, ends, peaks]

    pops = [
        [table.add(bursty(10, 3.0, 5.0)) for _ in range(8)],
        [ref["regular_bursts"], ref["regular_bursts"], ref["edges"], ref["empty"]],
        [ref["neg"], ref["poisson"], ref["dup_shuffled"]],
    ]
    # population with shared bursts at known times
    shared = []
    for _ in range(10):
        parts = [poisson_train(2.0, 0, 4.0)]
        for c in (0.5, 1.7, 3.2):
            parts.append(c + rng.uniform(0, 0.05, int(rng.integers(1, 5))))
        shared.append(table.add(np.sort(np.concatenate(parts))))
    pops.append(shared)
    for refs in pops:
        for bin_size in [0.01, 0.05]:
            for threshold in [1, 3, 6, 2.5]:
                for min_bins in [1, 2]:
                    for t0, t1 in [(0.0, None), (-1.0, 4.0), (0.3, 2.0)]:
                        args = {"trains": refs, "bin_size": bin_size, "threshold": threshold,
                                "t_start": t0, "t_stop": t1, "min_bins": min_bins}
                        put("network_bursts", args, net(refs, bin_size, threshold, t0, t1,
                                                        min_bins))

    write_with_table(opts.out, out, table)


if __name__ == "__main__":
    main()
