#!/usr/bin/env python3
"""Reference values for catalogue family 1, "Rates & ISI statistics" (functions 1-24).

Spec: the analysis catalogue (docs/analysis.md), family 1.  Every entry is checked against the
reference named in its "Ref:" line: Elephant 1.2.1 for the LIB entries (firing_rate(s),
binned_firing_rate, instantaneous_rate, optimal_kernel_bandwidth, isi,
coefficient_of_variation, cv2, local_variation, revised_local_variation, fano_factor) and a
direct NumPy transcription of the spec formula for the FORMULA entries.

How to run
----------
    # one-time: make a venv (default /tmp/analysis-venv), pip install
    # elephant==1.2.1 pyspike scipy numpy quantities neo, then re-run this script
    # with that venv's python
    python3 scripts/reference/analysis/rates.py --install
    # Without --install the current python must import elephant, neo, quantities.
    # Options: --venv PATH, --out FILE (default reference/analysis/rates.json).

Output (JSON): {"meta": {...}, "trains": [...], "<function>": [{"args": {...},
"expected": ...}, ...]}.
* args use the Python argument names of the spec; None is null.  Spike trains are stored
  once in the top-level list "trains" (exactly as passed: several deliberately unsorted or
  with duplicates, G3); an argument holds "@k" for trains[k] (a list of trains holds a list
  of "@k").  Spike times are rounded to 9 decimals.
* Non-finite floats are written as the strings "nan", "inf", "-inf".
* expected: a number, a list, or for the tuple-valued functions a list of the tuple's
  items: isi_histogram / log_isi_histogram [edges, counts]; instantaneous_rate
  {"t0": first time, "n": length, "rate": [...]} (times are t0 + k*sampling_period; the
  full times array is stored as "times" for a few cases).

Adapters (and where the spec departs from the reference)
--------------------------------------------------------
* Trains are sorted (np.sort) before every Elephant call; Elephant's neo-based functions
  get `neo.SpikeTrain(time_slice(x) * s, t_start, t_stop)` (G5: spikes outside the window
  are ignored).
* firing_rate: `mean_firing_rate(np.sort(x), t_start, t_stop)` on ndarray input
  (`t_stop = t_start + duration` when duration is given).  Elephant raises for an empty
  train; the spec's 0.0 is recorded.
* binned_firing_rate / fano_factor_binned / optimal_bin_size: the G6 counts are
  `BinnedSpikeTrain(..., tolerance=1e-8).to_array()[0]` (the script also checks them
  against its own NumPy transcription of G6).
* instantaneous_rate: `instantaneous_rate(st, sampling_period*s, kernel=<Name>Kernel(sigma*s),
  cutoff=..., center_kernel=..., trim=..., border_correction=...)`.  Elephant's
  AlphaKernel.icdf (scipy fsolve started at x0 = fraction, in seconds) stalls far from the
  root for sigma below about 1 s (e.g. sigma = 0.03 s, fraction 0.5: +207 %; 0.49: way off),
  which moves the centred kernel and the trim median index.  The spec defines the median
  and the index with the true inverse CDF, so the script replaces AlphaKernel.icdf by a
  brentq root of the same CDF (the only patch; every other kernel is Elephant's own).
* optimal_kernel_bandwidth: `optimal_kernel_bandwidth(np.sort(x))['optw']`; fewer than
  three distinct spike times gives NaN (Elephant raises there).
* coefficient_of_variation: `elephant.statistics.cv(I)` with NaN when m < 2 (SciPy gives 0.0
  for a single ISI).  cv2 / lv / lvr: Elephant with `with_nan=True` (lvr with I*s, R*s).
* fano_factor: `fanofactor` on the NumPy time-sliced trains (bounds: None = unbounded).
* optimal_bin_size: the cost C(delta) = (2 mean(k) - var(k)) / delta^2 with delta = T/N
  is compared as the exact integer 2 S N - N Q + S^2 (= C T^2; S = sum k, Q = sum k^2), so
  that exact ties (e.g. all spikes in one bin: C = S^2/T^2 for every N) go to the smallest
  N as the spec says, rather than to floating-point noise.
"""

