#!/usr/bin/env python3
"""Reference values for catalogue family 7, "Spike-triggered & spike-signal" (93-100).

Spec: the analysis catalogue (docs/analysis.md), family 7.  LIB entries are checked against
Elephant 1.2.1 (spike_triggered_average, spike_field_coherence, spike_triggered_phase with
hilbert(padding='nextpow'), phase_locking_value, mean_phase_vector) and SciPy
(vectorstrength); the FORMULA entries (spike_triggered_covariance, rayleigh_test) against
the direct NumPy transcriptions below.

How to run
----------
    # one-time: make a venv (default /tmp/analysis-venv), pip install
    # elephant==1.2.1 pyspike scipy numpy quantities neo, then re-run this script
    # with that venv's python
    python3 scripts/reference/analysis/spike_triggered.py --install
    # Without --install the current python must import elephant, neo, quantities, scipy.
    # Options: --venv PATH, --out FILE (default reference/analysis/spike_triggered.json).

Output (JSON): {"meta": {...}, "trains": [...], "<function>": [{"args": {...},
"expected": ...}, ...]}.
* args use the Python argument names of the spec.  Spike trains, signals and phase arrays
  are stored once in the top-level list "trains" (spike trains exactly as passed: some
  deliberately unsorted, G3); an argument holds "@k" for trains[k].  Spike times are rounded
  to 9 decimals, signal and phase values to 12 significant digits.  `window` is [w0, w1].
* Non-finite floats are written as the strings "nan", "inf", "-inf"; null marks a value
  that is not compared (see below).
* expected: a number; a list; [lags, sta] for the STA; a matrix (list of rows) for the
  STC; {"n", "df", "coherence"} for spike_field_coherence (freqs are k*df); [angle, length],
  [strength, phase] and [z, p] for the pairs.

Adapters
--------
* Signals: `neo.AnalogSignal(signal[:, None] * mV, sampling_rate=fs * Hz,
  t_start=signal_t_start * s)`; spike trains: `neo.SpikeTrain(sorted spikes inside the
  signal span * s, t_start, t_stop = signal span)` (Elephant refuses trains that extend
  beyond the signal; the spec ignores such spikes, which the Rust tests check separately).
* spike_triggered_average: `spike_triggered_average(sig, st, (w0 * s, w1 * s))`; lags are
  `w0 + k/fs`.
* spike_field_coherence: `spike_field_coherence(sig, st, nperseg=..., window=...)`; bins
  where the Welch PSD of the binned train or of the signal is below 1e-8 of its maximum are
  not compared (null: 0/0 of rounding residues).
* spike_triggered_phase: `spike_triggered_phase(hilbert(sig, padding='nextpow'), st,
  interpolate)[0]` (Elephant fails on an empty train; that case is checked in Rust).
  Elephant's sample index is `int((s - t0) / sampling_period)`, the spec's
  `int((s - t0) * fs)`; for a spike exactly on a sample the two can differ by one (a 1-ulp
  tie).  With interpolate=False the script records the phase of Elephant's analytic signal
  at the spec's index (meta "spike_triggered_phase_index_ties" counts the values where this
  differs from Elephant's output); with interpolation both indices give the same phase.
* phase_locking_value / mean_phase_vector: Elephant on the 1-D arrays.
* vector_strength: `scipy.signal.vectorstrength(spikes, period)`.
"""

import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402  (the script's own directory, above)
    Trains, arg_parser, default_out, parse_args, putter, write_with_table)


