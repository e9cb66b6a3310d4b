"""The f-I curve of the Hodgkin-Huxley (1952) squid axon: one population of neurons, each
with its own constant current (``params={"i_e": array}``, one value per neuron), the firing
rate of each measured after a transient. The curve jumps from silence to about 55 Hz
between 6.0 and 6.5 uA/cm^2 (a type II neuron: repetitive firing starts at a finite rate;
the limit cycle exists from 6.26 uA/cm^2, Rinzel & Miller 1980, and a step from rest reaches
it there), then rises slowly (69 Hz at 10, 100 Hz at 30 uA/cm^2).

    python examples/hh_fi_curve.py            # 60 currents, 1 s
    python examples/hh_fi_curve.py --quick    # 16 currents, 0.3 s (the test suite)

Units: the catalogue's ``hodgkin_huxley`` takes currents in uA/cm^2 (its ``input_unit``;
``HodgkinHuxleyNeuron.parameter_info`` lists every parameter's unit), a unit per area that
``sc_neurocore.units`` does not express, so they are plain numbers here.
"""

import argparse
import os

import numpy as np

from sc_neurocore.network import Network, Population, SpikeMonitor
from sc_neurocore.units import in_unit, ms


def f_i_curve(currents, duration=1000 * ms, transient=200 * ms):
    """Rates (Hz) of HH neurons driven by ``currents`` (uA/cm^2), counted after
    ``transient``."""
    hh = Population("hodgkin_huxley", len(currents), label="hh", params={"i_e": currents})
    spikes = SpikeMonitor(hh)
    net = Network(hh, spikes)
    net.run(duration, dt=0.01 * ms)
    t0 = in_unit(transient, "s")  # the monitors give seconds
    late = spikes.spike_times >= t0
    counts = np.bincount(spikes.spike_ids[late], minlength=hh.n)
    return counts / (net.t - t0)


def main(quick=False, out=None):
    import matplotlib.pyplot as plt

    if quick:
        currents, duration = np.linspace(0.0, 30.0, 16), 300 * ms
    else:
        currents, duration = np.linspace(0.0, 30.0, 61), 1000 * ms
    rates = f_i_curve(currents, duration=duration, transient=100 * ms)
    fig, ax = plt.subplots(figsize=(5, 4))
    ax.plot(currents, rates, "o-", ms=3)
    ax.set_xlabel("injected current I (uA/cm$^2$)")
    ax.set_ylabel("firing rate (Hz)")
    ax.set_title("Hodgkin-Huxley f-I curve")
    fig.tight_layout()
    if out is not None:
        fig.savefig(os.path.join(out, "hh_fi_curve.png"), dpi=120)
    return fig, {"currents": currents, "rates": rates}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer currents, shorter run")
    parser.add_argument("--out", default=".", help="directory for hh_fi_curve.png")
    args = parser.parse_args()
    _, r = main(quick=args.quick, out=args.out)
    for i, f in zip(r["currents"], r["rates"]):
        print(f"{i:6.2f} uA/cm^2  {f:6.1f} Hz")
