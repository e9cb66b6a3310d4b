"""Shared test setup: headless matplotlib, small network builders."""

import os

os.environ.setdefault("MPLBACKEND", "Agg")

import numpy as np
import pytest

from sc_neurocore.network import (
    STDP,
    Network,
    Normal,
    PoissonInput,
    Population,
    Projection,
    RateMonitor,
    SpikeMonitor,
    StateMonitor,
    StepCurrent,
    TimedArray,
    Uniform,
    WeightMonitor,
    ring_topology,
)


def mixed_network(seed=7):
    """A network that uses every feature the engines share: three models, every synapse
    kind (NMDA included), every topology family, uniform and per-synapse delays, online STDP (additive and
    multiplicative, excitatory and inhibitory), every stimulus, every monitor."""
    exc = Population("lif", 80, label="exc", params={"i_e": np.linspace(300, 420, 80)})
    inh = Population("izhikevich", 20, label="inh")
    hh = Population("hodgkin_huxley", 10, label="hh")
    net = Network(seed=seed)
    net.add(
        exc,
        inh,
        hh,
        Projection(exc, exc, weight=0.5, topology="random", probability=0.1, delay=1.5e-3),
        Projection(exc, inh, weight=30.0, topology="fixed_indegree", indegree=10,
                   synapse="exponential", tau_syn=3e-3),
        Projection(inh, exc, weight=-20.0, topology="all_to_all", synapse="alpha",
                   tau_syn=2e-3, delay=2e-3),
        # Conductance and NMDA synapses target LIF cells: their current is in pA, the unit
        # lif takes (the Izhikevich and HH models take theirs in mV/ms and uA/cm^2).
        Projection(exc, exc, weight=2.0, topology="fixed_outdegree", outdegree=3,
                   synapse="conductance", e_rev=0.0, tau_syn=4e-3),
        Projection(exc, exc, weight=0.3, topology="small_world", k=4, p_rewire=0.2,
                   plasticity="stdp"),
        Projection(inh, inh, topology=ring_topology(20, 4, -0.5),
                   delay=np.linspace(1e-3, 3e-3, 80),
                   plasticity=STDP(a_plus=0.02, mode="multiplicative")),
        # NMDA (appended: the tests index the projections above): plastic, and with drawn
        # per-synapse delays and non-default parameters.
        Projection(exc, exc, weight=0.05, topology="random", probability=0.2, synapse="nmda",
                   delay=1e-3, plasticity=STDP(a_plus=0.01, w_max=0.1)),
        Projection(exc, exc, weight=0.5, topology="fixed_outdegree", outdegree=2, synapse="nmda",
                   tau_rise=1e-3, tau_decay=50e-3, alpha=1000.0, mg=1.5, e_rev=5.0,
                   delay=Normal(1.5e-3, 0.5e-3, min=0.2e-3)),
        # Per-synapse values resolved when built: uniform weights, source × target delays,
        # onto an inhibitory conductance.
        Projection(inh, exc, weight=Uniform(0.5, 1.5), topology="random", probability=0.3,
                   synapse="conductance", e_rev=-80.0, tau_syn=8e-3,
                   delay=np.linspace(1e-3, 3e-3, 1600).reshape(20, 80)),
        PoissonInput(80, 400.0, 1.0, target=exc),
        PoissonInput(20, 200.0, 5.0, target=inh, synapse="exponential", seed=3),
        StepCurrent(0.02, 0.08, 8.0, target=hh),
        TimedArray(np.sin(np.linspace(0, 6, 50)) * 5.0, dt=2e-3, target=inh),
    )
    mons = [
        SpikeMonitor(exc),
        SpikeMonitor(inh),
        SpikeMonitor(hh),
        StateMonitor(exc, "v", record=[0, 5, 79], interval=5e-4),
        RateMonitor(inh, bin=5e-3),
        StateMonitor(hh, "m"),
        # Synaptic variables and weights during the run (appended: tests index the above).
        StateMonitor(exc, "gsyn_exc", interval=5e-4),
        StateMonitor(exc, "gsyn_inh", record=[0, 79]),
        StateMonitor(inh, "isyn", record=[0, 3]),
        StateMonitor(exc, "gsyn_nmda", record=[2]),
        WeightMonitor(net.projections[4], interval=1e-3),
        WeightMonitor(net.projections[6], synapses=[0, 5, 9, 5]),
    ]
    net.add(mons)
    return net, mons


def assert_same_results(mons_a, mons_b, net_a, net_b):
    """Bit-identical monitors and weights."""
    for a, b in zip(mons_a, mons_b):
        if isinstance(a, SpikeMonitor):
            np.testing.assert_array_equal(a.spike_times, b.spike_times)
            np.testing.assert_array_equal(a.spike_ids, b.spike_ids)
        elif isinstance(a, (StateMonitor, WeightMonitor)):
            np.testing.assert_array_equal(a.times, b.times)
            np.testing.assert_array_equal(a.values, b.values)
        else:
            np.testing.assert_array_equal(a.counts, b.counts)
            np.testing.assert_array_equal(a.rates, b.rates)
    for pa, pb in zip(net_a.projections, net_b.projections):
        np.testing.assert_array_equal(pa.weights, pb.weights)


@pytest.fixture
def mixed():
    return mixed_network
