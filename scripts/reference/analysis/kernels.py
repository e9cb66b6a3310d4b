#!/usr/bin/env python3
"""Reference values for catalogue family 8, "Kernels & smoothing" (functions 101-109).

Spec: the analysis catalogue (docs/analysis.md), family 8.  Every entry is checked against the
reference named in its "Ref:" line: Elephant 1.2.1's kernel classes for the seven kernels
and for kernel_density_rate (the kernels summed over the spikes), and a direct NumPy
transcription of the spec formula for exponential_trace (FORMULA).

How to run
----------
    # one-time: make a venv (default /tmp/analysis-venv), pip install
    # elephant==1.2.1 pyspike scipy numpy quantities neo, then re-run this script
    # with that venv's python
    python3 scripts/reference/analysis/kernels.py --install
    # Without --install the current python must import elephant and quantities.
    # Options: --venv PATH, --out FILE (default reference/analysis/kernels.json).

Output (JSON): {"meta": {...}, "trains": [...], "<function>": [{"args": {...},
"expected": ...}, ...]}.
* args use the Python argument names of the spec; None is null.  Arrays (spike trains and
  the time arrays t / times) are stored once in the top-level list "trains" (exactly as
  passed: some spike trains deliberately unsorted or with duplicates, G3); an argument holds
  "@k" for trains[k].  Values are rounded to 9 decimals, except the kernel support points
  +-sqrt(3) sigma etc., which are stored exactly (17 significant digits) because the spec
  makes the rectangular kernel 0 exactly there.
* Non-finite floats are written as the strings "nan", "inf", "-inf".
* expected: a list (one value per time).

Adapters
--------
* Kernels: `<Name>Kernel(sigma * pq.s[, invert=invert])(t * pq.s).magnitude` (1/s).
  AlphaKernel computes `(t >= 0) * 1/tau**2 * t * exp(-t/tau)`, which is 0 * inf = NaN
  where exp overflows on the zero side (t < -709 tau); the spec's value there is 0, which
  the script records (the only non-reference values).
* kernel_density_rate: the sum over the sorted spikes s_i of the Elephant kernel evaluated
  at `times - s_i` (one Elephant call per spike, accumulated in a float64 array).
* exponential_trace: for each time t, `sum(exp(-(t - s)/tau) for s in spikes if s <= t)`.
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402  (the script's own directory, above)
    Trains, arg_parser, default_out, parse_args, putter, write_with_table)

KERNELS = ["rectangular", "triangular", "epanechnikov_like", "gaussian", "laplacian",
           "exponential", "alpha"]


def main():
    opts = parse_args(arg_parser(__doc__, default_out("kernels")), __file__)

    import warnings
    import numpy as np
    import quantities as pq
    import elephant
    import scipy
    from elephant import kernels as ek

    warnings.simplefilter("ignore")
    classes = {
        "rectangular": ek.RectangularKernel, "triangular": ek.TriangularKernel,
        "epanechnikov_like": ek.EpanechnikovLikeKernel, "gaussian": ek.GaussianKernel,
        "laplacian": ek.LaplacianKernel, "exponential": ek.ExponentialKernel,
        "alpha": ek.AlphaKernel,
    }
    support = {"rectangular": math.sqrt(3), "triangular": math.sqrt(6),
               "epanechnikov_like": math.sqrt(5)}

    def kern(name, sigma, invert=False):
        if name in ("exponential", "alpha"):
            return classes[name](sigma=sigma * pq.s, invert=invert)
        return classes[name](sigma=sigma * pq.s)

    def evaluate(name, sigma, t, invert=False):
        t = np.asarray(t, dtype=float)
        v = np.asarray(kern(name, sigma, invert)(t * pq.s).magnitude, dtype=float)
        if name == "alpha":
            zero_side = (t > 0) if invert else (t < 0)
            v = np.where(zero_side & np.isnan(v), 0.0, v)  # Elephant's 0 * inf
        assert not np.isnan(v).any(), name
        return v

    rng = np.random.default_rng(20240808)
    table = Trains()
    out = {"meta": {
        "generator": "scripts/reference/analysis/kernels.py",
        "elephant": elephant.__version__, "scipy": scipy.__version__,
        "numpy": np.__version__, "quantities": pq.__version__,
        "python": sys.version.split()[0],
    }}

    put = putter(out)

    # ---------------------------------------------------------------- 101-107: kernels
    grid = np.round(np.linspace(-0.3, 0.3, 61), 9)
    t_common = table.add(np.concatenate([grid, [0.0, -0.0, 1e-9, -1e-9, 5.0, -5.0]]))
    t_random = table.add(rng.normal(0, 0.5, 40))
    t_wide = table.add(np.linspace(-40, 40, 33))
    t_empty = table.add([])
    for name in KERNELS:
        fn = f"{name}_kernel"
        inverts = [False, True] if name in ("exponential", "alpha") else [None]
        for sigma in [0.001, 0.05, 0.1, 1.0, 3.7]:
            ts = [t_common, t_random, t_wide] if sigma in (0.05, 1.0) else [t_common]
            if name in support:
                # exactly at and next to the edge of the support, +-tau
                tau = support[name] * sigma
                edge = [tau, -tau, np.nextafter(tau, 0), np.nextafter(-tau, 0),
                        np.nextafter(tau, 1e9), 0.5 * tau]
                ts = ts + [table.add(edge, exact=True)]
            for t in ts:
                for inv in inverts:
                    args = {"t": t, "sigma": sigma}
                    if inv is not None:
                        args["invert"] = inv
                    put(fn, args, evaluate(name, sigma, table.get(t), bool(inv)))
        put(fn, dict({"t": t_empty, "sigma": 0.1},
                     **({"invert": False} if name in ("exponential", "alpha") else {})), [])

    # ---------------------------------------------------------------- 108: kernel density rate
    def poisson(rate, t0, t1):
        n = rng.poisson(rate * (t1 - t0))
        return np.sort(rng.uniform(t0, t1, n))

    trains = {
        "empty": table.add([]),
        "one": table.add([0.5]),
        "p20": table.add(poisson(20, 0, 2)),
        "dup_shuffled": table.add(rng.permutation(np.concatenate([[0.3, 0.3, 0.3],
                                                                  poisson(15, 0, 1)]))),
        "burst": table.add(np.concatenate([0.1 + 0.002 * np.arange(10), [0.5, 0.9]])),
        "neg": table.add(poisson(10, -1, 1)),
    }
    times = {
        "grid": table.add(np.linspace(-0.2, 2.2, 61)),
        "spikes": None,  # the train's own spike times (kernel edges and t = t_i)
        "shuffled": table.add(rng.uniform(-1.5, 2.5, 50)),
    }
    for tname, tr in trains.items():
        x = np.sort(table.get(tr))
        for which, tref in times.items():
            if which == "spikes":
                if len(x) == 0:
                    continue
                tref = table.add(np.concatenate([x, x + 0.001]))
            tt = table.get(tref)
            for kname in KERNELS:
                two = which == "grid" and tname in ("p20", "dup_shuffled")
                for sigma in ([0.005, 0.05] if two else [0.05] if which == "grid" else [0.02]):
                    acc = np.zeros(len(tt))
                    for s in x:
                        acc += evaluate(kname, sigma, tt - s)
                    put("kernel_density_rate",
                        {"spikes": tr, "times": tref, "sigma": sigma, "kernel": kname}, acc)

    # ---------------------------------------------------------------- 109: exponential trace
    def trace(x, tau, tt):
        return np.array([sum(math.exp(-(t - s) / tau) for s in x if s <= t) for t in tt])

    for tname, tr in trains.items():
        x = np.sort(table.get(tr))
        own = table.add(np.concatenate([x, x - 1e-4, x + 0.003])) if len(x) else times["grid"]
        for tref in [times["grid"], times["shuffled"], own]:
            for tau in ([0.001, 0.02, 0.5, 10.0] if tref == own else [0.02, 0.5]):
                put("exponential_trace", {"spikes": tr, "tau": tau, "times": tref},
                    trace(x, tau, table.get(tref)))
    long_x = table.add(poisson(200, 0, 10))
    long_t = table.add(np.linspace(0, 10, 129))
    for tau in [0.005, 1.0]:
        put("exponential_trace", {"spikes": long_x, "tau": tau, "times": long_t},
            trace(np.sort(table.get(long_x)), tau, table.get(long_t)))

    write_with_table(opts.out, out, table)


if __name__ == "__main__":
    main()