import math
import os
import platform
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402  (the script's own directory, above)
    Trains, arg_parser, default_out, floor_tol, g6_counts, parse_args, putter, write_json)


# --------------------------------------------------------------------------- helpers


def bst_counts(np, pq, neo, conv, x, bin_size, t_start, t_stop):
    """Elephant's BinnedSpikeTrain counts of the time-sliced train (checked against G6)."""
    xs = np.sort(np.asarray(x, dtype=float))
    xs = xs[(xs >= t_start) & (xs <= t_stop)]
    st = neo.SpikeTrain(xs * pq.s, t_start=t_start * pq.s, t_stop=t_stop * pq.s)
    b = conv.BinnedSpikeTrain(st, bin_size=bin_size * pq.s, t_start=t_start * pq.s,
                              t_stop=t_stop * pq.s, tolerance=1e-8)
    c = b.to_array()[0].astype(np.int64)
    assert floor_tol((t_stop - t_start) / bin_size) >= 1  # n_bins of g6_counts
    mine = g6_counts(np, x, bin_size, t_start, t_stop)
    assert np.array_equal(c, mine), (x, bin_size, t_start, t_stop, c, mine)
    return c


def main():
    opts = parse_args(arg_parser(__doc__, default_out("rates")), __file__)

    import numpy as np
    import quantities as pq
    import neo
    import scipy
    import elephant
    from elephant import statistics as es
    from elephant import kernels
    from elephant import conversion as conv

    warnings.filterwarnings("ignore")
    import logging
    logging.disable(logging.WARNING)  # Elephant's "Correcting a rounding error" notes
    s = pq.s

    # ------------------------------------------------------------------ the trains
    table = Trains(dedupe=True)
    add, val = table.add, table.get

    rs = np.random.RandomState(20240611)

    def poisson(n, t0=0.0, t1=2.0, shuffle=True):
        x = np.round(rs.uniform(t0, t1, n), 9)
        if shuffle:
            rs.shuffle(x)
        else:
            x = np.sort(x)
        return x

    def renewal(n, mean_isi, shape, t0=0.0):
        isis = rs.gamma(shape, mean_isi / shape, n)
        x = np.round(t0 + np.cumsum(isis), 9)
        rs.shuffle(x)
        return x

    def bursty(n_bursts, per_burst):
        starts = np.sort(rs.uniform(0, 2, n_bursts))
        x = np.concatenate([b + np.cumsum(rs.exponential(0.004, per_burst)) for b in starts])
        x = np.round(x, 9)
        rs.shuffle(x)
        return x

    edge = {
        "empty": add([]),
        "one": add([0.37]),
        "two": add([0.2, 0.5]),
        "dup": add([0.3, 0.1, 0.1]),
        "unsorted4": add([0.5, 0.2, 0.9, 0.4]),
        "zero_isis": add([0.1, 0.2, 0.2, 0.2, 0.7]),
        "all_dup": add([0.4, 0.4, 0.4]),
        "regular": add([0.1 * k for k in range(1, 11)]),
        "integers": add([5.0, 1.0, 3.0, 2.0, 4.0]),
        "negative": add([-0.5, 0.8, -0.1, 0.2, 1.7]),
        "grid": add(np.round(rs.choice(np.arange(0, 1.001, 0.1), 12), 9)),
    }
    randoms = [add(poisson(n)) for n in (3, 5, 10, 20, 50, 100, 200)]
    randoms.append(add(renewal(80, 0.02, 4.0)))      # regular-ish
    randoms.append(add(renewal(60, 0.03, 0.5)))      # irregular
    randoms.append(add(bursty(8, 6)))                # bursts
    randoms.append(add(np.round(poisson(40) * 1000) / 1000))  # on the 1 ms grid
    dupl = poisson(25)
    randoms.append(add(np.concatenate([dupl, dupl[:6]])))  # duplicates
    all_trains = list(edge.values()) + randoms

    out = {}
    case = putter(out)

    def isis(ref):
        return np.diff(np.sort(val(ref)))

    # ------------------------------------------------------------------ 1 spike_count
    for r in all_trains:
        for lo, hi in [(None, None), (0.2, None), (None, 1.0), (0.2, 1.0), (0.1, 0.5)]:
            x = val(r)
            m = np.ones(len(x), dtype=bool)
            if lo is not None:
                m &= x >= lo
            if hi is not None:
                m &= x <= hi
            case("spike_count", {"spikes": r, "t_start": lo, "t_stop": hi}, int(m.sum()))

    # ------------------------------------------------------------------ 2 firing_rate
    def mfr(x, t_start, t_stop):
        x = np.sort(x)
        if len(x) == 0:
            return 0.0  # spec (#2): an empty train with an explicit window gives 0.0
        return float(es.mean_firing_rate(x, t_start=t_start, t_stop=t_stop))

    for r in all_trains:
        x = val(r)
        for t_start, t_stop, duration in [(0.0, None, None), (0.0, 1.0, None),
                                          (0.2, 2.5, None), (0.1, None, 0.5),
                                          (-1.0, None, None), (0.0, None, 3.0)]:
            hi = t_start + duration if duration is not None else t_stop
            if hi is None:
                if len(x) == 0 or x.max() <= t_start:
                    continue  # G5 error, tested in Rust
                hi = float(x.max())
            case("firing_rate",
                 {"spikes": r, "t_start": t_start, "t_stop": t_stop, "duration": duration},
                 mfr(x, t_start, hi))

    # ------------------------------------------------------------------ 3 firing_rates
    groups = [randoms[:4], [edge["empty"], randoms[4], edge["one"]], randoms[5:9],
              [edge["negative"], edge["grid"]]]
    for g in groups:
        for t_start, t_stop in [(0.0, None), (0.1, 1.5)]:
            xs = [val(r) for r in g]
            hi = t_stop if t_stop is not None else max(float(x.max()) for x in xs if len(x))
            case("firing_rates", {"trains": g, "t_start": t_start, "t_stop": t_stop},
                 [mfr(x, t_start, hi) for x in xs])

    # ------------------------------------------------------------------ 4 binned_firing_rate
    for r in all_trains:
        x = val(r)
        for bin_size, t_start, t_stop in [(0.1, 0.0, None), (0.1, 0.0, 1.0), (0.3, 0.0, 10.0 / 3),
                                          (0.25, 0.2, 2.2), (0.05, 0.0, 2.0)]:
            hi = t_stop
            if hi is None:
                if len(x) == 0 or x.max() <= t_start:
                    continue
                hi = float(x.max())
            if math.floor((hi - t_start) / bin_size + 1e-8) < 1:
                continue
            c = bst_counts(np, pq, neo, conv, x, bin_size, t_start, hi)
            case("binned_firing_rate",
                 {"spikes": r, "bin_size": bin_size, "t_start": t_start, "t_stop": t_stop},
                 c / bin_size)

    # ------------------------------------------------------------------ 5 instantaneous_rate
    kclass = {"rectangular": kernels.RectangularKernel, "triangular": kernels.TriangularKernel,
              "epanechnikov_like": kernels.EpanechnikovLikeKernel,
              "gaussian": kernels.GaussianKernel, "laplacian": kernels.LaplacianKernel,
              "exponential": kernels.ExponentialKernel, "alpha": kernels.AlphaKernel}

    def alpha_icdf(self, fraction):
        """AlphaKernel.icdf solved to machine precision (Elephant's fsolve from x0 = fraction,
        in the kernel's time unit, stalls for sigma below about 1 s)."""
        from scipy.optimize import brentq
        self._check_fraction(fraction)
        tau = self.sigma.magnitude / math.sqrt(2)
        lo, hi = (-80 * tau, 0.0) if self.invert else (0.0, 80 * tau)
        root = brentq(lambda v: self._cdf_stripped(v, tau) - fraction, lo, hi,
                      xtol=1e-300, rtol=8.9e-16, maxiter=1000)
        return pq.Quantity(root, units=self.sigma.units)

    kernels.AlphaKernel.icdf = alpha_icdf

    def irate(x, sp, sigma, kernel, t_start, t_stop, cutoff, center, trim, border):
        xs = np.sort(x)
        hi = t_stop if t_stop is not None else float(xs.max())
        xs = xs[(xs >= t_start) & (xs <= hi)]
        k = kclass[kernel](sigma * s)
        st = neo.SpikeTrain(xs * s, t_start=t_start * s, t_stop=hi * s)
        r = es.instantaneous_rate(st, sp * s, kernel=k, cutoff=cutoff, center_kernel=center,
                                  trim=trim, border_correction=border)
        rate = np.asarray(r.magnitude)[:, 0]
        return {"t0": float(r.t_start.rescale(s).magnitude), "n": len(rate), "rate": rate,
                "times": np.asarray(r.times.rescale(s).magnitude)}

    train50 = add(poisson(50, 0.0, 1.0))
    train20 = add(poisson(20, 0.0, 1.0))
    outside = add([-0.3, 0.0, 0.25, 0.5, 0.5, 0.77, 1.0, 1.2])  # spike at t_start, t_stop, dup
    ir_cases = []
    for kern in kclass:
        ir_cases.append((train50, 0.01, 0.02, kern, 0.0, 1.0, 5.0, True, False, False))
    for kern in ["gaussian", "exponential", "alpha", "rectangular", "triangular"]:
        ir_cases.append((train50, 0.01, 0.02, kern, 0.0, 1.0, 5.0, True, True, False))
    for kern in ["exponential", "alpha"]:
        ir_cases.append((train20, 0.01, 0.03, kern, 0.0, 1.0, 5.0, False, False, False))
        ir_cases.append((train20, 0.01, 0.03, kern, 0.0, 1.0, 5.0, False, True, False))
    ir_cases += [
        (train50, 0.01, 0.05, "gaussian", 0.0, 1.0, 5.0, True, False, True),
        (train50, 0.01, 0.02, "gaussian", 0.0, 1.0, 3.0, True, True, True),
        (train20, 0.01, 0.02, "rectangular", 0.0, 1.0, 1.0, True, False, False),  # cutoff < min
        (train20, 0.01, 0.02, "gaussian", 0.0, 1.0, 0.5, True, False, False),
        (train20, 0.01, 0.02, "epanechnikov_like", 0.0, 1.0, 2.0, True, False, False),
        (edge["empty"], 0.01, 0.02, "gaussian", 0.0, 0.5, 5.0, True, False, False),
        (edge["empty"], 0.01, 0.02, "gaussian", 0.0, 0.5, 5.0, True, False, True),
        (outside, 0.01, 0.02, "gaussian", 0.0, 1.0, 5.0, True, False, False),
        (outside, 0.01, 0.02, "laplacian", 0.0, 1.0, 5.0, True, True, False),
        (outside, 0.03, 0.05, "triangular", 0.0, 1.0, 5.0, True, False, False),
        (train50, 0.003, 0.004, "gaussian", 0.25, 0.61, 5.0, True, False, False),
        (train20, 0.007, 0.01, "gaussian", 0.13, None, 5.0, True, False, True),
        (train20, 0.01, 0.2, "gaussian", 0.0, 1.0, 5.0, True, False, False),  # kernel > signal
        (train50, 0.002, 0.01, "alpha", 0.0, 0.3, 5.0, False, False, False),
        (train50, 0.0005, 0.2, "gaussian", 0.0, 0.12, 5.0, True, False, False),  # long kernel
        (randoms[6], 0.01, 0.03, "gaussian", 0.0, None, 5.0, True, False, False),
    ]
    for i, (r, sp, sigma, kern, t0, t1, cutoff, center, trim, border) in enumerate(ir_cases):
        res = irate(val(r), sp, sigma, kern, t0, t1, cutoff, center, trim, border)
        if i % 8 != 0:
            del res["times"]
        case("instantaneous_rate",
             {"spikes": r, "sampling_period": sp, "sigma": sigma, "kernel": kern,
              "t_start": t0, "t_stop": t1, "cutoff": cutoff, "center_kernel": center,
              "trim": trim, "border_correction": border}, res)

    # ------------------------------------------------------------------ 6 optimal_kernel_bandwidth
    okb_trains = list(edge.values()) + randoms + [add([0.1, 0.2, 0.3]), add([0.0, 0.1, 0.5, 0.5])]
    for r in okb_trains:
        x = np.sort(val(r))
        if len(np.unique(x)) < 3:
            exp = math.nan
        else:
            optw = es.optimal_kernel_bandwidth(x)["optw"]
            exp = math.nan if optw is None else float(optw)
        case("optimal_kernel_bandwidth", {"spikes": r}, exp)

    # ------------------------------------------------------------------ 7 optimal_bin_size
    for r in all_trains:
        x = val(r)
        for t_start, t_stop, min_bins, max_bins in [(0.0, None, 2, 200), (0.0, 2.0, 1, 50),
                                                    (0.3, 1.9, 5, 40)]:
            hi = t_stop
            if hi is None:
                if len(x) == 0 or x.max() <= t_start:
                    continue
                hi = float(x.max())
            best, best_c = None, None
            for n in range(min_bins, max_bins + 1):
                delta = (hi - t_start) / n
                k = bst_counts(np, pq, neo, conv, x, delta, t_start, hi)
                # C = (2 mean(k) - var(k)) / delta^2 = (2 S n - n Q + S^2) / T^2 (S = sum k,
                # Q = sum k^2): compared exactly, so ties go to the smallest n (spec).
                S, Q = int(k.sum()), int((k * k).sum())
                c = 2 * S * n - n * Q + S * S
                if best_c is None or c < best_c:
                    best, best_c = delta, c
            case("optimal_bin_size",
                 {"spikes": r, "t_start": t_start, "t_stop": t_stop, "min_bins": min_bins,
                  "max_bins": max_bins}, best)

    # ------------------------------------------------------------------ 8-15, 20-24
    for r in all_trains:
        x = np.sort(val(r))
        i = isis(r)
        m = len(i)
        case("isi", {"spikes": r}, es.isi(x))
        case("isi_mean", {"spikes": r}, float(np.mean(i)) if m >= 1 else math.nan)
        case("isi_median", {"spikes": r}, float(np.median(i)) if m >= 1 else math.nan)
        case("isi_std", {"spikes": r}, float(np.std(i)) if m >= 2 else math.nan)
        with np.errstate(all="ignore"):
            case("coefficient_of_variation", {"spikes": r},
                 float(es.cv(i)) if m >= 2 else math.nan)
            case("cv2", {"spikes": r}, float(es.cv2(i, with_nan=True)))
            case("local_variation", {"spikes": r}, float(es.lv(i, with_nan=True)))
            for R in (0.0, 0.001, 0.005, 0.05):
                case("revised_local_variation", {"spikes": r, "refractory_period": R},
                     float(es.lvr(i * s, R=R * s, with_nan=True)))
            case("instantaneous_frequency", {"spikes": r}, 1.0 / i)
            for lag in (1, 2, 3):
                if m < lag + 2:
                    v = math.nan
                else:
                    a, b = i[:-lag], i[lag:]
                    v = math.nan if (np.var(a) == 0 or np.var(b) == 0) \
                        else float(np.corrcoef(a, b)[0, 1])
                case("isi_serial_correlation", {"spikes": r, "lag": lag}, v)
            case("adaptation_index", {"spikes": r},
                 float(np.mean(np.diff(i) / (i[1:] + i[:-1]))) if m >= 2 else math.nan)
        for R in (0.0, 0.002, 0.01, 0.1):
            case("refractory_violations", {"spikes": r, "refractory_period": R},
                 int(np.sum(i < R)))
        for t_start in (0.0, 0.35, -1.0, 5.0):
            after = x[x >= t_start]
            case("time_to_first_spike", {"spikes": r, "t_start": t_start},
                 float(after.min() - t_start) if len(after) else math.nan)

    # ------------------------------------------------------------------ 16 fano_factor
    ff_groups = [randoms[:5], [edge["empty"], edge["one"]], [edge["empty"], edge["empty"]], [],
                 randoms[5:12], [edge["dup"], edge["regular"], edge["negative"], edge["grid"]]]
    for g in ff_groups:
        for lo, hi in [(None, None), (0.2, 1.2), (None, 0.6)]:
            xs = []
            for r in g:
                x = val(r)
                if lo is not None:
                    x = x[x >= lo]
                if hi is not None:
                    x = x[x <= hi]
                xs.append(x)
            v = es.fanofactor(xs)
            case("fano_factor", {"trains": g, "t_start": lo, "t_stop": hi}, float(v))

    # ------------------------------------------------------------------ 17 fano_factor_binned
    for r in all_trains:
        x = val(r)
        for bin_size, t_start, t_stop in [(0.1, 0.0, None), (0.2, 0.0, 2.0), (0.07, 0.5, 1.5)]:
            hi = t_stop
            if hi is None:
                if len(x) == 0 or x.max() <= t_start:
                    continue
                hi = float(x.max())
            if math.floor((hi - t_start) / bin_size + 1e-8) < 1:
                continue
            k = bst_counts(np, pq, neo, conv, x, bin_size, t_start, hi).astype(float)
            v = math.nan if k.mean() == 0 else float(k.var() / k.mean())
            case("fano_factor_binned",
                 {"spikes": r, "bin_size": bin_size, "t_start": t_start, "t_stop": t_stop}, v)

    # ------------------------------------------------------------------ 18-19 ISI histograms
    for r in all_trains:
        i = isis(r)
        for bin_size, max_isi in [(0.01, 0.1), (0.05, 1.0), (0.1, 0.25), (0.1, 0.35), (0.02, 0.5)]:
            nb = int(round(max_isi / bin_size))
            edges = np.arange(nb + 1) * bin_size
            counts, _ = np.histogram(i, edges)
            case("isi_histogram", {"spikes": r, "bin_size": bin_size, "max_isi": max_isi},
                 [edges, counts.astype(np.int64)])
        for bpd, lo, hi in [(10, 1e-4, 10.0), (4, 1e-3, 1.0), (3, 0.005, 0.5)]:
            nb = int(round(bpd * math.log10(hi / lo)))
            edges = np.logspace(math.log10(lo), math.log10(hi), nb + 1)
            counts, _ = np.histogram(i, edges)
            case("log_isi_histogram",
                 {"spikes": r, "bins_per_decade": bpd, "min_isi": lo, "max_isi": hi},
                 [edges, counts.astype(np.int64)])

    meta = {
        "generator": "scripts/reference/analysis/rates.py",
        "elephant": elephant.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "neo": neo.__version__,
        "quantities": pq.__version__,
        "python": platform.python_version(),
    }
    doc = {"meta": meta, "trains": table.trains}
    doc.update(out)
    text = write_json(opts.out, doc)
    print(f"wrote {opts.out}: {len(text) // 1024} KB, "
          + ", ".join(f"{k} {len(v)}" for k, v in out.items()))


if __name__ == "__main__":
    main()
