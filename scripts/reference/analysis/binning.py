#!/usr/bin/env python3
"""Reference values for catalogue family 10, "Binning & utilities" (functions 121-127).

Spec: the analysis catalogue (docs/analysis.md), family 10.  Every entry is checked against the
reference named in its "Ref:" line: Elephant 1.2.1's BinnedSpikeTrain (counts, matrix,
bool array, bin edges), Neo's SpikeTrain.time_slice, PySpike's merge_spike_trains, and a
NumPy transcription of the spec formula for discretise_spike_times (cross-checked against
Elephant's discretise_spiketimes where the two are meant to agree).

How to run
----------
    # one-time: make a venv (default /tmp/analysis-venv), pip install
    # elephant==1.2.1 pyspike scipy numpy quantities neo, then re-run this script
    # with that venv's python
    python3 scripts/reference/analysis/binning.py --install
    # Without --install the current python must import elephant, neo, pyspike, quantities.
    # Options: --venv PATH, --out FILE (default reference/analysis/binning.json).

Output (JSON): {"meta": {...}, "trains": [...], "<function>": [{"args": {...},
"expected": ...}, ...]}, with the conventions of the other family files: spike trains are
stored once in "trains" and referenced as "@k" (some unsorted, some with duplicates; times
rounded to 9 decimals), None is null, non-finite floats are "nan"/"inf"/"-inf".
expected: a list (counts, bools, edges, spike times) or a list of rows (matrix).

Adapters
--------
* BinnedSpikeTrain: the trains sorted and time-sliced to the window (G5), as
  `neo.SpikeTrain(x * s, t_start, t_stop)`, then
  `BinnedSpikeTrain(st, bin_size=b * s, t_start=..., t_stop=..., tolerance=1e-8)`;
  t_stop=None is the largest spike over all trains.  The script also checks the counts
  against its own transcription of G6.
* bin_edges: `BinnedSpikeTrain(<empty train on [t_start, t_stop]>, ...).bin_edges`.
* time_slice: `neo.SpikeTrain(sorted x, t_start=min(x, t_start), t_stop=max(x, t_stop))
  .time_slice(t_start, t_stop)` (Neo needs the spikes inside the train's own window).
* merge_spike_trains: `pyspike.merge_spike_trains([pyspike.SpikeTrain(sorted x, (lo, hi))])
  .spikes` (PySpike needs at least one train; the empty list is tested in Rust).
* discretise_spike_times: `floor(t*fs + 1e-8) / fs`, sorted, values below t_start set to
  t_start.  Where every spike is >= t_start and no spike sits on the sampling grid the script
  asserts that Elephant's `discretise_spiketimes` gives the same array; on the grid Elephant
  computes `t // (1/fs) / fs`, which maps 0.5 s at 1 kHz to 0.499 s (Appendix B), and the
  spec value is recorded.
"""

import os
import platform
import sys
import warnings

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from _common import (  # noqa: E402  (the script's own directory, above)
    Trains, arg_parser, default_out, floor_tol, g6_counts, parse_args, putter, write_json)


