"""The figure of one zoo network for docs/gallery (run by `cargo xtask gallery`, which says
how; not a user script): a raster of the run `sc-neurocore run --zoo NAME --out DIR` wrote
(DIR/spikes.npz), the population rate below it, and the statistics the network reproduces
(DIR/summary.json: measured on this run, beside the published values).

    python scripts/gallery/plot.py DIR OUT.png --name NAME --window T0 T1

Needs NumPy and matplotlib (the xtask installs them into .venv). At most MAX_ROWS neurons
are drawn, the first ones of each population in proportion to its size (at least a few of
each), so that the PNG stays small whatever the network's size.
"""

from __future__ import annotations

import argparse
import json
import textwrap
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

MAX_ROWS = 500


def rows_shown(sizes):
    """How many neurons of each population to draw (the first ones): all when they fit,
    else a share of MAX_ROWS in proportion to size, at least MAX_ROWS / (2 × populations)
    (or all of a smaller population) so that every population is visible and labelled."""
    total = sum(sizes)
    if total <= MAX_ROWS:
        return list(sizes)
    floor = MAX_ROWS // (2 * len(sizes))
    base = [min(n, floor) for n in sizes]
    spare = MAX_ROWS - sum(base)
    rest = [n - b for n, b in zip(sizes, base)]
    return [b + min(r, round(spare * r / max(sum(rest), 1))) for b, r in zip(base, rest)]


def fmt(v, unit):
    if v is None:
        return "—"
    s = f"{v:.4g}"
    return s if unit == "1" else f"{s} {unit}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("run_dir", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--name", required=True)
    ap.add_argument("--window", type=float, nargs=2, required=True, metavar=("T0", "T1"))
    a = ap.parse_args()

    summary = json.loads((a.run_dir / "summary.json").read_text())
    spikes = np.load(a.run_dir / "spikes.npz")
    t, gid, pop = spikes["t"], spikes["i"], spikes["pop"]
    pops = summary["populations"]
    sizes = [p["n"] for p in pops]
    offsets = np.cumsum([0] + sizes)
    shown = rows_shown(sizes)
    row_offsets = np.cumsum([0] + shown)
    t0, t1 = a.window
    in_window = (t >= t0) & (t <= t1)

    fig = plt.figure(figsize=(8.0, 5.4), dpi=100)
    grid = fig.add_gridspec(2, 1, height_ratios=[3.2, 1.0], hspace=0.08)
    ax = fig.add_subplot(grid[0])
    ax_rate = fig.add_subplot(grid[1], sharex=ax)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    local_all = gid - offsets[pop]
    drawn = in_window & (local_all < np.asarray(shown)[pop])
    # Dots as large as the density allows (a sparse raster stays legible, a dense one light).
    size = 6.0 if drawn.sum() < 20_000 else 2.5 if drawn.sum() < 100_000 else 1.0
    yticks, ylabels = [], []
    for k, p in enumerate(pops):
        mine = drawn & (pop == k)
        c = colours[k % len(colours)]
        ax.scatter(t[mine] * 1e3, row_offsets[k] + local_all[mine], s=size, marker=".",
                   linewidths=0, color=c, rasterized=True)
        if shown[k]:
            yticks.append(row_offsets[k] + shown[k] / 2)
            label = p["label"] if shown[k] == p["n"] else f"{p['label']} ({shown[k]}/{p['n']})"
            ylabels.append(label)
    ax.set_yticks(yticks)
    ax.set_yticklabels(ylabels, fontsize=7)
    ax.set_ylim(-0.5, row_offsets[-1] - 0.5)
    ax.set_ylabel("neuron (by population)")
    ax.tick_params(labelbottom=False)
    n_total = sum(sizes)
    ax.set_title(f"{a.name}: {n_total:,} neurons, seed {summary['seed']}, "
                 f"dt = {summary['dt_s'] * 1e3:g} ms", fontsize=10)

    # Population rate of the whole network in the window.
    span = t1 - t0
    bin_s = 1e-3 if span <= 1.0 else 10e-3
    edges = np.arange(t0, t1 + bin_s / 2, bin_s)
    counts, _ = np.histogram(t[in_window], bins=edges)
    ax_rate.plot(edges[:-1] * 1e3, counts / (n_total * bin_s), lw=0.7, color="k")
    ax_rate.set_ylabel(f"rate (Hz)\n{bin_s * 1e3:g} ms bins", fontsize=8)
    ax_rate.set_xlabel("time (ms)")
    ax_rate.set_xlim(t0 * 1e3, t1 * 1e3)

    rep = summary.get("reproduces")
    if rep:
        lines = [f"{s['name']}: {fmt(s['measured'], s['unit'])} "
                 f"(published {fmt(s['published'], s['unit'])})" for s in rep["statistics"]]
        text = "\n".join(lines)
        paper = textwrap.shorten(rep["paper"], 110)
    else:
        text, paper = "no statistic declared", ""
    n_lines = text.count("\n") + 2
    fig.text(0.01, 0.01, f"{paper}\n{text}", fontsize=7.5, va="bottom", ha="left",
             family="monospace")
    # Room on the left for the longest population label (about 0.0065 of the width a char).
    left = min(0.35, 0.06 + 0.0065 * max((len(x) for x in ylabels), default=0))
    fig.subplots_adjust(left=left, right=0.97, top=0.94, bottom=0.105 + 0.022 * n_lines)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(a.out, dpi=100)
    plt.close(fig)


if __name__ == "__main__":
    main()
