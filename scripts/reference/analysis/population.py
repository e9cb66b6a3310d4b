#!/usr/bin/env python3
"""Reference values for catalogue family 5, "Population measures" (functions 70-82).

Spec: the analysis catalogue (docs/analysis.md), family 5.  LIB entries are checked against
Elephant 1.2.1 (time_histogram, instantaneous_rate(pool_spike_trains=True),
Complexity(spread=0), correlation_coefficient); FORMULA entries
(synchrony_index, population_fano_factor, active_fraction,
population_sparseness, participation_ratio) against a direct NumPy
transcription of the spec formula on Elephant's binning.

How to run
----------
    # one-time: make a venv (default /tmp/analysis-venv), pip install
    # elephant==1.2.1 pyspike scipy numpy quantities neo, then re-run this script
    # with that venv's python
    python3 scripts/reference/analysis/population.py --install
    # Without --install the current python must import elephant, neo, quantities.
    # Options: --venv PATH, --out FILE (default reference/analysis/population.json).

Output (JSON): {"meta": {...}, "trains": [...], "<function>": [{"args": {...},
"expected": ...}, ...]}.
* args use the Python argument names of the spec; None is null.  Spike trains
  are stored once in the top-level list "trains" (lists of floats, given
  exactly as passed: some deliberately unsorted or with duplicates, G3); a
  list-of-trains argument holds a list of "@k" for trains[k].
* Non-finite floats are written as the strings "nan", "inf", "-inf".
* expected: a float, a list, {"times": [...], "rate": [...]},
  {"bin_left_edges": [...], "rate_hz": [...]}, or {"error": "ValueError"}.

Adapters (G3, G5): every train is sorted, then time-sliced to the closed window
[t_start, t_stop] (t_stop=None is the largest spike over all trains) and wrapped
in neo.SpikeTrain(t_start, t_stop, units="s"); binning is
elephant.conversion.BinnedSpikeTrain(bin_size, tolerance=1e-8) (G6).

population_rate_smoothed with kernel="alpha": the spec centres the kernel on the exact
median; Elephant 1.2.1's AlphaKernel.icdf (fsolve from x0 = 0.5 s) fails for small sigma, so
the reference patches it with a bracketed root (see patch_alpha_median).
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402  (the script's own directory, above)
    Gen, arg_parser, bst, call, default_out, neo_train, parse_args, window, write_pooled)


# --------------------------------------------------------------------------- references

KERNELS = {
    "rectangular": "RectangularKernel",
    "triangular": "TriangularKernel",
    "epanechnikov_like": "EpanechnikovLikeKernel",
    "gaussian": "GaussianKernel",
    "laplacian": "LaplacianKernel",
    "exponential": "ExponentialKernel",
    "alpha": "AlphaKernel",
}


def patch_alpha_median():
    """Spec #5/#72: m is the exact root of CDF = 1/2 for the alpha kernel.  Elephant 1.2.1's
    AlphaKernel.icdf runs scipy.optimize.fsolve from x0 = fraction in the unit of sigma, which
    does not converge for small sigma in seconds (sigma = 10 ms gives a median of 0.5 s instead
    of 11.87 ms), so the reference replaces it by a bracketed root (brentq to machine precision).
    Only the non-inverted kernel is used here."""
    import quantities as pq
    from elephant import kernels
    from scipy.optimize import brentq

    def icdf(self, fraction):
        self._check_fraction(fraction)
        assert not self.invert
        tau = self.sigma.magnitude / math.sqrt(2)
        hi = tau
        while self._cdf_stripped(hi, tau) < fraction:
            hi *= 2
        x = brentq(lambda x: self._cdf_stripped(x, tau) - fraction, 0.0, hi, xtol=1e-300, rtol=8.9e-16)
        return pq.Quantity(x, units=self.sigma.units)

    kernels.AlphaKernel.icdf = icdf


def neo_trains(trains, t_start, t_stop):
    t0, t1 = window(trains, t_start, t_stop)
    return [neo_train(x, t0, t1) for x in trains], t0, t1


def binned_matrix(trains, bin_size, t_start, t_stop):
    import numpy as np

    t0, t1 = window(trains, t_start, t_stop)
    if len(trains) == 0:
        b = bst([[]], bin_size, t0, t1)
        return np.zeros((0, b.n_bins)), b
    b = bst(trains, bin_size, t0, t1)
    return b.to_array().astype(float), b


def ref_time_histogram(trains, bin_size, t_start, t_stop, output, binary):
    import quantities as pq
    from elephant.statistics import time_histogram

    sts, t0, t1 = neo_trains(trains, t_start, t_stop)
    h = time_histogram(sts, bin_size * pq.s, t_start=t0 * pq.s, t_stop=t1 * pq.s, output=output,
                       binary=binary)
    if output == "rate":
        h = h.rescale("Hz")
    v = h.magnitude.flatten()
    return v.astype(int) if output == "counts" else v.astype(float)


def ref_rate_smoothed(trains, sampling_period, sigma, kernel, t_start, t_stop, cutoff):
    import quantities as pq
    from elephant import kernels
    from elephant.statistics import instantaneous_rate

    sts, t0, t1 = neo_trains(trains, t_start, t_stop)
    k = getattr(kernels, KERNELS[kernel])(sigma * pq.s)
    r = instantaneous_rate(sts, sampling_period * pq.s, kernel=k, cutoff=cutoff, t_start=t0 * pq.s,
                           t_stop=t1 * pq.s, pool_spike_trains=True)
    return {"times": r.times.rescale("s").magnitude, "rate": r.rescale("Hz").magnitude.flatten()}


def ref_psth(trains, bin_size, t_start, t_stop):
    _, b = binned_matrix(trains, bin_size, t_start, t_stop)
    rate = ref_time_histogram(trains, bin_size, t_start, t_stop, "rate", False)
    return {"bin_left_edges": b.bin_edges.rescale("s").magnitude[:-1], "rate_hz": rate}


def complexity(trains, bin_size, t_start, t_stop, binary):
    import quantities as pq
    from elephant.statistics import Complexity

    sts, _, _ = neo_trains(trains, t_start, t_stop)
    return Complexity(sts, bin_size=bin_size * pq.s, binary=binary, spread=0)


def ref_sync_events(trains, bin_size, t_start, t_stop, min_complexity, binary):
    import numpy as np

    c = complexity(trains, bin_size, t_start, t_stop, binary)
    h = c.time_histogram.magnitude.flatten()
    return np.asarray(c.time_histogram.times.rescale("s").magnitude)[h >= min_complexity]


def ref_synchrony_index(trains, bin_size, t_start, t_stop):
    import numpy as np

    B, _ = binned_matrix(trains, bin_size, t_start, t_stop)
    if B.shape[0] == 0:
        return float("nan")
    den = B.var(axis=1).mean()
    if den == 0:
        return float("nan")
    return float(np.sqrt(B.mean(axis=0).var() / den))


def ref_mean_pairwise_correlation(trains, bin_size, t_start, t_stop, binary):
    import numpy as np
    from elephant.spike_train_correlation import correlation_coefficient

    t0, t1 = window(trains, t_start, t_stop)
    n = len(trains)
    if n < 2:
        return float("nan")
    c = np.asarray(correlation_coefficient(bst(trains, bin_size, t0, t1), binary=binary)).reshape(n, n)
    u = c[np.triu_indices(n, 1)]
    u = u[np.isfinite(u)]
    return float(np.mean(u)) if len(u) else float("nan")


def ref_population_fano(trains, bin_size, t_start, t_stop):
    B, _ = binned_matrix(trains, bin_size, t_start, t_stop)
    s = B.sum(axis=0)
    m = s.mean()
    return float("nan") if m == 0 else float(s.var() / m)


def ref_active_fraction(trains, t_start, t_stop):
    import numpy as np

    if len(trains) == 0:
        return float("nan")
    act = 0
    for x in trains:
        x = np.asarray(x, dtype=float)
        keep = np.ones(len(x), dtype=bool)
        if t_start is not None:
            keep &= x >= t_start
        if t_stop is not None:
            keep &= x <= t_stop
        act += int(keep.any())
    return act / len(trains)


def ref_sparseness(trains, t_start, t_stop):
    import numpy as np

    t0, t1 = window(trains, t_start, t_stop)
    n = len(trains)
    r = np.array([np.sum((np.asarray(x) >= t0) & (np.asarray(x) <= t1)) / (t1 - t0) for x in trains], dtype=float)
    if n < 2 or np.all(r == 0):
        return float("nan")
    a = np.mean(r) ** 2 / np.mean(r ** 2)
    return float((1 - a) / (1 - 1 / n))


def ref_participation_ratio(trains, bin_size, t_start, t_stop):
    import numpy as np

    B, _ = binned_matrix(trains, bin_size, t_start, t_stop)
    if B.shape[0] == 0:
        return float("nan")
    C = np.atleast_2d(np.cov(B, ddof=1))
    tr = np.trace(C)
    if tr == 0:
        return float("nan")
    return float(tr ** 2 / np.sum(C ** 2))


# --------------------------------------------------------------------------- cases


def population_sets():
    import numpy as np

    g = Gen(11)
    common = g.poisson(8, 3.0)
    sync = [np.round(np.sort(np.concatenate([common + g.rng.uniform(-0.002, 0.002, len(common)),
                                             g.poisson(10, 3.0)])), 6) for _ in range(5)]
    sync = [x[(x >= 0) & (x <= 3.0)] for x in sync]
    return [
        ([g.poisson(r, 3.0) for r in (5, 10, 20, 40, 15, 0.5)], "poisson6"),
        (sync, "synchronous5"),
        ([g.shuffle(g.dup(g.poisson(20, 2.0), 6)) for _ in range(3)] + [np.array([])], "unsorted_dup_empty"),
        ([g.grid(40, 1.0, 0.001), g.grid(40, 1.0, 0.001), np.array([0.1, 0.2, 0.3, 1.0])], "ms_grid"),
        ([np.array([0.37])], "one_spike"),
        ([np.array([]), np.array([])], "all_empty"),
    ]


def build(args_out):
    import numpy as np

    import elephant
    import neo
    import quantities
    import scipy

    out = {"meta": {
        "generator": "scripts/reference/analysis/population.py",
        "reference": "elephant 1.2.1 (LIB entries); numpy transcription of the spec (FORMULA entries)",
        "versions": {
            "elephant": elephant.__version__, "neo": neo.__version__, "numpy": np.__version__,
            "quantities": quantities.__version__, "scipy": scipy.__version__,
            "python": sys.version.split()[0],
        },
    }}
    L = lambda x: [float(v) for v in x]  # noqa: E731
    sets = population_sets()
    windows = ((0.02, 0.0, None), (0.05, 0.25, 2.5), (0.004, 0.0, 1.0))

    def T(trains):
        return [L(t) for t in trains]

    def has_spikes(trains):
        return any(len(t) for t in trains)

    th, pr, ps, ch, cp, se, si, mpc, pff, pp = ([] for _ in range(10))
    for trains, tag in sets:
        for k, (bin_size, t_start, t_stop) in enumerate(windows):
            if t_stop is None and not has_spikes(trains):
                continue
            base = dict(trains=T(trains), bin_size=bin_size, t_start=t_start, t_stop=t_stop)
            for output in ("counts", "mean", "rate"):
                binary = (k + len(output)) % 2 == 0
                th.append({"tag": tag, "args": dict(base, output=output, binary=binary),
                           "expected": call(lambda: ref_time_histogram(trains, bin_size, t_start, t_stop, output,
                                                                       binary))})
            pr.append({"tag": tag, "args": dict(base),
                       "expected": call(lambda: ref_time_histogram(trains, bin_size, t_start, t_stop, "rate",
                                                                   False))})
            ps.append({"tag": tag, "args": dict(trials=base["trains"], bin_size=bin_size, t_start=t_start,
                                                t_stop=t_stop),
                       "expected": call(lambda: ref_psth(trains, bin_size, t_start, t_stop))})
            for binary in (True, False):
                c = complexity(trains, bin_size, t_start, t_stop, binary)
                ch.append({"tag": tag, "args": dict(base, binary=binary),
                           "expected": c.complexity_histogram.astype(int)})
                cp.append({"tag": tag, "args": dict(base, binary=binary),
                           "expected": c.pdf().magnitude.flatten()})
                for mc in (2, 3):
                    se.append({"tag": tag, "args": dict(base, min_complexity=mc, binary=binary),
                               "expected": ref_sync_events(trains, bin_size, t_start, t_stop, mc, binary)})
            si.append({"tag": tag, "args": dict(base),
                       "expected": ref_synchrony_index(trains, bin_size, t_start, t_stop)})
            for binary in (False, True):
                mpc.append({"tag": tag, "args": dict(base, binary=binary),
                            "expected": ref_mean_pairwise_correlation(trains, bin_size, t_start, t_stop, binary)})
            pff.append({"tag": tag, "args": dict(base),
                        "expected": ref_population_fano(trains, bin_size, t_start, t_stop)})
            pp.append({"tag": tag, "args": dict(base),
                       "expected": ref_participation_ratio(trains, bin_size, t_start, t_stop)})
    out["time_histogram"] = th
    out["population_rate"] = pr
    out["psth"] = ps
    out["complexity_histogram"] = ch
    out["complexity_pdf"] = cp
    out["synchronous_event_times"] = se
    out["synchrony_index"] = si
    out["mean_pairwise_correlation"] = mpc
    out["population_fano_factor"] = pff
    out["participation_ratio"] = pp

    # ---- 72: smoothed population rate (every kernel)
    patch_alpha_median()
    out["meta"]["alpha_kernel_median"] = (
        "exact root of CDF = 1/2 (Elephant's fsolve-based AlphaKernel.icdf replaced, see patch_alpha_median)")
    prs = []
    for i, (trains, tag) in enumerate(sets[:4]):
        for j, kernel in enumerate(KERNELS):
            sp, sigma, t_start, t_stop, cutoff = (
                (0.01, 0.03, 0.0, None, 5.0), (0.02, 0.05, 0.1, 1.9, 2.0), (0.005, 0.01, 0.0, 1.0, 5.0)
            )[(i + j) % 3]
            prs.append({"tag": f"{tag}/{kernel}", "args": dict(trains=T(trains), sampling_period=sp, sigma=sigma,
                                                               kernel=kernel, t_start=t_start, t_stop=t_stop,
                                                               cutoff=cutoff),
                        "expected": call(lambda: ref_rate_smoothed(trains, sp, sigma, kernel, t_start, t_stop,
                                                                   cutoff))})
    out["population_rate_smoothed"] = prs

    # ---- 80, 81: window-only measures
    af, sparse = [], []
    for trains, tag in sets:
        for t_start, t_stop in ((None, None), (0.5, 1.5), (0.0, 0.2), (2.0, None)):
            af.append({"tag": tag, "args": dict(trains=T(trains), t_start=t_start, t_stop=t_stop),
                       "expected": ref_active_fraction(trains, t_start, t_stop)})
        for t_start, t_stop in ((0.0, None), (0.5, 1.5), (0.0, 4.0)):
            if t_stop is None and not has_spikes(trains):
                continue
            sparse.append({"tag": tag, "args": dict(trains=T(trains), t_start=t_start, t_stop=t_stop),
                           "expected": ref_sparseness(trains, t_start, t_stop)})
    af.append({"tag": "no_trains", "args": dict(trains=[], t_start=None, t_stop=None), "expected": float("nan")})
    out["active_fraction"] = af
    out["population_sparseness"] = sparse

    write_pooled(args_out, out)


def main():
    a = parse_args(arg_parser(__doc__, default_out("population"), full_doc=True), __file__)
    import warnings
    import logging

    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    build(a.out)


if __name__ == "__main__":
    main()
