#!/usr/bin/env python3
"""Reference values for catalogue family 4, "Spectral" (functions 64-69).

Spec: the analysis catalogue (docs/analysis.md), family 4.  Every entry is LIB: Elephant 1.2.1
(welch_psd, welch_coherence, multitaper_psd, multitaper_coherence) or SciPy
(periodogram, csd with Elephant's segment rule), applied to the binned rate
r = counts / bin_size, fs = 1 / bin_size, with the G6 counts from Elephant's
`BinnedSpikeTrain(tolerance=1e-8)`.

How to run
----------
    # one-time: make a venv (default /tmp/analysis-venv), pip install
    # elephant==1.2.1 pyspike scipy numpy quantities neo, then re-run this script
    # with that venv's python
    python3 scripts/reference/analysis/spectral.py --install
    # Without --install the current python must import elephant, neo, quantities, scipy.
    # Options: --venv PATH, --out FILE (default reference/analysis/spectral.json).

Output (JSON): {"meta": {...}, "trains": [...], "<function>": [{"args": {...},
"expected": ...}, ...]}.
* args use the Python argument names of the spec; None is null.  Spike trains are stored
  once in the top-level list "trains" (exactly as passed: some deliberately unsorted or with
  duplicates, G3); an argument holds "@k" for trains[k].  Spike times are rounded to 9
  decimals.
* Non-finite floats are written as the strings "nan", "inf", "-inf"; null marks a value
  that is not compared (see below).
* expected: {"n": number of frequencies, "df": freqs[1] (freqs are k*df; the full freqs
  array is stored as "freqs" for a few cases), and the arrays of the tuple by name: "psd";
  "coherence" and "phase_lag"; "re" and "im" for spike_train_csd}.  Values are stored
  with 10 significant digits (the tests use rtol >= 1e-7).

Adapters and masks
------------------
* r: `BinnedSpikeTrain(neo.SpikeTrain(x[t_start <= x <= t_stop] * s, t_start, t_stop),
  bin_size * s, tolerance=1e-8).to_array()[0] / bin_size`, x the sorted train; t_stop = None
  is the largest spike over the trains passed.
* spike_train_psd: `welch_psd(r, n_segments, overlap=overlap, fs=fs, window=window)`.
* spike_train_periodogram: `scipy.signal.periodogram(r, fs, window, detrend='constant',
  scaling='density')`.
* spike_train_coherence: `welch_coherence(r_a, r_b, n_segments, overlap=..., fs=...,
  window=...)`.
* spike_train_csd: `scipy.signal.csd(r_a, r_b, fs, window, nperseg, noverlap,
  detrend='constant', scaling='density')` with Elephant's nperseg / noverlap rule.
* multitaper_psd / multitaper_coherence: `multitaper_psd(r, fs=fs, nw=nw,
  num_tapers=num_tapers)` (flattened) / `multitaper_coherence(r_a, r_b, fs=fs, nw=nw,
  num_tapers=num_tapers)`.  Elephant averages the multitaper cross-spectra in complex64,
  so its coherence and phase carry ~1e-7 relative rounding (the tests allow for it).
* Coherence and phase at ill-conditioned frequencies are not compared (null): where a PSD
  is below 1e-8 of its maximum (e.g. the DC bin after mean removal with a boxcar window:
  0/0 of rounding residues), and for the phase also where the coherence is below 1e-4
  (the angle of a rounding-sized cross-spectrum).  Trains with an all-zero PSD keep their
  NaN coherence (the spec value) and are compared.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402  (the script's own directory, above)
    Trains, arg_parser, default_out, parse_args, putter, write_with_table)


def main():
    opts = parse_args(arg_parser(__doc__, default_out("spectral")), __file__)

    import logging
    import warnings
    import numpy as np
    import quantities as pq
    import neo
    import scipy
    import scipy.signal
    import elephant
    from elephant import spectral as es
    from elephant.conversion import BinnedSpikeTrain

    warnings.simplefilter("ignore")
    logging.disable(logging.WARNING)
    rng = np.random.default_rng(20241010)
    table = Trains()
    out = {"meta": {
        "generator": "scripts/reference/analysis/spectral.py",
        "elephant": elephant.__version__, "scipy": scipy.__version__,
        "numpy": np.__version__, "python": sys.version.split()[0],
    }}

    put = putter(out)

    def poisson(rate, t0, t1):
        n = rng.poisson(rate * (t1 - t0))
        return np.sort(rng.uniform(t0, t1, n))

    def modulated(rate, f, depth, t0, t1):
        x = poisson(rate * (1 + depth), t0, t1)
        keep = rng.uniform(0, 1, len(x)) < (1 + depth * np.sin(2 * np.pi * f * x)) / (1 + depth)
        return x[keep]

    shared = poisson(15, 0, 2)
    named = {
        "empty": [],
        "p30": poisson(30, 0, 2),
        "osc": modulated(40, 20, 0.9, 0, 2),
        "osc_lag": None,  # filled below
        "corr_a": np.sort(np.concatenate([shared, poisson(10, 0, 2)])),
        "corr_b": np.sort(np.concatenate([shared + 0.004, poisson(10, 0, 2)])),
        "dup_shuffled": rng.permutation(np.concatenate([[0.5, 0.5, 1.0], poisson(25, 0, 2)])),
        "neg": poisson(30, -1, 1),
        "neg_b": poisson(20, -1, 1),
        "long": poisson(50, 0, 10),
    }
    named["osc_lag"] = np.sort(np.clip(named["osc"] + 0.01 + rng.normal(0, 0.002,
                                                                         len(named["osc"])),
                                       0, 2))
    ref = {k: table.add(v) for k, v in named.items()}

    def rates(refs, bin_size, t0, t1):
        xs = [np.sort(table.get(r)) for r in refs]
        stop = max(float(x[-1]) for x in xs if len(x)) if t1 is None else t1
        out_r = []
        for x in xs:
            st = neo.SpikeTrain(x[(x >= t0) & (x <= stop)] * pq.s, t_start=t0 * pq.s,
                                t_stop=stop * pq.s)
            b = BinnedSpikeTrain(st, bin_size=bin_size * pq.s, tolerance=1e-8)
            out_r.append(np.asarray(b.to_array()[0], dtype=float) / bin_size)
        return out_r, 1.0 / bin_size

    def segs(L, n_segments, overlap):
        nperseg = int(L / (n_segments - overlap * (n_segments - 1)))
        return nperseg, int(nperseg * overlap)

    def freq_info(freqs, full):
        d = {"n": len(freqs), "df": float(freqs[1]) if len(freqs) > 1 else 0.0}
        if full:
            d["freqs"] = freqs
        return d

    def masked_coherence(coh, phase, pxx, pyy):
        coh = np.array(coh, dtype=float)
        phase = np.array(phase, dtype=float)
        if pxx.max() == 0 or pyy.max() == 0:
            return list(coh), list(phase)  # NaN everywhere: the spec value
        bad = (pxx < 1e-8 * pxx.max()) | (pyy < 1e-8 * pyy.max())
        c = [None if b else v for b, v in zip(bad, coh)]
        p = [None if b or cv < 1e-4 else v for b, cv, v in zip(bad, coh, phase)]
        return c, p

    singles = [("p30", 0.005, 0.0, None), ("osc", 0.004, 0.0, 2.0), ("osc", 0.01, 0.0, 2.0),
               ("dup_shuffled", 0.004, 0.0, 2.0), ("neg", 0.003, -1.0, 1.0),
               ("empty", 0.01, 0.0, 1.0), ("long", 0.02, 0.0, 10.0), ("p30", 0.003, 0.25, 1.9)]
    pairs = [("corr_a", "corr_b", 0.004, 0.0, 2.0), ("osc", "osc_lag", 0.004, 0.0, None),
             ("p30", "empty", 0.01, 0.0, 2.0), ("neg", "neg_b", 0.005, -1.0, 1.0),
             ("dup_shuffled", "corr_b", 0.003, 0.0, 2.0)]
    first = True

    # ---------------------------------------------------------------- 64, 65
    for name, bs, t0, t1 in singles:
        (r,), fs = rates([ref[name]], bs, t0, t1)
        for n_seg, ov, win in [(8, 0.5, "hann"), (4, 0.0, "boxcar"), (3, 0.25, "hamming"),
                               (1, 0.5, "blackman"), (16, 0.75, "bartlett"), (5, 0.5, "flattop")]:
            if len(r) < n_seg:
                continue
            f, p = es.welch_psd(r, n_segments=n_seg, overlap=ov, fs=fs, window=win)
            put("spike_train_psd", {"spikes": ref[name], "bin_size": bs, "t_start": t0,
                                    "t_stop": t1, "n_segments": n_seg, "overlap": ov,
                                    "window": win},
                dict(freq_info(f, first), psd=p))
            first = False
        for win in (["boxcar", "hann"] if name != "long" else []):
            f, p = scipy.signal.periodogram(r, fs, window=win, detrend="constant",
                                            scaling="density")
            put("spike_train_periodogram", {"spikes": ref[name], "bin_size": bs, "t_start": t0,
                                            "t_stop": t1, "window": win},
                dict(freq_info(f, win == "hann"), psd=p))

    # ---------------------------------------------------------------- 66, 67
    for a, b, bs, t0, t1 in pairs:
        (ra, rb), fs = rates([ref[a], ref[b]], bs, t0, t1)
        for n_seg, ov, win in [(8, 0.5, "hann"), (4, 0.0, "boxcar"), (6, 0.3, "hamming")]:
            args = {"spikes_a": ref[a], "spikes_b": ref[b], "bin_size": bs, "t_start": t0,
                    "t_stop": t1, "n_segments": n_seg, "overlap": ov, "window": win}
            f, coh, ph = es.welch_coherence(ra, rb, n_segments=n_seg, overlap=ov, fs=fs,
                                            window=win)
            nperseg, noverlap = segs(len(ra), n_seg, ov)
            kw = dict(fs=fs, window=win, nperseg=nperseg, noverlap=noverlap,
                      detrend="constant", scaling="density")
            _, pxx = scipy.signal.welch(ra, **kw)
            _, pyy = scipy.signal.welch(rb, **kw)
            c, p = masked_coherence(coh, ph, pxx, pyy)
            put("spike_train_coherence", args,
                dict(freq_info(f, n_seg == 8), coherence=c, phase_lag=p))
            f, pxy = scipy.signal.csd(ra, rb, **kw)
            put("spike_train_csd", args, dict(freq_info(f, False), re=pxy.real, im=pxy.imag))

    # ---------------------------------------------------------------- 68, 69
    for name, bs, t0, t1 in singles[:6]:
        (r,), fs = rates([ref[name]], bs, t0, t1)
        for nw, k in [(4.0, None), (3.0, 2), (1.0, None)] + ([(6.0, 4)] if len(r) < 300 else []):
            f, p = es.multitaper_psd(r, fs=fs, nw=nw, num_tapers=k)
            put("multitaper_psd", {"spikes": ref[name], "bin_size": bs, "t_start": t0,
                                   "t_stop": t1, "nw": nw, "num_tapers": k},
                dict(freq_info(f, k == 2), psd=np.asarray(p).ravel()))
    for a, b, bs, t0, t1 in pairs:
        (ra, rb), fs = rates([ref[a], ref[b]], bs, t0, t1)
        for nw, k in [(4.0, None), (2.0, 2)]:
            f, coh, ph = es.multitaper_coherence(ra, rb, fs=fs, nw=nw, num_tapers=k)
            _, pxx = es.multitaper_psd(ra, fs=fs, nw=nw, num_tapers=k)
            _, pyy = es.multitaper_psd(rb, fs=fs, nw=nw, num_tapers=k)
            c, p = masked_coherence(coh, ph, np.asarray(pxx).ravel(), np.asarray(pyy).ravel())
            put("multitaper_coherence", {"spikes_a": ref[a], "spikes_b": ref[b],
                                         "bin_size": bs, "t_start": t0, "t_stop": t1,
                                         "nw": nw, "num_tapers": k},
                dict(freq_info(f, False), coherence=c, phase_lag=p))

    write_with_table(opts.out, out, table, digits=10)


if __name__ == "__main__":
    main()