def main():
    opts = parse_args(arg_parser(__doc__, default_out("binning")), __file__)

    import numpy as np
    import quantities as pq
    import neo
    import elephant
    import pyspike
    from elephant import conversion as conv

    warnings.filterwarnings("ignore")
    import logging
    logging.disable(logging.WARNING)  # Elephant's "Correcting a rounding error" notes
    s = pq.s

    table = Trains(dedupe=True)
    add, val = table.add, table.get

    rs = np.random.RandomState(20240612)

    def poisson(n, t0=0.0, t1=2.0):
        x = np.round(rs.uniform(t0, t1, n), 9)
        rs.shuffle(x)
        return x

    edge = {
        "empty": add([]),
        "one": add([0.37]),
        "dup": add([0.3, 0.1, 0.1]),
        "grid": add([0.3, 0.0, 0.1, 0.2, 0.2, 1.0, 0.9, 0.5, 0.7]),  # on 0.1 s edges
        "ten": add([10.0, 0.3, 9.9, 3.3, 0.6]),  # 10 s with 0.3 s bins: 33 bins
        "negative": add([-0.5, 0.8, -0.1, 0.2, 1.7]),
        "ms_grid": add([0.5, 0.001, 0.25, 0.999, 0.1235, 0.75]),
    }
    randoms = [add(poisson(n)) for n in (3, 10, 50, 200)]
    dupl = poisson(30)
    randoms.append(add(np.concatenate([dupl, dupl[:7]])))
    all_trains = list(edge.values()) + randoms

    out = {}
    case = putter(out)

    def window_of(xs, t_start, t_stop):
        if t_stop is not None:
            return t_stop
        nonempty = [x for x in xs if len(x)]
        if not nonempty:
            return None
        hi = max(float(x.max()) for x in nonempty)
        return hi if hi > t_start else None

    def bst(xs, bin_size, t_start, hi):
        sts = []
        for x in xs:
            x = np.sort(x)
            x = x[(x >= t_start) & (x <= hi)]
            sts.append(neo.SpikeTrain(x * s, t_start=t_start * s, t_stop=hi * s))
        b = conv.BinnedSpikeTrain(sts, bin_size=bin_size * s, t_start=t_start * s,
                                  t_stop=hi * s, tolerance=1e-8)
        counts = b.to_array().astype(np.int64)
        for x, row in zip(xs, counts):
            assert np.array_equal(row, g6_counts(np, x, bin_size, t_start, hi))
        return b, counts

    # ------------------------------------------------------------ 121, 123 counts, binarize
    settings = [(0.1, 0.0, None), (0.1, 0.0, 1.0), (0.3, 0.0, 10.0), (0.25, 0.2, 2.2),
                (0.05, 0.0, 2.0), (0.07, -0.5, 1.0), (0.001, 0.0, 0.1), (1.0, 0.0, 1.5)]
    for r in all_trains:
        x = val(r)
        for bin_size, t_start, t_stop in settings:
            hi = window_of([x], t_start, t_stop)
            if hi is None or floor_tol((hi - t_start) / bin_size) < 1:
                continue
            b, counts = bst([x], bin_size, t_start, hi)
            args = {"spikes": r, "bin_size": bin_size, "t_start": t_start, "t_stop": t_stop}
            case("binned_spike_counts", args, counts[0])
            case("binarize", args, b.to_bool_array()[0])

    # ------------------------------------------------------------ 122 matrix
    groups = [randoms[:3], [edge["empty"], randoms[3], edge["one"]], [edge["grid"], edge["dup"]],
              [edge["negative"], edge["ms_grid"], randoms[4]], [edge["ten"]]]
    for g in groups:
        xs = [val(r) for r in g]
        for bin_size, t_start, t_stop in [(0.1, 0.0, None), (0.2, 0.0, 2.0), (0.3, 0.05, 1.3)]:
            hi = window_of(xs, t_start, t_stop)
            if hi is None or floor_tol((hi - t_start) / bin_size) < 1:
                continue
            _, counts = bst(xs, bin_size, t_start, hi)
            case("binned_spike_matrix",
                 {"trains": g, "bin_size": bin_size, "t_start": t_start, "t_stop": t_stop},
                 counts)

    # ------------------------------------------------------------ 124 bin_edges
    for t_start, t_stop, bin_size in [(0.0, 1.0, 0.1), (0.0, 10.0, 0.3), (0.25, 1.3, 0.05),
                                      (-1.0, 1.0, 0.3), (0.0, 0.3, 0.1), (0.0, 1.0, 1.0),
                                      (0.0, 1.0, 0.7), (1000.0, 1001.0, 0.001 * 37),
                                      (0.1, 0.7, 0.2), (0.0, 2.0, 1e-2)]:
        st = neo.SpikeTrain([] * s, t_start=t_start * s, t_stop=t_stop * s)
        b = conv.BinnedSpikeTrain(st, bin_size=bin_size * s, t_start=t_start * s,
                                  t_stop=t_stop * s, tolerance=1e-8)
        edges = b.bin_edges.rescale(s).magnitude
        n = floor_tol((t_stop - t_start) / bin_size)
        assert len(edges) == n + 1
        case("bin_edges", {"t_start": t_start, "t_stop": t_stop, "bin_size": bin_size}, edges)

    # ------------------------------------------------------------ 125 time_slice
    for r in all_trains:
        x = np.sort(val(r))
        for lo, hi in [(0.0, 1.0), (0.1, 0.3), (-1.0, 0.5), (0.2, 0.2000001), (1.5, 10.0)]:
            a = min([lo] + list(x[:1]))
            b = max([hi] + list(x[-1:]))
            st = neo.SpikeTrain(x * s, t_start=a * s, t_stop=b * s)
            case("time_slice", {"spikes": r, "t_start": lo, "t_stop": hi},
                 st.time_slice(lo * s, hi * s).magnitude)

    # ------------------------------------------------------------ 126 merge_spike_trains
    merge_groups = [randoms[:3], [edge["empty"]], [edge["empty"], edge["one"], edge["dup"]],
                    [edge["grid"], edge["grid"]], [edge["negative"], randoms[4], edge["ms_grid"]],
                    [randoms[3]]]
    for g in merge_groups:
        xs = [np.sort(val(r)) for r in g]
        flat = np.concatenate(xs)
        lo = min(0.0, float(flat.min()) if len(flat) else 0.0)
        hi = max(1.0, float(flat.max()) if len(flat) else 1.0)
        merged = pyspike.merge_spike_trains([pyspike.SpikeTrain(x, (lo, hi)) for x in xs])
        case("merge_spike_trains", {"trains": g}, merged.spikes)

    # ------------------------------------------------------------ 127 discretise_spike_times
    def discretise(x, fs, t_start):
        d = np.floor(np.sort(x) * fs + 1e-8) / fs
        d[d < t_start] = t_start
        return d

    agree = 0
    for r in all_trains + [add(poisson(1000, 0.0, 5.0))]:
        x = val(r)
        for fs, t_start in [(1000.0, 0.0), (10000.0, 0.0), (30000.0, 0.0105), (7.5, 0.5),
                            (1000.0, 0.0105), (1.0, -1.0)]:
            d = discretise(x, fs, t_start)
            if len(x) and x.min() >= t_start:
                st = neo.SpikeTrain(np.sort(x) * s, t_start=t_start * s,
                                    t_stop=(x.max() + 1) * s)
                e = conv.discretise_spiketimes(st, fs * pq.Hz).magnitude
                on_grid = np.any(np.abs(x * fs - np.round(x * fs)) < 1e-6)
                if not on_grid:
                    assert np.array_equal(d, e), (r, fs, t_start)
                    agree += 1
            if len(x) <= 200:
                case("discretise_spike_times",
                     {"spikes": r, "sampling_rate": fs, "t_start": t_start}, d)

    meta = {
        "generator": "scripts/reference/analysis/binning.py",
        "elephant": elephant.__version__,
        "numpy": np.__version__,
        "neo": neo.__version__,
        "quantities": pq.__version__,
        "python": platform.python_version(),
        "discretise_cross_checked_with_elephant": agree,
    }
    doc = {"meta": meta, "trains": table.trains}
    doc.update(out)
    text = write_json(opts.out, doc)
    print(f"wrote {opts.out}: {len(text) // 1024} KB, "
          + ", ".join(f"{k} {len(v)}" for k, v in out.items()))


if __name__ == "__main__":
    main()
