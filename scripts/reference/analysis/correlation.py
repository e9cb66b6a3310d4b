#!/usr/bin/env python3
"""Reference values for catalogue family 2, "Correlation & synchrony" (functions 25-41).

Spec: the analysis catalogue (docs/analysis.md), family 2.  Every entry is checked against
the reference named in its "Ref:" line: Elephant 1.2.1 for the LIB entries, a
direct NumPy transcription of the spec formula for the FORMULA entries
(cross_correlogram, autocorrelogram, coincidence_count, coincidence_factor,
event_synchronization, event_synchronization_delay).

How to run
----------
    # one-time: make a venv (default /tmp/analysis-venv), pip install
    # elephant==1.2.1 pyspike scipy numpy quantities neo, then re-run this script
    # with that venv's python
    python3 scripts/reference/analysis/correlation.py --install
    # Without --install the current python must import elephant, neo, quantities.
    # Options: --venv PATH, --out FILE (default reference/analysis/correlation.json).

Output (JSON): {"meta": {...}, "<function>": [{"args": {...}, "expected": ...}, ...]}.
* args use the Python argument names of the spec; None is null.  Spike trains
  are stored once in the top-level list "trains" (lists of floats, given
  exactly as passed: some deliberately unsorted or with duplicates, G3); an
  argument holds "@k" for trains[k] (a list of trains holds a list of "@k").
* Non-finite floats are written as the strings "nan", "inf", "-inf" (JSON has
  no NaN).
* expected: a float, an int, a list, {"lags": [...], "counts"|"values": [...]},
  {"lag_centers": [...], "counts": [...]}, a matrix as a list of rows, or
  {"error": "ValueError"} where the reference raises.

Adapters (G3, G5): every train is sorted, then time-sliced to the closed window
[t_start, t_stop] (t_stop=None is the largest spike over all trains passed) and
wrapped in neo.SpikeTrain(t_start, t_stop, units="s"); binning is
elephant.conversion.BinnedSpikeTrain(bin_size, tolerance=1e-8) (G6).

STTC (#34): the spec tests |t_a - t_b| <= dt exactly, Elephant with
np.isclose(atol=dt) (Appendix B).  The script computes both and keeps only cases
where they agree (a case where they differ is regenerated with another seed).
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402  (the script's own directory, above)
    Gen, arg_parser, bst, call, default_out, neo_train, parse_args, window, write_pooled)


# --------------------------------------------------------------------------- references


def ref_corr_matrix(trains, bin_size, t_start, t_stop, binary, cov=False):
    import numpy as np
    from elephant.spike_train_correlation import correlation_coefficient, covariance

    t0, t1 = window(trains, t_start, t_stop)
    b = bst(trains, bin_size, t0, t1)
    m = (covariance if cov else correlation_coefficient)(b, binary=binary)
    return np.atleast_2d(np.asarray(m, dtype=float)).reshape(len(trains), len(trains))


def ref_cch(a, b, bin_size, W, t_start, t_stop, binary, border_correction=False, coef=False):
    from elephant.spike_train_correlation import cross_correlation_histogram

    t0, t1 = window([a, b], t_start, t_stop)
    ba = bst([a], bin_size, t0, t1)
    bb = bst([b], bin_size, t0, t1)
    cch, lags = cross_correlation_histogram(
        ba,
        bb,
        window=[-int(W), int(W)],
        border_correction=border_correction,
        binary=binary,
        cross_correlation_coefficient=coef,
    )
    return lags.astype(int).tolist(), cch.magnitude.flatten().astype(float)


def ref_correlogram(a, b, bin_size, max_lag, auto=False):
    """FORMULA #32/#33."""
    import numpy as np

    a = np.sort(np.asarray(a, dtype=float))
    b = np.sort(np.asarray(b, dtype=float))
    nh = int(round(max_lag / bin_size))
    edges = (np.arange(2 * nh + 2) - nh - 0.5) * bin_size
    d = (b[None, :] - a[:, None])
    if auto:
        d = d[~np.eye(len(a), dtype=bool)]
    counts, _ = np.histogram(d.ravel(), edges)
    centers = (np.arange(2 * nh + 1) - nh) * bin_size
    return {"lag_centers": centers, "counts": counts.astype(np.int64)}