def main():
    opts = parse_args(arg_parser(__doc__, default_out("spike_triggered")), __file__)

    import logging
    import warnings
    import numpy as np
    import quantities as pq
    import neo
    import scipy
    import scipy.signal
    import elephant
    from elephant import sta as esta
    from elephant import phase_analysis as epa
    from elephant.signal_processing import hilbert
    from elephant.conversion import BinnedSpikeTrain

    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    rng = np.random.default_rng(20241111)
    table = Trains()
    out = {"meta": {
        "generator": "scripts/reference/analysis/spike_triggered.py",
        "elephant": elephant.__version__, "scipy": scipy.__version__,
        "numpy": np.__version__, "python": sys.version.split()[0],
    }}

    put = putter(out)

    # signals: (name, fs, t0, n)
    def make_signal(fs, n, f0):
        t = np.arange(n) / fs
        return (np.sin(2 * np.pi * f0 * t) + 0.3 * np.sin(2 * np.pi * 3.1 * f0 * t + 0.4)
                + 0.5 * rng.normal(0, 1, n))

    signals = {
        "s1000": (1000.0, 0.0, make_signal(1000.0, 1500, 8.0)),
        "s1000_t0": (1000.0, 0.25, make_signal(1000.0, 1024, 12.0)),
        "s250": (250.0, -1.0, make_signal(250.0, 777, 5.0)),
        "s_short": (100.0, 0.0, make_signal(100.0, 37, 6.0)),
    }
    sig_ref = {k: table.add(v[2], digits=12) for k, v in signals.items()}

    def neo_signal(name):
        fs, t0, _ = signals[name]
        x = table.get(sig_ref[name])
        return neo.AnalogSignal(x[:, None] * pq.mV, sampling_rate=fs * pq.Hz, t_start=t0 * pq.s)

    def span(name):
        fs, t0, _ = signals[name]
        return t0, t0 + len(table.get(sig_ref[name])) / fs

    def neo_train(ref_, name):
        t0, t1 = span(name)
        x = np.sort(table.get(ref_))
        x = x[(x >= t0) & (x <= t1)]
        return neo.SpikeTrain(x * pq.s, t_start=t0 * pq.s, t_stop=t1 * pq.s)

    # spike trains per signal (inside the span, some on exact samples, one shuffled)
    trains = {}
    for name, (fs, t0, x) in signals.items():
        a, b = span(name)
        n = len(x)
        spikes = np.sort(rng.uniform(a, b, max(3, n // 40)))
        on_samples = a + rng.choice(n, size=min(10, n), replace=False) / fs
        locked = a + (np.arange(0, n, max(1, int(fs / 8.0))) + 0.5) / fs  # phase-locked-ish
        trains[name] = {
            "rand": table.add(spikes),
            "shuffled": table.add(rng.permutation(np.concatenate([spikes[:20], on_samples]))),
            "locked": table.add(locked[locked < b]),
            "edges": table.add([a, a + 0.5 / fs, b - 0.5 / fs, b]),
        }
    empty = table.add([])

    # ---------------------------------------------------------------- 93, 94
    def segments(x, fs, t0, n, w0, w1, sp):
        nb = int(np.ceil((w1 - w0) * fs))
        t_end = t0 + n / fs
        out_s = []
        for s in np.sort(sp):
            if s + w0 >= t0 and s + w1 <= t_end:
                start = int(np.floor((s + w0 - t0) * fs))
                if start + nb <= n:
                    out_s.append(x[start:start + nb])
        return np.array(out_s).reshape(-1, nb), nb

    for name, (fs, t0, _) in signals.items():
        x = table.get(sig_ref[name])
        windows = [(-0.01, 0.02), (0.0, 0.005), (-0.05, -0.01), (-0.0123, 0.0311)]
        if name == "s_short":
            windows = [(-0.05, 0.05), (0.0, 0.3)]
        for tname, tr in list(trains[name].items()) + [("empty", empty)]:
            for w0, w1 in windows:
                args = {"signal": sig_ref[name], "sampling_rate": fs, "spikes": tr,
                        "window": [w0, w1], "signal_t_start": t0}
                sta = esta.spike_triggered_average(neo_signal(name), neo_train(tr, name),
                                                   (w0 * pq.s, w1 * pq.s))
                nb = sta.shape[0]
                lags = w0 + np.arange(nb) / fs
                put("spike_triggered_average", args, [lags, np.asarray(sta.magnitude)[:, 0]])
                if tname in ("rand", "empty") or (tname == "edges" and w1 - w0 < 0.03):
                    seg, nb = segments(x, fs, t0, len(x), w0, w1, table.get(tr))
                    if len(seg) < 2:
                        cov = np.full((nb, nb), np.nan)
                    else:
                        cov = np.atleast_2d(np.cov(seg, rowvar=False, ddof=1))
                    if nb <= 12 or (name == "s1000" and tname == "rand" and w0 == -0.01):
                        put("spike_triggered_covariance", args, cov)

    # ---------------------------------------------------------------- 95
    for name, (fs, t0, _) in signals.items():
        for tname in ["rand", "locked"]:
            tr = trains[name][tname]
            for nperseg, win in [(256, "hann"), (64, "hamming"), (100, "boxcar")]:
                sig = neo_signal(name)
                st = neo_train(tr, name)
                sfc, freqs = esta.spike_field_coherence(sig, st, nperseg=nperseg, window=win)
                sfc = np.asarray(sfc.magnitude)[:, 0]
                # conditioning mask from the two Welch PSDs
                b = BinnedSpikeTrain(st, bin_size=sig.sampling_period).to_array()[0]
                counts = np.zeros(len(sig))
                counts[:len(b)] = b
                kw = dict(fs=fs, nperseg=min(nperseg, len(sig)), window=win)
                _, pxx = scipy.signal.welch(counts, **kw)
                _, pyy = scipy.signal.welch(np.asarray(sig.magnitude)[:, 0], **kw)
                bad = (pxx < 1e-8 * pxx.max()) | (pyy < 1e-8 * pyy.max())
                coh = [None if bd else float(v) for bd, v in zip(bad, sfc)]
                put("spike_field_coherence",
                    {"signal": sig_ref[name], "sampling_rate": fs, "spikes": tr,
                     "signal_t_start": t0, "nperseg": nperseg, "window": win},
                    {"n": len(freqs), "df": float(freqs.magnitude[1]), "coherence": coh})

    # ---------------------------------------------------------------- 96
    adjusted = 0
    for name, (fs, t0, _) in signals.items():
        h = hilbert(neo_signal(name), padding="nextpow")
        hmag = np.asarray(h.magnitude)[:, 0]
        for tname, tr in trains[name].items():
            for interp in [True, False]:
                ph = epa.spike_triggered_phase(h, neo_train(tr, name), interpolate=interp)[0][0]
                ph = np.array(ph, dtype=float)
                if not interp:
                    # The spec's sample index int((s - t0) * fs); Elephant divides by the
                    # sampling period, which differs by one sample for some spikes exactly
                    # on a sample (a 1-ulp tie).  Those take the phase of Elephant's own
                    # analytic signal at the spec's index.
                    st = np.asarray(neo_train(tr, name).magnitude)
                    st = st[(st >= span(name)[0]) & (st < span(name)[1])]
                    idx = ((st - t0) * fs).astype(int)
                    spec = np.angle(hmag[np.minimum(idx, len(hmag) - 1)])
                    adjusted += int(np.sum(spec != ph))
                    ph = spec
                put("spike_triggered_phase",
                    {"signal": sig_ref[name], "sampling_rate": fs, "spikes": tr,
                     "signal_t_start": t0, "interpolate": interp}, ph)
    out["meta"]["spike_triggered_phase_index_ties"] = adjusted

    # ---------------------------------------------------------------- 97-100
    phase_sets = {
        "uniform": rng.uniform(-np.pi, np.pi, 200),
        "locked": rng.vonmises(0.7, 4.0, 150),
        "wide": rng.uniform(-30, 30, 50),
        "one": [1.234],
        "two_opposite": [0.0, np.pi],
        "empty": [],
        "locked_b": rng.vonmises(-1.1, 2.0, 150),
    }
    pref = {k: table.add(v, digits=12) for k, v in phase_sets.items()}
    for a, b in [("uniform", "uniform"), ("locked", "locked_b"), ("one", "one"),
                 ("empty", "empty"), ("two_opposite", "two_opposite")]:
        if a == "uniform":
            b_ref = table.add(table.get(pref["uniform"]) + rng.normal(0, 0.3, 200), digits=12)
        else:
            b_ref = pref[b]
        pa, pb = table.get(pref[a]), table.get(b_ref)
        v = epa.phase_locking_value(pa, pb) if len(pa) else math.nan
        put("phase_locking_value", {"phases_a": pref[a], "phases_b": b_ref}, float(v))
    for k, r in pref.items():
        p = table.get(r)
        if len(p):
            th, ln = epa.mean_phase_vector(p)
            put("mean_phase_vector", {"phases": r}, [float(th), float(ln)])
        else:
            put("mean_phase_vector", {"phases": r}, [math.nan, math.nan])
        n = len(p)
        if n == 0:
            put("rayleigh_test", {"phases": r}, [math.nan, math.nan])
        else:
            R = abs(np.sum(np.exp(1j * p)))
            z = R * R / n
            pv = math.exp(math.sqrt(1 + 4 * n + 4 * (n * n - R * R)) - (1 + 2 * n))
            put("rayleigh_test", {"phases": r}, [z, min(max(pv, 0.0), 1.0)])
    vs_trains = [trains["s1000"]["rand"], trains["s1000"]["locked"], trains["s250"]["shuffled"],
                 empty, table.add([0.1]), table.add(np.sort(rng.uniform(0, 500, 300)))]
    for tr in vs_trains:
        for period in [0.125, 0.01, 1.0, 0.0333]:
            x = table.get(tr)
            if len(x) == 0:
                put("vector_strength", {"spikes": tr, "period": period}, [math.nan, math.nan])
                continue
            s, p = scipy.signal.vectorstrength(x, period)
            put("vector_strength", {"spikes": tr, "period": period}, [float(s), float(p)])

    write_with_table(opts.out, out, table)


if __name__ == "__main__":
    main()
