"""COBA (Brette et al. 2007, benchmark 1; Vogels & Abbott 2005) written as a Brian2 user
would write it, with units: 3,200 excitatory and 800 inhibitory leaky integrate-and-fire
neurons, random connectivity p = 0.02, exponentially decaying conductances (6 nS to 0 mV,
67 nS to -80 mV), random initial potentials and conductances. The activity sustains itself
(no external input); the figure shows a raster and the membrane potential of three neurons.

    python examples/coba.py            # 4,000 neurons, 1 s (about 5 s on two cores)
    python examples/coba.py --quick    # 1,000 neurons, 0.2 s (what the test suite runs)

The same network is in the model zoo (``sc_neurocore.model_zoo.configs.coba``), where it is
compared with Brian2 and NEST.
"""

import argparse
import os

import numpy as np

from sc_neurocore.network import Network, Population, Projection, SpikeMonitor, StateMonitor
from sc_neurocore.units import mV, ms, nS


def build(n_exc=3200, n_inh=800, p=0.02, seed=1):
    rng = np.random.default_rng(seed)
    g_l, tau_m = 10 * nS, 20 * ms
    lif = dict(
        tau_m=tau_m,
        c_m=tau_m * g_l,  # 200 pF: R = 1/g_L, so conductances are Brian's ge in units of g_L
        e_l=-60 * mV,
        v_th=-50 * mV,
        v_reset=-60 * mV,
        t_ref=5 * ms,
    )
    exc = Population("lif", n_exc, label="exc", params={**lif, "v_init": rng.normal(-65, 5, n_exc) * mV})
    inh = Population("lif", n_inh, label="inh", params={**lif, "v_init": rng.normal(-65, 5, n_inh) * mV})
    excitatory = dict(synapse="conductance", tau_syn=5 * ms, e_rev=0 * mV, delay=0.1 * ms)
    # Inhibition is a positive conductance toward an inhibitory reversal potential (a
    # negative conductance is an error).
    inhibitory = dict(synapse="conductance", tau_syn=10 * ms, e_rev=-80 * mV, delay=0.1 * ms)
    net = Network(seed=seed)
    net.add(exc, inh)
    for src, w, kind in ((exc, 6 * nS, excitatory), (inh, 67 * nS, inhibitory)):
        for tgt in (exc, inh):
            net.add(Projection(src, tgt, w, "random", probability=p, **kind))
    # Brian's random initial conductances, in nS (g_L times Brette's N(4, 1.5) and N(20, 12)).
    for pop in (exc, inh):
        net.set_initial_synaptic_state(pop, "conductance", rng.normal(40, 15, pop.n) * nS,
                                       tau_syn=5 * ms, e_rev=0 * mV)
        net.set_initial_synaptic_state(pop, "conductance", rng.normal(200, 120, pop.n) * nS,
                                       tau_syn=10 * ms, e_rev=-80 * mV)
    spikes = SpikeMonitor(exc, label="exc_spikes")
    traces = StateMonitor(exc, "v", record=[0, 1, 2], label="exc_v")
    net.add(spikes, SpikeMonitor(inh, label="inh_spikes"), traces)
    return net


def main(quick=False, out=None):
    """Runs the network and draws the figure; returns ``(figure, results)``."""
    import matplotlib.pyplot as plt

    if quick:
        # A quarter of the neurons with four times the probability: the same in-degree (64 +
        # 16), so the activity still sustains itself.
        net, duration = build(n_exc=800, n_inh=200, p=0.08), 200 * ms
    else:
        net, duration = build(), 1000 * ms
    net.run(duration, dt=0.1 * ms)
    exc = net["exc_spikes"]
    n_exc = net["exc"].n
    rate = exc.count / (n_exc * net.t)
    fig, (ax_raster, ax_v) = plt.subplots(2, 1, figsize=(7, 6), sharex=True)
    ax_raster.plot(exc.spike_times, exc.spike_ids, "|", ms=2, color="k")
    ax_raster.set_ylabel("excitatory neuron (index)")
    ax_raster.set_title(f"COBA: {n_exc} excitatory neurons fire at {rate:.1f} Hz")
    v = net["exc_v"]
    for k, neuron in enumerate(v.indices):
        ax_v.plot(v.times, v.values[:, k], lw=0.8, label=f"neuron {neuron}")
    ax_v.set_xlabel("time (s)")
    ax_v.set_ylabel("membrane potential V (mV)")
    ax_v.legend(loc="upper right", fontsize=8)
    fig.tight_layout()
    if out is not None:
        fig.savefig(os.path.join(out, "coba.png"), dpi=120)
    return fig, {"rate_exc_hz": rate, "spikes": exc.count, "v": v.values}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small, short run")
    parser.add_argument("--out", default=".", help="directory for coba.png")
    args = parser.parse_args()
    _, results = main(quick=args.quick, out=args.out)
    print(f"excitatory rate {results['rate_exc_hz']:.2f} Hz ({results['spikes']} spikes)")