def sttc_exact(a, b, dt, t0, t1):
    """Spec #34 with the exact |delta| <= dt test (cross-check of Elephant)."""
    import numpy as np

    a = np.sort(a)
    b = np.sort(b)
    a = a[(a >= t0) & (a <= t1)]
    b = b[(b >= t0) & (b <= t1)]
    if len(a) == 0 or len(b) == 0:
        return float("nan")

    def p(x, y):  # fraction of x with a y within dt
        return np.mean(np.any(np.abs(x[:, None] - y[None, :]) <= dt, axis=1))

    def t(x):
        d = np.diff(x)
        cov = np.sum(np.minimum(d, 2 * dt))
        cov += min(x[0] - t0, dt) + min(t1 - x[-1], dt)
        return cov / (t1 - t0)

    PA, PB, TA, TB = p(b, a), p(a, b), t(b), t(a)
    h1 = 0.5 if PA * TB == 1 else 0.5 * (PA - TB) / (1 - PA * TB)
    h2 = 0.5 if PB * TA == 1 else 0.5 * (PB - TA) / (1 - PB * TA)
    return h1 + h2


def ref_sttc(a, b, dt, t_start, t_stop):
    import quantities as pq
    from elephant.spike_train_correlation import spike_time_tiling_coefficient

    t0, t1 = window([a, b], t_start, t_stop)
    v = spike_time_tiling_coefficient(
        neo_train(a, t0, t1), neo_train(b, t0, t1), dt=dt * pq.s
    )
    e = sttc_exact(a, b, dt, t0, t1)
    agree = (math.isnan(v) and math.isnan(e)) or abs(v - e) <= 1e-12 * max(1.0, abs(e))
    return float(v), agree


def ref_timescale(x, bin_size, max_tau, t_start, t_stop):
    import quantities as pq
    from elephant.spike_train_correlation import spike_train_timescale

    t0, t1 = window([x], t_start, t_stop)
    v = spike_train_timescale(bst([x], bin_size, t0, t1), max_tau * pq.s)
    return float(getattr(v, "magnitude", v))


def ref_coincidence_count(a, b, window_):
    import numpy as np

    a = np.asarray(a, dtype=float)
    b = np.asarray(b, dtype=float)
    return int(np.sum(np.abs(a[:, None] - b[None, :]) <= window_))


def ref_coincidence_factor(a, b, window_, t_start, t_stop):
    import numpy as np

    t0, t1 = window([a, b], t_start, t_stop)
    a = np.sort(np.asarray(a, dtype=float))
    b = np.sort(np.asarray(b, dtype=float))
    a = a[(a >= t0) & (a <= t1)]
    b = b[(b >= t0) & (b <= t1)]
    na, nb = len(a), len(b)
    if na + nb == 0:
        return float("nan")
    nc = int(np.sum(np.any(np.abs(a[:, None] - b[None, :]) <= window_, axis=1))) if na and nb else 0
    nu_b = nb / (t1 - t0)
    num = (nc - 2 * nu_b * window_ * na) / (0.5 * (na + nb))
    den = 1 - 2 * nu_b * window_
    if den == 0:
        return float("nan")
    return num / den


def es_c(x, y, tau):
    """c(x|y) = sum_ij J_ij, J = 1 if 0 < x_i - y_j <= tau, 1/2 if x_i == y_j."""
    import numpy as np

    d = np.asarray(x, dtype=float)[:, None] - np.asarray(y, dtype=float)[None, :]
    return float(np.sum((d > 0) & (d <= tau)) + 0.5 * np.sum(d == 0))


