"""Analysis of a network's output: the Brunel (2000) balanced network in its asynchronous
irregular state (Fig. 8C: g = 5, eta = 2, reset 10 mV), and the statistics one computes from its spikes with
:mod:`sc_neurocore.analysis` (the Elephant-style functions, in seconds and Hz): per-neuron
rates, ISI coefficients of variation, Fano factor, pairwise correlation and the population
rate.

    python examples/analysis.py            # 10,000 + 2,500 neurons, 1 s
    python examples/analysis.py --quick    # 1,000 + 250 neurons, 0.3 s (the test suite)
"""

import argparse
import os

import numpy as np

from sc_neurocore import analysis
from sc_neurocore.model_zoo.configs import brunel_balanced_network


def main(quick=False, out=None):
    import matplotlib.pyplot as plt

    # The quick run keeps the in-degrees (C_E = 1000, C_I = 250) with ten times fewer neurons.
    n_exc, epsilon, duration = (1000, 1.0, 0.3) if quick else (10000, 0.1, 1.0)
    net = brunel_balanced_network(n_exc=n_exc, n_inh=n_exc // 4, epsilon=epsilon, g=5.0,
                                  eta=2.0, v_reset=10.0, seed=3)
    net.run(duration, dt=1e-4)
    spikes = net["exc_spikes"]
    # Per-neuron spike trains (seconds), after a 100 ms transient.
    t0 = 0.1
    trains = [t[t >= t0] for t in (spikes.spike_trains.get(i, np.zeros(0)) for i in range(n_exc))]
    rates = analysis.firing_rates(trains, t_start=t0, t_stop=duration)
    cvs = np.array([analysis.coefficient_of_variation(t) for t in trains if t.size >= 3])
    fano = analysis.fano_factor(trains, t_start=t0, t_stop=duration)
    corr = analysis.mean_pairwise_correlation(trains[:200], bin_size=5e-3, t_start=t0,
                                              t_stop=duration)
    bin_size = 1e-3
    pop_rate = analysis.population_rate(trains, bin_size, t_start=t0, t_stop=duration)
    fig, axes = plt.subplots(2, 2, figsize=(9, 6))
    ax = axes[0, 0]
    keep = spikes.spike_ids < 100
    ax.plot(spikes.spike_times[keep], spikes.spike_ids[keep], "|", ms=3, color="k")
    ax.set_xlabel("time (s)")
    ax.set_ylabel("excitatory neuron (index)")
    ax.set_title("100 of the excitatory neurons")
    ax = axes[0, 1]
    ax.plot(t0 + bin_size * (np.arange(pop_rate.size) + 0.5), pop_rate, lw=0.7)
    ax.set_xlabel("time (s)")
    ax.set_ylabel("population rate (Hz)")
    ax = axes[1, 0]
    ax.hist(rates, bins=30, color="0.3")
    ax.set_xlabel("firing rate (Hz)")
    ax.set_ylabel("neurons (count)")
    ax.set_title(f"mean {np.mean(rates):.1f} Hz, Fano factor {fano:.2f}")
    ax = axes[1, 1]
    ax.hist(cvs, bins=30, color="0.3")
    ax.set_xlabel("ISI coefficient of variation (1)")
    ax.set_ylabel("neurons (count)")
    ax.set_title(f"mean CV {np.mean(cvs):.2f}, correlation {corr:.3f}")
    fig.tight_layout()
    if out is not None:
        fig.savefig(os.path.join(out, "analysis.png"), dpi=120)
    return fig, {"rates": rates, "cvs": cvs, "fano": fano, "correlation": corr,
                 "population_rate": pop_rate}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small, short run")
    parser.add_argument("--out", default=".", help="directory for analysis.png")
    args = parser.parse_args()
    _, r = main(quick=args.quick, out=args.out)
    print(f"rate {np.mean(r['rates']):.2f} Hz, CV {np.mean(r['cvs']):.2f}, Fano {r['fano']:.2f}, "
          f"correlation {r['correlation']:.4f}")
