"""Competitive STDP (Song, Miller & Abbott 2000), as Brian2's ``examples/synapses/STDP.py``:
1,000 Poisson inputs at 15 Hz drive one leaky integrate-and-fire neuron through conductance
synapses with additive all-to-all STDP; the weights, uniform at the start, compete and split
toward the bounds 0 and g_max. The figure shows the weights over time, their final
distribution and the output rate.

    python examples/stdp.py            # 100 s, as Brian2 (about 10 s)
    python examples/stdp.py --quick    # 2 s (the test suite)

The same network is in the model zoo (``sc_neurocore.model_zoo.configs.stdp``), where it is
compared with Brian2.
"""

import argparse
import os

import numpy as np

from sc_neurocore.network import STDP, Network, Population, Projection, SpikeMonitor
from sc_neurocore.units import Hz, in_unit, mV, ms, nS, second


def build(n_inputs=1000, seed=1):
    g_l = 10 * nS
    g_max = 0.01 * in_unit(g_l, "nS")  # weights in nS (a conductance synapse's unit)
    a_plus = 0.01 * g_max
    inputs = Population("poisson", n_inputs, label="inputs", params={"rate": 15 * Hz})
    post = Population(
        "lif",
        1,
        label="post",
        params=dict(tau_m=10 * ms, c_m=10 * ms * g_l, e_l=-74 * mV, v_th=-54 * mV,
                    v_reset=-60 * mV, v_init=-60 * mV, t_ref=0 * ms),
    )
    rng = np.random.default_rng(seed)
    # Every input onto the one neuron, initial weights uniform in [0, g_max): a CSR whose
    # row i holds input i's synapse.
    indptr = np.arange(n_inputs + 1)
    indices = np.zeros(n_inputs, dtype=np.int64)
    weights = rng.uniform(0.0, g_max, n_inputs)
    rule = STDP(tau_plus=20 * ms, tau_minus=20 * ms, a_plus=a_plus, a_minus=1.05 * a_plus,
                w_min=0.0, w_max=g_max)
    syn = Projection(inputs, post, None, (indptr, indices, weights), synapse="conductance",
                     tau_syn=5 * ms, e_rev=0 * mV, delay=0.1 * ms, plasticity=rule,
                     label="inputs->post")
    spikes = SpikeMonitor(post, label="post_spikes")
    return Network(inputs, post, syn, spikes, seed=seed), g_max


def main(quick=False, out=None):
    import matplotlib.pyplot as plt

    duration, chunks = (2 * second, 10) if quick else (100 * second, 100)
    n_inputs = 1000
    net, g_max = build(n_inputs)
    syn = net["inputs->post"]
    times, history = [0.0], [syn.weights / g_max]
    # The weights are read between runs (each run continues where the last stopped).
    for _ in range(chunks):
        net.run(duration / chunks, dt=0.1 * ms)
        times.append(net.t)
        history.append(syn.weights / g_max)
    history = np.array(history)
    rate = net["post_spikes"].count / net.t
    fig, (ax_w, ax_h) = plt.subplots(1, 2, figsize=(9, 3.6))
    ax_w.plot(times, history[:, :20], lw=0.7)
    ax_w.set_xlabel("time (s)")
    ax_w.set_ylabel("weight w / g$_{max}$ (1)")
    ax_w.set_title(f"20 of {n_inputs} synapses; output {rate:.1f} Hz")
    ax_h.hist(history[-1], bins=20, range=(0, 1), color="0.3")
    ax_h.set_xlabel("final weight w / g$_{max}$ (1)")
    ax_h.set_ylabel("synapses (count)")
    fig.tight_layout()
    if out is not None:
        fig.savefig(os.path.join(out, "stdp.png"), dpi=120)
    return fig, {"weights": history, "times": np.array(times), "rate_hz": rate}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 2 s run")
    parser.add_argument("--out", default=".", help="directory for stdp.png")
    args = parser.parse_args()
    _, r = main(quick=args.quick, out=args.out)
    w = r["weights"][-1]
    print(f"output {r['rate_hz']:.1f} Hz; final weights: {np.mean(w < 0.1):.0%} below 0.1 g_max, "
          f"{np.mean(w > 0.9):.0%} above 0.9 g_max")