def ref_es(a, b, tau, delay=False):
    import numpy as np

    if len(a) == 0 or len(b) == 0:
        return float("nan")
    cab, cba = es_c(a, b, tau), es_c(b, a, tau)
    n = np.sqrt(len(a) * len(b))
    return (cba - cab) / n if delay else (cab + cba) / n


def ref_spike_contrast(trains, t_start, t_stop, min_bin, factor):
    import numpy as np
    import quantities as pq
    from elephant.spike_train_synchrony import spike_contrast

    nonempty = [np.asarray(t, dtype=float) for t in trains if len(t) > 0]
    t0 = t_start if t_start is not None else min(float(t.min()) for t in nonempty)
    t1 = t_stop if t_stop is not None else max(float(t.max()) for t in nonempty)
    sts = [neo_train(x, t0, t1) for x in trains]
    return float(
        spike_contrast(
            sts, t_start=t0 * pq.s, t_stop=t1 * pq.s, min_bin=min_bin * pq.s,
            bin_shrink_factor=factor,
        )
    )


# --------------------------------------------------------------------------- cases


def pair_cases(seed):
    """(spikes_a, spikes_b, tag) covering the spec's edge cases."""
    import numpy as np

    g = Gen(seed)
    out = []
    a, b = g.pair(20, 5.0, 0.5, 0.004)
    out.append((a, b, "correlated"))
    out.append((g.poisson(15, 4.0), g.poisson(25, 4.0), "independent"))
    out.append((np.array([]), g.poisson(10, 3.0), "empty_a"))
    out.append((g.poisson(10, 3.0), np.array([]), "empty_b"))
    out.append((np.array([0.7312]), np.array([0.2213]), "one_spike_each"))
    a, b = g.pair(30, 3.0, 0.7, 0.002)
    out.append((g.shuffle(g.dup(a, 5)), g.shuffle(g.dup(b, 2)), "unsorted_duplicates"))
    out.append((g.grid(60, 2.0), g.grid(80, 2.0), "ms_grid"))
    a, b = g.pair(60, 3.0, 0.8, 0.001)
    out.append((a, b, "dense"))
    return out


def build(args_out):
    import numpy as np

    out = {}
    meta = {
        "generator": "scripts/reference/analysis/correlation.py",
        "reference": "elephant 1.2.1 (LIB entries); numpy transcription of the spec (FORMULA entries)",
    }
    import elephant
    import neo
    import quantities
    import scipy

    meta["versions"] = {
        "elephant": elephant.__version__, "neo": neo.__version__, "numpy": np.__version__,
        "quantities": quantities.__version__, "scipy": scipy.__version__,
        "python": sys.version.split()[0],
    }
    out["meta"] = meta

    pairs = pair_cases(1)
    L = lambda x: [float(v) for v in x]  # noqa: E731

    # ---- 25, 27: pairwise correlation / covariance
    for name, cov in (("spike_train_correlation", False), ("spike_train_covariance", True)):
        cases = []
        for i, (a, b, tag) in enumerate(pairs):
            for bin_size, t_start, t_stop, binary in (
                (0.01, 0.0, None, False),
                (0.05, 0.25, 2.5, i % 2 == 0),
                (0.001, 0.0, 2.0, False),
            ):
                args = dict(spikes_a=L(a), spikes_b=L(b), bin_size=bin_size, t_start=t_start,
                            t_stop=t_stop, binary=binary)
                if t_stop is None and len(a) + len(b) == 0:
                    continue
                exp = call(lambda: float(ref_corr_matrix([a, b], bin_size, t_start, t_stop, binary, cov)[0, 1]))
                cases.append({"tag": tag, "args": args, "expected": exp})
        out[name] = cases

    # ---- 26, 28: matrices
    g = Gen(2)
    mats = [
        ([g.poisson(20, 3.0) for _ in range(5)], "poisson5"),
        ([*g.pair(30, 3.0, 0.6, 0.003), np.array([]), g.poisson(5, 3.0)], "with_empty"),
        ([g.shuffle(g.dup(g.poisson(25, 2.0))) for _ in range(4)], "unsorted_duplicates"),
        ([g.poisson(10, 2.0)], "single"),
        ([np.arange(0.005, 1.0, 0.01), g.poisson(30, 1.0)], "constant_counts"),
    ]
    for name, cov in (("correlation_matrix", False), ("covariance_matrix", True)):
        cases = []
        for trains, tag in mats:
            for bin_size, t_start, t_stop, binary in ((0.01, 0.0, None, False), (0.02, 0.1, 1.0, True)):
                exp = call(lambda: ref_corr_matrix(trains, bin_size, t_start, t_stop, binary, cov))
                cases.append({"tag": tag, "args": dict(trains=[L(t) for t in trains], bin_size=bin_size,
                                                       t_start=t_start, t_stop=t_stop, binary=binary),
                              "expected": exp})
        out[name] = cases

    # ---- 29, 30, 31: CCH, its coefficient, ACH
    cch, ccc, ach = [], [], []
    for i, (a, b, tag) in enumerate(pairs):
        if len(a) + len(b) == 0:
            continue
        for bin_size, W, t_start, t_stop, binary, border in (
            (0.005, 20, 0.0, None, False, False),
            (0.01, 7, 0.3, 2.5, True, True),
            (0.002, 50, 0.0, 2.0, i % 2 == 1, i % 2 == 0),
        ):
            args = dict(spikes_a=L(a), spikes_b=L(b), bin_size=bin_size, max_lag_bins=W,
                        t_start=t_start, t_stop=t_stop, binary=binary, border_correction=border)

            def f():
                lags, c = ref_cch(a, b, bin_size, W, t_start, t_stop, binary, border)
                return {"lags": lags, "counts": c}

            cch.append({"tag": tag, "args": args, "expected": call(f)})
            args2 = {k: v for k, v in args.items() if k != "border_correction"}

            def f2():
                lags, c = ref_cch(a, b, bin_size, W, t_start, t_stop, binary, coef=True)
                return {"lags": lags, "values": c}

            ccc.append({"tag": tag, "args": args2, "expected": call(f2)})
            if len(a) > 0:
                args3 = dict(spikes=L(a), bin_size=bin_size, max_lag_bins=W, t_start=t_start,
                             t_stop=t_stop, binary=binary)

                def f3():
                    lags, c = ref_cch(a, a, bin_size, W, t_start, t_stop, binary)
                    return {"lags": lags, "counts": c}

                ach.append({"tag": tag, "args": args3, "expected": call(f3)})
    # window exceeding the train: W >= L raises
    a, b, _ = pairs[0]
    cch.append({"tag": "window_too_long", "args": dict(spikes_a=L(a), spikes_b=L(b), bin_size=0.5, max_lag_bins=10,
                                                       t_start=0.0, t_stop=5.0, binary=False,
                                                       border_correction=False),
                "expected": call(lambda: ref_cch(a, b, 0.5, 10, 0.0, 5.0, False))})
    out["cross_correlation_histogram"] = cch
    out["cross_correlation_coefficient"] = ccc
    out["autocorrelation_histogram"] = ach

    # ---- 32, 33: correlograms (FORMULA)
    xc, ac = [], []
    for i, (a, b, tag) in enumerate(pairs):
        for bin_size, max_lag in ((0.001, 0.02), (0.002, 0.0101), (0.003, 0.0)):
            xc.append({"tag": tag, "args": dict(spikes_a=L(a), spikes_b=L(b), bin_size=bin_size, max_lag=max_lag),
                       "expected": ref_correlogram(a, b, bin_size, max_lag)})
            ac.append({"tag": tag, "args": dict(spikes=L(a), bin_size=bin_size, max_lag=max_lag),
                       "expected": ref_correlogram(a, a, bin_size, max_lag, auto=True)})
    # grid trains: differences land on bin edges (exact float semantics)
    g = Gen(3)
    a, b = g.grid(40, 0.5), g.grid(40, 0.5)
    xc.append({"tag": "edges", "args": dict(spikes_a=L(a), spikes_b=L(b), bin_size=0.001, max_lag=0.01),
               "expected": ref_correlogram(a, b, 0.001, 0.01)})
    ac.append({"tag": "edges", "args": dict(spikes=L(a), bin_size=0.001, max_lag=0.01),
               "expected": ref_correlogram(a, a, 0.001, 0.01, auto=True)})
    out["cross_correlogram"] = xc
    out["autocorrelogram"] = ac

    # ---- 34: STTC (regenerate on Elephant/spec disagreement)
    sttc, dropped = [], 0
    for i, (a, b, tag) in enumerate(pairs):
        for dt, t_start, t_stop in ((0.005, 0.0, None), (0.0213, 0.4, 2.9), (0.5, 0.0, 3.0)):
            if len(a) + len(b) == 0 and t_stop is None:
                continue
            v, agree = ref_sttc(a, b, dt, t_start, t_stop)
            if not agree:
                dropped += 1
                continue
            sttc.append({"tag": tag, "args": dict(spikes_a=L(a), spikes_b=L(b), dt=dt, t_start=t_start,
                                                  t_stop=t_stop), "expected": v})
    # identical trains (P*T == 1 branches) and a train that tiles the whole window
    x = np.array([0.1, 0.2, 0.3])
    for a, b, dt, tag in ((x, x, 0.05, "identical"), (x, np.array([0.15]), 0.2, "full_tiling")):
        v, agree = ref_sttc(a, b, dt, 0.0, 0.4)
        assert agree
        sttc.append({"tag": tag, "args": dict(spikes_a=L(a), spikes_b=L(b), dt=dt, t_start=0.0, t_stop=0.4),
                     "expected": v})
    meta["sttc_cases_dropped_for_isclose"] = dropped
    out["spike_time_tiling_coefficient"] = sttc

    # ---- 35: STTC matrix
    sm = []
    for trains, tag in mats[:4]:
        for dt, t_start, t_stop in ((0.005, 0.0, None), (0.02, 0.1, 1.5)):
            t0, t1 = window(trains, t_start, t_stop)
            n = len(trains)
            m = np.full((n, n), np.nan)
            ok = True
            for p in range(n):
                sl = trains[p][(trains[p] >= t0) & (trains[p] <= t1)]
                m[p, p] = 1.0 if len(sl) > 0 else np.nan
                for q in range(p + 1, n):
                    v, agree = ref_sttc(trains[p], trains[q], dt, t0, t1)
                    ok &= agree
                    m[p, q] = m[q, p] = v
            if not ok:
                meta["sttc_cases_dropped_for_isclose"] += 1
                continue
            sm.append({"tag": tag, "args": dict(trains=[L(t) for t in trains], dt=dt, t_start=t_start,
                                                t_stop=t_stop), "expected": m})
    out["sttc_matrix"] = sm

    # ---- 36: timescale
    ts = []
    g = Gen(4)
    trains = [
        (g.poisson(40, 5.0), "poisson"),
        (np.sort(np.concatenate([g.poisson(10, 5.0)] + [g.poisson(10, 5.0) + 0.003 * k for k in range(1, 3)])), "bursty"),
        (g.shuffle(g.dup(g.poisson(30, 3.0), 10)), "unsorted_duplicates"),
        (np.array([0.5]), "one_spike"),
        (np.array([]), "empty"),
    ]
    for x, tag in trains:
        for bin_size, max_tau, t_start, t_stop in ((0.001, 0.02, 0.0, 3.0), (0.005, 0.1, 0.2, 2.7)):
            ts.append({"tag": tag, "args": dict(spikes=L(x), bin_size=bin_size, max_tau=max_tau,
                                                t_start=t_start, t_stop=t_stop),
                       "expected": call(lambda: ref_timescale(x, bin_size, max_tau, t_start, t_stop))})
    out["spike_train_timescale"] = ts

    # ---- 37-40: FORMULA
    cc, cf, es, esd = [], [], [], []
    for i, (a, b, tag) in enumerate(pairs):
        for w in (0.0, 0.001, 0.005):
            cc.append({"tag": tag, "args": dict(spikes_a=L(a), spikes_b=L(b), window=w),
                       "expected": ref_coincidence_count(a, b, w)})
        for w, t_start, t_stop in ((0.002, 0.0, None), (0.004, 0.5, 2.5)):
            if len(a) + len(b) == 0 and t_stop is None:
                continue
            cf.append({"tag": tag, "args": dict(spikes_a=L(a), spikes_b=L(b), window=w, t_start=t_start,
                                                t_stop=t_stop),
                       "expected": ref_coincidence_factor(a, b, w, t_start, t_stop)})
        for tau in (0.001, 0.005, 0.05):
            es.append({"tag": tag, "args": dict(spikes_a=L(a), spikes_b=L(b), tau=tau), "expected": ref_es(a, b, tau)})
            esd.append({"tag": tag, "args": dict(spikes_a=L(a), spikes_b=L(b), tau=tau),
                        "expected": ref_es(a, b, tau, delay=True)})
    # coincident equal times (J = 1/2) on a grid
    g = Gen(5)
    a, b = g.grid(50, 1.0), g.grid(50, 1.0)
    for tau in (0.001, 0.003):
        es.append({"tag": "grid_ties", "args": dict(spikes_a=L(a), spikes_b=L(b), tau=tau), "expected": ref_es(a, b, tau)})
        esd.append({"tag": "grid_ties", "args": dict(spikes_a=L(a), spikes_b=L(b), tau=tau),
                    "expected": ref_es(a, b, tau, delay=True)})
    cc.append({"tag": "grid_ties", "args": dict(spikes_a=L(a), spikes_b=L(b), window=0.002),
               "expected": ref_coincidence_count(a, b, 0.002)})
    out["coincidence_count"] = cc
    out["coincidence_factor"] = cf
    out["event_synchronization"] = es
    out["event_synchronization_delay"] = esd

    # ---- 41: spike contrast
    sc = []
    g = Gen(6)
    sets = [
        ([g.poisson(20, 2.0) for _ in range(4)], "poisson4"),
        (list(g.pair(25, 2.0, 0.8, 0.002)) + [np.array([])], "synchronous_with_empty"),
        ([g.shuffle(g.dup(g.poisson(15, 2.0), 4)), g.poisson(15, 2.0), np.array([1.0])], "unsorted_duplicates"),
        ([g.grid(30, 1.0), g.grid(30, 1.0)], "ms_grid"),
    ]
    for trains, tag in sets:
        for t_start, t_stop, min_bin, factor in ((None, None, 0.01, 0.9), (0.2, 1.8, 0.005, 0.8), (0.0, None, 0.02, 0.95)):
            sc.append({"tag": tag, "args": dict(trains=[L(t) for t in trains], t_start=t_start, t_stop=t_stop,
                                                min_bin=min_bin, bin_shrink_factor=factor),
                       "expected": call(lambda: ref_spike_contrast(trains, t_start, t_stop, min_bin, factor))})
    out["spike_contrast"] = sc

    out = write_pooled(args_out, out)
    print(f"  sttc cases dropped (Elephant isclose != exact): {meta['sttc_cases_dropped_for_isclose']}")


def main():
    a = parse_args(arg_parser(__doc__, default_out("correlation"), full_doc=True), __file__)
    import logging
    import warnings

    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    build(a.out)


if __name__ == "__main__":
    main()
